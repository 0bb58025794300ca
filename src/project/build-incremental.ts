/**
 * Incremental builds, as the build uses them: before checking, find the files that need nothing
 * (the fast path); while rendering, decide per output whether the file in the output folder can be
 * kept; at the end, write `out/manifest.json`. Kept out of build.ts so the build reads as before.
 */
import { readInput } from "../io/read.js";
import { basename } from "node:path";
import { ConfigResolver } from "../config/load.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Assessment } from "../schema/assessment.js";
import { todayIso } from "../schema/dates.js";
import { entriesBySource, tryFastPath, type FastHit } from "./fast-path.js";
import { briefRecord, warningDiagnostics, writtenOutput } from "./incremental.js";
import type { Manifest, ManifestBrief, ManifestOutput } from "./manifest.js";
import { briefInputHash, decideFromBrief, finishManifest, manifestSource, planIncremental, type IncrementalPlan, type OutputDecision } from "./output-cache.js";

/** Options of an incremental build. */
export interface IncrementalOptions {
  /** Render everything; earlier outputs are never kept. */
  force?: boolean;
  /** The folder sources are recorded relative to (the CLI's working folder). */
  projectRoot: string;
  /** Environment (SOURCE_DATE_EPOCH); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** `--browser` of the PDF format: which browser prints goes into each PDF's hash and manifest entry. */
  browser?: string;
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
  private readonly records = new Map<string, ManifestBrief>();

  private constructor(
    readonly plan: IncrementalPlan,
    private readonly previous: Manifest | undefined,
    private readonly options: IncrementalOptions,
    /** Config problems seen on the fast path (the check reports them for the other files). */
    readonly configDiagnostics: Diagnostic[],
  ) {}

  /** Reads the earlier manifest and finds the files that need nothing. */
  static async start(outDir: string, files: readonly string[], options: IncrementalOptions, context: FastPathContext): Promise<IncrementalBuild> {
    const { plan, previousManifest } = planIncremental(outDir, { force: options.force, env: options.env });
    if (context.formats.includes("pdf")) {
      // Another browser prints other bytes: its name and version are part of every PDF's hash.
      const renderedWith = await (await import("../render/pdf/identity.js")).pdfBrowserIdentity({ browser: options.browser, env: options.env });
      if (renderedWith !== undefined) plan.renderOptions.pdf = { ...plan.renderOptions.pdf, renderedWith };
    }
    const configs = new ConfigResolver(context.configFile);
    const bySource = context.customRules === true ? new Map<string, ManifestBrief>() : entriesBySource(previousManifest, options.force === true);
    const build = new IncrementalBuild(plan, previousManifest, options, []);
    if (bySource.size > 0) {
      const asOf = context.asOf ?? todayIso();
      for (const file of files) {
        const entry = bySource.get(manifestSource(file, options.projectRoot));
        if (!entry) continue;
        let bytes: Uint8Array;
        const config = configs.forFile(file);
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
    if (renderedWith !== undefined) output.renderedWith = renderedWith;
    return { format, output, reused: false };
  }

  /** The record of an output kept; its render warnings go back on the file. */
  kept(file: string, output: ManifestOutput, diagnostics: Diagnostic[]): OutputRecord {
    diagnostics.push(...warningDiagnostics(file, output.warnings));
    return { format: output.format, output, reused: true };
  }

  /** Records a brief built (or kept) in this build. */
  record(input: { file: string; assessment: Assessment; briefHash: string; checkKey?: string; diagnostics: readonly Diagnostic[]; outputs: readonly OutputRecord[] }): void {
    const { assessment } = input;
    const record = briefRecord({
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
    this.records.set(input.file, record);
  }

  /** Records a file of the fast path as it stands. */
  recordFast(file: string): void {
    const hit = this.fast.get(file);
    if (hit) this.records.set(file, hit.entry);
  }

  /** Writes the manifest: this build's briefs merged into the earlier ones. */
  async finish(outDir: string): Promise<Manifest> {
    return finishManifest(outDir, this.previous, [...this.records.values()], this.options.projectRoot);
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
    const [{ RULES }, { unknownRuleDiagnostics }] = await Promise.all([import("../lint/rules/index.js"), import("./rule-settings.js")]);
    const ids = RULES.map((r) => r.meta.id);
    for (const c of loaded) out.push(...unknownRuleDiagnostics(c, ids));
  }
  return out;
}
