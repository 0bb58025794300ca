/**
 * Nothing lost, nothing escapes, end to end: the CLI (spawned, with a watchdog, so a regression
 * fails instead of hanging) against FIFOs, /dev/zero, symbolic links in the output folder, a full
 * disk, and messages forged from input. Cases a regression could not hang on (a config that is a
 * folder, links named like outputs, a bad --out) run the CLI in-process.
 */
import { execFile, execFileSync, type ExecFileException } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-io.js";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "yardstick.js");
const ISK = readFileSync(join(ROOT, "assessments/isk-2022-07.yaml"), "utf8");
/** The watchdog: a guard that regresses makes the command hang, and the test fail at this limit. */
const WATCHDOG_MS = 15_000;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** True when the watchdog had to kill the process. */
  killed: boolean;
}

function yardstick(args: readonly string[], cwd: string): Promise<Ran> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: WATCHDOG_MS, killSignal: "SIGKILL", env: { ...process.env, NO_COLOR: "1", CI: "", GITHUB_ACTIONS: "" }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const e = error as (ExecFileException & { killed?: boolean }) | null;
      done({ code: e ? (typeof e.code === "number" ? e.code : -1) : 0, stdout: String(stdout), stderr: String(stderr), killed: e?.killed === true || e?.signal === "SIGKILL" });
    });
  });
}

/** The same run in-process, for cases that cannot hang. */
async function inProcess(args: readonly string[], cwd: string): Promise<Ran> {
  const r = await runCli(args, { cwd, env: { NO_COLOR: "1" } });
  return { code: r.code ?? -1, stdout: r.stdout, stderr: r.stderr, killed: false };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ys-rel-"));
  mkdirSync(join(dir, "assessments"));
  writeFileSync(join(dir, "assessments", "isk-2022-07.yaml"), ISK);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("bounded reads (spawned with a watchdog; needs npm run build)", () => {
  it("check, textconv, diff and --config refuse a FIFO instead of hanging", async () => {
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    const runs = await Promise.all([
      yardstick(["check", "pipe.yaml"], dir),
      yardstick(["textconv", "pipe.yaml"], dir),
      yardstick(["diff", "pipe.yaml", "assessments/isk-2022-07.yaml"], dir),
      yardstick(["check", "--config", "pipe.yaml", "assessments"], dir),
    ]);
    for (const r of runs) {
      expect(r.killed, r.stderr).toBe(false);
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(/named pipe \(FIFO\)/);
      expect(r.stdout + r.stderr).not.toMatch(/internal error/);
    }
  });

  it("check and build refuse a committed symbolic link to /dev/zero without reading it", async () => {
    symlinkSync("/dev/zero", join(dir, "assessments", "zero.yaml"));
    const files = ["assessments/zero.yaml", "assessments/isk-2022-07.yaml"];
    const [walked, check, build] = await Promise.all([yardstick(["check", "assessments"], dir), yardstick(["check", ...files], dir), yardstick(["build", "--format", "md", ...files], dir)]);
    // Found by the folder walk, it is a link out of the folder: skipped with a warning.
    expect(walked.killed).toBe(false);
    expect(walked.stdout).toMatch(/zero\.yaml {2}warning {2}not followed: the symbolic link points out of the folder given \(\/dev\/zero\)/);
    // Named on the command line, it reaches the reader, which refuses it before reading.
    for (const r of [check, build]) {
      expect(r.killed).toBe(false);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/zero\.yaml {2}error {2}cannot read the file: it is a character device, not a regular file/);
    }
    expect(existsSync(join(dir, "out", "isk-2022-07.md"))).toBe(true);
  });

  it("a folder link out of the input folder is not walked; the build warns and goes on", async () => {
    symlinkSync("/", join(dir, "assessments", "root"));
    writeFileSync(join(dir, "secret.yaml"), "password: hunter2\n");
    symlinkSync(join(dir, "secret.yaml"), join(dir, "assessments", "secret.yaml"));
    const r = await yardstick(["check", "assessments"], dir);
    expect(r.killed).toBe(false);
    expect(r.stdout).toMatch(/assessments\/root {2}warning {2}not followed: the symbolic link points out of the folder given/);
    expect(r.stdout).toMatch(/assessments\/secret\.yaml {2}warning {2}not followed/);
    expect(r.stdout).not.toContain("hunter2");
  });

  it("a missing --config or a folder named like it is a diagnostic, never an internal error", async () => {
    mkdirSync(join(dir, "folder.yaml"));
    const [missing, folder, build] = await Promise.all([
      inProcess(["check", "--config", "nope.yaml", "assessments"], dir),
      inProcess(["check", "--config", "folder.yaml", "assessments"], dir),
      inProcess(["build", "--format", "md", "--config", "folder.yaml", "assessments"], dir),
    ]);
    expect(missing.stdout).toMatch(/nope\.yaml {2}error {2}no such config file/);
    expect(folder.stdout).toMatch(/folder\.yaml {2}error {2}cannot read the file: it is a folder/);
    for (const r of [missing, folder, build]) {
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/internal error/);
    }
  });
});

describe("guarded writes (spawned; needs npm run build)", () => {
  it("refuses a symbolic link named like an output; its target keeps its bytes and mode", async () => {
    const victim = join(dir, "bashrc");
    writeFileSync(victim, "precious\n");
    chmodSync(victim, 0o755);
    mkdirSync(join(dir, "out"));
    symlinkSync(victim, join(dir, "out", "isk-2022-07.md"));
    symlinkSync(victim, join(dir, "out", "manifest.json"));
    const r = await inProcess(["build", "--format", "md"], dir);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(/cannot write .*out\/isk-2022-07\.md \(it is a symbolic link; yardstick does not write through links\)/);
    expect(r.stdout).toMatch(/1 brief: 1 skipped · nothing written/);
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(statSync(victim).mode & 0o777).toBe(0o755);
  });

  it("refuses an output folder that is a symbolic link; nothing is written where it points", async () => {
    const home = join(dir, "home");
    mkdirSync(home);
    symlinkSync(home, join(dir, "out"));
    const r = await inProcess(["build", "--format", "md", "--out", "out"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/out is a symbolic link/);
    expect(readdirSync(home)).toEqual([]);
  });

  it("`--out \"\"` is a usage error", async () => {
    const r = await inProcess(["build", "--format", "md", "--out", ""], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty --out/);
    expect(readdirSync(dir).sort()).toEqual(["assessments"]);
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)("a full disk (a 200 KiB tmpfs) keeps the previous brief, exits non-zero and claims nothing was written (runs as root only)", async () => {
    const mnt = join(dir, "out");
    mkdirSync(mnt);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=200k", "tmpfs", mnt]);
    try {
      const first = await yardstick(["build", "--format", "md"], dir);
      expect(first.code, first.stdout + first.stderr).toBe(0);
      const good = readFileSync(join(mnt, "isk-2022-07.md"));
      const manifestBefore = readFileSync(join(mnt, "manifest.json"), "utf8");
      // Fill the disk, then change the assessment so the brief must be written again.
      try {
        execFileSync("dd", ["if=/dev/zero", `of=${join(mnt, "filler")}`, "bs=4096"], { stdio: "ignore" });
      } catch {
        // dd stops with "No space left on device": the disk is full.
      }
      writeFileSync(join(dir, "assessments", "isk-2022-07.yaml"), ISK.replace("IS-K and the Taliban", "IS-K and the Taliban, revised"));
      const second = await yardstick(["build", "--format", "md"], dir);
      expect(second.code).not.toBe(0);
      // The disk is full before the first byte: the build's lock file or the brief cannot be written.
      expect(second.stdout).toMatch(/cannot (write .*isk-2022-07\.md|write the build's lock file in the output folder) \(ENOSPC\)/);
      expect(second.stdout).toMatch(/nothing written/);
      expect(readFileSync(join(mnt, "isk-2022-07.md")).equals(good)).toBe(true);
      expect(readFileSync(join(mnt, "manifest.json"), "utf8")).toBe(manifestBefore);
      expect(readdirSync(mnt).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    } finally {
      execFileSync("umount", [mnt]);
    }
  });
});
