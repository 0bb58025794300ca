/**
 * The Markdown layout, block by block: banner, Summary, Key Judgment N with the sentence, then
 * confidence and horizon in their own paragraphs (never inside the sentence), evidence bullets,
 * note and outcome, changes, Sources, and the cutoff line last.
 */
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import { defaultConfig } from "../src/config/load.js";
import { Assessment } from "../src/schema/assessment.js";
import { renderMarkdown } from "../src/render/markdown/index.js";

const a = {
  ...Assessment.parse({
    yardstick: 1,
    title: "Layout",
    marking: { classification: "OFFICIAL", tlp: "GREEN" },
    cutoff: "2023-03-01",
    summary: "First paragraph.\n\nSecond *paragraph*.",
    judgments: [
      {
        id: "a",
        likelihood: "realistic possibility",
        statement: "the thing happens",
        confidence: "low",
        horizon: "2023-12-31",
        evidence: [{ text: "Reported.", source: "r" }, "Our reasoning."],
        note: "Watch *this*.",
        outcome: { occurred: true, resolved: "2024-01-02", note: "It did." },
      },
    ],
    sources: [{ id: "r", title: "Report", url: "https://example.org/r", publisher: "Press", date: "2023-02-01", reliability: "A", credibility: 1 }],
  }),
  id: "layout",
};

describe("Markdown layout", () => {
  it("prints notes, the range beside the term and an evidence item's note only when the config says so", () => {
    const config = defaultConfig("/tmp");
    const shown = renderMarkdown(toBrief(a, { ...config, data: { ...config.data, show: { horizon: true, portionMarks: false, yardstick: true, meta: true, sources: true, notes: true, ranges: "inline" } } }));
    expect(shown).toContain("There is a **realistic possibility** (40–50 %) that the thing happens.");
    expect(shown).toContain("_Note:_ Watch _this_.");
    expect(shown).toContain("Outcome: Occurred (recorded 02/01/24). It did.");
  });

  const brief = toBrief(a, defaultConfig("/tmp"), { changes: { previous: "layout-2022", headline: "1 judgment changed: 1 ▲", items: [[{ type: "text", value: "KJ1 went up" }]] } });
  const md = renderMarkdown(brief);
  const tree = unified().use(remarkParse).parse(md) as Root;
  const blocks = tree.children.map((n) => `${n.type}${n.type === "heading" ? n.depth : ""}: ${toString(n, { includeHtml: false })}`);

  it("puts every part in its place", () => {
    expect(blocks).toEqual([
      "heading1: Layout",
      "paragraph: OFFICIAL · TLP:GREEN",
      "paragraph: Reference: layout · Cut-off: 01/03/23",
      "heading2: Summary",
      "paragraph: First paragraph.",
      "paragraph: Second paragraph.",
      "heading2: Key Judgment 1",
      "paragraph: There is a realistic possibility that the thing happens.",
      "paragraph: Likelihood: realistic possibility, 40–50 % (PHIA probability yardstick). Confidence: low. Horizon: 31/12/23.",
      "list: Reported. [1]Our reasoning.",
      "paragraph: Outcome: Occurred (recorded 02/01/24).",
      "heading2: Changes since the previous edition",
      "paragraph: 1 judgment changed: 1 ▲",
      "list: KJ1 went up",
      "heading2: Sources",
      "list: Report. Press, 01/02/23. A1 — completely reliable; confirmed by other sources. https://example.org/r",
      "paragraph: Intelligence cut-off 01/03/23",
    ]);
  });

  it("emphasises the term, links each citation to its Sources entry and each entry to its URL", () => {
    expect(md).toContain("There is a **realistic possibility** that the thing happens.");
    expect(md).toContain("- Reported. [\\[1\\]](#source-1)");
    expect(md).toContain('1. <a id="source-1"></a>[Report](https://example.org/r). Press, 01/02/23.');
    expect(md).toContain("**OFFICIAL · TLP:GREEN**");
  });
});
