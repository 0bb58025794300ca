/**
 * A reader that goes away early (`yardstick check … | head`): the compiled CLI ends quietly with
 * its usual exit code, no EPIPE stack trace. Spawns `node bin/yardstick.js` (dist/ is built by the
 * global setup) with a real pipe as stdout whose reading end is closed before the CLI writes.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/yardstick.js");

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; with `closeAfter`, closes the reading end of stdout after that many bytes (0: at once). */
function cli(args: string[], closeAfter?: number): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    if (closeAfter === 0) child.stdout.destroy();
    else
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
        if (closeAfter !== undefined && stdout.length >= closeAfter) child.stdout.destroy();
      });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

const BROKEN = "test/fixtures/invalid/bad-confidence.yaml";
// About 95 kB of findings in one report: more than a pipe holds, so most of it is written after the reader is gone.
const MANY = ["check", "examples", "test/fixtures/invalid"];

describe("stdout closed early", () => {
  it("ends quietly with the usual exit code when the reader closes before anything is written", async () => {
    const run = await cli(["check", BROKEN], 0);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
  });

  it("exit 0 stays 0 with a closed stdout", async () => {
    const run = await cli(["check", "assessments/isk-2022-07.yaml"], 0);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
  });

  it("ends quietly when the reader closes after the first line (like `| head -1`)", async () => {
    const run = await cli(MANY, 1);
    expect(run.stdout).toMatch(/^examples\//);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled|^\s+at /m);
    expect(run.stderr).toBe("");
  });
});
