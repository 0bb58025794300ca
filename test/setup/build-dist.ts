/**
 * Vitest global setup: compiles src/ to dist/ once before any test runs, so tests that spawn
 * `node bin/yardstick.js` (or load worker threads from dist/) can never run a stale build.
 * When no file in src/ (nor a tsconfig) is newer than the last build, tsc is not run at all;
 * otherwise it runs incrementally, and the build info is stamped with the time the build started
 * (tsc leaves it untouched when nothing changed — a checkout that only touched files would
 * otherwise rerun tsc before every test run).
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const ROOT = resolve(import.meta.dirname, "../..");
const BUILD_INFO = join(ROOT, "node_modules/.cache/yardstick/build.tsbuildinfo");

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** The oldest modification time of the files under `dir`. */
function oldest(dir: string): number {
  let earliest = Infinity;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    earliest = Math.min(earliest, entry.isDirectory() ? oldest(path) : statSync(path).mtimeMs);
  }
  return earliest;
}

/**
 * When dist/ was last built: the build info's stamp, or — with no build info, as right after
 * `npm ci` (whose prepare script runs a plain `tsc -p tsconfig.build.json`, writing every file) —
 * the oldest file in dist/.
 */
function builtAt(): number {
  if (!existsSync(join(ROOT, "dist/cli/main.js"))) return 0;
  return existsSync(BUILD_INFO) ? statSync(BUILD_INFO).mtimeMs : oldest(join(ROOT, "dist"));
}

export default async function setup(): Promise<void> {
  const built = builtAt();
  const sources = Math.max(newest(join(ROOT, "src")), ...["tsconfig.json", "tsconfig.build.json", "package.json"].map((f) => statSync(join(ROOT, f)).mtimeMs));
  if (built > sources) return;
  // A dist/ removed by hand while the build info stayed would look up to date to tsc.
  if (!existsSync(join(ROOT, "dist/cli/main.js"))) rmSync(BUILD_INFO, { force: true });
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  const started = new Date();
  try {
    await promisify(execFile)(process.execPath, [tsc, "-p", "tsconfig.build.json", "--incremental", "--tsBuildInfoFile", BUILD_INFO], { cwd: ROOT });
    // A file saved while tsc ran is newer than this, so the next run builds again.
    utimesSync(BUILD_INFO, started, started);
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed, so the CLI tests would run a stale dist/:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}
