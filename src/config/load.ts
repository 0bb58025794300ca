/**
 * Finding and loading `yardstick.config.yaml`: walk up from the assessment's folder, as other
 * tools find their config.
 */
import { existsSync, statSync } from "node:fs";
import { inputDiagnostic, readInput } from "../io/read.js";
import { dirname, join, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/codes.js";
import { parseYaml } from "../schema/load.js";
import { defaultPhrase, type Scale, BUILT_IN_SCALES } from "../schema/scales.js";
import { zodIssuesToDiagnostics } from "../schema/zod-issues.js";
import { spanForPath } from "../schema/positions.js";
import { Config, type ConfigData } from "./schema.js";

/** File name searched for. */
export const CONFIG_FILE_NAME = "yardstick.config.yaml";

/** A resolved config: its data, where it came from, and its scales (built-in plus custom). */
export interface ResolvedConfig {
  /** Absolute path of the config file, or undefined for the defaults. */
  file?: string;
  /** Folder relative paths in the config resolve against. */
  dir: string;
  data: ConfigData;
  scales: Readonly<Record<string, Scale>>;
  diagnostics: Diagnostic[];
}

/** The defaults used when no config file is found. */
export function defaultConfig(dir: string): ResolvedConfig {
  return { dir, data: Config.parse({}), scales: BUILT_IN_SCALES, diagnostics: [] };
}

/** Finds the nearest config file at or above `startDir`. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Parses config text; problems come back as diagnostics on the config file. */
export function parseConfig(text: string | Uint8Array, file: string): ResolvedConfig {
  const dir = dirname(resolve(file));
  const parsed = parseYaml(text, file);
  const diagnostics = [...parsed.diagnostics];
  const fallback = (): ResolvedConfig => ({ ...defaultConfig(dir), file, diagnostics });
  if (diagnostics.some((d) => d.severity === "error")) {
    // An empty config file is fine: it means "the defaults".
    if (diagnostics.every((d) => d.ruleId === "file-empty")) return { ...defaultConfig(dir), file };
    return fallback();
  }
  const result = Config.safeParse(parsed.value ?? {}, { reportInput: true });
  if (!result.success || !parsed.doc) {
    if (parsed.doc && !result.success) {
      diagnostics.push(...zodIssuesToDiagnostics(result.error.issues, { file, doc: parsed.doc, lineCounter: parsed.lineCounter, schema: Config, value: parsed.value }));
    }
    return fallback();
  }
  if (result.data.templates !== undefined) {
    const folder = resolve(dir, result.data.templates);
    let kind: string | undefined;
    try {
      kind = statSync(folder).isDirectory() ? undefined : "is not a folder";
    } catch {
      kind = "does not exist";
    }
    if (kind !== undefined) {
      diagnostics.push(
        diagnostic("config-templates", "unusable", { file, ...spanForPath(parsed.doc, parsed.lineCounter, ["templates"]) }, { folder: result.data.templates, problem: kind, path: folder }, "create the folder with the templates to override (copy them from yardstick's templates/), or remove `templates:`"),
      );
    }
  }
  const scales: Record<string, Scale> = { ...BUILT_IN_SCALES };
  for (const [id, sc] of Object.entries(result.data.scales)) {
    if (id in BUILT_IN_SCALES) {
      diagnostics.push(diagnostic("config-scale-name", "taken", { file, ...spanForPath(parsed.doc, parsed.lineCounter, ["scales", id], "key") }, { id }, "give the custom scale another name"));
      continue;
    }
    const sorted = [...sc.terms].sort((a, b) => a.min - b.min);
    sc.terms.forEach((t, i) => {
      if (t.min > t.max) {
        diagnostics.push(diagnostic("config-scale-range", "minAboveMax", { file, ...spanForPath(parsed.doc!, parsed.lineCounter, ["scales", id, "terms", i]) }, { term: t.term, min: t.min, max: t.max }));
      }
    });
    scales[id] = {
      id,
      name: sc.name ?? id,
      reference: sc.reference,
      terms: sorted.map((t) => ({
        id: t.term.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
        label: t.term.toLowerCase(),
        min: t.min,
        max: t.max,
        forms: [
          { text: t.term.toLowerCase(), phrase: t.phrase ?? defaultPhrase(t.term.toLowerCase(), t.kind) },
          ...t.aliases.map((a) => ({ text: a.toLowerCase(), phrase: defaultPhrase(a.toLowerCase(), t.kind) })),
        ],
      })),
    };
  }
  return { file, dir, data: result.data, scales, diagnostics };
}

/** Largest config file read (1 MiB). */
export const MAX_CONFIG_BYTES = 1_048_576;

/**
 * Loads a config file from disk. A file that cannot be read (missing, a folder, a FIFO, too
 * large) gives the defaults with an error diagnostic on the config file.
 */
export function loadConfigFile(file: string): ResolvedConfig {
  let bytes: Uint8Array;
  try {
    bytes = readInput(file, { maxBytes: MAX_CONFIG_BYTES, limitHint: "a config file is a few kilobytes: is this the right file?" });
  } catch (error) {
    let d = inputDiagnostic(file, error);
    if (d.messageId === "noSuchFile") d = diagnostic("file-unreadable", "noSuchConfig", { file, line: 0, column: 0 });
    return { ...defaultConfig(dirname(resolve(file))), file, diagnostics: [d] };
  }
  return parseConfig(bytes, file);
}

/** Caches config lookups per folder for one run. */
export class ConfigResolver {
  private readonly byFile = new Map<string, ResolvedConfig>();
  private readonly byDir = new Map<string, string | undefined>();

  /** @param explicit a config file named on the command line, used for every input. */
  constructor(private readonly explicit?: string) {}

  /** The config that applies to a file. */
  forFile(file: string): ResolvedConfig {
    const dir = dirname(resolve(file));
    let configFile = this.explicit ? resolve(this.explicit) : this.byDir.get(dir);
    if (!this.explicit && !this.byDir.has(dir)) {
      configFile = findConfigFile(dir);
      this.byDir.set(dir, configFile);
    }
    if (!configFile) return defaultConfig(dir);
    let cached = this.byFile.get(configFile);
    if (!cached) {
      cached = loadConfigFile(configFile);
      this.byFile.set(configFile, cached);
    }
    return cached;
  }

  /** Every config file loaded so far, for reporting their diagnostics once. */
  loaded(): ResolvedConfig[] {
    return [...this.byFile.values()];
  }
}
