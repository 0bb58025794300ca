/**
 * Marking levels and their order: TLP 2.0 labels and classification ladders (UK Government
 * Security Classifications, US classification levels, or a ladder from the config), compared
 * dimension by dimension. A marking A is "at least" B when A's classification is at or above
 * B's on one ladder, A's TLP is at or above B's, and A carries every caveat B carries.
 */
import { distance } from "fastest-levenshtein";
import { TLP_LABELS, type Marking, type Tlp } from "../schema/assessment.js";

/** One level of a classification ladder. */
export interface ClassificationLevel {
  /** Canonical name, upper case ("OFFICIAL-SENSITIVE"). */
  name: string;
  /** Short portion mark ("OS"). */
  abbreviation: string;
  /** Other ways of writing it ("OFFICIAL SENSITIVE"). */
  aliases?: string[];
}

/** An ordered list of classifications, least to most restrictive. */
export interface ClassificationLadder {
  id: string;
  name: string;
  levels: ClassificationLevel[];
}

/** UK Government Security Classifications (OFFICIAL with the OFFICIAL-SENSITIVE handling caveat). */
export const UK_LADDER: ClassificationLadder = {
  id: "uk",
  name: "UK Government Security Classifications",
  levels: [
    { name: "OFFICIAL", abbreviation: "O" },
    { name: "OFFICIAL-SENSITIVE", abbreviation: "OS", aliases: ["OFFICIAL SENSITIVE"] },
    { name: "SECRET", abbreviation: "S" },
    { name: "TOP SECRET", abbreviation: "TS", aliases: ["TOP-SECRET"] },
  ],
};

/** US classification levels, with CUI for controlled unclassified information. */
export const US_LADDER: ClassificationLadder = {
  id: "us",
  name: "US classification levels",
  levels: [
    { name: "UNCLASSIFIED", abbreviation: "U" },
    { name: "CUI", abbreviation: "CUI", aliases: ["CONTROLLED UNCLASSIFIED INFORMATION"] },
    { name: "CONFIDENTIAL", abbreviation: "C" },
    { name: "SECRET", abbreviation: "S" },
    { name: "TOP SECRET", abbreviation: "TS", aliases: ["TOP-SECRET"] },
  ],
};

/** The ladders that ship, by preset name. */
export const LADDER_PRESETS: Readonly<Record<string, ClassificationLadder>> = { uk: UK_LADDER, us: US_LADDER };

/** Upper case, single spaces. */
export function normalizeClassification(text: string): string {
  return text.trim().toUpperCase().replace(/\s+/g, " ");
}

/** A classification found on a ladder. */
export interface ClassificationRank {
  ladder: ClassificationLadder;
  rank: number;
  level: ClassificationLevel;
}

/** Finds a classification on the ladders (canonical names and aliases); undefined when unknown. */
export function findClassification(text: string, ladders: readonly ClassificationLadder[]): ClassificationRank[] {
  const wanted = normalizeClassification(text);
  const found: ClassificationRank[] = [];
  for (const ladder of ladders) {
    ladder.levels.forEach((level, rank) => {
      if (level.name === wanted || (level.aliases ?? []).some((a) => normalizeClassification(a) === wanted)) found.push({ ladder, rank, level });
    });
  }
  return found;
}

/** The closest known classification to a misspelt one, when one is close. */
export function suggestClassification(text: string, ladders: readonly ClassificationLadder[]): string | undefined {
  const wanted = normalizeClassification(text);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const ladder of ladders) {
    for (const level of ladder.levels) {
      const d = distance(wanted, level.name);
      if (d < bestDistance) {
        best = level.name;
        bestDistance = d;
      }
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : undefined;
}

/** Rank of a TLP label, CLEAR (0) to RED (4). */
export function tlpRank(tlp: Tlp): number {
  return TLP_LABELS.indexOf(tlp);
}

/** A marking resolved for comparison. */
export interface Level {
  classification?: ClassificationRank;
  tlp?: Tlp;
  caveats: string[];
}

/** Resolves a marking on the ladders. An unknown classification resolves to none (reported by a rule). */
export function levelOf(m: Marking | undefined, ladders: readonly ClassificationLadder[], prefer?: ClassificationLadder): Level {
  const out: Level = { caveats: [...new Set((m?.caveats ?? []).map(normalizeClassification))].sort() };
  if (m?.tlp) out.tlp = m.tlp;
  if (m?.classification) {
    const found = findClassification(m.classification, ladders);
    const chosen = found.find((f) => f.ladder === prefer) ?? found[0];
    if (chosen) out.classification = chosen;
  }
  return out;
}

/**
 * True when `a` is at least as restrictive as `b` in every dimension. Classifications on two
 * different ladders compare by name only (equal names are equal; otherwise not at least).
 */
export function atLeast(a: Level, b: Level): boolean {
  if (b.classification) {
    if (!a.classification) return false;
    if (a.classification.ladder === b.classification.ladder) {
      if (a.classification.rank < b.classification.rank) return false;
    } else if (a.classification.level.name !== b.classification.level.name) return false;
  }
  if (b.tlp && (!a.tlp || tlpRank(a.tlp) < tlpRank(b.tlp))) return false;
  return b.caveats.every((c) => a.caveats.includes(c));
}

/**
 * True when a portion at `portion` may go out in a release at `release`. Only the dimensions the
 * release names are bounded (a release at TLP:GREEN bounds the TLP, not the classification);
 * caveats always are: a portion with a caveat goes only to a release that names it.
 */
export function releasable(release: Level, portion: Level): boolean {
  if (release.classification && portion.classification) {
    if (release.classification.ladder === portion.classification.ladder) {
      if (release.classification.rank < portion.classification.rank) return false;
    } else if (release.classification.level.name !== portion.classification.level.name) return false;
  }
  if (release.tlp && portion.tlp && tlpRank(release.tlp) < tlpRank(portion.tlp)) return false;
  return portion.caveats.every((c) => release.caveats.includes(c));
}

/** The least marking at least as restrictive as each of `levels` (per dimension: the highest; caveats: the union). */
export function maxLevel(levels: readonly Level[]): Level {
  const out: Level = { caveats: [] };
  for (const l of levels) {
    if (l.classification && (!out.classification || (l.classification.ladder === out.classification.ladder && l.classification.rank > out.classification.rank))) out.classification = l.classification;
    if (l.tlp && (!out.tlp || tlpRank(l.tlp) > tlpRank(out.tlp))) out.tlp = l.tlp;
    for (const c of l.caveats) if (!out.caveats.includes(c)) out.caveats.push(c);
  }
  out.caveats.sort();
  return out;
}

/** A level back as a marking (canonical names). */
export function markingOf(level: Level): Marking | undefined {
  const m: Marking = {};
  if (level.classification) m.classification = level.classification.level.name;
  if (level.tlp) m.tlp = level.tlp;
  if (level.caveats.length > 0) m.caveats = [...level.caveats];
  return Object.keys(m).length > 0 ? m : undefined;
}

/** A level as one line: "OFFICIAL-SENSITIVE · TLP:AMBER", or "unmarked". */
export function levelText(level: Level): string {
  const parts = [level.classification?.level.name, level.tlp ? `TLP:${level.tlp}` : undefined, ...level.caveats].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(" · ") : "unmarked";
}

/**
 * Reads a release level from the command line: "TLP:GREEN", "OFFICIAL", "OFFICIAL,TLP:GREEN",
 * "SECRET,TLP:AMBER,UK EYES ONLY" (words that are neither a TLP label nor a classification are
 * caveats the release may carry). Returns an error message when it cannot be read.
 */
export function parseRelease(text: string, ladders: readonly ClassificationLadder[]): { level: Level; marking: Marking } | { error: string } {
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return { error: "--release needs a level, e.g. TLP:GREEN or OFFICIAL" };
  const marking: Marking = {};
  const caveats: string[] = [];
  for (const part of parts) {
    const tlp = /^TLP:\s*(.+)$/i.exec(part);
    if (tlp) {
      const label = tlp[1]!.trim().toUpperCase();
      if (!(TLP_LABELS as readonly string[]).includes(label)) return { error: `\`${part}\` is not a TLP 2.0 label (${TLP_LABELS.map((t) => `TLP:${t}`).join(", ")})` };
      if (marking.tlp) return { error: "--release names two TLP labels" };
      marking.tlp = label as Tlp;
    } else if (findClassification(part, ladders).length > 0) {
      if (marking.classification) return { error: "--release names two classifications" };
      marking.classification = findClassification(part, ladders)[0]!.level.name;
    } else {
      const near = suggestClassification(part, ladders);
      if (near && distance(normalizeClassification(part), near) <= 2 && !/\s/.test(part)) return { error: `\`${part}\` is not a known classification; did you mean \`${near}\`?` };
      caveats.push(part);
    }
  }
  if (caveats.length > 0) marking.caveats = caveats;
  if (!marking.tlp && !marking.classification) return { error: `--release \`${text}\` names neither a TLP label nor a classification` };
  return { level: levelOf(marking, ladders), marking };
}

/** A short file-name part for a release: "TLP:GREEN" → "tlp-green", "OFFICIAL,TLP:AMBER+STRICT" → "official.tlp-amber-strict". */
export function releaseSlug(marking: Marking): string {
  const parts = [marking.classification, marking.tlp ? `tlp ${marking.tlp}` : undefined, ...(marking.caveats ?? [])].filter((p): p is string => Boolean(p));
  return parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")).join(".");
}
