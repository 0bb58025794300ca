/**
 * The score report as JSON: the contract other tools read (probabilities 0–1, null where undefined).
 */
import type { ScoreReport } from "../types.js";

/** The report as pretty-printed JSON with a final newline. */
export function formatScoreJson(report: ScoreReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
