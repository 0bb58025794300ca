/**
 * The one place that reads the view model (`Brief`) for the Word brief: title block, changes,
 * Summary, Key Judgment N, Sources, cut-off line, the banner and footer, document properties.
 * Everything else in `src/render/docx/` works on docx objects and bytes only.
 */
import { Bookmark, PageNumber, Paragraph, HeadingLevel, TabStopType, TextRun, Tab, type ParagraphChild, type FileChild } from "docx";
import type { PhrasingContent } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Brief, BriefJudgment, BriefMarking, BriefSource } from "../../brief/types.js";
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

function titleBlock(brief: Brief): Paragraph[] {
  const out = [new Paragraph({ heading: HeadingLevel.TITLE, children: [run(brief.title)] })];
  const facts: ParagraphChild[] = [...metaLine("Reference", [run(brief.id)])];
  if (brief.issued) facts.push(run("   "), ...metaLine("Issued", [run(brief.issued.text)]));
  facts.push(run("   "), ...metaLine("Cut-off", [run(brief.cutoff.text)]));
  out.push(new Paragraph({ style: STYLE.meta, children: facts }));
  if (brief.authors.length > 0) out.push(new Paragraph({ style: STYLE.meta, children: metaLine("Authors", [run(brief.authors.join(", "))]) }));
  if (brief.marking) out.push(new Paragraph({ style: STYLE.meta, children: metaLine("Marking", bannerRuns(brief.marking)) }));
  return out;
}

/** The url a citation carries inside this module: an internal anchor no analyst link can have (those are http(s) only). */
const CITE_PREFIX = "#";

type Counter = { at: number };

function citeWalk(nodes: readonly PhrasingContent[], label: string, numbers: readonly number[], counter: Counter, count: boolean): PhrasingContent[] {
  const marker = `(${label})`;
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    if (node.type === "text") {
      const parts = node.value.split(marker);
      parts.forEach((part, i) => {
        if (i > 0) {
          const n = numbers[counter.at++];
          if (!count) out.push({ type: "text", value: "(" }, { type: "link", url: `${CITE_PREFIX}${n}`, children: [{ type: "text", value: label }] }, { type: "text", value: ")" });
        }
        if (part && !count) out.push({ type: "text", value: part });
      });
    } else if (node.type === "link" && toString(node) === label) {
      const n = numbers[counter.at++];
      if (!count) out.push({ type: "link", url: `${CITE_PREFIX}${n}`, children: [{ type: "text", value: label }] });
    } else if (node.type === "strong" || node.type === "emphasis" || node.type === "delete") {
      const children = citeWalk(node.children, label, numbers, counter, count);
      if (!count) out.push({ ...node, children });
    } else if (!count) out.push(node);
  }
  return out;
}

/**
 * The evidence content with each citation "(source)" made a link to its source's entry in the
 * Sources list. The view model renders citations as text (or as a link to the source's URL) and
 * lists the cited sources' numbers in order; when the two counts agree they are paired in order.
 */
export function linkCitations(content: readonly PhrasingContent[], numbers: readonly number[], label: string): PhrasingContent[] {
  const probe: Counter = { at: 0 };
  citeWalk(content, label, numbers, probe, true);
  if (probe.at !== numbers.length || numbers.length === 0) return [...content];
  return citeWalk(content, label, numbers, { at: 0 }, false);
}

/** Links: a citation goes to its entry in the Sources list (a bookmark), other links to their http(s) URL. */
function linkResolver(brief: Brief): ConvertContext["link"] {
  const byNumber = new Map(brief.sources.map((s) => [`${CITE_PREFIX}${s.number}`, s]));
  return (url: string): LinkTarget | undefined => {
    if (url.startsWith(CITE_PREFIX)) {
      const source = byNumber.get(url);
      return source ? { anchor: sourceBookmark(source) } : undefined;
    }
    return webLink(url);
  };
}

function judgment(j: BriefJudgment, brief: Brief, ctx: ConvertContext): Paragraph[] {
  const out = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new Bookmark({ id: judgmentBookmark(j), children: [run(j.heading)] })] })];
  const sentence: ParagraphChild[] = [];
  if (j.lead) sentence.push(run(j.lead));
  sentence.push(run(j.term.text, STYLE.term));
  sentence.push(run(j.link), ...phrasing(j.statement, ctx));
  out.push(new Paragraph({ style: STYLE.sentence, children: sentence }));
  const meta = [`${j.term.label} · ${j.term.range}`];
  if (j.confidence) meta.push(j.confidence.text);
  if (j.horizon) meta.push(`${brief.labels.horizon}: ${j.horizon.text}`);
  out.push(new Paragraph({ style: STYLE.judgmentMeta, children: [run(meta.join("  ·  "))] }));
  if (j.note) out.push(new Paragraph({ style: STYLE.note, children: [run(`${brief.labels.note}: `), ...phrasing(j.note, ctx)] }));
  for (const e of j.evidence) {
    const children = phrasing(brief.showSources ? linkCitations(e.content, e.sources, brief.labels.source) : e.content, ctx);
    if (e.date) children.push(run(" "), run(`(${e.date.text})`, STYLE.evidenceDate));
    out.push(new Paragraph({ style: STYLE.evidence, numbering: { reference: NUMBERING.evidence, level: 0 }, children }));
  }
  if (j.outcome) {
    const children: ParagraphChild[] = [run(`${brief.labels.outcome}: ${j.outcome.text}`)];
    if (j.outcome.note) children.push(run(": "), ...phrasing(j.outcome.note, ctx));
    out.push(new Paragraph({ style: STYLE.outcome, children }));
  }
  return out;
}

function sourceEntry(s: BriefSource): Paragraph {
  const title = s.title ?? s.id;
  const children: ParagraphChild[] = [];
  const link = s.url ? webLink(s.url) : undefined;
  const titleRuns = link && "url" in link ? phrasing([{ type: "link", url: link.url, children: [{ type: "text", value: title }] }], { link: webLink, nextListInstance: () => 0 }) : [run(title)];
  children.push(new Bookmark({ id: sourceBookmark(s), children: titleRuns }));
  if (s.publisher) children.push(run(`, ${s.publisher}`));
  if (s.date) children.push(run(`, ${s.date.text}`));
  if (s.grade) {
    children.push(run(" "), run(s.grade, STYLE.grade));
    if (s.gradeText) children.push(run(` (${s.gradeText})`));
  }
  if (s.note) children.push(run(` — ${s.note}`));
  return new Paragraph({ style: STYLE.source, numbering: { reference: NUMBERING.sources, level: 0 }, children });
}

/** The footer: cut-off line and "Page N of M" (PAGE and NUMPAGES fields), then the banner. */
function footer(brief: Brief, textWidthTwips: number): Paragraph[] {
  const out = [
    new Paragraph({
      style: STYLE.footer,
      // The one paragraph-level setting: the right tab at the text width, which depends on the page size.
      tabStops: [{ type: TabStopType.RIGHT, position: textWidthTwips }],
      children: [run(brief.cutoffLine), new TextRun({ children: [new Tab(), "Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES] })],
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
    for (const s of brief.sources) body.push(sourceEntry(s));
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
