/**
 * Stringifying the brief's mdast once with remark-stringify (+ GFM).
 */
import type { Root } from "mdast";
import { unified, type Processor } from "unified";
import remarkGfm from "remark-gfm";
import remarkStringify, { type Options } from "remark-stringify";
import type { Brief } from "../../brief/types.js";
import { briefToMdast } from "./to-mdast.js";

/** Serialisation style of the brief's Markdown. */
export const MARKDOWN_STYLE: Options = {
  bullet: "-",
  bulletOrdered: ".",
  emphasis: "_",
  strong: "*",
  fence: "`",
  fences: true,
  rule: "-",
  listItemIndent: "one",
  incrementListMarker: true,
  resourceLink: true,
};

let processor: Processor<undefined, undefined, undefined, Root, string> | undefined;
function stringifier(): Processor<undefined, undefined, undefined, Root, string> {
  processor ??= unified().use(remarkGfm).use(remarkStringify, MARKDOWN_STYLE).freeze() as unknown as Processor<undefined, undefined, undefined, Root, string>;
  return processor;
}

/** Stringifies an mdast tree with the brief's style. */
export function stringifyMarkdown(tree: Root): string {
  return stringifier().stringify(tree);
}

/** Renders a brief as Markdown. */
export function renderMarkdown(brief: Brief): string {
  return stringifyMarkdown(briefToMdast(brief));
}
