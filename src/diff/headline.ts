/**
 * The one-line headline of a change report:
 * "3 judgments changed: 1 ▲, 1 ▼, 1 new; 1 withdrawn; cutoff 09/07/22 → 30/12/22".
 */
import type { ChangeReport } from "./types.js";

/** Arrow shown for a move up or down the scale. */
export const ARROW = { up: "▲", down: "▼" } as const;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Composes the headline from a report (everything but `headline` filled in). */
export function headline(r: Omit<ChangeReport, "headline"> & { headline?: string }): string {
  const c = r.counts;
  if (r.status === "added") return `new assessment: ${plural(c.added, "judgment")}${c.sourcesAdded > 0 ? `, ${plural(c.sourcesAdded, "source")}` : ""}`;
  if (r.status === "withdrawn") return `assessment withdrawn: ${plural(c.removed, "judgment")}`;
  const parts: string[] = [];
  if (c.judgmentsChanged > 0) {
    const kinds: string[] = [];
    if (c.up > 0) kinds.push(`${c.up} ${ARROW.up}`);
    if (c.down > 0) kinds.push(`${c.down} ${ARROW.down}`);
    if (c.revised > 0) kinds.push(`${c.revised} revised`);
    if (c.added > 0) kinds.push(`${c.added} new`);
    parts.push(`${plural(c.judgmentsChanged, "judgment")} changed: ${kinds.join(", ")}`);
  }
  if (c.removed > 0) parts.push(`${c.removed} withdrawn`);
  const sourceKinds: string[] = [];
  if (c.sourcesAdded > 0) sourceKinds.push(`${c.sourcesAdded} added`);
  if (c.sourcesRemoved > 0) sourceKinds.push(`${c.sourcesRemoved} removed`);
  if (c.sourcesChanged > 0) sourceKinds.push(`${c.sourcesChanged} revised`);
  if (sourceKinds.length > 0) parts.push(`sources ${sourceKinds.join(", ")}`);
  if (r.scale) parts.push(`scale ${r.scale.old ?? "phia"} → ${r.scale.new ?? "phia"}`);
  if (r.cutoff) parts.push(`cutoff ${r.cutoff.oldText ?? "none"} → ${r.cutoff.newText ?? "none"}`);
  if (r.issued) parts.push(`issued ${r.issued.oldText ?? "none"} → ${r.issued.newText ?? "none"}`);
  if (r.summary) parts.push("summary revised");
  if (r.title) parts.push("retitled");
  if (r.marking?.loosened) parts.push("⚠ marking loosened");
  else if (r.marking) parts.push(`marking ${r.marking.old.text} → ${r.marking.new.text}`);
  if (parts.length === 0) {
    if (!r.changed) return "no changes";
    const reordered = r.judgments.some((j) => (j.kind === "changed" || j.kind === "unchanged") && j.old.number !== j.new.number);
    parts.push(reordered ? "judgments reordered" : "details revised");
  }
  return parts.join("; ");
}
