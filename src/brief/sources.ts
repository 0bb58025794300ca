/**
 * Numbering sources for a brief: in order of first citation (inline `[@id]` markers first, then
 * the item's `source`), then the listed sources nobody cites.
 */
import type { Assessment, InlineSource, Source } from "../schema/assessment.js";
import { citationMarkers, evidenceItem } from "../schema/citations.js";
import { formatDate } from "../schema/dates.js";
import { admiraltyGrade } from "./labels.js";
import type { BriefSource } from "./types.js";

/** The numbered sources and how to find them. */
export interface SourceTable {
  sources: BriefSource[];
  /** By listed source id. */
  byId: ReadonlyMap<string, BriefSource>;
  /** Inline sources, keyed "judgmentIndex/evidenceIndex". */
  inline: ReadonlyMap<string, BriefSource>;
}

/** Key of an inline source in {@link SourceTable.inline}. */
export function inlineKey(judgmentIndex: number, evidenceIndex: number): string {
  return `${judgmentIndex}/${evidenceIndex}`;
}

function toBriefSource(s: Source | InlineSource, id: string, number: number, dateFormat: string): BriefSource {
  const grade = admiraltyGrade(s.reliability, s.credibility);
  const out: BriefSource = {
    number,
    id,
    anchor: `source-${number}`,
    detailed: Boolean(s.title || s.url || s.publisher || s.date || grade),
  };
  if (s.title !== undefined) out.title = s.title;
  if (s.url !== undefined) out.url = s.url;
  if (s.publisher !== undefined) out.publisher = s.publisher;
  if (s.date !== undefined) out.date = { iso: s.date, text: formatDate(s.date, dateFormat) };
  if (s.note !== undefined) out.note = s.note;
  if (s.reliability !== undefined) out.reliability = s.reliability;
  if (s.credibility !== undefined) out.credibility = s.credibility;
  if (grade) {
    out.grade = grade.grade;
    out.gradeText = grade.text;
  }
  return out;
}

/** Numbers every source of an assessment. */
export function numberSources(a: Assessment, dateFormat: string): SourceTable {
  const listed = new Map(a.sources.map((s) => [s.id, s]));
  const byId = new Map<string, BriefSource>();
  const inline = new Map<string, BriefSource>();
  const sources: BriefSource[] = [];
  const useListed = (id: string) => {
    const s = listed.get(id);
    if (!s || byId.has(id)) return;
    const b = toBriefSource(s, id, sources.length + 1, dateFormat);
    byId.set(id, b);
    sources.push(b);
  };
  a.judgments.forEach((j, ji) => {
    j.evidence.forEach((ev, ei) => {
      const item = evidenceItem(ev);
      for (const m of citationMarkers(item.text)) useListed(m.id);
      if (item.inlineSource) {
        const id = item.inlineSource.id ?? `${j.id}-evidence-${ei + 1}`;
        const b = toBriefSource(item.inlineSource, id, sources.length + 1, dateFormat);
        inline.set(inlineKey(ji, ei), b);
        sources.push(b);
      } else if (item.sourceId !== undefined) {
        useListed(item.sourceId);
      }
    });
  });
  for (const s of a.sources) useListed(s.id);
  return { sources, byId, inline };
}
