/**
 * Stringifying the brief's mdast once, with mdast-util-to-markdown (the serialiser behind
 * remark-stringify) and its GFM extension, called directly: same output as a unified
 * `remark-stringify` + `remark-gfm` processor, without the per-call processor overhead.
 */
import type { Root } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown, type Options } from "mdast-util-to-markdown";
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

let options: Options | undefined;

/** Stringifies an mdast tree with the brief's style. */
export function stringifyMarkdown(tree: Root): string {
  options ??= { ...MARKDOWN_STYLE, extensions: [gfmToMarkdown()] };
  return toMarkdown(tree, options);
}

/** Renders a brief as Markdown. */
export function renderMarkdown(brief: Brief): string {
  return stringifyMarkdown(briefToMdast(brief));
}
