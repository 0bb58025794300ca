/**
 * Evidence items and the sources they cite, walked once for rules, the view model and the diff.
 */
import type { Assessment, Evidence, InlineSource, Marking } from "./assessment.js";
import type { DocPath } from "./positions.js";

/** `[@source-id]` inside evidence text cites a source at that place. */
export const CITATION_MARKER = /\[@([^\]\s]*)\]/g;

/** An evidence item in object form. */
export interface EvidenceItem {
  id?: string;
  text: string;
  /** Source id, when the item cites a listed source. */
  sourceId?: string;
  /** Source written in place. */
  inlineSource?: InlineSource;
  date?: string;
  note?: string;
  marking?: Marking;
}

const items = new WeakMap<object, EvidenceItem>();

/**
 * Normalises an evidence item to object form. Rules, markings, the view model and the diff each
 * walk the evidence, so the object form of an item is made once and shared: treat it as read-only.
 */
export function evidenceItem(e: Evidence): EvidenceItem {
  if (typeof e === "string") return { text: e };
  const known = items.get(e);
  if (known) return known;
  const { source, ...rest } = e;
  const item: EvidenceItem = typeof source === "string" ? { ...rest, sourceId: source } : source ? { ...rest, sourceId: source.id, inlineSource: source } : rest;
  items.set(e, item);
  return item;
}

/** A citation of a source id, with where it is written. */
export interface Citation {
  sourceId: string;
  /** Path of the node that names the id (the `source` value or the evidence `text`). */
  path: DocPath;
  /** For markers: the offset of `[@id]` inside the text. */
  offset?: number;
  length?: number;
  judgmentIndex: number;
  evidenceIndex: number;
}

/** Every evidence item with its path. */
export function* evidenceEntries(a: Assessment): Generator<{ item: EvidenceItem; path: DocPath; judgmentIndex: number; evidenceIndex: number }> {
  for (const [j, judgment] of a.judgments.entries()) {
    for (const [e, ev] of judgment.evidence.entries()) {
      yield { item: evidenceItem(ev), path: ["judgments", j, "evidence", e], judgmentIndex: j, evidenceIndex: e };
    }
  }
}

/** The citation markers in a text, with their offsets. */
export function citationMarkers(text: string): Array<{ id: string; offset: number; length: number }> {
  const out: Array<{ id: string; offset: number; length: number }> = [];
  for (const m of text.matchAll(CITATION_MARKER)) out.push({ id: m[1] ?? "", offset: m.index, length: m[0].length });
  return out;
}

/** Every citation of a listed source id: `source: id` and `[@id]` markers, in document order. */
export function citations(a: Assessment): Citation[] {
  const out: Citation[] = [];
  for (const { item, path, judgmentIndex, evidenceIndex } of evidenceEntries(a)) {
    const textPath = typeof a.judgments[judgmentIndex]?.evidence[evidenceIndex] === "string" ? path : [...path, "text"];
    for (const m of citationMarkers(item.text)) {
      out.push({ sourceId: m.id, path: textPath, offset: m.offset, length: m.length, judgmentIndex, evidenceIndex });
    }
    if (item.sourceId !== undefined && !item.inlineSource) {
      out.push({ sourceId: item.sourceId, path: [...path, "source"], judgmentIndex, evidenceIndex });
    }
  }
  return out;
}

/** Every source URL written in an assessment (listed sources and sources written in place), with its path. */
export function* sourceUrls(a: Assessment): Generator<{ url: string; path: DocPath }> {
  for (const [i, s] of a.sources.entries()) if (s.url !== undefined) yield { url: s.url, path: ["sources", i, "url"] };
  for (const { item, path } of evidenceEntries(a)) {
    if (item.inlineSource?.url !== undefined) yield { url: item.inlineSource.url, path: [...path, "source", "url"] };
  }
}
