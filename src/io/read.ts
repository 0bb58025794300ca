/**
 * The guarded reader: every input yardstick reads (assessments, config, templates, previous
 * editions) goes through {@link readInput}. It opens without blocking (a FIFO cannot hang it),
 * accepts regular files only (FIFOs, devices and sockets are refused before a byte is read), and
 * reads at most a byte limit, checked while reading: `/dev/zero`, or a file that grows, cannot
 * fill memory.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { diagnostic, formatMessage, type MessageData } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** Default limit of {@link readInput}: 1 MiB, the assessment limit. */
export const DEFAULT_INPUT_LIMIT = 1_048_576;

/** Why an input was not read. */
export type InputProblemKind = "file-unreadable" | "file-not-regular" | "file-too-large";

/**
 * An input that could not be read: `code` is the system error code (ENOENT, EACCES, …) or, for
 * refusals, a short phrase ("a named pipe (FIFO), not a regular file"); `ruleId` classifies it,
 * and `messageId` with `data` names its message in the code catalogue (the error's `message` is
 * that message filled in).
 */
export class InputError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    readonly ruleId: InputProblemKind,
    readonly messageId: string,
    readonly data: MessageData = {},
    readonly hint?: string,
    /** The size found, for files over the limit (when known). */
    readonly size?: number,
  ) {
    super(formatMessage(ruleId, messageId, data));
    this.name = "InputError";
  }
}

/** Options for {@link readInput}. */
export interface ReadInputOptions {
  /** Largest accepted size in bytes (default 1 MiB). */
  maxBytes?: number;
  /** Refuse a symbolic link at the path itself (O_NOFOLLOW). Default: follow it, but the target must be a regular file. */
  noFollow?: boolean;
  /** Wording for the limit's hint. */
  limitHint?: string;
}

/** What kind of file a stat describes, in words. */
export function fileKind(st: Stats): string {
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  if (st.isDirectory()) return "a folder";
  if (st.isSymbolicLink()) return "a symbolic link";
  return "not a regular file";
}

function sizeText(n: number): string {
  return n.toLocaleString("en-GB");
}

function tooLarge(path: string, maxBytes: number, size: number | undefined, hint: string | undefined): InputError {
  const data: MessageData = size === undefined ? { limit: sizeText(maxBytes) } : { size: sizeText(size), limit: sizeText(maxBytes) };
  return new InputError(path, "EFBIG", "file-too-large", size === undefined ? "overUnknown" : "over", data, hint ?? "split the assessment, or raise `maxFileBytes` in yardstick.config.yaml", size);
}

/**
 * Reads a regular file of at most `maxBytes` bytes. Throws {@link InputError} for a missing or
 * unreadable file, anything but a regular file (before reading from it), or a file over the limit
 * (the read stops one byte past it).
 */
export function readInput(path: string, options: ReadInputOptions = {}): Buffer {
  const maxBytes = options.maxBytes ?? DEFAULT_INPUT_LIMIT;
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow === true ? (constants.O_NOFOLLOW ?? 0) : 0);
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    if (code === "ELOOP" && options.noFollow === true) throw new InputError(path, "a symbolic link", "file-not-regular", "link");
    if (code === "ENXIO" || code === "EOPNOTSUPP") throw new InputError(path, "a socket", "file-not-regular", "socket");
    if (code === "EISDIR") throw new InputError(path, code, "file-not-regular", "folder");
    throw new InputError(path, code, "file-unreadable", code === "ENOENT" ? "noSuchFile" : "cannotRead", { reason: code });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const kind = fileKind(st);
      throw new InputError(path, `${kind}, not a regular file`, "file-not-regular", "kind", { kind }, "yardstick reads regular files only");
    }
    if (st.size > maxBytes) throw tooLarge(path, maxBytes, st.size, options.limitHint);
    // One byte more than the limit tells a file that grew past it from one that is exactly at it.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(st.size, 64 * 1024)) + 1);
    let chunks: Buffer[] | undefined;
    let filled = 0;
    let total = 0;
    let current = buffer;
    for (;;) {
      if (filled === current.byteLength) {
        (chunks ??= []).push(current);
        current = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, 1024 * 1024));
        filled = 0;
        if (current.byteLength === 0) break;
      }
      let n: number;
      try {
        n = readSync(fd, current, filled, current.byteLength - filled, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
        throw new InputError(path, code, "file-unreadable", "cannotRead", { reason: code });
      }
      if (n === 0) break;
      filled += n;
      total += n;
      if (total > maxBytes) throw tooLarge(path, maxBytes, undefined, options.limitHint);
    }
    const last = current.subarray(0, filled);
    return chunks ? Buffer.concat([...chunks, last], total) : last;
  } finally {
    closeSync(fd);
  }
}

/** Reads a file as UTF-8 text through {@link readInput}. */
export function readInputText(path: string, options: ReadInputOptions = {}): string {
  return readInput(path, options).toString("utf8");
}

/**
 * The diagnostic for an input that could not be read (an {@link InputError} or a system error),
 * on `file` as the user named it.
 */
export function inputDiagnostic(file: string, error: unknown): Diagnostic {
  const at = { file, line: 0, column: 0 };
  if (error instanceof InputError) return diagnostic(error.ruleId, error.messageId, at, error.data, error.hint);
  const code = error instanceof Error && "code" in error ? String((error as NodeJS.ErrnoException).code) : "unknown error";
  return diagnostic("file-unreadable", "cannotRead", at, { reason: code });
}
