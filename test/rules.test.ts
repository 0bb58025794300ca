import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runExample } from "../src/lint/examples.js";
import { placeholdersOf, type Finding, type Rule, type RuleExample } from "../src/lint/rule.js";
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
    const ids = Object.keys(rule.meta.messages);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]*$/);
    for (const template of Object.values(rule.meta.messages)) expect(template.trim().length).toBeGreaterThan(10);
  });
});

/** Runs a rule's example and keeps the findings the rule reported, as the rule reported them. */
function reported(rule: Rule, example: RuleExample): Finding[] {
  const found: Finding[] = [];
  const spy: Rule = {
    ...rule,
    check(ctx) {
      rule.check({
        ...ctx,
        report(f) {
          found.push(f);
          ctx.report(f);
        },
      });
    },
  };
  runExample(spy, example);
  return found;
}

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
      expect(Object.keys(rule.meta.messages)).toContain(f.messageId);
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.hint ?? "").not.toBe("");
      expect(f.column).toBeGreaterThan(0);
    }
  });
});

describe("rule messages", () => {
  it.each(RULES.map((r) => [r.meta.id, r] as const))("%s: every finding fills every placeholder of its message", (_id, rule) => {
    for (const example of rule.examples.notOk) {
      for (const f of reported(rule, example)) {
        const template = rule.meta.messages[f.messageId]!;
        for (const name of placeholdersOf(template)) expect(Object.keys(f.data ?? {}), `${f.messageId}: {${name}}`).toContain(name);
      }
    }
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))("%s: every message id written in its source is one it defines", (id, rule) => {
    const source = readFileSync(new URL(`../src/lint/rules/${id}.ts`, import.meta.url), "utf8");
    // `messageId: "x"`, `messageId: a ? "x" : "y"` and the ids of a table such as `{ re, messageId: "x" }`.
    const written = [...source.matchAll(/messageId(?::\s*[^,\n}]*)?/g)].flatMap((m) => [...m[0].matchAll(/"([a-zA-Z]+)"/g)].map((q) => q[1]!));
    for (const w of written) expect(Object.keys(rule.meta.messages), `${id} writes the message id "${w}"`).toContain(w);
  });

  it("every message of every rule is produced by one of its not-ok examples", () => {
    // The fallback for a banner below the content as a whole when no single portion is above it
    // (portion levels make up the content level, so no assessment is known to reach it).
    const noExample = new Set(["marking-below-content/belowContent"]);
    const unused: string[] = [];
    for (const rule of RULES) {
      const used = new Set(rule.examples.notOk.flatMap((e) => reported(rule, e).map((f) => f.messageId)));
      for (const id of Object.keys(rule.meta.messages)) if (!used.has(id) && !noExample.has(`${rule.meta.id}/${id}`)) unused.push(`${rule.meta.id}/${id}`);
    }
    expect(unused).toEqual([]);
  });
});

describe("the engine and rule messages", () => {
  const yaml = "yardstick: 1\nid: example\ntitle: Example\ncutoff: 2022-07-09\nsummary: A summary.\njudgments:\n  - id: attacks\n    likelihood: likely\n    statement: Attacks will continue.\n";
  const rule = (finding: Omit<Finding, "path">): Rule => ({
    meta: { id: "test-rule", description: "A rule for the test.", severity: "warning", tags: ["test"], rationale: "Tests the engine.", needs: [], messages: { said: "judgment `{judgment}` said {what}" } },
    check: (ctx) => ctx.report({ path: ["judgments", 0, "id"], ...finding }),
    examples: { ok: [], notOk: [] },
  });

  it("fills the template and keeps the message id", () => {
    const { findings } = runExample(rule({ messageId: "said", data: { judgment: "attacks", what: "{judgment}" } }), { title: "t", yaml });
    expect(findings.map((f) => [f.messageId, f.message])).toEqual([["said", "judgment `attacks` said {judgment}"]]);
  });

  it("throws on a message id the rule does not define", () => {
    expect(() => runExample(rule({ messageId: "unsaid", data: { judgment: "attacks", what: "x" } }), { title: "t", yaml })).toThrow(/test-rule reports the message `unsaid`, which it does not define/);
  });

  it("throws on a placeholder the finding leaves without a value", () => {
    expect(() => runExample(rule({ messageId: "said", data: { judgment: "attacks" } }), { title: "t", yaml })).toThrow(/placeholder `\{what\}` but no value/);
  });

  it("does not take an inherited property for a message id", () => {
    expect(() => runExample(rule({ messageId: "toString" }), { title: "t", yaml })).toThrow(/does not define/);
  });
});
