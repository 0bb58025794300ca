/**
 * Large builds over several threads: the files are split in contiguous chunks, the first checked
 * on this thread and the others in worker threads (worker.ts). Every thread renders the pure
 * formats of its chunk right after checking it (prerender.ts), so no thread waits for another.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ConfigResolver } from "../config/load.js";
import { uniqueDiagnostics } from "../diagnostics/diagnostic.js";
import { checkInputs, type CheckStageOptions, type CheckStageResult } from "./check.js";
import { prerender } from "./prerender.js";

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
 * Every thread renders the pure formats of its chunk right after checking it (prerender.ts), so
 * no thread waits for another before rendering.
 */
export async function checkStage(files: readonly string[], options: CheckStageOptions, workers: number, configs: ConfigResolver): Promise<CheckStageResult> {
  if (workers <= 1 || options.rules !== undefined || !import.meta.url.endsWith(".js")) return checkInputs(files, options, configs);
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
  const mine = checkInputs(own, options, configs);
  await prerender(mine.files, configs, options);
  const results = [mine, ...(await Promise.all(pending))];
  return { files: results.flatMap((r) => r.files), configDiagnostics: uniqueDiagnostics(results.flatMap((r) => r.configDiagnostics)) };
}
