/**
 * Finding a Chromium-family browser for PDF rendering, in a fixed order, and saying why each
 * candidate was or was not taken:
 * 1. `--browser PATH`, then `YARDSTICK_BROWSER`;
 * 2. `PUPPETEER_EXECUTABLE_PATH`;
 * 3. system Chrome / Chromium / Edge in the OS's usual places;
 * 4. puppeteer's browser cache (`~/.cache/puppeteer`, or `PUPPETEER_CACHE_DIR`);
 * 5. on Linux x64, the Chromium shipped inside the `@sparticuz/chromium` npm package.
 */
import { accessSync, closeSync, constants, openSync, readdirSync, rmSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

/** Where a candidate came from. */
export type BrowserSource = "option" | "YARDSTICK_BROWSER" | "PUPPETEER_EXECUTABLE_PATH" | "system" | "puppeteer-cache" | "@sparticuz/chromium";

/** One place looked at. */
export interface BrowserCandidate {
  source: BrowserSource;
  path: string;
  found: boolean;
  /** Why it was taken or skipped, in words. */
  reason: string;
}

/** The browser to launch. */
export interface FoundBrowser {
  source: BrowserSource;
  path: string;
  /** Extra launch arguments this browser needs (the bundled Chromium has its own). */
  args: string[];
  /** Puppeteer's headless mode for it. */
  headless: true | "shell";
}

/** What `findBrowser` saw. */
export interface BrowserSearch {
  found?: FoundBrowser;
  candidates: BrowserCandidate[];
}

/** Options of the search; every default comes from the real process. */
export interface FindBrowserOptions {
  /** `--browser PATH`. */
  browser?: string;
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  arch?: string;
  home?: string;
  /** Look in the system's usual places (default true). */
  system?: boolean;
  /** Look in puppeteer's cache (default true). */
  cache?: boolean;
  /** Fall back to `@sparticuz/chromium` on Linux x64 (default true). */
  bundled?: boolean;
}

function executable(path: string): { ok: boolean; reason: string } {
  try {
    const st = statSync(path);
    if (!st.isFile()) return { ok: false, reason: "not a file" };
    accessSync(path, constants.X_OK);
    return { ok: true, reason: "executable" };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "ENOENT" ? "not found" : code === "EACCES" ? "not executable" : `unusable (${code ?? "error"})` };
  }
}

/** The usual install locations of Chrome, Chromium and Edge for a platform. */
export function systemBrowserPaths(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home: string): string[] {
  if (platform === "darwin") {
    const apps = [
      "Google Chrome.app/Contents/MacOS/Google Chrome",
      "Chromium.app/Contents/MacOS/Chromium",
      "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
      "Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary",
    ];
    return [...apps.map((a) => `/Applications/${a}`), ...apps.map((a) => join(home, "Applications", a))];
  }
  if (platform === "win32") {
    const roots = [env.PROGRAMFILES ?? "C:\\Program Files", env["PROGRAMFILES(X86)"] ?? "C:\\Program Files (x86)", env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    const rel = ["Google\\Chrome\\Application\\chrome.exe", "Chromium\\Application\\chrome.exe", "Microsoft\\Edge\\Application\\msedge.exe"];
    return roots.flatMap((r) => rel.map((p) => `${r}\\${p}`));
  }
  const names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge", "microsoft-edge-stable"];
  return [...names.map((n) => `/usr/bin/${n}`), "/snap/bin/chromium", "/opt/google/chrome/chrome", "/usr/local/bin/chromium"];
}

/** Executables in puppeteer's browser cache, newest version first. */
export function puppeteerCachePaths(platform: NodeJS.Platform, arch: string, env: Readonly<Record<string, string | undefined>>, home: string): string[] {
  const root = env.PUPPETEER_CACHE_DIR ?? join(home, ".cache", "puppeteer");
  const layouts: Array<[string, string]> =
    platform === "win32"
      ? [["chrome", "chrome-win64/chrome.exe"], ["chrome-headless-shell", "chrome-headless-shell-win64/chrome-headless-shell.exe"]]
      : platform === "darwin"
        ? [
            ["chrome", `chrome-mac-${arch === "arm64" ? "arm64" : "x64"}/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing`],
            ["chrome-headless-shell", `chrome-headless-shell-mac-${arch === "arm64" ? "arm64" : "x64"}/chrome-headless-shell`],
          ]
        : [["chrome", "chrome-linux64/chrome"], ["chrome-headless-shell", "chrome-headless-shell-linux64/chrome-headless-shell"]];
  const out: string[] = [];
  for (const [kind, rel] of layouts) {
    let versions: string[] = [];
    try {
      versions = readdirSync(join(root, kind));
    } catch {
      out.push(join(root, kind, "<version>", rel));
      continue;
    }
    versions.sort((a, b) => b.localeCompare(a, "en", { numeric: true }));
    for (const v of versions) out.push(join(root, kind, v, rel));
  }
  return out;
}

/** Arguments of `@sparticuz/chromium` that are safe for rendering untrusted briefs. */
export function bundledArgs(args: readonly string[]): string[] {
  const unsafe = ["--disable-web-security", "--allow-running-insecure-content", "--disable-site-isolation-trials"];
  return args.filter((a) => !unsafe.includes(a) && !a.startsWith("--headless") && !a.startsWith("--disk-cache-size"));
}

/**
 * Runs `unpack` holding a lock file, so that parallel yardstick processes (CI shards, test
 * workers) never launch the bundled Chromium while another one is still writing it to /tmp.
 */
async function withUnpackLock<T>(unpack: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), "yardstick-chromium-unpack.lock");
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return unpack();
      try {
        // A lock left by a killed process is stale after a minute (unpacking takes ~2 s).
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { force: true });
      } catch {
        // gone meanwhile: try again
      }
      if (Date.now() > deadline) return unpack();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await unpack();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Looks for a browser in the documented order; never throws for a missing browser. */
export async function findBrowser(options: FindBrowserOptions = {}): Promise<BrowserSearch> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const home = options.home ?? homedir();
  const candidates: BrowserCandidate[] = [];
  const take = (source: BrowserSource, path: string): BrowserSearch | undefined => {
    const check = executable(path);
    candidates.push({ source, path, found: check.ok, reason: check.ok ? "found, executable" : check.reason });
    return check.ok ? { found: { source, path, args: [], headless: true }, candidates } : undefined;
  };

  // An explicit choice is final: a wrong path is reported, not silently replaced.
  const explicit: Array<[BrowserSource, string | undefined]> = [
    ["option", options.browser],
    ["YARDSTICK_BROWSER", env.YARDSTICK_BROWSER],
    ["PUPPETEER_EXECUTABLE_PATH", env.PUPPETEER_EXECUTABLE_PATH],
  ];
  for (const [source, path] of explicit) {
    if (!path) continue;
    return take(source, path) ?? { candidates };
  }

  if (options.system !== false) {
    for (const path of systemBrowserPaths(platform, env, home)) {
      const hit = take("system", path);
      if (hit) return hit;
    }
  } else candidates.push({ source: "system", path: "(system locations)", found: false, reason: "skipped by option" });

  if (options.cache !== false) {
    for (const path of puppeteerCachePaths(platform, arch, env, home)) {
      const hit = take("puppeteer-cache", path);
      if (hit) return hit;
    }
  } else candidates.push({ source: "puppeteer-cache", path: "(puppeteer cache)", found: false, reason: "skipped by option" });

  if (options.bundled === false) {
    candidates.push({ source: "@sparticuz/chromium", path: "(npm package)", found: false, reason: "skipped by option" });
    return { candidates };
  }
  if (platform !== "linux" || arch !== "x64") {
    candidates.push({ source: "@sparticuz/chromium", path: "(npm package)", found: false, reason: `only for Linux x64 (this is ${platform} ${arch})` });
    return { candidates };
  }
  try {
    const chromium = (await import("@sparticuz/chromium")).default;
    const path = await withUnpackLock(() => chromium.executablePath());
    const check = executable(path);
    candidates.push({ source: "@sparticuz/chromium", path, found: check.ok, reason: check.ok ? "unpacked from the npm package" : check.reason });
    if (check.ok) return { found: { source: "@sparticuz/chromium", path, args: bundledArgs(chromium.args), headless: "shell" }, candidates };
  } catch (error) {
    candidates.push({ source: "@sparticuz/chromium", path: "(npm package)", found: false, reason: `could not be unpacked: ${error instanceof Error ? error.message : String(error)}` });
  }
  return { candidates };
}

/** The one message shown when no browser can be used, with the fix. */
export const NO_BROWSER_HINT =
  "install Chrome or Chromium (Debian/Ubuntu: `apt-get install chromium`), or point to one with `--browser PATH` or YARDSTICK_BROWSER; on Linux x64 `npm ci` also provides one via @sparticuz/chromium";
