/**
 * Stringifying the brief's mdast once, with mdast-util-to-markdown (the serialiser behind
 * remark-stringify) and its GFM extension, called directly: same output as a unified
 * `remark-stringify` + `remark-gfm` processor, without the per-call processor overhead.
 */
import type { Parents, Root, Text } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { defaultHandlers, toMarkdown, type Handle, type Info, type Options, type State } from "mdast-util-to-markdown";
import { isPlainLine } from "../../brief/inline-markdown.js";
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

/**
 * True when escaping could not change a text node's value wherever it sits in the brief: a plain
 * line (see `isPlainLine`) that also avoids the few context-dependent cases of the serialiser
 * ("!" before a link, "#" closing a heading, "(" after "]", ":-" table starts, GFM autolink
 * literal characters). Such text is written as is; everything else goes through `state.safe`.
 */
export function needsNoEscaping(value: string): boolean {
  return isPlainLine(value) && !/[!#]$/.test(value) && !/^[(:]/.test(value) && !/[Ww]\.[-.\w]|[ps]:\//.test(value);
}

const fastText: Handle = (node: Text, parent: Parents | undefined, state: State, info: Info): string => {
  if (needsNoEscaping(node.value)) return node.value;
  return defaultHandlers.text(node, parent, state, info);
};

let options: Options | undefined;

/** Stringifies an mdast tree with the brief's style. */
export function stringifyMarkdown(tree: Root): string {
  options ??= { ...MARKDOWN_STYLE, extensions: [gfmToMarkdown(), { handlers: { text: fastText } }] };
  return toMarkdown(tree, options);
}

/** Renders a brief as Markdown. */
export function renderMarkdown(brief: Brief): string {
  return stringifyMarkdown(briefToMdast(brief));
}
