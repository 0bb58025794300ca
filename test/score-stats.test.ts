/**
 * The scoring figures: hand-computed small cases, textbook values (Wilson, AUC), the Murphy
 * identity on random archives, and agreement with a plain independent computation.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { auc, baseRate, bootstrapBrier, brierBand, brierScore, murphy, quantileSorted, wilson, type Pair } from "../src/score/stats.js";

const pairs = (list: Array<[number, 0 | 1]>): Pair[] => list.map(([p, o]) => ({ p, o }));

/**
 * An independent, deliberately plain implementation of every figure: no grouping maps, no
 * ranks — each written straight from its definition.
 */
const independent = {
  brier(fs: Pair[]): number {
    let s = 0;
    for (let i = 0; i < fs.length; i++) s += (fs[i]!.p - fs[i]!.o) * (fs[i]!.p - fs[i]!.o);
    return s / fs.length;
  },
  decomposition(fs: Pair[]): { rel: number; res: number; unc: number } {
    const n = fs.length;
    const obar = fs.filter((f) => f.o === 1).length / n;
    const values: number[] = [];
    for (const f of fs) if (!values.includes(f.p)) values.push(f.p);
    let rel = 0;
    let res = 0;
    for (const v of values) {
      const inGroup = fs.filter((f) => f.p === v);
      const ok = inGroup.filter((f) => f.o === 1).length / inGroup.length;
      rel += inGroup.length * (v - ok) * (v - ok);
      res += inGroup.length * (ok - obar) * (ok - obar);
    }
    return { rel: rel / n, res: res / n, unc: obar * (1 - obar) };
  },
  auc(fs: Pair[]): number {
    const pos = fs.filter((f) => f.o === 1);
    const neg = fs.filter((f) => f.o === 0);
    let u = 0;
    for (const a of pos) for (const b of neg) u += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
    return u / (pos.length * neg.length);
  },
};

describe("hand-computed five forecasts", () => {
  // 0.9 → yes, yes, no; 0.2 → no, yes.
  const fs = pairs([
    [0.9, 1],
    [0.9, 1],
    [0.9, 0],
    [0.2, 0],
    [0.2, 1],
  ]);

  it("base rate 3/5 and Brier (0.01 + 0.01 + 0.81 + 0.04 + 0.64)/5 = 0.302", () => {
    expect(baseRate(fs)).toBeCloseTo(0.6, 15);
    expect(brierScore(fs)).toBeCloseTo(0.302, 15);
  });

  it("Murphy: REL 0.0686667, RES 0.0066667, UNC 0.24, summing to the Brier score", () => {
    const d = murphy(fs)!;
    // REL = [3 (0.9 − 2/3)² + 2 (0.2 − 1/2)²]/5; RES = [3 (2/3 − 0.6)² + 2 (0.5 − 0.6)²]/5.
    expect(d.reliability).toBeCloseTo((3 * (0.9 - 2 / 3) ** 2 + 2 * 0.3 ** 2) / 5, 15);
    expect(d.reliability).toBeCloseTo(0.0686667, 6);
    expect(d.resolution).toBeCloseTo(0.0066667, 6);
    expect(d.uncertainty).toBeCloseTo(0.24, 15);
    expect(d.groups).toEqual([
      { p: 0.2, n: 2, observed: 0.5 },
      { p: 0.9, n: 3, observed: 2 / 3 },
    ]);
    expect(Math.abs(d.reliability - d.resolution + d.uncertainty - 0.302)).toBeLessThan(1e-15);
  });

  it("AUC: (½ + 1 + ½ + 1 + 0 + ½)/6 = 3.5/6", () => {
    expect(auc(fs)).toBeCloseTo(3.5 / 6, 15);
  });

  it("best/worst within bands: the band end nearer to / further from the outcome", () => {
    // highly likely 80–90 % for the 0.9s, highly unlikely 10–20 % for the 0.2s.
    const banded = fs.map((f) => ({ ...f, min: f.p > 0.5 ? 0.8 : 0.1, max: f.p > 0.5 ? 0.9 : 0.2 }));
    const [best, worst] = brierBand(banded)!;
    // best: yes→0.9 (0.01), yes→0.9 (0.01), no→0.8 (0.64), no→0.1 (0.01), yes→0.2 (0.64)
    expect(best).toBeCloseTo((0.01 + 0.01 + 0.64 + 0.01 + 0.64) / 5, 15);
    // worst: yes→0.8 (0.04), yes→0.8 (0.04), no→0.9 (0.81), no→0.2 (0.04), yes→0.1 (0.81)
    expect(worst).toBeCloseTo((0.04 + 0.04 + 0.81 + 0.04 + 0.81) / 5, 15);
    expect(best).toBeLessThanOrEqual(brierScore(fs)!);
    expect(worst).toBeGreaterThanOrEqual(brierScore(fs)!);
  });
});

describe("three forecasts, all at 50 %", () => {
  const fs = pairs([
    [0.5, 1],
    [0.5, 0],
    [0.5, 1],
  ]);
  it("Brier 0.25, no resolution, AUC ½ (all ties)", () => {
    expect(brierScore(fs)).toBeCloseTo(0.25, 15);
    const d = murphy(fs)!;
    expect(d.resolution).toBeCloseTo(0, 15);
    expect(d.reliability).toBeCloseTo((1 / 6) ** 2, 15);
    expect(auc(fs)).toBe(0.5);
  });
});

describe("undefined figures are null, never NaN", () => {
  it("no forecasts", () => {
    expect(baseRate([])).toBeNull();
    expect(brierScore([])).toBeNull();
    expect(murphy([])).toBeNull();
    expect(auc([])).toBeNull();
    expect(wilson(0, 0)).toBeNull();
    expect(bootstrapBrier([], { seed: 1, resamples: 10 })).toBeNull();
    expect(brierBand([])).toBeNull();
  });
  it("one class of outcome: AUC undefined, uncertainty 0", () => {
    const fs = pairs([
      [0.9, 1],
      [0.7, 1],
      [0.2, 1],
    ]);
    expect(auc(fs)).toBeNull();
    expect(murphy(fs)!.uncertainty).toBe(0);
  });
});

describe("Wilson interval against textbook values (Newcombe, Stat. Med. 1998, method 3)", () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [0, 10, 0, 0.2775],
  ])("%i/%i → %f–%f", (hits, n, lo, hi) => {
    const [a, b] = wilson(hits, n)!;
    expect(a).toBeCloseTo(lo, 4);
    expect(b).toBeCloseTo(hi, 4);
  });
  it("is symmetric: k/n and (n−k)/n mirror each other", () => {
    const [a, b] = wilson(3, 17)!;
    const [c, d] = wilson(14, 17)!;
    expect(a).toBeCloseTo(1 - d, 12);
    expect(b).toBeCloseTo(1 - c, 12);
  });
});

describe("AUC against a textbook value (Hanley & McNeil, Radiology 1982, table 1: 0.893)", () => {
  // Ratings 1 (definitely normal) to 5 (definitely abnormal) of 109 CT images.
  const normal = [33, 6, 6, 11, 2];
  const abnormal = [3, 2, 2, 11, 33];
  const fs: Pair[] = [];
  normal.forEach((count, i) => {
    for (let k = 0; k < count; k++) fs.push({ p: (i + 1) / 5, o: 0 });
  });
  abnormal.forEach((count, i) => {
    for (let k = 0; k < count; k++) fs.push({ p: (i + 1) / 5, o: 1 });
  });
  it("is 0.893 with ties counting ½", () => {
    expect(auc(fs)).toBeCloseTo(0.893, 3);
    expect(auc(fs)).toBeCloseTo(independent.auc(fs), 12);
  });
});

describe("bootstrap interval", () => {
  const fs = pairs([
    [0.9, 1],
    [0.9, 0],
    [0.7, 1],
    [0.3, 0],
    [0.3, 1],
    [0.1, 0],
    [0.5, 1],
    [0.6, 0],
  ]);
  it("is reproducible with a seed and changes with it", () => {
    const a = bootstrapBrier(fs, { seed: 42, resamples: 500 });
    const b = bootstrapBrier(fs, { seed: 42, resamples: 500 });
    const c = bootstrapBrier(fs, { seed: 43, resamples: 500 });
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });
  it("brackets the score and lies within the range of possible resample scores", () => {
    const [lo, hi] = bootstrapBrier(fs, { seed: 7, resamples: 2000 })!;
    const bs = brierScore(fs)!;
    expect(lo).toBeLessThan(bs);
    expect(hi).toBeGreaterThan(bs);
    const each = fs.map((f) => (f.p - f.o) ** 2);
    expect(lo).toBeGreaterThanOrEqual(Math.min(...each));
    expect(hi).toBeLessThanOrEqual(Math.max(...each));
  });
  it("collapses to the score for one forecast", () => {
    const bs = brierScore(pairs([[0.8, 1]]))!;
    expect(bootstrapBrier(pairs([[0.8, 1]]), { seed: 1, resamples: 50 })).toEqual([bs, bs]);
  });
  it("quantiles interpolate linearly (type 7)", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantileSorted([0, 10], 0.025)).toBeCloseTo(0.25, 12);
  });
});

/** Random archives: probabilities drawn from a small set of band values (as terms give), outcomes 0/1. */
const archive = fc.array(
  fc.record({
    p: fc.constantFrom(0.025, 0.15, 0.3, 0.45, 0.65, 0.85, 0.975, 0.03, 0.125, 0.325, 0.5, 0.675, 0.875, 0.97, 0.72, 0.61),
    o: fc.constantFrom(0 as const, 1 as const),
  }),
  { minLength: 1, maxLength: 300 },
);

describe("properties on random archives", () => {
  it("the decomposition identity BS = REL − RES + UNC holds to 1e-12", () => {
    fc.assert(
      fc.property(archive, (fs) => {
        const d = murphy(fs)!;
        return Math.abs(brierScore(fs)! - (d.reliability - d.resolution + d.uncertainty)) < 1e-12;
      }),
      { numRuns: 300 },
    );
  });

  it("every figure agrees with the independent computation to 1e-9", () => {
    fc.assert(
      fc.property(archive, (fs) => {
        const d = murphy(fs)!;
        const ind = independent.decomposition(fs);
        expect(Math.abs(brierScore(fs)! - independent.brier(fs))).toBeLessThan(1e-9);
        expect(Math.abs(d.reliability - ind.rel)).toBeLessThan(1e-9);
        expect(Math.abs(d.resolution - ind.res)).toBeLessThan(1e-9);
        expect(Math.abs(d.uncertainty - ind.unc)).toBeLessThan(1e-9);
        const a = auc(fs);
        if (ind.unc === 0) expect(a).toBeNull();
        else expect(Math.abs(a! - independent.auc(fs))).toBeLessThan(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it("the in-band interval brackets the Brier score of any probabilities inside the bands", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ lo: fc.integer({ min: 0, max: 90 }), width: fc.integer({ min: 0, max: 10 }), t: fc.double({ min: 0, max: 1, noNaN: true }), o: fc.constantFrom(0 as const, 1 as const) }), { minLength: 1, maxLength: 50 }),
        (rows) => {
          const fs = rows.map((r) => {
            const min = r.lo / 100;
            const max = (r.lo + r.width) / 100;
            return { p: min + r.t * (max - min), o: r.o, min, max };
          });
          const [best, worst] = brierBand(fs)!;
          const bs = brierScore(fs)!;
          return best <= bs + 1e-12 && bs <= worst + 1e-12;
        },
      ),
      { numRuns: 200 },
    );
  });
});
