/**
 * The bundled Chromium through the CLI, chosen explicitly with `--browser bundled` even when a
 * system browser exists: a browser planted in TMPDIR is never run, two builds give identical
 * bytes, and a system without libnss3 (hidden in a private mount namespace) gets the package
 * named. Spawns `node bin/yardstick.js` (run `npm run build` first). Linux x64 only.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseLdconfig } from "../src/render/pdf/libraries.js";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "yardstick.js");
const supported = process.platform === "linux" && process.arch === "x64";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const work = mkdtempSync(join(tmpdir(), "ys-bundled-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const project = join(work, "project");
mkdirSync(join(project, "assessments"), { recursive: true });
copyFileSync(join(ROOT, "assessments", "isk-2022-07.yaml"), join(project, "assessments", "isk-2022-07.yaml"));

function yardstick(args: string[], env: Record<string, string> = {}, wrap?: (cmd: string[]) => string[]) {
  const cmd = wrap ? wrap([process.execPath, BIN, ...args]) : [process.execPath, BIN, ...args];
  return spawnSync(cmd[0]!, cmd.slice(1), { cwd: project, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? work, NO_COLOR: "1", SOURCE_DATE_EPOCH: "1700000000", ...env }, encoding: "utf8", timeout: 180_000 });
}

describe.skipIf(!supported)("--browser bundled", () => {
  it("never runs a browser planted in TMPDIR (the old unpack place), and prints with its own checked copy", { timeout: 200_000 }, () => {
    const planted = join(work, "planted-tmp");
    mkdirSync(planted, { recursive: true });
    chmodSync(planted, 0o1777);
    const marker = join(work, "planted-was-run");
    for (const name of ["chromium", "chromium-pack"]) {
      writeFileSync(join(planted, name), `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
      chmodSync(join(planted, name), 0o755);
    }
    const r = yardstick(["build", "--browser", "bundled", "--format", "pdf", "--out", join(work, "out-planted"), "--force"], { TMPDIR: planted });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 brief: 1 built · written pdf 1 to .* · 0 errors, \d+ warnings?/);
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(join(work, "out-planted", "isk-2022-07.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("gives byte-identical PDFs on two builds, and records the browser in the manifest", { timeout: 200_000 }, () => {
    const a = yardstick(["build", "--browser", "bundled", "--format", "pdf", "--out", join(work, "out-a"), "--force"]);
    const b = yardstick(["build", "--browser", "bundled", "--format", "pdf", "--out", join(work, "out-b"), "--force"]);
    expect([a.status, b.status], a.stderr + b.stderr).toEqual([0, 0]);
    const pa = readFileSync(join(work, "out-a", "isk-2022-07.pdf"));
    const pb = readFileSync(join(work, "out-b", "isk-2022-07.pdf"));
    expect(pa.equals(pb)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(work, "out-a", "manifest.json"), "utf8")) as { briefs: Array<{ outputs: Array<{ format: string; renderedWith?: string }> }> };
    const pdf = manifest.briefs[0]!.outputs.find((o) => o.format === "pdf")!;
    expect(pdf.renderedWith).toMatch(/^@sparticuz\/chromium \d+\.\d+\.\d+$/);
    // Same browser: nothing to do. Another browser: the PDF's hash differs, so it is printed again.
    const same = yardstick(["build", "--browser", "bundled", "--format", "pdf", "--out", join(work, "out-a")]);
    expect(same.stdout).toMatch(/1 brief: 1 unchanged · nothing written/);
    if (existsSync("/usr/bin/chromium")) {
      const other = yardstick(["build", "--browser", "/usr/bin/chromium", "--format", "pdf", "--out", join(work, "out-a")]);
      expect(other.status, other.stderr).toBe(0);
      expect(other.stdout).toMatch(/1 brief: 1 built · written pdf 1/);
      const m2 = JSON.parse(readFileSync(join(work, "out-a", "manifest.json"), "utf8")) as typeof manifest;
      expect(m2.briefs[0]!.outputs.find((o) => o.format === "pdf")!.renderedWith).toMatch(/^Chromium \d+/);
    }
  });

  it.skipIf(!isRoot)("names the missing libnss3 and its package when it is hidden (private mount namespace; needs root)", { timeout: 200_000 }, (ctx) => {
    let nss: string | undefined;
    try {
      nss = parseLdconfig(execFileSync("ldconfig", ["-p"], { encoding: "utf8" })).get("libnss3.so")?.[0];
    } catch {
      // no ldconfig
    }
    if (!nss) return ctx.skip("libnss3 is not installed here, so there is nothing to hide");
    const probe = spawnSync("unshare", ["-m", "--propagation", "private", "true"], { encoding: "utf8" });
    if (probe.status !== 0) return ctx.skip(`unshare -m is not allowed here: ${probe.stderr.trim()}`);
    // Make sure the bundled browser is unpacked before hiding a library.
    expect(yardstick(["doctor", "--browser", "bundled", "--no-launch"]).status).toBe(0);
    const empty = join(work, "empty.so");
    writeFileSync(empty, "");
    const hide = (cmd: string[]) => ["unshare", "-m", "--propagation", "private", "sh", "-c", `mount --bind '${empty}' '${nss}' && exec "$@"`, "sh", ...cmd];
    const doctor = yardstick(["doctor", "--browser", "bundled"], {}, hide);
    expect(doctor.status).toBe(2);
    expect(doctor.stdout).toMatch(/the bundled Chromium at \S+ needs libnss3\.so, which this system does not have/);
    expect(doctor.stdout).toContain("fix: `apt-get install libnss3`");
    expect(doctor.stdout).not.toContain("npm ci");
    const build = yardstick(["build", "--browser", "bundled", "--format", "pdf", "--out", join(work, "out-nss")], {}, hide);
    expect(build.status).not.toBe(0);
    expect(build.stdout + build.stderr).toMatch(/needs libnss3\.so/);
    expect(build.stdout + build.stderr).toContain("apt-get install libnss3");
    expect(build.stdout + build.stderr).not.toMatch(/Target closed|at .*\.js:\d+/);
  });
});
