/**
 * Where outputs go and how they are written: `<out>/<id>.<ext>`, never outside the output folder,
 * never through a symbolic link, never over the manifest or a device name, atomically and
 * durably (see `src/io/write.ts`).
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import { SLUG_PATTERN } from "../schema/assessment.js";
import { reservedNameProblem } from "../io/names.js";
import { prepareFolderGuarded, writeFileGuarded, WriteRefusedError, type GuardedWriteOptions } from "../io/write.js";

export { WriteRefusedError };

/**
 * The output path for an assessment id and extension, or undefined when it would not be a plain
 * file directly inside `outDir` (ids are validated slugs, so that means a bug or a hostile id), or
 * when the id is a reserved name (see {@link outputNameProblem}).
 */
export function outputPath(outDir: string, id: string, extension: string, variant?: string): string | undefined {
  if (!SLUG_PATTERN.test(id) || !/^[a-z0-9]+(?:\.[a-z0-9]+)*$/.test(extension)) return undefined;
  if (variant !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/.test(variant)) return undefined;
  if (reservedNameProblem(id) !== undefined) return undefined;
  const root = resolve(outDir);
  const target = resolve(root, variant === undefined ? `${id}.${extension}` : `${id}.${variant}.${extension}`);
  const rel = relative(root, target);
  if (rel === "" || isAbsolute(rel) || rel.startsWith("..") || rel.includes(sep)) return undefined;
  return target;
}

/** Why an id cannot name output files (`manifest`, `con`, `nul`, …), or undefined. */
export function outputNameProblem(id: string): string | undefined {
  return reservedNameProblem(id);
}

/**
 * Writes a file atomically and durably: readers see the old content or the new, never a part.
 * Throws when the write fails (the previous file is kept) or is refused (a symbolic link at the
 * path or as its folder: {@link WriteRefusedError}, whose `code` says why).
 */
export async function writeAtomic(path: string, data: string | Uint8Array, options?: GuardedWriteOptions): Promise<void> {
  await writeFileGuarded(path, data, options);
}

/**
 * Creates the output folder (and missing folders up to it), refusing symbolic links in the path
 * below `within` (the project folder) and at the folder itself.
 */
export async function prepareOutputFolder(outDir: string, within?: string): Promise<void> {
  await prepareFolderGuarded(outDir, within);
}
