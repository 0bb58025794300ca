/**
 * Tearline releases: the assessment as it may go to an audience cleared to a level. Portions
 * above the level are removed — judgments (the rest renumber, since numbers are their places),
 * evidence items, and sources cited only by removed content — and the banner is recomputed from
 * what remains. The result is an ordinary Assessment, so every renderer prints it unchanged and
 * nothing withheld can reach any output. A release has no keywords and no `supersedes` (so no
 * changes section), since either could describe withheld content.
 */
import type { Assessment, Judgment } from "../schema/assessment.js";
import { citationMarkers, evidenceItem } from "../schema/citations.js";
import type { DocPath } from "../schema/positions.js";
import { levelText, markingOf, maxLevel, releasable, type ClassificationLadder, type Level } from "./levels.js";
import { portionLevels } from "./portions.js";

/** What a release withheld. */
export interface Withheld {
  judgments: string[];
  /** Evidence items withheld from judgments that were released, per judgment id. */
  evidence: Record<string, number>;
  sources: string[];
  /** Ids of released judgments that lost all their evidence. */
  judgmentsWithoutEvidence: string[];
}

/** A release, or why there cannot be one. */
export type ReleaseResult =
  | { ok: true; assessment: Assessment; withheld: Withheld }
  | { ok: false; reason: string; path: DocPath; hint: string };

/** The assessment released at `level` (a portion is released when {@link releasable} says so). */
export function releaseAssessment(a: Assessment, level: Level, ladders: readonly ClassificationLadder[]): ReleaseResult {
  const levels = portionLevels(a, ladders);
  const fits = (l: Level) => releasable(level, l);
  if (!fits(levels.title)) {
    return { ok: false, reason: `the title is marked ${levelText(levels.title)}, above ${levelText(level)}`, path: a.titleMarking ? ["titleMarking"] : ["title"], hint: "give the title its own `titleMarking` if it may be released at this level" };
  }
  if (!fits(levels.summary)) {
    return { ok: false, reason: `the summary is marked ${levelText(levels.summary)}, above ${levelText(level)}`, path: a.summaryMarking ? ["summaryMarking"] : ["summary"], hint: "give the summary its own `summaryMarking` if it may be released at this level" };
  }
  const withheld: Withheld = { judgments: [], evidence: {}, sources: [], judgmentsWithoutEvidence: [] };
  const kept: Judgment[] = [];
  const keptLevels: Level[] = [levels.title, levels.summary];
  const cited = new Set<string>();
  a.judgments.forEach((j, ji) => {
    const jl = levels.judgments[ji]!;
    if (!fits(jl.own)) {
      withheld.judgments.push(j.id);
      return;
    }
    keptLevels.push(jl.own);
    const evidence = j.evidence.filter((e, ei) => {
      const el = jl.evidence[ei]!;
      if (!fits(el.effective)) return false;
      keptLevels.push(el.effective);
      const item = evidenceItem(e);
      for (const m of citationMarkers(item.text)) cited.add(m.id);
      if (item.sourceId !== undefined && !item.inlineSource) cited.add(item.sourceId);
      return true;
    });
    const dropped = j.evidence.length - evidence.length;
    if (dropped > 0) withheld.evidence[j.id] = dropped;
    if (dropped > 0 && evidence.length === 0) withheld.judgmentsWithoutEvidence.push(j.id);
    kept.push({ ...j, evidence });
  });
  if (kept.length === 0) {
    return { ok: false, reason: `every key judgment is above ${levelText(level)}`, path: ["judgments"], hint: "a release needs at least one judgment at or below its level" };
  }
  const usedBefore = new Set<string>();
  for (const j of a.judgments) {
    for (const e of j.evidence) {
      const item = evidenceItem(e);
      for (const m of citationMarkers(item.text)) usedBefore.add(m.id);
      if (item.sourceId !== undefined && !item.inlineSource) usedBefore.add(item.sourceId);
    }
  }
  const sources = a.sources.filter((s) => {
    const l = levels.sources.get(s.id)!;
    // Released: sources cited by released content, and uncited ones at or below the level.
    const keep = cited.has(s.id) || (!usedBefore.has(s.id) && fits(l));
    if (!keep) withheld.sources.push(s.id);
    else keptLevels.push(l);
    return keep;
  });
  // Keywords (PDF metadata) may name withheld content, and a previous edition's changes would
  // describe withheld judgments: a release carries neither.
  const { keywords: _k, supersedes: _s, marking: _mk, ...base } = a;
  const banner = markingOf(maxLevel(keptLevels));
  const released: Assessment = { ...base, judgments: kept, sources, ...(banner ? { marking: banner } : {}) };
  return { ok: true, assessment: released, withheld };
}
