/**
 * What an import must give back, as comparable data: per judgment the term (by its band), the
 * statement and each evidence item as a reader sees them (Markdown removed, citations as "[@]"),
 * whether the item is sourced, and its date. Ids are left out: an import makes its own.
 */
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { Assessment } from "../../src/schema/assessment.js";
import { horizonDate } from "../../src/schema/dates.js";
import { BUILT_IN_SCALES, resolveTerm } from "../../src/schema/scales.js";

/** Free text as a reader sees it: Markdown syntax removed, `[@id]` citations as "[@]", spaces folded. */
export function readerText(markdown: string): string {
  const cites = markdown.replace(/\[@[a-z0-9-]+\]/g, "[@]");
  const tree = unified().use(remarkParse).parse(cites) as Root;
  return toString(tree).replace(/\s+/g, " ").trim();
}

/** The comparable content of an assessment's judgments. */
export function judgmentFacts(a: Assessment) {
  const scale = BUILT_IN_SCALES[a.scale]!;
  return a.judgments.map((j) => ({
    term: resolveTerm(scale, j.likelihood)?.term.id ?? `?${j.likelihood}`,
    statement: readerText(j.statement),
    confidence: j.confidence,
    horizon: j.horizon === undefined ? undefined : horizonDate(j.horizon, a.cutoff),
    evidence: j.evidence.map((e) =>
      typeof e === "string" ? { text: readerText(e), sourced: false } : { text: readerText(e.text), sourced: e.source !== undefined, ...(e.date ? { date: e.date } : {}) },
    ),
  }));
}
