/**
 * The check stage of a build: every input the plan did not settle is read, parsed and checked
 * once (src/check/); threads.ts spreads large builds over worker threads. What comes out is
 * plain data (clonable between threads): the diagnostics, the assessment when valid, where its `id` and `supersedes`
 * are written, and the key the manifest records so the next build can skip checking it.
 */
import { checkFiles, type CheckOptions } from "../check/check.js";
import type { ConfigResolver } from "../config/load.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Assessment } from "../schema/assessment.js";
import { todayIso } from "../schema/dates.js";
import { spanForPath, type Span } from "../schema/positions.js";
import { checkKey, type IncrementalPlan } from "./plan.js";

/** Options of the check stage: plain data, so they can be posted to a worker. */
export interface CheckStageOptions extends CheckOptions {
  configFile?: string;
  strict?: boolean;
  /** Incremental builds: the plan, for the check key (see the manifest). */
  plan?: IncrementalPlan;
}

/** A position without a file. */
export type At = Pick<Span, "line" | "column"> & Partial<Span>;

/** One format's bytes, rendered where the brief was checked (prerender.ts). */
export interface PrerenderedOutput {
  data: string | Uint8Array;
  /** What the renderer reported (before the config's `rules:` settings are applied). */
  warnings: Diagnostic[];
}

/** What the check stage rendered of one brief. Plain data. */
export interface Prerendered {
  /** Incremental builds: the brief hash (without a "changes" section). */
  briefHash?: string;
  /** By format id. */
  outputs: Record<string, PrerenderedOutput>;
}

/** One checked input. Plain data. */
export interface CheckedBrief {
  file: string;
  /** The file's text when it has diagnostics (to show them in context), else "". */
  text: string;
  id?: string;
  /** Where the `id` is written (or 1:1), for the duplicate-id diagnostic. */
  idAt: At;
  /** Where `supersedes` is written, for diagnostics about the previous edition. */
  supersedesAt?: At;
  diagnostics: Diagnostic[];
  /** The assessment, when the file is valid. */
  assessment?: Assessment;
  /** No errors (and, with `strict`, no warnings). */
  valid: boolean;
  /** Incremental builds: the check key. */
  checkKey?: string;
  /** Outputs rendered in a worker thread right after checking (prerender.ts). */
  prerendered?: Prerendered;
}

/** What the check stage returns. */
export interface CheckStageResult {
  files: CheckedBrief[];
  configDiagnostics: Diagnostic[];
}

/** Checks files in this thread (with the build's config resolver, when given). */
export function checkInputs(files: readonly string[], options: CheckStageOptions, configs?: ConfigResolver): CheckStageResult {
  const { files: checked, configDiagnostics } = checkFiles(files, configs ? { ...options, configs } : options);
  const out = checked.map((c): CheckedBrief => {
    const { loaded } = c;
    const keyAt = (key: string): At | undefined => (loaded.doc && loaded.value !== null && typeof loaded.value === "object" && key in (loaded.value as object) ? spanForPath(loaded.doc, loaded.lineCounter, [key]) : undefined);
    const valid = c.assessment !== undefined && !c.diagnostics.some((d) => d.severity === "error" || (options.strict === true && d.severity === "warning"));
    const b: CheckedBrief = { file: c.file, text: c.diagnostics.length > 0 ? loaded.text : "", idAt: keyAt("id") ?? { line: 1, column: 1 }, diagnostics: c.diagnostics, valid };
    if (loaded.assessment) b.id = loaded.assessment.id;
    if (valid && c.assessment) {
      b.assessment = c.assessment;
      const at = c.assessment.supersedes !== undefined ? keyAt("supersedes") : undefined;
      if (at) b.supersedesAt = at;
      if (options.plan) b.checkKey = checkKey({ text: loaded.text, config: c.config, asOf: options.asOf ?? todayIso(), strict: options.strict === true, version: options.plan.version });
    }
    return b;
  });
  return { files: out, configDiagnostics };
}
