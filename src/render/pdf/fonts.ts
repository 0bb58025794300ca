/**
 * The bundled fonts, installed once for the PDF browser: every face of FONT_FACES decompressed to
 * TrueType (Chromium takes only TrueType/OpenType files from fontconfig, not WOFF2) into a cache
 * folder, with a `fonts.conf` that lists that folder and nothing else. The browser is launched with
 * `FONTCONFIG_FILE` pointing at it, so the CSS family names ("YS Sans", "YS Serif", "YS Banner") find
 * the bundled faces without any `@font-face` in the page, and no host font can ever be chosen, not
 * even as a fallback for a character: a brief prints with the same glyphs and bytes on every machine.
 *
 * The folder is named after a hash of the font bytes, written to a temporary sibling and renamed
 * into place, so parallel builds share it and an interrupted install is never used.
 */
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { FONT_FACES, fontPath, type FontFace } from "../html/assets.js";

/** Fonts ready for the browser. */
export interface InstalledFonts {
  /** The folder holding the TrueType files and `fonts.conf`. */
  dir: string;
  /** Value for the browser's FONTCONFIG_FILE. */
  configFile: string;
  /** Whether this call wrote the folder (false: it was already there). */
  installed: boolean;
}

/** Where the cache lives. */
export interface FontInstallOptions {
  /** Parent folder of the fonts folder (default `$YARDSTICK_CACHE_DIR`, else `$XDG_CACHE_HOME/yardstick`, else `~/.cache/yardstick`). */
  cacheDir?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

/** A fontconfig family of its own for each (CSS family, unicode range), in FONT_FACES order. */
function installedFamilies(): { families: Map<string, string[]>; nameOf: (face: FontFace) => string } {
  const names = new Map<string, string>();
  const families = new Map<string, string[]>();
  const key = (face: FontFace) => `${face.family}\u0000${face.range}`;
  for (const face of FONT_FACES) {
    if (names.has(key(face))) continue;
    const list = families.get(face.family) ?? [];
    const name = `${face.family} ${list.length + 1}`;
    list.push(name);
    families.set(face.family, list);
    names.set(key(face), name);
  }
  return { families, nameOf: (face) => names.get(key(face))! };
}

function ttfName(face: FontFace): string {
  return face.file.replace(/\.woff2$/, ".ttf");
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The fontconfig configuration for fonts installed in `dir`. */
export function fontsConf(dir: string): string {
  const { families, nameOf } = installedFamilies();
  const sans = families.get("YS Sans") ?? [];
  const serif = [...(families.get("YS Serif") ?? []), ...sans];
  const alias = (family: string, prefer: readonly string[]) =>
    `  <alias binding="strong"><family>${xml(family)}</family><prefer>${prefer.map((f) => `<family>${xml(f)}</family>`).join("")}</prefer></alias>`;
  const lines = [
    `<?xml version="1.0"?>`,
    `<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">`,
    `<!-- Written by yardstick: the bundled fonts only, no host font. -->`,
    `<fontconfig>`,
    `  <dir>${xml(dir)}</dir>`,
    `  <cachedir>${xml(join(dir, "fc-cache"))}</cachedir>`,
    `  <config><rescan><int>0</int></rescan></config>`,
    // Each subset file gets a family of its own, so "YS Sans" resolves to the Latin face first and
    // the other subsets are fallbacks for the characters it lacks.
    ...[...new Set(FONT_FACES)].map(
      (face) =>
        `  <match target="scan"><test name="file"><string>${xml(join(dir, ttfName(face)))}</string></test><edit name="family" mode="assign_replace"><string>${xml(nameOf(face))}</string></edit></match>`,
    ),
    alias("YS Sans", sans),
    alias("YS Banner", sans),
    alias("YS Serif", serif),
    alias("sans-serif", sans),
    alias("system-ui", sans),
    alias("monospace", sans),
    alias("serif", serif),
    `</fontconfig>`,
    ``,
  ];
  return lines.join("\n");
}

function cacheRoot(options: FontInstallOptions): string {
  const env = options.env ?? process.env;
  if (options.cacheDir) return options.cacheDir;
  if (env.YARDSTICK_CACHE_DIR) return env.YARDSTICK_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "yardstick");
}

/** A folder of our own: a real folder (not a link), owned by this user. */
function ownFolder(path: string): boolean {
  try {
    const st = lstatSync(path);
    const uid = typeof process.getuid === "function" ? process.getuid() : st.uid;
    return st.isDirectory() && st.uid === uid;
  } catch {
    return false;
  }
}

let decompress: ((data: Buffer) => Promise<Uint8Array>) | undefined;

async function write(dir: string, faces: ReadonlyArray<{ face: FontFace; data: Buffer }>, finalDir: string): Promise<void> {
  decompress ??= ((await import("wawoff2")) as unknown as { decompress(data: Buffer): Promise<Uint8Array> }).decompress;
  for (const { face, data } of faces) writeFileSync(join(dir, ttfName(face)), await decompress(data));
  writeFileSync(join(dir, "fonts.conf"), fontsConf(finalDir));
}

const done = new Map<string, InstalledFonts>();

/**
 * Installs the bundled fonts (once per machine and font version) and returns the fontconfig file
 * for the browser. Falls back to a per-user folder in the temporary folder when the cache folder
 * cannot be written. Throws only when neither can be written.
 */
export async function installFonts(options: FontInstallOptions = {}): Promise<InstalledFonts> {
  const faces = [...new Set(FONT_FACES)].map((face) => ({ face, data: readFileSync(fontPath(face)) }));
  const hash = createHash("sha256");
  hash.update(fontsConf("/"));
  for (const { face, data } of faces) hash.update(face.file).update(data);
  const key = hash.digest("hex").slice(0, 16);
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  const roots = [cacheRoot(options), join(tmpdir(), `yardstick-${uid}`)];
  let lastError: unknown;
  for (const root of roots) {
    const dir = join(root, `fonts-${key}`);
    const cached = done.get(dir);
    if (cached) return { ...cached, installed: false };
    const configFile = join(dir, "fonts.conf");
    try {
      mkdirSync(root, { recursive: true, mode: 0o700 });
      if (ownFolder(dir)) {
        try {
          if (lstatSync(configFile).isFile()) {
            const found = { dir, configFile, installed: false };
            done.set(dir, found);
            return found;
          }
        } catch {
          // an incomplete folder: written again below
        }
      }
      const tmp = mkdtempSync(join(root, `fonts-${key}.tmp-`));
      try {
        await write(tmp, faces, dir);
        try {
          renameSync(tmp, dir);
        } catch (error) {
          // Another process installed the same fonts meanwhile: use those.
          if (!ownFolder(dir)) throw error;
          rmSync(tmp, { recursive: true, force: true });
        }
      } catch (error) {
        rmSync(tmp, { recursive: true, force: true });
        throw error;
      }
      if (!ownFolder(dir)) throw new Error(`${dir} is not a folder of this user`);
      const result = { dir, configFile, installed: true };
      done.set(dir, result);
      return result;
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`cannot install the bundled fonts: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}
