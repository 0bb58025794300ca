/**
 * The data of `yardstick score`: forecasts collected from an archive, and the report computed
 * from them. The report is the JSON contract (probabilities 0–1, null where undefined).
 */
import type { Confidence } from "../schema/assessment.js";

/** Which editions of a judgment carried through a `supersedes` chain are scored. */
export type EditionsMode = "latest" | "all";

/** How forecasts can be sliced. */
export const SLICE_KEYS = ["term", "scale", "author", "confidence", "horizon", "assessment"] as const;
export type SliceKey = (typeof SLICE_KEYS)[number];

/** Where something is written: a file and a 1-based line. */
export interface Place {
  file: string;
  line: number;
}

/** One resolved judgment of one edition: a forecast with its outcome. */
export interface Forecast extends Place {
  /** The question: the first edition's assessment id and the judgment id ("isk-2022-07/attacks"). */
  question: string;
  /** Id of the edition's assessment. */
  assessment: string;
  judgment: string;
  /** Scale id and name, term id and canonical label. */
  scale: string;
  scaleName: string;
  termId: string;
  term: string;
  /** The term's band, 0–1. */
  min: number;
  max: number;
  /** The stated probability, 0–1: the exact `probability`, else the band's midpoint. */
  probability: number;
  /** True when the analyst wrote an exact `probability`. */
  exact: boolean;
  /** 1 when the judged event occurred, else 0. */
  outcome: 0 | 1;
  /** Where the outcome is recorded. */
  outcomeAt: Place;
  authors: string[];
  confidence?: Confidence;
  /** The edition's date: `issued`, else the cutoff. */
  edition: string;
  /** The judgment's horizon as a date, when it has one. */
  horizon?: string;
}

/** A judgment that could be scored but has no outcome (yet): listed, never imputed. */
export interface UnresolvedJudgment extends Place {
  question: string;
  assessment: string;
  judgment: string;
  horizon?: string;
  /** Why it is not scored, in words. */
  reason: string;
}

/** One row of the per-term table. */
export interface TermRow {
  scale: string;
  term: string;
  /** Mean stated probability of the term's forecasts (the band midpoint unless exact probabilities were given). */
  probability: number;
  min: number;
  max: number;
  n: number;
  hits: number;
  observed: number;
  wilson: [number, number];
  /** consistent: the Wilson interval overlaps the band; over: happens less often than claimed; under: more often. */
  verdict: "consistent" | "over" | "under";
  /** Fewer forecasts than `--min-n`. */
  small: boolean;
}

/** Summary figures of a set of forecasts (the whole archive or one slice). */
export interface Figures {
  n: number;
  hits: number;
  baseRate: number | null;
  brier: number | null;
  reliability: number | null;
  resolution: number | null;
  uncertainty: number | null;
  skill: number | null;
  auc: number | null;
}

/** One cell of a `--by` slice. */
export interface SliceRow extends Figures {
  key: string;
  small: boolean;
}

/** Over- or underconfidence, from the forecasts on each side of 50 %. */
export interface ConfidenceSide {
  n: number;
  /** Mean stated probability. */
  stated: number;
  observed: number;
}

/** What the archive shows about over- or underconfidence. */
export interface Calibration {
  above: ConfidenceSide | null;
  below: ConfidenceSide | null;
  direction: "overconfident" | "underconfident" | "mixed" | "calibrated" | null;
  /** The same in words. */
  text: string;
}

/** The result of scoring an archive: the JSON contract of `yardstick score --format json`. */
export interface ScoreReport {
  n: number;
  /** Number of judgments that could be scored but have no outcome (listed in `unresolvedJudgments`). */
  unresolved: number;
  baseRate: number | null;
  /** One-outcome form: (1/N) Σ (p − o)², 0–1. */
  brier: number | null;
  brierForm: "one-outcome";
  /** Percentile bootstrap 95 % interval. */
  brierInterval: [number, number] | null;
  /** The score with the best and the worst probability inside each term's band. */
  brierBand: [number, number] | null;
  reliability: number | null;
  resolution: number | null;
  uncertainty: number | null;
  /** |BS − (REL − RES + UNC)|: the decomposition's identity check. */
  identityError: number | null;
  /** 1 − BS/UNC. */
  skill: number | null;
  /** RES/UNC. */
  discrimination: number | null;
  auc: number | null;
  terms: TermRow[];
  calibration: Calibration;
  /** Why each null figure is undefined, by figure name. */
  reasons: Record<string, string>;
  unresolvedJudgments: UnresolvedJudgment[];
  /** Judgments left out because no edition was issued before the horizon (or the outcome). */
  excluded: UnresolvedJudgment[];
  /** Number of distinct questions among the forecasts. */
  questions: number;
  /** Number of assessments (editions) read. */
  assessments: number;
  slices?: { by: SliceKey; rows: SliceRow[] };
  settings: { editions: EditionsMode; asOf: string; seed: number; resamples: number; minN: number };
}
