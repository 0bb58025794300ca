/**
 * `yardstick import` on the command line: writes DIR/ID.yaml and checks it, never replaces a
 * file (or writes through a symlink), refuses FIFOs and devices before reading, exit codes.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";

const ROOT = resolve(import.meta.dirname, "..");
const SEED = join(ROOT, "seeds/003_cfe4659aedeb1023.txt");
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "yardstick-import-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeIO(cwd: string): CliIO & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), cwd, env: {}, isTTY: false };
  return io;
}

describe("yardstick import", () => {
  it("writes assessments/ID.yaml that passes check, says so, and exits 0", async () => {
    const dir = tempDir();
    const io = fakeIO(dir);
    expect(await run(["import", SEED, "--id", "isk-imported", "--as-of", "2023-01-01"], io)).toBe(0);
    const written = readFileSync(join(dir, "assessments/isk-imported.yaml"), "utf8");
    expect(written).toMatch(/^# yaml-language-server: \$schema=/);
    expect(io.err).toContain("wrote assessments/isk-imported.yaml");
    expect(io.err).toContain("passes `yardstick check`");
    expect(io.out).toContain("import-no-title");
    expect(await run(["check", "assessments/isk-imported.yaml", "--as-of", "2023-01-01"], fakeIO(dir))).toBe(0);
  });

  it("never overwrites a file, nor writes through a symlink", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "assessments"));
    writeFileSync(join(dir, "assessments/isk.yaml"), "mine\n");
    const target = join(dir, "target.txt");
    writeFileSync(target, "keep\n");
    symlinkSync(target, join(dir, "assessments/linked.yaml"));
    const io = fakeIO(dir);
    expect(await run(["import", SEED, "--id", "isk"], io)).toBe(1);
    expect(io.out).toContain("import-exists");
    expect(readFileSync(join(dir, "assessments/isk.yaml"), "utf8")).toBe("mine\n");
    expect(await run(["import", SEED, "--id", "linked"], fakeIO(dir))).toBe(1);
    expect(readFileSync(target, "utf8")).toBe("keep\n");
  });

  it("--dry-run prints the assessment and writes nothing", async () => {
    const dir = tempDir();
    const io = fakeIO(dir);
    expect(await run(["import", SEED, "--id", "isk", "--dry-run", "--format", "json"], io)).toBe(0);
    expect(io.out).toContain("likelihood: highly likely");
    expect(existsSync(join(dir, "assessments"))).toBe(false);
  });

  it("refuses a FIFO and /dev/zero before reading them (a watchdog ends the process if not)", () => {
    const dir = tempDir();
    const fifo = join(dir, "brief.txt");
    execFileSync("mkfifo", [fifo]);
    for (const input of [fifo, "/dev/zero"]) {
      let status = 0;
      let stdout = "";
      try {
        stdout = execFileSync(process.execPath, [join(ROOT, "bin/yardstick.js"), "import", input, "--out", dir], { cwd: dir, timeout: 20_000, encoding: "utf8" });
      } catch (error) {
        const e = error as { status: number | null; signal: string | null; stdout: string };
        expect(e.signal, `${input} was read instead of refused`).toBeNull();
        status = e.status ?? -1;
        stdout = e.stdout;
      }
      expect(status).toBe(1);
      expect(stdout).toContain("file-not-regular");
    }
    expect(readdirSync(dir)).toEqual(["brief.txt"]);
  });

  it("--id with several files is a usage error (exit 2)", async () => {
    const io = fakeIO(tempDir());
    expect(await run(["import", SEED, SEED, "--id", "x"], io)).toBe(2);
    expect(io.err).toMatch(/--id names one assessment/);
  });

  it("a brief with no cut-off writes the file but exits 1 and says why", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "b.txt"), "Title\nKey Judgment 1\nIt is likely that it rains.\n");
    const io = fakeIO(dir);
    expect(await run(["import", "b.txt", "--out", "."], io)).toBe(1);
    expect(io.out).toContain("import-no-cutoff");
    expect(io.err).toContain("does not pass `yardstick check` yet");
  });
});
