/**
 * The marking of every portion of an assessment. An unmarked portion takes the marking of what
 * holds it — evidence its judgment's; a judgment, a listed source, the title and the summary the
 * assessment's —
 * so forgetting a portion mark can never release it below its level. Evidence is at least as
 * restrictive as every source it cites.
 */
import type { Assessment } from "../schema/assessment.js";
import { citationMarkers, evidenceItem } from "../schema/citations.js";
import type { DocPath } from "../schema/positions.js";
import { levelOf, maxLevel, type ClassificationLadder, type Level } from "./levels.js";

/** One evidence item's levels. */
export interface EvidenceLevels {
  /** Its own marking, or its judgment's. */
  own: Level;
  /** With the sources it cites. */
  effective: Level;
  /** Ids of the listed sources it cites (trailing `source` and `[@id]` markers). */
  sources: string[];
  path: DocPath;
}

/** One judgment's levels. */
export interface JudgmentLevels {
  own: Level;
  path: DocPath;
  evidence: EvidenceLevels[];
}

/** Every portion's level, and the highest of them. */
export interface PortionLevels {
  /** The assessment's own marking (the banner it declares), when it sets one. */
  declared?: Level;
  title: Level;
  summary: Level;
  judgments: JudgmentLevels[];
  /** Listed sources by id: their own marking, or the assessment's. */
  sources: Map<string, Level>;
  /** The highest portion: what the banner must be at least. */
  content: Level;
}

/** A portion whose level the banner must cover, with its path (for messages). */
export interface Portion {
  what: string;
  path: DocPath;
  level: Level;
}

/** The ladder an assessment's classifications are read on: the one its own marking names, else the first that knows any of its portions. */
function preferredLadder(a: Assessment, ladders: readonly ClassificationLadder[]): ClassificationLadder | undefined {
  const declared = a.marking?.classification ? levelOf(a.marking, ladders).classification?.ladder : undefined;
  return declared ?? ladders[0];
}

/** Computes every portion's level. */
export function portionLevels(a: Assessment, ladders: readonly ClassificationLadder[]): PortionLevels {
  const prefer = preferredLadder(a, ladders);
  const of = (m: Parameters<typeof levelOf>[0]) => levelOf(m, ladders, prefer);
  const declared = a.marking ? of(a.marking) : undefined;
  const base = declared ?? { caveats: [] };
  const sources = new Map<string, Level>();
  for (const s of a.sources) sources.set(s.id, s.marking ? of(s.marking) : base);
  const judgments: JudgmentLevels[] = a.judgments.map((j, ji) => {
    const own = j.marking ? of(j.marking) : base;
    const evidence = j.evidence.map((e, ei): EvidenceLevels => {
      const item = evidenceItem(e);
      const evOwn = item.marking ? of(item.marking) : own;
      const cited = new Set<string>();
      for (const m of citationMarkers(item.text)) cited.add(m.id);
      if (item.sourceId !== undefined && !item.inlineSource) cited.add(item.sourceId);
      const levels = [evOwn, ...[...cited].map((id) => sources.get(id) ?? { caveats: [] })];
      if (item.inlineSource?.marking) levels.push(of(item.inlineSource.marking));
      return { own: evOwn, effective: maxLevel(levels), sources: [...cited], path: ["judgments", ji, "evidence", ei] };
    });
    return { own, path: ["judgments", ji], evidence };
  });
  const title = a.titleMarking ? of(a.titleMarking) : base;
  const summary = a.summaryMarking ? of(a.summaryMarking) : base;
  const content = maxLevel([title, summary, ...judgments.flatMap((j) => [j.own, ...j.evidence.map((e) => e.effective)]), ...sources.values()]);
  return { ...(declared ? { declared } : {}), title, summary, judgments, sources, content };
}

/** Every portion in document order, with its level (evidence with the sources it cites). */
export function portions(a: Assessment, levels: PortionLevels): Portion[] {
  const out: Portion[] = [
    { what: "the title", path: a.titleMarking ? ["titleMarking"] : ["title"], level: levels.title },
    { what: "the summary", path: a.summaryMarking ? ["summaryMarking"] : ["summary"], level: levels.summary },
  ];
  levels.judgments.forEach((j, ji) => {
    const judgment = a.judgments[ji]!;
    out.push({ what: `judgment \`${judgment.id}\``, path: judgment.marking ? ["judgments", ji, "marking"] : j.path, level: j.own });
    j.evidence.forEach((e, ei) => out.push({ what: `evidence item ${ei + 1} of judgment \`${judgment.id}\``, path: e.path, level: e.effective }));
  });
  a.sources.forEach((s, si) => out.push({ what: `source \`${s.id}\``, path: s.marking ? ["sources", si, "marking"] : ["sources", si], level: levels.sources.get(s.id)! }));
  return out;
}
