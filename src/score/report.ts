/**
 * Scoring collected forecasts: the report behind every output of `yardstick score`.
 */
import type { Collected } from "./collect.js";
import { auc, baseRate, bootstrapBrier, brierBand, brierScore, murphy, wilson, type Pair } from "./stats.js";
import type { Calibration, ConfidenceSide, EditionsMode, Figures, Forecast, ScoreReport, SliceKey, SliceRow, TermRow } from "./types.js";

/** Options for {@link scoreReport}. */
export interface ScoreOptions {
  editions: EditionsMode;
  asOf: string;
  /** Seed of the bootstrap's generator. */
  seed: number;
  /** Number of bootstrap resamples. */
  resamples: number;
  /** Cells with fewer forecasts are flagged. */
  minN: number;
  by?: SliceKey;
}

/** Default number of bootstrap resamples. */
export const DEFAULT_RESAMPLES = 2000;
/** Default seed of the bootstrap. */
export const DEFAULT_SEED = 1;
/** Default smallest cell not flagged. */
export const DEFAULT_MIN_N = 10;

const NO_FORECASTS = "no resolved judgments to score";
const ONE_CLASS = "every outcome is the same: nothing to discriminate, and the uncertainty is 0";

function pairsOf(forecasts: readonly Forecast[]): Pair[] {
  return forecasts.map((f) => ({ p: f.probability, o: f.outcome }));
}

/** The summary figures of a set of forecasts, with the reason for each null. */
export function figuresOf(forecasts: readonly Forecast[]): { figures: Figures; reasons: Record<string, string> } {
  const pairs = pairsOf(forecasts);
  const d = murphy(pairs);
  const bs = brierScore(pairs);
  const unc = d?.uncertainty ?? null;
  const reasons: Record<string, string> = {};
  const figures: Figures = {
    n: pairs.length,
    hits: pairs.reduce((s, f) => s + f.o, 0),
    baseRate: baseRate(pairs),
    brier: bs,
    reliability: d?.reliability ?? null,
    resolution: d?.resolution ?? null,
    uncertainty: unc,
    skill: bs !== null && unc !== null && unc > 0 ? 1 - bs / unc : null,
    auc: auc(pairs),
  };
  if (pairs.length === 0) {
    for (const k of ["baseRate", "brier", "brierInterval", "brierBand", "reliability", "resolution", "uncertainty", "skill", "discrimination", "auc"]) reasons[k] = NO_FORECASTS;
  } else if (unc === 0) {
    reasons.skill = ONE_CLASS;
    reasons.discrimination = ONE_CLASS;
    reasons.auc = ONE_CLASS;
  }
  return { figures, reasons };
}

/** The per-term table, ordered by scale then band. */
export function termRows(forecasts: readonly Forecast[], minN: number): TermRow[] {
  const groups = new Map<string, Forecast[]>();
  for (const f of forecasts) {
    const key = `${f.scale}\u0000${f.termId}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const rows: TermRow[] = [];
  for (const list of groups.values()) {
    const f0 = list[0]!;
    const n = list.length;
    const hits = list.reduce((s, f) => s + f.outcome, 0);
    const interval = wilson(hits, n)!;
    const verdict: TermRow["verdict"] = interval[1] < f0.min ? "over" : interval[0] > f0.max ? "under" : "consistent";
    rows.push({
      scale: f0.scale,
      term: f0.term,
      probability: list.reduce((s, f) => s + f.probability, 0) / n,
      min: f0.min,
      max: f0.max,
      n,
      hits,
      observed: hits / n,
      wilson: interval,
      verdict,
      small: n < minN,
    });
  }
  return rows.sort((a, b) => a.scale.localeCompare(b.scale) || a.min - b.min || a.max - b.max || a.term.localeCompare(b.term));
}

function side(list: readonly Forecast[]): ConfidenceSide | null {
  if (list.length === 0) return null;
  return { n: list.length, stated: list.reduce((s, f) => s + f.probability, 0) / list.length, observed: list.reduce((s, f) => s + f.outcome, 0) / list.length };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(0)} %`;
}

/** Gaps smaller than this (in probability) read as "matched". */
const MATCHED = 0.005;

/**
 * Over- or underconfidence from the two sides of 50 %: judgments above 50 % that come true more
 * often than stated, and judgments below 50 % that come true less often, are underconfident
 * (the terms could have been stronger); the reverse is overconfident.
 */
export function calibrationOf(forecasts: readonly Forecast[], minN: number): Calibration {
  const above = side(forecasts.filter((f) => f.probability > 0.5));
  const below = side(forecasts.filter((f) => f.probability < 0.5));
  if (!above && !below) return { above, below, direction: null, text: "n/a: no resolved judgments on either side of 50 %" };
  // +1: underconfident on that side; -1: overconfident; 0: matched.
  const sign = (s: ConfidenceSide | null, up: boolean): number | undefined => {
    if (!s) return undefined;
    const gap = s.observed - s.stated;
    if (Math.abs(gap) < MATCHED) return 0;
    return (gap > 0) === up ? 1 : -1;
  };
  const a = sign(above, true);
  const b = sign(below, false);
  const signs = [a, b].filter((x): x is number => x !== undefined);
  const nonZero = signs.filter((x) => x !== 0);
  let direction: Calibration["direction"];
  if (nonZero.length === 0) direction = "calibrated";
  else if (nonZero.every((x) => x > 0)) direction = "underconfident";
  else if (nonZero.every((x) => x < 0)) direction = "overconfident";
  else direction = "mixed";
  const parts: string[] = [];
  if (above) parts.push(`judgments above 50 % came true ${pct(above.observed)} of the time against ${pct(above.stated)} stated (n = ${above.n})`);
  if (below) parts.push(`judgments below 50 % came true ${pct(below.observed)} of the time against ${pct(below.stated)} stated (n = ${below.n})`);
  const lead = {
    calibrated: "Neither over- nor underconfident",
    underconfident: "Underconfident (the terms could have been stronger)",
    overconfident: "Overconfident (the terms were stronger than the record supports)",
    mixed: `Neither consistently over- nor underconfident: events came true ${above && above.observed > above.stated ? "more" : "less"} often than stated on both sides of 50 %`,
  }[direction];
  const few = forecasts.length < minN ? ` Fewer than ${minN} forecasts: read with care.` : "";
  return { above, below, direction, text: `${lead}: ${parts.join("; ")}.${few}` };
}

/** The horizon bucket of a forecast: how far ahead of its edition it looked. */
export function horizonBucket(f: Forecast): string {
  if (f.horizon === undefined) return "no horizon";
  const days = (Date.parse(`${f.horizon}T00:00:00Z`) - Date.parse(`${f.edition}T00:00:00Z`)) / 86_400_000;
  if (days <= 92) return "up to 3 months";
  if (days <= 183) return "3–6 months";
  if (days <= 366) return "6–12 months";
  if (days <= 731) return "1–2 years";
  return "over 2 years";
}

const HORIZON_ORDER = ["up to 3 months", "3–6 months", "6–12 months", "1–2 years", "over 2 years", "no horizon"];
const CONFIDENCE_ORDER = ["low", "moderate", "high", "not stated"];

/** The cells a forecast falls in for a slice (several for several authors). */
export function sliceKeys(f: Forecast, by: SliceKey): string[] {
  switch (by) {
    case "term":
      return [`${f.scale}: ${f.term}`];
    case "scale":
      return [f.scale];
    case "author":
      return f.authors.length > 0 ? [...new Set(f.authors)] : ["no author"];
    case "confidence":
      return [f.confidence ?? "not stated"];
    case "horizon":
      return [horizonBucket(f)];
    case "assessment":
      return [f.assessment];
  }
}

/** The figures of each cell of a slice. */
export function sliceRows(forecasts: readonly Forecast[], by: SliceKey, minN: number): SliceRow[] {
  const cells = new Map<string, Forecast[]>();
  for (const f of forecasts) for (const k of sliceKeys(f, by)) cells.set(k, [...(cells.get(k) ?? []), f]);
  const order = by === "horizon" ? HORIZON_ORDER : by === "confidence" ? CONFIDENCE_ORDER : undefined;
  const keys = [...cells.keys()].sort((a, b) => (order ? order.indexOf(a) - order.indexOf(b) : 0) || a.localeCompare(b));
  return keys.map((key) => {
    const { figures } = figuresOf(cells.get(key)!);
    return { key, ...figures, small: figures.n < minN };
  });
}

/** Scores collected forecasts: every figure of the report, null (with a reason) where undefined. */
export function scoreReport(collected: Collected, options: ScoreOptions): ScoreReport {
  const { forecasts } = collected;
  const { figures, reasons } = figuresOf(forecasts);
  const pairs = pairsOf(forecasts);
  const { brier, reliability, resolution, uncertainty } = figures;
  const report: ScoreReport = {
    n: figures.n,
    unresolved: collected.unresolved.length,
    baseRate: figures.baseRate,
    brier,
    brierForm: "one-outcome",
    brierInterval: bootstrapBrier(pairs, { seed: options.seed, resamples: options.resamples }),
    brierBand: brierBand(forecasts.map((f) => ({ p: f.probability, o: f.outcome, min: f.min, max: f.max }))),
    reliability,
    resolution,
    uncertainty,
    identityError: brier !== null && reliability !== null && resolution !== null && uncertainty !== null ? Math.abs(brier - (reliability - resolution + uncertainty)) : null,
    skill: figures.skill,
    discrimination: resolution !== null && uncertainty !== null && uncertainty > 0 ? resolution / uncertainty : null,
    auc: figures.auc,
    terms: termRows(forecasts, options.minN),
    calibration: calibrationOf(forecasts, options.minN),
    reasons,
    unresolvedJudgments: collected.unresolved,
    excluded: collected.excluded,
    questions: collected.questions,
    assessments: collected.assessments,
    settings: { editions: options.editions, asOf: options.asOf, seed: options.seed, resamples: options.resamples, minN: options.minN },
  };
  if (options.by) report.slices = { by: options.by, rows: sliceRows(forecasts, options.by, options.minN) };
  return report;
}
