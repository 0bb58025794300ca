/**
 * The build report: one record of what a build did, made once from its result, from which every
 * style is written (human, json, github) — so the summary line, the JSON and the annotations can
 * never disagree. The manifest is written from the same per-brief records (see index.ts).
 *
 * The human style is compact: one line per problem (`file:line:col  severity  message  rule-id`),
 * grouped by file, then the one summary line. Source frames are for `check` and `build --verbose`.
 */
import { countDiagnostics, sortDiagnostics, type Diagnostic, type DiagnosticCounts } from "../diagnostics/diagnostic.js";
import { escapeControl, formatGithub, formatHuman, PLAIN, type Palette, type ReportFormat } from "../diagnostics/reporter.js";
import type { BuildResult } from "./index.js";

/** Counts of one build. */
export interface BuildCounts {
  /** Input files. */
  briefs: number;
  /** Briefs whose every output was written or kept, with at least one written. */
  built: number;
  /** Briefs whose every output was already up to date. */
  unchanged: number;
  /** Invalid or failed briefs: nothing written for them. */
  skipped: number;
  /** Briefs not reached because the build was stopped. */
  interrupted: number;
  /** Files written now, by format id. */
  written: Record<string, number>;
  /** Files kept as they were, by format id. */
  kept: Record<string, number>;
  problems: DiagnosticCounts;
}

/** The report of one build. */
export interface BuildReport {
  counts: BuildCounts;
  /** Formats asked for, in order. */
  formats: string[];
  /** The output folder as shown. */
  outDir: string;
  /** Every problem, with files as the user named them. */
  diagnostics: Diagnostic[];
  /** Texts of files with problems, by shown path (for source frames). */
  texts: Map<string, string>;
  /** Ids of briefs whose source is gone (left in place, listed under `removed` in the manifest). */
  removed: string[];
  /** Seconds since the process started. */
  seconds: number;
  /** Why the build stopped early, when it did. */
  interrupted?: string;
}

/** What {@link buildReport} needs besides the result. */
export interface ReportInput {
  /** The path to show for a file the build was given. */
  shown(file: string): string;
  outDir: string;
  seconds: number;
}

function formatOfPath(path: string): string {
  return /\.([a-z0-9]+)$/i.exec(path)?.[1] ?? "";
}

/** Makes the report of a build. */
export function buildReport(result: BuildResult, input: ReportInput): BuildReport {
  const counts: BuildCounts = { briefs: result.files.length, built: 0, unchanged: 0, skipped: 0, interrupted: 0, written: {}, kept: {}, problems: { errors: 0, warnings: 0, infos: 0 } };
  for (const f of result.formats) {
    counts.written[f] = 0;
    counts.kept[f] = 0;
  }
  const texts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const f of result.files) {
    const shown = input.shown(f.file);
    if (f.text !== "") texts.set(shown, f.text);
    for (const d of f.diagnostics) diagnostics.push({ ...d, file: shown });
    if (f.status === "skipped") counts.skipped += 1;
    else if (f.status === "interrupted") counts.interrupted += 1;
    else if (f.outputs.length === 0 && (f.reused?.length ?? 0) > 0) counts.unchanged += 1;
    else counts.built += 1;
    if (f.status === "skipped") continue;
    for (const p of f.outputs) counts.written[formatOfPath(p)] = (counts.written[formatOfPath(p)] ?? 0) + 1;
    for (const p of f.reused ?? []) counts.kept[formatOfPath(p)] = (counts.kept[formatOfPath(p)] ?? 0) + 1;
  }
  diagnostics.push(...result.configDiagnostics, ...result.environment);
  counts.problems = countDiagnostics(diagnostics);
  const report: BuildReport = { counts, formats: [...result.formats], outDir: input.outDir, diagnostics, texts, removed: (result.manifest?.removed ?? []).map((b) => b.id), seconds: input.seconds };
  if (result.interrupted !== undefined) report.interrupted = result.interrupted;
  return report;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The one summary line: "5 briefs: 4 built, 1 unchanged, 1 skipped · written md 4, pdf 4 · kept
 * md 1, pdf 1 → out · 1 error, 17 warnings · 3.2 s". Every number is counted from the report.
 */
export function summaryLine(report: BuildReport): string {
  const c = report.counts;
  const states = [c.built > 0 ? `${c.built} built` : "", c.unchanged > 0 ? `${c.unchanged} unchanged` : "", c.skipped > 0 ? `${c.skipped} skipped` : "", c.interrupted > 0 ? `${c.interrupted} not reached` : ""].filter(Boolean);
  const byFormat = (m: Record<string, number>) =>
    Object.entries(m)
      .filter(([, n]) => n > 0)
      .map(([f, n]) => `${f} ${n}`)
      .join(", ");
  const written = byFormat(c.written);
  const kept = byFormat(c.kept);
  const parts = [`${plural(c.briefs, "brief")}${states.length > 0 ? `: ${states.join(", ")}` : ""}`];
  parts.push(written === "" ? `nothing written to ${report.outDir}` : `written ${written} to ${report.outDir}`);
  if (kept !== "") parts.push(`kept ${kept}`);
  const { errors, warnings, infos } = c.problems;
  const problems = [plural(errors, "error"), plural(warnings, "warning")];
  if (infos > 0) problems.push(`${infos} info`);
  parts.push(problems.join(", "));
  if (report.interrupted !== undefined) parts.push(`stopped by ${report.interrupted}`);
  parts.push(`${Math.max(0, report.seconds).toFixed(1)} s`);
  return parts.join(" · ");
}

/** Options of {@link formatBuildReport}. */
export interface BuildReportOptions {
  palette?: Palette;
  /** Full source frames and hints (`build --verbose`). */
  verbose?: boolean;
  /** Only errors (`--quiet`); the summary still counts everything. */
  quiet?: boolean;
}

function compactLines(diagnostics: readonly Diagnostic[], p: Palette): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const d of sortDiagnostics(diagnostics)) {
    if (current !== undefined && d.file !== current) out.push("");
    current = d.file;
    const file = escapeControl(d.file);
    const where = d.file === "" ? "yardstick" : d.line > 0 ? `${file}:${d.line}:${d.column}` : file;
    const severity = d.severity === "error" ? p.red("error") : d.severity === "warning" ? p.yellow("warning") : p.blue("info");
    out.push(`${p.bold(where)}  ${severity}  ${escapeControl(d.message)}  ${p.dim(escapeControl(d.ruleId))}`);
    // An error's fix is worth its line (a missing library, a link in the way); warnings keep one line.
    if (d.severity === "error" && d.hint) out.push(`  ${p.cyan("hint:")} ${escapeControl(d.hint)}`);
  }
  return out;
}

/** The report in one style, as text: problems, then (human, github) the summary line. */
export function formatBuildReport(style: ReportFormat, report: BuildReport, options: BuildReportOptions = {}): string {
  const p = options.palette ?? PLAIN;
  const shown = options.quiet === true ? report.diagnostics.filter((d) => d.severity === "error") : report.diagnostics;
  const summary = summaryLine(report);
  if (style === "json") {
    const sorted = sortDiagnostics(shown);
    const json = { version: 1, summary: { ...report.counts, outDir: report.outDir, seconds: Number(report.seconds.toFixed(3)), ...(report.interrupted !== undefined ? { interrupted: report.interrupted } : {}), removed: report.removed, line: summary }, diagnostics: sorted };
    return `${JSON.stringify(json, null, 2)}\n`;
  }
  if (style === "github") return `${formatGithub(shown)}${summary}\n`;
  const lines: string[] = [];
  if (options.verbose === true && shown.length > 0) {
    const full = formatHuman(shown, { palette: p, sourceOf: (f) => report.texts.get(f) }).trimEnd().split("\n");
    full.pop(); // its own summary line: the build has one
    lines.push(...full);
  } else lines.push(...compactLines(shown, p));
  if (lines.length > 0 && lines[lines.length - 1] !== "") lines.push("");
  if (report.removed.length > 0 && options.quiet !== true) {
    lines.push(`note: ${plural(report.removed.length, "brief")} in ${report.outDir} no longer ${report.removed.length === 1 ? "has a source" : "have sources"} (left in place, listed under "removed" in manifest.json): ${report.removed.join(", ")}`);
  }
  const colour = report.counts.problems.errors > 0 ? (s: string) => p.red(p.bold(s)) : report.counts.problems.warnings > 0 ? (s: string) => p.yellow(p.bold(s)) : p.green;
  lines.push(colour(summary));
  return `${lines.join("\n")}\n`;
}
