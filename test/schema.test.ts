/**
 * Accept/reject cases of the zod schemas of format v1, and of the loader around them.
 */
import { describe, expect, it } from "vitest";
import { Assessment, Evidence, IsoDate, Judgment, Marking, Slug, Source, Tlp, MAX_ID_LENGTH } from "../src/schema/assessment.js";
import { parseAssessment } from "../src/schema/load.js";

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

const minimal = {
  yardstick: 1,
  id: "example",
  title: "Example",
  cutoff: "2022-07-09",
  summary: "A summary.",
  judgments: [{ id: "attacks", likelihood: "likely", statement: "Attacks will continue." }],
};

describe("Slug (ids)", () => {
  it.each(["a", "isk-2022-07", "attacks-afghanistan", "x1-y2-z3", "2022"])("accepts %j", (id) => {
    expect(ok(Slug, id)).toBe(true);
  });
  it.each([
    "../etc/passwd",
    "a/b",
    "a\\b",
    ".hidden",
    "Attacks",
    "snake_case",
    "double--hyphen",
    "-leading",
    "trailing-",
    "with space",
    "",
    "café",
    "a.yaml",
  ])("rejects %j", (id) => {
    expect(ok(Slug, id)).toBe(false);
  });
  it("rejects ids longer than the limit and accepts one at the limit", () => {
    expect(ok(Slug, "a".repeat(MAX_ID_LENGTH))).toBe(true);
    expect(ok(Slug, "a".repeat(MAX_ID_LENGTH + 1))).toBe(false);
  });
  it("rejects non-strings", () => {
    expect(ok(Slug, 12)).toBe(false);
    expect(ok(Slug, null)).toBe(false);
  });
});

describe("IsoDate", () => {
  it.each(["2022-07-09", "2024-02-29", "2000-02-29", "1999-12-31"])("accepts %s", (d) => {
    expect(ok(IsoDate, d)).toBe(true);
  });
  it.each(["2022-02-30", "2023-02-29", "1900-02-29", "2022-13-01", "2022-00-10", "2022-7-9", "09/07/22", "2022-07-09T00:00:00Z", "20220709", ""])(
    "rejects %j",
    (d) => {
      expect(ok(IsoDate, d)).toBe(false);
    },
  );
});

describe("judgment horizon: a date or a duration", () => {
  const judgment = (horizon: unknown) => ({ id: "a", likelihood: "likely", statement: "S.", horizon });
  it.each(["2023-07-09", "12 months", "1 month", "2 years", "6 weeks", "30 days", "1 year"])("accepts %j", (h) => {
    expect(ok(Judgment, judgment(h))).toBe(true);
  });
  it.each(["next year", "0 months", "12 month later", "12months", "-1 years", "12 fortnights", "2023-02-30", 12])("rejects %j", (h) => {
    expect(ok(Judgment, judgment(h))).toBe(false);
  });
});

describe("marking", () => {
  it.each(["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"])("accepts TLP %s", (t) => {
    expect(ok(Tlp, t)).toBe(true);
  });
  it.each(["amber", "WHITE", "AMBER STRICT", ""])("rejects TLP %j", (t) => {
    expect(ok(Tlp, t)).toBe(false);
  });
  it("is a closed mapping", () => {
    expect(ok(Marking, { classification: "OFFICIAL", tlp: "CLEAR" })).toBe(true);
    expect(ok(Marking, { classification: "OFFICIAL", colour: "red" })).toBe(false);
  });
});

describe("sources: reliability and credibility", () => {
  const source = (extra: Record<string, unknown>) => ({ id: "s", title: "T", ...extra });
  it.each([1, 2, 3, 4, 5, 6])("accepts credibility %d", (c) => {
    expect(ok(Source, source({ credibility: c }))).toBe(true);
  });
  it.each([0, 7, 2.5, "2", -1])("rejects credibility %j", (c) => {
    expect(ok(Source, source({ credibility: c }))).toBe(false);
  });
  it.each(["A", "B", "C", "D", "E", "F"])("accepts reliability %s", (r) => {
    expect(ok(Source, source({ reliability: r }))).toBe(true);
  });
  it.each(["G", "a", 1])("rejects reliability %j", (r) => {
    expect(ok(Source, source({ reliability: r }))).toBe(false);
  });
  it("needs an id and refuses unknown keys", () => {
    expect(ok(Source, { title: "T" })).toBe(false);
    expect(ok(Source, source({ link: "https://example.org" }))).toBe(false);
  });
});

describe("evidence: a string or an object", () => {
  it("accepts a plain string", () => {
    expect(ok(Evidence, "An unsourced observation.")).toBe(true);
  });
  it("rejects an empty or blank string", () => {
    expect(ok(Evidence, "")).toBe(false);
    expect(ok(Evidence, "   ")).toBe(false);
  });
  it("accepts an object citing a source id", () => {
    expect(ok(Evidence, { text: "A bus was attacked.", source: "herat", date: "2022-07-05" })).toBe(true);
  });
  it("accepts an object with an inline source", () => {
    expect(ok(Evidence, { text: "A bus was attacked.", source: { title: "Herat report", url: "https://example.org/r", credibility: 2 } })).toBe(true);
  });
  it("rejects an object without text, or with unknown keys", () => {
    expect(ok(Evidence, { source: "herat" })).toBe(false);
    expect(ok(Evidence, { text: "T", sauce: "herat" })).toBe(false);
  });
  it("rejects a source id that is a path, and an inline source with unknown keys", () => {
    expect(ok(Evidence, { text: "T", source: "../secret" })).toBe(false);
    expect(ok(Evidence, { text: "T", source: { title: "R", href: "x" } })).toBe(false);
  });
  it("rejects lists and numbers", () => {
    expect(ok(Evidence, ["a"])).toBe(false);
    expect(ok(Evidence, 3)).toBe(false);
  });
});

describe("Assessment", () => {
  it("accepts the minimal assessment and fills in defaults", () => {
    const r = Assessment.safeParse(minimal);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.scale).toBe("phia");
    expect(r.data.sources).toEqual([]);
    expect(r.data.judgments[0]!.evidence).toEqual([]);
  });
  it.each(["yardstick", "title", "cutoff", "summary", "judgments"])("requires %s", (key) => {
    const copy: Record<string, unknown> = { ...minimal };
    delete copy[key];
    expect(ok(Assessment, copy)).toBe(false);
  });
  it("does not require an id (the loader takes it from the file name)", () => {
    const { id: _id, ...rest } = minimal;
    expect(ok(Assessment, rest)).toBe(true);
  });
  it("rejects other format versions, no judgments, and unknown keys", () => {
    expect(ok(Assessment, { ...minimal, yardstick: 2 })).toBe(false);
    expect(ok(Assessment, { ...minimal, yardstick: "1" })).toBe(false);
    expect(ok(Assessment, { ...minimal, judgments: [] })).toBe(false);
    expect(ok(Assessment, { ...minimal, judgements: minimal.judgments })).toBe(false);
  });
  it("rejects an empty title or summary", () => {
    expect(ok(Assessment, { ...minimal, title: " " })).toBe(false);
    expect(ok(Assessment, { ...minimal, summary: "" })).toBe(false);
  });
  it("rejects a judgment without a statement or likelihood", () => {
    expect(ok(Assessment, { ...minimal, judgments: [{ id: "a", likelihood: "likely" }] })).toBe(false);
    expect(ok(Assessment, { ...minimal, judgments: [{ id: "a", statement: "S." }] })).toBe(false);
  });
  it("accepts an outcome with occurred and resolved, not a yes/no string", () => {
    const j = (outcome: unknown) => ({ ...minimal, judgments: [{ ...minimal.judgments[0], outcome }] });
    expect(ok(Assessment, j({ occurred: true, resolved: "2023-07-10" }))).toBe(true);
    expect(ok(Assessment, j({ occurred: "yes", resolved: "2023-07-10" }))).toBe(false);
    expect(ok(Assessment, j({ occurred: false }))).toBe(false);
  });
});

describe("parseAssessment", () => {
  const yaml = `yardstick: 1
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
`;
  it("takes the id from a kebab-case file name", () => {
    const r = parseAssessment(yaml, "assessments/isk-2022-07.yaml");
    expect(r.diagnostics).toEqual([]);
    expect(r.assessment?.id).toBe("isk-2022-07");
  });
  it("reports a file name that cannot be an id", () => {
    const r = parseAssessment(yaml, "assessments/IS-K July.yaml");
    expect(r.assessment).toBeUndefined();
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(["id-from-file-name"]);
  });
  it("keeps dates as strings (YAML 1.2, no timestamps)", () => {
    const r = parseAssessment(yaml, "x.yaml");
    expect(r.assessment?.cutoff).toBe("2022-07-09");
  });
  it("strips a byte-order mark", () => {
    const r = parseAssessment(`\uFEFF${yaml}`, "x.yaml");
    expect(r.assessment?.title).toBe("Example");
  });
  it("accepts a few aliases but reports an alias bomb", () => {
    const few = `${yaml}authors: &a [A. Analyst]\nkeywords: *a\n`;
    expect(parseAssessment(few, "x.yaml").assessment?.keywords).toEqual(["A. Analyst"]);
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) bomb.push(`${"abcdefgh"[i]}: &${"abcdefgh"[i]} [${Array(10).fill(`*${"abcdefgh"[i - 1]}`).join(", ")}]`);
    const r = parseAssessment(bomb.join("\n"), "x.yaml");
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(["yaml-alias-bomb"]);
  });
  it("reports every schema problem of a file, not just the first", () => {
    const bad = yaml.replace("title: Example\n", "").replace("likelihood: likely", "likelihood: likely\n    confidence: hi");
    const r = parseAssessment(bad, "x.yaml");
    expect(r.diagnostics.map((d) => d.ruleId).sort()).toEqual(["schema-invalid-value", "schema-missing-key"]);
  });
});
