/**
 * The brief as an mdast tree, in the house style of the short seed brief: title, marking banner,
 * title block (reference, issued, cut-off, authors), Summary, Key Judgment N (sentence,
 * likelihood, confidence, horizon, evidence bullets each ending in one citation such as
 * "[3, 05/07/22]", note and outcome when shown), changes, numbered Sources (each entry with an
 * anchor the citations link to), "Intelligence cut-off dd/mm/yy". The Markdown carries the
 * same facts as the PDF.
 */
import type { BlockContent, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import type { Brief, BriefJudgment, BriefSource } from "../../brief/types.js";
import { toString } from "mdast-util-to-string";
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
  out.push(text(`${j.inlineRange ?? ""}${j.link}`), ...j.statement);
  // Join adjacent text nodes so the stringifier sees one run of text.
  const merged: PhrasingContent[] = [];
  for (const n of out) {
    const prev = merged[merged.length - 1];
    if (n.type === "text" && prev?.type === "text") merged[merged.length - 1] = text(prev.value + n.value);
    else merged.push(n);
  }
  return merged;
}

/** A portion mark and a space before a portion's text, "(OS) [TLP:AMBER] ", or nothing. */
function portionMarkNodes(mark: string | undefined): PhrasingContent[] {
  return mark === undefined ? [] : [text(`${mark} `)];
}

function judgmentNodes(j: BriefJudgment, brief: Brief): RootContent[] {
  const out: RootContent[] = [{ type: "heading", depth: 2, children: [text(j.heading)] }, paragraph([...portionMarkNodes(j.portionMark), ...sentenceNodes(j)])];
  // Likelihood, confidence and horizon: one short sentence each, in one paragraph under the sentence.
  const facts: string[] = [];
  if (brief.show.yardstick) facts.push(likelihoodLine(j, brief));
  if (j.confidence) facts.push(j.confidence.text);
  if (j.horizon) facts.push(`${brief.labels.horizon}: ${j.horizon.text}.`);
  if (facts.length > 0) out.push(paragraph([text(facts.join(" "))]));
  if (j.evidence.length > 0) {
    out.push(
      bulletList(
        j.evidence.map((e) => {
          const item = [...portionMarkNodes(e.portionMark), ...e.content];
          return e.note ? [...item, text(" "), { type: "emphasis", children: [text(`${brief.labels.note}:`)] }, text(" "), ...e.note] : item;
        }),
      ),
    );
  }
  if (j.note) out.push(paragraph([{ type: "emphasis", children: [text(`${brief.labels.note}:`)] }, text(" "), ...j.note]));
  if (j.outcome) {
    const children: PhrasingContent[] = [text(`${brief.labels.outcome}: ${j.outcome.text}.`)];
    if (j.outcome.note) children.push(text(" "), ...j.outcome.note);
    out.push(paragraph(children));
  }
  return out;
}

/** "Likelihood: highly likely, 80–90 % (PHIA probability yardstick)." — the graphic of the PDF in words. */
export function likelihoodLine(j: BriefJudgment, brief: Brief): string {
  return `${brief.labels.likelihood}: ${j.term.label}, ${j.term.range} (${brief.scale.name}).`;
}

/** The title block: "**Reference:** isk-2022-07 · **Issued:** 12/07/22 · **Cut-off:** 09/07/22", authors on a line of their own. */
export function metaNodes(brief: Brief): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  brief.meta.forEach((m, i) => {
    if (i > 0) out.push(m.key === "authors" ? { type: "break" } : text(" · "));
    out.push({ type: "strong", children: [text(`${m.label}:`)] }, text(` ${m.value}`));
  });
  return out;
}

const endsSentence = (s: string): boolean => /[.!?…]["'”’)\]]*$/.test(s);

/**
 * One entry of the Sources list, with the anchor its citations link to: "Title. Publisher,
 * 05/03/22. B2 — usually reliable; probably true. Description. <url>". A source without a title
 * reads "Untitled source" and whatever else is known of it.
 */
export function sourceLine(s: BriefSource): PhrasingContent[] {
  const out: PhrasingContent[] = [{ type: "html", value: `<a id="${s.anchor}"></a>` }];
  out.push(s.url && !s.untitled ? { type: "link", url: s.url, title: null, children: [text(s.label)] } : text(s.label));
  const where = [s.publisher, s.date?.text].filter((p): p is string => Boolean(p)).join(", ");
  const tail: string[] = [];
  if (where) tail.push(where);
  if (s.grade) tail.push(s.gradeText ? `${s.grade} — ${s.gradeText}` : s.grade);
  out.push(text(`${endsSentence(s.label) ? "" : "."}${tail.length > 0 ? ` ${tail.join(". ")}.` : ""}`));
  if (s.description) {
    const d = mergeTexts([text(" "), ...s.description]);
    out.push(...d);
    if (!endsSentence(toString(s.description).trim())) out.push(text("."));
  }
  if (s.note) out.push(text(" "), { type: "emphasis", children: [text("Note:")] }, text(` ${s.note}`));
  if (s.url) out.push(text(" "), { type: "link", url: s.url, title: null, children: [text(s.url)] });
  return mergeTexts(out);
}

/** Builds the mdast of a brief. */
export function briefToMdast(brief: Brief): Root {
  const children: RootContent[] = [{ type: "heading", depth: 1, children: [text(brief.title)] }];
  if (brief.marking) children.push(paragraph([{ type: "strong", children: [text(brief.marking.text)] }]));
  if (brief.show.meta) children.push(paragraph(metaNodes(brief)));
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
