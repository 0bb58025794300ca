/**
 * The HTML view: the Brief turned into exactly what the templates print. Free text becomes
 * sanitized HTML (SafeString); everything else stays a plain string that Handlebars escapes.
 * Every decision (classes, widths, which band is lit, the print margin boxes' text) is made here, so templates hold no logic
 * beyond `each` and `if`.
 */
import Handlebars from "handlebars";
import type { Brief, BriefJudgment, BriefSource } from "../../brief/types.js";
import { blocksToHtml, inlineToHtml, isAllowedHref } from "./sanitize.js";

type Safe = Handlebars.SafeString;
const safe = (html: string): Safe => new Handlebars.SafeString(html);

/** TLP 2.0 colours (FIRST): label text in colour on black. */
export const TLP_COLOURS: Readonly<Record<string, string>> = {
  CLEAR: "#FFFFFF",
  GREEN: "#33FF00",
  AMBER: "#FFC000",
  "AMBER+STRICT": "#FFC000",
  RED: "#FF2B2B",
};

/** One band of the yardstick graphic, in SVG user units (the bar is {@link BAR_WIDTH} wide). */
export interface YardstickBand {
  x: string;
  width: string;
  label: string;
  className: string;
}

/** Width of the yardstick bar in SVG user units (2 units a millimetre: the graphic prints 64 mm wide). */
export const BAR_WIDTH = 128;

/** The 0–100 % graphic beside a judgment: every band of the scale, the judgment's band lit and labelled. */
export interface YardstickView {
  bands: YardstickBand[];
  /** The lit band's label ("highly likely 80–90 %"), where it is written and how it is anchored. */
  label: string;
  labelX: string;
  labelAnchor: "start" | "middle" | "end";
  /** The pointer under the label, an SVG path. */
  pointer: string;
  /** Name of the scale, printed under the bar between its ends. */
  scaleName: string;
  /** Accessible description, e.g. "highly likely: 80–90 % on the PHIA probability yardstick (0–100 %)". */
  description: string;
}

/** One fact under a judgment's sentence: "Confidence: high". */
export interface FactView {
  className: string;
  label: string;
  value: string;
}

/** A judgment as the templates print it. */
export interface JudgmentView {
  number: number;
  heading: string;
  anchor: string;
  lead: string;
  term: string;
  termLabel: string;
  range: string;
  /** " (80–90 %)" after the term, with `show.ranges: inline`. */
  inlineRange?: string;
  link: string;
  statement: Safe;
  sentence: string;
  /** Confidence and horizon, each with its label, on their own line under the sentence. */
  facts: FactView[];
  evidence: Array<{ content: Safe; note?: Safe; portionMark?: string }>;
  /** The judgment's portion mark, "(OS) [TLP:AMBER]", before its sentence (`show.portionMarks`). */
  portionMark?: string;
  hasEvidence: boolean;
  outcome?: string;
  outcomeNote?: Safe;
  note?: Safe;
  yardstick?: YardstickView;
}

/** A source as the templates print it. */
export interface SourceView {
  number: number;
  anchor: string;
  /** Its title, or "Untitled source, cited in Key Judgment 2". */
  label: string;
  untitled: boolean;
  url?: string;
  publisher?: string;
  date?: string;
  grade?: string;
  gradeText?: string;
  description?: Safe;
  note?: string;
}

/** The marking banner. */
export interface MarkingView {
  classification?: string;
  tlp?: string;
  tlpColour?: string;
  caveats?: string;
  text: string;
}

/** Everything `brief.hbs` receives. */
export interface HtmlView {
  lang: string;
  id: string;
  title: string;
  marking?: MarkingView;
  /** The title block (reference, issued, cut-off, authors), when shown. */
  meta: Brief["meta"];
  showMeta: boolean;
  authors?: string;
  issued?: string;
  cutoff: string;
  cutoffLine: string;
  scaleName: string;
  scaleReference?: string;
  summary: Safe;
  judgments: JudgmentView[];
  sources: SourceView[];
  showSources: boolean;
  changes?: { previous: string; headline: string; items: Safe[] };
  labels: Brief["labels"];
  generator: string;
  keywords: string;
  /** True for standalone HTML: the marking banners are drawn in the page (PDF pages get them from the `@page` margin boxes). */
  screen: boolean;
  css: Safe;
  /** For print: the `@page` margin boxes' content (banner, cut-off line, page numbers), as CSS. */
  pageCss?: Safe;
}

const units = (percent: number): number => (percent / 100) * BAR_WIDTH;

function yardstick(brief: Brief, j: BriefJudgment): YardstickView {
  const bands = brief.scale.terms.map((t, i) => ({
    x: units(t.min).toFixed(2),
    width: Math.max(1.2, units(t.max - t.min)).toFixed(2),
    label: `${t.label} ${t.range}`,
    // Neighbouring bands alternate two greys (ICD 203's bands touch); the judgment's band is lit.
    className: i === j.term.index ? "band band-on" : i % 2 === 0 ? "band band-a" : "band band-b",
  }));
  const mid = units((j.term.min + j.term.max) / 2);
  const label = `${j.term.label} ${j.term.range}`;
  // The label sits over its band, kept inside the graphic at either end.
  const anchor: YardstickView["labelAnchor"] = mid < BAR_WIDTH * 0.25 ? "start" : mid > BAR_WIDTH * 0.75 ? "end" : "middle";
  const labelX = anchor === "start" ? units(j.term.min) : anchor === "end" ? units(j.term.max) : mid;
  const m = Math.min(Math.max(mid, 1.6), BAR_WIDTH - 1.6);
  return {
    bands,
    label,
    labelX: labelX.toFixed(2),
    labelAnchor: anchor,
    pointer: `M${(m - 1.6).toFixed(2)} 8.2 L${(m + 1.6).toFixed(2)} 8.2 L${m.toFixed(2)} 10.4 Z`,
    scaleName: brief.scale.name,
    description: `${j.term.label}: ${j.term.range} on the ${brief.scale.name} (0–100 %)`,
  };
}

function judgmentView(brief: Brief, j: BriefJudgment): JudgmentView {
  const facts: FactView[] = [];
  if (j.confidence) facts.push({ className: "confidence", label: brief.labels.confidence, value: j.confidence.level });
  if (j.horizon) facts.push({ className: "horizon", label: brief.labels.horizon, value: j.horizon.text });
  return {
    number: j.number,
    heading: j.heading,
    anchor: j.anchor,
    lead: j.lead,
    term: j.term.text,
    termLabel: j.term.label,
    range: j.term.range,
    inlineRange: j.inlineRange,
    link: j.link,
    statement: safe(inlineToHtml(j.statement)),
    sentence: j.sentence,
    facts,
    evidence: j.evidence.map((e) => ({ content: safe(inlineToHtml(e.content)), note: e.note ? safe(inlineToHtml(e.note)) : undefined, portionMark: e.portionMark })),
    portionMark: j.portionMark,
    hasEvidence: j.evidence.length > 0,
    outcome: j.outcome?.text,
    outcomeNote: j.outcome?.note ? safe(inlineToHtml(j.outcome.note)) : undefined,
    note: j.note ? safe(inlineToHtml(j.note)) : undefined,
    yardstick: brief.show.yardstick ? yardstick(brief, j) : undefined,
  };
}

function sourceView(s: BriefSource): SourceView {
  return {
    number: s.number,
    anchor: s.anchor,
    label: s.label,
    untitled: s.untitled,
    url: s.url !== undefined && isAllowedHref(s.url) ? s.url : undefined,
    publisher: s.publisher,
    date: s.date?.text,
    grade: s.grade,
    gradeText: s.gradeText,
    description: s.description ? safe(inlineToHtml(s.description)) : undefined,
    note: s.note,
  };
}

/**
 * A CSS string literal that holds any text safely inside a `<style>` element: every character
 * but ASCII letters, digits and spaces is written as a hex escape, so no quote, backslash, `<`
 * or newline of the text can end the string, the rule or the element.
 */
export function cssString(text: string): string {
  let out = "";
  for (const ch of text) out += /^[A-Za-z0-9 ]$/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  return `"${out}"`;
}

/**
 * The content of the print page's margin boxes: the marking banner at the top and bottom centre,
 * the cut-off line bottom left, "Page N of M" bottom right. Their look is in brief.css.
 */
export function pageMarginCss(brief: Brief): string {
  // Two no-break spaces each side pad the text inside its black TLP box.
  const banner = brief.marking ? cssString(`\u00a0\u00a0${brief.marking.text}\u00a0\u00a0`) : undefined;
  const rules = [
    banner ? `@top-center{content:${banner};}` : "",
    `@bottom-left{content:${cssString(brief.cutoffLine)};}`,
    banner ? `@bottom-center{content:${banner};}` : "",
    `@bottom-right{content:${cssString(`${brief.labels.page} `)} counter(page) ${cssString(` ${brief.labels.of} `)} counter(pages);}`,
  ];
  const tlp = brief.marking?.tlp ? TLP_COLOURS[brief.marking.tlp] : undefined;
  // A TLP label is printed in its colour on black (FIRST TLP 2.0); the banner then carries it.
  const colour = tlp ? `@top-center{color:${tlp};background:#000;}@bottom-center{color:${tlp};background:#000;}` : "";
  return `@page{${rules.join("")}${colour}}`;
}

/** Options of the HTML view. */
export interface ViewOptions {
  /** Draw the marking banners in the page (standalone HTML) rather than in the print header/footer. */
  screen: boolean;
  /** The stylesheet (fonts and brief.css), inserted as is. */
  css: string;
  lang?: string;
}

/** Builds the view the templates print from a Brief. */
export function toHtmlView(brief: Brief, options: ViewOptions): HtmlView {
  const m = brief.marking;
  const marking: MarkingView | undefined = m
    ? {
        classification: m.classification,
        tlp: m.tlp ? `TLP:${m.tlp}` : undefined,
        tlpColour: m.tlp ? TLP_COLOURS[m.tlp] : undefined,
        caveats: m.caveats.length > 0 ? m.caveats.join(" · ") : undefined,
        text: m.text,
      }
    : undefined;
  return {
    lang: options.lang ?? "en",
    id: brief.id,
    title: brief.title,
    marking,
    meta: brief.meta,
    showMeta: brief.show.meta,
    authors: brief.authors.length > 0 ? brief.authors.join(", ") : undefined,
    issued: brief.issued?.text,
    cutoff: brief.cutoff.text,
    cutoffLine: brief.cutoffLine,
    scaleName: brief.scale.name,
    scaleReference: brief.scale.reference,
    summary: safe(blocksToHtml(brief.summary)),
    judgments: brief.judgments.map((j) => judgmentView(brief, j)),
    sources: brief.sources.map(sourceView),
    showSources: brief.showSources && brief.sources.length > 0,
    changes: brief.changes
      ? { previous: brief.changes.previous, headline: brief.changes.headline, items: brief.changes.items.map((i) => safe(inlineToHtml(i))) }
      : undefined,
    labels: brief.labels,
    generator: brief.generator,
    keywords: brief.keywords.join(", "),
    screen: options.screen,
    css: safe(options.css),
    pageCss: options.screen ? undefined : safe(pageMarginCss(brief)),
  };
}
