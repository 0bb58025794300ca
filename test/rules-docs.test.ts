import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderRulesDoc, RULES_DOC_PATH } from "../src/lint/docs.js";
import { RULES } from "../src/lint/rules/index.js";

describe("docs/rules.md", () => {
  const generated = renderRulesDoc();

  it("is up to date with the rules (run npm run docs)", () => {
    const onDisk = readFileSync(new URL(`../${RULES_DOC_PATH}`, import.meta.url), "utf8");
    expect(onDisk === generated, "docs/rules.md is stale: run npm run docs").toBe(true);
  });

  it("documents every rule with its id, severity and the messages its not-ok examples produce", () => {
    for (const rule of RULES) {
      expect(generated).toContain(`## ${rule.meta.id}\n`);
      for (const [id, template] of Object.entries(rule.meta.messages)) expect(generated).toContain(`- \`${id}\`: ${template}\n`);
      expect(generated).toContain(`Severity: **${rule.meta.severity}**`);
    }
    // Real output, not a copy: a hedge word is reported with its message and a caret under it.
    expect(generated).toMatch(/example\.yaml:9:\d+ {2}warning {2}statement hedges with `may` but the judgment already says `likely`/);
    expect(generated).toMatch(/\^~~/);
  });
});
