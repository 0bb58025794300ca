/**
 * Handling markings across editions: a loosened TLP or classification is called out, because
 * publishing a brief under a weaker marking is a release decision a reviewer must see.
 */
import { TLP_LABELS, type Marking, type Tlp } from "../schema/assessment.js";
import type { MarkingChange, MarkingView } from "./types.js";

/** Rank of a TLP label, CLEAR (0) to RED (4). */
export function tlpRank(tlp: Tlp): number {
  return TLP_LABELS.indexOf(tlp);
}

/** Known classification ladders, least to most restrictive, compared only within a ladder. */
const LADDERS: readonly (readonly string[])[] = [
  ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"],
  ["UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET"],
];

function normalizeClassification(c: string): string {
  return c.trim().toUpperCase().replace(/\s*-\s*/g, "-").replace(/\s+/g, " ");
}

/** -1 when `b` is less restrictive than `a`, 1 when more, 0 when equal, undefined when they cannot be ordered. */
export function compareClassification(a: string, b: string): number | undefined {
  const na = normalizeClassification(a);
  const nb = normalizeClassification(b);
  if (na === nb) return 0;
  for (const ladder of LADDERS) {
    const ia = ladder.indexOf(na);
    const ib = ladder.indexOf(nb);
    if (ia >= 0 && ib >= 0) return Math.sign(ib - ia);
  }
  return undefined;
}

/** A marking as one line: "OFFICIAL · TLP:AMBER · UK EYES ONLY", or "none". */
export function markingView(m: Marking | undefined): MarkingView {
  const caveats = m?.caveats ?? [];
  const parts = [m?.classification, m?.tlp ? `TLP:${m.tlp}` : undefined, ...caveats].filter((p): p is string => p !== undefined && p !== "");
  return { classification: m?.classification, tlp: m?.tlp, caveats, text: parts.length > 0 ? parts.join(" · ") : "none" };
}

/** The marking change between two editions, or undefined when the marking is the same. */
export function markingChange(a: Marking | undefined, b: Marking | undefined): MarkingChange | undefined {
  const old = markingView(a);
  const next = markingView(b);
  if (old.text === next.text) return undefined;
  const reasons: string[] = [];
  if (old.tlp && !next.tlp) reasons.push(`TLP:${old.tlp} removed`);
  else if (old.tlp && next.tlp && tlpRank(next.tlp) < tlpRank(old.tlp)) reasons.push(`TLP:${old.tlp} → TLP:${next.tlp}`);
  if (old.classification && !next.classification) reasons.push(`classification ${old.classification} removed`);
  else if (old.classification && next.classification && compareClassification(old.classification, next.classification) === -1) {
    reasons.push(`classification ${old.classification} → ${next.classification}`);
  }
  for (const c of old.caveats) if (!next.caveats.includes(c)) reasons.push(`caveat ${c} removed`);
  return { old, new: next, loosened: reasons.length > 0, reasons };
}
