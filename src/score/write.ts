/**
 * Writing the reliability diagram: atomically (write-file-atomic: a temporary file renamed into
 * place), refusing a symbolic link at the target (write-file-atomic would follow it and write
 * wherever it points). The one place `score` writes a file, to be replaced by the shared guarded
 * writer of `src/io/` when it lands.
 */
import { lstatSync } from "node:fs";
import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";

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

function kindOf(path: string): "missing" | "symlink" | "file" | "other" {
  try {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return "symlink";
    return st.isFile() ? "file" : "other";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw new WriteRefused(`cannot inspect ${path} (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`);
  }
}

/** Writes `data` to `path` atomically; refuses symbolic links, folders and a missing parent folder. */
export async function writeOutputFile(path: string, data: string): Promise<void> {
  const kind = kindOf(path);
  if (kind === "symlink") throw new WriteRefused(`refusing to write ${path}: it is a symbolic link`, "write to a regular file path, or remove the link first");
  if (kind === "other") throw new WriteRefused(`refusing to write ${path}: it is not a regular file`, "name a file, not a folder or device");
  const parent = dirname(path);
  const parentKind = kindOf(parent);
  if (parentKind === "missing") throw new WriteRefused(`cannot write ${path}: the folder ${parent} does not exist`, "create the folder first");
  try {
    await writeFileAtomic(path, data, { encoding: "utf8", mode: 0o644 });
  } catch (error) {
    throw new WriteRefused(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
