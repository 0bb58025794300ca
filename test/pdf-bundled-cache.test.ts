/**
 * The bundled browser's per-user cache, on a small fake `@sparticuz/chromium` package (a shell
 * script as "chromium" and a tar archive of libraries, both brotli-compressed like the real one):
 * unpacking as the current user with 0700, refusing foreign-owned or writable folders, replacing
 * files that do not hash to what the package ships, and never trusting the cache's own content.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync } from "node:zlib";
import * as tar from "tar-stream";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_DIGESTS } from "../src/render/pdf/bundled-digests.js";
import { archiveDigestsOf, BundledBrowserError, bundledPackage, digestsFromPackage, prepareBundledBrowser, secureCacheFolder, userCacheDir, type BundledPackage } from "../src/render/pdf/bundled.js";
import type { BundledDigests } from "../src/render/pdf/bundled-digests.js";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const OTHER_UID = 4242;
const work = mkdtempSync(join(tmpdir(), "ys-bundled-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function tarOf(entries: Array<{ name: string; body?: string; type?: "file" | "symlink"; linkname?: string; uid?: number }>): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? "file", mode: 0o775, uid: e.uid ?? 1000, gid: 1000, ...(e.linkname ? { linkname: e.linkname } : {}) }, e.body ?? "");
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A fake package whose "chromium" is a script that writes `marker` when run. */
async function fakePackage(name: string, marker: string): Promise<BundledPackage> {
  const dir = join(work, name);
  mkdirSync(join(dir, "bin"), { recursive: true });
  writeFileSync(join(dir, "bin", "chromium.br"), brotliCompressSync(Buffer.from(`#!/bin/sh\necho bundled > '${marker}'\n`)));
  writeFileSync(
    join(dir, "bin", "swiftshader.tar.br"),
    brotliCompressSync(
      await tarOf([
        { name: "libEGL.so", body: "egl" },
        { name: "../escape.so", body: "nope" },
        { name: "link.so", type: "symlink", linkname: "/etc/passwd" },
      ]),
    ),
  );
  return { dir, version: "1.0.0-test" };
}

async function tableFor(pkg: BundledPackage): Promise<Record<string, BundledDigests>> {
  return { [pkg.version]: { archives: await archiveDigestsOf(pkg.dir), files: await digestsFromPackage(pkg.dir) } };
}

describe("the bundled browser's cache folder", () => {
  it("is per user: XDG_CACHE_HOME when absolute, else ~/.cache", () => {
    expect(userCacheDir({ XDG_CACHE_HOME: "/x/cache" }, "/home/u")).toBe("/x/cache/yardstick");
    expect(userCacheDir({ XDG_CACHE_HOME: "relative" }, "/home/u")).toBe("/home/u/.cache/yardstick");
    expect(userCacheDir({}, "/home/u")).toBe("/home/u/.cache/yardstick");
  });

  it("unpacks as the current user, 0700, only the package's plain files, and checks them", async () => {
    const marker = join(work, "marker-1");
    const pkg = await fakePackage("pkg1", marker);
    const xdg = join(work, "xdg1");
    const table = await tableFor(pkg);
    expect(Object.keys(table[pkg.version]!.files).sort()).toEqual(["chromium", "libEGL.so"]);
    const first = await prepareBundledBrowser({ pkg, table, env: { XDG_CACHE_HOME: xdg } });
    expect(first.unpacked).toBe(true);
    expect(first.executable).toBe(join(xdg, "yardstick", "chromium-1.0.0-test", "chromium"));
    for (const p of [join(xdg, "yardstick"), first.dir, first.executable, join(first.dir, "libEGL.so")]) {
      const st = lstatSync(p);
      expect(st.uid).toBe(process.getuid!());
      expect((st.mode & 0o777).toString(8)).toBe("700");
    }
    expect(existsSync(join(xdg, "yardstick", "escape.so"))).toBe(false);
    expect(existsSync(join(first.dir, "link.so"))).toBe(false);
    const again = await prepareBundledBrowser({ pkg, table, env: { XDG_CACHE_HOME: xdg } });
    expect(again.unpacked).toBe(false);
    expect(existsSync(marker)).toBe(false);
  });

  it("replaces an unpacked file that does not hash to what the package ships (the cache is never trusted)", async () => {
    const marker = join(work, "marker-2");
    const pkg = await fakePackage("pkg2", marker);
    const xdg = join(work, "xdg2");
    const table = await tableFor(pkg);
    const { executable } = await prepareBundledBrowser({ pkg, table, env: { XDG_CACHE_HOME: xdg } });
    const planted = join(work, "planted-2");
    writeFileSync(executable, `#!/bin/sh\necho planted > '${planted}'\n`);
    const next = await prepareBundledBrowser({ pkg, table, env: { XDG_CACHE_HOME: xdg } });
    expect(next.unpacked).toBe(true);
    expect(readFileSync(executable, "utf8")).toContain(marker);
    spawnSync(executable);
    expect(existsSync(planted)).toBe(false);
    expect(readFileSync(marker, "utf8")).toBe("bundled\n");
  });

  it("derives the digests from the package itself when its version is not in the table, and rejects a damaged package", async () => {
    const pkg = await fakePackage("pkg3", join(work, "marker-3"));
    const xdg = join(work, "xdg3");
    const ok = await prepareBundledBrowser({ pkg, table: {}, env: { XDG_CACHE_HOME: xdg } });
    expect(ok.unpacked).toBe(true);
    // A table that claims other content for this version: the package's archives differ from
    // the table's, so the digests come from the archives — and the unpacked files still match.
    const wrong = { [pkg.version]: { archives: { "chromium.br": "0".repeat(64), "swiftshader.tar.br": "0".repeat(64) }, files: { chromium: "0".repeat(64), "libEGL.so": "0".repeat(64) } } };
    rmSync(ok.dir, { recursive: true });
    await expect(prepareBundledBrowser({ pkg, table: wrong, env: { XDG_CACHE_HOME: join(work, "xdg3b") } })).resolves.toMatchObject({ unpacked: true });
    // A table that matches the archives but not their content: the package is damaged.
    const lying = { [pkg.version]: { archives: await archiveDigestsOf(pkg.dir), files: { chromium: "0".repeat(64), "libEGL.so": "0".repeat(64) } } };
    await expect(prepareBundledBrowser({ pkg, table: lying, env: { XDG_CACHE_HOME: join(work, "xdg3c") } })).rejects.toThrow(/damaged|not the one/);
    expect(existsSync(join(work, "xdg3c", "yardstick", "chromium-1.0.0-test", "chromium"))).toBe(false);
  });

  it("refuses a cache folder others can write, or one whose parent others can write (without the sticky bit)", async () => {
    const pkg = await fakePackage("pkg4", join(work, "marker-4"));
    const table = await tableFor(pkg);
    const xdg = join(work, "xdg4");
    mkdirSync(join(xdg, "yardstick"), { recursive: true, mode: 0o700 });
    chmodSync(join(xdg, "yardstick"), 0o777);
    await expect(prepareBundledBrowser({ pkg, table, env: { XDG_CACHE_HOME: xdg } })).rejects.toThrow(/can be written by others \(mode 777\)/);
    const open = join(work, "open");
    mkdirSync(open, { mode: 0o777 });
    chmodSync(open, 0o777);
    expect(() => secureCacheFolder(join(open, "yardstick", "c"), 2)).toThrow(/above the browser cache, can be written by others/);
    chmodSync(open, 0o1777); // like /tmp: sticky, so nobody can replace another's folder
    expect(secureCacheFolder(join(open, "yardstick", "c"), 2)).toBe(join(open, "yardstick", "c"));
  });

  it.skipIf(!isRoot)("never runs a planted browser from a foreign-owned cache folder (needs root for chown)", async () => {
    const marker = join(work, "marker-5");
    const pkg = await fakePackage("pkg5", join(work, "marker-5-real"));
    const table = await tableFor(pkg);
    const xdg = join(work, "xdg5");
    const planted = join(xdg, "yardstick", "chromium-1.0.0-test");
    mkdirSync(planted, { recursive: true, mode: 0o700 });
    writeFileSync(join(planted, "chromium"), `#!/bin/sh\necho planted > '${marker}'\n`, { mode: 0o755 });
    chownSync(planted, OTHER_UID, OTHER_UID);
    chownSync(join(planted, "chromium"), OTHER_UID, OTHER_UID);
    const error = await prepareBundledBrowser({ pkg, table, env: { XDG_CACHE_HOME: xdg } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundledBrowserError);
    expect((error as BundledBrowserError).message).toMatch(new RegExp(`${planted} is owned by uid ${OTHER_UID}, not by you \\(uid 0\\)`));
    expect((error as BundledBrowserError).hint).toMatch(/remove .*XDG_CACHE_HOME/);
    // A foreign file inside the user's own folder is refused too.
    chownSync(planted, 0, 0);
    await expect(prepareBundledBrowser({ pkg, table, env: { XDG_CACHE_HOME: xdg } })).rejects.toThrow(/chromium is owned by uid 4242/);
    expect(existsSync(marker)).toBe(false);
  });

  it.skipIf(!isRoot)("gives a second user their own copy, owned by them, beside the first user's 0700 folder (needs root to run as another uid)", async () => {
    const pkg = await fakePackage("pkg6", join(work, "marker-6"));
    chmodSync(work, 0o755);
    const rootHome = join(work, "home-root");
    const first = await prepareBundledBrowser({ pkg, table: await tableFor(pkg), home: rootHome, env: {} });
    expect(lstatSync(first.dir).uid).toBe(0);
    // The old place, $TMPDIR/chromium, as another user's private folder: irrelevant now.
    mkdirSync(join(work, "tmp6", "chromium"), { recursive: true, mode: 0o700 });
    chmodSync(join(work, "tmp6"), 0o1777);
    const otherHome = join(work, "home-other");
    mkdirSync(otherHome, { mode: 0o700 });
    chownSync(otherHome, OTHER_UID, OTHER_UID);
    // The compiled module (`npm run build` first), run as the other user.
    const script = `const m = await import(${JSON.stringify(new URL("../dist/render/pdf/bundled.js", import.meta.url).href)});
const pkg = ${JSON.stringify(pkg)};
const table = { [pkg.version]: { archives: await m.archiveDigestsOf(pkg.dir), files: await m.digestsFromPackage(pkg.dir) } };
console.log(JSON.stringify(await m.prepareBundledBrowser({ pkg, table, env: {} })));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { uid: OTHER_UID, gid: OTHER_UID, env: { HOME: otherHome, PATH: process.env.PATH, TMPDIR: join(work, "tmp6") }, encoding: "utf8", cwd: work });
    expect(child.stderr).toBe("");
    const r = JSON.parse(child.stdout) as { dir: string; unpacked: boolean };
    expect(r.dir).toBe(join(otherHome, ".cache", "yardstick", "chromium-1.0.0-test"));
    expect(r.unpacked).toBe(true);
    expect(lstatSync(join(r.dir, "chromium")).uid).toBe(OTHER_UID);
    expect(lstatSync(first.executable).uid).toBe(0);
  });

});

describe("the digest table (the trust anchor of the unpacked browser)", () => {
  const pkg = bundledPackage();
  it.skipIf(!pkg)("matches the installed @sparticuz/chromium, whose version package.json pins exactly (regenerate: node scripts/bundled-digests.js)", { timeout: 60_000 }, async () => {
    const pinned = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> }).dependencies["@sparticuz/chromium"];
    expect(pinned).toBe(pkg!.version);
    const entry = BUNDLED_DIGESTS[pkg!.version];
    expect(entry, `no digests for @sparticuz/chromium ${pkg!.version}`).toBeDefined();
    expect(await archiveDigestsOf(pkg!.dir)).toEqual(entry!.archives);
    expect(await digestsFromPackage(pkg!.dir)).toEqual(entry!.files);
  });
});
