/**
 * The brief's fixed wording (headings, line prefixes) and the words for grades and confidence.
 */
import type { BriefLabels } from "./types.js";
import type { Confidence } from "../schema/assessment.js";

/**
 * The house-style labels. "Cut-off" is spelled one way throughout (the title block, the closing
 * line and the page footer); a house style that writes "cut off" changes `cutoff` and `cutoffDate`.
 */
export const DEFAULT_LABELS: Readonly<BriefLabels> = Object.freeze({
  summary: "Summary",
  keyJudgment: "Key Judgment",
  sources: "Sources",
  cutoff: "Intelligence cut-off",
  changes: "Changes since the previous edition",
  confidence: "Confidence",
  horizon: "Horizon",
  outcome: "Outcome",
  note: "Note",
  source: "source",
  reference: "Reference",
  issued: "Issued",
  cutoffDate: "Cut-off",
  authors: "Authors",
  marking: "Marking",
  likelihood: "Likelihood",
  untitled: "Untitled source",
  sourceEntry: "Source",
  page: "Page",
  of: "of",
});

/** The labels with the config's overrides applied. */
export function resolveLabels(overrides: Partial<BriefLabels> | undefined): BriefLabels {
  return { ...DEFAULT_LABELS, ...(overrides ?? {}) };
}

/** Admiralty source reliability, A–F. */
export const RELIABILITY_WORDS: Readonly<Record<string, string>> = {
  A: "completely reliable",
  B: "usually reliable",
  C: "fairly reliable",
  D: "not usually reliable",
  E: "unreliable",
  F: "reliability cannot be judged",
};

/** Admiralty information credibility, 1–6. */
export const CREDIBILITY_WORDS: Readonly<Record<number, string>> = {
  1: "confirmed by other sources",
  2: "probably true",
  3: "possibly true",
  4: "doubtful",
  5: "improbable",
  6: "truth cannot be judged",
};

/** The Admiralty grade ("B2", "B", "2") and its words, or undefined when ungraded. */
export function admiraltyGrade(reliability: string | undefined, credibility: number | undefined): { grade: string; text: string } | undefined {
  if (reliability === undefined && credibility === undefined) return undefined;
  const grade = `${reliability ?? ""}${credibility ?? ""}`;
  const words = [reliability !== undefined ? RELIABILITY_WORDS[reliability] : undefined, credibility !== undefined ? CREDIBILITY_WORDS[credibility] : undefined].filter(
    (w): w is string => w !== undefined,
  );
  return { grade, text: words.join("; ") };
}

/** Words for an analytic confidence level. */
export const CONFIDENCE_WORDS: Readonly<Record<Confidence, string>> = { low: "low", moderate: "moderate", high: "high" };
