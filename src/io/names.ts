/**
 * Which file names outputs may take: never a name the build keeps for itself (`manifest.json`),
 * never a name Windows reserves for devices (`con`, `nul`, `com1`, … with any extension), and
 * never two names that differ only by case or Unicode normalisation (they are one file on macOS
 * and Windows).
 */

/** Base names the build reserves in the output folder (`manifest.json`, its lock and temporary files). */
export const BUILD_RESERVED_NAMES: readonly string[] = ["manifest"];

/**
 * Device names Windows reserves whatever the extension (Microsoft, "Naming Files, Paths, and
 * Namespaces"): CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9 and the superscript-digit forms.
 */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Why `id` cannot name output files, or undefined when it can. */
export function reservedNameProblem(id: string): string | undefined {
  const reserved = reservedName(id);
  if (reserved?.kind === "build") return `\`${id}\` is reserved: the build writes its own ${reserved.base}.json in the output folder`;
  if (reserved?.kind === "windows") return `\`${id}\` is a device name on Windows (${reserved.base}), so no file can be named after it there`;
  return undefined;
}

/**
 * Who reserves `id` as a file name, with the reserved base name (lower case for the build's own
 * names, upper case for Windows devices), or undefined when it is free.
 */
export function reservedName(id: string): { kind: "build" | "windows"; base: string } | undefined {
  const base = id.split(".")[0] ?? id;
  if (BUILD_RESERVED_NAMES.includes(base.toLowerCase())) return { kind: "build", base: base.toLowerCase() };
  if (WINDOWS_RESERVED.test(base)) return { kind: "windows", base: base.toUpperCase() };
  return undefined;
}

/** The key under which two names are the same file on a case-insensitive, normalising file system. */
export function foldedName(name: string): string {
  return name.normalize("NFC").toLowerCase().normalize("NFC");
}

/**
 * Groups of names that would be the same file on a case-insensitive file system (only groups of
 * two or more distinct names are returned).
 */
export function caseCollisions(names: Iterable<string>): string[][] {
  const groups = new Map<string, Set<string>>();
  for (const n of names) {
    const key = foldedName(n);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Set()));
    group.add(n);
  }
  return [...groups.values()].filter((g) => g.size > 1).map((g) => [...g].sort());
}
