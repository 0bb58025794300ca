/**
 * The CLI run in-process, the way `bin/yardstick.js` runs it but with the process edges faked:
 * output collected into strings, the working folder and environment given, no terminal. Tests
 * about what a command does use this (milliseconds); the few tests about the process itself —
 * exit status of a real process, signals, what reaches the real stdout/stderr, module loading,
 * installing the package — spawn `node bin/yardstick.js` (see `spawnCli`).
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import type { CliIO } from "../../src/cli/context.js";
import { run } from "../../src/cli/main.js";

/** The repository's root folder. */
export const ROOT = resolve(import.meta.dirname, "../..");

/** The launcher a user runs (needs dist/, which the global setup builds). */
export const BIN = join(ROOT, "bin/yardstick.js");

/** A fake CliIO whose output accumulates in `out` and `err`. */
export type FakeIO = CliIO & { out: string; err: string };

/** A fake CliIO for `cwd` with exactly the environment `env` (nothing of the real one), not a terminal. */
export function fakeIO(cwd: string = ROOT, env: Record<string, string | undefined> = {}, isTTY = false): FakeIO {
  const io: FakeIO = {
    out: "",
    err: "",
    stdout: (t) => void (io.out += t),
    stderr: (t) => void (io.err += t),
    cwd,
    env,
    isTTY,
  };
  return io;
}

/** What one CLI run gave: exit code and both outputs. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of one CLI run. */
export interface CliOptions {
  cwd?: string;
  /** The whole environment of the run (in-process: nothing of the real one is seen). */
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
}

/** Runs `yardstick <args>` in-process and returns its exit code and output. */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const io = fakeIO(options.cwd ?? ROOT, options.env ?? {}, options.isTTY ?? false);
  const code = await run(args, io);
  return { code, stdout: io.out, stderr: io.err };
}

/** Options of a spawned CLI run. */
export interface SpawnOptions {
  cwd?: string;
  /** Changes to the inherited environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** Arguments for node before the script (`--import …`). */
  nodeArgs?: string[];
}

/** Runs `node bin/yardstick.js <args>` as a real process (for tests about the process itself). */
export function spawnCli(args: readonly string[], options: SpawnOptions = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((done) => {
    execFile(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], { cwd: options.cwd ?? ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}
