/**
 * Handling markings across editions: a loosened TLP or classification is called out, because
 * publishing a brief under a weaker marking is a release decision a reviewer must see.
 */
import type { Assessment, Marking } from "../schema/assessment.js";
import { evidenceItem } from "../schema/citations.js";
import { findClassification, normalizeClassification, tlpRank, UK_LADDER, US_LADDER } from "../marking/levels.js";
import type { MarkingChange, MarkingView, PortionMarkingChange } from "./types.js";

/** Rank of a TLP label, CLEAR (0) to RED (4). */
export { tlpRank };

/** -1 when `b` is less restrictive than `a`, 1 when more, 0 when equal, undefined when they cannot be ordered (on the UK and US ladders). */
export function compareClassification(a: string, b: string): number | undefined {
  const na = normalizeClassification(a);
  const nb = normalizeClassification(b);
  if (na === nb) return 0;
  for (const ladder of [UK_LADDER, US_LADDER]) {
    const ia = findClassification(na, [ladder])[0]?.rank;
    const ib = findClassification(nb, [ladder])[0]?.rank;
    if (ia !== undefined && ib !== undefined) return Math.sign(ib - ia);
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

/**
 * Changes of portion markings (title, summary, each judgment, evidence item and source), matched
 * by id — evidence by its id, else by its text — so a portion lowered in a new edition is seen.
 */
export function portionMarkingChanges(a: Assessment, b: Assessment): PortionMarkingChange[] {
  const out: PortionMarkingChange[] = [];
  const add = (what: string, x: Marking | undefined, y: Marking | undefined) => {
    const change = markingChange(x, y);
    if (change) out.push({ what, ...change });
  };
  add("title", a.titleMarking, b.titleMarking);
  add("summary", a.summaryMarking, b.summaryMarking);
  const oldJudgments = new Map(a.judgments.map((j) => [j.id, j]));
  for (const j of b.judgments) {
    const old = oldJudgments.get(j.id);
    if (!old) continue;
    add(`judgment \`${j.id}\``, old.marking, j.marking);
    const oldItems = old.evidence.map(evidenceItem);
    j.evidence.map(evidenceItem).forEach((item, i) => {
      const match = oldItems.find((o) => (item.id !== undefined && o.id === item.id) || (item.id === undefined && o.text === item.text));
      if (match) add(`evidence item ${i + 1} of judgment \`${j.id}\``, match.marking, item.marking);
    });
  }
  const oldSources = new Map(a.sources.map((s) => [s.id, s]));
  for (const s of b.sources) {
    const old = oldSources.get(s.id);
    if (old) add(`source \`${s.id}\``, old.marking, s.marking);
  }
  return out;
}
