/**
 * Portion marks: the short mark printed before a judgment's sentence or an evidence item with
 * `show.portionMarks` — "(OS)" for a classification (its ladder level's abbreviation, caveats
 * after "//": "(S//UK EYES ONLY)"), "[TLP:AMBER]" for a TLP label, "(OS) [TLP:AMBER]" for both.
 * The config's `portionMarks` overrides any abbreviation, keyed by classification (any name or
 * alias of it), by TLP label ("TLP:AMBER") or by caveat.
 */
import { findClassification, normalizeClassification, type ClassificationLadder, type Level } from "../marking/levels.js";

/** Abbreviations by canonical key: a classification's canonical name, "TLP:<label>", or a caveat (upper case). */
export type PortionAbbreviations = ReadonlyMap<string, string>;

/** The canonical key of an override: "tlp: amber" → "TLP:AMBER", "official sensitive" → "OFFICIAL-SENSITIVE". */
function overrideKeys(key: string, ladders: readonly ClassificationLadder[]): string[] {
  const tlp = /^TLP:\s*(.+)$/i.exec(key.trim());
  if (tlp) return [`TLP:${tlp[1]!.trim().toUpperCase()}`];
  const found = findClassification(key, ladders).map((f) => f.level.name);
  return found.length > 0 ? [...new Set(found)] : [normalizeClassification(key)];
}

/** Reads the config's `portionMarks` overrides against the project's ladders. */
export function portionAbbreviations(overrides: Readonly<Record<string, string>>, ladders: readonly ClassificationLadder[]): PortionAbbreviations {
  const out = new Map<string, string>();
  for (const [key, abbreviation] of Object.entries(overrides)) {
    for (const k of overrideKeys(key, ladders)) out.set(k, abbreviation.trim());
  }
  return out;
}

/** The portion mark of a level, or undefined for an unmarked portion. */
export function portionMarkText(level: Level, abbreviations: PortionAbbreviations): string | undefined {
  const parts: string[] = [];
  const caveats = level.caveats.map((c) => abbreviations.get(c) ?? c);
  if (level.classification) {
    const name = level.classification.level.name;
    const short = abbreviations.get(name) ?? level.classification.level.abbreviation;
    parts.push(`(${[short, ...caveats].join("//")})`);
  } else if (caveats.length > 0) {
    parts.push(`(${caveats.join("//")})`);
  }
  if (level.tlp) parts.push(`[${abbreviations.get(`TLP:${level.tlp}`) ?? `TLP:${level.tlp}`}]`);
  return parts.length > 0 ? parts.join(" ") : undefined;
}
