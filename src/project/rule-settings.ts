/**
 * Checks the `rules:` section of a config against the rules that exist, so a misspelt rule id
 * does not silently leave a rule at its default severity.
 */
import { readInputText } from "../io/read.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ResolvedConfig } from "../config/load.js";
import { parseYaml } from "../schema/load.js";
import { spanForPath } from "../schema/positions.js";
import { didYouMean } from "../schema/suggest.js";

/** A warning on the config file for each `rules:` entry that names no known rule. */
export function unknownRuleDiagnostics(config: ResolvedConfig, known: readonly string[], text?: string): Diagnostic[] {
  const file = config.file;
  if (!file) return [];
  const unknown = Object.keys(config.data.rules).filter((id) => !known.includes(id));
  if (unknown.length === 0) return [];
  let source = text;
  if (source === undefined) {
    try {
      source = readInputText(file);
    } catch {
      source = "";
    }
  }
  const parsed = parseYaml(source, file);
  return unknown.map((id) => ({
    file,
    ...(parsed.doc ? spanForPath(parsed.doc, parsed.lineCounter, ["rules", id], "key") : { line: 0, column: 0 }),
    ruleId: "config-unknown-rule",
    severity: "warning" as const,
    message: `unknown rule \`${id}\` in \`rules:\``,
    hint: didYouMean(id, known) ?? "see docs/rules.md for the rule ids",
  }));
}
