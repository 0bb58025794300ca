/**
 * The built-in rules, in the order they run. Add a rule: write its module here and list it below.
 */
import type { Rule } from "../rule.js";
import { datedAfterCutoff } from "./dated-after-cutoff.js";
import { duplicateId } from "./duplicate-id.js";
import { horizonBeforeCutoff } from "./horizon-before-cutoff.js";
import { issuedBeforeCutoff } from "./issued-before-cutoff.js";
import { sourceUrl } from "./source-url.js";
import { sourceUrlLocal } from "./source-url-local.js";
import { unknownLikelihood } from "./unknown-likelihood.js";
import { unknownScale } from "./unknown-scale.js";
import { unknownSource } from "./unknown-source.js";

/** Every built-in rule. */
export const RULES: readonly Rule[] = [
  unknownScale,
  unknownLikelihood,
  duplicateId,
  unknownSource,
  issuedBeforeCutoff,
  datedAfterCutoff,
  horizonBeforeCutoff,
  sourceUrl,
  sourceUrlLocal,
];
