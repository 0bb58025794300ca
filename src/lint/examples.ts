/**
 * Running a rule's examples: the same run feeds the rule tests and the generated docs/rules.md,
 * so the docs show the messages the rule really produces.
 */
import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { defaultConfig } from "../config/load.js";
import { parseAssessment, type LoadedAssessment } from "../schema/load.js";
import { runRules } from "./engine.js";
import type { Rule, RuleExample } from "./rule.js";

/** The day examples are checked against when they give no `asOf`, so the docs never change with the calendar. */
export const EXAMPLE_AS_OF = "2022-12-31";

/** The file name examples are checked under. */
export const EXAMPLE_FILE = "example.yaml";

/** The outcome of running one rule on one example. */
export interface ExampleRun {
  loaded: LoadedAssessment;
  /** Diagnostics of this rule only, in document order. */
  findings: Diagnostic[];
}

/** Loads an example and runs only the given rule on it, at the rule's default severity. */
export function runExample(rule: Rule, example: RuleExample): ExampleRun {
  const loaded = parseAssessment(example.yaml, EXAMPLE_FILE);
  const config = defaultConfig(".");
  const findings = runRules(loaded, { config: config.data, scales: config.scales, asOf: example.asOf ?? EXAMPLE_AS_OF, rules: [rule] });
  return { loaded, findings: sortDiagnostics(findings) };
}
