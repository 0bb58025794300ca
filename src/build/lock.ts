/**
 * One build at a time per output folder: a lock file created with O_EXCL in the folder, holding
 * the builder's PID. A second build (another shard, say) waits for the first to finish, then
 * reads the manifest the first wrote, so the manifest lists the briefs of both. A lock whose
 * process is gone (killed, crashed) is stale and is taken over.
 */
import { closeSync, constants, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { processAlive } from "../io/process.js";

/** The lock file's name: a dot-name, so it can never be an output (`<id>.<ext>`). */
export const LOCK_FILE = ".yardstick-build.lock";

/** Options for {@link acquireLock}. */
export interface LockOptions {
  /** How long to wait for another build, in ms (default 10 minutes). */
  timeoutMs?: number;
  /** Polling interval in ms (default 100). */
  pollMs?: number;
  /** Stops waiting when aborted. */
  signal?: AbortSignal;
}

/** A held lock. */
export interface BuildLock {
  /** Removes the lock file, if it is still this process's. Safe to call more than once. */
  release(): void;
}

/** The lock is held by a live build that did not finish in time. */
export class LockedError extends Error {
  constructor(
    readonly pid: number,
    readonly waitedMs: number,
  ) {
    super(`the output folder is locked by process ${pid}`);
    this.name = "LockedError";
  }
}

interface LockContent {
  pid: number;
  host: string;
}

function readLock(path: string): LockContent | undefined {
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const parsed = JSON.parse(readFileSync(fd, "utf8")) as Partial<LockContent>;
      if (typeof parsed.pid === "number" && typeof parsed.host === "string") return { pid: parsed.pid, host: parsed.host };
    } finally {
      closeSync(fd);
    }
  } catch {
    // Unreadable, half-written or not a regular file.
  }
  return undefined;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Takes the lock of `outDir` (which must exist), waiting while a live build holds it. A lock left
 * by a process that no longer runs on this host, or one that cannot be read, is removed.
 * Throws {@link LockedError} after the timeout; other errors (a read-only folder) are thrown as is.
 */
export async function acquireLock(outDir: string, options: LockOptions = {}): Promise<BuildLock> {
  const path = join(outDir, LOCK_FILE);
  const me: LockContent = { pid: process.pid, host: hostname() };
  const started = Date.now();
  const timeout = options.timeoutMs ?? 600_000;
  let unreadableSince: number | undefined;
  for (;;) {
    try {
      const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          const now = readLock(path);
          if (now && now.pid === me.pid && now.host === me.host) {
            try {
              unlinkSync(path);
            } catch {
              // Already gone.
            }
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readLock(path);
    // A lock being written reads as nothing for a moment; one that stays unreadable is junk.
    const stale = holder ? holder.host === me.host && !processAlive(holder.pid) : unreadableSince !== undefined && Date.now() - unreadableSince > 2000;
    if (!holder) unreadableSince ??= Date.now();
    else unreadableSince = undefined;
    if (stale) {
      try {
        unlinkSync(path);
      } catch {
        // Another build removed it first.
      }
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= timeout || options.signal?.aborted === true) throw new LockedError(holder?.pid ?? 0, waited);
    await sleep(options.pollMs ?? 100);
  }
}
