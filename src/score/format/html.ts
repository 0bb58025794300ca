/**
 * A printable scorecard: one standalone HTML page with the figures and the per-term table (the
 * Markdown report's mdast, turned into hast) and the reliability diagram inline. Built as one
 * hast tree and serialised once; no script, no external resource.
 */
import type { Element, ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { toHast } from "mdast-util-to-hast";
import type { ScoreReport } from "../types.js";
import { scoreMdast } from "./markdown.js";
import { scoreSvgTree } from "./svg.js";

const CSS = `body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;color:#222;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
table{border-collapse:collapse;margin:0.5rem 0 1rem;font-size:0.9rem}th,td{border:1px solid #ccc;padding:0.2rem 0.5rem;white-space:nowrap}th{background:#f3f3f3}
code{font-size:0.9em}figure{margin:1rem 0}svg{max-width:100%;height:auto}@media print{body{margin:0}figure{break-inside:avoid}}`;

function h(tagName: string, properties: Element["properties"], children: ElementContent[]): Element {
  return { type: "element", tagName, properties, children };
}

/** The scorecard as an HTML document. */
export function formatScoreHtml(r: ScoreReport): string {
  const body = toHast(scoreMdast(r)) as Root;
  const content = body.children.filter((c): c is ElementContent => c.type !== "doctype");
  // The diagram goes after the table of figures, before the per-term table.
  const firstTable = content.findIndex((c) => c.type === "element" && c.tagName === "table");
  const at = firstTable < 0 ? content.length : firstTable + 1;
  const figure = h("figure", {}, [scoreSvgTree(r), h("figcaption", {}, [{ type: "text", value: "Reliability diagram: bars are the terms' bands, whiskers the Wilson 95 % intervals, marker area ∝ number of forecasts." }])]);
  const tree: Root = {
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: "en" }, [
        h("head", {}, [h("meta", { charSet: "utf-8" }, []), h("title", {}, [{ type: "text", value: "Calibration scorecard" }]), h("style", {}, [{ type: "text", value: CSS }])]),
        h("body", {}, [...content.slice(0, at), figure, ...content.slice(at)]),
      ]),
    ],
  };
  return `${toHtml(tree)}\n`;
}
