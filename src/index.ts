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
export * from "./check/check.js";
export { BUILTIN_CODES, builtinCode, formatMessage, diagnostic, type BuiltinCode, type CodeStage } from "./diagnostics/codes.js";
export { catalogue, type CatalogueEntry } from "./check/catalogue.js";
export type * from "./brief/types.js";
export * from "./brief/sentence.js";
export { toBrief, markingText, type ToBriefOptions } from "./brief/to-brief.js";
export { DEFAULT_LABELS, resolveLabels, admiraltyGrade, RELIABILITY_WORDS, CREDIBILITY_WORDS } from "./brief/labels.js";
export { parseInline, parseBlock, isSafeUrl, type FreeTextOptions, type CiteFn } from "./brief/inline-markdown.js";
export { briefToMdast, renderMarkdown, stringifyMarkdown } from "./render/markdown/index.js";
export { registerFormat, getFormat, formatIds, type OutputFormat, type FormatDependencies, RendererUnavailableError, NO_DEPENDENCIES, type FormatSession, type FormatSessionOptions, type RenderInput } from "./render/formats.js";
export { normalizedJson } from "./render/json.js";
export { renderHtml, renderPrintParts, loadTemplates, TemplateFolderError, type HtmlOptions, type PrintParts } from "./render/html/index.js";
export { findBrowser, openPdfSession, withPdfSession, BrowserUnavailableError, blockedRequestDiagnostics, type PdfSession, type PdfSessionOptions, type PdfResult, type BrowserSearch, type FoundBrowser } from "./render/pdf/index.js";
export { buildFiles, type BuildOptions, type BuildResult, type BuiltFile, type BuildProgress } from "./build/index.js";
export { readManifest, parseManifest, MANIFEST_FILE, type Manifest, type ManifestBrief, type ManifestOutput, type ManifestWarning } from "./build/manifest.js";
export { parseShard, selectShard, type Shard } from "./build/shard.js";
export { outputPath, writeAtomic } from "./project/outputs.js";
export type * from "./diff/types.js";
export { diffAssessments, emptyEdition, termInfo, judgmentSentence, equivalentBands, type DiffOptions } from "./diff/report.js";
export { changesSection } from "./diff/changes-section.js";
export { findPreviousEdition, previousEditionChanges, resolveEditions, type EditionCandidate, type PreviousEdition, type FindEditionOptions, type CheckedInput, type EditionResult } from "./build/editions.js";
export { formatReports, formatHuman as formatDiffHuman, formatMarkdown as formatDiffMarkdown, formatJson as formatDiffJson, type DiffFormat } from "./diff/format/index.js";
