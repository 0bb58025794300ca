/**
 * Which shared libraries a browser needs that this system does not have: the executable's ELF
 * needs (and theirs, transitively) resolved the way the dynamic loader does — DT_RPATH,
 * LD_LIBRARY_PATH, DT_RUNPATH (with `$ORIGIN`), the ld.so cache (`ldconfig -p`), then the
 * standard library folders — and, for what is missing, the package that provides it on the
 * distribution in use (Debian/Ubuntu, Fedora/RHEL, Alpine).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { readElfDynamic, type ElfDynamicInfo } from "./elf.js";

/** Where the loader looks, besides the paths an ELF file names itself. */
export interface LoaderPaths {
  /** LD_LIBRARY_PATH entries. */
  libraryPath: string[];
  /** soname → candidate paths, from the ld.so cache. */
  cache: ReadonlyMap<string, readonly string[]>;
  /** The standard library folders, searched last. */
  defaultDirs: string[];
}

/** One library that cannot be loaded. */
export interface MissingLibrary {
  soname: string;
  /** The file that needs it (the executable, or a library it loads). */
  neededBy: string;
}

/** Result of checking an executable. */
export interface LibraryCheck {
  /** False when the file is not an ELF file we can read (a shell wrapper, another OS): nothing was checked. */
  checked: boolean;
  missing: MissingLibrary[];
}

/** Parses `ldconfig -p` output into soname → paths (in the cache's order). */
export function parseLdconfig(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const m = /^\s+(\S+)\s+\([^)]*\)(?:\s+OS ABI:[^=]*)?\s+=>\s+(\S.*?)\s*$/.exec(line);
    if (!m) continue;
    const list = out.get(m[1]!) ?? [];
    list.push(m[2]!);
    out.set(m[1]!, list);
  }
  return out;
}

const TRIPLETS: Record<string, string> = { x64: "x86_64-linux-gnu", arm64: "aarch64-linux-gnu", ia32: "i386-linux-gnu" };

/** The loader's search paths on this machine: LD_LIBRARY_PATH, the ld.so cache and the standard folders. */
export function loaderPaths(env: Readonly<Record<string, string | undefined>> = process.env, arch: string = process.arch): LoaderPaths {
  let cache = new Map<string, string[]>();
  for (const ldconfig of ["/sbin/ldconfig", "/usr/sbin/ldconfig"]) {
    try {
      cache = parseLdconfig(execFileSync(ldconfig, ["-p"], { encoding: "utf8", timeout: 5000, stdio: ["ignore", "pipe", "ignore"] }));
      break;
    } catch {
      // not there (musl, minimal images): the standard folders still apply
    }
  }
  const triplet = TRIPLETS[arch];
  const defaultDirs = ["/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib"];
  if (triplet) defaultDirs.unshift(`/lib/${triplet}`, `/usr/lib/${triplet}`);
  // musl reads its search path from /etc/ld-musl-<arch>.path.
  for (const musl of ["x86_64", "aarch64"]) {
    try {
      defaultDirs.push(...readFileSync(`/etc/ld-musl-${musl}.path`, "utf8").split(/[:\n]/).map((s) => s.trim()).filter(isAbsolute));
    } catch {
      // no musl
    }
  }
  return { libraryPath: (env.LD_LIBRARY_PATH ?? "").split(":").filter(isAbsolute), cache, defaultDirs };
}

function expandOrigin(entries: readonly string[], file: string): string[] {
  let origin: string;
  try {
    origin = dirname(realpathSync(file));
  } catch {
    origin = dirname(file);
  }
  return entries
    .map((e) => e.replace(/\$\{ORIGIN\}|\$ORIGIN/g, origin))
    .filter((e) => isAbsolute(e) && !e.includes("$"));
}

/**
 * Finds the libraries an ELF executable needs that the loader would not find (or would find as
 * a file that is not a loadable library of the right class and machine, e.g. an empty file).
 */
export function missingLibraries(executable: string, loader: LoaderPaths): LibraryCheck {
  const root = readElfDynamic(executable);
  if (!root) return { checked: false, missing: [] };
  const missing: MissingLibrary[] = [];
  const seen = new Set<string>();
  const usable = (path: string): ElfDynamicInfo | undefined => {
    const info = readElfDynamic(path);
    return info && info.bits === root.bits && info.machine === root.machine ? info : undefined;
  };
  const visit = (file: string, info: ElfDynamicInfo): void => {
    const rpath = info.runpath.length === 0 ? expandOrigin(info.rpath, file) : [];
    const runpath = expandOrigin(info.runpath, file);
    for (const soname of info.needed) {
      if (seen.has(soname)) continue;
      seen.add(soname);
      let resolved: { path: string; info: ElfDynamicInfo } | undefined;
      if (soname.includes("/")) {
        const lib = usable(soname);
        if (lib) resolved = { path: soname, info: lib };
      } else {
        const candidates = [
          ...[...rpath, ...loader.libraryPath, ...runpath].map((d) => join(d, soname)),
          ...(loader.cache.get(soname) ?? []),
          ...loader.defaultDirs.map((d) => join(d, soname)),
        ];
        for (const path of candidates) {
          const lib = usable(path);
          if (lib) {
            resolved = { path, info: lib };
            break;
          }
        }
      }
      if (resolved) visit(resolved.path, resolved.info);
      else missing.push({ soname, neededBy: file });
    }
  };
  visit(executable, root);
  return { checked: true, missing };
}

/** Distribution families whose package names we know. */
export type DistroFamily = "debian" | "fedora" | "alpine";

/** The distribution family from /etc/os-release text (ID and ID_LIKE), if known. */
export function distroFamily(osRelease: string): DistroFamily | undefined {
  const field = (name: string): string[] => {
    const m = new RegExp(`^${name}=(.*)$`, "m").exec(osRelease);
    return (m?.[1] ?? "").replace(/^["']|["']$/g, "").toLowerCase().split(/\s+/).filter(Boolean);
  };
  const ids = [...field("ID"), ...field("ID_LIKE")];
  if (ids.some((id) => id === "debian" || id === "ubuntu")) return "debian";
  if (ids.some((id) => ["fedora", "rhel", "centos", "rocky", "almalinux", "amzn"].includes(id))) return "fedora";
  if (ids.includes("alpine")) return "alpine";
  return undefined;
}

/** The distribution family of this machine, if known. */
export function hostDistroFamily(): DistroFamily | undefined {
  try {
    return distroFamily(readFileSync("/etc/os-release", "utf8"));
  } catch {
    return undefined;
  }
}

/** soname → package providing it, per family: [Debian/Ubuntu, Fedora/RHEL, Alpine]. */
const PROVIDERS: Record<string, [string, string, string]> = {
  "libnss3.so": ["libnss3", "nss", "nss"],
  "libnssutil3.so": ["libnss3", "nss-util", "nss"],
  "libsmime3.so": ["libnss3", "nss", "nss"],
  "libssl3.so": ["libnss3", "nss", "nss"],
  "libsoftokn3.so": ["libnss3", "nss-softokn", "nss"],
  "libfreebl3.so": ["libnss3", "nss-softokn-freebl", "nss"],
  "libnspr4.so": ["libnspr4", "nspr", "nspr"],
  "libplc4.so": ["libnspr4", "nspr", "nspr"],
  "libplds4.so": ["libnspr4", "nspr", "nspr"],
  "libexpat.so.1": ["libexpat1", "expat", "libexpat"],
  "libgcc_s.so.1": ["libgcc-s1", "libgcc", "libgcc"],
  "libz.so.1": ["zlib1g", "zlib", "zlib"],
  "libdbus-1.so.3": ["libdbus-1-3", "dbus-libs", "dbus-libs"],
  "libatk-1.0.so.0": ["libatk1.0-0", "atk", "at-spi2-core"],
  "libatk-bridge-2.0.so.0": ["libatk-bridge2.0-0", "at-spi2-atk", "at-spi2-core"],
  "libatspi.so.0": ["libatspi2.0-0", "at-spi2-core", "at-spi2-core"],
  "libcups.so.2": ["libcups2", "cups-libs", "cups-libs"],
  "libxkbcommon.so.0": ["libxkbcommon0", "libxkbcommon", "libxkbcommon"],
  "libX11.so.6": ["libx11-6", "libX11", "libx11"],
  "libxcb.so.1": ["libxcb1", "libxcb", "libxcb"],
  "libXcomposite.so.1": ["libxcomposite1", "libXcomposite", "libxcomposite"],
  "libXdamage.so.1": ["libxdamage1", "libXdamage", "libxdamage"],
  "libXext.so.6": ["libxext6", "libXext", "libxext"],
  "libXfixes.so.3": ["libxfixes3", "libXfixes", "libxfixes"],
  "libXrandr.so.2": ["libxrandr2", "libXrandr", "libxrandr"],
  "libgbm.so.1": ["libgbm1", "mesa-libgbm", "mesa-gbm"],
  "libdrm.so.2": ["libdrm2", "libdrm", "libdrm"],
  "libasound.so.2": ["libasound2", "alsa-lib", "alsa-lib"],
  "libpango-1.0.so.0": ["libpango-1.0-0", "pango", "pango"],
  "libcairo.so.2": ["libcairo2", "cairo", "cairo"],
  "libglib-2.0.so.0": ["libglib2.0-0", "glib2", "glib"],
  "libgobject-2.0.so.0": ["libglib2.0-0", "glib2", "glib"],
  "libgio-2.0.so.0": ["libglib2.0-0", "glib2", "glib"],
  "libfontconfig.so.1": ["libfontconfig1", "fontconfig", "fontconfig"],
  "libfreetype.so.6": ["libfreetype6", "freetype", "freetype"],
  "libxshmfence.so.1": ["libxshmfence1", "libxshmfence", "libxshmfence"],
};

const FAMILIES: Record<DistroFamily, { index: number; label: string; command: string }> = {
  debian: { index: 0, label: "Debian/Ubuntu", command: "apt-get install" },
  fedora: { index: 1, label: "Fedora/RHEL", command: "dnf install" },
  alpine: { index: 2, label: "Alpine", command: "apk add" },
};

/** The package that provides a soname on a distribution family, if known. */
export function providerOf(soname: string, family: DistroFamily): string | undefined {
  return PROVIDERS[soname]?.[FAMILIES[family].index];
}

/**
 * The fix for missing libraries, e.g. "`apt-get install libnss3 libnspr4`": for the given
 * family when known, otherwise for each family we know packages of.
 */
export function installHint(sonames: readonly string[], family: DistroFamily | undefined): string {
  const forFamily = (f: DistroFamily): string | undefined => {
    const pkgs = [...new Set(sonames.map((s) => providerOf(s, f)).filter((p): p is string => Boolean(p)))];
    const unknown = sonames.filter((s) => !providerOf(s, f));
    if (pkgs.length === 0) return undefined;
    return `\`${FAMILIES[f].command} ${pkgs.join(" ")}\`${unknown.length > 0 ? ` and the packages that provide ${unknown.join(", ")}` : ""}`;
  };
  if (family) {
    const hint = forFamily(family);
    if (hint) return hint;
  } else {
    const all = (Object.keys(FAMILIES) as DistroFamily[]).map((f) => [f, forFamily(f)] as const).filter(([, h]) => h);
    if (all.length > 0) return all.map(([f, h]) => `${FAMILIES[f].label}: ${h}`).join("; ");
  }
  return `install the packages that provide ${sonames.join(", ")}`;
}
