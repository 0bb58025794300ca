/**
 * `toBrief()`: the one view model every renderer draws from. A pure function of the assessment
 * and the resolved config (plus options), so its output can be cached by content hash.
 */
import { readFileSync } from "node:fs";
import type { PhrasingContent } from "mdast";
import { toString } from "mdast-util-to-string";
import type { ResolvedConfig } from "../config/load.js";
import type { Assessment, Judgment, Marking } from "../schema/assessment.js";
import { evidenceItem } from "../schema/citations.js";
import { formatDate, horizonDate } from "../schema/dates.js";
import { formatRange, resolveTerm, type ResolvedTerm, type Scale } from "../schema/scales.js";
import { laddersFor } from "../marking/config.js";
import { markingOf } from "../marking/levels.js";
import { portionLevels, type JudgmentLevels } from "../marking/portions.js";
import { parseBlock, parseInline, mergeTexts, type CiteFn } from "./inline-markdown.js";
import { CONFIDENCE_WORDS, resolveLabels } from "./labels.js";
import { portionAbbreviations, portionMarkText, type PortionAbbreviations } from "./portion-marks.js";
import { sentenceParts, finishStatement, leadText } from "./sentence.js";
import { inlineKey, numberSources, type SourceTable } from "./sources.js";
import type { Brief, BriefChanges, BriefDate, BriefEvidence, BriefJudgment, BriefLabels, BriefMarking, BriefMetaItem, BriefSource } from "./types.js";

/** Options for {@link toBrief}. */
export interface ToBriefOptions {
  /** The "changes since the previous edition" section, computed by the diff. */
  changes?: BriefChanges;
  /** Overrides the generator string (default "yardstick <version>"). */
  generator?: string;
  /** Prints the analyst's internal notes whatever `show.notes` says (the preview is the analyst's own view). */
  notes?: boolean;
}

let version: string | undefined;
function generatorName(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string }).version ?? "0.0.0";
    } catch {
      version = "0.0.0";
    }
  }
  return `yardstick ${version}`;
}

function date(iso: string, pattern: string): BriefDate {
  return { iso, text: formatDate(iso, pattern) };
}

/** The banner text: classification and caveats, then the TLP label, joined by " · ". */
export function markingText(m: Marking): string {
  const parts = [m.classification, ...(m.caveats ?? [])].filter((p): p is string => Boolean(p));
  if (m.tlp) parts.push(`TLP:${m.tlp}`);
  return parts.join(" · ");
}

function briefMarking(m: Marking | undefined): BriefMarking | undefined {
  if (!m) return undefined;
  const text = markingText(m);
  if (!text) return undefined;
  const out: BriefMarking = { caveats: m.caveats ?? [], text };
  if (m.classification) out.classification = m.classification;
  if (m.tlp) out.tlp = m.tlp;
  return out;
}

/**
 * Nodes of one citation: a single parenthetical, "[3]" (numbered) or "(source)" (word), with the
 * evidence date inside when given ("[3, 05/07/22]"), linked as a whole to the source's Sources
 * entry (or its URL in the word style). The link carries the class "cite" for the HTML brief.
 */
export function citationNodes(source: BriefSource | undefined, style: "numbered" | "word", word: string, date?: string): PhrasingContent[] {
  const inner = `${source?.citedAs ?? word}${date !== undefined ? `, ${date}` : ""}`;
  const value = style === "numbered" && source ? `[${inner}]` : `(${inner})`;
  if (!source?.href) return [{ type: "text", value }];
  return [{ type: "link", url: source.href, title: null, children: [{ type: "text", value }], data: { hProperties: { className: ["cite"] } } }];
}

/** Ends phrasing content with a full stop unless it already ends with sentence punctuation. */
function finishPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  const plain = toString(nodes).trim().replace(/\s+/g, " ");
  if (finishStatement(plain) === plain) return nodes;
  return mergeTexts([...nodes, { type: "text", value: "." }]);
}

function resolveLikelihood(scale: Scale, written: string): ResolvedTerm {
  const resolved = resolveTerm(scale, written);
  // A checked assessment always names a term of its scale (rule unknown-likelihood): anything else is a bug.
  if (!resolved) throw new Error(`toBrief: "${written}" is not a term of the ${scale.id} scale; check the assessment first`);
  return resolved;
}

/** A judgment's portion levels and the abbreviations to mark them with, when `show.portionMarks` is on. */
interface PortionMarking {
  levels: JudgmentLevels;
  abbreviations: PortionAbbreviations;
}

function judgmentOf(j: Judgment, index: number, a: Assessment, scale: Scale, table: SourceTable, labels: BriefLabels, config: ResolvedConfig, showNotes: boolean, marks?: PortionMarking): BriefJudgment {
  const pattern = config.data.dateFormat;
  const resolved = resolveLikelihood(scale, j.likelihood);
  const parts = sentenceParts(resolved);
  const statement = finishPhrasing(parseInline(j.statement));
  const number = index + 1;
  const evidence = j.evidence.map((ev, ei): BriefEvidence => {
    const item = evidenceItem(ev);
    const cited: number[] = [];
    const style = config.data.citations;
    const cite: CiteFn = (id) => {
      const s = table.byId.get(id);
      if (s) cited.push(s.number);
      return citationNodes(s, style, labels.source);
    };
    const content = parseInline(item.text, { cite });
    const trailing = item.inlineSource ? table.inline.get(inlineKey(index, ei)) : item.sourceId !== undefined ? table.byId.get(item.sourceId) : undefined;
    const sourced = item.inlineSource !== undefined || item.sourceId !== undefined;
    const when = item.date !== undefined ? date(item.date, pattern) : undefined;
    if (sourced) {
      if (trailing) cited.push(trailing.number);
      content.push({ type: "text", value: " " }, ...citationNodes(trailing, style, labels.source, when?.text));
    } else if (when) {
      // A no-break space keeps the date on the line of the text it dates.
      content.push({ type: "text", value: `\u00a0(${when.text})` });
    }
    const merged = mergeTexts(content);
    const out: BriefEvidence = { content: merged, text: toString(merged), sources: cited, sourced: sourced || cited.length > 0 };
    if (item.id !== undefined) out.id = item.id;
    // Its effective level: its own marking (or its judgment's), raised by the sources it cites.
    const mark = marks ? portionMarkText(marks.levels.evidence[ei]!.effective, marks.abbreviations) : undefined;
    if (mark !== undefined) out.portionMark = mark;
    if (when) out.date = when;
    if (item.note !== undefined && showNotes) out.note = parseInline(item.note);
    return out;
  });
  const termText = parts.term || resolved.form.text;
  // Beside the term: the exact probability (`show.probability`) and/or the band (`show.ranges: inline`),
  // "It is likely (72 %) that …", "It is likely (72 %; 55–75 %) that …".
  const beside = [
    ...(j.probability !== undefined && config.data.show?.probability === true ? [`${Number((j.probability * 100).toFixed(2))} %`] : []),
    ...(config.data.show?.ranges === "inline" ? [formatRange(resolved.term)] : []),
  ];
  const inlineRange = beside.length > 0 ? ` (${beside.join("; ")})` : "";
  const out: BriefJudgment = {
    id: j.id,
    number,
    heading: `${labels.keyJudgment} ${number}`,
    anchor: `kj-${j.id}`,
    term: {
      text: termText,
      label: resolved.term.label,
      min: resolved.term.min,
      max: resolved.term.max,
      range: formatRange(resolved.term),
      index: scale.terms.indexOf(resolved.term),
      count: scale.terms.length,
    },
    lead: parts.lead,
    link: parts.link,
    statement,
    sentence: `${leadText({ ...parts, term: `${parts.term}${inlineRange}` })}${toString(statement).trim().replace(/\s+/g, " ")}`,
    evidence,
  };
  if (inlineRange) out.inlineRange = inlineRange;
  const mark = marks ? portionMarkText(marks.levels.own, marks.abbreviations) : undefined;
  if (mark !== undefined) out.portionMark = mark;
  if (j.confidence) out.confidence = { level: j.confidence, text: `${labels.confidence}: ${CONFIDENCE_WORDS[j.confidence]}.` };
  if (j.horizon && config.data.show?.horizon !== false) out.horizon = date(horizonDate(j.horizon, a.cutoff), pattern);
  if (j.outcome) {
    const resolvedOn = date(j.outcome.resolved, pattern);
    out.outcome = {
      occurred: j.outcome.occurred,
      resolved: resolvedOn,
      text: `${j.outcome.occurred ? "Occurred" : "Did not occur"} (recorded ${resolvedOn.text})`,
    };
    if (j.outcome.note && showNotes) out.outcome.note = parseInline(j.outcome.note);
  }
  if (j.note && showNotes) out.note = parseInline(j.note);
  return out;
}

/**
 * Builds the view model of a brief from a checked assessment and its resolved config: sentences
 * composed from the scale's phrases, judgments numbered, dates formatted, sources numbered.
 * Throws only on a bug (an assessment that was not checked).
 */
export function toBrief(a: Assessment, config: ResolvedConfig, options: ToBriefOptions = {}): Brief {
  const scale = config.scales[a.scale];
  if (!scale) throw new Error(`toBrief: unknown scale "${a.scale}"; check the assessment first`);
  const labels = resolveLabels(config.data.labels);
  const pattern = config.data.dateFormat;
  const show = config.data.show;
  const notes = options.notes ?? show?.notes === true;
  const table = numberSources(a, {
    dateFormat: pattern,
    citations: config.data.citations,
    listed: show?.sources !== false,
    notes,
    untitled: labels.untitled,
    word: labels.source,
    keyJudgment: labels.keyJudgment,
  });
  // Portion levels: for the portion marks, and for the banner when the assessment sets none
  // (the computed maximum of its portions, so the banner is never lower than the content).
  const ladders = laddersFor(config.data);
  const levels = show?.portionMarks === true || !a.marking ? portionLevels(a, ladders) : undefined;
  const abbreviations = show?.portionMarks === true ? portionAbbreviations(config.data.portionMarks, ladders) : undefined;
  const cutoff = date(a.cutoff, pattern);
  const issued = a.issued ? date(a.issued, pattern) : undefined;
  const meta: BriefMetaItem[] = [{ key: "reference", label: labels.reference, value: a.id }];
  if (issued) meta.push({ key: "issued", label: labels.issued, value: issued.text });
  meta.push({ key: "cutoff", label: labels.cutoffDate, value: cutoff.text });
  if (a.authors && a.authors.length > 0) meta.push({ key: "authors", label: labels.authors, value: a.authors.join(", ") });
  const brief: Brief = {
    id: a.id,
    title: a.title.replace(/\s+/g, " "),
    authors: a.authors ?? [],
    cutoff,
    cutoffLine: `${labels.cutoff} ${cutoff.text}`,
    meta,
    citations: config.data.citations,
    show: { meta: show?.meta !== false, yardstick: show?.yardstick !== false, sources: table.listed, notes },
    scale: {
      id: scale.id,
      name: scale.name,
      terms: scale.terms.map((t) => ({ label: t.label, min: t.min, max: t.max, range: formatRange(t) })),
    },
    summary: parseBlock(a.summary),
    judgments: a.judgments.map((j, i) =>
      judgmentOf(j, i, a, scale, table, labels, config, notes, levels && abbreviations ? { levels: levels.judgments[i]!, abbreviations } : undefined),
    ),
    sources: table.sources,
    showSources: table.listed,
    keywords: a.keywords ?? [],
    labels,
    generator: options.generator ?? generatorName(),
  };
  if (scale.reference !== undefined) brief.scale.reference = scale.reference;
  const marking = briefMarking(a.marking ?? (levels ? markingOf(levels.content) : undefined));
  if (marking) brief.marking = marking;
  if (issued) brief.issued = issued;
  if (options.changes) brief.changes = options.changes;
  return brief;
}
