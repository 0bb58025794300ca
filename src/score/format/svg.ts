/**
 * The reliability diagram as SVG: x = stated probability (each term's band drawn as a bar),
 * y = observed frequency with Wilson 95 % whiskers, marker area ∝ number of forecasts, the
 * diagonal of perfect calibration, axis labels, and `<title>`/`<desc>` for screen readers.
 * Built as a hast tree in SVG space and serialised once; the same report gives the same bytes.
 */
import type { Element, ElementContent, Properties, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import type { ScoreReport, TermRow } from "../types.js";
import { bandText, fixed, intervalPercent, percent, VERDICT_WORDS } from "./describe.js";

const WIDTH = 780;
const HEIGHT = 560;
const PLOT = { x: 80, y: 60, size: 420 };
const LEGEND_X = PLOT.x + PLOT.size + 30;
const MAX_RADIUS = 16;
/** Colours by scale, in order of first appearance (colour-blind-safe Okabe–Ito hues). */
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];
const FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif";

/** Attribute values as written: numbers are turned into their shortest text. */
type Attrs = Record<string, string | number | string[]>;

function el(tagName: string, attrs: Attrs = {}, children: ElementContent[] = []): Element {
  const properties: Properties = {};
  for (const [k, v] of Object.entries(attrs)) properties[k] = typeof v === "number" ? String(v) : v;
  return { type: "element", tagName, properties, children };
}

function txt(value: string): ElementContent {
  return { type: "text", value };
}

/** Coordinates rounded to 0.01 px so the output does not depend on float noise. */
function c(x: number): number {
  return Number(x.toFixed(2));
}

const X = (p: number) => c(PLOT.x + p * PLOT.size);
const Y = (p: number) => c(PLOT.y + (1 - p) * PLOT.size);

function label(x: number, y: number, value: string, props: Attrs = {}): Element {
  return el("text", { x: c(x), y: c(y), fontFamily: FONT, fontSize: 12, fill: "#222222", ...props }, [txt(value)]);
}

function axes(): Element[] {
  const out: Element[] = [];
  for (let i = 0; i <= 10; i++) {
    const p = i / 10;
    const major = i % 5 === 0;
    out.push(el("line", { x1: X(p), y1: Y(0), x2: X(p), y2: Y(1), stroke: major ? "#cccccc" : "#eeeeee", strokeWidth: 1 }));
    out.push(el("line", { x1: X(0), y1: Y(p), x2: X(1), y2: Y(p), stroke: major ? "#cccccc" : "#eeeeee", strokeWidth: 1 }));
    out.push(label(X(p), Y(0) + 18, `${i * 10} %`, { textAnchor: "middle", fontSize: 11 }));
    out.push(label(X(0) - 8, Y(p) + 4, `${i * 10} %`, { textAnchor: "end", fontSize: 11 }));
  }
  out.push(el("rect", { x: X(0), y: Y(1), width: PLOT.size, height: PLOT.size, fill: "none", stroke: "#444444", strokeWidth: 1 }));
  out.push(el("line", { x1: X(0), y1: Y(0), x2: X(1), y2: Y(1), stroke: "#666666", strokeWidth: 1.2, strokeDasharray: "6 4" }, [el("title", {}, [txt("perfect calibration")])]));
  out.push(label(X(0.5), Y(0) + 42, "Stated probability (bar: the term's band)", { textAnchor: "middle", fontSize: 13 }));
  out.push(label(PLOT.x - 52, Y(0.5), "Observed frequency (whiskers: Wilson 95 %)", { textAnchor: "middle", fontSize: 13, transform: `rotate(-90 ${c(PLOT.x - 52)} ${Y(0.5)})` }));
  return out;
}

function describeTerm(t: TermRow): string {
  return `${t.scale} ${t.term} (${bandText(t.min, t.max)}, stated ${percent(t.probability)}): ${t.n} forecast${t.n === 1 ? "" : "s"}, observed ${percent(t.observed)} (Wilson 95 % ${intervalPercent(t.wilson)}), ${t.verdict}${t.small ? ", few forecasts" : ""}`;
}

function termMark(t: TermRow, colour: string, nMax: number): Element {
  const x = X(t.probability);
  const y = Y(t.observed);
  const r = c(Math.max(1.5, MAX_RADIUS * Math.sqrt(t.n / nMax)));
  const [lo, hi] = t.wilson;
  const cap = 5;
  return el("g", { className: ["term"] }, [
    el("title", {}, [txt(describeTerm(t))]),
    el("rect", { x: X(t.min), y: c(y - 4), width: c(X(t.max) - X(t.min)), height: 8, fill: colour, fillOpacity: 0.28, stroke: colour, strokeWidth: 0.8 }),
    el("line", { x1: x, y1: Y(lo), x2: x, y2: Y(hi), stroke: colour, strokeWidth: 1.5 }),
    el("line", { x1: c(x - cap), y1: Y(lo), x2: c(x + cap), y2: Y(lo), stroke: colour, strokeWidth: 1.5 }),
    el("line", { x1: c(x - cap), y1: Y(hi), x2: c(x + cap), y2: Y(hi), stroke: colour, strokeWidth: 1.5 }),
    el("circle", {
      cx: x,
      cy: y,
      r,
      fill: t.small ? "#ffffff" : colour,
      fillOpacity: t.small ? 1 : 0.85,
      stroke: colour,
      strokeWidth: 1.5,
      ...(t.small ? { strokeDasharray: "3 2" } : {}),
    }),
  ]);
}

/** The legend, grouped by scale; returns its elements and the y it ends at. */
function legend(r: ScoreReport, colours: Map<string, string>): { elements: Element[]; bottom: number } {
  const out: Element[] = [];
  let y = PLOT.y + 6;
  for (const [scale, colour] of colours) {
    out.push(label(LEGEND_X, y, scale, { fontWeight: "bold", fontSize: 13, fill: colour }));
    y += 18;
    for (const t of r.terms.filter((x) => x.scale === scale)) {
      out.push(el("circle", { cx: LEGEND_X + 6, cy: c(y - 4), r: 5, fill: t.small ? "#ffffff" : colour, stroke: colour, strokeWidth: 1.5 }));
      out.push(label(LEGEND_X + 16, y, `${t.term} ${bandText(t.min, t.max)}`, { fontSize: 11.5 }));
      y += 14;
      out.push(label(LEGEND_X + 16, y, `n ${t.n} · observed ${percent(t.observed, 0)} · ${t.verdict}`, { fontSize: 10.5, fill: "#555555" }));
      y += 18;
    }
    y += 6;
  }
  const notes = ["Marker area ∝ number of forecasts.", `Hollow: fewer than ${r.settings.minN}.`, "Dashed line: perfect calibration."];
  for (const n of notes) {
    out.push(label(LEGEND_X, y, n, { fontSize: 10.5, fill: "#555555" }));
    y += 15;
  }
  return { elements: out, bottom: y };
}

function summary(r: ScoreReport): string {
  if (r.brier === null) return `no resolved judgments (${r.unresolved} unresolved)`;
  return `N = ${r.n}, Brier ${fixed(r.brier)} (one-outcome form), AUC ${r.auc === null ? "n/a" : fixed(r.auc, 2)}, ${r.unresolved} unresolved`;
}

/** The reliability diagram of a report, as a hast `<svg>` element. */
export function scoreSvgTree(r: ScoreReport): Element {
  const colours = new Map<string, string>();
  for (const t of r.terms) if (!colours.has(t.scale)) colours.set(t.scale, COLOURS[colours.size % COLOURS.length]!);
  const nMax = Math.max(1, ...r.terms.map((t) => t.n));
  const desc = [
    `Reliability diagram of ${summary(r)}, as of ${r.settings.asOf}.`,
    "Each term is plotted at its stated probability (x) against how often its judgments came true (y); the bar spans the term's band, the whisker the Wilson 95 % interval.",
    ...r.terms.map((t) => `${describeTerm(t)}: ${VERDICT_WORDS[t.verdict]}.`),
    r.calibration.text,
  ].join(" ");
  const key = legend(r, colours);
  const height = Math.max(HEIGHT, Math.ceil(key.bottom + 10));
  const plot: ElementContent[] = [
    el("title", { id: "ys-score-title" }, [txt("Reliability diagram: stated probability against observed frequency")]),
    el("desc", { id: "ys-score-desc" }, [txt(desc)]),
    el("rect", { x: 0, y: 0, width: WIDTH, height, fill: "#ffffff" }),
    label(PLOT.x, 28, "Reliability diagram", { fontWeight: "bold", fontSize: 16 }),
    label(PLOT.x, 46, summary(r), { fontSize: 12, fill: "#444444" }),
    ...axes(),
    ...[...r.terms].sort((a, b) => b.n - a.n || a.probability - b.probability).map((t) => termMark(t, colours.get(t.scale)!, nMax)),
    ...key.elements,
  ];
  if (r.terms.length === 0) plot.push(label(X(0.5), Y(0.5), "no resolved judgments to plot", { textAnchor: "middle", fontSize: 14, fill: "#666666" }));
  return el("svg", { xmlns: "http://www.w3.org/2000/svg", width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}`, role: "img", ariaLabelledBy: "ys-score-title ys-score-desc" }, plot);
}

/** The reliability diagram of a report, as SVG text with a final newline. */
export function formatScoreSvg(r: ScoreReport): string {
  const tree: Root = { type: "root", children: [scoreSvgTree(r)] };
  return `${toHtml(tree, { space: "svg", closeEmptyElements: true })}\n`;
}
