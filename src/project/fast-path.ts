/**
 * The fast path of an incremental build: a file whose bytes, config, check day, yardstick version
 * and `--strict` are those of the last build (its check key matches the manifest's) is neither
 * parsed nor checked again — checking is a pure function of those — and when every output it
 * needs is still in the output folder as written, it is done: its warnings come from the manifest.
 *
 * Briefs that name a previous edition (`supersedes`) depend on another file and never take this
 * path; nor does anything after `--force`. Everything else goes through the normal check, where
 * each output is still kept when its content hash matches (a comment edited in the YAML does not
 * re-render the brief).
 */
import type { ResolvedConfig } from "../config/load.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hashValue, sha256 } from "./hash.js";
import { warningDiagnostics } from "./incremental.js";
import type { Manifest, ManifestBrief, ManifestOutput } from "./manifest.js";
import { decideFromBrief, type IncrementalPlan } from "./output-cache.js";

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
  return hashValue({ check: 1, source: sha256(input.text), config: { data: input.config.data, scales: input.config.scales }, asOf: input.asOf, strict: input.strict, version: input.version });
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
