/**
 * What `score` reads: the exact `probability` of a judgment (schema, band rule, brief line) and
 * the outcomes ledger (schema, JSON Schema, discovery).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import { defaultConfig, parseConfig } from "../src/config/load.js";
import { checkText } from "../src/project/check.js";
import { discoverAssessments } from "../src/project/discover.js";
import { OUTCOMES_JSON_SCHEMA_PATH, looksLikeOutcomesLedger, outcomesJsonSchemaText, parseOutcomesLedger } from "../src/schema/outcomes.js";
import { renderMarkdown } from "../src/render/markdown/index.js";
import { writeArchive } from "./helpers/score.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CONFIG = defaultConfig("/tmp");

const withProbability = (probability: string, likelihood = "likely") => `yardstick: 1
id: p
title: P
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: one
    likelihood: ${likelihood}
    probability: ${probability}
    statement: attacks will continue.
`;

describe("probability on a judgment", () => {
  it.each([
    ["0.72", 0.72],
    ['"72 %"', 0.72],
    ["72%", 0.72],
    ["'60.5 %'", 0.605],
    ["0.55", 0.55],
  ])("%s reads as %f", (written, value) => {
    const c = checkText(withProbability(written), "p.yaml", CONFIG, { asOf: "2023-01-01" });
    expect(c.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(c.assessment!.judgments[0]!.probability).toBeCloseTo(value, 15);
  });

  it.each(["1.5", "72", '"72"', '"seventy %"', "-0.1", '"120 %"'])("%s is a positioned schema error", (written) => {
    const c = checkText(withProbability(written), "p.yaml", CONFIG, { asOf: "2023-01-01" });
    expect(c.assessment).toBeUndefined();
    const d = c.diagnostics.find((x) => x.severity === "error")!;
    expect(d.line).toBe(9);
    expect(d.message).toMatch(/probability from 0 to 1 .* or a percentage/);
  });

  it("outside the term's band is an error with the fitting term as a hint", () => {
    const c = checkText(withProbability("0.85"), "p.yaml", CONFIG, { asOf: "2023-01-01" });
    const d = c.diagnostics.find((x) => x.ruleId === "probability-outside-band")!;
    expect(d).toMatchObject({ line: 9, severity: "error", messageId: "outside", message: "probability 85 % is outside the band of `likely` (55–75 %)" });
    expect(d.hint).toMatch(/use the term `highly likely` \(80–90 %\)/);
    expect(c.assessment).toBeUndefined();
  });

  it("the band ends are inside (PHIA almost certain ≥95 % takes 100 %)", () => {
    const errors = (text: string) => checkText(text, "p.yaml", CONFIG, { asOf: "2023-01-01" }).diagnostics.filter((d) => d.severity === "error");
    expect(errors(withProbability('"100 %"', "almost certain"))).toEqual([]);
    expect(errors(withProbability("0.55"))).toEqual([]);
    expect(errors(withProbability("0.751"))).toHaveLength(1);
  });

  it("is printed beside the term only with show.probability", () => {
    const a = checkText(withProbability('"72 %"'), "p.yaml", CONFIG, { asOf: "2023-01-01" }).assessment!;
    expect(toBrief(a, CONFIG).judgments[0]!.sentence).toBe("It is likely that attacks will continue.");
    const shown = parseConfig("show:\n  probability: true\n", "/tmp/yardstick.config.yaml");
    expect(shown.diagnostics).toEqual([]);
    const brief = toBrief(a, shown);
    expect(brief.judgments[0]!.sentence).toBe("It is likely (72 %) that attacks will continue.");
    expect(renderMarkdown(brief)).toMatch(/It is \*\*likely\*\* \(72 %\) that attacks will continue\./);
  });
});

const LEDGER = `# what happened
yardstick: 1
kind: outcomes
outcomes:
  - assessment: isk-2022-07
    judgment: attacks-afghanistan
    occurred: true
    resolved: 2023-07-10
    note: recorded from a public source
`;

describe("outcomes ledger", () => {
  it("parses with positions", () => {
    const l = parseOutcomesLedger(LEDGER, "o.yaml");
    expect(l.diagnostics).toEqual([]);
    expect(l.outcomes).toEqual([
      { assessment: "isk-2022-07", judgment: "attacks-afghanistan", occurred: true, resolved: "2023-07-10", note: "recorded from a public source", file: "o.yaml", span: expect.objectContaining({ line: 5 }) },
    ]);
  });

  it("reports schema problems at their node", () => {
    const l = parseOutcomesLedger(LEDGER.replace("resolved: 2023-07-10", "resolved: 10/07/2023").replace("judgment: attacks-afghanistan", "judgment: Attacks"), "o.yaml");
    expect(l.outcomes).toBeUndefined();
    expect(l.diagnostics.map((d) => d.line).sort()).toEqual([6, 8]);
  });

  it("is recognised by a top-level kind line only", () => {
    expect(looksLikeOutcomesLedger(LEDGER)).toBe(true);
    expect(looksLikeOutcomesLedger("yardstick: 1\nkind: 'outcomes'  # ledger\n")).toBe(true);
    expect(looksLikeOutcomesLedger("summary: |\n  kind: outcomes\n")).toBe(false);
    expect(looksLikeOutcomesLedger("title: x\nkind: outcome\n")).toBe(false);
  });

  it("discovery sets ledgers apart from assessments", () => {
    const dir = writeArchive({ "a.yaml": withProbability("0.6"), "sub/outcomes.yaml": LEDGER });
    const found = discoverAssessments(["."], dir);
    expect(found.files).toEqual(["a.yaml"]);
    expect(found.ledgers).toEqual(["sub/outcomes.yaml"]);
    expect(discoverAssessments(["sub/outcomes.yaml"], dir)).toEqual({ files: [], ledgers: ["sub/outcomes.yaml"], problems: [], warnings: [] });
  });

  it("discovery never opens a named pipe to look for a ledger", async () => {
    const dir = writeArchive({ "a.yaml": withProbability("0.6") });
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    // Named on the command line, the pipe reaches the ledger test, which must not block on it.
    const found = discoverAssessments(["pipe.yaml", "a.yaml"], dir);
    expect(found.ledgers).toEqual([]);
    expect(found.files).toEqual(["a.yaml", "pipe.yaml"]);
  });

  it("the committed JSON Schema is up to date and accepts the synthetic ledger", () => {
    const committed = readFileSync(join(ROOT, OUTCOMES_JSON_SCHEMA_PATH), "utf8");
    expect(committed, "stale: regenerate schema/outcomes.schema.json from outcomesJsonSchemaText()").toBe(outcomesJsonSchemaText());
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
    ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
    const validate = ajv.compile(JSON.parse(committed) as object);
    expect(validate(parse(readFileSync(join(ROOT, "examples/synthetic-archive/outcomes.yaml"), "utf8")))).toBe(true);
    expect(validate({ yardstick: 1, kind: "outcomes", outcomes: [{ assessment: "a", judgment: "b", occurred: "yes", resolved: "2024-01-01" }] })).toBe(false);
  });
});
