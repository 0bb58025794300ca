/**
 * The score report as GitHub-flavoured Markdown (a pull-request comment or a quarterly note):
 * an mdast tree built in code, stringified once with remark-stringify and remark-gfm.
 */
import type { Paragraph, PhrasingContent, Root, RootContent, TableCell, TableRow } from "mdast";
import { unified } from "unified";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import type { ScoreReport } from "../types.js";
import { bandText, decompositionLine, fixed, intervalPercent, orNa, percent, VERDICT_WORDS } from "./describe.js";

const text = (value: string): PhrasingContent => ({ type: "text", value });
const code = (value: string): PhrasingContent => ({ type: "inlineCode", value });
const cell = (children: PhrasingContent[] | string): TableCell => ({ type: "tableCell", children: typeof children === "string" ? [text(children)] : children });
const row = (cells: Array<PhrasingContent[] | string>): TableRow => ({ type: "tableRow", children: cells.map(cell) });
const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: "paragraph", children });

function tableOf(head: string[], body: Array<Array<PhrasingContent[] | string>>, align: Array<"left" | "right">): RootContent {
  return { type: "table", align, children: [row(head), ...body.map(row)] };
}

/** The report as an mdast tree (for Markdown, and for the HTML scorecard). */
export function scoreMdast(r: ScoreReport): Root {
  const s = r.settings;
  const children: RootContent[] = [];
  children.push({ type: "heading", depth: 2, children: [text("Calibration of our judgments")] });
  children.push(
    paragraph([
      text(`${r.n} resolved judgment${r.n === 1 ? "" : "s"} from ${r.assessments} assessment${r.assessments === 1 ? "" : "s"}, as of ${s.asOf} (editions: ${s.editions}); ${r.unresolved} unresolved, not scored.`),
    ]),
  );
  const fig = (name: string, value: string): Array<PhrasingContent[] | string> => [name, value];
  children.push(
    tableOf(
      ["Figure", "Value"],
      [
        fig("N", String(r.n)),
        fig("Unresolved", String(r.unresolved)),
        fig("Base rate", orNa(r.baseRate, r.reasons.baseRate, (x) => percent(x))),
        fig("Brier score (one-outcome form, 0–1)", orNa(r.brier, r.reasons.brier, (x) => fixed(x))),
        fig("Bootstrap 95 % interval", r.brierInterval ? `${fixed(r.brierInterval[0])}–${fixed(r.brierInterval[1])} (${s.resamples} resamples, seed ${s.seed})` : `n/a (${r.reasons.brierInterval ?? "undefined"})`),
        fig("Best–worst within the bands", r.brierBand ? `${fixed(r.brierBand[0])}–${fixed(r.brierBand[1])}` : `n/a (${r.reasons.brierBand ?? "undefined"})`),
        fig("Murphy decomposition", decompositionLine(r)),
        fig("Skill vs base rate (1 − BS/UNC)", orNa(r.skill, r.reasons.skill, (x) => fixed(x))),
        fig("AUC (ties ½)", orNa(r.auc, r.reasons.auc, (x) => fixed(x))),
      ],
      ["left", "left"],
    ),
  );
  if (r.terms.length > 0) {
    children.push({ type: "heading", depth: 3, children: [text("By term")] });
    children.push(
      tableOf(
        ["Scale", "Term", "Band", "Stated", "n", "Hits", "Observed", "Wilson 95 %", "Verdict"],
        r.terms.map((t) => [[code(t.scale)], t.term + (t.small ? " *" : ""), bandText(t.min, t.max), percent(t.probability), String(t.n), String(t.hits), percent(t.observed), intervalPercent(t.wilson), t.verdict]),
        ["left", "left", "left", "right", "right", "right", "right", "right", "left"],
      ),
    );
    const notes = [...new Set(r.terms.map((t) => t.verdict))].map((v) => `${v}: ${VERDICT_WORDS[v]}`);
    if (r.terms.some((t) => t.small)) notes.push(`* fewer than ${s.minN} forecasts: read with care`);
    children.push(paragraph([text(notes.join(". ") + ".")]));
  }
  children.push(paragraph([text(r.calibration.text)]));
  if (r.slices) {
    children.push({ type: "heading", depth: 3, children: [text(`By ${r.slices.by}`)] });
    const na = (x: number | null, show: (v: number) => string) => (x === null ? "n/a" : show(x));
    children.push(
      tableOf(
        [r.slices.by, "n", "Base rate", "Brier", "REL", "RES", "Skill", "AUC"],
        r.slices.rows.map((c) => [c.key + (c.small ? " *" : ""), String(c.n), na(c.baseRate, (v) => percent(v)), na(c.brier, (v) => fixed(v)), na(c.reliability, (v) => fixed(v)), na(c.resolution, (v) => fixed(v)), na(c.skill, (v) => fixed(v, 2)), na(c.auc, (v) => fixed(v, 2))]),
        ["left", "right", "right", "right", "right", "right", "right", "right"],
      ),
    );
  }
  if (r.unresolvedJudgments.length > 0) {
    children.push({ type: "heading", depth: 3, children: [text("Unresolved")] });
    children.push({
      type: "list",
      ordered: false,
      spread: false,
      children: r.unresolvedJudgments.map((u) => ({ type: "listItem", spread: false, children: [paragraph([code(`${u.file}:${u.line}`), text(` ${u.question}: ${u.reason}`)])] })),
    });
  }
  return { type: "root", children };
}

/** The report as Markdown text. */
export function formatScoreMarkdown(r: ScoreReport): string {
  return unified().use(remarkGfm).use(remarkStringify, { bullet: "-" }).stringify(scoreMdast(r));
}
