/**
 * The Chromium shipped inside the `@sparticuz/chromium` npm package (a headless shell for Linux
 * x64), unpacked into a per-user cache folder that nobody else can write:
 *
 * - the folder is `$XDG_CACHE_HOME/yardstick/chromium-<version>` (default `~/.cache/…`), created
 *   with mode 0700; it and the `yardstick` folder above it must be owned by the current user and
 *   writable by nobody else, and every folder above must be owned by the user or root and not
 *   writable by others (unless sticky, like /tmp) — otherwise the browser is refused;
 * - the files are written by this process (so they belong to the current user, whatever owner the
 *   archive records), to a temporary name first, then renamed into place;
 * - before every use each unpacked file is hashed (SHA-256) and compared with the digest of the
 *   package's own archive contents: the table in `bundled-digests.ts` for the pinned version
 *   (checked against the package by a test), or — for any other version — digests computed by
 *   decompressing the package's archives in memory. Nothing stored in the cache is trusted.
 *
 * The package's own `executablePath()` is not used: it unpacks to `$TMPDIR/chromium` and reuses
 * whatever file of that name exists there.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, type Stats } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, parse, sep } from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import * as tar from "tar-stream";
import { BUNDLED_DIGESTS, type BundledDigests } from "./bundled-digests.js";

/** The npm package that ships the browser. */
export const BUNDLED_PACKAGE = "@sparticuz/chromium";

/** Archives of the package that are unpacked (the fonts and Amazon Linux libraries are not needed). */
const ARCHIVES = ["chromium.br", "swiftshader.tar.br"] as const;

/** The installed package: its folder (with `bin/`) and version. */
export interface BundledPackage {
  dir: string;
  version: string;
}

/** The installed `@sparticuz/chromium`, or undefined when it is not installed. */
export function bundledPackage(): BundledPackage | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve(BUNDLED_PACKAGE);
    let dir = dirname(entry);
    while (dir !== dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
        if (pkg.name === BUNDLED_PACKAGE && pkg.version) return { dir, version: pkg.version };
      } catch {
        // not the package root yet
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return undefined;
}

/** The per-user cache folder of yardstick: `$XDG_CACHE_HOME/yardstick` (absolute values only) or `~/.cache/yardstick`. */
export function userCacheDir(env: Readonly<Record<string, string | undefined>>, home: string = homedir()): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, ".cache"), "yardstick");
}

/** Why the bundled browser cannot be used, with the fix. */
export class BundledBrowserError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "BundledBrowserError";
  }
}

function currentUid(): number {
  return typeof process.getuid === "function" ? process.getuid() : -1;
}

const REMOVE_HINT = (path: string) => `remove ${path} (someone else may have planted it), or set XDG_CACHE_HOME to a folder of your own`;

/** Checks that a folder yardstick owns is a real folder of the current user that nobody else can write. */
function checkOwnFolder(path: string, uid: number): void {
  const st = lstatSync(path);
  if (!st.isDirectory()) throw new BundledBrowserError(`${path} is not a folder (${st.isSymbolicLink() ? "a symbolic link" : "another kind of file"}): refusing to use a browser from it`, REMOVE_HINT(path));
  if (st.uid !== uid) throw new BundledBrowserError(`the browser cache folder ${path} is owned by uid ${st.uid}, not by you (uid ${uid}): refusing to use a browser from it`, REMOVE_HINT(path));
  if ((st.mode & 0o022) !== 0) throw new BundledBrowserError(`the browser cache folder ${path} can be written by others (mode ${(st.mode & 0o7777).toString(8)}): refusing to use a browser from it`, `\`chmod 700 ${path}\` and remove what is inside, or set XDG_CACHE_HOME to a folder of your own`);
}

/** Checks that no other user can replace a folder above the cache: owned by the user or root, not writable by others unless sticky. */
function checkAncestor(path: string, st: Stats, uid: number): void {
  if (st.uid !== uid && st.uid !== 0) throw new BundledBrowserError(`${path}, above the browser cache, is owned by uid ${st.uid}: another user could replace the browser; refusing to use it`, "set XDG_CACHE_HOME to a folder of your own");
  if ((st.mode & 0o022) !== 0 && (st.mode & 0o1000) === 0) throw new BundledBrowserError(`${path}, above the browser cache, can be written by others (mode ${(st.mode & 0o7777).toString(8)}): another user could replace the browser; refusing to use it`, "set XDG_CACHE_HOME to a folder of your own");
}

/** Creates (0700) and checks the cache folder and every folder above it; returns its real path. */
export function secureCacheFolder(dir: string, ownLevels: number, uid: number = currentUid()): string {
  // Create what is missing, one level at a time, each 0700 (umask cannot widen it).
  const missing: string[] = [];
  for (let p = dir; ; p = dirname(p)) {
    try {
      lstatSync(p);
      break;
    } catch {
      missing.unshift(p);
      if (p === dirname(p)) break;
    }
  }
  for (const p of missing) {
    try {
      mkdirSync(p, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new BundledBrowserError(`cannot create the browser cache folder ${p}: ${(error as Error).message}`, "set XDG_CACHE_HOME to a folder you can write");
    }
  }
  // The last `ownLevels` components are yardstick's own: checked without following links.
  const own: string[] = [];
  let p = dir;
  for (let i = 0; i < ownLevels; i++, p = dirname(p)) own.unshift(p);
  for (const o of own) checkOwnFolder(o, uid);
  // Everything above, through its real path (a symlinked ~/.cache is fine if its target is safe).
  const real = realpathSync(p);
  const { root } = parse(real);
  const parts = real.slice(root.length).split(sep).filter(Boolean);
  let at = root;
  checkAncestor(at, lstatSync(at), uid);
  for (const part of parts) {
    at = join(at, part);
    checkAncestor(at, lstatSync(at), uid);
  }
  return join(real, ...own.map((o) => o.slice(dirname(o).length + 1)));
}

async function hashFile(path: string): Promise<string> {
  const h = createHash("sha256");
  await pipeline(createReadStream(path), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) h.update(chunk);
  });
  return h.digest("hex");
}

/** A writable that hashes what goes through it and writes it to `path` (created new, 0700). */
function hashingFile(path: string): { stream: Writable; digest: () => string; done: Promise<void> } {
  const h = createHash("sha256");
  const out = createWriteStream(path, { flags: "wx", mode: 0o700 });
  const done = new Promise<void>((resolve, reject) => {
    out.once("close", resolve);
    out.once("error", reject);
  });
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      h.update(chunk);
      out.write(chunk, cb);
    },
    final(cb) {
      out.end(cb);
    },
    destroy(error, cb) {
      out.destroy();
      cb(error);
    },
  });
  return { stream, digest: () => h.digest("hex"), done };
}

/** Digests of the files inside the package's archives, computed by decompressing them in memory (no file written). */
export async function digestsFromPackage(pkgDir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const bin = join(pkgDir, "bin");
  await Promise.all(
    ARCHIVES.map(async (archive) => {
      if (!archive.endsWith(".tar.br")) {
        const h = createHash("sha256");
        await pipeline(createReadStream(join(bin, archive)), createBrotliDecompress(), async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) h.update(chunk);
        });
        files[archive.replace(/\.br$/, "")] = h.digest("hex");
        return;
      }
      const extract = tar.extract();
      const reading = (async () => {
        for await (const entry of extract) {
          const h = createHash("sha256");
          for await (const chunk of entry as AsyncIterable<Buffer>) h.update(chunk);
          if (entry.header.type === "file" && safeName(entry.header.name)) files[entry.header.name] = h.digest("hex");
        }
      })();
      await pipeline(createReadStream(join(bin, archive)), createBrotliDecompress(), extract);
      await reading;
    }),
  );
  return files;
}

function safeName(name: string): boolean {
  return /^[A-Za-z0-9._-]+$/.test(name) && name !== "." && name !== "..";
}

/** SHA-256 of the package's archive files (to know whether the built-in table applies). */
export async function archiveDigestsOf(pkgDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await Promise.all(ARCHIVES.map(async (a) => (out[a] = await hashFile(join(pkgDir, "bin", a)))));
  return out;
}

const expectedCache = new Map<string, Promise<Record<string, string>>>();

/**
 * What the unpacked files must hash to, from the package itself: the built-in table when the
 * installed version is in it, else (or when the package's archives differ from the table's)
 * digests computed from the archives in memory.
 */
async function expectedDigests(pkg: BundledPackage, table: Readonly<Record<string, BundledDigests>>, verifyArchives: boolean): Promise<Record<string, string>> {
  const known = table[pkg.version];
  if (known && !verifyArchives) return known.files;
  const key = `${pkg.dir}\0${pkg.version}\0${known ? JSON.stringify(known) : ""}`;
  let p = expectedCache.get(key);
  if (!p) {
    p = (async () => {
      if (known) {
        const archives = await archiveDigestsOf(pkg.dir);
        if (Object.entries(known.archives).every(([a, d]) => archives[a] === d)) return known.files;
      }
      return digestsFromPackage(pkg.dir);
    })();
    expectedCache.set(key, p);
  }
  return p;
}

/** Writes the package's archives into `dir` (a checked folder), each file to a temporary name, then renamed. */
async function unpack(pkg: BundledPackage, dir: string, expected: Readonly<Record<string, string>>, wanted: ReadonlySet<string>): Promise<void> {
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const written: Array<{ name: string; tmp: string; digest: string }> = [];
  const temps: string[] = [];
  try {
    for (const archive of ARCHIVES) {
      const source = join(pkg.dir, "bin", archive);
      if (!archive.endsWith(".tar.br")) {
        const name = archive.replace(/\.br$/, "");
        if (!wanted.has(name)) continue;
        const tmp = join(dir, `.${name}.${tag}.tmp`);
        temps.push(tmp);
        const file = hashingFile(tmp);
        await pipeline(createReadStream(source), createBrotliDecompress(), file.stream);
        await file.done;
        written.push({ name, tmp, digest: file.digest() });
        continue;
      }
      const extract = tar.extract();
      const reading = (async () => {
        for await (const entry of extract) {
          const name = entry.header.name;
          if (entry.header.type !== "file" || !safeName(name) || !wanted.has(name)) {
            entry.resume();
            continue;
          }
          const tmp = join(dir, `.${name}.${tag}.tmp`);
          temps.push(tmp);
          const file = hashingFile(tmp);
          await pipeline(entry, file.stream);
          await file.done;
          written.push({ name, tmp, digest: file.digest() });
        }
      })();
      await pipeline(createReadStream(source), createBrotliDecompress(), extract);
      await reading;
    }
    for (const w of written) {
      if (expected[w.name] !== w.digest) throw new BundledBrowserError(`${BUNDLED_PACKAGE}'s ${w.name} unpacks to content with SHA-256 ${w.digest}, not ${expected[w.name]}: the package is damaged or not the one yardstick was built with`, "reinstall it (`npm ci`)");
    }
    for (const w of written) renameSync(w.tmp, join(dir, w.name));
  } finally {
    for (const t of temps) rmSync(t, { force: true });
  }
}

/** Where the bundled browser is, once checked. */
export interface BundledBrowser {
  executable: string;
  /** The cache folder holding it. */
  dir: string;
  /** `@sparticuz/chromium`'s version. */
  version: string;
  /** True when this call unpacked (some of) the files. */
  unpacked: boolean;
}

/** Options of {@link prepareBundledBrowser}. */
export interface PrepareBundledOptions {
  env?: Readonly<Record<string, string | undefined>>;
  home?: string;
  /** Override of the package (tests). */
  pkg?: BundledPackage;
  /** Override of the digest table (tests). */
  table?: Readonly<Record<string, BundledDigests>>;
}

/**
 * Unpacks the bundled browser into the user's cache folder when needed and checks it (folder
 * owner and mode, every file's owner, mode and SHA-256) before returning its path. Throws
 * {@link BundledBrowserError} (with the fix) when it must not be used.
 */
export async function prepareBundledBrowser(options: PrepareBundledOptions = {}): Promise<BundledBrowser> {
  const pkg = options.pkg ?? bundledPackage();
  if (!pkg) throw new BundledBrowserError(`${BUNDLED_PACKAGE} is not installed`, "`npm install` in the project that depends on yardstick");
  const uid = currentUid();
  const dir = secureCacheFolder(join(userCacheDir(options.env ?? process.env, options.home), `chromium-${pkg.version}`), 2, uid);
  const table = options.table ?? BUNDLED_DIGESTS;
  let expected = await expectedDigests(pkg, table, false);
  const stale = new Set<string>();
  const check = async (name: string): Promise<void> => {
    const path = join(dir, name);
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch {
      stale.add(name);
      return;
    }
    if (!st.isFile()) throw new BundledBrowserError(`${path} is not a regular file: refusing to use the browser`, REMOVE_HINT(dir));
    if (st.uid !== uid) throw new BundledBrowserError(`${path} is owned by uid ${st.uid}, not by you (uid ${uid}): refusing to use the browser`, REMOVE_HINT(dir));
    if ((st.mode & 0o022) !== 0) throw new BundledBrowserError(`${path} can be written by others (mode ${(st.mode & 0o7777).toString(8)}): refusing to use the browser`, REMOVE_HINT(dir));
    if ((await hashFile(path)) !== expected[name]) stale.add(name);
  };
  await Promise.all(Object.keys(expected).map(check));
  if (stale.size > 0) {
    // Unpacking: make sure the table matches this package's archives first.
    expected = await expectedDigests(pkg, table, true);
    await unpack(pkg, dir, expected, new Set(Object.keys(expected)));
    stale.clear();
    await Promise.all(Object.keys(expected).map(check));
    if (stale.size > 0) throw new BundledBrowserError(`the bundled Chromium in ${dir} does not match ${BUNDLED_PACKAGE} after unpacking (${[...stale].join(", ")})`, REMOVE_HINT(dir));
    return { executable: join(dir, "chromium"), dir, version: pkg.version, unpacked: true };
  }
  return { executable: join(dir, "chromium"), dir, version: pkg.version, unpacked: false };
}
