/**
 * Analyst free text (mdast) to safe HTML: mdast-util-to-hast (raw HTML dropped) →
 * hast-util-sanitize with a strict schema → hast-util-to-html. No scripts, styles, images,
 * iframes or forms; links only to http(s) URLs and in-document `#anchors`.
 */
import type { Element, Nodes as HastNodes, Root as HastRoot, RootContent as HastContent } from "hast";
import { sanitize, type Schema } from "hast-util-sanitize";
import { toHtml } from "hast-util-to-html";
import type { BlockContent, PhrasingContent, Root as MdastRoot } from "mdast";
import { toHast } from "mdast-util-to-hast";

/** The only elements analyst text may produce, and their only attributes. */
export const STRICT_SCHEMA: Schema = {
  strip: ["script", "style", "iframe", "object", "embed", "img", "svg", "math", "template", "noscript", "form", "input", "button", "textarea", "select"],
  tagNames: ["p", "br", "em", "strong", "del", "code", "a", "ul", "ol", "li", "blockquote", "sup", "sub", "span"],
  // "cite" marks the brief's own citation links (set by toBrief, never by analyst Markdown).
  attributes: { a: ["href", ["className", "cite"]] },
  protocols: { href: ["http", "https"] },
  ancestors: {},
  clobberPrefix: "user-content-",
  clobber: [],
  required: {},
};

/** True for a link target allowed in a brief: http(s) URLs and `#anchors`. */
export function isAllowedHref(href: string): boolean {
  if (href.startsWith("#")) return /^#[A-Za-z0-9_-]+$/.test(href);
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function cleanLinks(node: HastNodes): void {
  if (node.type === "element" || node.type === "root") {
    for (const child of node.children) cleanLinks(child as HastNodes);
    if (node.type === "element" && node.tagName === "a") {
      const href = node.properties.href;
      if (typeof href !== "string" || !isAllowedHref(href)) delete node.properties.href;
      else if (!href.startsWith("#")) node.properties.rel = ["noopener", "noreferrer"];
    }
  }
}

function toSafeHast(nodes: ReadonlyArray<BlockContent | PhrasingContent>): HastRoot {
  const root: MdastRoot = { type: "root", children: [...nodes] as MdastRoot["children"] };
  const hast = toHast(root, { allowDangerousHtml: false }) as HastRoot;
  const clean = sanitize(hast, STRICT_SCHEMA) as HastRoot;
  cleanLinks(clean);
  return clean;
}

/** Block Markdown (paragraphs, lists) to sanitized HTML. */
export function blocksToHtml(nodes: readonly BlockContent[]): string {
  return toHtml(toSafeHast(nodes));
}

/** Inline Markdown to sanitized HTML, never producing a block element. */
export function inlineToHtml(nodes: readonly PhrasingContent[]): string {
  const root = toSafeHast(nodes);
  const flat: HastContent[] = [];
  for (const child of root.children) {
    if (child.type === "element" && (child as Element).tagName === "p") flat.push(...(child as Element).children);
    else flat.push(child);
  }
  return toHtml({ type: "root", children: flat });
}
