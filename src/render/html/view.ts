/**
 * The HTML view: the Brief turned into exactly what the templates print. Free text becomes
 * sanitized HTML (SafeString); everything else stays a plain string that Handlebars escapes.
 * Every decision (classes, widths, which band is lit) is made here, so templates hold no logic
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

/** One band of the yardstick graphic, in SVG user units (0–100 wide). */
export interface YardstickBand {
  x: string;
  width: string;
  label: string;
  className: string;
}

/** The small 0–100 % graphic beside a judgment. */
export interface YardstickView {
  bands: YardstickBand[];
  /** Accessible description, e.g. "highly likely: 80–90 % on a 0–100 % scale". */
  description: string;
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
  link: string;
  statement: Safe;
  sentence: string;
  confidence?: string;
  horizon?: string;
  evidence: Array<{ content: Safe; date?: string }>;
  hasEvidence: boolean;
  outcome?: string;
  outcomeNote?: Safe;
  note?: Safe;
  yardstick: YardstickView;
}

/** A source as the templates print it. */
export interface SourceView {
  number: number;
  anchor: string;
  title: string;
  url?: string;
  publisher?: string;
  date?: string;
  grade?: string;
  gradeText?: string;
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
  /** True for standalone HTML: the marking banners are drawn in the page (PDF pages get them from the print header/footer). */
  screen: boolean;
  css: Safe;
}

function yardstick(brief: Brief, j: BriefJudgment): YardstickView {
  const bands = brief.scale.terms.map((t, i) => ({
    x: t.min.toFixed(1),
    width: Math.max(0.8, t.max - t.min).toFixed(1),
    label: `${t.label} ${t.range}`,
    className: i === j.term.index ? "band band-on" : "band",
  }));
  return { bands, description: `${j.term.label}: ${j.term.range} on a 0–100 % scale` };
}

function judgmentView(brief: Brief, j: BriefJudgment): JudgmentView {
  return {
    number: j.number,
    heading: j.heading,
    anchor: j.anchor,
    lead: j.lead,
    term: j.term.text,
    termLabel: j.term.label,
    range: j.term.range,
    link: j.link,
    statement: safe(inlineToHtml(j.statement)),
    sentence: j.sentence,
    confidence: j.confidence?.text.replace(/\.$/, ""),
    horizon: j.horizon?.text,
    evidence: j.evidence.map((e) => ({ content: safe(inlineToHtml(e.content)), date: e.date?.text })),
    hasEvidence: j.evidence.length > 0,
    outcome: j.outcome?.text,
    outcomeNote: j.outcome?.note ? safe(inlineToHtml(j.outcome.note)) : undefined,
    note: j.note ? safe(inlineToHtml(j.note)) : undefined,
    yardstick: yardstick(brief, j),
  };
}

function sourceView(s: BriefSource): SourceView {
  return {
    number: s.number,
    anchor: s.anchor,
    title: s.title ?? s.publisher ?? s.url ?? s.id,
    url: s.url !== undefined && isAllowedHref(s.url) ? s.url : undefined,
    publisher: s.title !== undefined ? s.publisher : undefined,
    date: s.date?.text,
    grade: s.grade,
    gradeText: s.gradeText,
    note: s.note,
  };
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
  };
}
