/**
 * One reporter for diagnostics: compiler-style text for humans, JSON for tools, and GitHub
 * Actions workflow commands for CI annotations. Returns strings; the CLI prints them.
 */
import { countDiagnostics, sortDiagnostics, type Diagnostic, type Severity } from "./diagnostic.js";

/** Output formats of the reporter. */
export type ReportFormat = "human" | "json" | "github";

/** Colour functions; identity functions when colour is off. */
export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

/** A palette that adds no colour. */
export const PLAIN: Palette = { red: (s) => s, yellow: (s) => s, blue: (s) => s, dim: (s) => s, bold: (s) => s, cyan: (s) => s, green: (s) => s };

/** What the human format needs besides the diagnostics. */
export interface HumanOptions {
  palette?: Palette;
  /** The text of each file, to show the offending line with a caret. */
  sourceOf?: (file: string) => string | undefined;
  /** Files checked, for the summary line. */
  fileCount?: number;
}

/**
 * Characters from input that must not reach a terminal or a CI log as they are: C0 and C1
 * controls (newline, carriage return, ESC, …; a tab is kept), DEL, line and paragraph separators,
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+061C, U+200E, U+200F),
 * and lone UTF-16 surrogates.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\u001b": "\\e" };

/** How an unsafe character is shown: `\n`, `\r`, `\e`, else `\u{202e}`. */
function shown(ch: string): string {
  return NAMED[ch] ?? `\\u{${ch.charCodeAt(0).toString(16).padStart(4, "0")}}`;
}

/**
 * Makes text from input safe to print on one line: control characters, bidi overrides and lone
 * surrogates become visible escapes (`\n`, `\e`, `\u{202e}`), so a value can neither forge a
 * new log line (a GitHub `::error` command) nor send escape sequences to a terminal.
 */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, shown);
}

function severityWord(s: Severity, p: Palette): string {
  if (s === "error") return p.red("error");
  if (s === "warning") return p.yellow("warning");
  return p.blue("info");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Expands tabs and escapes unsafe characters so the caret lines up with what the terminal shows. */
function visibleColumn(line: string, column: number): { text: string; col: number } {
  let col = 0;
  let text = "";
  const pieces = line.match(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g) ?? [];
  let i = 0;
  for (const ch of pieces) {
    if (i === column - 1 || (ch.length === 2 && i + 1 === column - 1)) col = text.length;
    if (ch === "\t") text += "  ";
    else text += escapeControl(ch);
    i += ch.length;
  }
  if (column - 1 >= line.length) col = text.length;
  return { text, col };
}

/** The offending line and a caret under the column (with `~` under the rest of the node on that line). */
export function codeFrame(source: string, d: Diagnostic, p: Palette = PLAIN): string[] {
  return frameOfLines(source.split(/\r?\n/), d, p);
}

/** {@link codeFrame} on a text already split into lines (split once per file, not per diagnostic). */
function frameOfLines(lines: readonly string[], d: Pick<Diagnostic, "line" | "column" | "endLine" | "endColumn" | "severity">, p: Palette): string[] {
  if (d.line < 1) return [];
  const raw = lines[d.line - 1];
  if (raw === undefined) return [];
  const clipped = raw.length > 200 ? raw.slice(0, 200) + "…" : raw;
  const { text, col } = visibleColumn(clipped, d.column);
  const gutter = String(d.line);
  const pad = " ".repeat(gutter.length);
  let width = 1;
  if (d.endLine === d.line && d.endColumn !== undefined && d.endColumn > d.column) {
    width = Math.max(1, Math.min(d.endColumn - d.column, text.length - col));
  }
  const marker = "^" + "~".repeat(Math.max(0, width - 1));
  const colour = d.severity === "error" ? p.red : d.severity === "warning" ? p.yellow : p.blue;
  return [`  ${p.dim(gutter + " |")} ${text}`, `  ${p.dim(pad + " |")} ${" ".repeat(col)}${colour(marker)}`];
}

/** Compiler-style text: `file:line:col  severity  message  rule-id`, the line with a caret, a hint, and a summary. */
export function formatHuman(diagnostics: readonly Diagnostic[], options: HumanOptions = {}): string {
  const p = options.palette ?? PLAIN;
  const out: string[] = [];
  // Each file's text is fetched and split once: per diagnostic it made 12,000 warnings quadratic.
  const linesByFile = new Map<string, readonly string[] | undefined>();
  const linesOf = (file: string) => {
    if (!linesByFile.has(file)) linesByFile.set(file, options.sourceOf?.(file)?.split(/\r?\n/));
    return linesByFile.get(file);
  };
  for (const d of sortDiagnostics(diagnostics)) {
    const file = escapeControl(d.file);
    const where = d.file === "" ? "yardstick" : d.line > 0 ? `${file}:${d.line}:${d.column}` : file;
    out.push(`${p.bold(where)}  ${severityWord(d.severity, p)}  ${escapeControl(d.message)}  ${p.dim(escapeControl(d.ruleId))}`);
    const lines = linesOf(d.file);
    if (lines !== undefined) out.push(...frameOfLines(lines, d, p));
    if (d.hint) out.push(`  ${p.cyan("hint:")} ${escapeControl(d.hint)}`);
    for (const r of d.related ?? []) {
      out.push(`  ${p.cyan("see:")} ${escapeControl(r.file)}:${r.line}:${r.column}  ${escapeControl(r.message)}`);
      const relatedLines = linesOf(r.file);
      if (relatedLines !== undefined) out.push(...frameOfLines(relatedLines, { ...r, severity: "info" }, p).map((l) => `  ${l}`));
    }
    if (d.fix) out.push(`  ${p.green("fix:")} ${escapeControl(d.fix.description)} (\`yardstick check --fix\`)`);
    out.push("");
  }
  out.push(summaryLine(diagnostics, options.fileCount, p));
  return out.join("\n") + "\n";
}

/** "2 errors, 1 warning in 3 files" or "3 files checked, no problems". */
export function summaryLine(diagnostics: readonly Diagnostic[], fileCount: number | undefined, p: Palette = PLAIN): string {
  const { errors, warnings, infos } = countDiagnostics(diagnostics);
  const files = fileCount === undefined ? "" : ` in ${plural(fileCount, "file")}`;
  if (errors + warnings + infos === 0) return p.green(`✔ ${fileCount === undefined ? "no problems" : `${plural(fileCount, "file")} checked, no problems`}`);
  const parts = [plural(errors, "error"), plural(warnings, "warning")];
  if (infos > 0) parts.push(plural(infos, "note"));
  const text = `✖ ${parts.join(", ")}${files}`;
  return errors > 0 ? p.red(p.bold(text)) : p.yellow(p.bold(text));
}

/** JSON: `{ files, summary, diagnostics }`, stable key order, one document. */
export function formatJson(diagnostics: readonly Diagnostic[], fileCount?: number): string {
  const sorted = sortDiagnostics(diagnostics);
  const summary = countDiagnostics(sorted);
  return `${JSON.stringify({ version: 1, files: fileCount, summary, diagnostics: sorted }, null, 2)}\n`;
}

/** Workflow-command data: `%`, CR and LF as `%25`, `%0D`, `%0A` (GitHub's documented escaping), other controls made visible. */
function escapeData(s: string): string {
  return escapeControl(s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions workflow commands (`::error file=…,line=…::message`), one per diagnostic. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  const lines = sortDiagnostics(diagnostics).map((d) => {
    const command = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice";
    const props = [`file=${escapeProperty(d.file)}`];
    if (d.line > 0) props.push(`line=${d.line}`, `col=${d.column}`);
    if (d.endLine !== undefined && d.line > 0) props.push(`endLine=${d.endLine}`);
    if (d.endColumn !== undefined && d.endLine === d.line && d.line > 0) props.push(`endColumn=${d.endColumn}`);
    props.push(`title=${escapeProperty(`yardstick ${d.ruleId}`)}`);
    const message = d.hint ? `${d.message} (${d.hint})` : d.message;
    return `::${command} ${props.join(",")}::${escapeData(message)}`;
  });
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

/** Formats diagnostics in any of the reporter's formats. */
export function formatDiagnostics(format: ReportFormat, diagnostics: readonly Diagnostic[], options: HumanOptions = {}): string {
  if (format === "json") return formatJson(diagnostics, options.fileCount);
  if (format === "github") return formatGithub(diagnostics) + summaryLine(diagnostics, options.fileCount) + "\n";
  return formatHuman(diagnostics, options);
}
