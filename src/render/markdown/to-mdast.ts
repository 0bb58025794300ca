/**
 * The brief as an mdast tree, in the house style of the short seed brief:
 * title, marking banner, Summary, Key Judgment N (sentence, confidence, horizon, evidence
 * bullets, note, outcome), changes, Sources, "Intelligence cut off dd/mm/yy".
 */
import type { BlockContent, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import type { Brief, BriefJudgment, BriefSource } from "../../brief/types.js";
import { mergeTexts } from "../../brief/inline-markdown.js";

/** A paragraph; adjacent text nodes are joined so the stringifier escapes them as one run. */
function paragraph(children: PhrasingContent[]): Paragraph {
  return { type: "paragraph", children: mergeTexts(children.map((n) => (n.type === "text" ? { ...n } : n))) };
}

function text(value: string): PhrasingContent {
  return { type: "text", value };
}

function bulletList(items: PhrasingContent[][]): List {
  return { type: "list", ordered: false, spread: false, children: items.map((c): ListItem => ({ type: "listItem", spread: false, children: [paragraph(c)] })) };
}

/** The sentence with the term in bold: "It is **highly likely** that …". */
export function sentenceNodes(j: BriefJudgment): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  if (j.lead) out.push(text(j.lead));
  out.push({ type: "strong", children: [text(j.term.text)] });
  out.push(text(j.link), ...j.statement);
  // Join adjacent text nodes so the stringifier sees one run of text.
  const merged: PhrasingContent[] = [];
  for (const n of out) {
    const prev = merged[merged.length - 1];
    if (n.type === "text" && prev?.type === "text") merged[merged.length - 1] = text(prev.value + n.value);
    else merged.push(n);
  }
  return merged;
}

function judgmentNodes(j: BriefJudgment, brief: Brief): RootContent[] {
  const out: RootContent[] = [{ type: "heading", depth: 2, children: [text(j.heading)] }, paragraph(sentenceNodes(j))];
  if (j.confidence) out.push(paragraph([text(j.confidence.text)]));
  if (j.horizon) out.push(paragraph([text(`${brief.labels.horizon}: ${j.horizon.text}.`)]));
  if (j.evidence.length > 0) out.push(bulletList(j.evidence.map((e) => e.content)));
  if (j.note) out.push(paragraph([{ type: "emphasis", children: [text(`${brief.labels.note}:`)] }, text(" "), ...j.note]));
  if (j.outcome) {
    const children: PhrasingContent[] = [text(`${brief.labels.outcome}: ${j.outcome.text}.`)];
    if (j.outcome.note) children.push(text(" "), ...j.outcome.note);
    out.push(paragraph(children));
  }
  return out;
}

/** One line of the Sources list: "Title. Publisher, 05/03/22. B2 — usually reliable; probably true. <url>". */
export function sourceLine(s: BriefSource): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const title = s.title ?? s.id;
  out.push(s.url ? { type: "link", url: s.url, title: null, children: [text(title)] } : text(title));
  const where = [s.publisher, s.date?.text].filter((p): p is string => Boolean(p)).join(", ");
  const tail: string[] = [];
  if (where) tail.push(where);
  if (s.grade) tail.push(s.gradeText ? `${s.grade} — ${s.gradeText}` : s.grade);
  if (tail.length > 0) out.push(text(`${/[.!?]$/.test(title) ? "" : "."} ${tail.join(". ")}.`));
  else if (!/[.!?]$/.test(title)) out.push(text("."));
  if (s.url && s.title) out.push(text(" "), { type: "link", url: s.url, title: null, children: [text(s.url)] });
  return out;
}

/** Builds the mdast of a brief. */
export function briefToMdast(brief: Brief): Root {
  const children: RootContent[] = [{ type: "heading", depth: 1, children: [text(brief.title)] }];
  if (brief.marking) children.push(paragraph([{ type: "strong", children: [text(brief.marking.text)] }]));
  children.push({ type: "heading", depth: 2, children: [text(brief.labels.summary)] });
  children.push(...(brief.summary as BlockContent[]));
  for (const j of brief.judgments) children.push(...judgmentNodes(j, brief));
  if (brief.changes) {
    children.push({ type: "heading", depth: 2, children: [text(brief.labels.changes)] });
    children.push(paragraph([text(brief.changes.headline)]));
    if (brief.changes.items.length > 0) children.push(bulletList(brief.changes.items));
  }
  if (brief.showSources) {
    children.push({ type: "heading", depth: 2, children: [text(brief.labels.sources)] });
    children.push({
      type: "list",
      ordered: true,
      start: 1,
      spread: false,
      children: brief.sources.map((s): ListItem => ({ type: "listItem", spread: false, children: [paragraph(sourceLine(s))] })),
    });
  }
  children.push(paragraph([text(brief.cutoffLine)]));
  return { type: "root", children };
}
