import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledArgs, findBrowser, puppeteerCachePaths, systemBrowserPaths } from "../src/render/pdf/browser.js";
import { launchArgs } from "../src/render/pdf/launch.js";

function fakeExecutable(dir: string, name: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, 0o755);
  return path;
}

const isolated = { system: false, cache: false, bundled: false } as const;

describe("findBrowser order", () => {
  const dir = mkdtempSync(join(tmpdir(), "ys-browser-"));
  const a = fakeExecutable(dir, "a-chrome");
  const b = fakeExecutable(dir, "b-chrome");
  const c = fakeExecutable(dir, "c-chrome");

  it("--browser beats YARDSTICK_BROWSER beats PUPPETEER_EXECUTABLE_PATH", async () => {
    expect((await findBrowser({ ...isolated, browser: a, env: { YARDSTICK_BROWSER: b, PUPPETEER_EXECUTABLE_PATH: c } })).found).toMatchObject({ path: a, source: "option" });
    expect((await findBrowser({ ...isolated, env: { YARDSTICK_BROWSER: b, PUPPETEER_EXECUTABLE_PATH: c } })).found).toMatchObject({ path: b, source: "YARDSTICK_BROWSER" });
    expect((await findBrowser({ ...isolated, env: { PUPPETEER_EXECUTABLE_PATH: c } })).found).toMatchObject({ path: c, source: "PUPPETEER_EXECUTABLE_PATH" });
  });

  it("an explicit path that does not work is reported, not silently replaced", async () => {
    const search = await findBrowser({ browser: join(dir, "missing"), env: { YARDSTICK_BROWSER: b } });
    expect(search.found).toBeUndefined();
    expect(search.candidates).toEqual([{ source: "option", path: join(dir, "missing"), found: false, reason: "not found" }]);
    const notExec = join(dir, "plain");
    writeFileSync(notExec, "");
    chmodSync(notExec, 0o644);
    const s2 = await findBrowser({ env: { YARDSTICK_BROWSER: notExec } });
    expect(s2.candidates[0]!.reason).toBe("not executable");
    expect(s2.found).toBeUndefined();
  });

  it("finds the newest browser in puppeteer's cache", async () => {
    const cache = mkdtempSync(join(tmpdir(), "ys-pcache-"));
    fakeExecutable(cache, "chrome/linux-120.0.1/chrome-linux64/chrome");
    const newest = fakeExecutable(cache, "chrome/linux-131.0.2/chrome-linux64/chrome");
    const search = await findBrowser({ system: false, bundled: false, platform: "linux", arch: "x64", env: { PUPPETEER_CACHE_DIR: cache } });
    expect(search.found).toMatchObject({ path: newest, source: "puppeteer-cache" });
    expect([...new Set(search.candidates.map((c) => c.source))]).toEqual(["system", "puppeteer-cache"]);
  });

  it("prefers a headless shell to a full browser (faster, less memory), in shell mode", async () => {
    const cache = mkdtempSync(join(tmpdir(), "ys-pcache-"));
    fakeExecutable(cache, "chrome/linux-131.0.2/chrome-linux64/chrome");
    const shell = fakeExecutable(cache, "chrome-headless-shell/linux-120.0.1/chrome-headless-shell-linux64/chrome-headless-shell");
    const search = await findBrowser({ system: false, bundled: false, platform: "linux", arch: "x64", env: { PUPPETEER_CACHE_DIR: cache } });
    expect(search.found).toMatchObject({ path: shell, source: "puppeteer-cache", headless: "shell" });
    expect((await findBrowser({ ...isolated, browser: shell })).found).toMatchObject({ headless: "shell" });
  });

  it("`bundled` names the pinned @sparticuz/chromium; without unpacking it when only its identity is wanted", async () => {
    const search = await findBrowser({ ...isolated, browser: "bundled", platform: "linux", arch: "x64", prepareBundled: false, env: { YARDSTICK_BROWSER: b } });
    expect(search.found).toMatchObject({ source: "@sparticuz/chromium", headless: "shell", identity: "@sparticuz/chromium 143.0.4" });
    const elsewhere = await findBrowser({ ...isolated, env: { YARDSTICK_BROWSER: "bundled" }, platform: "darwin", arch: "arm64" });
    expect(elsewhere.found).toBeUndefined();
    expect(elsewhere.problem?.message).toMatch(/only for Linux x64/);
  });

  it("lists every candidate with a reason when nothing is found", async () => {
    const search = await findBrowser({ system: false, bundled: false, platform: "linux", arch: "x64", env: { PUPPETEER_CACHE_DIR: join(dir, "none") } });
    expect(search.found).toBeUndefined();
    expect(search.candidates.length).toBeGreaterThanOrEqual(3);
    for (const c of search.candidates) expect(c.reason.length).toBeGreaterThan(0);
    expect(search.candidates.at(-1)).toMatchObject({ source: "@sparticuz/chromium", reason: "skipped by option" });
  });

  it("does not offer the bundled Chromium outside Linux x64", async () => {
    const search = await findBrowser({ system: false, cache: false, platform: "darwin", arch: "arm64", env: {} });
    expect(search.found).toBeUndefined();
    expect(search.candidates.at(-1)!.reason).toMatch(/only for Linux x64/);
  });
});

describe("usual places", () => {
  it("knows each OS's install paths", () => {
    expect(systemBrowserPaths("linux", {}, "/home/u")).toEqual(expect.arrayContaining(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/usr/bin/microsoft-edge"]));
    expect(systemBrowserPaths("darwin", {}, "/Users/u")).toContain("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
    expect(systemBrowserPaths("win32", { PROGRAMFILES: "C:\\Program Files" }, "C:\\Users\\u")).toContain("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe");
    expect(puppeteerCachePaths("win32", "x64", {}, "/nonexistent")[0]).toContain("chrome-win64");
  });
});

describe("launch arguments", () => {
  it("stay offline, and drop the bundled Chromium's unsafe flags", () => {
    const args = launchArgs({ source: "@sparticuz/chromium", path: "/x", args: bundledArgs(["--disable-web-security", "--no-zygote", "--headless='shell'", "--allow-running-insecure-content"]), headless: "shell" }, false);
    expect(args).toEqual(expect.arrayContaining(["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-zygote"]));
    expect(args).not.toContain("--disable-web-security");
    expect(args).not.toContain("--allow-running-insecure-content");
    expect(args).not.toContain("--no-sandbox");
    expect(launchArgs({ source: "system", path: "/x", args: [], headless: true }, true)).toContain("--no-sandbox");
  });
});
