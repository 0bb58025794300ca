/**
 * From an archive of checked assessments (and outcomes ledgers) to forecasts: one question per
 * judgment id carried through a `supersedes` chain, its outcome from any edition or a ledger, and
 * the edition(s) scored — the latest issued before the horizon, or every such edition.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/codes.js";
import type { Assessment, Judgment } from "../schema/assessment.js";
import type { LoadedAssessment } from "../schema/load.js";
import type { PositionedOutcome } from "../schema/outcomes.js";
import { spanForPath } from "../schema/positions.js";
import { midpoint, resolveTerm, type Scale } from "../schema/scales.js";
import { horizonDate } from "../schema/dates.js";
import { findPreviousEdition } from "../build/editions.js";
import type { EditionsMode, Forecast, Place, UnresolvedJudgment } from "./types.js";

/** One valid assessment of the archive. */
export interface ArchiveEntry {
  /** Absolute path (used to follow `supersedes` paths). */
  file: string;
  /** The path as shown to the user. */
  shown: string;
  assessment: Assessment;
  /** Every scale known for the file (built-in and custom). */
  scales: Readonly<Record<string, Scale>>;
  /** The parsed file, for line numbers. */
  loaded?: Pick<LoadedAssessment, "doc" | "lineCounter">;
}

/** Options for {@link collectForecasts}. */
export interface CollectOptions {
  editions: EditionsMode;
  /** Outcomes resolved and editions issued after this day (YYYY-MM-DD) are ignored. */
  asOf: string;
}

/** What an archive holds for scoring. */
export interface Collected {
  forecasts: Forecast[];
  unresolved: UnresolvedJudgment[];
  excluded: UnresolvedJudgment[];
  /** Conflicting outcomes (errors) and ledger entries matching no judgment (warnings). */
  diagnostics: Diagnostic[];
  /** Distinct questions seen (scored, unresolved or excluded). */
  questions: number;
  /** Editions read (issued on or before the as-of day). */
  assessments: number;
}

interface Edition {
  entry: ArchiveEntry;
  index: number;
  judgment: Judgment;
  date: string;
  horizon?: string;
}

interface RecordedOutcome {
  occurred: boolean;
  resolved: string;
  at: Place;
}

/** The date an edition speaks from: when it was issued, else its cutoff. */
export function editionDate(a: Assessment): string {
  return a.issued ?? a.cutoff;
}

function lineOf(entry: ArchiveEntry, path: ReadonlyArray<string | number>): number {
  const { loaded } = entry;
  return loaded?.doc ? spanForPath(loaded.doc, loaded.lineCounter, path).line : 0;
}

/** Groups the entries into `supersedes` chains: the root index of each entry's chain. */
function chainRoots(entries: readonly ArchiveEntry[]): number[] {
  const parent = entries.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const candidates = entries.map((e) => ({ file: e.file, assessment: e.assessment }));
  entries.forEach((e, i) => {
    const found = findPreviousEdition(e.assessment, e.file, candidates, { exists: () => false });
    if (found?.kind !== "candidate") return;
    const j = candidates.indexOf(found.candidate as (typeof candidates)[number]);
    if (j >= 0) parent[find(i)] = find(j);
  });
  return entries.map((_, i) => find(i));
}

function byDateThenFile(a: Edition, b: Edition): number {
  return a.date.localeCompare(b.date) || a.entry.shown.localeCompare(b.entry.shown);
}

/**
 * Collects the forecasts of an archive. Each judgment id within a `supersedes` chain is one
 * question; its outcome may be written on any edition or in a ledger (keyed by any edition's
 * assessment id). Only editions issued before the horizon (and before the outcome was known) are
 * forecasts. Questions without an outcome are listed as unresolved, never imputed.
 */
export function collectForecasts(archive: readonly ArchiveEntry[], ledger: readonly PositionedOutcome[], options: CollectOptions): Collected {
  const entries = archive.filter((e) => editionDate(e.assessment) <= options.asOf);
  const roots = chainRoots(entries);
  const questions = new Map<string, Edition[]>();
  entries.forEach((entry, i) => {
    entry.assessment.judgments.forEach((judgment, index) => {
      const key = `${roots[i]}\u0000${judgment.id}`;
      const list = questions.get(key) ?? [];
      const date = editionDate(entry.assessment);
      const edition: Edition = { entry, index, judgment, date };
      if (judgment.horizon !== undefined) edition.horizon = horizonDate(judgment.horizon, entry.assessment.cutoff);
      list.push(edition);
      questions.set(key, list);
    });
  });

  const ledgerByKey = new Map<string, PositionedOutcome[]>();
  for (const l of ledger) {
    const key = `${l.assessment}\u0000${l.judgment}`;
    ledgerByKey.set(key, [...(ledgerByKey.get(key) ?? []), l]);
  }
  const usedLedger = new Set<PositionedOutcome>();

  const out: Collected = { forecasts: [], unresolved: [], excluded: [], diagnostics: [], questions: questions.size, assessments: entries.length };
  const sortedQuestions = [...questions.values()].map((eds) => {
    const sorted = [...eds].sort(byDateThenFile);
    // An edition that drops the horizon keeps the question's horizon from the edition before it.
    let carried: string | undefined;
    for (const e of sorted) {
      if (e.horizon === undefined && carried !== undefined) e.horizon = carried;
      carried = e.horizon;
    }
    return sorted;
  });
  sortedQuestions.sort((a, b) => a[0]!.entry.shown.localeCompare(b[0]!.entry.shown) || a[0]!.index - b[0]!.index);

  for (const editions of sortedQuestions) {
    const first = editions[0]!;
    const last = editions[editions.length - 1]!;
    const question = `${first.entry.assessment.id}/${first.judgment.id}`;
    const recorded: RecordedOutcome[] = [];
    for (const e of editions) {
      const o = e.judgment.outcome;
      if (o && o.resolved <= options.asOf) recorded.push({ occurred: o.occurred, resolved: o.resolved, at: { file: e.entry.shown, line: lineOf(e.entry, ["judgments", e.index, "outcome"]) } });
      for (const l of ledgerByKey.get(`${e.entry.assessment.id}\u0000${e.judgment.id}`) ?? []) {
        if (usedLedger.has(l)) continue;
        usedLedger.add(l);
        if (l.resolved <= options.asOf) recorded.push({ occurred: l.occurred, resolved: l.resolved, at: { file: l.file, line: l.span.line } });
      }
    }
    recorded.sort((a, b) => a.resolved.localeCompare(b.resolved) || a.at.file.localeCompare(b.at.file) || a.at.line - b.at.line);
    const place = (e: Edition): Place => ({ file: e.entry.shown, line: lineOf(e.entry, ["judgments", e.index]) });
    const listed = (e: Edition, reason: string): UnresolvedJudgment => {
      const u: UnresolvedJudgment = { ...place(e), question, assessment: e.entry.assessment.id, judgment: e.judgment.id, reason };
      if (e.horizon !== undefined) u.horizon = e.horizon;
      return u;
    };

    const conflict = recorded.find((r) => r.occurred !== recorded[0]!.occurred);
    if (conflict) {
      const a = recorded[0]!;
      const said = (o: RecordedOutcome) => (o.occurred ? "occurred" : "did not occur");
      out.diagnostics.push(
        diagnostic("outcome-conflict", "conflict", { file: conflict.at.file, line: conflict.at.line, column: 1 }, { question, here: said(conflict), there: said(a), place: `${a.at.file}:${a.at.line}` }, "record one outcome per judgment: correct or remove one of them"),
      );
      out.unresolved.push(listed(last, "conflicting outcomes recorded"));
      continue;
    }
    const outcome = recorded[0];
    if (!outcome) {
      const h = last.horizon;
      const reason = h === undefined ? "no outcome recorded (and no horizon)" : h > options.asOf ? `horizon ${h} not reached` : `horizon ${h} passed; no outcome recorded`;
      out.unresolved.push(listed(last, reason));
      continue;
    }
    const eligible = editions.filter((e) => (e.horizon === undefined || e.date < e.horizon) && e.date < outcome.resolved);
    if (eligible.length === 0) {
      out.excluded.push(listed(last, "every edition was issued on or after the horizon or the outcome"));
      continue;
    }
    const scored = options.editions === "latest" ? [eligible[eligible.length - 1]!] : eligible;
    for (const e of scored) out.forecasts.push(forecastOf(e, question, outcome, place(e)));
  }

  for (const l of ledger) {
    if (usedLedger.has(l)) continue;
    const known = entries.some((e) => e.assessment.id === l.assessment);
    const messageId = known ? "noJudgment" : archive.some((e) => e.assessment.id === l.assessment) ? "notIssued" : "noAssessment";
    out.diagnostics.push(diagnostic("outcome-unknown-judgment", messageId, { file: l.file, ...l.span }, { judgment: l.judgment, assessment: l.assessment, asOf: options.asOf }, "check the ids, or score the folder that holds the assessment"));
  }
  return out;
}

function forecastOf(e: Edition, question: string, outcome: RecordedOutcome, at: Place): Forecast {
  const a = e.entry.assessment;
  const scale = e.entry.scales[a.scale];
  const resolved = scale ? resolveTerm(scale, e.judgment.likelihood) : undefined;
  if (!scale || !resolved) throw new Error(`judgment ${question} of ${e.entry.shown} was not checked: its term does not resolve`);
  const { term } = resolved;
  const f: Forecast = {
    ...at,
    question,
    assessment: a.id,
    judgment: e.judgment.id,
    scale: scale.id,
    scaleName: scale.name,
    termId: term.id,
    term: term.label,
    min: term.min / 100,
    max: term.max / 100,
    probability: e.judgment.probability ?? midpoint(term) / 100,
    exact: e.judgment.probability !== undefined,
    outcome: outcome.occurred ? 1 : 0,
    outcomeAt: outcome.at,
    authors: a.authors ?? [],
    edition: e.date,
  };
  if (e.judgment.confidence !== undefined) f.confidence = e.judgment.confidence;
  if (e.horizon !== undefined) f.horizon = e.horizon;
  return f;
}
