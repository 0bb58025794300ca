/**
 * Helpers for the diff tests: fixtures loaded through the real checker, and an in-process CLI.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { defaultConfig } from "../../src/config/load.js";
import { checkText } from "../../src/check/check.js";
import type { Assessment } from "../../src/schema/assessment.js";
import { run } from "../../src/cli/main.js";
import type { CliIO } from "../../src/cli/context.js";

export const DIFF_FIXTURES = resolve(import.meta.dirname, "../fixtures/diff");

/** A diff fixture, checked (throws when it has errors). */
export function fixture(name: string): Assessment {
  const file = name.includes("/") ? name : join(DIFF_FIXTURES, `${name}.yaml`);
  const checked = checkText(readFileSync(file), file, defaultConfig(DIFF_FIXTURES), { asOf: "2025-06-01" });
  if (!checked.assessment) throw new Error(`${name} does not check: ${checked.diagnostics.map((d) => d.message).join("; ")}`);
  return checked.assessment;
}

/** Runs the CLI in-process in a folder; returns exit code and output. */
export async function cli(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    env: { NO_COLOR: "1", ...env },
    isTTY: false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
