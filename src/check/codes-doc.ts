/**
 * Generates docs/codes.md from the catalogue: every code yardstick reports, with its default
 * severity, whether `rules:` can change it, and one line on what it means. `npm run docs` writes
 * it; a test fails when it is stale.
 */
import { BUILTIN_CODES, type CodeStage } from "../diagnostics/codes.js";
import { catalogue } from "./catalogue.js";

/** Where the generated file lives, relative to the package root. */
export const CODES_DOC_PATH = "docs/codes.md";

const STAGES: Record<CodeStage, string> = {
  input: "Reading files",
  yaml: "YAML",
  schema: "The assessment format",
  config: "yardstick.config.yaml",
  editions: "Previous editions (`supersedes`)",
  build: "Building",
  render: "Rendering",
  preview: "Preview",
  import: "Importing (`yardstick import`)",
};

/** The whole of docs/codes.md. */
export function renderCodesDoc(): string {
  const all = catalogue();
  const rules = all.filter((e) => e.kind === "rule");
  const out: string[] = [
    "# Diagnostic codes",
    "",
    "<!-- Generated from src/diagnostics/codes.ts and src/lint/rules/ by `npm run docs`. Do not edit by hand: a test fails when this file is stale. -->",
    "",
    "Every problem yardstick reports carries one of these codes (the last column of `check` and `build` output, `ruleId` in JSON, the title of a GitHub annotation).",
    "Codes marked configurable take a severity in `yardstick.config.yaml`, like the lint rules:",
    "",
    "```yaml",
    "rules:",
    "  render-blocked-request: off   # off | warn | error",
    "```",
    "",
    "The others stop a file from being read or an output from being written, so they cannot be turned off.",
    "",
    `## Lint rules (${rules.length})`,
    "",
    "| Code | Severity | What it reports |",
    "| --- | --- | --- |",
    ...rules.map((e) => `| [\`${e.id}\`](${e.docs.replace("docs/", "")}) | ${e.severity} | ${e.description.replace(/\|/g, "\\|")} |`),
    "",
  ];
  for (const stage of Object.keys(STAGES) as CodeStage[]) {
    const codes = BUILTIN_CODES.filter((c) => c.stage === stage);
    if (codes.length === 0) continue;
    out.push(`## ${STAGES[stage]}`, "");
    for (const c of codes) {
      out.push(`### ${c.id}`, "", `Severity: **${c.severity}** · ${c.configurable ? "configurable in `rules:`" : "not configurable"}`, "", c.description, "");
      const messages = Object.entries(c.messages ?? {});
      if (messages.length > 0) {
        out.push("Messages:", "");
        for (const [id, text] of messages) out.push(`- \`${id}\`: ${text.replace(/\|/g, "\\|")}`);
        out.push("");
      }
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
