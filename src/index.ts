/**
 * yardstick's public API.
 */
export * from "./diagnostics/diagnostic.js";
export * from "./diagnostics/reporter.js";
export * from "./schema/assessment.js";
export * from "./schema/scales.js";
export * from "./schema/dates.js";
export * from "./schema/citations.js";
export { parseAssessment, parseYaml, type LoadedAssessment, type ParsedYaml, type ParseOptions } from "./schema/load.js";
export { assessmentJsonSchema, assessmentJsonSchemaText } from "./schema/json-schema.js";
export * from "./config/schema.js";
export * from "./config/load.js";
export type { Rule, RuleMeta, RuleContext, Finding, RuleExample } from "./lint/rule.js";
export { runRules, effectiveSeverity } from "./lint/engine.js";
export { RULES } from "./lint/rules/index.js";
export * from "./project/discover.js";
export * from "./project/check.js";
export type * from "./brief/types.js";
export * from "./brief/sentence.js";
