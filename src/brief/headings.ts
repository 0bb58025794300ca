/**
 * What a printed brief's navigation says: its headings in document order (title, the changes
 * section, Summary, each Key Judgment, Sources), and the alternate text of its links.
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

/**
 * Alternate text of the brief's links, by target: "#source-3" (a named destination) or a URL →
 * "Source 3: Web report". Assistive technology reads it where a link says only "[3]".
 */
export function linkDescriptions(brief: Brief): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of brief.sources) {
    const text = `${brief.labels.sourceEntry} ${s.number}: ${s.label}`;
    out[`#${s.anchor}`] = text;
    if (s.url !== undefined && out[s.url] === undefined) out[s.url] = text;
  }
  return out;
}
