/**
 * The plan of a build: which inputs are unchanged. This is the only reader of the earlier
 * manifest's hashes. It reads `out/manifest.json`, finds the files that need nothing (the fast
 * path: same bytes, config, check day, version and `--strict` as the last build, and every output
 * still on disk as written), and answers the one keep-or-render question per output: the file in
 * the output folder is kept when the manifest says it was rendered from the same content hash and
 * its bytes on disk are still exactly those recorded. At the end it merges this build's briefs
 * into the manifest.
 *
 * The decision data ({@link IncrementalPlan}) is plain, so the check stage can take it into
 * worker threads.
 */
import { existsSync, readFileSync } from "node:fs";
import { readInput } from "../io/read.js";
import { basename, isAbsolute, relative, resolve, sep } from "node:path";
import { ConfigResolver, type ResolvedConfig } from "../config/load.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Assessment } from "../schema/assessment.js";
import { todayIso } from "../schema/dates.js";
import { briefHash, clearHashCache, configHash, hashValue, outputHashFromBrief, sha256, yardstickVersion } from "./hash.js";
import { manifestOutputPath, mergeManifest, readManifest, writeManifest, type Manifest, type ManifestBrief, type ManifestOutput, type ManifestWarning } from "./manifest.js";
import { formatIds, getFormat } from "../render/formats.js";
import type { FormatSessionOptions } from "../render/output-format.js";

/** What deciding "keep or render" needs: plain data, clonable to a worker. */
export interface IncrementalPlan {
  outDir: string;
  /** Outputs of the earlier build; empty with `--force`. */
  previous: PreviousOutputs;
  /** yardstick's version, part of every hash. */
  version: string;
  /** Render options that change the bytes, by format (e.g. SOURCE_DATE_EPOCH for PDF). */
  renderOptions: Record<string, Record<string, unknown>>;
}

/**
 * What changes each format's bytes besides the brief, as its `dependsOn` declares: the values of
 * its environment variables and its `extra` (e.g. the browser that will print).
 */
export function renderOptionsFor(env: Readonly<Record<string, string | undefined>>, session: Omit<FormatSessionOptions, "env"> = {}, formats: readonly string[] = formatIds()): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const id of formats) {
    const deps = getFormat(id)?.dependsOn;
    if (!deps) continue;
    const options: Record<string, unknown> = {};
    for (const name of deps.env ?? []) if (env[name] !== undefined) options[name] = env[name];
    const extra = deps.extra?.({ ...session, env });
    if (extra !== undefined) options.extra = extra;
    out[id] = options;
  }
  return out;
}

/** Options of {@link planIncremental}. */
export interface PlanOptions {
  /** Render everything: earlier outputs are never kept (the manifest is still merged). */
  force?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  /** Session options (`--browser`), for formats whose bytes depend on them. */
  session?: Omit<FormatSessionOptions, "env">;
}

/** Reads the earlier manifest of `outDir` and makes the plan. */
export function planIncremental(outDir: string, options: PlanOptions = {}): { plan: IncrementalPlan; previousManifest: Manifest | undefined } {
  // Templates may have changed since an earlier build in this process (tests, preview).
  clearHashCache();
  const previousManifest = readManifest(outDir);
  return {
    previousManifest,
    plan: {
      outDir,
      previous: options.force === true ? {} : previousOutputs(previousManifest),
      version: yardstickVersion(),
      renderOptions: renderOptionsFor(options.env ?? process.env, options.session),
    },
  };
}

/** The decision for one output. */
export interface OutputDecision {
  /** The content hash of what this output is rendered from. */
  inputHash: string;
  /** The earlier output, when it can be kept as it is. */
  reuse?: ManifestOutput;
}

/**
 * Whether the `format` output of an assessment must be rendered. `extra` is anything else the
 * output depends on (e.g. the previous edition shown in a "changes" section).
 */
export function decideOutput(plan: IncrementalPlan, id: string, format: string, assessment: unknown, config: Pick<ResolvedConfig, "data" | "scales" | "dir">, extra?: unknown): OutputDecision {
  return decideFromBrief(plan, id, format, briefInputHash(plan, assessment, config, extra), config);
}

/** The hash of a brief's inputs (assessment, config, version, extra), as the manifest records it. */
export function briefInputHash(plan: Pick<IncrementalPlan, "version">, assessment: unknown, config: Pick<ResolvedConfig, "data" | "scales">, extra?: unknown): string {
  return briefHash({ assessment, config, version: plan.version, extra });
}

/** {@link decideOutput} from the brief's hash ({@link briefInputHash}). */
export function decideFromBrief(plan: IncrementalPlan, id: string, format: string, brief: string, config: Pick<ResolvedConfig, "data" | "dir">): OutputDecision {
  const inputHash = outputHashFromBrief(brief, format, config, plan.renderOptions[format] ?? {});
  const reuse = reusableOutput(plan.outDir, plan.previous[id]?.[format], inputHash);
  return reuse ? { inputHash, reuse } : { inputHash };
}

/** A source path as the manifest records it: relative to the project folder, `/`-separated. */
export function manifestSource(file: string, projectRoot: string): string {
  const abs = resolve(projectRoot, file);
  const rel = relative(projectRoot, abs);
  const shown = rel === "" || rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
  return shown.split(sep).join("/");
}

/**
 * Merges this build's briefs into the earlier manifest and writes it (atomically). Entries of
 * sources that no longer exist move to `removed`; their files are left in place.
 */
export async function finishManifest(outDir: string, previous: Manifest | undefined, built: readonly ManifestBrief[], projectRoot: string): Promise<Manifest> {
  const manifest = mergeManifest(previous, built, `yardstick ${yardstickVersion()}`, {
    sourceExists: (source) => existsSync(resolve(projectRoot, source)),
    outputExists: (output) => {
      const path = manifestOutputPath(outDir, output);
      return path !== undefined && existsSync(path);
    },
  });
  await writeManifest(outDir, manifest);
  return manifest;
}

/** Earlier outputs by brief id and format: plain data, so it can be posted to a worker thread. */
export type PreviousOutputs = Record<string, Record<string, ManifestOutput>>;

/** The outputs an earlier manifest lists, by id and format. */
export function previousOutputs(manifest: Manifest | undefined): PreviousOutputs {
  const out: PreviousOutputs = Object.create(null) as PreviousOutputs;
  for (const brief of manifest?.briefs ?? []) {
    const byFormat: Record<string, ManifestOutput> = Object.create(null) as Record<string, ManifestOutput>;
    for (const o of brief.outputs) byFormat[o.format] = o;
    out[brief.id] = byFormat;
  }
  return out;
}

/**
 * The earlier output, when it can be kept: rendered from `inputHash`, still in `outDir` with the
 * bytes recorded. Undefined means "render it".
 */
export function reusableOutput(outDir: string, previous: ManifestOutput | undefined, inputHash: string): ManifestOutput | undefined {
  if (!previous || previous.inputHash !== inputHash) return undefined;
  const path = manifestOutputPath(outDir, previous);
  if (!path) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  if (bytes.byteLength !== previous.bytes || sha256(bytes) !== previous.sha256) return undefined;
  return previous;
}

/** A diagnostic as the manifest lists it (no file: the entry says which). */
export function manifestWarning(d: Diagnostic): ManifestWarning {
  const w: ManifestWarning = { ruleId: d.ruleId, severity: d.severity, line: d.line, message: d.message };
  if (d.column > 0) w.column = d.column;
  if (d.endLine !== undefined) w.endLine = d.endLine;
  if (d.endColumn !== undefined) w.endColumn = d.endColumn;
  if (d.hint !== undefined) w.hint = d.hint;
  return w;
}

/** Manifest warnings back as diagnostics on a file (render warnings of a reused output are reported again). */
export function warningDiagnostics(file: string, warnings: readonly ManifestWarning[] | undefined): Diagnostic[] {
  return (warnings ?? []).map((w) => {
    const d: Diagnostic = { file, line: w.line, column: w.column ?? 0, ruleId: w.ruleId, severity: w.severity ?? "warning", message: w.message };
    if (w.endLine !== undefined) d.endLine = w.endLine;
    if (w.endColumn !== undefined) d.endColumn = w.endColumn;
    if (w.hint !== undefined) d.hint = w.hint;
    return d;
  });
}

/** The manifest record of an output just written. */
export function writtenOutput(format: string, fileName: string, data: string | Uint8Array, inputHash: string, warnings: readonly Diagnostic[] = []): ManifestOutput {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const out: ManifestOutput = { format, path: fileName, sha256: sha256(bytes), bytes: bytes.byteLength, inputHash };
  if (warnings.length > 0) out.warnings = warnings.map(manifestWarning);
  return out;
}

/** What a manifest entry is made from. */
export interface BriefRecordInput {
  id: string;
  /** The source file, relative to the project folder, `/`-separated. */
  source: string;
  title?: string;
  inputHash: string;
  /** See {@link ManifestBrief.checkKey}. */
  checkKey?: string;
  /** `supersedes` as written. */
  supersedes?: string;
  judgments: number;
  /** The file's diagnostics: warnings and infos are listed (errors never reach a built brief). */
  diagnostics: readonly Diagnostic[];
  outputs: readonly ManifestOutput[];
}

/** A manifest entry for a brief of this build. */
export function briefRecord(input: BriefRecordInput): ManifestBrief {
  const record: ManifestBrief = {
    id: input.id,
    source: input.source,
    inputHash: input.inputHash,
    judgments: input.judgments,
    warnings: input.diagnostics.filter((d) => d.severity !== "error").map(manifestWarning),
    outputs: [...input.outputs],
  };
  if (input.title !== undefined) record.title = input.title;
  if (input.checkKey !== undefined) record.checkKey = input.checkKey;
  if (input.supersedes !== undefined) record.supersedes = input.supersedes;
  return record;
}

/** What checking a file depends on. */
export interface CheckKeyInput {
  /** The file's text as the loader decodes it (UTF-8, a leading byte-order mark removed). */
  text: string;
  config: Pick<ResolvedConfig, "data" | "scales">;
  /** The day dates are checked against (YYYY-MM-DD). */
  asOf: string;
  strict: boolean;
  version: string;
}

/** The check key of a file (see {@link ManifestBrief.checkKey}). */
export function checkKey(input: CheckKeyInput): string {
  return hashValue({ check: 2, source: sha256(input.text), config: configHash(input.config), asOf: input.asOf, strict: input.strict, version: input.version });
}

/** A file done without checking it again. */
export interface FastHit {
  /** The manifest entry, as it stays. */
  entry: ManifestBrief;
  /** The outputs kept, in the order of the formats asked for. */
  outputs: ManifestOutput[];
  /** Its warnings (and the render warnings of its outputs), from the manifest. */
  diagnostics: Diagnostic[];
  /** The file's text, for showing the warnings in context. */
  text: string;
}

/** The text the loader would check, or undefined when the bytes are not UTF-8 (such a file is checked normally). */
export function decodeSource(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
}

/** Earlier entries by source path; empty with `--force` or without a manifest. */
export function entriesBySource(manifest: Manifest | undefined, force: boolean): Map<string, ManifestBrief> {
  return new Map(force || !manifest ? [] : manifest.briefs.map((b) => [b.source, b]));
}

/** What {@link tryFastPath} looks at. */
export interface FastPathInput {
  /** The file as the build names it (for its diagnostics). */
  file: string;
  bytes: Uint8Array;
  /** The manifest's entry for this source, if any. */
  entry: ManifestBrief | undefined;
  config: Pick<ResolvedConfig, "data" | "scales" | "dir">;
  /** Format ids of this build. */
  formats: readonly string[];
  plan: IncrementalPlan;
  asOf: string;
  strict: boolean;
}

/** The file's outcome when it can skip checking and rendering, else undefined. */
export function tryFastPath(input: FastPathInput): FastHit | undefined {
  const { entry, plan } = input;
  if (!entry || entry.checkKey === undefined || entry.supersedes !== undefined) return undefined;
  const text = decodeSource(input.bytes);
  if (text === undefined) return undefined;
  if (entry.checkKey !== checkKey({ text, config: input.config, asOf: input.asOf, strict: input.strict, version: plan.version })) return undefined;
  const outputs: ManifestOutput[] = [];
  for (const format of input.formats) {
    const decision = decideFromBrief(plan, entry.id, format, entry.inputHash, input.config);
    if (!decision.reuse) return undefined;
    outputs.push(decision.reuse);
  }
  const diagnostics = [...warningDiagnostics(input.file, entry.warnings), ...outputs.flatMap((o) => warningDiagnostics(input.file, o.warnings))];
  return { entry, outputs, diagnostics, text };
}

/** Options of an incremental build. */
export interface IncrementalOptions {
  /** Render everything; earlier outputs are never kept. */
  force?: boolean;
  /** The folder sources are recorded relative to (the CLI's working folder). */
  projectRoot: string;
  /** Environment (SOURCE_DATE_EPOCH); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Session options (`--browser`), for formats whose bytes depend on them. */
  session?: Omit<FormatSessionOptions, "env">;
}

/** What the check of the fast path must agree with. */
export interface FastPathContext {
  formats: readonly string[];
  asOf?: string;
  strict?: boolean;
  configFile?: string;
  /** Custom rules (tests): no fast path, since the manifest's warnings came from other rules. */
  customRules?: boolean;
}

/** One output of a brief in this build. */
export interface OutputRecord {
  format: string;
  output: ManifestOutput;
  /** True when the file already in the output folder was kept. */
  reused: boolean;
}

/** The incremental state of one build. */
export class IncrementalBuild {
  /** Files done without checking, by the path the build was given. */
  readonly fast = new Map<string, FastHit>();

  private constructor(
    readonly plan: IncrementalPlan,
    private readonly previous: Manifest | undefined,
    private readonly options: IncrementalOptions,
    /** Config problems seen on the fast path (the check reports them for the other files). */
    readonly configDiagnostics: Diagnostic[],
  ) {}

  /** Reads the earlier manifest and finds the files that need nothing. */
  static async start(outDir: string, files: readonly string[], options: IncrementalOptions, context: FastPathContext, configs: ConfigResolver = new ConfigResolver(context.configFile)): Promise<IncrementalBuild> {
    const { plan, previousManifest } = planIncremental(outDir, { force: options.force, env: options.env, session: options.session });
    if (context.formats.includes("pdf")) {
      // Another browser prints other bytes: its name and version are part of every PDF's hash.
      const { pdfBrowserIdentity } = await import("../render/pdf/identity.js");
      const renderedWith = await pdfBrowserIdentity({ browser: options.session?.browser, env: options.env });
      if (renderedWith !== undefined) plan.renderOptions.pdf = { ...plan.renderOptions.pdf, renderedWith };
    }
    const bySource = context.customRules === true ? new Map<string, ManifestBrief>() : entriesBySource(previousManifest, options.force === true);
    const build = new IncrementalBuild(plan, previousManifest, options, []);
    if (bySource.size > 0) {
      const asOf = context.asOf ?? todayIso();
      for (const file of files) {
        const entry = bySource.get(manifestSource(file, options.projectRoot));
        if (!entry) continue;
        const config = configs.forFile(file);
        let bytes: Uint8Array;
        try {
          bytes = readInput(file, { maxBytes: config.data.maxFileBytes });
        } catch {
          continue;
        }
        if (config.file !== undefined && config.diagnostics.length > 0) continue;
        const hit = tryFastPath({ file, bytes, entry, config, formats: context.formats, plan, asOf, strict: context.strict === true });
        if (hit) build.fast.set(file, hit);
      }
      build.configDiagnostics.push(...(await configProblems(configs)));
    }
    return build;
  }

  /** The files that must be checked. */
  checkedFiles(files: readonly string[]): string[] {
    return files.filter((f) => !this.fast.has(f));
  }

  /** Whether an output must be rendered, from the brief's hash. */
  decide(id: string, format: string, brief: string, config: Parameters<typeof decideFromBrief>[4]): OutputDecision {
    return decideFromBrief(this.plan, id, format, brief, config);
  }

  /** The record of an output written now (render warnings kept, to be reported again when it is reused). */
  written(format: string, path: string, data: string | Uint8Array, inputHash: string, renderWarnings: readonly Diagnostic[] = []): OutputRecord {
    const output = writtenOutput(format, basename(path), data, inputHash, renderWarnings);
    const renderedWith = this.plan.renderOptions[format]?.renderedWith;
    if (typeof renderedWith === "string") output.renderedWith = renderedWith;
    return { format, output, reused: false };
  }

  /** The record of an output kept; its render warnings go back on the file. */
  kept(file: string, output: ManifestOutput, diagnostics: Diagnostic[]): OutputRecord {
    diagnostics.push(...warningDiagnostics(file, output.warnings));
    return { format: output.format, output, reused: true };
  }

  /** The manifest entry of a brief built (or kept) in this build. */
  record(input: { file: string; assessment: Assessment; briefHash: string; checkKey?: string; diagnostics: readonly Diagnostic[]; outputs: readonly OutputRecord[] }): ManifestBrief {
    const { assessment } = input;
    return briefRecord({
      id: assessment.id,
      source: manifestSource(input.file, this.options.projectRoot),
      title: assessment.title,
      inputHash: input.briefHash,
      checkKey: input.checkKey,
      supersedes: assessment.supersedes,
      judgments: assessment.judgments.length,
      // Render warnings live with their output, so they are not listed twice.
      diagnostics: input.diagnostics.filter((d) => !input.outputs.some((o) => o.output.warnings?.some((w) => w.ruleId === d.ruleId && w.line === d.line && w.message === d.message))),
      outputs: input.outputs.map((o) => o.output),
    });
  }

  /** Writes the manifest: this build's briefs (from the build's report) merged into the earlier ones. */
  async finish(outDir: string, entries: readonly ManifestBrief[]): Promise<Manifest> {
    return finishManifest(outDir, this.previous, entries, this.options.projectRoot);
  }

  /** The brief hash of an assessment (with `extra`, e.g. its "changes" section). */
  briefHash(assessment: Assessment, config: Parameters<typeof briefInputHash>[2], extra?: unknown): string {
    return briefInputHash(this.plan, assessment, config, extra);
  }
}

/** Problems of the configs the fast path loaded, as the check reports them. */
async function configProblems(configs: ConfigResolver): Promise<Diagnostic[]> {
  const loaded = configs.loaded();
  const out = loaded.flatMap((c) => c.diagnostics);
  if (loaded.some((c) => Object.keys(c.data.rules).length > 0)) {
    const [{ RULES }, { unknownRuleDiagnostics }] = await Promise.all([import("../lint/rules/index.js"), import("../check/code-settings.js")]);
    const { configurableIds } = await import("../check/catalogue.js");
    const known = configurableIds(RULES);
    for (const c of loaded) out.push(...unknownRuleDiagnostics(c, known));
  }
  return out;
}
