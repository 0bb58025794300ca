/**
 * The brief's "Changes since the previous edition" section, drawn from the same change report
 * as `yardstick diff`: a headline and one short inline item per change.
 */
import type { PhrasingContent } from "mdast";
import type { BriefChanges } from "../brief/types.js";
import type { ChangeReport, JudgmentChange } from "./types.js";
import { confidenceText, likelihoodText, outcomeText, probabilityText, valueText } from "./format/describe.js";
import { strong, text, wordDiffNodes } from "./format/mdast.js";

function joinParts(parts: PhrasingContent[][]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(text("; "));
    out.push(...p);
  });
  return out;
}

function judgmentItem(j: JudgmentChange): PhrasingContent[] | undefined {
  if (j.kind === "unchanged") return undefined;
  if (j.kind === "added") return [strong(`Key Judgment ${j.new.number}`), text(` is new: ${j.new.sentence}`)];
  if (j.kind === "removed") return [strong("Withdrawn"), text(` (was Key Judgment ${j.old.number}): ${j.old.sentence}`)];
  const parts: PhrasingContent[][] = [];
  if (j.likelihood) parts.push([text(likelihoodText(j.likelihood))]);
  if (j.probability) parts.push([text(`probability ${probabilityText(j.probability)}`)]);
  if (j.confidence) parts.push([text(`confidence ${confidenceText(j.confidence)}`)]);
  if (j.statement) parts.push([text("reworded: "), ...wordDiffNodes(j.statement.words)]);
  if (j.horizon) parts.push([text(`horizon ${valueText(j.horizon)}`)]);
  if (j.outcome) parts.push([text(outcomeText(j.outcome))]);
  const added = j.evidence.filter((e) => e.kind === "added").length;
  const removed = j.evidence.filter((e) => e.kind === "removed").length;
  const revised = j.evidence.length - added - removed;
  const ev: string[] = [];
  if (added > 0) ev.push(`${added} added`);
  if (removed > 0) ev.push(`${removed} removed`);
  if (revised > 0) ev.push(`${revised} revised`);
  if (ev.length > 0) parts.push([text(`evidence: ${ev.join(", ")}`)]);
  if (j.note) parts.push([text("note revised")]);
  const numbering = j.old.number === j.new.number ? `Key Judgment ${j.new.number}` : `Key Judgment ${j.new.number} (was ${j.old.number})`;
  return parts.length > 0 ? [strong(numbering), text(": "), ...joinParts(parts)] : [strong(numbering), text(": moved")];
}

/**
 * The changes section of a brief from a report comparing the previous edition (old) with this
 * one (new). `previous` names the previous edition (its id, or the path written in `supersedes`);
 * `cutoffWord` is how the brief spells "cut-off" (its `cutoffDate` label, lower case).
 */
export function changesSection(report: ChangeReport, previous: string = report.old.id, cutoffWord = "cut-off"): BriefChanges {
  const items: PhrasingContent[][] = [];
  for (const j of report.judgments) {
    const item = judgmentItem(j);
    if (item) items.push(item);
  }
  if (report.cutoff) items.push([text(`Intelligence ${cutoffWord} moved from ${report.cutoff.oldText ?? "none"} to ${report.cutoff.newText ?? "none"}`)]);
  if (report.scale) items.push([text(`Probability yardstick changed: ${valueText(report.scale)}`)]);
  if (report.marking) items.push([text(`Marking changed: ${report.marking.old.text} → ${report.marking.new.text}`)]);
  const c = report.counts;
  const src: string[] = [];
  if (c.sourcesAdded > 0) src.push(`${c.sourcesAdded} added`);
  if (c.sourcesRemoved > 0) src.push(`${c.sourcesRemoved} removed`);
  const regraded = report.sources.filter((s) => s.kind === "changed" && s.grade).length;
  if (regraded > 0) src.push(`${regraded} regraded`);
  const otherwise = c.sourcesChanged - regraded;
  if (otherwise > 0) src.push(`${otherwise} revised`);
  if (src.length > 0) items.push([text(`Sources: ${src.join(", ")}`)]);
  if (report.summary) items.push([text("Summary revised")]);
  if (report.title) items.push([text(`Retitled from “${report.title.old ?? ""}”`)]);
  // The diff's headline says "cutoff"; the brief spells it as its labels do.
  const head = report.changed ? report.headline.replace(/(^|; )cutoff /, `$1${cutoffWord} `) : "no changes to the judgments";
  return { previous, headline: head.charAt(0).toUpperCase() + head.slice(1), items };
}
