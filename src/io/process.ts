/**
 * Whether another process still runs, for files that record their owner's pid (the build's lock,
 * the PDF browser's profile folders).
 */

/** True when a process with this pid exists (one of another user counts: signalling it is refused, not missing). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
