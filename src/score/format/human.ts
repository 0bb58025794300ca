/**
 * The score report as terminal text: the figures, the per-term table, the over/underconfidence
 * line, then the unresolved judgments with file:line. Colour comes only from the palette passed in.
 */
import { PLAIN, type Palette } from "../../diagnostics/reporter.js";
import { terminalSafe } from "../../diff/format/human.js";
import type { ScoreReport, SliceRow, TermRow } from "../types.js";
import { bandText, decompositionLine, fixed, intervalPercent, orNa, percent, VERDICT_WORDS } from "./describe.js";

/** Options for {@link formatScoreHuman}. */
export interface HumanScoreOptions {
  palette?: Palette;
}

/** Lays out rows as columns separated by two spaces; `right` columns are right-aligned. */
function table(rows: readonly string[][], right: ReadonlySet<number>): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) =>
    r
      .map((c, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - [...c].length);
        return right.has(i) ? pad + c : i === r.length - 1 ? c : c + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}

function termTable(terms: readonly TermRow[], p: Palette, minN: number): string[] {
  const head = ["scale", "term", "band", "stated", "n", "hits", "observed", "Wilson 95 %", "verdict"];
  const rows = terms.map((t) => [
    terminalSafe(t.scale),
    terminalSafe(t.term) + (t.small ? "*" : ""),
    bandText(t.min, t.max),
    percent(t.probability),
    String(t.n),
    String(t.hits),
    percent(t.observed),
    intervalPercent(t.wilson),
    t.verdict,
  ]);
  const lines = table([head, ...rows], new Set([3, 4, 5, 6]));
  const out = [p.bold(lines[0]!)];
  lines.slice(1).forEach((line, i) => {
    const t = terms[i]!;
    const coloured = t.verdict === "consistent" ? line.replace(/consistent$/, p.green("consistent")) : line.replace(/(over|under)$/, p.yellow(t.verdict));
    out.push(t.small ? p.dim(coloured) : coloured);
  });
  if (terms.some((t) => t.small)) out.push(p.dim(`* fewer than ${minN} forecasts: read with care`));
  const used = [...new Set(terms.map((t) => t.verdict))];
  out.push(p.dim(`verdict: ${used.map((v) => `${v} = ${VERDICT_WORDS[v]}`).join("; ")}`));
  return out;
}

function sliceTable(rows: readonly SliceRow[], by: string, p: Palette, minN: number): string[] {
  const head = [by, "n", "base rate", "Brier", "REL", "RES", "skill", "AUC"];
  const na = (x: number | null, show: (v: number) => string) => (x === null ? "n/a" : show(x));
  const body = rows.map((r) => [
    terminalSafe(r.key) + (r.small ? "*" : ""),
    String(r.n),
    na(r.baseRate, (v) => percent(v)),
    na(r.brier, (v) => fixed(v)),
    na(r.reliability, (v) => fixed(v)),
    na(r.resolution, (v) => fixed(v)),
    na(r.skill, (v) => fixed(v, 2)),
    na(r.auc, (v) => fixed(v, 2)),
  ]);
  const lines = table([head, ...body], new Set([1, 2, 3, 4, 5, 6, 7]));
  const out = [p.bold(lines[0]!), ...lines.slice(1).map((l, i) => (rows[i]!.small ? p.dim(l) : l))];
  if (rows.some((r) => r.small)) out.push(p.dim(`* fewer than ${minN} forecasts: read with care`));
  if (rows.some((r) => r.skill === null || r.auc === null)) out.push(p.dim("n/a: undefined for a cell where every outcome is the same"));
  return out;
}

/** The report as text for a terminal. */
export function formatScoreHuman(r: ScoreReport, options: HumanScoreOptions = {}): string {
  const p = options.palette ?? PLAIN;
  const s = r.settings;
  const lines: string[] = [];
  lines.push(p.bold(`Calibration of ${r.n} resolved judgment${r.n === 1 ? "" : "s"}`) + p.dim(` (${r.assessments} assessment${r.assessments === 1 ? "" : "s"}, ${r.questions} question${r.questions === 1 ? "" : "s"}; as of ${s.asOf}; editions: ${s.editions})`));
  lines.push("");
  const rows: string[][] = [
    ["N", String(r.n)],
    ["unresolved", `${r.unresolved}${r.unresolved > 0 ? " (not scored; listed below)" : ""}`],
    ["base rate", orNa(r.baseRate, r.reasons.baseRate, (x) => percent(x))],
    ["Brier score", orNa(r.brier, r.reasons.brier, (x) => `${fixed(x)} (one-outcome form: 0 best, 1 worst; always 50 % scores 0.25)`)],
    ["  bootstrap 95 %", orNa(r.brierInterval?.[0] ?? null, r.reasons.brierInterval, () => `${fixed(r.brierInterval![0])}–${fixed(r.brierInterval![1])} (${s.resamples} resamples, seed ${s.seed})`)],
    ["  within bands", orNa(r.brierBand?.[0] ?? null, r.reasons.brierBand, () => `${fixed(r.brierBand![0])}–${fixed(r.brierBand![1])} (best and worst probability inside each term's band)`)],
    ["Murphy", decompositionLine(r)],
    ["skill vs base rate", orNa(r.skill, r.reasons.skill, (x) => `${fixed(x)} (1 − Brier/UNC)`)],
    ["AUC", orNa(r.auc, r.reasons.auc, (x) => `${fixed(x)} (ties count ½)`)],
  ];
  lines.push(...table(rows, new Set()).map((l) => `  ${l}`));
  if (r.n > 0 && r.n < s.minN) lines.push(p.yellow(`  fewer than ${s.minN} forecasts: every figure is fragile`));
  if (r.terms.length > 0) {
    lines.push("");
    lines.push(...termTable(r.terms, p, s.minN).map((l) => `  ${l}`));
  }
  lines.push("");
  lines.push(r.calibration.text);
  if (r.slices) {
    lines.push("");
    lines.push(p.bold(`By ${r.slices.by}`));
    lines.push(...sliceTable(r.slices.rows, r.slices.by, p, s.minN).map((l) => `  ${l}`));
  }
  if (r.unresolvedJudgments.length > 0) {
    lines.push("");
    lines.push(p.bold(`Unresolved (${r.unresolvedJudgments.length}): not scored, never imputed`));
    for (const u of r.unresolvedJudgments) lines.push(`  ${p.cyan(`${terminalSafe(u.file)}:${u.line}`)}  ${terminalSafe(u.question)}  ${p.dim(u.reason)}`);
  }
  if (r.excluded.length > 0) {
    lines.push("");
    lines.push(p.bold(`Not forecasts (${r.excluded.length}): issued on or after the horizon or the outcome`));
    for (const u of r.excluded) lines.push(`  ${p.cyan(`${terminalSafe(u.file)}:${u.line}`)}  ${terminalSafe(u.question)}`);
  }
  return `${lines.join("\n")}\n`;
}
