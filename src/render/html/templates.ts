/**
 * Loads and compiles the brief templates: the built-in ones in the package's `templates/`
 * folder, each overridable by a same-named file in the folder named by the config's
 * `templates:`. Only template files are ever compiled; analyst text reaches them as data.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { HELPER_NAMES, registerHelpers } from "./helpers.js";
import { readInputText } from "../../io/read.js";
import { RendererUnavailableError } from "../output-format.js";

/** Largest template or stylesheet read (4 MiB). */
export const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;

/** The package's built-in templates folder. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL("../../../templates/", import.meta.url));

/** Compiled templates for one build. */
export interface TemplateSet {
  brief: Handlebars.TemplateDelegate;
  css: string;
  /** Folders the templates came from, built-in last. */
  folders: string[];
}

function pick(name: string, folders: readonly string[]): { path: string; text: string } {
  for (const folder of folders) {
    const path = join(folder, name);
    if (!existsSync(path)) continue;
    try {
      return { path, text: readInputText(path, { maxBytes: MAX_TEMPLATE_BYTES, limitHint: "a template is a few kilobytes: is this the right file?" }) };
    } catch (error) {
      throw new TemplateError(path, error instanceof Error ? error.message : String(error));
    }
  }
  throw new TemplateError(name, `template ${name} not found in ${folders.join(", ")}`);
}

/** Compiles a template, checking its syntax now (Handlebars would only fail on first use). */
function compileChecked(hbs: typeof Handlebars, picked: { path: string; text: string }, options: CompileOptions): Handlebars.TemplateDelegate {
  try {
    hbs.parse(picked.text);
  } catch (error) {
    const lines = (error instanceof Error ? error.message : String(error)).split("\n").filter((l) => l.trim() !== "");
    // Handlebars: "Parse error on line 2:", the line, a caret, "Expecting …, got 'EOF'".
    const message = lines.length > 1 ? `${lines[0]} ${lines[lines.length - 1]}` : (lines[0] ?? "");
    const line = Number(/on line (\d+)/.exec(message)?.[1] ?? 0);
    throw new TemplateError(picked.path, `template ${picked.path} does not compile: ${message}`, line);
  }
  return hbs.compile(picked.text, options);
}

function partialNames(folders: readonly string[]): string[] {
  const names = new Set<string>();
  for (const folder of folders) {
    const dir = join(folder, "partials");
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith(".hbs")) names.add(basename(f, ".hbs"));
  }
  return [...names].sort();
}

const cache = new Map<string, { signature: string; set: TemplateSet }>();

/** Names, sizes and modification times of every template file: a changed file recompiles the set. */
function signature(folders: readonly string[]): string {
  const parts: string[] = [];
  for (const folder of folders) {
    for (const sub of ["", "partials"]) {
      const dir = join(folder, sub);
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).sort()) {
        if (!/\.(hbs|css)$/.test(f)) continue;
        const st = statSync(join(dir, f));
        parts.push(`${dir}/${f}:${st.size}:${st.mtimeMs}`);
      }
    }
  }
  return parts.join("|");
}

/** Forgets compiled templates (they are also recompiled whenever a template file changes). */
export function clearTemplateCache(): void {
  cache.clear();
}

/**
 * Loads the templates, with files in `overrideDir` (absolute, or relative to `baseDir`) taking
 * precedence over the built-in ones. Cached per override folder until a template file changes.
 */
export function loadTemplates(overrideDir?: string, baseDir = process.cwd()): TemplateSet {
  const override = overrideDir ? resolve(baseDir, overrideDir) : undefined;
  const key = override ?? "";
  if (override !== undefined && !(existsSync(override) && statSync(override).isDirectory())) {
    throw new TemplateFolderError(override);
  }
  const folders = override ? [override, BUILTIN_TEMPLATES] : [BUILTIN_TEMPLATES];
  const sig = signature(folders);
  const hit = cache.get(key);
  if (hit && hit.signature === sig) return hit.set;
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const options: CompileOptions = {
    strict: false,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries(HELPER_NAMES.map((n) => [n, true])),
    preventIndent: true,
  };
  for (const name of partialNames(folders)) hbs.registerPartial(name, compileChecked(hbs, pick(`partials/${name}.hbs`, folders), options));
  const set: TemplateSet = {
    brief: compileChecked(hbs, pick("brief.hbs", folders), options),
    css: pick("brief.css", folders).text,
    folders,
  };
  cache.set(key, { signature: sig, set });
  return set;
}

/** A template that cannot be read or does not compile: a user error, reported as a diagnostic. */
export class TemplateError extends RendererUnavailableError {
  constructor(
    readonly file: string,
    message: string,
    line = 0,
  ) {
    super(message, "fix the template (or remove it to use the built-in one); the other formats are still written");
    this.name = "TemplateError";
    this.at = { file, line, column: line > 0 ? 1 : 0 };
  }
}

/** The configured templates folder does not exist. */
export class TemplateFolderError extends Error {
  constructor(readonly folder: string) {
    super(`templates folder ${folder} does not exist`);
    this.name = "TemplateFolderError";
  }
}
