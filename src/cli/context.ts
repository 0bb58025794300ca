/**
 * What every command gets: where to print, the environment, colours, and how to set the exit code.
 */
import pc from "picocolors";
import { PLAIN, type Palette } from "../diagnostics/reporter.js";

/** The process edges, injectable so tests can run the CLI in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour, progress bars). */
  isTTY: boolean;
  /** Registers a handler for Ctrl-C and SIGTERM (called with the signal's name); returns a function that removes it. */
  onInterrupt?(handler: (signal?: string) => void): () => void;
}

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130, terminated: 143 } as const;

/** Shared state of one CLI run. */
export interface CliContext {
  io: CliIO;
  palette: Palette;
  /** Sets the exit code; the highest code set wins. */
  exit(code: number): void;
}

/** An error the user can fix (bad option, missing browser): printed without a stack, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** Whether to colour output: a TTY, unless NO_COLOR is set; FORCE_COLOR forces it. */
export function wantsColor(io: CliIO, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  return io.isTTY;
}

/** picocolors with colour on, or the plain palette. */
export function paletteFor(color: boolean): Palette {
  if (!color) return PLAIN;
  const c = pc.createColors(true);
  return { red: c.red, yellow: c.yellow, blue: c.blue, dim: c.dim, bold: c.bold, cyan: c.cyan, green: c.green };
}
