import { describe, expect, it } from "vitest";
import { runExample } from "../src/lint/examples.js";
import { RULES } from "../src/lint/rules/index.js";

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe("rule metadata", () => {
  it("ids are unique", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))("%s has kebab-case id, description, rationale, tags and examples", (_id, rule) => {
    expect(rule.meta.id).toMatch(KEBAB);
    expect(rule.meta.description.trim().length).toBeGreaterThan(10);
    expect(rule.meta.rationale.trim().length).toBeGreaterThan(10);
    expect(rule.meta.tags.length).toBeGreaterThan(0);
    expect(["error", "warning", "info"]).toContain(rule.meta.severity);
    expect(rule.examples.ok.length).toBeGreaterThan(0);
    expect(rule.examples.notOk.length).toBeGreaterThan(0);
    for (const e of rule.examples.notOk) expect(e.lines?.length ?? 0).toBeGreaterThan(0);
  });
});

const okCases = RULES.flatMap((rule) => rule.examples.ok.map((example) => [rule.meta.id, example.title, rule, example] as const));
const notOkCases = RULES.flatMap((rule) => rule.examples.notOk.map((example) => [rule.meta.id, example.title, rule, example] as const));

describe("ok examples", () => {
  it.each(okCases)("%s: %s", (_id, _title, rule, example) => {
    const { loaded, findings } = runExample(rule, example);
    // The example must be a valid assessment, or the rule would not run at all.
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.assessment).toBeDefined();
    expect(findings).toEqual([]);
  });
});

describe("not-ok examples", () => {
  it.each(notOkCases)("%s: %s", (_id, _title, rule, example) => {
    const { loaded, findings } = runExample(rule, example);
    expect(loaded.diagnostics).toEqual([]);
    expect(findings.map((f) => f.line)).toEqual(example.lines);
    for (const f of findings) {
      expect(f.ruleId).toBe(rule.meta.id);
      expect(f.severity).toBe(rule.meta.severity);
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.hint ?? "").not.toBe("");
      expect(f.column).toBeGreaterThan(0);
    }
  });
});
