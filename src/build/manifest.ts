/**
 * `out/manifest.json`: what the output folder holds, for CI and other tools, and what an
 * incremental build compares against. Every brief with its source file, its outputs (path inside
 * the output folder, sha256, size, the input hash they were rendered from), its judgment count and
 * its warnings. Deterministic: no wall-clock time, entries sorted by id, keys in a fixed order —
 * the same output folder gives the same bytes.
 *
 * Reading is tolerant: a missing, unreadable, corrupt or foreign manifest reads as empty, which
 * makes the next build render everything. Entries whose paths would leave the output folder are
 * dropped.
 */
import { readInputText } from "../io/read.js";
import { isAbsolute, join, normalize, resolve, sep } from "node:path";
import { z } from "zod";
import { SLUG_PATTERN } from "../schema/assessment.js";
import { writeAtomic } from "../project/outputs.js";

/** File name of the manifest inside the output folder. */
export const MANIFEST_FILE = "manifest.json";

/** Version of the manifest's shape. */
export const MANIFEST_VERSION = 1;

/** Largest manifest read back (a manifest of 10,000 briefs is a few megabytes). */
const MANIFEST_READ_LIMIT = 256 * 1024 * 1024;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** A plain file name directly inside the output folder: no separators, no `..`, no absolute path. */
function isPlainName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !name.includes("/") && !name.includes("\\") && name !== "." && name !== ".." && !name.includes("\0") && !isAbsolute(name);
}

const ManifestWarningSchema = z.object({
  ruleId: z.string().max(200),
  severity: z.enum(["error", "warning", "info"]).optional(),
  line: z.int().min(0),
  column: z.int().min(0).optional(),
  endLine: z.int().min(0).optional(),
  endColumn: z.int().min(0).optional(),
  message: z.string().max(10_000),
  /** Which of the code's or rule's messages this is; absent in manifests written before it was kept. */
  messageId: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,99}$/).optional(),
  hint: z.string().max(10_000).optional(),
});

const ManifestOutputSchema = z.object({
  /** The format id, or `format@release` for a tearline release ("pdf@tlp-green"). */
  format: z.string().regex(/^[a-z0-9-]{1,20}(?:@[a-z0-9.-]{1,80})?$/),
  path: z.string().refine(isPlainName),
  sha256: Hex64,
  bytes: z.int().min(0),
  inputHash: Hex64,
  /** The program that printed it, when that changes the bytes (the PDF's browser: name and version). */
  renderedWith: z.string().max(200).optional(),
  /** Warnings the renderer reported (e.g. blocked requests), repeated when the output is reused. */
  warnings: z.array(ManifestWarningSchema).optional(),
});

const ManifestBriefSchema = z.object({
  id: z.string().regex(SLUG_PATTERN).max(80),
  source: z.string().max(4096),
  title: z.string().max(10_000).optional(),
  inputHash: Hex64,
  /**
   * Hash of what checking the file depends on (its bytes, its config, the day checked against,
   * yardstick's version, --strict): when it matches, the file is not parsed again and its
   * warnings come from here.
   */
  checkKey: Hex64.optional(),
  /** The previous edition named by `supersedes`: such a brief depends on another file, so it is always checked. */
  supersedes: z.string().max(4096).optional(),
  judgments: z.int().min(0),
  warnings: z.array(ManifestWarningSchema),
  outputs: z.array(ManifestOutputSchema),
});

const ManifestSchema = z.object({
  manifestVersion: z.literal(MANIFEST_VERSION),
  generator: z.string().max(200),
  briefs: z.array(z.unknown()),
  removed: z.array(z.unknown()).optional(),
});

/** One output file of a brief. */
export type ManifestOutput = z.infer<typeof ManifestOutputSchema>;
/** A warning (or info) on a brief's source, as CI wants it. */
export type ManifestWarning = z.infer<typeof ManifestWarningSchema>;
/** One brief: an assessment and what it was rendered to. */
export type ManifestBrief = z.infer<typeof ManifestBriefSchema>;

/** The whole manifest. */
export interface Manifest {
  manifestVersion: typeof MANIFEST_VERSION;
  /** "yardstick <version>". */
  generator: string;
  /** Briefs whose outputs are in the folder, sorted by id. */
  briefs: ManifestBrief[];
  /**
   * Briefs of earlier builds whose source file no longer exists: their outputs are left in the
   * folder (yardstick never deletes what it did not just write) and listed here so CI can.
   */
  removed?: ManifestBrief[];
}

/** An empty manifest. */
export function emptyManifest(generator: string): Manifest {
  return { manifestVersion: MANIFEST_VERSION, generator, briefs: [] };
}

/** Keeps only well-formed entries (a hostile or half-written manifest loses just its bad entries). */
function validEntries(list: readonly unknown[] | undefined): ManifestBrief[] {
  const out: ManifestBrief[] = [];
  const seen = new Set<string>();
  for (const item of list ?? []) {
    const parsed = ManifestBriefSchema.safeParse(item);
    if (!parsed.success || seen.has(parsed.data.id)) continue;
    seen.add(parsed.data.id);
    out.push(parsed.data);
  }
  return out;
}

/** Parses manifest text; anything unreadable gives undefined (build everything). */
export function parseManifest(text: string): Manifest | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const manifest: Manifest = { manifestVersion: MANIFEST_VERSION, generator: parsed.data.generator, briefs: validEntries(parsed.data.briefs) };
  const removed = validEntries(parsed.data.removed);
  if (removed.length > 0) manifest.removed = removed;
  return manifest;
}

/** Reads `<outDir>/manifest.json`; missing or corrupt gives undefined. */
export function readManifest(outDir: string): Manifest | undefined {
  let text: string;
  try {
    text = readInputText(join(outDir, MANIFEST_FILE), { maxBytes: MANIFEST_READ_LIMIT });
  } catch {
    return undefined;
  }
  return parseManifest(text);
}

function orderedOutput(o: ManifestOutput): ManifestOutput {
  const out: ManifestOutput = { format: o.format, path: o.path, sha256: o.sha256, bytes: o.bytes, inputHash: o.inputHash };
  if (o.renderedWith !== undefined) out.renderedWith = o.renderedWith;
  if (o.warnings && o.warnings.length > 0) out.warnings = o.warnings.map(orderedWarning);
  return out;
}

function orderedWarning(w: ManifestWarning): ManifestWarning {
  return {
    ruleId: w.ruleId,
    ...(w.severity !== undefined ? { severity: w.severity } : {}),
    line: w.line,
    ...(w.column !== undefined ? { column: w.column } : {}),
    ...(w.endLine !== undefined ? { endLine: w.endLine } : {}),
    ...(w.endColumn !== undefined ? { endColumn: w.endColumn } : {}),
    message: w.message,
    ...(w.messageId !== undefined ? { messageId: w.messageId } : {}),
    ...(w.hint !== undefined ? { hint: w.hint } : {}),
  };
}

function orderedBrief(b: ManifestBrief): ManifestBrief {
  return {
    id: b.id,
    source: b.source,
    ...(b.title !== undefined ? { title: b.title } : {}),
    inputHash: b.inputHash,
    ...(b.checkKey !== undefined ? { checkKey: b.checkKey } : {}),
    ...(b.supersedes !== undefined ? { supersedes: b.supersedes } : {}),
    judgments: b.judgments,
    warnings: b.warnings.map(orderedWarning),
    outputs: [...b.outputs].sort((x, y) => (x.format < y.format ? -1 : x.format > y.format ? 1 : 0)).map(orderedOutput),
  };
}

const byId = (a: ManifestBrief, b: ManifestBrief): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The manifest as text: keys in a fixed order, briefs sorted by id, outputs by format, 2-space indent, final newline. */
export function serializeManifest(manifest: Manifest): string {
  const out: Manifest = {
    manifestVersion: MANIFEST_VERSION,
    generator: manifest.generator,
    briefs: [...manifest.briefs].sort(byId).map(orderedBrief),
  };
  if (manifest.removed && manifest.removed.length > 0) out.removed = [...manifest.removed].sort(byId).map(orderedBrief);
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * Writes `<outDir>/manifest.json` atomically, unless it already holds exactly this text (a build
 * that changed nothing leaves the folder untouched). Returns whether it wrote.
 */
export async function writeManifest(outDir: string, manifest: Manifest): Promise<boolean> {
  const path = join(outDir, MANIFEST_FILE);
  const text = serializeManifest(manifest);
  try {
    if (readInputText(path, { maxBytes: MANIFEST_READ_LIMIT }) === text) return false;
  } catch {
    // No manifest yet (or unreadable): write it.
  }
  await writeAtomic(path, text);
  return true;
}

/** The absolute path of an output listed in the manifest, or undefined when it would leave `outDir`. */
export function manifestOutputPath(outDir: string, output: Pick<ManifestOutput, "path">): string | undefined {
  if (!isPlainName(output.path)) return undefined;
  const root = resolve(outDir);
  const target = normalize(join(root, output.path));
  return target.startsWith(root + sep) ? target : undefined;
}

/** Options for {@link mergeManifest}. */
export interface MergeOptions {
  /** Whether a source file still exists (entries of deleted sources move to `removed`). */
  sourceExists(source: string): boolean;
  /** Whether an output listed by an earlier build is still in the folder. */
  outputExists(output: ManifestOutput): boolean;
}

/**
 * The manifest after a build: this build's briefs, plus the earlier entries this build did not
 * touch — kept when their source still exists (a build of one file or one shard does not forget
 * the rest of the folder), moved to `removed` when the source is gone. Earlier outputs no longer
 * on disk are dropped. An id built now replaces its earlier entry.
 */
export function mergeManifest(previous: Manifest | undefined, built: readonly ManifestBrief[], generator: string, options: MergeOptions): Manifest {
  const next = new Map<string, ManifestBrief>();
  for (const b of built) next.set(b.id, b);
  const builtSources = new Set(built.map((b) => b.source));
  const removed = new Map<string, ManifestBrief>();
  const carry = (entry: ManifestBrief, into: Map<string, ManifestBrief>) => {
    const outputs = entry.outputs.filter((o) => options.outputExists(o));
    if (outputs.length > 0) into.set(entry.id, { ...entry, outputs });
  };
  for (const entry of previous?.briefs ?? []) {
    if (next.has(entry.id)) continue;
    // The same source now builds under another id: its old outputs belong to no source any more.
    if (builtSources.has(entry.source) || !options.sourceExists(entry.source)) carry(entry, removed);
    else carry(entry, next);
  }
  for (const entry of previous?.removed ?? []) {
    if (!next.has(entry.id) && !removed.has(entry.id)) carry(entry, removed);
  }
  const manifest: Manifest = { manifestVersion: MANIFEST_VERSION, generator, briefs: [...next.values()].sort(byId) };
  if (removed.size > 0) manifest.removed = [...removed.values()].sort(byId);
  return manifest;
}
