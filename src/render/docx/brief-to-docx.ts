/**
 * The one place that reads the view model (`Brief`) for the Word brief: title block, changes,
 * Summary, Key Judgment N, Sources, cut-off line, the banner and footer, document properties.
 * Everything else in `src/render/docx/` works on docx objects and bytes only.
 */
import { Bookmark, PageNumber, Paragraph, HeadingLevel, TabStopType, TextRun, Tab, type ParagraphChild, type FileChild } from "docx";
import type { PhrasingContent } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Brief, BriefJudgment, BriefMarking, BriefSource } from "../../brief/types.js";
import { CONFIDENCE_WORDS } from "../../brief/labels.js";
import { blocks, phrasing, run, webLink, type ConvertContext, type LinkTarget } from "./markdown.js";
import { NUMBERING, STYLE, tlpStyle } from "./styles.js";
import { xmlSafe } from "./text.js";

/** What the document is made of, before it is packed. */
export interface DocxContent {
  body: FileChild[];
  /** Header paragraphs (the marking banner), or none. */
  header: Paragraph[];
  footer: Paragraph[];
  properties: DocxProperties;
}

/** Core document properties (docProps/core.xml). */
export interface DocxProperties {
  title: string;
  creator: string;
  subject: string;
  keywords: string;
  description: string;
  lastModifiedBy: string;
}

/** Bookmark name of a source in the Sources list (Word: letters, digits, `_`, at most 40). */
export function sourceBookmark(s: BriefSource): string {
  return `source_${s.number}`;
}

/** Bookmark name of a key judgment's heading. */
export function judgmentBookmark(j: BriefJudgment): string {
  return `kj_${j.number}`;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The banner: classification and caveats in capitals, the TLP label in its colour on black. */
function bannerRuns(m: BriefMarking): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  if (m.classification) out.push(run(m.classification, STYLE.classification));
  if (m.tlp) {
    if (out.length > 0) out.push(run(" "));
    out.push(run(` TLP:${m.tlp} `, tlpStyle(m.tlp)));
  }
  if (m.caveats.length > 0) out.push(run(` ${m.caveats.join(" · ")}`, STYLE.classification));
  return out;
}

function metaLine(label: string, value: ParagraphChild[]): ParagraphChild[] {
  return [run(`${label}: `, STYLE.label), ...value];
}

/** The title and, with `show.meta`, the title block: reference, issued, cut-off on one line, authors and marking below. */
function titleBlock(brief: Brief): Paragraph[] {
  const out = [new Paragraph({ heading: HeadingLevel.TITLE, children: [run(brief.title)] })];
  if (!brief.show.meta) return out;
  const facts: ParagraphChild[] = [];
  for (const m of brief.meta.filter((item) => item.key !== "authors")) {
    if (facts.length > 0) facts.push(run("   "));
    facts.push(...metaLine(m.label, [run(m.value)]));
  }
  out.push(new Paragraph({ style: STYLE.meta, children: facts }));
  const authors = brief.meta.find((item) => item.key === "authors");
  if (authors) out.push(new Paragraph({ style: STYLE.meta, children: metaLine(authors.label, [run(authors.value)]) }));
  if (brief.marking) out.push(new Paragraph({ style: STYLE.meta, children: metaLine(brief.labels.marking, bannerRuns(brief.marking)) }));
  return out;
}

/**
 * Links: the view model's citations go to "#source-3" (its Sources entry: here a bookmark) or,
 * in the word style, to the source's URL; other links only to their http(s) URL.
 */
function linkResolver(brief: Brief): ConvertContext["link"] {
  const byAnchor = new Map(brief.sources.map((s) => [`#${s.anchor}`, s]));
  return (url: string): LinkTarget | undefined => {
    if (url.startsWith("#")) {
      const source = byAnchor.get(url);
      return source ? { anchor: sourceBookmark(source) } : undefined;
    }
    return webLink(url);
  };
}

/** One labelled fact under a sentence: "Confidence: moderate." */
function fact(label: string, value: string): ParagraphChild[] {
  return [run(`${label}: `, STYLE.label), run(value)];
}

/** Likelihood (the yardstick graphic of the PDF in words, with `show.yardstick`), confidence and horizon. */
function judgmentFacts(j: BriefJudgment, brief: Brief): ParagraphChild[] {
  const facts: ParagraphChild[][] = [];
  if (brief.show.yardstick) facts.push(fact(brief.labels.likelihood, `${j.term.label}, ${j.term.range} (${brief.scale.name}).`));
  if (j.confidence) facts.push(fact(brief.labels.confidence, `${CONFIDENCE_WORDS[j.confidence.level]}.`));
  if (j.horizon) facts.push(fact(brief.labels.horizon, `${j.horizon.text}.`));
  return facts.flatMap((f, i) => (i > 0 ? [run("   "), ...f] : f));
}

/** A note (shown only with `show.notes`: the view model holds none otherwise), in the Emphasis style. */
function noteRuns(note: readonly PhrasingContent[], brief: Brief, ctx: ConvertContext): ParagraphChild[] {
  return [run(`${brief.labels.note}: `, STYLE.emphasis), ...phrasing(note, ctx, ["emphasis"])];
}

/** A portion mark, "(OS) [TLP:AMBER]", and a space before a portion's text (`show.portionMarks`), or nothing. */
function portionMarkRuns(mark: string | undefined): ParagraphChild[] {
  return mark === undefined ? [] : [run(mark, STYLE.portionMark), run(" ")];
}

function judgment(j: BriefJudgment, brief: Brief, ctx: ConvertContext): Paragraph[] {
  const out = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new Bookmark({ id: judgmentBookmark(j), children: [run(j.heading)] })] })];
  const sentence: ParagraphChild[] = portionMarkRuns(j.portionMark);
  if (j.lead) sentence.push(run(j.lead));
  sentence.push(run(j.term.text, STYLE.term));
  if (j.inlineRange) sentence.push(run(j.inlineRange));
  sentence.push(run(j.link), ...phrasing(j.statement, ctx));
  out.push(new Paragraph({ style: STYLE.sentence, children: sentence }));
  const facts = judgmentFacts(j, brief);
  if (facts.length > 0) out.push(new Paragraph({ style: STYLE.judgmentMeta, children: facts }));
  if (j.note) out.push(new Paragraph({ style: STYLE.note, children: [run(`${brief.labels.note}: `), ...phrasing(j.note, ctx)] }));
  for (const e of j.evidence) {
    // The content already carries its citations ("[3, 05/07/22]", linked) and an unsourced item's date.
    const children = [...portionMarkRuns(e.portionMark), ...phrasing(e.content, ctx)];
    if (e.note) children.push(run(" "), ...noteRuns(e.note, brief, ctx));
    out.push(new Paragraph({ style: STYLE.evidence, numbering: { reference: NUMBERING.evidence, level: 0 }, children }));
  }
  if (j.outcome) {
    const children: ParagraphChild[] = [run(`${brief.labels.outcome}: ${j.outcome.text}`)];
    if (j.outcome.note) children.push(run(": "), ...phrasing(j.outcome.note, ctx));
    out.push(new Paragraph({ style: STYLE.outcome, children }));
  }
  return out;
}

/** A web link with its own text, or the text alone when the URL is not http(s). */
function webRuns(url: string | undefined, text: string): ParagraphChild[] {
  const link = url ? webLink(url) : undefined;
  if (!link || !("url" in link)) return [run(text)];
  return phrasing([{ type: "link", url: link.url, children: [{ type: "text", value: text }] }], { link: webLink, nextListInstance: () => 0 });
}

/**
 * One entry of the Sources list, as the PDF prints it: "Title, Publisher, 05/03/22 B2 (usually
 * reliable; probably true). Description. <url>"; the title (or "Untitled source, cited in Key
 * Judgment 2") is the bookmark the citations link to.
 */
function sourceEntry(s: BriefSource, brief: Brief, ctx: ConvertContext): Paragraph {
  const children: ParagraphChild[] = [new Bookmark({ id: sourceBookmark(s), children: s.untitled ? [run(s.label)] : webRuns(s.url, s.label) })];
  if (s.publisher) children.push(run(`, ${s.publisher}`));
  if (s.date) children.push(run(`, ${s.date.text}`));
  if (s.grade) {
    children.push(run(" "), run(s.grade, STYLE.grade));
    if (s.gradeText) children.push(run(` (${s.gradeText})`));
  }
  if (s.description) children.push(run(". "), ...phrasing(s.description, ctx));
  if (s.note) children.push(run(" "), ...noteRuns([{ type: "text", value: s.note }], brief, ctx));
  if (s.url && webLink(s.url)) children.push(run(" "), ...webRuns(s.url, s.url.trim()));
  return new Paragraph({ style: STYLE.source, numbering: { reference: NUMBERING.sources, level: 0 }, children });
}

/** The footer: cut-off line and "Page N of M" (PAGE and NUMPAGES fields), then the banner. */
function footer(brief: Brief, textWidthTwips: number): Paragraph[] {
  const out = [
    new Paragraph({
      style: STYLE.footer,
      // The one paragraph-level setting: the right tab at the text width, which depends on the page size.
      tabStops: [{ type: TabStopType.RIGHT, position: textWidthTwips }],
      children: [run(brief.cutoffLine), new TextRun({ children: [new Tab(), xmlSafe(`${brief.labels.page} `), PageNumber.CURRENT, xmlSafe(` ${brief.labels.of} `), PageNumber.TOTAL_PAGES] })],
    }),
  ];
  if (brief.marking) out.push(new Paragraph({ style: STYLE.banner, children: bannerRuns(brief.marking) }));
  return out;
}

/** Maps a brief to the document's content. */
export function briefToDocx(brief: Brief, layout: { textWidthTwips: number }): DocxContent {
  let instances = 0;
  const ctx: ConvertContext = { link: linkResolver(brief), nextListInstance: () => ++instances };
  const body: Paragraph[] = [...titleBlock(brief)];
  if (brief.changes) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(brief.labels.changes)] }));
    body.push(new Paragraph({ style: STYLE.changesHeadline, children: [run(brief.changes.headline)] }));
    for (const item of brief.changes.items) body.push(new Paragraph({ style: STYLE.change, numbering: { reference: NUMBERING.bullets, level: 0 }, children: phrasing(item, ctx) }));
  }
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(brief.labels.summary)] }));
  body.push(...blocks(brief.summary, ctx));
  for (const j of brief.judgments) body.push(...judgment(j, brief, ctx));
  if (brief.showSources) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(brief.labels.sources)] }));
    for (const s of brief.sources) body.push(sourceEntry(s, brief, ctx));
  }
  body.push(new Paragraph({ style: STYLE.cutoff, children: [run(brief.cutoffLine)] }));
  const summaryText = brief.summary.map((b) => toString(b)).join(" ");
  return {
    body,
    header: brief.marking ? [new Paragraph({ style: STYLE.banner, children: bannerRuns(brief.marking) })] : [],
    footer: footer(brief, layout.textWidthTwips),
    properties: {
      title: xmlSafe(brief.title),
      creator: xmlSafe(brief.authors.join("; ")),
      subject: xmlSafe(clip(brief.judgments.map((j) => j.sentence).join(" "), 500)),
      keywords: xmlSafe([brief.id, ...brief.keywords].join(", ")),
      description: xmlSafe(clip(summaryText, 1000)),
      lastModifiedBy: xmlSafe(brief.generator),
    },
  };
}
