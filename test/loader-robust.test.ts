/**
 * The loader under hostile and broken input: arbitrary bytes and YAML never throw and always end
 * with diagnostics; aliases are bounded by what they expand to; NUL anywhere is refused; one
 * broken node leaves the rest checked, and rules skip only what they need.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/load.js";
import { runRules } from "../src/lint/engine.js";
import { needsBroken } from "../src/lint/rule.js";
import { RULES } from "../src/lint/rules/index.js";
import { checkText } from "../src/project/check.js";
import { parseAssessment } from "../src/schema/load.js";

const config = defaultConfig(".");
const VALID = `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    confidence: high
    evidence:
      - text: A bus was attacked.
        source: unama
sources:
  - id: unama
    title: UNAMA report
`;

/** Checks text end to end: never throws, and a file without an assessment says why. */
function checkedSafely(input: string | Uint8Array): void {
  const result = checkText(input, "fuzz.yaml", config, { asOf: "2023-01-01" });
  if (!result.assessment) expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(0);
    expect(typeof d.message).toBe("string");
  }
}

describe("fuzz", () => {
  it("arbitrary bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => checkedSafely(bytes)), { numRuns: 300 });
  });

  it("YAML-shaped text", () => {
    const token = fc.constantFrom("yardstick: 1\n", "judgments:\n", "  - ", "id: a\n", "likelihood: likely\n", "statement: x\n", "&a ", "*a", "[", "]", "{", "}", ": ", "- ", "\t", "  ", "\n", "'", '"', "#", "---\n", "!!str ", "? ", "|\n", "evidence:\n", "sources:\n", "<<: *a\n", "~", "0x1", ".inf");
    fc.assert(fc.property(fc.array(token, { maxLength: 60 }), (tokens) => checkedSafely(tokens.join(""))), { numRuns: 400 });
  });

  it("a valid file with random edits", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(VALID.length), fc.nat(4), fc.string({ maxLength: 6 })), { maxLength: 6 }), (edits) => {
        let text = VALID;
        for (const [at, del, ins] of edits) text = text.slice(0, at) + ins + text.slice(at + del);
        checkedSafely(text);
      }),
      { numRuns: 400 },
    );
  });
});

describe("aliases", () => {
  it("refuses 99 aliases of a 900 KB string before expanding them", () => {
    const big = "x".repeat(900_000);
    const text = `${VALID}note: &big "${big}"\nmore: [${Array(99).fill("*big").join(", ")}]\n`;
    const loaded = parseAssessment(text, "bomb.yaml");
    expect(loaded.value).toBeUndefined();
    expect(loaded.diagnostics.map((d) => d.ruleId)).toEqual(["yaml-alias-bomb"]);
    expect(loaded.diagnostics[0]!.line).toBe(18);
  });

  it("accepts a few aliases of short text", () => {
    const text = VALID.replace("title: Example", "title: &t Example").replace("summary: A summary.", "summary: *t");
    const loaded = parseAssessment(text, "example.yaml");
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.assessment?.summary).toBe("Example");
  });

  it("refuses an alias inside the node it names", () => {
    checkedSafely(`a: &a [1, *a]\n`);
  });
});

describe("NUL bytes", () => {
  it("are refused anywhere, at their position", () => {
    const padding = `# ${"-".repeat(70)}\n`.repeat(200);
    const bytes = Buffer.from(`${VALID}${padding}note: a\u0000b\n`);
    expect(bytes.indexOf(0)).toBeGreaterThan(8192);
    const loaded = parseAssessment(bytes, "nul.yaml");
    expect(loaded.diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column}`)).toEqual(["file-binary 217:8"]);
  });
});

describe("duplicate keys", () => {
  it("name the key and point at both occurrences", () => {
    const loaded = parseAssessment(VALID.replace("summary: A summary.", "summary: A summary.\ntitle: Again"), "example.yaml");
    const d = loaded.diagnostics.find((x) => x.ruleId === "yaml-duplicate-key")!;
    expect(d).toMatchObject({ line: 6, column: 1, messageId: "twice", message: expect.stringContaining("`title`") });
    expect(d.related).toEqual([expect.objectContaining({ line: 3, column: 1 })]);
  });
});

describe("the valid part of a broken file", () => {
  it("leaves out a broken optional field and a broken item, and maps positions back", () => {
    const text = VALID.replace("    confidence: high\n", "    confidence: sure\n").replace(
      "judgments:\n",
      "judgments:\n  - id: Broken_Id\n    likelihood: likely\n    statement: x\n",
    ).replace("likelihood: likely\n    statement: Attacks", "likelihood: higly likely\n    statement: Attacks");
    const loaded = parseAssessment(text, "example.yaml");
    expect(loaded.assessment).toBeUndefined();
    expect([...loaded.partial!.broken].sort()).toEqual(["judgments[]", "judgments[].confidence"]);
    expect(loaded.partial!.assessment.judgments.map((j) => j.id)).toEqual(["attacks"]);
    const findings = runRules(loaded, { config: config.data, scales: config.scales, asOf: "2023-01-01" });
    // The misspelt term of the second judgment is found at its line; the confidence rule is skipped.
    expect(findings.find((f) => f.ruleId === "unknown-likelihood")).toMatchObject({ line: 11 });
    expect(findings.some((f) => f.ruleId === "judgment-without-confidence")).toBe(false);
  });

  it("skips a rule only for what it needs", () => {
    const broken = (...b: string[]) => new Set(b);
    expect(needsBroken(["cutoff"], broken("cutoff"))).toBe("cutoff");
    expect(needsBroken(["judgments[].confidence"], broken("judgments[]"))).toBeUndefined();
    expect(needsBroken(["judgments[].confidence"], broken("judgments"))).toBe("judgments[].confidence");
    expect(needsBroken(["judgments[].evidence"], broken("judgments[].evidence[].source"))).toBe("judgments[].evidence");
    expect(needsBroken(["judgments[]"], broken("judgments[].horizon"))).toBeUndefined();
    expect(needsBroken(["judgments[]"], broken("judgments[]"))).toBe("judgments[]");
    expect(needsBroken(["sources[]"], broken("sources"))).toBe("sources[]");
    expect(needsBroken(["scale"], broken("judgments[].confidence"))).toBeUndefined();
  });

  it("every rule declares the placeholder fields it reads", () => {
    // With title, summary and cutoff broken, a rule reading one without needing it throws.
    const text = VALID.replace("title: Example", "title: ''").replace("summary: A summary.", "summary: ''").replace("cutoff: 2022-07-09", "cutoff: someday");
    for (const rule of RULES) {
      let runs = 0;
      for (const example of [...rule.examples.ok, ...rule.examples.notOk]) {
        const broken = example.yaml.replace(/^title: .*$/m, "title: ''").replace(/^summary: .*$/m, "summary: ''").replace(/^cutoff: .*$/m, "cutoff: someday");
        for (const t of [text, broken]) {
          const loaded = parseAssessment(t, "example.yaml");
          // (An example whose summary is a block no longer parses once its first line is replaced.)
          if (!loaded.partial) continue;
          expect(loaded.partial.broken.has("cutoff"), rule.meta.id).toBe(true);
          expect(() => runRules(loaded, { config: config.data, scales: config.scales, asOf: "2023-01-01", rules: [rule] }), rule.meta.id).not.toThrow();
          runs++;
        }
      }
      expect(runs, rule.meta.id).toBeGreaterThan(0);
    }
  });
});
