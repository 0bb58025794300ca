/**
 * Number and band wording shared by the score formatters.
 */
import type { ScoreReport } from "../types.js";

/** A probability 0–1 as a percentage with one decimal: 0.9111 → "91.1 %". */
export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)} %`;
}

/** A score with three decimals: 0.14159 → "0.142". */
export function fixed(x: number, digits = 3): string {
  return x.toFixed(digits);
}

/** A percent bound without noise: 0.8 → "80", 0.025 → "2.5". */
function bound(x: number): string {
  return String(Number((x * 100).toFixed(2)));
}

/** A band (0–1) as "80–90 %", "≤5 %" or "≥95 %". */
export function bandText(min: number, max: number): string {
  if (min <= 0) return `≤${bound(max)} %`;
  if (max >= 1) return `≥${bound(min)} %`;
  return `${bound(min)}–${bound(max)} %`;
}

/** An interval (0–1) as percentages: "79.3–96.5 %". */
export function intervalPercent([lo, hi]: readonly [number, number]): string {
  return `${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)} %`;
}

/** A figure or "n/a (reason)". */
export function orNa(value: number | null, reason: string | undefined, show: (x: number) => string): string {
  return value === null ? `n/a (${reason ?? "undefined"})` : show(value);
}

/** One line describing the Murphy decomposition and its identity check. */
export function decompositionLine(r: ScoreReport): string {
  if (r.brier === null || r.reliability === null || r.resolution === null || r.uncertainty === null || r.identityError === null) return `n/a (${r.reasons.reliability ?? "undefined"})`;
  return `REL ${fixed(r.reliability, 4)} − RES ${fixed(r.resolution, 4)} + UNC ${fixed(r.uncertainty, 4)} = ${fixed(r.reliability - r.resolution + r.uncertainty, 4)} (Brier ${fixed(r.brier, 4)}; identity off by ${r.identityError.toExponential(1)})`;
}

/** What each verdict means, for footnotes. */
export const VERDICT_WORDS = {
  consistent: "the Wilson interval overlaps the band",
  over: "happens less often than the band claims",
  under: "happens more often than the band claims",
} as const;
