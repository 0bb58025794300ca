/**
 * Which browser will print the PDFs, as a short name + version ("@sparticuz/chromium 143.0.4",
 * "Chromium 156.0.8078.114 built on Debian …"), known before a build renders anything — so it can
 * go into each PDF's content hash (another browser prints other bytes) and the manifest.
 * The bundled one is named by its pinned package version without unpacking it; any other browser
 * by its `--version` output (cached per executable for the process).
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findBrowser, type FindBrowserOptions } from "./browser.js";
import { userCacheDir } from "./bundled.js";

const cache = new Map<string, Promise<string>>();

/** What identifies an executable's build on disk: its real path, size, mtime and inode. */
function fileKey(path: string): string | undefined {
  try {
    const real = realpathSync(path);
    const st = statSync(real);
    return `${real}|${st.size}|${st.mtimeMs}|${st.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * `PATH --version`, remembered in the user's cache folder by {@link fileKey} (the browser's
 * start-up for `--version` costs about half a second; a build that renders nothing should not pay it).
 */
function versionOf(path: string, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  const key = fileKey(path) ?? path;
  let hit = cache.get(key);
  if (hit) return hit;
  const file = join(userCacheDir(env), "browser-versions.json");
  let known: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) known = parsed as Record<string, string>;
  } catch {
    // none yet
  }
  const stored = Object.hasOwn(known, key) ? known[key] : undefined;
  hit = typeof stored === "string" && stored.length > 0 ? Promise.resolve(stored) : new Promise<string>((resolve) => {
      execFile(path, ["--version"], { timeout: 15_000, encoding: "utf8" }, (error, stdout) => {
        const line = stdout.split("\n").map((l) => l.trim()).find(Boolean);
        if (error || !line) {
          // A browser that cannot say its version is named by its path (the build then reports why it does not start).
          resolve(path.slice(0, 200));
          return;
        }
        const version = line.slice(0, 200);
        try {
          mkdirSync(userCacheDir(env), { recursive: true, mode: 0o700 });
          const tmp = `${file}.${process.pid}.tmp`;
          writeFileSync(tmp, `${JSON.stringify({ ...known, [key]: version }, null, 1)}\n`, { mode: 0o600 });
          renameSync(tmp, file);
        } catch {
          // not remembered: asked again next time
        }
        resolve(version);
      });
    });
  cache.set(key, hit);
  return hit;
}

/** The identity of the browser a PDF session with these options would use; undefined when none is found. */
export async function pdfBrowserIdentity(options: Pick<FindBrowserOptions, "browser" | "env"> = {}): Promise<string | undefined> {
  const search = await findBrowser({ browser: options.browser, env: options.env, prepareBundled: false });
  if (!search.found) return undefined;
  return search.found.identity ?? versionOf(search.found.path, options.env ?? process.env);
}
