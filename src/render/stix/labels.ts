/**
 * MISP-friendly labels: MISP turns a report's `labels` into event tags, and these two taxonomies
 * are MISP's own (misp-taxonomies `estimative-language`, `admiralty-scale`).
 */

/** ICD 203 bands as named by MISP's estimative-language:likelihood-probability predicate. */
const ESTIMATIVE: ReadonlyArray<{ value: string; min: number; max: number }> = [
  { value: "almost-no-chance", min: 0, max: 5 },
  { value: "very-unlikely", min: 5, max: 20 },
  { value: "unlikely", min: 20, max: 45 },
  { value: "roughly-even-chance", min: 45, max: 55 },
  { value: "likely", min: 55, max: 80 },
  { value: "very-likely", min: 80, max: 95 },
  { value: "almost-certain", min: 95, max: 100 },
];

/**
 * The estimative-language tag of a band: the ICD 203 band holding its midpoint (a midpoint on a
 * boundary goes to the upper band), e.g. PHIA "highly likely" (80–90 %) → `very-likely`.
 */
export function estimativeLabel(min: number, max: number): string {
  const mid = (min + max) / 2;
  const band = [...ESTIMATIVE].reverse().find((b) => mid >= b.min) ?? ESTIMATIVE[0]!;
  return `estimative-language:likelihood-probability="${band.value}"`;
}

/** The admiralty-scale tags of a grade: source reliability A–F and information credibility 1–6. */
export function admiraltyLabels(reliability: string | undefined, credibility: number | undefined): string[] {
  const out: string[] = [];
  if (reliability) out.push(`admiralty-scale:source-reliability="${reliability.toLowerCase()}"`);
  if (credibility !== undefined) out.push(`admiralty-scale:information-credibility="${credibility}"`);
  return out;
}

/** STIX 2.1 Appendix A, None/Low/Med/High: analytic confidence as STIX `confidence`. */
export const ANALYTIC_CONFIDENCE: Readonly<Record<"low" | "moderate" | "high", number>> = { low: 15, moderate: 50, high: 85 };
