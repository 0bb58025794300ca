/**
 * Small wordings shared by the formatters, so the terminal, the pull-request comment and the
 * brief say the same thing the same way.
 */
import type { ConfidenceChange, EvidenceView, LikelihoodChange, OutcomeChange, ProbabilityChange, TermInfo, ValueChange } from "../types.js";
import type { Outcome } from "../../schema/assessment.js";
import { ARROW } from "../headline.js";

/** "highly likely (80–90 %)". */
export function termText(t: TermInfo): string {
  return `${t.text} (${t.range})`;
}

/** "▲", "▼" or "". */
export function arrow(direction: "up" | "down" | "same"): string {
  return direction === "same" ? "" : ARROW[direction];
}

/** "likely (55–75 %) → highly likely (80–90 %) ▲", with the scales named when they differ. */
export function likelihoodText(c: LikelihoodChange): string {
  const scaled = c.old.scale !== c.new.scale;
  const side = (t: TermInfo) => (scaled ? `${t.text} (${t.scale} ${t.range})` : termText(t));
  const a = arrow(c.direction);
  const note = c.wordingOnly ? " (same band, new wording)" : c.direction === "same" ? " (equivalent band)" : "";
  return `${side(c.old)} → ${side(c.new)}${a ? ` ${a}` : ""}${note}`;
}

/** "72 %", as the brief prints an exact probability. */
export function percentText(p: number): string {
  return `${Number((p * 100).toFixed(2))} %`;
}

/** "70 % → 72 % ▲ (+2 pts)", "none → 72 %"; without the arrow where a table shows it in its own column. */
export function probabilityText(c: ProbabilityChange, withArrow = true): string {
  const a = withArrow ? arrow(c.direction) : "";
  const side = (p: number | undefined) => (p === undefined ? "none" : percentText(p));
  const delta = c.delta !== undefined && c.delta !== 0 ? ` (${c.delta > 0 ? "+" : ""}${c.delta} pts)` : "";
  return `${side(c.old)} → ${side(c.new)}${a ? ` ${a}` : ""}${delta}`;
}

/** "likely (55–75 %), 72 %": the term with the exact probability beside it, when there is one. */
export function termWithProbability(t: TermInfo, probability: number | undefined): string {
  return probability === undefined ? termText(t) : `${termText(t)}, ${percentText(probability)}`;
}

/** "moderate → high ▲", "none → high". */
export function confidenceText(c: ConfidenceChange): string {
  const a = arrow(c.direction);
  return `${c.old ?? "none"} → ${c.new ?? "none"}${a ? ` ${a}` : ""}`;
}

/** "a → b", with "none" for an absent side. */
export function valueText(v: ValueChange<string>): string {
  return `${v.old ?? "none"} → ${v.new ?? "none"}`;
}

/** "occurred (resolved 2023-07-10)". */
export function outcomeValue(o: Outcome): string {
  return `${o.occurred ? "occurred" : "did not occur"} (resolved ${o.resolved})${o.note ? `: ${o.note}` : ""}`;
}

/** "outcome recorded: occurred (resolved 2023-07-10)". */
export function outcomeText(c: OutcomeChange): string {
  if (c.kind === "recorded" && c.new) return `outcome recorded: ${outcomeValue(c.new)}`;
  if (c.kind === "removed" && c.old) return `outcome removed (was: ${outcomeValue(c.old)})`;
  return `outcome changed: ${c.old ? outcomeValue(c.old) : "none"} → ${c.new ? outcomeValue(c.new) : "none"}`;
}

/** " (source-id, 2022-03-04)" after an evidence text, or "". */
export function evidenceTail(e: EvidenceView): string {
  const bits = [e.source, e.dateText ?? e.date].filter((b): b is string => b !== undefined);
  return bits.length > 0 ? ` (${bits.join(", ")})` : "";
}

/** "(unsourced)" for an absent source. */
export function sourceName(s: string | undefined): string {
  return s ?? "unsourced";
}
