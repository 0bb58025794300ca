/**
 * Browser faults end cleanly: a fake browser (test/fixtures/fake-browser.mjs, the real Chromium
 * behind a proxy of the DevTools pipe) crashes, hangs or refuses to start mid-build. Each brief it
 * prevented gets a diagnostic, the PDFs already printed and every Markdown brief are kept, the
 * report and manifest are written, the browser and its profile are gone, and the exit code is 2.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIO } from "../src/cli/context.js";
import { run } from "../src/cli/main.js";
import { PROFILE_OWNER_FILE, removeStaleProfiles } from "../src/render/pdf/profiles.js";
import { ROOT } from "./helpers/pdf-examples.js";

const CHROMIUM = "/usr/bin/chromium";
const FAKE = join(ROOT, "test", "fixtures", "fake-browser.mjs");
const work = mkdtempSync(join(tmpdir(), "yardstick-faults-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function io(env: Record<string, string | undefined>): CliIO & { out: string; err: string } {
  const o = { out: "", err: "", stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t), cwd: ROOT, env, isTTY: false };
  return o;
}

/** Three valid assessments, a wrapper that runs the fake browser in `mode`, and its log. */
function setup(name: string, mode: string) {
  const dir = join(work, name);
  const input = join(dir, "in");
  mkdirSync(input, { recursive: true });
  const seed = readFileSync(join(ROOT, "assessments", "isk-2022-07.yaml"), "utf8");
  for (const i of [1, 2, 3]) writeFileSync(join(input, `brief-${i}.yaml`), seed.replace(/^id: .*$/m, `id: brief-${i}`));
  const log = join(dir, "fake.log");
  const browser = join(dir, "browser.sh");
  writeFileSync(browser, `#!/bin/sh\nFAKE_BROWSER_MODE=${mode} FAKE_BROWSER_LOG='${log}' FAKE_BROWSER_REAL='${CHROMIUM}' exec '${process.execPath}' '${FAKE}' "$@"\n`);
  chmodSync(browser, 0o755);
  return { input, out: join(dir, "out"), browser, log };
}

/** Running (a zombie waiting for its reaper counts as ended). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
};

/** The fake's pid, Chromium's pid and the profile folder, as the fake logged them. */
function launched(log: string): Array<{ pid: number; chromium: number; profile: string }> {
  return existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { pid: number; chromium: number; profile: string }) : [];
}

async function expectCleanedUp(log: string) {
  const runs = launched(log);
  expect(runs.length).toBeGreaterThan(0); // the browser may be started more than once (a version probe first)
  // Give the killed processes a moment to be reaped.
  for (let i = 0; i < 50 && runs.some((r) => alive(r.pid) || alive(r.chromium)); i++) await new Promise((r) => setTimeout(r, 100));
  for (const r of runs) {
    expect(alive(r.pid), "the fake browser is still running").toBe(false);
    expect(alive(r.chromium), "Chromium is still running").toBe(false);
    expect(existsSync(r.profile), `profile ${r.profile} left behind`).toBe(false);
  }
}

describe.skipIf(!existsSync(CHROMIUM))("browser faults mid-build", () => {
  it("a browser that crashes at the second brief: first PDF and all Markdown kept, a diagnostic per affected brief, manifest written, exit 2", async () => {
    const { input, out, browser, log } = setup("crash", "crash-after-2");
    const o = io({ YARDSTICK_PDF_TIMEOUT: "20000" });
    const code = await run(["build", input, "--out", out, "--browser", browser, "--jobs", "1", "--report", "json"], o);
    expect(code).toBe(2);
    expect(existsSync(join(out, "brief-1.pdf"))).toBe(true);
    expect(existsSync(join(out, "brief-2.pdf"))).toBe(false);
    for (const i of [1, 2, 3]) expect(existsSync(join(out, `brief-${i}.md`))).toBe(true);
    expect(existsSync(join(out, "manifest.json"))).toBe(true);
    const report = o.out + o.err;
    expect(report).toMatch(/brief-2\.yaml[\s\S]*renderer-crashed|renderer-crashed[\s\S]*brief-2\.yaml/);
    expect(report).toContain("the browser stopped during the build");
    expect(report).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    await expectCleanedUp(log);
  });

  it("a browser that stops answering: per-operation timeouts, then the same clean end", async () => {
    const { input, out, browser, log } = setup("hang", "hang-after-2");
    const o = io({ YARDSTICK_PDF_TIMEOUT: "2000" });
    const code = await run(["build", input, "--out", out, "--browser", browser, "--jobs", "1", "--report", "json"], o);
    expect(code).toBe(2);
    expect(existsSync(join(out, "brief-1.pdf"))).toBe(true);
    for (const i of [1, 2, 3]) expect(existsSync(join(out, `brief-${i}.md`))).toBe(true);
    expect(existsSync(join(out, "manifest.json"))).toBe(true);
    const report = o.out + o.err;
    expect(report).toContain("renderer-unresponsive");
    expect(report).toContain("the browser stopped answering");
    expect(report).not.toContain("render-failed");
    await expectCleanedUp(log);
  });

  it("a browser that exits at once: the PDF format is reported unavailable, Markdown still written, exit 2", async () => {
    const { input, out, browser } = setup("exit", "exit");
    const o = io({ YARDSTICK_PDF_TIMEOUT: "5000" });
    const code = await run(["build", input, "--out", out, "--browser", browser, "--report", "json"], o);
    expect(code).toBe(2);
    expect(o.out + o.err).toContain("could not be started");
    for (const i of [1, 2, 3]) expect(existsSync(join(out, `brief-${i}.md`))).toBe(true);
  });
});

describe.skipIf(!existsSync(CHROMIUM))("big but valid inputs", () => {
  it("a brief too large to print gets a diagnostic before it is printed; its Markdown and the other PDFs are written", async () => {
    const dir = join(work, "big");
    const input = join(dir, "in");
    mkdirSync(input, { recursive: true });
    const judgments = Array.from(
      { length: 2600 },
      (_, i) => `  - id: j${i}\n    likelihood: likely\n    statement: the group will continue attacks in region ${i} over the next twelve months.\n    horizon: 12 months\n    evidence:\n      - Report ${i} says so.\n`,
    ).join("");
    writeFileSync(join(input, "big.yaml"), `yardstick: 1\nid: big\ntitle: A large assessment\ncutoff: 2022-07-09\nscale: phia\nsummary: Large.\njudgments:\n${judgments}`);
    writeFileSync(join(input, "small.yaml"), readFileSync(join(ROOT, "assessments", "isk-2022-07.yaml"), "utf8").replace(/^id: .*$/m, "id: small"));
    const out = join(dir, "out");
    const o = io({});
    const code = await run(["build", input, "--out", out, "--browser", CHROMIUM, "--report", "json"], o);
    expect(code).toBe(1);
    expect(existsSync(join(out, "big.md"))).toBe(true);
    expect(existsSync(join(out, "big.pdf"))).toBe(false);
    expect(existsSync(join(out, "small.pdf"))).toBe(true);
    const report = o.out + o.err;
    expect(report).toContain("render-too-large");
    expect(report).toMatch(/2600 judgments make \d+\.\d MB of HTML/);
  }, 120_000);
});

describe("profiles left by a killed yardstick", () => {
  it("are removed on the next start when their owner is gone; live and fresh ones are kept", () => {
    const root = mkdtempSync(join(work, "tmp-"));
    const make = (name: string, owner?: string) => {
      const dir = join(root, name);
      mkdirSync(dir);
      writeFileSync(join(dir, "Local State"), "{}");
      if (owner !== undefined) writeFileSync(join(dir, PROFILE_OWNER_FILE), owner);
      return dir;
    };
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const gone = make("yardstick-chromium-gone", `${hostname()} ${dead}`);
    const live = make("yardstick-chromium-live", `${hostname()} ${process.pid}`);
    const otherHost = make("yardstick-chromium-elsewhere", `another-host ${dead}`);
    const fresh = make("yardstick-chromium-fresh");
    const old = make("yardstick-chromium-old");
    utimesSync(old, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const unrelated = make("something-else", `${hostname()} ${dead}`);
    const removed = removeStaleProfiles(root);
    expect(removed.sort()).toEqual([gone, old].sort());
    for (const kept of [live, otherHost, fresh, unrelated]) expect(existsSync(kept)).toBe(true);
    expect(existsSync(gone)).toBe(false);
  });
});
