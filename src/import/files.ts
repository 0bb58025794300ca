/**
 * Importing files into an assessments folder: read each brief through the guarded reader (regular
 * files only, bounded), import it, write `<out>/<id>.yaml` without ever replacing a file, then check
 * the result like any assessment so the caller can say whether it passes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { inputDiagnostic, readInput } from "../io/read.js";
import { join, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/codes.js";
import { ConfigResolver } from "../config/load.js";
import { checkText } from "../project/check.js";
import { schemaPathFor } from "../project/new-assessment.js";
import { importBrief, type DateOrder } from "./index.js";

/** Largest brief `import` reads (a Word file with images can be large). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Options for {@link importFiles}. */
export interface ImportFilesOptions {
  /** Folder the assessments are written into (created when missing). */
  outDir: string;
  scale?: string;
  dateOrder?: DateOrder;
  /** Id for the new assessment; only with one input. */
  id?: string;
  /** Today, for the check of the result (YYYY-MM-DD). */
  asOf?: string;
  /** Only print the YAML: nothing is written. */
  dryRun?: boolean;
}

/** What happened to one input. */
export interface ImportedFile {
  input: string;
  id: string;
  /** The assessment file, when one was written (or would be, with `dryRun`). */
  output?: string;
  yaml: string;
  /** The input as text, for showing it in messages ("" for Word files and unreadable inputs). */
  text: string;
  /** Warnings and errors against the input brief. */
  diagnostics: Diagnostic[];
  /** Diagnostics of `check` on the imported assessment (against `output`). */
  check: Diagnostic[];
}


/** Imports each file; never overwrites an existing assessment. */
export async function importFiles(inputs: readonly string[], cwd: string, options: ImportFilesOptions): Promise<ImportedFile[]> {
  const outDir = resolve(cwd, options.outDir);
  const configs = new ConfigResolver();
  const config = configs.forFile(join(outDir, "imported.yaml"));
  const results: ImportedFile[] = [];
  for (const input of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = readInput(resolve(cwd, input), { maxBytes: MAX_IMPORT_BYTES });
    } catch (error) {
      results.push({ input, id: "", yaml: "", text: "", diagnostics: [inputDiagnostic(input, error)], check: [] });
      continue;
    }
    const imported = await importBrief(bytes, {
      file: input,
      scales: config.scales,
      ...(options.scale ? { scale: options.scale } : {}),
      ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
      ...(options.id ? { id: options.id } : {}),
      schemaPath: schemaPathFor(outDir),
    });
    const text = imported.kind === "docx" ? "" : new TextDecoder().decode(bytes);
    if (!imported.yaml) {
      results.push({ input, id: imported.id, yaml: "", text, diagnostics: imported.diagnostics, check: [] });
      continue;
    }
    const output = join(outDir, `${imported.id}.yaml`);
    const checked = checkText(imported.yaml, output, config, options.asOf ? { asOf: options.asOf } : {});
    const result: ImportedFile = { input, id: imported.id, output, yaml: imported.yaml, text, diagnostics: imported.diagnostics, check: checked.diagnostics };
    if (!options.dryRun) {
      try {
        mkdirSync(outDir, { recursive: true });
        // "wx": fails when anything (a file or a symlink) is already there.
        writeFileSync(output, imported.yaml, { flag: "wx", mode: 0o644 });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        result.output = undefined;
        result.diagnostics.push(
          code === "EEXIST"
            ? diagnostic("import-exists", "exists", { file: output, line: 0, column: 0 }, {}, "pass --id NEW-ID, or --out another folder")
            : diagnostic("file-unwritable", "cannotWrite", { file: output, line: 0, column: 0 }, { reason: code ?? "unknown error" }),
        );
      }
    }
    results.push(result);
  }
  return results;
}
