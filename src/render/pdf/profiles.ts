/**
 * Chromium profile folders are temporary (`yardstick-chromium-*` in the temporary folder) and
 * removed when the session closes. A yardstick killed with SIGKILL cannot remove its own, so each
 * profile carries the owner's pid, and the next session removes the profiles whose owner is gone.
 */
import { lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { processAlive } from "../../io/process.js";

/** The file in a profile naming the yardstick process that uses it. */
export const PROFILE_OWNER_FILE = "yardstick-owner";

/** Name prefix of the profile folders (see launch.ts). */
const PREFIX = "yardstick-chromium-";

/** A profile without an owner file is left alone this long (it may be launching right now). */
const UNMARKED_GRACE_MS = 10 * 60_000;

/** Records this process as the owner of a profile. */
export function markProfile(dir: string, pid = process.pid): void {
  try {
    writeFileSync(join(dir, PROFILE_OWNER_FILE), `${hostname()} ${pid}\n`, { flag: "wx" });
  } catch {
    // The profile is gone already, or marked: nothing to record.
  }
}

/**
 * Removes the profile folders of this user whose yardstick process has ended (same host), and
 * unmarked ones older than ten minutes. Returns the folders removed. Never follows a link.
 */
export function removeStaleProfiles(root: string = tmpdir(), now: number = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => n.startsWith(PREFIX));
  } catch {
    return removed;
  }
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;
  for (const name of names) {
    const dir = join(root, name);
    try {
      const st = lstatSync(dir);
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      let stale: boolean;
      try {
        const [host, pid] = readFileSync(join(dir, PROFILE_OWNER_FILE), "utf8").trim().split(" ");
        stale = host === hostname() && Number(pid) > 0 && !processAlive(Number(pid));
      } catch {
        stale = now - st.mtimeMs > UNMARKED_GRACE_MS;
      }
      if (!stale) continue;
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
      removed.push(dir);
    } catch {
      // Raced with its owner or another cleaner: leave it.
    }
  }
  return removed;
}
