/**
 * `diffAssessments(old, new)`: what changed between two editions of an assessment, as a typed
 * {@link ChangeReport}. Judgments and sources are matched by id, evidence by id or by text.
 */
import type { Assessment, Judgment, Source } from "../schema/assessment.js";
import { CONFIDENCE_LEVELS } from "../schema/assessment.js";
import { composeSentence, finishStatement } from "../brief/sentence.js";
import { formatRange, midpoint, resolveTerm, type Scale } from "../schema/scales.js";
import { dateChange, diffEvidence, evidenceView } from "./evidence.js";
import { greedyMatch, prepareText, preparedSimilarity, type ScoredPair } from "./similarity.js";
import { headline } from "./headline.js";
import { markingChange, portionMarkingChanges } from "./marking.js";
import { normalizeSpace, textChange, wordRuns } from "./words.js";
import type {
  ChangeCounts,
  ChangeReport,
  ConfidenceChange,
  Direction,
  EvidenceChange,
  JudgmentChange,
  JudgmentView,
  LikelihoodChange,
  OutcomeChange,
  ProbabilityChange,
  ReportStatus,
  SourceChange,
  SourceView,
  TermInfo,
  TextChange,
  ValueChange,
} from "./types.js";

/** What the diff needs besides the two editions. */
export interface DiffOptions {
  /** Scales by id (built-in plus the config's custom scales). */
  scales: Readonly<Record<string, Scale>>;
  /** How dates print (config `dateFormat`); default `dd/mm/yy`. */
  dateFormat?: string;
  /** What kind of pair this is; `added` and `withdrawn` compare against an empty edition. */
  status?: ReportStatus;
  /** How the user named each side ("HEAD~1:assessments/x.yaml"). */
  oldLabel?: string;
  newLabel?: string;
}

/** Reads a written likelihood on a scale. */
export function termInfo(scales: Readonly<Record<string, Scale>>, scaleId: string, written: string): TermInfo {
  const scale = scales[scaleId];
  const resolved = scale ? resolveTerm(scale, written) : undefined;
  if (!resolved) return { scale: scaleId, text: written, label: written, range: "?" };
  const t = resolved.term;
  return { scale: scaleId, text: resolved.form.text, label: t.label, range: formatRange(t), min: t.min, max: t.max, midpoint: midpoint(t) };
}

/** The brief's sentence for a judgment ("It is highly likely that …"). */
export function judgmentSentence(scales: Readonly<Record<string, Scale>>, scaleId: string, j: Judgment): string {
  const scale = scales[scaleId];
  const resolved = scale ? resolveTerm(scale, j.likelihood) : undefined;
  if (resolved) return composeSentence(resolved, j.statement);
  return `It is ${j.likelihood} that ${finishStatement(j.statement)}`;
}

function judgmentView(a: Assessment, j: Judgment, index: number, scales: Readonly<Record<string, Scale>>): JudgmentView {
  const view: JudgmentView = {
    id: j.id,
    number: index + 1,
    term: termInfo(scales, a.scale, j.likelihood),
    statement: normalizeSpace(j.statement),
    sentence: judgmentSentence(scales, a.scale, j),
    evidenceCount: j.evidence.length,
  };
  if (j.probability !== undefined) view.probability = j.probability;
  if (j.confidence !== undefined) view.confidence = j.confidence;
  return view;
}

function directionOf(delta: number): Direction {
  return delta > 0 ? "up" : delta < 0 ? "down" : "same";
}

function within(x: number | undefined, t: TermInfo): boolean {
  return x !== undefined && t.min !== undefined && t.max !== undefined && x >= t.min && x <= t.max;
}

/**
 * Two bands of different scales say the same thing when each one's midpoint lies in the other's
 * range ("unlikely" 25–35 % on PHIA and 20–45 % on ICD 203): a change of scale alone is no move.
 */
export function equivalentBands(a: TermInfo, b: TermInfo): boolean {
  return a.scale !== b.scale && within(a.midpoint, b) && within(b.midpoint, a);
}

function likelihoodChange(a: TermInfo, b: TermInfo): LikelihoodChange | undefined {
  const sameBand = a.scale === b.scale && a.label === b.label && a.range === b.range;
  if (sameBand && a.text === b.text) return undefined;
  const change: LikelihoodChange = { old: a, new: b, direction: "same", wordingOnly: sameBand };
  if (!sameBand && a.midpoint !== undefined && b.midpoint !== undefined) {
    change.delta = b.midpoint - a.midpoint;
    change.direction = equivalentBands(a, b) ? "same" : directionOf(change.delta);
  }
  return change;
}

/** Percentage points, rounded to 0.01 so 0.7 → 0.72 is 2, not 1.9999999999999996. */
function points(fraction: number): number {
  return Math.round(fraction * 10_000) / 100;
}

function probabilityChange(a: number | undefined, b: number | undefined): ProbabilityChange | undefined {
  if (a === b) return undefined;
  const change: ProbabilityChange = { direction: "same" };
  if (a !== undefined) change.old = a;
  if (b !== undefined) change.new = b;
  if (a !== undefined && b !== undefined) {
    change.delta = Math.round((points(b) - points(a)) * 100) / 100;
    change.direction = directionOf(change.delta);
  }
  return change;
}

function confidenceChange(a: Judgment["confidence"], b: Judgment["confidence"]): ConfidenceChange | undefined {
  if (a === b) return undefined;
  const change: ConfidenceChange = { direction: "same" };
  if (a !== undefined) change.old = a;
  if (b !== undefined) change.new = b;
  if (a !== undefined && b !== undefined) change.direction = directionOf(CONFIDENCE_LEVELS.indexOf(b) - CONFIDENCE_LEVELS.indexOf(a));
  return change;
}

function valueChange<T>(a: T | undefined, b: T | undefined, same: (x: T, y: T) => boolean = (x, y) => x === y): ValueChange<T> | undefined {
  if (a === undefined && b === undefined) return undefined;
  if (a !== undefined && b !== undefined && same(a, b)) return undefined;
  const out: ValueChange<T> = {};
  if (a !== undefined) out.old = a;
  if (b !== undefined) out.new = b;
  return out;
}

function outcomeChange(a: Judgment["outcome"], b: Judgment["outcome"]): OutcomeChange | undefined {
  if (!a && !b) return undefined;
  if (!a && b) return { kind: "recorded", new: b };
  if (a && !b) return { kind: "removed", old: a };
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  return { kind: "changed", old: a, new: b };
}

function noteText(s: string | undefined): string | undefined {
  return s === undefined ? undefined : normalizeSpace(s);
}

function diffJudgment(oa: Assessment, na: Assessment, oi: number, ni: number, options: DiffOptions): JudgmentChange {
  const oj = oa.judgments[oi]!;
  const nj = na.judgments[ni]!;
  const old = judgmentView(oa, oj, oi, options.scales);
  const next = judgmentView(na, nj, ni, options.scales);
  const change: Extract<JudgmentChange, { kind: "changed" | "unchanged" }> = {
    kind: "unchanged",
    id: nj.id,
    old,
    new: next,
    evidence: diffEvidence(oj.evidence, nj.evidence, options.dateFormat ?? "dd/mm/yy"),
  };
  const likelihood = likelihoodChange(old.term, next.term);
  if (likelihood) change.likelihood = likelihood;
  const probability = probabilityChange(oj.probability, nj.probability);
  if (probability) change.probability = probability;
  const confidence = confidenceChange(oj.confidence, nj.confidence);
  if (confidence) change.confidence = confidence;
  const statement = textChange(oj.statement, nj.statement);
  if (statement) change.statement = statement;
  const horizon = valueChange(oj.horizon, nj.horizon);
  if (horizon) change.horizon = horizon;
  const note = valueChange(noteText(oj.note), noteText(nj.note));
  if (note) change.note = note;
  const outcome = outcomeChange(oj.outcome, nj.outcome);
  if (outcome) change.outcome = outcome;
  if (likelihood || probability || confidence || statement || horizon || note || outcome || change.evidence.length > 0) change.kind = "changed";
  return change;
}

function diffJudgments(oa: Assessment, na: Assessment, options: DiffOptions): JudgmentChange[] {
  const oldIndex = new Map<string, number>();
  oa.judgments.forEach((j, i) => {
    if (!oldIndex.has(j.id)) oldIndex.set(j.id, i);
  });
  const newIds = new Set(na.judgments.map((j) => j.id));
  const removedAfter = new Map<number, number[]>();
  let lastKept = -1;
  oa.judgments.forEach((j, i) => {
    if (newIds.has(j.id)) {
      lastKept = i;
      return;
    }
    removedAfter.set(lastKept, [...(removedAfter.get(lastKept) ?? []), i]);
  });
  const out: JudgmentChange[] = [];
  const flush = (after: number) => {
    for (const i of removedAfter.get(after) ?? []) {
      const j = oa.judgments[i]!;
      out.push({ kind: "removed", id: j.id, old: judgmentView(oa, j, i, options.scales) });
    }
    removedAfter.delete(after);
  };
  flush(-1);
  const seen = new Set<string>();
  na.judgments.forEach((j, ni) => {
    const oi = oldIndex.get(j.id);
    if (oi === undefined || seen.has(j.id)) {
      out.push({ kind: "added", id: j.id, new: judgmentView(na, j, ni, options.scales), evidence: j.evidence.map((e) => evidenceView(e, options.dateFormat)) });
      return;
    }
    seen.add(j.id);
    out.push(diffJudgment(oa, na, oi, ni, options));
    flush(oi);
  });
  for (const after of [...removedAfter.keys()].sort((x, y) => x - y)) flush(after);
  markMoves(out);
  return out;
}

/** Least similarity for calling an item removed under one judgment and added under another a move. */
export const MOVE_THRESHOLD = 0.8;

/** Marks evidence removed under one judgment and added under another (same id, or nearly the same text) as moved. */
function markMoves(judgments: JudgmentChange[]): void {
  type Slot = { judgment: string; change: Extract<EvidenceChange, { kind: "added" | "removed" }> };
  const removed: Slot[] = [];
  const added: Slot[] = [];
  for (const j of judgments) {
    if (j.kind !== "changed") continue;
    for (const e of j.evidence) {
      if (e.kind === "removed") removed.push({ judgment: j.id, change: e });
      else if (e.kind === "added") added.push({ judgment: j.id, change: e });
    }
  }
  if (removed.length === 0 || added.length === 0) return;
  const pr = removed.map((r) => prepareText(r.change.item.text));
  const pa = added.map((a) => prepareText(a.change.item.text));
  const pairs: ScoredPair[] = [];
  removed.forEach((r, i) => {
    added.forEach((a, k) => {
      if (r.judgment === a.judgment) return;
      const ri = r.change.item.id;
      const ai = a.change.item.id;
      if (ri !== undefined && ai !== undefined) {
        if (ri === ai) pairs.push({ oldIndex: i, newIndex: k, score: 2 });
        return;
      }
      const score = preparedSimilarity(pr[i]!, pa[k]!);
      if (score >= MOVE_THRESHOLD) pairs.push({ oldIndex: i, newIndex: k, score });
    });
  });
  for (const p of greedyMatch(pairs)) {
    const r = removed[p.oldIndex]!;
    const a = added[p.newIndex]!;
    if (r.change.kind === "removed") r.change.movedTo = a.judgment;
    if (a.change.kind === "added") a.change.movedFrom = r.judgment;
  }
}

function gradeOf(s: Source): string | undefined {
  const g = `${s.reliability ?? ""}${s.credibility ?? ""}`;
  return g === "" ? undefined : g;
}

function sourceView(s: Source): SourceView {
  const view: SourceView = { id: s.id };
  if (s.title !== undefined) view.title = s.title;
  if (s.url !== undefined) view.url = s.url;
  if (s.publisher !== undefined) view.publisher = s.publisher;
  if (s.date !== undefined) view.date = s.date;
  const grade = gradeOf(s);
  if (grade !== undefined) view.grade = grade;
  return view;
}

function diffSources(oa: Assessment, na: Assessment): SourceChange[] {
  const oldById = new Map(oa.sources.map((s) => [s.id, s] as const));
  const newIds = new Set(na.sources.map((s) => s.id));
  const out: SourceChange[] = [];
  for (const s of na.sources) {
    const o = oldById.get(s.id);
    if (!o) {
      out.push({ kind: "added", source: sourceView(s) });
      continue;
    }
    const change: Extract<SourceChange, { kind: "changed" }> = { kind: "changed", id: s.id, old: sourceView(o), new: sourceView(s) };
    const fields = {
      grade: valueChange(gradeOf(o), gradeOf(s)),
      title: valueChange(o.title, s.title),
      url: valueChange(o.url, s.url),
      publisher: valueChange(o.publisher, s.publisher),
      date: valueChange(o.date, s.date),
      note: valueChange(noteText(o.note), noteText(s.note)),
    };
    let any = false;
    for (const [k, v] of Object.entries(fields) as Array<[keyof typeof fields, ValueChange<string> | undefined]>) {
      if (v) {
        change[k] = v;
        any = true;
      }
    }
    if (any) out.push(change);
  }
  for (const s of oa.sources) if (!newIds.has(s.id)) out.push({ kind: "removed", source: sourceView(s) });
  return out;
}

/** Normalises a block of Markdown for comparison: spaces collapsed inside paragraphs, blank lines kept. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => normalizeSpace(p))
    .filter((p) => p !== "")
    .join("\n\n");
}

function summaryChange(a: string, b: string): TextChange | undefined {
  const oldText = paragraphs(a);
  const newText = paragraphs(b);
  if (oldText === newText) return undefined;
  return { old: oldText, new: newText, words: wordRuns(oldText, newText) };
}

function countChanges(judgments: readonly JudgmentChange[], sources: readonly SourceChange[]): ChangeCounts {
  const counts: ChangeCounts = {
    judgmentsChanged: 0,
    up: 0,
    down: 0,
    revised: 0,
    added: 0,
    removed: 0,
    evidenceAdded: 0,
    evidenceRemoved: 0,
    evidenceChanged: 0,
    sourcesAdded: 0,
    sourcesRemoved: 0,
    sourcesChanged: 0,
  };
  for (const j of judgments) {
    if (j.kind === "added") {
      counts.added++;
      counts.judgmentsChanged++;
      counts.evidenceAdded += j.new.evidenceCount;
    } else if (j.kind === "removed") {
      counts.removed++;
    } else {
      for (const e of j.evidence) {
        if (e.kind === "added") counts.evidenceAdded++;
        else if (e.kind === "removed") counts.evidenceRemoved++;
        else counts.evidenceChanged++;
      }
      if (j.kind === "unchanged") continue;
      counts.judgmentsChanged++;
      // A move of the band counts first; within the same band, a move of the exact probability.
      const direction = j.likelihood && j.likelihood.direction !== "same" ? j.likelihood.direction : j.probability?.direction;
      if (direction === "up") counts.up++;
      else if (direction === "down") counts.down++;
      else counts.revised++;
    }
  }
  for (const s of sources) {
    if (s.kind === "added") counts.sourcesAdded++;
    else if (s.kind === "removed") counts.sourcesRemoved++;
    else counts.sourcesChanged++;
  }
  return counts;
}

/** An edition with nothing in it, to diff a new or withdrawn assessment against. */
export function emptyEdition(a: Assessment): Assessment {
  return { ...a, judgments: [], sources: [] };
}

/**
 * Compares two editions of an assessment. Both should be valid (checked) assessments; terms
 * that do not resolve on their scale are shown as written with a range of "?".
 */
export function diffAssessments(oldA: Assessment, newA: Assessment, options: DiffOptions): ChangeReport {
  const status = options.status ?? "modified";
  const dateFormat = options.dateFormat ?? "dd/mm/yy";
  const judgments = diffJudgments(oldA, newA, options);
  const sources = diffSources(oldA, newA);
  const counts = countChanges(judgments, sources);
  const report: ChangeReport = {
    version: 1,
    status,
    old: { id: oldA.id, title: oldA.title, scale: oldA.scale, cutoff: oldA.cutoff },
    new: { id: newA.id, title: newA.title, scale: newA.scale, cutoff: newA.cutoff },
    changed: false,
    headline: "",
    counts,
    warnings: [],
    portionMarkings: portionMarkingChanges(oldA, newA),
    judgments,
    sources,
  };
  if (options.oldLabel !== undefined) report.old.label = options.oldLabel;
  if (options.newLabel !== undefined) report.new.label = options.newLabel;
  const id = valueChange(oldA.id, newA.id);
  if (id) report.id = id;
  const title = valueChange(normalizeSpace(oldA.title), normalizeSpace(newA.title));
  if (title) report.title = title;
  const cutoff = dateChange(oldA.cutoff, newA.cutoff, dateFormat);
  if (cutoff) report.cutoff = cutoff;
  const issued = dateChange(oldA.issued, newA.issued, dateFormat);
  if (issued) report.issued = issued;
  const scale = valueChange(oldA.scale, newA.scale);
  if (scale) report.scale = scale;
  const supersedes = valueChange(oldA.supersedes, newA.supersedes);
  if (supersedes) report.supersedes = supersedes;
  const authors = valueChange(oldA.authors, newA.authors, (x, y) => x.join("\u0000") === y.join("\u0000"));
  if (authors) report.authors = authors;
  const summary = summaryChange(oldA.summary, newA.summary);
  if (summary) report.summary = summary;
  const marking = markingChange(oldA.marking, newA.marking);
  if (marking) {
    report.marking = marking;
    if (marking.loosened) report.warnings.push(`marking loosened: ${marking.reasons.join("; ")}`);
    else if (marking.old.classification && marking.new.classification && marking.old.classification !== marking.new.classification) {
      report.warnings.push(`classification changed: ${marking.old.classification} → ${marking.new.classification}; check the handling`);
    }
  }
  for (const p of report.portionMarkings) {
    if (p.loosened) report.warnings.push(`portion marking loosened: ${p.what}: ${p.reasons.join("; ")}`);
  }
  const reordered = judgments.some((j) => (j.kind === "changed" || j.kind === "unchanged") && j.old.number !== j.new.number);
  report.changed =
    status !== "modified" ||
    counts.judgmentsChanged + counts.removed + sources.length + report.portionMarkings.length > 0 ||
    reordered ||
    [id, title, cutoff, issued, scale, supersedes, authors, summary, marking].some((x) => x !== undefined);
  report.headline = headline(report);
  return report;
}
