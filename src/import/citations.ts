/**
 * Citation markers at the end of (or inside) an evidence bullet:
 *
 * - word style: "(source)", "([source](https://…))", "[(source)](https://…)", "(source, 05/07/22)";
 * - numbered: "[3]", "[3, 05/07/22]", "[\[3\]](#source-3)", "[3][]", "[3](#source-3)";
 * - a date in a parenthetical of its own right after a marker: "(source) (05/07/22)".
 *
 * The marker at the very end becomes the item's `source`; markers inside the text become inline
 * citations (`[@id]`), which is how an assessment writes a second source in one item.
 */
import { DATE_PATTERN, parseDate, type DateOrder } from "./dates.js";
import type { LinkDefinitions } from "./blocks.js";

/** What a marker points at. */
export type CiteRef = { kind: "word"; url?: string; index: number } | { kind: "number"; n: number; url?: string };

/** One marker found in a text. */
export interface Cite {
  ref: CiteRef;
  /** The date written with the marker ("(source, 05/07/22)"), as ISO, when there is one. */
  date?: string;
  /** The date as written, when it could not be read. */
  badDate?: string;
  start: number;
  end: number;
}

/** A link target: an http(s) URL or an internal anchor (`#source-3`), optionally with a title. */
const TARGET = String.raw`<?(?<url>https?:\/\/[^\s)>]+|#[\w-]+)>?(?:\s+"[^"]*")?`;
const DATE = `(?<date>${DATE_PATTERN})`;

/** Marker patterns, most specific first, with named groups `url`, `n` and `date`. */
const MARKERS: RegExp[] = [
  // ([source](url)) and ([source](url), 05/07/22)
  new RegExp(String.raw`\(\s*\[source\]\(${TARGET}\)\s*(?:,\s*${DATE})?\s*\)`, "gi"),
  // [(source)](url) and [(source, 05/07/22)](url)
  new RegExp(String.raw`\[\(\s*source\s*(?:,\s*${DATE})?\s*\)\]\(${TARGET}\)`, "gi"),
  // (source) and (source, 05/07/22)
  new RegExp(String.raw`\(\s*source\s*(?:,\s*${DATE})?\s*\)`, "gi"),
  // [\[3\]](#source-3) and [[3, 05/07/22]](url)
  new RegExp(String.raw`\[\\?\[\s*(?<n>\d{1,4})\s*(?:,\s*${DATE})?\s*\\?\]\]\(${TARGET}\)`, "gi"),
  // [3](#source-3)
  new RegExp(String.raw`\[\s*(?<n>\d{1,4})\s*(?:,\s*${DATE})?\s*\]\(${TARGET}\)`, "gi"),
  // [3], \[3\], [3][] and [3, 05/07/22]
  new RegExp(String.raw`\\?\[\s*(?<n>\d{1,4})\s*(?:,\s*${DATE})?\s*\\?\](?:\[\])?`, "gi"),
];

/** A parenthetical date right after a marker: " (05/07/22)". */
const TRAILING_DATE = new RegExp(String.raw`^\s*\(\s*(${DATE_PATTERN})\s*\)`, "i");

/** Finds the citation markers in a text, in order, without overlaps. */
export function findCites(text: string, definitions: LinkDefinitions, order: DateOrder, wordCounter: { next: number }): Cite[] {
  const found: Cite[] = [];
  const taken = (s: number, e: number) => found.some((c) => s < c.end && e > c.start);
  for (const re of MARKERS) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      let end = start + m[0].length;
      if (taken(start, end)) continue;
      const g = m.groups ?? {};
      let written = g.date;
      const after = TRAILING_DATE.exec(text.slice(end));
      if (!written && after) {
        written = after[1];
        end += after[0].length;
      }
      let url = g.url?.startsWith("#") ? undefined : g.url;
      let ref: CiteRef;
      if (g.n !== undefined) {
        const def = definitions.get(g.n);
        if (!url && def) url = def.url;
        ref = { kind: "number", n: Number(g.n), ...(url ? { url } : {}) };
      } else {
        ref = { kind: "word", index: wordCounter.next++, ...(url ? { url } : {}) };
      }
      const iso = written ? parseDate(written, order) : undefined;
      found.push({ ref, start, end, ...(iso ? { date: iso } : written ? { badDate: written } : {}) });
    }
  }
  // Word markers are numbered in reading order.
  found.sort((a, b) => a.start - b.start);
  const words = found.filter((c): c is Cite & { ref: { kind: "word" } } => c.ref.kind === "word");
  const first = words.length > 0 ? Math.min(...words.map((w) => w.ref.index)) : 0;
  words.forEach((w, i) => (w.ref.index = first + i));
  return found;
}
