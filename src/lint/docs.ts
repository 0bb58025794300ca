/**
 * Generates docs/rules.md from the rules themselves: metadata, examples, and the diagnostics the
 * not-ok examples really produce. `npm run docs` writes it; a test fails when it is stale.
 */
import { formatHuman } from "../diagnostics/reporter.js";
import { EXAMPLE_AS_OF, EXAMPLE_FILE, runExample } from "./examples.js";
import type { Rule, RuleExample } from "./rule.js";
import { RULES } from "./rules/index.js";

/** Where the generated file lives, relative to the package root. */
export const RULES_DOC_PATH = "docs/rules.md";

function fence(lang: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${lang}\n${body.endsWith("\n") ? body : body + "\n"}${ticks}`;
}

function severityLabel(s: Rule["meta"]["severity"]): string {
  return s === "error" ? "error" : s === "warning" ? "warning" : "info";
}

function exampleBlock(rule: Rule, example: RuleExample, ok: boolean): string[] {
  const out: string[] = [];
  const asOf = example.asOf && example.asOf !== EXAMPLE_AS_OF ? ` (checked as of ${example.asOf})` : "";
  out.push(`**${ok ? "OK" : "Not OK"}:** ${example.title}${asOf}`, "", fence("yaml", example.yaml), "");
  if (!ok) {
    const { findings } = runExample(rule, example);
    const report = formatHuman(findings, { sourceOf: () => example.yaml }).trimEnd().split("\n");
    report.pop(); // the summary line
    out.push("`yardstick check` reports:", "", fence("text", report.join("\n").trimEnd()), "");
  }
  return out;
}

/** The whole of docs/rules.md for a set of rules. */
export function renderRulesDoc(rules: readonly Rule[] = RULES): string {
  const out: string[] = [
    "# Lint rules",
    "",
    "<!-- Generated from src/lint/rules/ by `npm run docs`. Do not edit by hand: a test fails when this file is stale. -->",
    "",
    "`yardstick check` (and `yardstick build`, which checks first) runs these rules on every assessment that passes the schema.",
    "Errors fail the run (exit 1); warnings fail it only with `--strict`; info findings are advice and never fail it.",
    "Change a rule's severity, or turn it off, in `yardstick.config.yaml`:",
    "",
    fence("yaml", "rules:\n  judgment-without-confidence: off   # off | warn | error\n  evidence-unsourced: error\n"),
    "",
    `Examples are checked as if today were ${EXAMPLE_AS_OF}, unless they say otherwise, and the reports show only the rule's own findings, under the file name \`${EXAMPLE_FILE}\`.`,
    "",
    "| rule | severity | tags | what it reports |",
    "| --- | --- | --- | --- |",
  ];
  for (const r of rules) {
    out.push(`| [\`${r.meta.id}\`](#${r.meta.id}) | ${severityLabel(r.meta.severity)} | ${r.meta.tags.join(", ")} | ${r.meta.description.replace(/\|/g, "\\|")} |`);
  }
  out.push("");
  for (const r of rules) {
    out.push(`## ${r.meta.id}`, "");
    out.push(`Severity: **${severityLabel(r.meta.severity)}** · Tags: ${r.meta.tags.map((t) => `\`${t}\``).join(", ")}`, "");
    out.push(r.meta.description, "", `*Why:* ${r.meta.rationale}`, "");
    out.push("*Messages* (by message id; `{…}` is filled in from the finding):", "");
    for (const [id, template] of Object.entries(r.meta.messages)) out.push(`- \`${id}\`: ${template}`);
    out.push("");
    for (const e of r.examples.ok) out.push(...exampleBlock(r, e, true));
    for (const e of r.examples.notOk) out.push(...exampleBlock(r, e, false));
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
