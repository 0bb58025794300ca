/**
 * Writing the reliability diagram and scorecards through the shared guarded writer
 * (`src/io/write.ts`: temporary file, flushed, renamed, folder flushed; never through a link).
 * The one place `score` writes a file.
 */
import { lstatSync } from "node:fs";
import { dirname } from "node:path";
import { WriteRefusedError, writeFileGuarded } from "../io/write.js";

/** A file that cannot be written, for the user to fix. */
export class WriteRefused extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "WriteRefused";
  }
}

/** Writes `data` to `path` atomically; refuses symbolic links, folders and a missing parent folder. */
export async function writeOutputFile(path: string, data: string): Promise<void> {
  const parent = dirname(path);
  try {
    lstatSync(parent);
  } catch {
    throw new WriteRefused(`cannot write ${path}: the folder ${parent} does not exist`, "create the folder first");
  }
  try {
    await writeFileGuarded(path, data, { mode: 0o644 });
  } catch (error) {
    if (error instanceof WriteRefusedError) {
      const link = /symbolic link/.test(error.message);
      throw new WriteRefused(`refusing to write ${path}: ${link ? "it is a symbolic link" : error.message}`, link ? "write to a regular file path, or remove the link first" : "name a file, not a folder or device");
    }
    throw new WriteRefused(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
