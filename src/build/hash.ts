/**
 * Content hashes for incremental builds. An output is re-rendered only when the hash of what it is
 * rendered from changed: the normalised assessment, the resolved config (data and scales), the
 * yardstick version, and what the format declares in `dependsOn` (templates, fonts, environment
 * variables, extra) — a format cannot be added without saying what its bytes depend on.
 *
 * Hashes are sha256 over a stable serialisation (object keys sorted, `undefined` dropped), so the
 * same inputs give the same hash in any process, on any machine, in any key order.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { ResolvedConfig } from "../config/load.js";
import { FONT_FACES, fontPath } from "../render/html/assets.js";
import { getFormat } from "../render/formats.js";

/**
 * Version of the hashing scheme itself: bump it when what goes into a hash changes, so every
 * output is rendered again once.
 */
export const HASH_SCHEME = 3;


/** The package's built-in templates folder (the same folder the HTML renderer loads). */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** sha256 of text or bytes, as lower-case hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** JSON orders integer-like keys ("2", "10") first, ascending, whatever the insertion order. */
const INDEX_KEY = /^(?:0|[1-9][0-9]{0,8})$/;

const isIndexKey = (k: string): boolean => {
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && INDEX_KEY.test(k);
};

function sortedKeys(value: object): string[] {
  const keys = Object.keys(value).sort();
  if (!keys.some(isIndexKey)) return keys;
  const indexes = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...indexes, ...keys.filter((k) => !isIndexKey(k))];
}

/** Values an object member or array item is dropped for (in an array: written as null), as JSON does. */
const skipped = (v: unknown): boolean => v === undefined || typeof v === "function" || typeof v === "symbol";

const quotedKeys = new Map<string, string>();

/** A key as JSON text; the few keys an assessment has are quoted once. */
function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q);
  }
  return q;
}

function emit(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) return JSON.stringify(String(value));
      return Object.is(value, -0) ? "0" : JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return JSON.stringify(value.toString());
    case "object":
      break;
    default:
      return "null";
  }
  if (value === null) return "null";
  if (value instanceof Uint8Array) return `{"$bytes":${JSON.stringify(sha256(value))}}`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (seen.has(value)) throw new Error("stableStringify: circular structure");
  seen.add(value);
  try {
    if (value instanceof Map) return emit(Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), v])), seen);
    if (value instanceof Set) return `[${[...value].map((v) => (skipped(v) ? "null" : emit(v, seen))).sort((a, b) => (a < b ? -1 : 1)).join(",")}]`;
    if (Array.isArray(value)) return `[${value.map((v) => (skipped(v) ? "null" : emit(v, seen))).join(",")}]`;
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of sortedKeys(record)) {
      const v = record[key];
      if (!skipped(v)) members.push(`${quoted(key)}:${emit(v, seen)}`);
    }
    return `{${members.join(",")}}`;
  } finally {
    seen.delete(value);
  }
}

/**
 * JSON with object keys sorted at every level and `undefined` dropped: two values that are equal
 * as data serialise to the same text. Bytes become their sha256, Maps objects, Sets sorted arrays.
 * Written in one pass, without an intermediate copy of the value.
 */
export function stableStringify(value: unknown): string {
  return emit(value, new Set());
}

/** sha256 of {@link stableStringify}. */
export function hashValue(value: unknown): string {
  return sha256(stableStringify(value));
}

/** Every regular file under a folder (recursively, dot-entries skipped), with its sha256, by posix relative path. */
export function hashFolder(dir: string): Record<string, string> {
  const root = resolve(dir);
  const out: Record<string, string> = {};
  // Folders by real path: a link back up the tree (a loop) is walked once, not forever.
  const seen = new Set<string>();
  const walk = (folder: string): void => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith(".")) continue;
      const path = join(folder, name);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        continue;
      }
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) out[relative(root, path).split(sep).join("/")] = sha256(readFileSync(path));
    }
  };
  walk(root);
  return out;
}

const folderCache = new Map<string, string>();
let fontsCache: string | undefined;

/** One hash of a folder's files (cached for the process: templates do not change during a build). */
export function folderHash(dir: string): string {
  const key = resolve(dir);
  let hit = folderCache.get(key);
  if (hit === undefined) {
    hit = existsSync(key) ? hashValue(hashFolder(key)) : "missing";
    folderCache.set(key, hit);
  }
  return hit;
}

/** One hash of the bundled font files (cached for the process). */
export function fontsHash(): string {
  if (fontsCache === undefined) {
    const faces: Record<string, string> = {};
    for (const face of FONT_FACES) {
      let digest = "missing";
      try {
        digest = sha256(readFileSync(fontPath(face)));
      } catch {
        // A missing font fails the render itself; here it only has to hash differently.
      }
      faces[`${face.pkg}/${face.file}`] = digest;
    }
    fontsCache = hashValue(faces);
  }
  return fontsCache;
}

const fileCache = new Map<string, string>();

/** The format of an output key: "pdf" for "pdf" and for a release's "pdf@tlp-green". */
function baseFormat(key: string): string {
  const at = key.indexOf("@");
  return at < 0 ? key : key.slice(0, at);
}

/**
 * The files a format declares it reads while rendering (`dependsOn.files`, e.g. the Word reference
 * document), by the path written in the config, with their sha256 ("missing" when unreadable).
 * Undefined for formats that read none.
 */
export function formatFilesFingerprint(format: string, config: Pick<ResolvedConfig, "data" | "dir">): Record<string, string> | undefined {
  const files = getFormat(baseFormat(format))?.dependsOn?.files?.(config);
  if (!files || files.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const file of files) {
    const path = resolve(config.dir, file);
    let digest = fileCache.get(path);
    if (digest === undefined) {
      try {
        digest = sha256(readFileSync(path));
      } catch {
        digest = "missing";
      }
      fileCache.set(path, digest);
    }
    out[file] = digest;
  }
  return out;
}

/** Forgets cached folder and font hashes (for tests, and for long-running processes such as preview). */
export function clearHashCache(): void {
  folderCache.clear();
  fileCache.clear();
  fontsCache = undefined;
}

/**
 * The templates and fonts a format is drawn with, as its `dependsOn` declares: the built-in
 * templates, the config's override folder (its files take precedence), and the font files.
 * Undefined for formats that use neither.
 */
export function templateFingerprint(format: string, config: Pick<ResolvedConfig, "data" | "dir">, builtinDir: string = BUILTIN_TEMPLATES_DIR): Record<string, string> | undefined {
  const deps = getFormat(baseFormat(format))?.dependsOn;
  if (!deps || (!deps.templates && !deps.fonts)) return undefined;
  const out: Record<string, string> = {};
  if (deps.templates) {
    out.builtin = folderHash(builtinDir);
    if (config.data.templates !== undefined) out.override = folderHash(resolve(config.dir, config.data.templates));
  }
  if (deps.fonts) out.fonts = fontsHash();
  return out;
}

/** What one output is rendered from. */
export interface OutputHashInput {
  /** The normalised (checked, defaults applied) assessment, or the file's bytes. */
  assessment: unknown;
  /** The config that applies to the file. */
  config: Pick<ResolvedConfig, "data" | "scales" | "dir">;
  /** Output format id ("md", "pdf", …). */
  format: string;
  /** yardstick's version. */
  version: string;
  /** Render options that change the bytes: SOURCE_DATE_EPOCH, page size overrides, … */
  options?: Readonly<Record<string, unknown>>;
  /** Anything else the output depends on, e.g. the previous edition for the "changes" section. */
  extra?: unknown;
  /** The built-in templates folder (tests point it elsewhere). */
  builtinTemplatesDir?: string;
}

/** The content hash of one output: equal hashes mean byte-equal outputs. */
export function outputHash(input: OutputHashInput): string {
  return outputHashFromBrief(briefHash(input), input.format, input.config, input.options, input.builtinTemplatesDir);
}

/**
 * The content hash of one output from its brief's hash ({@link briefHash}: assessment, config,
 * version, extra) and what the format adds: its id, render options, templates and fonts.
 */
export function outputHashFromBrief(brief: string, format: string, config: Pick<ResolvedConfig, "data" | "dir">, options?: Readonly<Record<string, unknown>>, builtinTemplatesDir?: string): string {
  return hashValue({
    scheme: HASH_SCHEME,
    brief,
    format,
    options: options ?? {},
    templates: templateFingerprint(format, config, builtinTemplatesDir),
    files: formatFilesFingerprint(format, config),
  });
}

const configHashes = new WeakMap<object, { scales: unknown; hash: string }>();

/**
 * The hash of a resolved config (its data and scales), made once per config: every brief's and
 * every file's key includes it, and a build has few configs but many files.
 */
export function configHash(config: Pick<ResolvedConfig, "data" | "scales">): string {
  const known = configHashes.get(config.data);
  if (known && known.scales === config.scales) return known.hash;
  const hash = hashValue({ data: config.data, scales: config.scales });
  configHashes.set(config.data, { scales: config.scales, hash });
  return hash;
}

/** The hash of a brief's inputs common to every format (assessment, config, version, extra). */
export function briefHash(input: Pick<OutputHashInput, "assessment" | "version" | "extra"> & { config: Pick<ResolvedConfig, "data" | "scales"> }): string {
  return hashValue({
    scheme: HASH_SCHEME,
    version: input.version,
    assessment: input.assessment,
    config: configHash(input.config),
    extra: input.extra,
  });
}

let versionCache: string | undefined;

/** yardstick's version from its package.json. */
export function yardstickVersion(): string {
  if (versionCache === undefined) {
    try {
      versionCache = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string }).version ?? "0.0.0";
    } catch {
      versionCache = "0.0.0";
    }
  }
  return versionCache;
}
