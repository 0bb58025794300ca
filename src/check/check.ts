/**
 * Checking assessments, the stage every command shares (check, build, diff, textconv, preview):
 * load with positions, validate, run the rules, apply the config's `rules:` to the built-in codes.
 * Loads no renderer.
 */
import { inputDiagnostic, readInput } from "../io/read.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ConfigResolver, type ResolvedConfig } from "../config/load.js";
import { runRules } from "../lint/engine.js";
import { RULES } from "../lint/rules/index.js";
import type { Rule } from "../lint/rule.js";
import type { Assessment } from "../schema/assessment.js";
import { parseAssessment, type LoadedAssessment } from "../schema/load.js";
import { todayIso } from "../schema/dates.js";
import { configurableIds } from "./catalogue.js";
import { applyCodeSettings, unknownRuleDiagnostics } from "./code-settings.js";

/** Options for checking. */
export interface CheckOptions {
  /** Date that rules about "today" compare against (YYYY-MM-DD); defaults to today. */
  asOf?: string;
  /** Rules to run instead of the built-in set. */
  rules?: readonly Rule[];
}

/** One checked file. */
export interface CheckedFile {
  file: string;
  loaded: LoadedAssessment;
  config: ResolvedConfig;
  /** Every diagnostic for the file: YAML, schema and rules. */
  diagnostics: Diagnostic[];
  /** The assessment, when the file has no errors. */
  assessment?: Assessment;
}

/** Checks assessment text against a config. */
export function checkText(input: string | Uint8Array, file: string, config: ResolvedConfig, options: CheckOptions = {}): CheckedFile {
  const loaded = parseAssessment(input, file, { maxBytes: config.data.maxFileBytes, scales: config.scales });
  const diagnostics = applyCodeSettings(loaded.diagnostics, config.data.rules);
  // Rules run on the valid part of the file too, so one broken node hides no other problem.
  if (loaded.partial) {
    diagnostics.push(...runRules(loaded, { config: config.data, scales: config.scales, asOf: options.asOf ?? todayIso(), rules: options.rules }));
  }
  const valid = loaded.assessment !== undefined && !diagnostics.some((d) => d.severity === "error");
  return { file, loaded, config, diagnostics, assessment: valid ? loaded.assessment : undefined };
}

/** Reads and checks one file; an unreadable file becomes a diagnostic. */
export function checkFile(file: string, configs: ConfigResolver, options: CheckOptions = {}): CheckedFile {
  const config = configs.forFile(file);
  let bytes: Uint8Array;
  try {
    bytes = readInput(file, { maxBytes: config.data.maxFileBytes });
  } catch (error) {
    const loaded = parseAssessment("", file);
    return { file, loaded, config, diagnostics: [inputDiagnostic(file, error)] };
  }
  return checkText(bytes, file, config, options);
}

/** Checks many files; config problems are reported once, on the config file. */
export function checkFiles(files: readonly string[], options: CheckOptions & { configFile?: string; configs?: ConfigResolver } = {}): { files: CheckedFile[]; configDiagnostics: Diagnostic[] } {
  const configs = options.configs ?? new ConfigResolver(options.configFile);
  const checked = files.map((f) => checkFile(f, configs, options));
  const known = configurableIds(options.rules ?? RULES);
  const configDiagnostics = configs.loaded().flatMap((c) => [...c.diagnostics, ...unknownRuleDiagnostics(c, known)]);
  return { files: checked, configDiagnostics };
}
