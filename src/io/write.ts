/**
 * The guarded writer: every file yardstick writes (briefs, the manifest, new assessments) goes
 * through {@link writeFileGuarded}. It never writes through a symbolic link, writes a temporary
 * file next to the target (created exclusively, mode 0644 less the umask), checks that every byte
 * reached the file, flushes it to disk, renames it over the target and flushes the folder. On any
 * error the temporary file is removed and the previous file stays as it was.
 */
import { constants, promises as fsp } from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from "node:path";

/** The file-system calls the writer makes; injectable so tests can simulate a full disk. */
export interface WriteFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
  lstat: typeof fsp.lstat;
  mkdir: typeof fsp.mkdir;
}

const NODE_FS: WriteFs = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink, lstat: fsp.lstat, mkdir: fsp.mkdir };

/**
 * A write refused before anything was written: a symbolic link where a file or folder is
 * written, or something other than a regular file in the way. `code` says why in words, so
 * messages of the form "cannot write PATH (code)" read well.
 */
export class WriteRefusedError extends Error {
  readonly code: string;
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`refusing to write ${path}: ${reason}`);
    this.name = "WriteRefusedError";
    this.code = reason;
  }
}

/** Options for {@link writeFileGuarded}. */
export interface GuardedWriteOptions {
  /** Permission bits of a new file before the umask (default 0o644). */
  mode?: number;
  /** File-system calls (tests inject failures). */
  fs?: WriteFs;
  /**
   * Many files into one folder (a build): the writer adds the file's folder here instead of
   * flushing the folder after each rename, and the caller flushes each folder once with
   * {@link syncFolders} before it records what it wrote. Each file's own bytes are still flushed
   * before its rename, so a crash leaves every file old or new, never partial.
   */
  deferFolderSync?: Set<string>;
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

async function lstatOrUndefined(fs: WriteFs, path: string) {
  try {
    return await fs.lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Throws {@link WriteRefusedError} when `dir` is a symbolic link or not a folder. */
async function assertRealFolder(fs: WriteFs, dir: string): Promise<void> {
  const st = await lstatOrUndefined(fs, dir);
  if (!st) return;
  if (st.isSymbolicLink()) throw new WriteRefusedError(dir, `${dir} is a symbolic link; yardstick does not write through links`);
  if (!st.isDirectory()) throw new WriteRefusedError(dir, `${dir} is not a folder`);
}

/** Writes all of `data` at the handle's current position, checking each write's byte count. */
async function writeAll(handle: fsp.FileHandle, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.byteLength) {
    const { bytesWritten } = await handle.write(data, offset, data.byteLength - offset, offset);
    if (!Number.isInteger(bytesWritten) || bytesWritten <= 0) {
      const error = new Error(`short write: ${offset} of ${data.byteLength} bytes`) as NodeJS.ErrnoException;
      error.code = "EIO";
      throw error;
    }
    offset += bytesWritten;
  }
}

/** Flushes a folder's entries (the rename) to disk; platforms that cannot are skipped. */
async function syncFolder(fs: WriteFs, dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0));
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Windows cannot open folders; some file systems refuse fsync on them.
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "ENOTSUP") throw error;
  } finally {
    await handle?.close();
  }
}

/** Flushes the entries of folders written with `deferFolderSync` to disk, once each. */
export async function syncFolders(dirs: Iterable<string>, fs: WriteFs = NODE_FS): Promise<void> {
  for (const dir of dirs) await syncFolder(fs, dir);
}

/**
 * Writes a file atomically and durably: readers see the old content or the new, never a part;
 * a failure (full disk, quota, I/O error) leaves the old file and throws. Refuses (throws
 * {@link WriteRefusedError}) when the target or its folder is a symbolic link, or the target is
 * not a regular file.
 */
export async function writeFileGuarded(path: string, data: string | Uint8Array, options: GuardedWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? NODE_FS;
  const target = resolve(path);
  const dir = dirname(target);
  await assertRealFolder(fs, dir);
  const existing = await lstatOrUndefined(fs, target);
  if (existing?.isSymbolicLink()) throw new WriteRefusedError(target, "it is a symbolic link; yardstick does not write through links");
  if (existing && !existing.isFile()) throw new WriteRefusedError(target, "it is not a regular file");
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  let handle: fsp.FileHandle | undefined;
  let created = false;
  try {
    handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, options.mode ?? 0o644);
    created = true;
    await writeAll(handle, bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    // rename() replaces a link placed here meanwhile rather than following it.
    await fs.rename(temp, target);
    created = false;
    if (options.deferFolderSync) options.deferFolderSync.add(dir);
    else await syncFolder(fs, dir);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates the output folder, refusing symbolic links: the folder itself, and every folder
 * between `within` and it (when it lies inside `within`), must be a real folder. Folders that
 * do not exist are created one by one, so nothing is created through a link.
 */
export async function prepareFolderGuarded(folder: string, within?: string, fs: WriteFs = NODE_FS): Promise<void> {
  const target = resolve(folder);
  const base = within === undefined ? undefined : resolve(within);
  const rel = base === undefined ? "" : relative(base, target);
  const inside = base !== undefined && rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
  const chain: string[] = [];
  if (inside) {
    let current = base;
    for (const part of rel.split(sep)) {
      current = join(current, part);
      chain.push(current);
    }
  } else {
    chain.push(target);
  }
  if (!inside) {
    // Outside the project: the ancestors are the user's own choice; only the folder itself is checked.
    const parent = dirname(target);
    if ((await lstatOrUndefined(fs, parent)) === undefined) await fs.mkdir(parent, { recursive: true });
  }
  for (const dir of chain) {
    const st = await lstatOrUndefined(fs, dir);
    if (!st) {
      try {
        await fs.mkdir(dir);
        continue;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
    const now = st ?? (await fs.lstat(dir));
    if (now.isSymbolicLink()) throw new WriteRefusedError(dir, `${dir} is a symbolic link; yardstick does not write through links`);
    if (!now.isDirectory()) throw new WriteRefusedError(dir, `${dir} is not a folder`);
  }
}
