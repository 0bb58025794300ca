/**
 * `rules:` in the config, for every code: checks each entry names a known code (so a misspelt id
 * does not silently leave a code at its default), and applies the settings to the built-in codes
 * (the lint engine applies them to rules).
 */
import { readInputText } from "../io/read.js";
import type { ResolvedConfig } from "../config/load.js";
import type { RuleSetting } from "../config/schema.js";
import { builtinCode, diagnostic } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseYaml } from "../schema/load.js";
import { spanForPath } from "../schema/positions.js";
import { didYouMean } from "../schema/suggest.js";

/** What the config's `rules:` may name. */
export interface KnownCodes {
  /** Ids whose severity may be changed. */
  configurable: readonly string[];
  /** Ids that exist but cannot be changed. */
  fixed?: readonly string[];
}

/**
 * A warning on the config file for each `rules:` entry that names no known code, or one that
 * cannot be configured. `known` may also be a plain list of configurable ids.
 */
export function unknownRuleDiagnostics(config: ResolvedConfig, known: readonly string[] | KnownCodes, text?: string): Diagnostic[] {
  const file = config.file;
  if (!file) return [];
  const codes: KnownCodes = Array.isArray(known) ? { configurable: known as readonly string[] } : (known as KnownCodes);
  const fixed = new Set(codes.fixed ?? []);
  const configurable = new Set(codes.configurable);
  const bad = Object.keys(config.data.rules).filter((id) => !configurable.has(id));
  if (bad.length === 0) return [];
  let source = text;
  if (source === undefined) {
    try {
      source = readInputText(file);
    } catch {
      source = "";
    }
  }
  const parsed = parseYaml(source, file);
  return bad.map((id) => {
    const at = { file, ...(parsed.doc ? spanForPath(parsed.doc, parsed.lineCounter, ["rules", id], "key") : { line: 0, column: 0 }) };
    if (fixed.has(id)) return diagnostic("config-rule-fixed", "fixed", at, { id });
    return diagnostic("config-unknown-rule", "unknown", at, { id }, didYouMean(id, [...codes.configurable]) ?? "see docs/rules.md and docs/codes.md for the ids");
  });
}

/** The severity a built-in code has under `rules:`, or undefined when it is off. Rules and unknown codes keep theirs. */
export function settledSeverity(d: Diagnostic, rules: Readonly<Record<string, RuleSetting>>): Diagnostic["severity"] | undefined {
  const entry = builtinCode(d.ruleId);
  const setting = entry?.configurable === true ? rules[d.ruleId] : undefined;
  if (setting === "off") return undefined;
  if (setting === "warn") return "warning";
  if (setting === "error") return "error";
  return d.severity;
}

/** Applies `rules:` to the built-in codes among `diagnostics`: dropped when off, severity changed otherwise. */
export function applyCodeSettings(diagnostics: readonly Diagnostic[], rules: Readonly<Record<string, RuleSetting>>): Diagnostic[] {
  if (Object.keys(rules).length === 0) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const severity = settledSeverity(d, rules);
    if (severity === undefined) continue;
    out.push(severity === d.severity ? d : { ...d, severity });
  }
  return out;
}
