/**
 * The incremental side of a build, in one place: read the earlier manifest, decide for each
 * output whether the file already in the output folder can be kept (same content hash, same
 * bytes on disk), and write the new manifest at the end.
 *
 * The decision data ({@link IncrementalPlan}) is plain, so the check-and-render phase can take it
 * into worker threads.
 */
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { ResolvedConfig } from "../config/load.js";
import { formatIds, getFormat } from "../render/formats.js";
import { briefHash, clearHashCache, outputHashFromBrief, yardstickVersion } from "./hash.js";
import { previousOutputs, reusableOutput, type PreviousOutputs } from "./incremental.js";
import { manifestOutputPath, mergeManifest, readManifest, writeManifest, type Manifest, type ManifestBrief, type ManifestOutput } from "./manifest.js";

/** What deciding "keep or render" needs: plain data, clonable to a worker. */
export interface IncrementalPlan {
  outDir: string;
  /** Outputs of the earlier build; empty with `--force`. */
  previous: PreviousOutputs;
  /** yardstick's version, part of every hash. */
  version: string;
  /** Render options that change the bytes, by format (e.g. SOURCE_DATE_EPOCH for PDF). */
  renderOptions: Record<string, Record<string, string>>;
}

/** Render options that change a format's bytes, from the environment. */
export function renderOptionsFor(env: Readonly<Record<string, string | undefined>>): Record<string, Record<string, string>> {
  const pdf: Record<string, string> = {};
  if (env.SOURCE_DATE_EPOCH !== undefined) pdf.sourceDateEpoch = env.SOURCE_DATE_EPOCH;
  const out: Record<string, Record<string, string>> = { pdf };
  // Other formats declare the variables they read (OutputFormat.dependsOn.env).
  for (const id of formatIds()) {
    for (const key of getFormat(id)?.dependsOn?.env ?? []) {
      const value = env[key];
      if (value !== undefined) (out[id] ??= {})[key] = value;
    }
  }
  return out;
}

/** Options of {@link planIncremental}. */
export interface PlanOptions {
  /** Render everything: earlier outputs are never kept (the manifest is still merged). */
  force?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
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
      renderOptions: renderOptionsFor(options.env ?? process.env),
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
