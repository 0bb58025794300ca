/**
 * Building, top to bottom:
 *
 * 1. **plan** (plan.ts) — read the earlier manifest: which inputs are unchanged (the fast path),
 *    and the data every keep-or-render decision uses;
 * 2. **check** (check.ts, editions.ts) — every other input is read, parsed and checked once
 *    (worker threads for large builds); duplicate ids and previous editions are resolved;
 * 3. **render** (render.ts) — per brief and format, the one keep-or-render decision;
 * 4. **write** (write.ts) — through the guarded writer, then the manifest, from the same records
 *    the report is made of.
 *
 * A {@link BuildContext} is resolved once (formats, configs, sessions, the lock on the output
 * folder). An invalid file is reported and skipped, so its last good outputs stay as they were.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Brief } from "../brief/types.js";
import type { CheckOptions } from "../check/check.js";
import { ConfigResolver } from "../config/load.js";
import { diagnostic, NOWHERE } from "../diagnostics/codes.js";
import { uniqueDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { prepareOutputFolder } from "../project/outputs.js";
import { formatIds, getFormat } from "../render/formats.js";
import type { FormatSessionOptions, OutputFormat } from "../render/output-format.js";
import { checkInputs, type At, type CheckedBrief, type CheckStageOptions } from "./check.js";
import { CheckThreads, workerCount } from "./threads.js";
import { resolveEditions } from "./editions.js";
import { acquireLock, LockedError, type BuildLock } from "./lock.js";
import { laddersFor } from "../marking/config.js";
import { parseRelease, releaseSlug } from "../marking/levels.js";
import { releaseAssessment } from "../marking/release.js";
import { MANIFEST_FILE, type Manifest, type ManifestBrief } from "./manifest.js";
import { IncrementalBuild, type IncrementalOptions } from "./plan.js";
import { renderFormat, type BriefJob, type FormatOutcome, type RenderStage } from "./render.js";
import { SessionPool } from "./sessions.js";
import { errorCode, writeOutcomes } from "./write.js";
import { syncFolders } from "../io/write.js";

export { PARALLEL_THRESHOLD } from "./threads.js";

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
  /** Briefs rendered at once (default 16). */
  concurrency?: number;
  /** Threads for checking and rendering pure formats; 1 runs in-process. Default: one per core (up to 8) for 200+ files. */
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
  /**
   * Stops the build (Ctrl-C, SIGTERM): no brief starts after it fires, what was written is kept,
   * the manifest lists what finished. Its `reason` (e.g. "SIGINT") is reported.
   */
  signal?: AbortSignal;
  /**
   * Tearline releases (`--release TLP:GREEN`, `OFFICIAL,TLP:GREEN`): beside each brief, a release
   * holding only the portions at or below each level, as `<id>.<level>.<ext>`.
   */
  releases?: readonly string[];
  /** How long to wait for another build writing into the same folder, in ms (default 10 minutes). */
  lockTimeoutMs?: number;
}

/** What happened to one input file. */
export interface BuiltFile {
  file: string;
  /** The file's text when it has diagnostics from checking (for showing them in context), else "". */
  text: string;
  id?: string;
  /** "built": every output written or kept; "skipped": invalid or failed; "interrupted": the build stopped first. */
  status: "built" | "skipped" | "interrupted";
  diagnostics: Diagnostic[];
  /** Absolute paths written. */
  outputs: string[];
  /** Absolute paths kept as they were: up to date (incremental builds). */
  reused?: string[];
  /** The manifest entry of this brief (incremental builds), from which the manifest is written. */
  entry?: ManifestBrief;
}

/** The result of a build. */
export interface BuildResult {
  files: BuiltFile[];
  /** The formats asked for. */
  formats: string[];
  /** Problems in config files, reported once. */
  configDiagnostics: Diagnostic[];
  /** Problems with the build itself (output folder not writable, unknown format, no browser): environment errors. */
  environment: Diagnostic[];
  /** True when any file was skipped or any environment problem occurred. */
  failed: boolean;
  /** The manifest written (incremental builds). */
  manifest?: Manifest;
  /** Why the build stopped early (the abort reason, e.g. "SIGINT"), when it did. */
  interrupted?: string;
}

/** What a build resolves once. */
export interface BuildContext {
  options: BuildOptions;
  outDir: string;
  formats: OutputFormat[];
  configs: ConfigResolver;
  sessions: SessionPool;
  /** A large build's worker threads, started at once so they load while the build plans. */
  threads?: CheckThreads;
  /** Problems of the build itself, so far. */
  environment: Diagnostic[];
}

/** Resolves the formats, the configs and the (not yet opened) sessions of a build of `files`; starts its threads. */
export function resolveContext(options: BuildOptions, files: readonly string[] = []): BuildContext {
  const environment: Diagnostic[] = [];
  const formats: OutputFormat[] = [];
  for (const id of options.formats) {
    const f = getFormat(id);
    if (f) formats.push(f);
    else environment.push(diagnostic("unknown-format", "unknown", NOWHERE, { format: id }, `formats: ${formatIds().join(", ")}`));
  }
  const ctx: BuildContext = {
    options,
    outDir: options.outDir,
    formats,
    configs: new ConfigResolver(options.configFile),
    sessions: new SessionPool({ ...options.session, concurrency: options.concurrency, outDir: options.outDir }),
    environment,
  };
  // A first build (no manifest yet) checks every file: its threads start now, to load while the
  // build plans. Otherwise the plan decides first how many files are left to check.
  const firstBuild = options.incremental === undefined || !existsSync(join(options.outDir, MANIFEST_FILE));
  if (firstBuild && environment.length === 0) ctx.threads = startThreads(ctx, files.length);
  return ctx;
}

/** The worker threads for checking `count` files, when there are enough of them. */
function startThreads(ctx: BuildContext, count: number): CheckThreads | undefined {
  const { options } = ctx;
  const threads = workerCount(options.workers, count);
  if (threads <= 1 || !CheckThreads.usable(options)) return undefined;
  return new CheckThreads(threads, { formats: ctx.formats.map((f) => f.id), session: { outDir: options.outDir, ...(options.session?.env ? { env: { ...options.session.env } } : {}) } });
}

/** Diagnostics for ids used by more than one file: both would write the same outputs. */
function duplicateIds(files: readonly CheckedBrief[]): Map<number, Diagnostic> {
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
      out.set(i, diagnostic("duplicate-output-id", "duplicate", { file: f.file, ...f.idAt }, { id, others: others.join(", ") }, "give each assessment its own `id` (it defaults to the file name)"));
    }
  }
  return out;
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length && signal?.aborted !== true) await work(items[next++]!);
  });
  await Promise.all(runners);
}

/** The abort reason as a word ("SIGINT"), for the report. */
function reasonOf(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return typeof r === "string" ? r : r instanceof Error ? r.message : "an interrupt";
}

/**
 * Checks the files a fast-path file must be checked for after all: a checked brief names it as
 * its previous edition, and the "changes" section needs its assessment.
 */
function previousEditionsOnFastPath(checked: readonly CheckedBrief[], plan: IncrementalBuild): string[] {
  const refs = checked.filter((c) => c.assessment?.supersedes !== undefined).map((c) => ({ ref: c.assessment!.supersedes!, dir: dirname(resolve(c.file)) }));
  if (refs.length === 0) return [];
  return [...plan.fast.keys()].filter((f) => refs.some((r) => plan.fast.get(f)!.entry.id === r.ref || resolve(r.dir, r.ref) === resolve(f)));
}

/** Plan, check, render, write: builds the files into `outDir` in each format. */
export async function buildFiles(files: readonly string[], options: BuildOptions): Promise<BuildResult> {
  const ctx = resolveContext(options, files);
  const { environment, sessions } = ctx;
  const result = (built: BuiltFile[], configDiagnostics: Diagnostic[], extra: Partial<BuildResult> = {}): BuildResult => ({
    files: built,
    formats: [...options.formats],
    configDiagnostics,
    environment,
    failed: environment.length > 0 || built.some((r) => r.status !== "built" || r.diagnostics.some((d) => d.severity === "error")),
    ...extra,
  });
  let lock: BuildLock | undefined;
  if (environment.length === 0) {
    let step: "folder" | "lock" = "folder";
    try {
      await prepareOutputFolder(ctx.outDir, options.root);
      step = "lock";
      lock = await acquireLock(ctx.outDir, { timeoutMs: options.lockTimeoutMs, signal: options.signal });
    } catch (error) {
      if (error instanceof LockedError) environment.push(diagnostic("output-locked", "locked", { file: ctx.outDir, line: 0, column: 0 }, { pid: error.pid, seconds: Math.round(error.waitedMs / 1000) }));
      else environment.push(diagnostic("output-unwritable", step, { file: ctx.outDir, line: 0, column: 0 }, { reason: errorCode(error) }));
    }
  }
  try {
    // 1. Plan.
    const plan = options.incremental && lock
      ? await IncrementalBuild.start(ctx.outDir, files, { ...options.incremental, session: options.session }, { formats: ctx.formats.map((f) => f.id), asOf: options.asOf, strict: options.strict, configFile: options.configFile, customRules: options.rules !== undefined }, ctx.configs)
      : undefined;
    const toCheck = plan ? plan.checkedFiles(files) : [...files];
    // Slow sessions (the PDF browser) open now, so the browser launches while the files are checked.
    if (lock && toCheck.length > 0) for (const f of ctx.formats) if (f.pure !== true) sessions.start(f);

    // 2. Check: each file once; previous editions resolved among the inputs.
    const checkOptions: CheckStageOptions = { asOf: options.asOf, configFile: options.configFile, strict: options.strict, rules: options.rules, plan: plan?.plan };
    // Large builds: every thread checks batches of files and renders their pure formats (threads.ts).
    ctx.threads ??= startThreads(ctx, toCheck.length);
    const threads = ctx.threads && workerCount(options.workers, toCheck.length) > 1 ? ctx.threads : undefined;
    const stage = threads ? await threads.run(toCheck, checkOptions, ctx.configs) : checkInputs(toCheck, checkOptions, ctx.configs);
    const demoted = plan ? previousEditionsOnFastPath(stage.files, plan) : [];
    for (const f of demoted) plan!.fast.delete(f);
    const more = demoted.length > 0 ? checkInputs(demoted, checkOptions, ctx.configs) : { files: [], configDiagnostics: [] };
    const configDiagnostics = uniqueDiagnostics([...stage.configDiagnostics, ...more.configDiagnostics, ...(plan?.configDiagnostics ?? [])]);
    const byFile = new Map([...stage.files, ...more.files].map((c) => [c.file, c]));
    const checked: CheckedBrief[] = files.map((file) => {
      const hit = plan?.fast.get(file);
      if (!hit) return byFile.get(file)!;
      return { file, text: hit.diagnostics.length > 0 ? hit.text : "", id: hit.entry.id, idAt: { line: 1, column: 1 }, diagnostics: hit.diagnostics, valid: true };
    });
    const duplicates = duplicateIds(checked);
    const built: BuiltFile[] = checked.map((c, i) => {
      const dup = duplicates.get(i);
      const r: BuiltFile = { file: c.file, text: c.text, status: c.valid && !dup ? "built" : "skipped", diagnostics: dup ? [...c.diagnostics, dup] : [...c.diagnostics], outputs: [] };
      if (c.id !== undefined) r.id = c.id;
      return r;
    });
    if (!lock || environment.length > 0 || configDiagnostics.some((d) => d.severity === "error")) {
      for (const r of built) r.status = "skipped";
      return result(built, configDiagnostics);
    }
    const editions = resolveEditions(
      checked.map((c) => ({ file: c.file, assessment: c.assessment, config: ctx.configs.forFile(c.file), supersedesAt: c.supersedesAt })),
      { root: options.root ?? dirname(resolve(ctx.outDir)), configs: ctx.configs, checkOptions: { asOf: options.asOf, rules: options.rules } },
    );
    checked.forEach((c, i) => {
      const found = editions.get(c.file);
      if (!found || found.diagnostics.length === 0) return;
      const r = built[i]!;
      r.diagnostics.push(...found.diagnostics);
      if (options.strict === true && found.diagnostics.some((d) => d.severity !== "info")) r.status = "skipped";
    });

    // 3 and 4. Render and write, brief by brief.
    const progress = options.progress;
    progress?.start(built.length);
    for (const r of built) if (r.status === "skipped") progress?.done(r);
    const render: RenderStage = { outDir: ctx.outDir, sessions, plan, unsyncedFolders: new Set() };
    const work = built.map((r, i) => ({ r, c: checked[i]! })).filter(({ r }) => r.status === "built");
    const doneFiles = new Set<BuiltFile>();
    const buildOne = async (r: BuiltFile, c: CheckedBrief): Promise<void> => {
      const fast = plan?.fast.get(c.file);
      if (fast) {
        r.reused = fast.outputs.map((o) => resolve(ctx.outDir, o.path));
        r.entry = fast.entry;
        return;
      }
      const config = ctx.configs.forFile(c.file);
      const job: BriefJob = { file: c.file, id: c.id!, idAt: c.idAt, assessment: c.assessment!, config };
      const changes: Brief["changes"] = editions.get(c.file)?.changes;
      if (changes) job.changes = changes;
      else if (c.prerendered) {
        job.prerendered = c.prerendered.outputs;
        if (c.prerendered.briefHash !== undefined) job.briefHash = c.prerendered.briefHash;
      }
      const outcomes: FormatOutcome[] = [];
      for (const format of ctx.formats) outcomes.push(await renderFormat(render, job, format));
      for (const level of options.releases ?? []) {
        const release = releaseJob(job, level, c.idAt);
        if ("diagnostic" in release) {
          r.diagnostics.push(release.diagnostic);
          continue;
        }
        for (const format of ctx.formats) outcomes.push(await renderFormat(render, release.job, format));
      }
      if (options.signal?.aborted === true) {
        // Stopped while rendering (the browser may have been closed under it): not the brief's fault.
        r.status = "interrupted";
        return;
      }
      // A format that failed (this brief's PDF too large, a browser that crashed) is reported on the
      // file; the brief's other formats are still written.
      const failed = outcomes.flatMap((o) => (o.kind === "failed" || o.kind === "unavailable" ? o.diagnostics : []));
      r.diagnostics.push(...failed);
      const writable = outcomes.filter((o) => o.kind !== "failed" && o.kind !== "unavailable");
      if (writable.length === 0) {
        r.status = "skipped";
        return;
      }
      const written = await writeOutcomes(render, c.file, writable);
      r.diagnostics.push(...written.diagnostics);
      r.outputs.push(...written.written);
      if (written.kept.length > 0) r.reused = written.kept;
      if (!written.ok || outcomes.some((o) => o.kind === "failed")) r.status = "skipped";
      else if (plan && job.briefHash !== undefined) {
        r.entry = plan.record({ file: c.file, assessment: job.assessment, briefHash: job.briefHash, checkKey: c.checkKey, diagnostics: r.diagnostics, outputs: written.records });
      }
    };
    await pool(
      work,
      options.concurrency ?? 16,
      async ({ r, c }) => {
        progress?.begin(r.file);
        try {
          await buildOne(r, c);
        } finally {
          doneFiles.add(r);
          progress?.done(r);
        }
      },
      options.signal,
    );
    for (const { r } of work) if (!doneFiles.has(r)) r.status = "interrupted";
    for (const { format, error } of sessions.unavailableFormats()) {
      environment.push(diagnostic("renderer-unavailable", "unavailable", error.at ?? NOWHERE, { format, reason: error.message }, error.hint));
    }
    const extra: Partial<BuildResult> = {};
    if (options.signal?.aborted === true) {
      extra.interrupted = reasonOf(options.signal);
      const finished = built.filter((r) => r.status !== "interrupted").length;
      environment.push(diagnostic("build-interrupted", "interrupted", NOWHERE, { signal: extra.interrupted, done: finished, total: built.length }));
    }
    try {
      // The renames of every output reach the disk before the manifest records them.
      await syncFolders(render.unsyncedFolders);
    } catch (error) {
      environment.push(diagnostic("output-unwritable", "flush", { file: ctx.outDir, line: 0, column: 0 }, { reason: errorCode(error) }));
    }
    if (plan) {
      try {
        extra.manifest = await plan.finish(ctx.outDir, built.flatMap((r) => (r.entry && r.status === "built" ? [r.entry] : [])));
      } catch (error) {
        environment.push(diagnostic("output-unwritable", "manifest", { file: ctx.outDir, line: 0, column: 0 }, { reason: errorCode(error) }));
      }
    }
    return result(built, configDiagnostics, extra);
  } finally {
    await ctx.threads?.close();
    await sessions.close();
    lock?.release();
  }
}

/**
 * The job of a tearline release of a brief: its assessment with everything above `level` removed
 * (src/marking/release.ts), or the diagnostic that says why there is no such release.
 */
function releaseJob(job: BriefJob, level: string, at: At): { job: BriefJob } | { diagnostic: Diagnostic } {
  const ladders = laddersFor(job.config.data);
  const parsed = parseRelease(level, ladders);
  const where = { file: job.file, ...at };
  if ("error" in parsed) return { diagnostic: diagnostic("release-refused", "level", where, { level, reason: parsed.error }) };
  const released = releaseAssessment(job.assessment, parsed.level, ladders);
  if (!released.ok) return { diagnostic: diagnostic("release-refused", "refused", where, { level, reason: released.reason }, released.hint) };
  return { job: { file: job.file, id: job.id, idAt: job.idAt, assessment: released.assessment, config: job.config, release: releaseSlug(parsed.marking) } };
}
