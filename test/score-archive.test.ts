/**
 * Scoring small archives end to end (files → forecasts → report): hand-computed figures, band
 * midpoints, exact probabilities, mixed scales, editions, ledgers, as-of, unresolved and
 * one-class archives, slices.
 */
import { describe, expect, it } from "vitest";
import { wilson } from "../src/score/stats.js";
import { ledgerYaml, scoreArchive, type A } from "./helpers/score.js";

const YES = (d = "2024-01-10"): [boolean, string] => [true, d];
const NO = (d = "2024-01-10"): [boolean, string] => [false, d];

describe("five PHIA judgments, computed by hand", () => {
  const a: A = {
    id: "five",
    cutoff: "2023-01-01",
    judgments: [
      { id: "a", likelihood: "highly likely", horizon: "2024-01-01", outcome: YES() }, // 0.85 → (0.15)² = 0.0225
      { id: "b", likelihood: "highly likely", horizon: "2024-01-01", outcome: NO() }, // 0.85 → 0.7225
      { id: "c", likelihood: "remote chance", horizon: "2024-01-01", outcome: NO() }, // 0.025 → 0.000625
      { id: "d", likelihood: "unlikely", horizon: "2024-01-01", outcome: YES() }, // 0.30 → 0.49
      { id: "e", likelihood: "almost certain", horizon: "2024-01-01", outcome: YES() }, // 0.975 → 0.000625
    ],
  };
  const { report } = scoreArchive([a]);

  it("N, base rate and Brier score", () => {
    expect(report.n).toBe(5);
    expect(report.unresolved).toBe(0);
    expect(report.baseRate).toBeCloseTo(0.6, 15);
    expect(report.brier).toBeCloseTo((0.0225 + 0.7225 + 0.000625 + 0.49 + 0.000625) / 5, 15);
    expect(report.brierForm).toBe("one-outcome");
  });

  it("Murphy decomposition by probability value, with its identity", () => {
    // groups: 0.025 (0/1), 0.3 (1/1), 0.85 (1/2), 0.975 (1/1); ō = 0.6
    const rel = (0.025 ** 2 + 0.7 ** 2 + 2 * 0.35 ** 2 + 0.025 ** 2) / 5;
    const res = (0.6 ** 2 + 0.4 ** 2 + 2 * 0.1 ** 2 + 0.4 ** 2) / 5;
    expect(report.reliability).toBeCloseTo(rel, 15);
    expect(report.resolution).toBeCloseTo(res, 15);
    expect(report.uncertainty).toBeCloseTo(0.24, 15);
    expect(report.identityError!).toBeLessThan(1e-15);
    expect(report.skill).toBeCloseTo(1 - report.brier! / 0.24, 15);
    expect(report.discrimination).toBeCloseTo(res / 0.24, 15);
  });

  it("AUC: positives 0.85, 0.30, 0.975 against negatives 0.85, 0.025 → 4.5/6", () => {
    expect(report.auc).toBeCloseTo(0.75, 15);
  });

  it("best and worst within the bands", () => {
    // best: 0.9→yes .01, 0.8→no .64, 0→no 0, 0.35→yes .4225, 1→yes 0
    // worst: 0.8→yes .04, 0.9→no .81, 0.05→no .0025, 0.25→yes .5625, 0.95→yes .0025
    expect(report.brierBand![0]).toBeCloseTo((0.01 + 0.64 + 0 + 0.4225 + 0) / 5, 15);
    expect(report.brierBand![1]).toBeCloseTo((0.04 + 0.81 + 0.0025 + 0.5625 + 0.0025) / 5, 15);
  });

  it("per-term rows with Wilson intervals and verdicts", () => {
    expect(report.terms.map((t) => [t.scale, t.term, t.n, t.hits])).toEqual([
      ["phia", "remote chance", 1, 0],
      ["phia", "unlikely", 1, 1],
      ["phia", "highly likely", 2, 1],
      ["phia", "almost certain", 1, 1],
    ]);
    const hl = report.terms[2]!;
    expect(hl).toMatchObject({ probability: 0.85, min: 0.8, max: 0.9, observed: 0.5, verdict: "consistent", small: true });
    expect(hl.wilson).toEqual(wilson(1, 2));
    expect(report.terms[0]!.min).toBe(0);
    expect(report.terms[3]!.max).toBe(1);
  });

  it("the bootstrap interval lies around the score", () => {
    const [lo, hi] = report.brierInterval!;
    expect(lo).toBeLessThanOrEqual(report.brier!);
    expect(hi).toBeGreaterThanOrEqual(report.brier!);
  });
});

describe("stated probabilities", () => {
  it("band midpoints, including the open ends of PHIA and the closed ends of ICD 203", () => {
    const { collected } = scoreArchive([
      { id: "p", cutoff: "2023-01-01", judgments: [{ id: "r", likelihood: "remote chance", outcome: NO() }, { id: "c", likelihood: "almost certain", outcome: YES() }] },
      { id: "i", cutoff: "2023-01-01", scale: "icd203", judgments: [{ id: "r", likelihood: "almost no chance", outcome: NO() }, { id: "c", likelihood: "nearly certain", outcome: YES() }, { id: "l", likelihood: "probable", outcome: YES() }] },
    ]);
    const p = Object.fromEntries(collected.forecasts.map((f) => [f.question, f.probability]));
    expect(p).toEqual({ "p/r": 0.025, "p/c": 0.975, "i/r": 0.03, "i/c": 0.97, "i/l": 0.675 });
  });

  it("custom scales from yardstick.config.yaml use their midpoints too", () => {
    const config = "scales:\n  house:\n    terms:\n      - { term: doubtful, min: 10, max: 30 }\n      - { term: even chance, min: 40, max: 60, kind: noun }\n";
    const { collected } = scoreArchive([{ id: "h", cutoff: "2023-01-01", scale: "house", judgments: [{ id: "t", likelihood: "even chance", outcome: YES() }, { id: "d", likelihood: "doubtful", outcome: NO() }] }], { extra: { "yardstick.config.yaml": config } });
    expect(collected.forecasts.map((f) => [f.scale, f.term, f.probability])).toEqual([
      ["house", "even chance", 0.5],
      ["house", "doubtful", 0.2],
    ]);
  });

  it("an exact probability replaces the midpoint, as a number or a percentage", () => {
    const { collected } = scoreArchive([{ id: "x", cutoff: "2023-01-01", judgments: [{ id: "a", likelihood: "likely", probability: "72 %", outcome: YES() }, { id: "b", likelihood: "likely", probability: 0.6, outcome: NO() }] }]);
    expect(collected.forecasts.map((f) => [f.probability, f.exact])).toEqual([
      [0.72, true],
      [0.6, true],
    ]);
  });

  it("mixed scales pool by probability value in the decomposition, but keep their own term rows", () => {
    const { report } = scoreArchive([
      { id: "p", cutoff: "2023-01-01", judgments: [{ id: "a", likelihood: "likely", probability: 0.6, outcome: YES() }] },
      { id: "i", cutoff: "2023-01-01", scale: "icd203", judgments: [{ id: "a", likelihood: "likely", probability: 0.6, outcome: NO() }] },
    ]);
    // One group at 0.6 with ō = 0.5: REL = (0.6 − 0.5)² = 0.01 (two groups would give 0.26).
    expect(report.reliability).toBeCloseTo(0.01, 15);
    expect(report.resolution).toBeCloseTo(0, 15);
    expect(report.terms.map((t) => `${t.scale}:${t.term}`)).toEqual(["icd203:likely", "phia:likely"]);
  });
});

describe("editions", () => {
  const chain: A[] = [
    { id: "ed-1", cutoff: "2022-01-10", judgments: [{ id: "q", likelihood: "likely", horizon: "2023-01-01" }] },
    { id: "ed-2", cutoff: "2022-06-01", supersedes: "ed-1", judgments: [{ id: "q", likelihood: "highly likely", horizon: "2023-01-01" }, { id: "new", likelihood: "unlikely", horizon: "2023-01-01", outcome: NO("2023-01-05") }] },
    // Issued after the horizon: not a forecast of q, though it records the outcome.
    { id: "ed-3", cutoff: "2023-02-01", supersedes: "ed-2", judgments: [{ id: "q", likelihood: "almost certain", outcome: YES("2023-02-10") }] },
  ];

  it("latest: one forecast per question, from the latest edition issued before the horizon", () => {
    const { report, collected } = scoreArchive(chain);
    expect(collected.questions).toBe(2);
    expect(collected.forecasts.map((f) => [f.question, f.assessment, f.probability, f.outcome])).toEqual([
      ["ed-1/q", "ed-2", 0.85, 1],
      ["ed-2/new", "ed-2", 0.3, 0],
    ]);
    expect(report.n).toBe(2);
    expect(collected.forecasts[0]!.outcomeAt.file).toBe("ed-3.yaml");
  });

  it("all: every edition issued before the horizon", () => {
    const { collected } = scoreArchive(chain, { editions: "all" });
    expect(collected.forecasts.map((f) => [f.question, f.assessment, f.probability])).toEqual([
      ["ed-1/q", "ed-1", 0.65, ],
      ["ed-1/q", "ed-2", 0.85],
      ["ed-2/new", "ed-2", 0.3],
    ]);
  });

  it("a path in supersedes links editions too", () => {
    const { collected } = scoreArchive([
      { id: "base", cutoff: "2022-01-10", judgments: [{ id: "q", likelihood: "likely", horizon: "2023-01-01", outcome: YES("2023-01-02") }] },
      { id: "next", cutoff: "2022-03-10", supersedes: "./base.yaml", judgments: [{ id: "q", likelihood: "unlikely", horizon: "2023-01-01" }] },
    ]);
    expect(collected.forecasts.map((f) => [f.question, f.assessment])).toEqual([["base/q", "next"]]);
  });

  it("--as-of ignores later editions and later outcomes", () => {
    const { collected, report } = scoreArchive(chain, { asOf: "2022-12-31" });
    expect(report.n).toBe(0);
    expect(collected.assessments).toBe(2);
    expect(report.unresolvedJudgments.map((u) => [u.question, u.file, u.reason])).toEqual([
      ["ed-1/q", "ed-2.yaml", "horizon 2023-01-01 not reached"],
      ["ed-2/new", "ed-2.yaml", "horizon 2023-01-01 not reached"],
    ]);
  });
});

describe("outcomes ledger", () => {
  const a: A = { id: "pub", cutoff: "2022-01-10", judgments: [{ id: "x", likelihood: "likely", horizon: "2023-01-01" }, { id: "y", likelihood: "unlikely", horizon: "2023-01-01", outcome: YES("2023-01-04") }] };
  const b: A = { id: "pub-2", cutoff: "2022-05-10", supersedes: "pub", judgments: [{ id: "x", likelihood: "highly likely", horizon: "2023-01-01" }] };

  it("an outcome keyed by any edition's id resolves the question", () => {
    const ledger = ledgerYaml([{ assessment: "pub", judgment: "x", occurred: false, resolved: "2023-02-01" }]);
    const { collected, diagnostics } = scoreArchive([a, b], { extra: { "ledger/outcomes.yaml": ledger } });
    expect(diagnostics).toEqual([]);
    expect(collected.forecasts.map((f) => [f.question, f.assessment, f.outcome, f.outcomeAt.file])).toEqual([
      ["pub/x", "pub-2", 0, "ledger/outcomes.yaml"],
      ["pub/y", "pub", 1, "pub.yaml"],
    ]);
  });

  it("a ledger entry for an unknown judgment is a positioned warning", () => {
    const ledger = ledgerYaml([{ assessment: "pub", judgment: "nope", occurred: true, resolved: "2023-02-01" }, { assessment: "gone", judgment: "x", occurred: true, resolved: "2023-02-01" }]);
    const { diagnostics } = scoreArchive([a], { extra: { "outcomes.yaml": ledger } });
    expect(diagnostics.map((d) => [d.ruleId, d.severity, d.file, d.line, d.messageId])).toEqual([
      ["outcome-unknown-judgment", "warning", "outcomes.yaml", 4, "noJudgment"],
      ["outcome-unknown-judgment", "warning", "outcomes.yaml", 8, "noAssessment"],
    ]);
    // The message names the ids the ledger wrote.
    expect(diagnostics[0]!.message).toContain("`nope`");
  });

  it("conflicting outcomes are an error and leave the question unresolved", () => {
    const ledger = ledgerYaml([{ assessment: "pub", judgment: "y", occurred: false, resolved: "2023-02-01" }]);
    const { report, diagnostics } = scoreArchive([a], { extra: { "outcomes.yaml": ledger } });
    expect(diagnostics.map((d) => [d.ruleId, d.messageId, d.severity, d.file])).toEqual([["outcome-conflict", "conflict", "error", "outcomes.yaml"]]);
    expect(report.unresolvedJudgments.find((u) => u.judgment === "y")?.reason).toBe("conflicting outcomes recorded");
  });

  it("an invalid ledger gets positioned schema diagnostics", () => {
    const bad = "yardstick: 1\nkind: outcomes\noutcomes:\n  - assessment: pub\n    judgment: x\n    occured: true\n    resolved: 2023-02-01\n";
    const { diagnostics } = scoreArchive([a], { extra: { "outcomes.yaml": bad } });
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.file === "outcomes.yaml" && d.severity === "error")).toBe(true);
    expect(diagnostics.some((d) => d.line === 6 && d.messageId === "unknownIn" && /occured/.test(d.message))).toBe(true);
  });

  it("an entry recorded twice is an error at the second", () => {
    const twice = ledgerYaml([
      { assessment: "pub", judgment: "x", occurred: true, resolved: "2023-02-01" },
      { assessment: "pub", judgment: "x", occurred: true, resolved: "2023-02-02" },
    ]);
    const { diagnostics } = scoreArchive([a], { extra: { "outcomes.yaml": twice } });
    expect(diagnostics.map((d) => [d.ruleId, d.messageId, d.line])).toEqual([["outcome-duplicate", "twice", 8]]);
  });
});

describe("unresolved and one-class archives", () => {
  it("lists unresolved judgments with file:line and scores none of them", () => {
    const { report } = scoreArchive([{ id: "u", cutoff: "2023-01-01", judgments: [{ id: "a", likelihood: "likely", horizon: "2023-06-01" }, { id: "b", likelihood: "likely" }] }]);
    expect(report.n).toBe(0);
    expect(report.unresolved).toBe(2);
    expect(report.unresolvedJudgments.map((u) => [u.file, u.line, u.reason])).toEqual([
      ["u.yaml", 7, "horizon 2023-06-01 passed; no outcome recorded"],
      ["u.yaml", 11, "no outcome recorded (and no horizon)"],
    ]);
    for (const k of ["baseRate", "brier", "brierInterval", "brierBand", "reliability", "resolution", "uncertainty", "skill", "auc"] as const) {
      expect(report[k]).toBeNull();
      expect(report.reasons[k]).toBe("no resolved judgments to score");
    }
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it("one class of outcome: skill and AUC n/a with the reason", () => {
    const { report } = scoreArchive([{ id: "o", cutoff: "2023-01-01", judgments: [{ id: "a", likelihood: "likely", outcome: YES() }, { id: "b", likelihood: "unlikely", outcome: YES() }, { id: "c", likelihood: "highly likely", outcome: YES() }] }]);
    expect(report.n).toBe(3);
    expect(report.uncertainty).toBe(0);
    expect(report.skill).toBeNull();
    expect(report.auc).toBeNull();
    expect(report.discrimination).toBeNull();
    expect(report.reasons.skill).toMatch(/every outcome is the same/);
    expect(report.brier).toBeCloseTo((0.35 ** 2 + 0.7 ** 2 + 0.15 ** 2) / 3, 15);
  });
});

describe("verdicts and the over/underconfidence line", () => {
  const many = (n: number, likelihood: string, hits: number) => Array.from({ length: n }, (_, i) => ({ id: `${likelihood.replace(/ /g, "-")}-${i}`, likelihood, outcome: i < hits ? YES() : NO() }));

  it("over: happens less often than claimed; under: more often; with the words", () => {
    const { report } = scoreArchive([{ id: "v", cutoff: "2023-01-01", judgments: [...many(12, "highly likely", 3), ...many(12, "highly unlikely", 0), ...many(12, "realistic possibility", 11)] }]);
    const verdicts = Object.fromEntries(report.terms.map((t) => [t.term, t.verdict]));
    expect(verdicts).toEqual({ "highly unlikely": "consistent", "realistic possibility": "under", "highly likely": "over" });
    expect(report.terms.every((t) => !t.small)).toBe(true);
    // Above 50 %: 25 % against 85 % stated; below: 46 % against 30 %: too extreme on both sides.
    expect(report.calibration.direction).toBe("overconfident");
  });

  it("mixed when events come true more often than stated on both sides", () => {
    const { report } = scoreArchive([{ id: "m", cutoff: "2023-01-01", judgments: [...many(10, "likely", 10), ...many(10, "unlikely", 10)] }]);
    expect(report.calibration.direction).toBe("mixed");
    expect(report.calibration.text).toMatch(/came true more often than stated on both sides/);
  });

  it("underconfident when likely things happen more and unlikely things less than stated", () => {
    const { report } = scoreArchive([{ id: "u", cutoff: "2023-01-01", judgments: [...many(10, "likely", 10), ...many(10, "unlikely", 0)] }]);
    expect(report.calibration.direction).toBe("underconfident");
    expect(report.calibration.text).toMatch(/^Underconfident .*above 50 % came true 100 % of the time against 65 % stated \(n = 10\).*below 50 % came true 0 % of the time against 30 % stated/);
  });

  it("overconfident in the reverse case", () => {
    const { report } = scoreArchive([{ id: "o", cutoff: "2023-01-01", judgments: [...many(10, "almost certain", 5), ...many(10, "remote chance", 5)] }]);
    expect(report.calibration.direction).toBe("overconfident");
  });
});

describe("slices", () => {
  const archive: A[] = [
    { id: "s1", cutoff: "2023-01-01", authors: ["Ann", "Bob"], judgments: [{ id: "a", likelihood: "likely", confidence: "high", horizon: "2 months", outcome: YES("2023-03-05") }] },
    { id: "s2", cutoff: "2023-01-01", authors: ["Bob"], judgments: [{ id: "a", likelihood: "unlikely", horizon: "2024-06-01", outcome: YES("2024-06-05") }, { id: "b", likelihood: "unlikely", outcome: NO() }] },
  ];

  it("by author: a forecast counts for each of its authors", () => {
    const { report } = scoreArchive(archive, { by: "author", minN: 2 });
    expect(report.slices!.rows.map((r) => [r.key, r.n, r.hits, r.small])).toEqual([
      ["Ann", 1, 1, true],
      ["Bob", 3, 2, false],
    ]);
    expect(report.slices!.rows[0]!.brier).toBeCloseTo(0.35 ** 2, 15);
    expect(report.slices!.rows[0]!.auc).toBeNull();
  });

  it("by horizon, confidence, scale, term and assessment", () => {
    const keys = (by: "horizon" | "confidence" | "scale" | "term" | "assessment") => scoreArchive(archive, { by }).report.slices!.rows.map((r) => [r.key, r.n]);
    expect(keys("horizon")).toEqual([
      ["up to 3 months", 1],
      ["1–2 years", 1],
      ["no horizon", 1],
    ]);
    expect(keys("confidence")).toEqual([
      ["high", 1],
      ["not stated", 2],
    ]);
    expect(keys("scale")).toEqual([["phia", 3]]);
    expect(keys("term")).toEqual([
      ["phia: likely", 1],
      ["phia: unlikely", 2],
    ]);
    expect(keys("assessment")).toEqual([
      ["s1", 1],
      ["s2", 2],
    ]);
  });
});
