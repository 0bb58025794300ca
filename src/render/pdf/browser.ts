/**
 * Finding a Chromium-family browser for PDF rendering, in a fixed order, and saying why each
 * candidate was or was not taken:
 * 1. `--browser PATH|bundled`, then `YARDSTICK_BROWSER` (same values), then `PUPPETEER_EXECUTABLE_PATH`
 *    — an explicit choice is final;
 * 2. headless shells: the system's (`chromium-headless-shell`, `chrome-headless-shell`), then
 *    puppeteer's cache — they print faster and with less memory than a full browser;
 * 3. system Chrome / Chromium / Edge in the OS's usual places;
 * 4. puppeteer's full Chrome for Testing (`~/.cache/puppeteer`, or `PUPPETEER_CACHE_DIR`);
 * 5. on Linux x64, the headless shell shipped inside the `@sparticuz/chromium` npm package,
 *    unpacked into the user's cache and checked before every use (see bundled.ts).
 * A system browser comes before the bundled one because the OS keeps it patched; the bundled one
 * is pinned (`--browser bundled`) for byte-identical PDFs across machines.
 * On Linux, the browser's shared libraries are checked before it is taken: one that lacks some is
 * skipped, and when nothing else is found the problem names them and the packages to install.
 */
import { accessSync, constants, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
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
  /**
   * What identifies this browser's output before it is started, when known without launching
   * (the bundled one: its package and version); the printed version comes from the running browser.
   */
  identity?: string;
}

/** Why no browser can be used, with the fix. */
export interface BrowserProblem {
  message: string;
  hint: string;
  /** Sonames the browser needs that the system lacks, when that is the problem. */
  missingLibraries?: string[];
}

/** What `findBrowser` saw. */
export interface BrowserSearch {
  found?: FoundBrowser;
  candidates: BrowserCandidate[];
  /** When nothing was found: the most useful reason and its fix (missing libraries, a refused cache, a wrong path). */
  problem?: BrowserProblem;
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
  /** Check the found browser's shared libraries before taking it (default true). */
  checkLibraries?: boolean;
  /**
   * Unpack and check the bundled Chromium when it is the one taken (default true); false only
   * names it (its `identity`), for knowing which browser a build will use without starting it.
   */
  prepareBundled?: boolean;
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

/** The system's headless shells (Debian's `chromium-headless-shell`, Chrome for Testing's `chrome-headless-shell`). */
export function systemHeadlessShellPaths(platform: NodeJS.Platform): string[] {
  if (platform !== "linux") return [];
  return ["/usr/lib/chromium/chromium-headless-shell", "/usr/bin/chromium-headless-shell", "/usr/bin/chrome-headless-shell", "/usr/local/bin/chrome-headless-shell"];
}

/** The value of `--browser` / YARDSTICK_BROWSER that selects the Chromium shipped in `@sparticuz/chromium`. */
export const BUNDLED_KEYWORD = "bundled";

/** Takes the bundled Chromium: unpacked into the user's cache and checked (see bundled.ts). */
async function takeBundled(env: Readonly<Record<string, string | undefined>>, home: string, platform: NodeJS.Platform, arch: string, candidates: BrowserCandidate[], prepare: boolean): Promise<{ found?: FoundBrowser; problem?: BrowserProblem }> {
  if (platform !== "linux" || arch !== "x64") {
    const reason = `only for Linux x64 (this is ${platform} ${arch})`;
    candidates.push({ source: "@sparticuz/chromium", path: "(npm package)", found: false, reason });
    return { problem: { message: `the bundled Chromium is ${reason}`, hint: "install Chrome or Chromium, or point to one with `--browser PATH`" } };
  }
  if (!prepare) {
    const { bundledPackage } = await import("./bundled.js");
    const pkg = bundledPackage();
    if (!pkg) {
      candidates.push({ source: "@sparticuz/chromium", path: "(npm package)", found: false, reason: "not installed" });
      return {};
    }
    candidates.push({ source: "@sparticuz/chromium", path: "(unpacked and checked when used)", found: true, reason: "installed" });
    return { found: { source: "@sparticuz/chromium", path: "(unpacked and checked when used)", args: [], headless: "shell", identity: `@sparticuz/chromium ${pkg.version}` } };
  }
  try {
    const { prepareBundledBrowser } = await import("./bundled.js");
    const bundled = await prepareBundledBrowser({ env, home });
    candidates.push({ source: "@sparticuz/chromium", path: bundled.executable, found: true, reason: bundled.unpacked ? "unpacked from the npm package into your cache, checked" : "in your cache, checked (owner, mode, SHA-256)" });
    const chromium = (await import("@sparticuz/chromium")).default;
    return { found: { source: "@sparticuz/chromium", path: bundled.executable, args: bundledArgs(chromium.args), headless: "shell", identity: `@sparticuz/chromium ${bundled.version}` } };
  } catch (error) {
    const { BundledBrowserError } = await import("./bundled.js");
    const message = error instanceof Error ? error.message : String(error);
    candidates.push({ source: "@sparticuz/chromium", path: "(npm package)", found: false, reason: message });
    return { problem: { message, hint: error instanceof BundledBrowserError ? error.hint : NO_BROWSER_HINT } };
  }
}

/** Checks a found browser's shared libraries; a problem (with the packages to install) when some are missing. */
export async function libraryProblem(found: FoundBrowser, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): Promise<BrowserProblem | undefined> {
  if (platform !== "linux") return undefined;
  const { readElfDynamic } = await import("./elf.js");
  if (!readElfDynamic(found.path)) return undefined; // a wrapper script (Debian's /usr/bin/chromium): nothing to read
  const { missingLibraries, loaderPaths, installHint, hostDistroFamily } = await import("./libraries.js");
  const check = missingLibraries(found.path, loaderPaths(env));
  if (!check.checked || check.missing.length === 0) return undefined;
  const sonames = [...new Set(check.missing.map((m) => m.soname))];
  const kind = found.source === "@sparticuz/chromium" ? "the bundled Chromium" : "the browser";
  return {
    message: `${kind} at ${found.path} needs ${sonames.join(", ")}, which this system does not have`,
    hint: installHint(sonames, hostDistroFamily()),
    missingLibraries: sonames,
  };
}

/** Looks for a browser in the documented order; never throws for a missing browser. */
export async function findBrowser(options: FindBrowserOptions = {}): Promise<BrowserSearch> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const home = options.home ?? homedir();
  const candidates: BrowserCandidate[] = [];
  const withLibraries = async (search: BrowserSearch): Promise<BrowserSearch> => {
    if (!search.found || options.checkLibraries === false) return search;
    const problem = await libraryProblem(search.found, env, platform);
    if (!problem) return search;
    const c = candidates.find((x) => x.path === search.found!.path);
    if (c) {
      c.found = false;
      c.reason = `needs ${problem.missingLibraries!.join(", ")} (${problem.hint})`;
    }
    return { candidates, problem };
  };
  const take = (source: BrowserSource, path: string, headless: true | "shell"): BrowserSearch | undefined => {
    const check = executable(path);
    candidates.push({ source, path, found: check.ok, reason: check.ok ? "found, executable" : check.reason });
    return check.ok ? { found: { source, path, args: [], headless }, candidates } : undefined;
  };
  const shellName = (path: string): true | "shell" => (/headless[-_]shell(\.exe)?$/i.test(path) ? "shell" : true);

  // An explicit choice is final: a wrong path is reported, not silently replaced.
  const explicit: Array<[BrowserSource, string | undefined]> = [
    ["option", options.browser],
    ["YARDSTICK_BROWSER", env.YARDSTICK_BROWSER],
    ["PUPPETEER_EXECUTABLE_PATH", env.PUPPETEER_EXECUTABLE_PATH],
  ];
  for (const [source, path] of explicit) {
    if (!path) continue;
    if (path === BUNDLED_KEYWORD && source !== "PUPPETEER_EXECUTABLE_PATH") {
      const bundled = await takeBundled(env, home, platform, arch, candidates, options.prepareBundled !== false);
      return withLibraries({ candidates, ...bundled });
    }
    const hit = take(source, path, shellName(path));
    return hit ? withLibraries(hit) : { candidates };
  }

  const searchSystem = options.system !== false;
  const searchCache = options.cache !== false;
  const cachePaths = searchCache ? puppeteerCachePaths(platform, arch, env, home) : [];
  const isShell = (p: string) => p.includes("chrome-headless-shell");
  // Headless shells first (they print faster, with less memory), then full browsers.
  const order: Array<[BrowserSource, string]> = [
    ...(searchSystem ? systemHeadlessShellPaths(platform).map((p): [BrowserSource, string] => ["system", p]) : []),
    ...cachePaths.filter(isShell).map((p): [BrowserSource, string] => ["puppeteer-cache", p]),
    ...(searchSystem ? systemBrowserPaths(platform, env, home).map((p): [BrowserSource, string] => ["system", p]) : []),
    ...cachePaths.filter((p) => !isShell(p)).map((p): [BrowserSource, string] => ["puppeteer-cache", p]),
  ];
  if (!searchSystem) candidates.push({ source: "system", path: "(system locations)", found: false, reason: "skipped by option" });
  if (!searchCache) candidates.push({ source: "puppeteer-cache", path: "(puppeteer cache)", found: false, reason: "skipped by option" });
  let problem: BrowserProblem | undefined;
  for (const [source, path] of order) {
    const hit = take(source, path, source === "puppeteer-cache" && isShell(path) ? "shell" : shellName(path));
    if (!hit) continue;
    const checked = await withLibraries(hit);
    if (checked.found) return checked;
    problem ??= checked.problem;
  }

  if (options.bundled === false) {
    candidates.push({ source: "@sparticuz/chromium", path: "(npm package)", found: false, reason: "skipped by option" });
    return { candidates, ...(problem ? { problem } : {}) };
  }
  const bundled = await takeBundled(env, home, platform, arch, candidates, options.prepareBundled !== false);
  // Outside Linux x64 the bundled one was never an option: "no browser found" says it better.
  const bundledProblem = platform === "linux" && arch === "x64" ? bundled.problem : undefined;
  if (!bundled.found) return { candidates, ...((problem ?? bundledProblem) ? { problem: problem ?? bundledProblem } : {}) };
  const checked = await withLibraries({ candidates, found: bundled.found });
  return checked.found ? checked : { candidates, problem: problem ?? checked.problem };
}

/** The one message shown when no browser can be used, with the fix. */
export const NO_BROWSER_HINT =
  "install Chrome or Chromium (Debian/Ubuntu: `apt-get install chromium`), or point to one with `--browser PATH` or YARDSTICK_BROWSER (`--browser bundled`: the Chromium inside the installed @sparticuz/chromium package, Linux x64)";
