/**
 * Stringifying the brief's mdast once, with mdast-util-to-markdown (the serialiser behind
 * remark-stringify) and its GFM extension, called directly: same output as a unified
 * `remark-stringify` + `remark-gfm` processor, without the per-call processor overhead.
 */
import type { Link, Parents, Root, Text } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { defaultHandlers, toMarkdown, type Handle, type Info, type Options, type State } from "mdast-util-to-markdown";
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

/** Characters some escaping rule of the serialiser (CommonMark + GFM) applies to wherever they are. */
const ESCAPED_ANYWHERE = /[\\`*_[\]<>~|&#!@\t\r]/;
/** Context-dependent cases inside a text: GFM autolink literals, a blank line, spaces at a line break. */
const ESCAPED_INSIDE = /[ps]:\/|[Ww]\.[-.\w]|\n\n| \n|\n /;
/** Starts of a text that a neighbour can make special ("(" after "]", "." after "w", …). */
const ESCAPED_START = /^[.:()]/;
/** A line start that could open a block (list item, heading, quote, table, thematic break, setext line). */
const BLOCK_START = /^(?:[-+#>=:|\s]|\d+[.)])/;
/** Constructs whose own escaping rules are all covered above; anywhere else the serialiser decides. */
const PLAIN_CONSTRUCTS: ReadonlySet<string> = new Set(["paragraph", "phrasing", "list", "listItem", "strong", "emphasis"]);

const isBreak = (c: string): boolean => c === "\n" || c === "\r";

/**
 * True when `state.safe` would return `value` unchanged at this place: the value holds no
 * character any escaping rule applies to in the constructs around it, and none of the
 * context-dependent cases (its first and last character judged with the characters the
 * serialiser says come `before` and `after`). Such text is written as is; everything else goes
 * through `state.safe`. test/markdown-escaping.test.ts compares both on hostile text.
 */
export function needsNoEscaping(value: string, state: { readonly stack: readonly string[] }, info: Pick<Info, "before" | "after">): boolean {
  if (value.length === 0 || ESCAPED_ANYWHERE.test(value) || ESCAPED_INSIDE.test(value) || ESCAPED_START.test(value) || /[Ww]\.$/.test(value)) return false;
  // An ATX heading is one line: a plain single-line text is written there as is.
  for (const construct of state.stack) if (!PLAIN_CONSTRUCTS.has(construct) && !(construct === "headingAtx" && !value.includes("\n"))) return false;
  const before = info.before.slice(-1);
  const after = info.after.charAt(0);
  if (isBreak(before) && (BLOCK_START.test(value) || value.startsWith("\n"))) return false;
  if (isBreak(after) && (value.endsWith(" ") || value.endsWith("\n"))) return false;
  let at = value.indexOf("\n");
  while (at >= 0) {
    if (BLOCK_START.test(value.slice(at + 1))) return false;
    at = value.indexOf("\n", at + 1);
  }
  return true;
}

/**
 * The text handler: plain text as is, the rest through the default handler. Its `peek` (the
 * first character, which the serialiser asks of every next sibling) avoids serialising a text
 * twice.
 */
const fastText = Object.assign(
  (node: Text, parent: Parents | undefined, state: State, info: Info): string => (needsNoEscaping(node.value, state, info) ? node.value : defaultHandlers.text(node, parent, state, info)),
  {
    peek: (node: Text, parent: Parents | undefined, state: State, info: Info): string => (needsNoEscaping(node.value, state, info) ? node.value.charAt(0) : defaultHandlers.text(node, parent, state, info)),
  },
) satisfies Handle;

/** A numbered citation's link text ("[3]", "[3, 05/07/22]") and its target, a Sources entry. */
const CITATION_LABEL = /^\[[\d, /]+\]$/;
const INTERNAL_TARGET = /^#[\w-]+$/;

/**
 * The link handler: a numbered citation (`[\[3\]](#source-3)`, the most frequent link of a brief)
 * is written directly — brackets escaped, nothing else in it can need escaping — and every other
 * link by the default handler.
 */
const fastLink = Object.assign(
  (node: Link, parent: Parents | undefined, state: State, info: Info): string => {
    const only = node.children.length === 1 ? node.children[0] : undefined;
    if (!node.title && INTERNAL_TARGET.test(node.url) && only?.type === "text" && CITATION_LABEL.test(only.value)) return `[\\[${only.value.slice(1, -1)}\\]](${node.url})`;
    return defaultHandlers.link(node, parent, state, info);
  },
  { peek: defaultHandlers.link.peek },
) satisfies Handle;

let options: Options | undefined;

/** Stringifies an mdast tree with the brief's style. */
export function stringifyMarkdown(tree: Root): string {
  options ??= { ...MARKDOWN_STYLE, extensions: [gfmToMarkdown(), { handlers: { text: fastText, link: fastLink } }] };
  return toMarkdown(tree, options);
}

/** Renders a brief as Markdown. */
export function renderMarkdown(brief: Brief): string {
  return stringifyMarkdown(briefToMdast(brief));
}
