/**
 * The scoring figures as pure functions of (probability, outcome) pairs: Brier score, Murphy's
 * decomposition, AUC, Wilson interval, bootstrap and in-band intervals. Every function returns
 * `null` where the figure is undefined (no forecasts, one class of outcome), never NaN.
 *
 * Sources: Brier (1950); Murphy, "A new vector partition of the probability score", J. Appl.
 * Meteor. 12 (1973); Wilson, JASA 22 (1927); Hanley & McNeil, Radiology 143 (1982) for AUC as the
 * Mann–Whitney statistic.
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformInt } from "pure-rand/distribution/uniformInt";

/** One scored forecast: a stated probability (0–1) and what happened (1 occurred, 0 not). */
export interface Pair {
  p: number;
  o: 0 | 1;
}

/** z for a two-sided 95 % interval, as in Wilson's formula quoted in the research notes. */
export const Z95 = 1.96;

/** Mean of the outcomes (ō), or null with no forecasts. */
export function baseRate(pairs: readonly Pair[]): number | null {
  if (pairs.length === 0) return null;
  let hits = 0;
  for (const f of pairs) hits += f.o;
  return hits / pairs.length;
}

/** Brier score, one-outcome form: (1/N) Σ (p − o)², from 0 (best) to 1; null with no forecasts. */
export function brierScore(pairs: readonly Pair[]): number | null {
  if (pairs.length === 0) return null;
  let sum = 0;
  for (const f of pairs) sum += (f.p - f.o) ** 2;
  return sum / pairs.length;
}

/** Murphy's decomposition BS = REL − RES + UNC, with the forecasts grouped by probability value. */
export interface Decomposition {
  reliability: number;
  resolution: number;
  uncertainty: number;
  /** The groups: each distinct probability with its count and observed frequency. */
  groups: Array<{ p: number; n: number; observed: number }>;
}

/** Murphy (1973) decomposition grouped by each distinct probability value (exact for discrete forecasts); null with no forecasts. */
export function murphy(pairs: readonly Pair[]): Decomposition | null {
  const n = pairs.length;
  if (n === 0) return null;
  const byValue = new Map<number, { n: number; hits: number }>();
  let hits = 0;
  for (const f of pairs) {
    const g = byValue.get(f.p) ?? { n: 0, hits: 0 };
    g.n++;
    g.hits += f.o;
    byValue.set(f.p, g);
    hits += f.o;
  }
  const obar = hits / n;
  let rel = 0;
  let res = 0;
  const groups: Decomposition["groups"] = [];
  for (const p of [...byValue.keys()].sort((a, b) => a - b)) {
    const g = byValue.get(p)!;
    const ok = g.hits / g.n;
    rel += g.n * (p - ok) ** 2;
    res += g.n * (ok - obar) ** 2;
    groups.push({ p, n: g.n, observed: ok });
  }
  return { reliability: rel / n, resolution: res / n, uncertainty: obar * (1 - obar), groups };
}

/**
 * Area under the ROC curve as the Mann–Whitney statistic U / (n₁ n₀): the chance that a forecast
 * of an event that occurred is higher than one of an event that did not, ties counting ½. Null when
 * every outcome is the same (or there are none).
 */
export function auc(pairs: readonly Pair[]): number | null {
  const n1 = pairs.reduce((s, f) => s + f.o, 0);
  const n0 = pairs.length - n1;
  if (n1 === 0 || n0 === 0) return null;
  // Mid-ranks of the probabilities (ties share the mean rank), then U = R₁ − n₁(n₁+1)/2.
  const sorted = [...pairs].sort((a, b) => a.p - b.p);
  let rankSumPositives = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.p === sorted[i]!.p) j++;
    const midRank = (i + 1 + (j + 1)) / 2;
    for (let k = i; k <= j; k++) if (sorted[k]!.o === 1) rankSumPositives += midRank;
    i = j + 1;
  }
  return (rankSumPositives - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}

/** Wilson score interval for `hits` out of `n` (95 % by default); null when n = 0. */
export function wilson(hits: number, n: number, z: number = Z95): [number, number] | null {
  if (n <= 0) return null;
  const phat = hits / n;
  const z2 = z * z;
  const centre = phat + z2 / (2 * n);
  const half = z * Math.sqrt((phat * (1 - phat)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return [Math.max(0, (centre - half) / denom), Math.min(1, (centre + half) / denom)];
}

/** Linear-interpolation quantile (Hyndman & Fan type 7, as R's default) of sorted values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Percentile bootstrap interval of the Brier score: `resamples` samples of N forecasts drawn with
 * replacement by a seeded xoroshiro128+ generator, so the same seed gives the same interval.
 */
export function bootstrapBrier(pairs: readonly Pair[], options: { seed: number; resamples: number; level?: number }): [number, number] | null {
  const n = pairs.length;
  if (n === 0) return null;
  const rng = xoroshiro128plus(options.seed);
  const scores: number[] = new Array<number>(options.resamples);
  for (let b = 0; b < options.resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const f = pairs[uniformInt(rng, 0, n - 1)]!;
      sum += (f.p - f.o) ** 2;
    }
    scores[b] = sum / n;
  }
  scores.sort((a, b) => a - b);
  const alpha = (1 - (options.level ?? 0.95)) / 2;
  return [quantileSorted(scores, alpha), quantileSorted(scores, 1 - alpha)];
}

/** A forecast with the band of its term (0–1). */
export interface BandPair extends Pair {
  min: number;
  max: number;
}

/**
 * The Brier score if every forecast had used the best (resp. worst) probability inside its term's
 * band: the end of the band nearer to (resp. further from) the outcome. Brackets the score of any
 * probabilities within the bands; null with no forecasts.
 */
export function brierBand(pairs: readonly BandPair[]): [number, number] | null {
  if (pairs.length === 0) return null;
  let best = 0;
  let worst = 0;
  for (const f of pairs) {
    const near = f.o === 1 ? f.max : f.min;
    const far = f.o === 1 ? f.min : f.max;
    best += (near - f.o) ** 2;
    worst += (far - f.o) ** 2;
  }
  return [best / pairs.length, worst / pairs.length];
}
