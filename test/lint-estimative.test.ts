import { describe, expect, it } from "vitest";
import { estimativeWords } from "../src/lint/estimative.js";
import { runRules } from "../src/lint/engine.js";
import { hedgedStatement } from "../src/lint/rules/hedged-statement.js";
import { defaultConfig } from "../src/config/load.js";
import { parseAssessment } from "../src/schema/load.js";
import { BUILT_IN_SCALES, ICD203, PHIA } from "../src/schema/scales.js";
import { maskQuoted, normalizeText, findPlaceholder } from "../src/lint/text.js";

function words(likelihood: string, statement: string, scale = PHIA): string[] {
  return estimativeWords({ likelihood, statement }, scale, BUILT_IN_SCALES).map((w) => `${w.kind}:${w.text}`);
}

describe("estimativeWords", () => {
  it.each([
    ["likely", "IS-K may attack in May 2023 and might strike again on 7 May.", ["hedge:may", "hedge:might"]],
    ["likely", "The Taliban will rely on military might and the might of their allies.", []],
    ["likely", "Attacks will probably continue, which is highly unlikely to change.", ["hedge:probably", "conflict:highly unlikely"]],
    ["highly likely", "Attacks will likely continue.", ["conflict:likely"]],
    ["likely", "Attacks will likely continue.", ["hedge:likely"]],
    ["likely", "The Taliban will act as soon as possible against ISKP.", []],
    ["likely", "It is possible that talks will resume.", ["hedge:It is possible"]],
    ["likely", "ISKP appears to be regrouping and seems to be recruiting.", ["hedge:appears to", "hedge:seems to"]],
    ["likely", "ISKP will certainly attack; it is inevitable.", ["absolute:certainly", "absolute:inevitable"]],
    ["almost certain", "Attacks are almost certain to continue.", ["hedge:almost certain"]],
    ["likely", "Attacks will continue, as the UN said it was 'very likely' and “probably” true.", []],
    ["likely", "In May the Taliban will hold talks.", []],
    ["unlikely", "A deal is as likely as a ceasefire and more probable than war.", []],
    ["highly unlikely", "ISKP will take territory in remote areas of Kunar.", []],
    ["likely", "Talks will resume, see [the report](https://example.org/may-possibly) and `might`.", []],
  ])("[%s] %s", (likelihood, statement, expected) => {
    expect(words(likelihood, statement)).toEqual(expected);
  });

  it("maps another scale's term to the nearest band before calling it a conflict", () => {
    // ICD 203 "very likely" (80–95 %) is nearest to PHIA "highly likely" (80–90 %): a redundant hedge, not a conflict.
    expect(words("highly likely", "Attacks are very likely to continue.")).toEqual(["hedge:very likely"]);
    expect(words("unlikely", "Attacks are very likely to continue.")).toEqual(["conflict:very likely"]);
    // In an ICD 203 brief "remote" is a term, but as an ordinary word it is never read as one.
    expect(words("likely", "Fighters will hide in remote valleys.", ICD203)).toEqual([]);
  });
});

describe("text helpers", () => {
  it("masks quotes, code, links and markers without moving offsets", () => {
    const text = `He said "may" and ‘might’, see \`could\` [x](http://a/may) [@src] but the Taliban’s may stays.`;
    const masked = maskQuoted(text);
    expect(masked.length).toBe(text.length);
    expect(masked).not.toMatch(/"may"|might|could|http|@src/);
    expect(masked.indexOf("Taliban’s may")).toBe(text.indexOf("Taliban’s may"));
  });

  it("normalises evidence text for comparison", () => {
    expect(normalizeText("A bus  was attacked\nin Herat. [@herat]")).toBe(normalizeText("a bus was attacked in herat"));
    expect(normalizeText("The Taliban’s rule")).toBe(normalizeText("The Taliban's rule."));
  });

  it("finds draft placeholders but not ordinary words", () => {
    expect(findPlaceholder("Figures TBD.")?.text).toBe("TBD");
    expect(findPlaceholder("XXX Corps moved north.")).toBeUndefined();
    expect(findPlaceholder("the tbd column")).toBeUndefined();
    expect(findPlaceholder("<insert figure>")?.offset).toBe(0);
  });
});

describe("hedge positions in YAML", () => {
  const run = (yaml: string) => {
    const loaded = parseAssessment(yaml, "x.yaml");
    expect(loaded.diagnostics).toEqual([]);
    const cfg = defaultConfig(".");
    return runRules(loaded, { config: cfg.data, scales: cfg.scales, asOf: "2023-01-01", rules: [hedgedStatement] }).map((d) => [d.line, d.column, d.endColumn]);
  };
  const head = "yardstick: 1\ntitle: T\ncutoff: 2022-07-09\nsummary: S.\njudgments:\n  - id: a\n    likelihood: likely\n";

  it("points at the word inside a folded block scalar", () => {
    expect(run(`${head}    statement: >\n      IS-K will attack,\n      and it may spread.\n`)).toEqual([[10, 14, 17]]);
  });

  it("points at the second `may` when the first is quoted", () => {
    expect(run(`${head}    statement: 'IS-K said "may" and may attack.'\n`)).toEqual([[8, 37, 40]]);
  });
});
