/**
 * Incremental builds: whether an output from an earlier build can be kept as it is. It can when
 * the manifest says it was rendered from the same inputs (same content hash) and the file in the
 * output folder is still exactly what was written then (same sha256 and size). Anything else —
 * no manifest, another hash, a missing, edited or truncated file — renders it again.
 */
import { readFileSync } from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { sha256 } from "./hash.js";
import { manifestOutputPath, type Manifest, type ManifestBrief, type ManifestOutput, type ManifestWarning } from "./manifest.js";

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
