/**
 * Reading an archive for scoring: every assessment under the given paths, checked like `check`
 * does (files with errors are reported and left out), and every outcomes ledger among them.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/codes.js";
import { checkFiles } from "../project/check.js";
import { discoverAssessments } from "../project/discover.js";
import { parseOutcomesLedger, type PositionedOutcome } from "../schema/outcomes.js";
import type { ArchiveEntry } from "./collect.js";

/** An archive read from disk. */
export interface LoadedArchive {
  entries: ArchiveEntry[];
  ledger: PositionedOutcome[];
  /** Problems with the inputs (missing paths): usage errors. */
  inputProblems: Diagnostic[];
  /** Diagnostics of invalid files and ledgers (errors and warnings), with paths as shown. */
  diagnostics: Diagnostic[];
  /** Each shown file's text, for printing diagnostics in context. */
  texts: Map<string, string>;
  /** Files left out because they have errors. */
  invalid: string[];
}

/** Options for {@link loadArchive}. */
export interface LoadArchiveOptions {
  cwd: string;
  /**
   * Rules about "today" (an outcome not in the future, a cutoff not in the future) compare
   * against this day: today, or a later `--as-of`. Scoring as of an earlier day is a filter
   * applied after checking, so outcomes recorded since then are not errors.
   */
  checkAsOf: string;
  configFile?: string;
}

/** Reads and checks the assessments and ledgers under `paths` (default: assessments/). */
export function loadArchive(paths: readonly string[], options: LoadArchiveOptions): LoadedArchive {
  const discovered = discoverAssessments(paths, options.cwd);
  const out: LoadedArchive = { entries: [], ledger: [], inputProblems: discovered.problems, diagnostics: [], texts: new Map(), invalid: [] };
  if (discovered.problems.length > 0) return out;
  const absolute = discovered.files.map((f) => resolve(options.cwd, f));
  const checked = checkFiles(absolute, { asOf: options.checkAsOf, configFile: options.configFile });
  checked.files.forEach((c, i) => {
    const shown = discovered.files[i]!;
    const errors = c.diagnostics.some((d) => d.severity === "error");
    if (errors) {
      out.texts.set(shown, c.loaded.text);
      out.invalid.push(shown);
      for (const d of c.diagnostics) if (d.severity === "error") out.diagnostics.push({ ...d, file: shown });
    }
    if (c.assessment && !errors) out.entries.push({ file: c.file, shown, assessment: c.assessment, scales: c.config.scales, loaded: c.loaded });
  });
  for (const d of checked.configDiagnostics) if (d.severity === "error") out.diagnostics.push(d);
  for (const shown of discovered.ledgers) {
    const abs = resolve(options.cwd, shown);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(abs);
    } catch (error) {
      const reason = error instanceof Error && "code" in error ? String((error as NodeJS.ErrnoException).code) : "unknown error";
      out.diagnostics.push(diagnostic("file-unreadable", "cannotRead", { file: shown, line: 0, column: 0 }, { reason }));
      continue;
    }
    const loaded = parseOutcomesLedger(bytes, shown);
    out.texts.set(shown, loaded.text);
    out.diagnostics.push(...loaded.diagnostics);
    if (loaded.outcomes) out.ledger.push(...loaded.outcomes);
    else out.invalid.push(shown);
  }
  return out;
}

