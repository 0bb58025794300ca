/**
 * Build progress on the terminal. Three modes:
 * - `bar` (an interactive terminal): one line redrawn with `\r` — a bar, done/total and the
 *   file being rendered — fitted to the terminal width, cleared before anything else is printed;
 * - `lines` (CI, or output not a terminal): one plain line per brief, nothing redrawn;
 * - `quiet` (`--quiet`): nothing per brief.
 * The summary line is the build report's (src/build/report.ts), printed once by the command.
 *
 * The reporter only formats and writes through the function it is given; the command decides
 * where (stderr, so `--report json` on stdout stays parseable).
 */

/** How progress is shown. */
export type ProgressMode = "bar" | "lines" | "quiet";

/** What decides the mode. */
export interface ProgressEnvironment {
  /** Whether the output is a terminal. */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** `--quiet`. */
  quiet?: boolean;
}

/** True when the environment says we run in CI (`CI=true`, as every CI service sets; `CI=0`/`false` do not count). */
export function isCI(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = env.CI;
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

/** The mode for an environment: quiet when asked, plain lines in CI or off a terminal, else the bar. */
export function progressMode(e: ProgressEnvironment): ProgressMode {
  if (e.quiet === true) return "quiet";
  if (!e.isTTY || isCI(e.env) || e.env.TERM === "dumb") return "lines";
  return "bar";
}

/** How one brief ended. */
export type BriefOutcome = "built" | "unchanged" | "skipped";

/** One finished brief. */
export interface BriefProgress {
  /** The source file as shown to the user. */
  file: string;
  outcome: BriefOutcome;
  /** Output files written (or, when unchanged, already up to date) by extension, e.g. ["md", "pdf"]. */
  formats?: readonly string[];
  warnings?: number;
  errors?: number;
}

/** Totals for the summary line. */
export interface BuildTotals {
  briefs: number;
  built: number;
  unchanged: number;
  skipped: number;
  pdfs: number;
  warnings: number;
  errors: number;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  mode: ProgressMode;
  /** Where progress goes. */
  write(text: string): void;
  /** Terminal width for the bar (default: COLUMNS, else 80). */
  columns?: number;
  /** Milliseconds clock (default: performance.now). */
  now?: () => number;
  /** Smallest interval between two redraws of the bar, ms (default 50); the first and last always draw. */
  redrawInterval?: number;
}

/** A progress reporter for one build. */
export interface Progress {
  readonly mode: ProgressMode;
  /** The number of briefs to build is known. */
  start(total: number): void;
  /** A brief is being rendered (the bar shows its name). */
  begin(file: string): void;
  /** A brief is done. */
  done(brief: BriefProgress): void;
  /** Prints a line without garbling the bar (it is cleared and redrawn). */
  log(text: string): void;
  /** Clears the bar (before other output goes to the terminal); the next event redraws it. */
  clear(): void;
  /** Clears the bar for good (the build report follows). */
  finish(): void;
  /** What has been counted so far. */
  totals(): BuildTotals;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Shortens text to `width` characters, keeping the end (a file name matters more than its folders). */
export function fitLeft(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(chars.length - Math.max(0, width)).join("");
  return `…${chars.slice(chars.length - (width - 1)).join("")}`;
}

/** One frame of the bar, exactly `columns - 1` characters wide (so it never wraps). */
export function barLine(done: number, total: number, current: string | undefined, columns: number): string {
  const width = Math.max(20, columns) - 1;
  const count = `${done}/${total}`;
  const barWidth = Math.max(10, Math.min(30, Math.floor(width / 4)));
  const filled = total > 0 ? Math.min(barWidth, Math.round((done / total) * barWidth)) : 0;
  const bar = `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}]`;
  const head = `${bar} ${count}`;
  const room = width - head.length - 1;
  const tail = current && room > 3 ? ` ${fitLeft(current, room)}` : "";
  return `${head}${tail}`.padEnd(width, " ").slice(0, width);
}

const OUTCOME_WORD: Record<BriefOutcome, string> = { built: "built", unchanged: "unchanged", skipped: "skipped" };

/** One plain line per brief, for CI logs: "[3/50] built assessments/x.yaml (md, pdf)". */
export function briefLine(index: number, total: number, b: BriefProgress): string {
  const width = String(total).length;
  const extras: string[] = [];
  if (b.formats && b.formats.length > 0 && b.outcome !== "skipped") extras.push(b.formats.join(", "));
  if (b.errors) extras.push(plural(b.errors, "error"));
  if (b.warnings) extras.push(plural(b.warnings, "warning"));
  return `[${String(index).padStart(width, " ")}/${total}] ${OUTCOME_WORD[b.outcome]} ${b.file}${extras.length > 0 ? ` (${extras.join("; ")})` : ""}`;
}

function defaultColumns(): number {
  const env = typeof process !== "undefined" ? Number(process.env.COLUMNS) : NaN;
  return Number.isInteger(env) && env > 0 ? env : 80;
}

/** Creates a progress reporter. */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const columns = options.columns && options.columns > 0 ? options.columns : defaultColumns();
  const interval = options.redrawInterval ?? 50;
  const t: BuildTotals = { briefs: 0, built: 0, unchanged: 0, skipped: 0, pdfs: 0, warnings: 0, errors: 0 };
  let total = 0;
  let finished = 0;
  let current: string | undefined;
  let drawn = false;
  let lastDraw = -Infinity;
  const active = new Set<string>();

  const clear = () => {
    if (drawn) options.write(`\r${" ".repeat(Math.max(20, columns) - 1)}\r`);
    drawn = false;
  };
  const draw = (force: boolean) => {
    if (options.mode !== "bar") return;
    const at = now();
    if (!force && at - lastDraw < interval) return;
    lastDraw = at;
    options.write(`\r${barLine(finished, total, current, columns)}`);
    drawn = true;
  };

  return {
    mode: options.mode,
    start(n) {
      total = n;
      draw(true);
    },
    begin(file) {
      active.add(file);
      current = file;
      draw(false);
    },
    done(b) {
      finished += 1;
      t.briefs += 1;
      t[b.outcome] += 1;
      t.warnings += b.warnings ?? 0;
      t.errors += b.errors ?? 0;
      if (b.outcome !== "skipped" && b.formats?.includes("pdf")) t.pdfs += 1;
      active.delete(b.file);
      if (current === b.file) current = active.values().next().value;
      if (options.mode === "lines") options.write(`${briefLine(finished, Math.max(total, finished), b)}\n`);
      else draw(finished === total);
    },
    log(text) {
      const wasDrawn = drawn;
      clear();
      options.write(text.endsWith("\n") ? text : `${text}\n`);
      if (wasDrawn) draw(true);
    },
    clear,
    finish() {
      clear();
    },
    totals: () => ({ ...t }),
  };
}

/** What the progress needs of a file the build finished (a `BuiltFile` fits). */
export interface FinishedFile {
  status: "built" | "skipped" | "interrupted";
  /** Paths written. */
  outputs: readonly string[];
  /** Paths kept as they were (up to date). */
  reused?: readonly string[];
  diagnostics: ReadonlyArray<{ severity: string }>;
}

/** A finished file as progress shows it: outcome, formats (by extension, in order), counts. */
export function briefProgressOf(shown: string, f: FinishedFile): BriefProgress {
  const reused = f.reused ?? [];
  const formats = [...f.outputs, ...reused].map((p) => /\.([a-z0-9]+)$/i.exec(p)?.[1] ?? "").filter(Boolean);
  const outcome: BriefOutcome = f.status === "skipped" ? "skipped" : f.outputs.length === 0 && reused.length > 0 ? "unchanged" : "built";
  return {
    file: shown,
    outcome,
    formats: [...new Set(formats)],
    warnings: f.diagnostics.filter((d) => d.severity === "warning").length,
    errors: f.diagnostics.filter((d) => d.severity === "error").length,
  };
}
