/** `exportStix()`: the bundle of an assessment, checked against the STIX schemas, as canonical JSON. */
import type { Brief } from "../../brief/types.js";
import type { Assessment } from "../../schema/assessment.js";
import { stixBundle, type StixOptions } from "./bundle.js";
import { canonicalJson } from "./canonical.js";
import { bundleProblems } from "./schema.js";

/** An export that failed its own validation: a bug in yardstick, never the analyst's input. */
export class StixValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`the STIX bundle failed validation (a bug in yardstick, please report it): ${problems.slice(0, 3).join("; ")}`);
    this.name = "StixValidationError";
  }
}

/** A bundle as canonical JSON, after checking it; throws {@link StixValidationError} rather than return an invalid bundle. */
export function serialiseBundle(bundle: unknown): string {
  const problems = bundleProblems(bundle);
  if (problems.length > 0) throw new StixValidationError(problems);
  return canonicalJson(bundle);
}

/** The bundle of an assessment as canonical JSON, validated. */
export function exportStix(a: Assessment, brief: Brief, options: StixOptions): string {
  return serialiseBundle(stixBundle(a, brief, options));
}
