/**
 * Where outputs go and how they are written: `<out>/<id>.<ext>`, never outside the output folder,
 * atomically (a temporary file in the same folder, then a rename).
 */
import { isAbsolute, relative, resolve, sep } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { SLUG_PATTERN } from "../schema/assessment.js";

/**
 * The output path for an assessment id and extension, or undefined when it would not be a plain
 * file directly inside `outDir` (ids are validated slugs, so that means a bug or a hostile id).
 */
export function outputPath(outDir: string, id: string, extension: string): string | undefined {
  if (!SLUG_PATTERN.test(id) || !/^[a-z0-9]+(?:\.[a-z0-9]+)*$/.test(extension)) return undefined;
  const root = resolve(outDir);
  const target = resolve(root, `${id}.${extension}`);
  const rel = relative(root, target);
  if (rel === "" || isAbsolute(rel) || rel.startsWith("..") || rel.includes(sep)) return undefined;
  return target;
}

/** Writes a file atomically: readers see the old content or the new, never a part. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeFileAtomic(path, typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength), { fsync: false });
}
