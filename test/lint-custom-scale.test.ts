/**
 * Custom scales from yardstick.config.yaml: a term written with hyphens (or extra spaces) is
 * found however the assessment writes it, as the built-in terms are.
 */
import { describe, expect, it } from "vitest";
import { checkText } from "../src/check/check.js";
import { parseConfig } from "../src/config/load.js";
import { resolveTerm } from "../src/schema/scales.js";

const CONFIG = `scales:
  house:
    name: house yardstick
    terms:
      - term: Odds-Against
        min: 0
        max: 45
        kind: noun
      - term: better-than-even
        min: 55
        max: 100
        aliases: [odds  on]
`;

const assessment = (likelihood: string) => `yardstick: 1
id: example
title: Example
scale: house
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: ${likelihood}
    confidence: moderate
    statement: Attacks will continue.
    horizon: 12 months
    evidence:
      - text: A bus was attacked in Herat.
        source: herat
sources:
  - id: herat
    title: Herat bus attack
    reliability: B
    credibility: 2
`;

describe("custom scale terms with hyphens", () => {
  const config = parseConfig(CONFIG, "yardstick.config.yaml");

  it("the config itself is valid", () => {
    expect(config.diagnostics).toEqual([]);
  });

  it.each(["better-than-even", "odds on", "odds-against"])("`%s`, as declared, is a term of the scale", (written) => {
    const checked = checkText(assessment(written), "example.yaml", config, { asOf: "2022-12-31" });
    expect(checked.diagnostics.map((d) => `${d.ruleId}/${d.messageId ?? ""}: ${d.message}`)).toEqual([]);
    expect(resolveTerm(config.scales.house!, written)).toBeDefined();
  });

  it.each([
    ["better than even", "better-than-even"],
    ["Better-Than-Even", "better-than-even"],
    ["odds-on", "odds on"],
    ["Odds  Against", "odds-against"],
  ])("`%s` is read as `%s` (another spacing of the declared term), as for built-in terms", (written, declared) => {
    const checked = checkText(assessment(written), "example.yaml", config, { asOf: "2022-12-31" });
    expect(checked.diagnostics.map((d) => [d.ruleId, d.messageId])).toEqual([["canonical-form", "canonical"]]);
    expect(checked.diagnostics[0]!.message).toBe(`\`${written}\` is read as \`${declared}\`; write it that way`);
    expect(resolveTerm(config.scales.house!, written)?.form.text).toBe(declared);
  });

  it("keeps the term as written for readers: label and phrase keep the hyphens", () => {
    const term = resolveTerm(config.scales.house!, "better than even")!.term;
    expect(term.label).toBe("better-than-even");
    expect(term.forms[0]!.phrase).toBe("It is better-than-even");
    expect(resolveTerm(config.scales.house!, "odds against")!.form.phrase).toBe("There is an odds-against");
    expect(resolveTerm(config.scales.house!, "odds-on")!.form.text).toBe("odds on");
  });

  it("an unknown wording is still reported, with the scale's terms as written", () => {
    const checked = checkText(assessment("evens"), "example.yaml", config, { asOf: "2022-12-31" });
    const d = checked.diagnostics.find((x) => x.ruleId === "unknown-likelihood");
    expect(d?.messageId).toBe("notATerm");
    expect(d?.hint).toContain("`better-than-even`");
  });
});
