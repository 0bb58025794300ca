/**
 * The check stage of a build: every input the plan did not settle is read, parsed and checked
 * once (src/check/), in worker threads for large builds. What comes out is plain data (clonable
 * between threads): the diagnostics, the assessment when valid, where its `id` and `supersedes`
 * are written, and the key the manifest records so the next build can skip checking it.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { checkFiles, type CheckOptions } from "../check/check.js";
import type { ConfigResolver } from "../config/load.js";
import { uniqueDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Assessment } from "../schema/assessment.js";
import { todayIso } from "../schema/dates.js";
import { spanForPath, type Span } from "../schema/positions.js";
import { checkKey, type IncrementalPlan } from "./plan.js";
import type { Prerendered } from "./prerender.js";

/** Options of the check stage: plain data, so they can be posted to a worker. */
export interface CheckStageOptions extends CheckOptions {
  configFile?: string;
  strict?: boolean;
  /** Incremental builds: the plan, for the check key (see the manifest). */
  plan?: IncrementalPlan;
  /** Pure formats to render where the files are checked, in worker threads (see prerender.ts). */
  prerender?: readonly string[];
}

/** A position without a file. */
export type At = Pick<Span, "line" | "column"> & Partial<Span>;

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

/** Files from which a build uses worker threads by default. */
export const PARALLEL_THRESHOLD = 200;

/**
 * Threads for checking (and rendering the pure formats): as asked, else one per core for large
 * builds, up to 8. Each thread pays its own module loading and JIT warm-up (a few hundred ms of
 * CPU), which only pays off from a few hundred files. On a busy machine more threads still get the
 * build a larger share of the processors. Output is the same whatever the count.
 */
export function workerCount(asked: number | undefined, files: number): number {
  if (asked !== undefined) return Math.max(1, Math.min(asked, files));
  if (files < PARALLEL_THRESHOLD) return 1;
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/** What the build posts to a worker. */
export interface WorkerInput {
  files: string[];
  options: CheckStageOptions;
}

/**
 * Checks files in contiguous chunks, keeping the order: the first chunk on this thread, the
 * others in worker threads (compiled code only; custom rules, which cannot be posted, run here).
 */
export async function checkStage(files: readonly string[], options: CheckStageOptions, workers: number): Promise<CheckStageResult> {
  if (workers <= 1 || options.rules !== undefined || !import.meta.url.endsWith(".js")) return checkInputs(files, options);
  const script = fileURLToPath(new URL("./worker.js", import.meta.url));
  const size = Math.ceil(files.length / workers);
  const chunks = Array.from({ length: workers }, (_, i) => files.slice(i * size, (i + 1) * size)).filter((c) => c.length > 0);
  const [own = [], ...others] = chunks;
  const pending = others.map(
    (chunk) =>
      new Promise<CheckStageResult>((resolveChunk, reject) => {
        const input: WorkerInput = { files: chunk, options };
        const worker = new Worker(script, { workerData: input });
        worker.once("message", (m: CheckStageResult) => resolveChunk(m));
        worker.once("error", reject);
        worker.once("exit", (code) => {
          if (code !== 0) reject(new Error(`build worker exited with code ${code}`));
        });
      }),
  );
  // Workers start first and run while this thread checks its own chunk.
  const mine = checkInputs(own, options);
  const results = [mine, ...(await Promise.all(pending))];
  return { files: results.flatMap((r) => r.files), configDiagnostics: uniqueDiagnostics(results.flatMap((r) => r.configDiagnostics)) };
}
