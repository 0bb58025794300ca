/**
 * `yardstick import`: existing briefs (plain text, Markdown, Word) → typed assessments.
 *
 * read (text / Markdown / .docx → blocks) → recognise (blocks → draft + warnings against the
 * input) → YAML (draft → assessment text). The caller checks the result like any assessment.
 */
import { basename, extname } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/codes.js";
import type { Scale } from "../schema/scales.js";
import type { ReadBlocks } from "./blocks.js";
import type { DateOrder } from "./dates.js";
import { readDocxBlocks } from "./read-docx.js";
import { readTextBlocks } from "./read-text.js";
import { recognise } from "./structure.js";
import { draftToYaml } from "./to-yaml.js";

export type { DateOrder } from "./dates.js";
export { parseDate } from "./dates.js";

/** The kinds of brief `import` reads, by file extension. */
export const IMPORT_EXTENSIONS: Readonly<Record<string, "text" | "markdown" | "docx">> = {
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".docx": "docx",
};

/** Options for {@link importBrief}. */
export interface ImportOptions {
  /** The input's path as the user gave it (for diagnostics and the header comment). */
  file: string;
  /** Every scale the project knows. */
  scales: Readonly<Record<string, Scale>>;
  scale?: string;
  dateOrder?: DateOrder;
  /** Id of the new assessment (default: from the file name). */
  id?: string;
  /** `$schema` path for the modeline. */
  schemaPath: string;
}

/** What an import gives back. */
export interface ImportResult {
  id: string;
  /** How the input was read. */
  kind: "text" | "markdown" | "docx";
  /** The assessment file's text. */
  yaml: string;
  /** Warnings (and errors) against the input file. */
  diagnostics: Diagnostic[];
}

/** A kebab-case id from a file name: "ISK brief (July).docx" → "isk-brief-july". */
export function idFromName(file: string): string {
  const id = basename(file, extname(file))
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return id || "imported-brief";
}

/** Reads the input's blocks by its kind; a .docx that is not a Word file becomes a diagnostic. */
async function readBlocks(bytes: Uint8Array, kind: "text" | "markdown" | "docx", file: string): Promise<ReadBlocks | Diagnostic> {
  if (kind === "docx") {
    try {
      return await readDocxBlocks(bytes);
    } catch {
      return diagnostic("import-unreadable", "notDocx", { file, line: 0, column: 0 });
    }
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return readTextBlocks(text, kind === "markdown");
}

/** Imports one brief. `kind` defaults to the one its extension names (text when unknown). */
export async function importBrief(bytes: Uint8Array, options: ImportOptions, kind = IMPORT_EXTENSIONS[extname(options.file).toLowerCase()] ?? "text"): Promise<ImportResult> {
  const read = await readBlocks(bytes, kind, options.file);
  if (!("blocks" in read)) return { id: options.id ?? idFromName(options.file), kind, yaml: "", diagnostics: [read] };
  const { draft, diagnostics } = recognise(read, {
    file: options.file,
    scales: options.scales,
    ...(options.scale ? { scale: options.scale } : {}),
    dateOrder: options.dateOrder ?? "dmy",
    plainText: kind === "text",
  });
  const id = options.id ?? draft.id ?? idFromName(options.file);
  const yaml = draftToYaml(draft, { id, schemaPath: options.schemaPath, from: basename(options.file) });
  return { id, kind, yaml, diagnostics };
}
