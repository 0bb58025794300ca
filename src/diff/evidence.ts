/**
 * Pairing the evidence of a judgment across editions: by `id` when both items have one, else by
 * text similarity (with a nudge for citing the same source), greedy best match first.
 */
import type { Evidence } from "../schema/assessment.js";
import { evidenceItem, type EvidenceItem } from "../schema/citations.js";
import { formatDate, daysBetween } from "../schema/dates.js";
import { greedyMatch, prepareText, preparedSimilarity, textSimilarity, type ScoredPair } from "./similarity.js";
import { normalizeSpace, textChange } from "./words.js";
import type { DateChange, EvidenceChange, EvidenceView } from "./types.js";

/** Least similarity for pairing two items that cite the same source. */
export const SAME_SOURCE_THRESHOLD = 0.4;
/** Least similarity for pairing two items that cite different sources (or none). */
export const OTHER_SOURCE_THRESHOLD = 0.55;

/** The source an item cites, as one label: the listed id, or the inline source's id, title or URL. */
export function sourceLabel(item: EvidenceItem): string | undefined {
  if (item.inlineSource) return item.inlineSource.id ?? item.inlineSource.title ?? item.inlineSource.url ?? item.inlineSource.publisher;
  return item.sourceId;
}

/** How an evidence item shows in the report. */
export function evidenceView(e: Evidence, dateFormat = "dd/mm/yy"): EvidenceView {
  return viewOf(evidenceItem(e), dateFormat);
}

/** A date change, or undefined when the dates are equal. */
export function dateChange(a: string | undefined, b: string | undefined, dateFormat: string): DateChange | undefined {
  if (a === b) return undefined;
  const out: DateChange = {};
  if (a !== undefined) {
    out.old = a;
    out.oldText = formatDate(a, dateFormat);
  }
  if (b !== undefined) {
    out.new = b;
    out.newText = formatDate(b, dateFormat);
  }
  if (a !== undefined && b !== undefined) out.days = daysBetween(a, b);
  return out;
}

function pairChange(a: EvidenceItem, b: EvidenceItem, matchedBy: "id" | "text", similarity: number, dateFormat: string): EvidenceChange {
  const change: Extract<EvidenceChange, { kind: "changed" }> = {
    kind: "changed",
    old: viewOf(a, dateFormat),
    new: viewOf(b, dateFormat),
    matchedBy,
    similarity: Math.round(similarity * 1000) / 1000,
  };
  const text = textChange(a.text, b.text);
  if (text) change.text = text;
  const sa = sourceLabel(a);
  const sb = sourceLabel(b);
  const inlineMoved = JSON.stringify(a.inlineSource ?? null) !== JSON.stringify(b.inlineSource ?? null);
  if (sa !== sb || (inlineMoved && sa === sb && a.inlineSource && b.inlineSource)) change.source = { old: sa, new: sb };
  const date = dateChange(a.date, b.date, dateFormat);
  if (date) change.date = date;
  if ((a.note ?? "") !== (b.note ?? "")) change.note = { old: a.note, new: b.note };
  return change;
}

function viewOf(item: EvidenceItem, dateFormat: string): EvidenceView {
  const view: EvidenceView = { text: normalizeSpace(item.text) };
  if (item.id !== undefined) view.id = item.id;
  const source = sourceLabel(item);
  if (source !== undefined) view.source = source;
  if (item.date !== undefined) {
    view.date = item.date;
    view.dateText = formatDate(item.date, dateFormat);
  }
  return view;
}

function isChange(c: EvidenceChange): boolean {
  return c.kind !== "changed" || c.text !== undefined || c.source !== undefined || c.date !== undefined || c.note !== undefined;
}

/**
 * The evidence changes of one judgment, in the new edition's order with removed items where
 * they stood. Unchanged pairs are left out.
 */
export function diffEvidence(oldList: readonly Evidence[], newList: readonly Evidence[], dateFormat: string): EvidenceChange[] {
  const a = oldList.map(evidenceItem);
  const b = newList.map(evidenceItem);
  const pairOfNew = new Map<number, { oldIndex: number; matchedBy: "id" | "text"; similarity: number }>();
  const oldUsed = new Set<number>();

  // 1. The same id on both sides.
  const newById = new Map<string, number>();
  b.forEach((item, i) => {
    if (item.id !== undefined && !newById.has(item.id)) newById.set(item.id, i);
  });
  a.forEach((item, i) => {
    if (item.id === undefined) return;
    const j = newById.get(item.id);
    if (j === undefined || pairOfNew.has(j)) return;
    pairOfNew.set(j, { oldIndex: i, matchedBy: "id", similarity: textSimilarity(item.text, b[j]!.text) });
    oldUsed.add(i);
  });

  // 2. Similar text. Two items with different ids are never the same item; an item whose id has
  // no counterpart may pair with an item without id (adding an id is not a change).
  const oldIds = new Set(a.map((x) => x.id).filter((x): x is string => x !== undefined));
  const eligible = (x: EvidenceItem, y: EvidenceItem) =>
    !(x.id !== undefined && y.id !== undefined) && !(x.id !== undefined && newById.has(x.id)) && !(y.id !== undefined && oldIds.has(y.id));

  // 2a. The same text (the common case: most items are unchanged), in order, without scoring.
  const newByText = new Map<string, number[]>();
  b.forEach((y, j) => {
    if (pairOfNew.has(j)) return;
    const key = normalizeSpace(y.text);
    newByText.set(key, [...(newByText.get(key) ?? []), j]);
  });
  a.forEach((x, i) => {
    if (oldUsed.has(i)) return;
    const list = newByText.get(normalizeSpace(x.text));
    const at = list?.findIndex((j) => !pairOfNew.has(j) && eligible(x, b[j]!) && sourceLabel(x) === sourceLabel(b[j]!)) ?? -1;
    if (list === undefined || at < 0) return;
    const j = list[at]!;
    list.splice(at, 1);
    pairOfNew.set(j, { oldIndex: i, matchedBy: "text", similarity: 1 });
    oldUsed.add(i);
  });

  // 2b. Similar text, best pairs first.
  const pa = a.map((x, i) => (oldUsed.has(i) ? undefined : prepareText(x.text)));
  const pb = b.map((y, j) => (pairOfNew.has(j) ? undefined : prepareText(y.text)));
  const candidates: ScoredPair[] = [];
  a.forEach((x, i) => {
    if (oldUsed.has(i)) return;
    b.forEach((y, j) => {
      if (pairOfNew.has(j) || !eligible(x, y)) return;
      const similarity = preparedSimilarity(pa[i]!, pb[j]!);
      const sameSource = sourceLabel(x) !== undefined && sourceLabel(x) === sourceLabel(y);
      const threshold = sameSource ? SAME_SOURCE_THRESHOLD : OTHER_SOURCE_THRESHOLD;
      if (similarity >= threshold) candidates.push({ oldIndex: i, newIndex: j, score: similarity + (sameSource ? 0.05 : 0) });
    });
  });
  for (const p of greedyMatch(candidates)) {
    pairOfNew.set(p.newIndex, { oldIndex: p.oldIndex, matchedBy: "text", similarity: preparedSimilarity(pa[p.oldIndex]!, pb[p.newIndex]!) });
    oldUsed.add(p.oldIndex);
  }

  // 3. Walk the new list, slotting removed items in after their old predecessor.
  const out: EvidenceChange[] = [];
  const removedAfter = new Map<number, number[]>(); // old index of the last paired predecessor (-1: start) → removed old indexes
  let lastPairedOld = -1;
  const oldToNew = new Map<number, number>();
  for (const [j, p] of pairOfNew) oldToNew.set(p.oldIndex, j);
  a.forEach((_, i) => {
    if (oldToNew.has(i)) {
      lastPairedOld = i;
      return;
    }
    const list = removedAfter.get(lastPairedOld) ?? [];
    list.push(i);
    removedAfter.set(lastPairedOld, list);
  });
  const flushRemoved = (after: number) => {
    for (const i of removedAfter.get(after) ?? []) out.push({ kind: "removed", item: viewOf(a[i]!, dateFormat) });
    removedAfter.delete(after);
  };
  flushRemoved(-1);
  b.forEach((y, j) => {
    const p = pairOfNew.get(j);
    if (!p) {
      out.push({ kind: "added", item: viewOf(y, dateFormat) });
      return;
    }
    const x = a[p.oldIndex]!;
    const same = x.text === y.text && x.date === y.date && x.note === y.note && sourceLabel(x) === sourceLabel(y) && JSON.stringify(x.inlineSource ?? null) === JSON.stringify(y.inlineSource ?? null);
    if (!same) {
      const change = pairChange(x, y, p.matchedBy, p.similarity, dateFormat);
      if (isChange(change)) out.push(change);
    }
    flushRemoved(p.oldIndex);
  });
  for (const after of [...removedAfter.keys()].sort((x, y) => x - y)) flushRemoved(after);
  return out;
}
