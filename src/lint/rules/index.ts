/**
 * The built-in rules, in the order they run. Add a rule: write its module here and list it below.
 */
import type { Rule } from "../rule.js";
import { absoluteLanguage } from "./absolute-language.js";
import { bidiControl } from "./bidi-control.js";
import { loneSurrogate } from "./lone-surrogate.js";
import { reservedId } from "./reserved-id.js";
import { conflictingTerm } from "./conflicting-term.js";
import { cutoffInFuture } from "./cutoff-in-future.js";
import { datedAfterCutoff } from "./dated-after-cutoff.js";
import { duplicateEvidence } from "./duplicate-evidence.js";
import { duplicateId } from "./duplicate-id.js";
import { evidenceUnsourced } from "./evidence-unsourced.js";
import { hedgedStatement } from "./hedged-statement.js";
import { horizonBeforeCutoff } from "./horizon-before-cutoff.js";
import { horizonPassed } from "./horizon-passed.js";
import { issuedBeforeCutoff } from "./issued-before-cutoff.js";
import { judgmentWithoutConfidence } from "./judgment-without-confidence.js";
import { judgmentWithoutEvidence } from "./judgment-without-evidence.js";
import { judgmentWithoutHorizon } from "./judgment-without-horizon.js";
import { mixedAliasFamilies } from "./mixed-alias-families.js";
import { offScaleTerm } from "./off-scale-term.js";
import { outcomeDate } from "./outcome-date.js";
import { probabilityOutsideBand } from "./probability-outside-band.js";
import { placeholderText } from "./placeholder-text.js";
import { repeatedEvidence } from "./repeated-evidence.js";
import { sourceUngraded } from "./source-ungraded.js";
import { sourceUnused } from "./source-unused.js";
import { sourceUrl } from "./source-url.js";
import { sourceUrlLocal } from "./source-url-local.js";
import { statementNotAClause } from "./statement-not-a-clause.js";
import { unfinishedStatement } from "./unfinished-statement.js";
import { unknownLikelihood } from "./unknown-likelihood.js";
import { unknownScale } from "./unknown-scale.js";
import { unknownSource } from "./unknown-source.js";
import { unknownClassification } from "./unknown-classification.js";
import { markingBelowContent } from "./marking-below-content.js";

/** Every built-in rule: correctness first, then the analytic standards. */
export const RULES: readonly Rule[] = [
  // correctness (errors)
  unknownScale,
  unknownLikelihood,
  duplicateId,
  unknownSource,
  issuedBeforeCutoff,
  datedAfterCutoff,
  horizonBeforeCutoff,
  cutoffInFuture,
  outcomeDate,
  probabilityOutsideBand,
  sourceUrl,
  reservedId,
  loneSurrogate,
  unknownClassification,
  markingBelowContent,
  // expressing uncertainty
  hedgedStatement,
  conflictingTerm,
  absoluteLanguage,
  mixedAliasFamilies,
  offScaleTerm,
  judgmentWithoutConfidence,
  horizonPassed,
  judgmentWithoutHorizon,
  // sourcing
  judgmentWithoutEvidence,
  evidenceUnsourced,
  sourceUnused,
  sourceUngraded,
  sourceUrlLocal,
  duplicateEvidence,
  repeatedEvidence,
  // style
  statementNotAClause,
  unfinishedStatement,
  placeholderText,
  bidiControl,
];
