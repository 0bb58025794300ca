/**
 * The headings of a brief in document order, as every renderer prints them: title, Summary, the
 * changes section, each Key Judgment, Sources.
 */
import type { Brief } from "./types.js";

/** Headings of the brief, in order. */
export function briefHeadings(brief: Brief): string[] {
  const out = [brief.title];
  if (brief.changes) out.push(brief.labels.changes);
  out.push(brief.labels.summary, ...brief.judgments.map((j) => j.heading));
  if (brief.showSources) out.push(brief.labels.sources);
  return out;
}
