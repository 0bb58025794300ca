/**
 * Large builds over several threads: this one and worker threads (worker.ts) take the files in
 * small batches from a shared counter; each thread checks a batch and renders its pure formats
 * right after (prerender.ts), so no thread waits for another.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ConfigResolver } from "../config/load.js";
import { uniqueDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { checkInputs, type CheckedBrief, type CheckStageOptions, type CheckStageResult } from "./check.js";
import { Prerenderer, type PrerenderOptions } from "./prerender.js";

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

/** Files a thread claims at a time from the shared counter. */
const BATCH = 8;

/** What a worker is started with: what to load before work arrives. */
export interface WorkerStart {
  prerender: PrerenderOptions;
}

/** The work posted to a worker: every file, and the counter all threads claim batches from. */
export interface WorkerJob {
  files: string[];
  options: CheckStageOptions;
  counter: SharedArrayBuffer;
}

/** What a worker posts back: the files it took, by index into the job's files. */
export interface WorkerDone {
  checked: Array<[number, CheckedBrief]>;
  configDiagnostics: Diagnostic[];
}

/** Claims batches of `files` from `counter` until none is left, checking and rendering each. */
export async function claimBatches(files: readonly string[], options: CheckStageOptions, counter: Int32Array, configs: ConfigResolver, prerenderer: Prerenderer): Promise<WorkerDone> {
  const done: WorkerDone = { checked: [], configDiagnostics: [] };
  for (;;) {
    const start = Atomics.add(counter, 0, BATCH);
    if (start >= files.length) break;
    const batch = checkInputs(files.slice(start, start + BATCH), options, configs);
    await prerenderer.render(batch.files, configs, options.plan);
    batch.files.forEach((c, i) => done.checked.push([start + i, c]));
    done.configDiagnostics.push(...batch.configDiagnostics);
  }
  return done;
}

/**
 * The threads of a large build, started as early as the build knows it will be large: each
 * worker loads the checker and the renderers while this thread plans. {@link CheckThreads.run}
 * then shares the files out in small batches through an atomic counter, so every thread stays
 * busy until the last batch (no thread waits with a chunk larger than another's), and the
 * results come back in the files' order.
 */
export class CheckThreads {
  private readonly workers: Worker[] = [];
  private readonly failures: Array<Promise<never>> = [];

  /** Starts `count - 1` workers (this thread is the other one), for the formats to prerender. */
  constructor(
    count: number,
    private readonly prerender: PrerenderOptions,
  ) {
    const script = fileURLToPath(new URL("./worker.js", import.meta.url));
    for (let i = 1; i < count; i++) {
      const start: WorkerStart = { prerender };
      const worker = new Worker(script, { workerData: start });
      this.failures.push(
        new Promise<never>((_, reject) => {
          worker.once("error", reject);
          worker.once("exit", (code) => {
            if (code !== 0) reject(new Error(`build worker exited with code ${code}`));
          });
        }),
      );
      this.workers.push(worker);
    }
    // A failure matters only while a job runs (run() races it); unhandled otherwise.
    for (const f of this.failures) f.catch(() => undefined);
  }

  /** True when worker threads can check with these options (compiled code; no custom rules, which cannot be posted). */
  static usable(options: Pick<CheckStageOptions, "rules">): boolean {
    return options.rules === undefined && import.meta.url.endsWith(".js");
  }

  /** Checks (and prerenders) `files` on every thread; the results in the files' order. */
  async run(files: readonly string[], options: CheckStageOptions, configs: ConfigResolver): Promise<CheckStageResult> {
    const counter = new SharedArrayBuffer(4);
    const list = [...files];
    const replies = this.workers.map(
      (worker) =>
        new Promise<WorkerDone>((resolveDone) => {
          worker.once("message", (m: WorkerDone) => resolveDone(m));
          const job: WorkerJob = { files: list, options, counter };
          worker.postMessage(job);
        }),
    );
    const prerenderer = new Prerenderer(this.prerender);
    try {
      const mine = await claimBatches(list, options, new Int32Array(counter), configs, prerenderer);
      const all = [mine, ...(await Promise.race([Promise.all(replies), ...this.failures]))];
      const byIndex: CheckedBrief[] = [];
      for (const done of all) for (const [i, c] of done.checked) byIndex[i] = c;
      return { files: byIndex, configDiagnostics: uniqueDiagnostics(all.flatMap((d) => d.configDiagnostics)) };
    } finally {
      await prerenderer.close();
    }
  }

  /** Stops the workers (after their job, or when none was needed). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
