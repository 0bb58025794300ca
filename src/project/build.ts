/**
 * Building: check every file, then render the valid ones into the output folder in each format.
 * An invalid file is reported and skipped, so its last good outputs stay as they were.
 *
 * Phase 1 (check + pure formats, in memory) runs in worker threads for large builds; phase 2
 * (duplicate ids, formats with a shared session such as PDF, atomic writes) runs here.
 * Every output is a pure function of (assessment, config), ready for content-hash caching.
 */
import { dirname, resolve } from "node:path";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ConfigResolver } from "../config/load.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { getFormat, formatIds, type FormatSession, type FormatSessionOptions, type OutputFormat } from "../render/formats.js";
import type { Brief } from "../brief/types.js";
import type { CheckOptions } from "./check.js";
import { outputPath, prepareOutputFolder, writeAtomic } from "./outputs.js";
import { prepareFiles, type Prepared, type PreparedFile, type PrepareOptions } from "./prepare.js";
import type { IncrementalBuild, IncrementalOptions, OutputRecord } from "./build-incremental.js";
import type { Manifest } from "./manifest.js";

/** Hooks for showing progress; called in order: start, then begin/done per file (done only for skipped files). */
export interface BuildProgress {
  /** Checking is over; `total` files will be reported. */
  start(total: number): void;
  /** A file's outputs are being rendered. */
  begin(file: string): void;
  /** A file is finished (built, kept as it was, or skipped). */
  done(file: BuiltFile): void;
}

/** Options for {@link buildFiles}. */
export interface BuildOptions extends CheckOptions {
  /** Output folder (created when missing). */
  outDir: string;
  /** Output format ids, e.g. ["md", "json"]. */
  formats: readonly string[];
  /** A config file to use for every input instead of searching upwards. */
  configFile?: string;
  /** Warnings count as errors: the file is not rendered. */
  strict?: boolean;
  /** Files written at once (default 16). */
  concurrency?: number;
  /** Threads for checking and pure formats; 1 runs in-process. Default: one per idle core for 200+ files. */
  workers?: number;
  /** Options for formats with a shared session (the PDF browser: `--browser`, env, Ctrl-C). */
  session?: Omit<FormatSessionOptions, "concurrency">;
  /** Folder a `supersedes` path must stay inside (the project root; default: the output folder's parent). */
  root?: string;
  /**
   * Incremental build: outputs whose inputs did not change are kept (not rendered again), and
   * `<outDir>/manifest.json` is written. Off when undefined (the CLI always turns it on).
   */
  incremental?: IncrementalOptions;
  /** Progress hooks (the CLI's progress bar or CI lines). */
  progress?: BuildProgress;
}

/** What happened to one input file. */
export interface BuiltFile {
  file: string;
  /** The file's text when it has diagnostics from checking (for showing them in context), else "". */
  text: string;
  id?: string;
  /** "built": rendered in every format; "skipped": invalid, nothing written. */
  status: "built" | "skipped";
  diagnostics: Diagnostic[];
  /** Absolute paths written. */
  outputs: string[];
  /** Absolute paths kept as they were: up to date (incremental builds). */
  reused?: string[];
}

/** The result of a build. */
export interface BuildResult {
  files: BuiltFile[];
  /** Problems in config files, reported once. */
  configDiagnostics: Diagnostic[];
  /** Problems with the build itself (output folder not writable, unknown format): environment errors. */
  environment: Diagnostic[];
  /** True when any file was skipped or any environment problem occurred. */
  failed: boolean;
  /** The manifest written (incremental builds). */
  manifest?: Manifest;
}

function dedupeDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Puts the files of the fast path (unchanged, not checked) back among the checked ones, in the
 * order given. A fast file that a checked file names as its previous edition is checked after all,
 * since the "changes" section needs its assessment.
 */
async function withFastFiles(files: readonly string[], prepared: Prepared, inc: IncrementalBuild | undefined, options: PrepareOptions): Promise<Prepared> {
  if (!inc || inc.fast.size === 0) return prepared;
  const refs = prepared.files.filter((p) => p.deferred && p.assessment?.supersedes !== undefined).map((p) => ({ ref: p.assessment!.supersedes!, dir: dirname(resolve(p.file)) }));
  const demote = [...inc.fast.keys()].filter((f) => refs.some((r) => inc.fast.get(f)!.entry.id === r.ref || resolve(r.dir, r.ref) === resolve(f)));
  const more = demote.length > 0 ? await prepareFiles(demote, options) : { files: [], configDiagnostics: [] };
  for (const f of demote) inc.fast.delete(f);
  const byFile = new Map([...prepared.files, ...more.files].map((p) => [p.file, p]));
  return {
    files: files.map((file) => {
      const hit = inc.fast.get(file);
      if (!hit) return byFile.get(file)!;
      const stub: PreparedFile = { file, text: hit.diagnostics.length > 0 ? hit.text : "", id: hit.entry.id, idSpan: { line: 1, column: 1 }, diagnostics: hit.diagnostics, valid: true, rendered: {}, fast: true };
      return stub;
    }),
    configDiagnostics: dedupeDiagnostics([...prepared.configDiagnostics, ...more.configDiagnostics, ...inc.configDiagnostics]),
  };
}

/** Files from which a build uses worker threads by default. */
export const PARALLEL_THRESHOLD = 200;

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String((error as NodeJS.ErrnoException).code) : "unknown error";
}

/** Diagnostics for ids used by more than one file: both would write the same outputs. */
function duplicateIds(files: readonly PreparedFile[]): Map<number, Diagnostic> {
  const byId = new Map<string, number[]>();
  files.forEach((f, i) => {
    if (f.id !== undefined) byId.set(f.id, [...(byId.get(f.id) ?? []), i]);
  });
  const out = new Map<number, Diagnostic>();
  for (const [id, indexes] of byId) {
    if (indexes.length < 2) continue;
    for (const i of indexes) {
      const f = files[i]!;
      const others = indexes.filter((j) => j !== i).map((j) => files[j]!.file);
      out.set(i, {
        file: f.file,
        ...f.idSpan,
        ruleId: "duplicate-output-id",
        severity: "error",
        message: `the id \`${id}\` is also used by ${others.join(", ")}; both would write the same outputs, so neither is built`,
        hint: "give each assessment its own `id` (it defaults to the file name)",
      });
    }
  }
  return out;
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(runners);
}

/**
 * Threads for phase 1: as asked, else one per idle core for large builds. Each thread pays its own
 * module loading and JIT warm-up (about a second of CPU per thousand files), so on a machine
 * already busy (load average near the core count) one thread is faster. Output is the same.
 */
function workerCount(options: BuildOptions, files: number): number {
  if (options.workers !== undefined) return Math.max(1, Math.min(options.workers, files));
  if (files < PARALLEL_THRESHOLD) return 1;
  const cores = availableParallelism();
  const idle = Math.floor(cores - (loadavg()[0] ?? 0) + 0.5);
  return Math.max(1, Math.min(idle, cores, 8));
}

/**
 * Prepares files in contiguous chunks, keeping the order: the first chunk on this thread, the
 * others in worker threads (compiled code only).
 */
async function prepareInWorkers(files: readonly string[], options: PrepareOptions, workers: number): Promise<Prepared> {
  const script = new URL("./build-worker.js", import.meta.url);
  const size = Math.ceil(files.length / workers);
  const chunks = Array.from({ length: workers }, (_, i) => files.slice(i * size, (i + 1) * size)).filter((c) => c.length > 0);
  const [own, ...others] = chunks;
  const pending = others.map(
      (chunk) =>
        new Promise<Prepared>((resolvePrepared, reject) => {
          const worker = new Worker(fileURLToPath(script), { workerData: { files: chunk, options } });
          worker.once("message", (m: Prepared) => resolvePrepared(m));
          worker.once("error", reject);
          worker.once("exit", (code) => {
            if (code !== 0) reject(new Error(`build worker exited with code ${code}`));
          });
        }),
  );
  // Workers start first and run while this thread prepares its own chunk.
  const mine = own ? prepareFiles(own, options) : Promise.resolve<Prepared>({ files: [], configDiagnostics: [] });
  const results = await Promise.all([mine, ...pending]);
  const seen = new Set<string>();
  const configDiagnostics = results.flatMap((r) => r.configDiagnostics).filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { files: results.flatMap((r) => r.files), configDiagnostics };
}

/** A session that opened, or the error that stopped it. */
type Opened = { session: FormatSession; error?: undefined } | { session?: undefined; error: unknown };

/** Problems of the machine rather than of the input: no browser, or one that cannot start. */
function isEnvironmentError(error: unknown): boolean {
  return error instanceof Error && error.name === "BrowserUnavailableError";
}

/**
 * Finds the previous edition of every valid input that names `supersedes` (among the inputs, or
 * on disk) and computes its "changes" section; problems become warnings on the file (with
 * `strict`, the file is then not built).
 */
async function resolveBuildEditions(files: readonly PreparedFile[], results: BuiltFile[], configs: ConfigResolver, options: BuildOptions) {
  const empty = new Map<string, { changes?: Brief["changes"] }>();
  if (!files.some((p) => p.deferred)) return empty;
  const [{ resolveEditions }, { checkFile }] = await Promise.all([import("../diff/editions.js"), import("./check.js")]);
  const inputs = files.map((p) => {
    const config = configs.forFile(p.file);
    // Re-read superseding files for positions: only they can get a diagnostic at `supersedes`.
    const loaded = p.deferred ? checkFile(p.file, configs, options).loaded : undefined;
    return { file: p.file, assessment: p.assessment, config, loaded };
  });
  const editions = resolveEditions(inputs, { root: options.root ?? dirname(resolve(options.outDir)), configs, checkOptions: options });
  files.forEach((p, i) => {
    const found = editions.get(p.file);
    const r = results[i]!;
    if (!found || found.diagnostics.length === 0) return;
    r.diagnostics.push(...found.diagnostics);
    if (options.strict === true && found.diagnostics.some((d) => d.severity !== "info")) r.status = "skipped";
  });
  return editions;
}

/** Checks the files, then renders every valid one into `outDir` in each format. */
export async function buildFiles(files: readonly string[], options: BuildOptions): Promise<BuildResult> {
  const environment: Diagnostic[] = [];
  const formats: OutputFormat[] = [];
  for (const id of options.formats) {
    const f = getFormat(id);
    if (f) formats.push(f);
    else environment.push({ file: "", line: 0, column: 0, ruleId: "unknown-format", severity: "error", message: `unknown output format \`${id}\``, hint: `formats: ${formatIds().join(", ")}` });
  }
  const pure = formats.filter((f) => f.pure === true);
  const shared = formats.filter((f) => f.pure !== true);
  const prepareOptions: PrepareOptions = { formats: pure.map((f) => f.id), keepAssessments: true };
  if (options.asOf !== undefined) prepareOptions.asOf = options.asOf;
  if (options.configFile !== undefined) prepareOptions.configFile = options.configFile;
  if (options.strict !== undefined) prepareOptions.strict = options.strict;
  if (options.rules !== undefined) prepareOptions.rules = options.rules;
  const inc = options.incremental
    ? await (await import("./build-incremental.js")).IncrementalBuild.start(options.outDir, files, options.incremental, { formats: formats.map((f) => f.id), asOf: options.asOf, strict: options.strict, configFile: options.configFile, customRules: options.rules !== undefined })
    : undefined;
  const toCheck = inc ? inc.checkedFiles(files) : files;
  if (inc) prepareOptions.incremental = inc.plan;
  const workers = options.rules === undefined && import.meta.url.endsWith(".js") ? workerCount(options, toCheck.length) : 1;
  // Shared sessions (the PDF browser) start now, so the browser launches while the files are checked.
  const opening = new Map<OutputFormat, Promise<Opened>>();
  const openSession = (format: OutputFormat): Promise<Opened> => {
    let p = opening.get(format);
    if (!p) {
      p = format.createSession({ ...options.session, concurrency: options.concurrency, outDir: options.outDir }).then(
        (session) => ({ session }),
        (error: unknown) => ({ error }),
      );
      opening.set(format, p);
    }
    return p;
  };
  // Not when every file is up to date: nothing will print.
  if (toCheck.length > 0) for (const format of shared) void openSession(format);
  const closeOpening = async () => {
    await Promise.all([...opening.values()].map(async (p) => (await p).session?.close()));
  };
  let prepared: Prepared;
  try {
    prepared = workers > 1 ? await prepareInWorkers(toCheck, prepareOptions, workers) : await prepareFiles(toCheck, prepareOptions);
    prepared = await withFastFiles(files, prepared, inc, prepareOptions);
  } catch (error) {
    await closeOpening();
    throw error;
  }
  const { configDiagnostics } = prepared;
  const duplicates = duplicateIds(prepared.files);
  const results: BuiltFile[] = prepared.files.map((p, i) => {
    const diagnostics = [...p.diagnostics];
    const dup = duplicates.get(i);
    if (dup) diagnostics.push(dup);
    const out: BuiltFile = { file: p.file, text: p.text, status: p.valid && !dup ? "built" : "skipped", diagnostics, outputs: [] };
    if (p.id !== undefined) out.id = p.id;
    return out;
  });
  const configFailed = configDiagnostics.some((d) => d.severity === "error");
  if (environment.length === 0 && !configFailed) {
    try {
      await prepareOutputFolder(options.outDir, options.root);
    } catch (error) {
      environment.push({ file: options.outDir, line: 0, column: 0, ruleId: "output-unwritable", severity: "error", message: `cannot create the output folder (${errorCode(error)})` });
    }
  }
  if (environment.length > 0 || configFailed) {
    await closeOpening();
    for (const r of results) r.status = "skipped";
    return { files: results, configDiagnostics, environment, failed: true };
  }
  const configs = new ConfigResolver(options.configFile);
  const editions = await resolveBuildEditions(prepared.files, results, configs, options);
  const progress = options.progress;
  progress?.start(results.length);
  for (const r of results) if (r.status === "skipped") progress?.done(r);
  const needMainSessions = [...shared, ...(prepared.files.some((p) => p.deferred) ? pure : [])];
  /** Formats dropped because their session could not open (no browser): reported once, others still written. */
  const unavailable = new Set<OutputFormat>();
  const dropFormat = (format: OutputFormat, error: unknown) => {
    if (unavailable.has(format)) return;
    unavailable.add(format);
    const e = error as Error & { hint?: string };
    environment.push({ file: "", line: 0, column: 0, ruleId: "renderer-unavailable", severity: "error", message: `${format.id}: ${e.message}`, hint: e.hint });
  };
  /** The session of a format, opened on first use (none for a dropped format). */
  const sessionFor = async (format: OutputFormat): Promise<FormatSession | undefined> => {
    if (!needMainSessions.includes(format) || unavailable.has(format)) return undefined;
    const opened = await openSession(format); // cached per format
    if (opened.session) return opened.session;
    if (isEnvironmentError(opened.error)) dropFormat(format, opened.error);
    else throw opened.error;
    return undefined;
  };
  let toBriefModule: Promise<typeof import("../brief/to-brief.js")> | undefined;
  let manifest: Manifest | undefined;
  try {
    const work = results.map((r, i) => ({ r, p: prepared.files[i]! })).filter(({ r }) => r.status === "built");
    const renderOne = async ({ r, p }: { r: BuiltFile; p: PreparedFile }): Promise<void> => {
      const id = p.id!;
      if (p.fast) {
        r.reused = inc!.fast.get(p.file)!.outputs.map((o) => resolve(options.outDir, o.path));
        inc!.recordFast(p.file);
        return;
      }
      const outputs: Array<{ path: string; data: string | Uint8Array; format: string; hash?: string; renderDiagnostics: Diagnostic[] }> = [];
      const records: OutputRecord[] = [];
      const reused: string[] = [];
      let brief: Brief | undefined;
      for (const format of formats) {
        if (unavailable.has(format)) continue;
        const path = outputPath(options.outDir, id, format.extension);
        if (!path) {
          r.diagnostics.push({ file: r.file, ...p.idSpan, ruleId: "output-path", severity: "error", message: `the id \`${id}\` does not make a file name inside the output folder` });
          r.status = "skipped";
          return;
        }
        const kept = p.kept?.[format.id];
        if (kept && inc) {
          records.push(inc.kept(r.file, kept, r.diagnostics));
          reused.push(path);
          continue;
        }
        let data: string | Uint8Array | undefined = p.rendered[format.id];
        let hash = p.hashes?.[format.id];
        const renderDiagnostics: Diagnostic[] = [];
        if (data === undefined) {
          const assessment = p.assessment!;
          const config = configs.forFile(p.file);
          if (inc) {
            p.briefHash ??= inc.briefHash(assessment, config, editions.get(p.file)?.changes);
            const decision = inc.decide(id, format.id, p.briefHash, config);
            if (decision.reuse) {
              records.push(inc.kept(r.file, decision.reuse, r.diagnostics));
              reused.push(path);
              continue;
            }
            hash = decision.inputHash;
          }
          const session = await sessionFor(format);
          if (!session) continue;
          toBriefModule ??= import("../brief/to-brief.js");
          const { toBrief } = await toBriefModule;
          brief ??= toBrief(assessment, config, { changes: editions.get(p.file)?.changes });
          try {
            data = await session.render({ brief, assessment, config, file: r.file, diagnostics: renderDiagnostics });
            r.diagnostics.push(...renderDiagnostics);
          } catch (error) {
            r.diagnostics.push(...renderDiagnostics);
            if (isEnvironmentError(error)) {
              dropFormat(format, error);
              continue;
            }
            const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
            // A renderer's own code and hint (e.g. the PDF format's render-timeout), else render-failed.
            const coded = error as { ruleId?: unknown; hint?: unknown };
            const ruleId = typeof coded.ruleId === "string" ? coded.ruleId : "render-failed";
            r.diagnostics.push({ file: r.file, line: 0, column: 0, ruleId, severity: "error", message: `the ${format.id} brief could not be rendered: ${message}`, ...(typeof coded.hint === "string" ? { hint: coded.hint } : {}) });
            r.status = "skipped";
            // The other formats of this file are still written.
            continue;
          }
        }
        outputs.push({ path, data, format: format.id, hash, renderDiagnostics });
      }
      for (const { path, data, format, hash, renderDiagnostics } of outputs) {
        try {
          await writeAtomic(path, data);
          r.outputs.push(path);
          if (inc && hash !== undefined) records.push(inc.written(format, path, data, hash, renderDiagnostics));
        } catch (error) {
          r.diagnostics.push({ file: r.file, line: 0, column: 0, ruleId: "output-unwritable", severity: "error", message: `cannot write ${path} (${errorCode(error)})` });
          r.status = "skipped";
        }
      }
      if (reused.length > 0) r.reused = reused;
      if (inc && r.status === "built" && p.assessment && p.briefHash !== undefined) {
        inc.record({ file: p.file, assessment: p.assessment, briefHash: p.briefHash, checkKey: p.checkKey, diagnostics: r.diagnostics, outputs: records });
      }
    };
    await pool(work, options.concurrency ?? 16, async (item) => {
      progress?.begin(item.r.file);
      try {
        await renderOne(item);
      } finally {
        progress?.done(item.r);
      }
    });
    if (inc) {
      try {
        manifest = await inc.finish(options.outDir);
      } catch (error) {
        environment.push({ file: options.outDir, line: 0, column: 0, ruleId: "output-unwritable", severity: "error", message: `cannot write the manifest (${errorCode(error)})` });
      }
    }
  } finally {
    // Every session, shared or opened here for deferred briefs, came through openSession.
    await closeOpening();
  }
  const result: BuildResult = { files: results, configDiagnostics, environment, failed: environment.length > 0 || results.some((r) => r.status === "skipped") };
  if (manifest) result.manifest = manifest;
  return result;
}
