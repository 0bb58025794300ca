/**
 * The Markdown writer's fast paths (plain text written as is, numbered citations written
 * directly) must give exactly what the serialiser's own escaping gives, for hostile text in
 * every place a brief puts text.
 */
import fc from "fast-check";
import type { Paragraph, PhrasingContent, Root } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown } from "mdast-util-to-markdown";
import { describe, expect, it } from "vitest";
import { MARKDOWN_STYLE, stringifyMarkdown } from "../src/render/markdown/stringify.js";
import { needsNoEscaping } from "../src/render/markdown/stringify.js";

const reference = (tree: Root): string => toMarkdown(tree, { ...MARKDOWN_STYLE, extensions: [gfmToMarkdown()] });

/** Pieces that exercise every escaping rule: markers, line starts, autolink literals, spaces at breaks. */
const piece = fc.constantFrom(
  "a", "W", "w", "s", "p", "x", ".", ":", "/", " ", "  ", "\n", "\n\n", "\t", "\r", "1", "12", ")", "(", "-", "+", "#", "=", ">", "<", "@", "!", "[", "]", "*", "_", "&",
  "|", "~", "\\", "`", "é", "’", "·", "–", ":-", "www.", "http://", "https://x.y", "a@b.c", "1.", "1)", "# ", "- ", "> ", "==", "--", "&amp;", "x_y", "![", "](", "\u007F",
);
const hostile = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(""));
const t = (value: string): PhrasingContent => ({ type: "text", value });

/** Every place the brief writes text, around the text under test. */
function contexts(s: string, label: string): Root[] {
  const para = (...children: PhrasingContent[]): Paragraph => ({ type: "paragraph", children });
  const cite: PhrasingContent = { type: "link", url: "#source-3", children: [t(label)] };
  return [
    { type: "root", children: [para(t(s))] },
    { type: "root", children: [para(t(s), t(s), t("w"), t(s))] },
    { type: "root", children: [para(t("It is "), { type: "strong", children: [t(s)] }, t(s))] },
    { type: "root", children: [para(t(s), cite, t(s))] },
    { type: "root", children: [para({ type: "emphasis", children: [t(s)] }, t(s), cite)] },
    { type: "root", children: [{ type: "heading", depth: 2, children: [t(s)] }, para(t(s))] },
    { type: "root", children: [{ type: "list", ordered: false, spread: false, children: [{ type: "listItem", spread: false, children: [para(t(s), cite)] }, { type: "listItem", spread: false, children: [para(cite, t(s))] }] }] },
    { type: "root", children: [{ type: "blockquote", children: [para(t(s))] }] },
    { type: "root", children: [{ type: "table", children: [{ type: "tableRow", children: [{ type: "tableCell", children: [t(s)] }] }] }] },
    { type: "root", children: [para({ type: "link", url: s.replace(/\s/g, "") || "#x", children: [t(s)] }, { type: "inlineCode", value: "c" }, t(s))] },
  ];
}

describe("the Markdown writer's fast paths", () => {
  it("write hostile text and citations exactly as the serialiser's escaping does", () => {
    const label = fc.oneof(fc.constantFrom("[1]", "[3, 05/07/22]", "[12]", "source"), hostile);
    fc.assert(
      fc.property(hostile, label, (s, l) => {
        for (const tree of contexts(s, l)) expect(stringifyMarkdown(tree)).toBe(reference(tree));
      }),
      { numRuns: 250 },
    );
  });

  it("take the fast path for ordinary prose and leave anything special to the serialiser", () => {
    const paragraph = { stack: ["paragraph", "phrasing"] };
    expect(needsNoEscaping("Since the Taliban seized power in August 2021, IS-K has increased its attacks.", paragraph, { before: "\n", after: "\n" })).toBe(true);
    expect(needsNoEscaping(" that IS-K will continue", paragraph, { before: "*", after: "\n" })).toBe(true);
    expect(needsNoEscaping("1. not a list", paragraph, { before: "\n", after: "\n" })).toBe(false);
    expect(needsNoEscaping("1. mid-line", paragraph, { before: "a", after: "\n" })).toBe(true);
    expect(needsNoEscaping("trailing ", paragraph, { before: "a", after: "\n" })).toBe(false);
    expect(needsNoEscaping("see www.example.org", paragraph, { before: "\n", after: "\n" })).toBe(false);
    expect(needsNoEscaping("a*b", paragraph, { before: "\n", after: "\n" })).toBe(false);
    expect(needsNoEscaping("two\nlines", { stack: ["headingAtx", "phrasing"] }, { before: " ", after: "\n" })).toBe(false);
    expect(needsNoEscaping("cell", { stack: ["table", "tableRow", "tableCell", "phrasing"] }, { before: "|", after: "|" })).toBe(false);
  });

  it("write a numbered citation with its brackets escaped", () => {
    const tree: Root = { type: "root", children: [{ type: "paragraph", children: [t("Attacks rose. "), { type: "link", url: "#source-3", children: [t("[3, 05/07/22]")] }] }] };
    expect(stringifyMarkdown(tree)).toBe("Attacks rose. [\\[3, 05/07/22\\]](#source-3)\n");
  });
});
