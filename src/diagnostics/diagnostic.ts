/**
 * The one diagnostic type used for schema errors, lint findings and render warnings.
 */

/** How serious a diagnostic is. `error` fails `check` and `build`; `warning` fails only with `--strict`. */
export type Severity = "error" | "warning" | "info";

/** A problem found in a file, positioned at a 1-based line and column. */
export interface Diagnostic {
  /** Path of the file as given by the user (relative or absolute), or `<stdin>`. */
  file: string;
  /** 1-based line; 0 when the problem has no position (e.g. an unreadable file). */
  line: number;
  /** 1-based column; 0 when the problem has no position. */
  column: number;
  /** 1-based end line of the offending node, when known. */
  endLine?: number;
  /** 1-based end column (exclusive) of the offending node, when known. */
  endColumn?: number;
  /** Stable kebab-case identifier of the check that produced the diagnostic. */
  ruleId: string;
  severity: Severity;
  /** What is wrong, in one sentence. */
  message: string;
  /** How to fix it ("did you mean `highly likely`?"), when there is something useful to say. */
  hint?: string;
  /** Which of the code's messages this is (see src/diagnostics/codes.ts), when its wording is data. */
  messageId?: string;
  /**
   * The one safe edit that repairs the problem, when there is exactly one (`check --fix` applies
   * it; the preview and editors can offer it).
   */
  fix?: Fix;
  /** Other places that explain the problem (e.g. the first occurrence of a duplicated key). */
  related?: RelatedLocation[];
}

/**
 * A text edit that repairs a diagnostic: replace the characters `range[0]` to `range[1]`
 * (UTF-16 offsets into the decoded file text, after any byte-order mark) with `replacement`.
 */
export interface Fix {
  range: [number, number];
  replacement: string;
  /** What the edit does, in a few words ("`confidnce` → `confidence`"). */
  description: string;
}

/** A place in a file that a diagnostic refers to. */
export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** What is there ("first occurrence of `title`"). */
  message: string;
}

/** Counts of diagnostics by severity. */
export interface DiagnosticCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts the diagnostics of each severity. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** True when any diagnostic is an error (or, with `strict`, a warning). */
export function hasFailures(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === "error" || (strict && d.severity === "warning"));
}

/** Orders diagnostics by file, line, column, then rule id, so output is deterministic. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.message.localeCompare(b.message),
  );
}

/** The diagnostics without exact repeats (the same problem reported twice), in their order. */
export function uniqueDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
