/**
 * Numbering sources for a brief: in order of first citation (inline `[@id]` markers first, then
 * the item's `source`), then the listed sources nobody cites.
 */
import type { Assessment, InlineSource, Source } from "../schema/assessment.js";
import { citationMarkers, evidenceItem } from "../schema/citations.js";
import { formatDate } from "../schema/dates.js";
import { parseInline, isSafeUrl } from "./inline-markdown.js";
import { admiraltyGrade } from "./labels.js";
import type { BriefSource } from "./types.js";

/** The numbered sources and how to find them. */
export interface SourceTable {
  sources: BriefSource[];
  /** By listed source id. */
  byId: ReadonlyMap<string, BriefSource>;
  /** Inline sources, keyed "judgmentIndex/evidenceIndex". */
  inline: ReadonlyMap<string, BriefSource>;
  /** True when the brief has a Sources list: it is allowed, and something is cited or listed with details. */
  listed: boolean;
}

/** How sources are cited and whether notes are printed. */
export interface SourceOptions {
  dateFormat: string;
  citations: "numbered" | "word";
  /** The config allows a Sources list (`show.sources`). */
  listed: boolean;
  notes: boolean;
  /** Name of a source without a title. */
  untitled: string;
  /** The word of a word-style citation. */
  word: string;
  /** "Key Judgment", for what an untitled source's entry says of it. */
  keyJudgment: string;
}

/** Key of an inline source in {@link SourceTable.inline}. */
export function inlineKey(judgmentIndex: number, evidenceIndex: number): string {
  return `${judgmentIndex}/${evidenceIndex}`;
}

function toBriefSource(s: Source | InlineSource, id: string, number: number, o: SourceOptions): BriefSource {
  const grade = admiraltyGrade(s.reliability, s.credibility);
  const anchor = `source-${number}`;
  const url = s.url !== undefined && isSafeUrl(s.url) ? s.url.trim() : undefined;
  const href = o.citations === "word" && url ? url : o.listed ? `#${anchor}` : undefined;
  const out: BriefSource = {
    number,
    id,
    anchor,
    label: s.title ?? o.untitled,
    untitled: s.title === undefined,
    detailed: Boolean(s.title || s.url || s.publisher || s.date || grade || s.description),
    cited: false,
    citedAs: o.citations === "word" ? o.word : String(number),
  };
  if (href !== undefined) out.href = href;
  if (s.title !== undefined) out.title = s.title;
  if (s.url !== undefined) out.url = s.url;
  if (s.publisher !== undefined) out.publisher = s.publisher;
  if (s.date !== undefined) out.date = { iso: s.date, text: formatDate(s.date, o.dateFormat) };
  if (s.description !== undefined) out.description = parseInline(s.description);
  if (s.note !== undefined && o.notes) out.note = s.note;
  if (s.reliability !== undefined) out.reliability = s.reliability;
  if (s.credibility !== undefined) out.credibility = s.credibility;
  if (grade) {
    out.grade = grade.grade;
    out.gradeText = grade.text;
  }
  return out;
}

/** Numbers every source of an assessment, cited ones first in order of first citation. */
export function numberSources(a: Assessment, o: SourceOptions): SourceTable {
  const listed = new Map(a.sources.map((s) => [s.id, s]));
  const byId = new Map<string, BriefSource>();
  const inline = new Map<string, BriefSource>();
  const sources: BriefSource[] = [];
  const citedIn = new Map<BriefSource, number[]>();
  const mark = (b: BriefSource, judgment: number | undefined) => {
    if (judgment === undefined) return;
    b.cited = true;
    const list = citedIn.get(b) ?? [];
    if (!list.includes(judgment)) list.push(judgment);
    citedIn.set(b, list);
  };
  const useListed = (id: string, judgment: number | undefined) => {
    const known = byId.get(id);
    if (known) return mark(known, judgment);
    const s = listed.get(id);
    if (!s) return;
    const b = toBriefSource(s, id, sources.length + 1, o);
    mark(b, judgment);
    byId.set(id, b);
    sources.push(b);
  };
  a.judgments.forEach((j, ji) => {
    j.evidence.forEach((ev, ei) => {
      const item = evidenceItem(ev);
      for (const m of citationMarkers(item.text)) useListed(m.id, ji + 1);
      if (item.inlineSource) {
        const id = item.inlineSource.id ?? `${j.id}-evidence-${ei + 1}`;
        const b = toBriefSource(item.inlineSource, id, sources.length + 1, o);
        mark(b, ji + 1);
        inline.set(inlineKey(ji, ei), b);
        sources.push(b);
      } else if (item.sourceId !== undefined) {
        useListed(item.sourceId, ji + 1);
      }
    });
  });
  for (const s of a.sources) useListed(s.id, undefined);
  // An untitled source says what else is known of it: where the brief cites it.
  for (const [b, judgments] of citedIn) if (b.untitled) b.label = `${o.untitled}, cited in ${judgments.map((n) => `${o.keyJudgment} ${n}`).join(", ")}`;
  const hasList = o.listed && sources.some((s) => s.cited || s.detailed);
  // Without a Sources list there is no entry to link to: a citation links to the URL or nowhere.
  if (!hasList) for (const s of sources) if (s.href?.startsWith("#")) delete s.href;
  return { sources, byId, inline, listed: hasList };
}
