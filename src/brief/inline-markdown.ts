/**
 * Free text as mdast. Analysts write Markdown; the brief embeds it without ever letting it break
 * the brief's structure:
 *
 * - inline text (statements, evidence, notes) becomes phrasing nodes only: text that parses to
 *   anything but one paragraph is kept as its literal text;
 * - block text (the summary) becomes block nodes, with headings demoted to bold paragraphs;
 * - raw HTML is kept as literal text, images as their alt text, links only for http(s)/mailto;
 * - `[@source-id]` markers become citations, built by the caller.
 *
 * Text with no Markdown-special characters skips the parser (the result is the same, faster).
 */
import type { BlockContent, ListItem, Node, Parent, PhrasingContent, Root, RootContent, TableCell, TableRow, Text } from "mdast";
import { unified, type Processor } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import { CITATION_MARKER } from "../schema/citations.js";

/** Builds the nodes that stand for a `[@id]` citation. */
export type CiteFn = (sourceId: string) => PhrasingContent[];

/** Options for parsing free text. */
export interface FreeTextOptions {
  /** Turns `[@id]` markers into citation nodes; without it they stay literal text. */
  cite?: CiteFn;
}

const OPEN = "\uE000";
const CLOSE = "\uE001";
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

let processor: Processor<Root> | undefined;
function parser(): Processor<Root> {
  processor ??= unified().use(remarkParse).use(remarkGfm).freeze() as unknown as Processor<Root>;
  return processor;
}

/** Characters that may mean something to Markdown (CommonMark + GFM) anywhere in a line. */
const SPECIAL = /[\\`*_[\]<>~|&\t\r\n\uE000\uE001]/;
/** Line starts that may open a block. */
const LINE_START = /^(?:[-+#>=\s]|\d+[.)])/;
/** GFM autolink literals. */
const AUTOLINK = /:\/\/|www\.|@|mailto:|xmpp:/i;

/** True when one line of text holds nothing Markdown would parse: it is a single text node. */
export function isPlainLine(line: string): boolean {
  return line.length > 0 && !SPECIAL.test(line) && !LINE_START.test(line) && !AUTOLINK.test(line) && !/\s$/.test(line);
}

interface Ctx {
  markers: string[];
  cite?: CiteFn;
}

function protect(text: string, cite: CiteFn | undefined): { text: string; markers: string[] } {
  const markers: string[] = [];
  const cleaned = text.replace(/[\uE000\uE001]/g, "\uFFFD");
  if (!cite) return { text: cleaned, markers };
  return {
    text: cleaned.replace(CITATION_MARKER, (whole) => {
      markers.push(whole);
      return `${OPEN}${markers.length - 1}${CLOSE}`;
    }),
    markers,
  };
}

function restoreLiteral(value: string, ctx: Ctx): string {
  return value.replace(PLACEHOLDER, (_, i: string) => ctx.markers[Number(i)] ?? "");
}

function text(value: string): Text {
  return { type: "text", value };
}

/** Splits a text value at citation placeholders. */
function textWithCitations(value: string, ctx: Ctx, inline: boolean): PhrasingContent[] {
  const v = inline ? value.replace(/[\r\n]+/g, " ") : value;
  if (!ctx.cite || !v.includes(OPEN)) return [text(restoreLiteral(v, ctx))];
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of v.matchAll(PLACEHOLDER)) {
    if (m.index > last) out.push(text(restoreLiteral(v.slice(last, m.index), ctx)));
    const marker = ctx.markers[Number(m[1])] ?? "";
    const id = new RegExp(CITATION_MARKER.source).exec(marker)?.[1] ?? "";
    out.push(...ctx.cite(id));
    last = m.index + m[0].length;
  }
  if (last < v.length) out.push(text(restoreLiteral(v.slice(last), ctx)));
  return out;
}

/** True for URLs a brief may link to. */
export function isSafeUrl(url: string): boolean {
  return /^(?:https?:\/\/|mailto:)/i.test(url.trim());
}

function plainOf(node: Node): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if (node.type === "image" || node.type === "imageReference") return (node as { alt?: string | null }).alt ?? "";
  if ("children" in node && Array.isArray((node as Parent).children)) return (node as Parent).children.map(plainOf).join("");
  return "";
}

function cleanPhrasing(nodes: readonly PhrasingContent[], ctx: Ctx, inline: boolean): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        out.push(...textWithCitations(node.value, ctx, inline));
        break;
      case "html":
        out.push(...textWithCitations(node.value, ctx, inline));
        break;
      case "break":
        out.push(inline ? text(" ") : { type: "break" });
        break;
      case "inlineCode":
        out.push({ type: "inlineCode", value: restoreLiteral(inline ? node.value.replace(/[\r\n]+/g, " ") : node.value, ctx) });
        break;
      case "emphasis":
      case "strong":
      case "delete":
        out.push({ type: node.type, children: cleanPhrasing(node.children, ctx, inline) } as PhrasingContent);
        break;
      case "link":
        // A citation inside a link (or a link address holding one) would nest links: keep the text only.
        if (isSafeUrl(node.url) && !node.url.includes(OPEN) && !plainOf(node).includes(OPEN)) {
          out.push({ type: "link", url: node.url.trim(), title: node.title ?? null, children: cleanPhrasing(node.children, ctx, inline) });
        } else {
          out.push(...cleanPhrasing(node.children, ctx, inline));
        }
        break;
      case "linkReference":
        out.push(...cleanPhrasing(node.children, ctx, inline));
        break;
      case "image":
      case "imageReference":
        if (node.alt) out.push(...textWithCitations(node.alt, ctx, inline));
        break;
      case "footnoteReference":
        out.push(text(`[^${node.label ?? node.identifier}]`));
        break;
      default:
        out.push(...textWithCitations(plainOf(node), ctx, inline));
    }
  }
  return mergeTexts(out);
}

/** Joins adjacent text nodes. */
export function mergeTexts(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    if (n.type === "text" && prev?.type === "text") prev.value += n.value;
    else if (n.type === "text" && n.value === "") continue;
    else out.push(n);
  }
  return out;
}

function cleanBlocks(nodes: readonly RootContent[], ctx: Ctx): BlockContent[] {
  const out: BlockContent[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "paragraph":
        out.push({ type: "paragraph", children: cleanPhrasing(node.children, ctx, false) });
        break;
      case "heading":
        // A heading in free text would add a section to the brief: it becomes a bold paragraph.
        out.push({ type: "paragraph", children: [{ type: "strong", children: cleanPhrasing(node.children, ctx, false) }] });
        break;
      case "html":
        out.push({ type: "paragraph", children: textWithCitations(node.value, ctx, false) });
        break;
      case "code":
        out.push({ type: "code", lang: null, meta: null, value: restoreLiteral(node.value, ctx) });
        break;
      case "thematicBreak":
        out.push({ type: "thematicBreak" });
        break;
      case "blockquote":
        out.push({ type: "blockquote", children: cleanBlocks(node.children, ctx) });
        break;
      case "list":
        out.push({
          type: "list",
          ordered: node.ordered ?? false,
          start: node.ordered ? (node.start ?? 1) : null,
          spread: node.spread ?? false,
          children: node.children.map((item): ListItem => ({ type: "listItem", spread: item.spread ?? false, checked: item.checked ?? null, children: cleanBlocks(item.children, ctx) })),
        });
        break;
      case "table":
        out.push({
          type: "table",
          align: node.align ?? null,
          children: node.children.map((row): TableRow => ({ type: "tableRow", children: row.children.map((cell): TableCell => ({ type: "tableCell", children: cleanPhrasing(cell.children, ctx, false) })) })),
        });
        break;
      case "definition":
      case "footnoteDefinition":
        break;
      default: {
        const value = plainOf(node);
        if (value) out.push({ type: "paragraph", children: textWithCitations(value, ctx, false) });
      }
    }
  }
  return out;
}

/**
 * Parses inline free text into phrasing nodes that can never open a block. Text that is not one
 * paragraph of Markdown is kept as its literal text (newlines as spaces).
 */
export function parseInline(input: string, options: FreeTextOptions = {}): PhrasingContent[] {
  const source = input.trim();
  if (isPlainLine(source)) return [text(source)];
  const { text: protectedText, markers } = protect(source, options.cite);
  const ctx: Ctx = { markers, cite: options.cite };
  // Citations in otherwise plain text: the parser would see the placeholders as plain letters.
  if (markers.length > 0 && isPlainLine(protectedText.replace(PLACEHOLDER, "x"))) return mergeTexts(textWithCitations(protectedText, ctx, true));
  const tree = parser().parse(protectedText);
  const only = tree.children.length === 1 ? tree.children[0] : undefined;
  if (only?.type === "paragraph") return cleanPhrasing(only.children, ctx, true);
  return textWithCitations(protectedText.replace(/\s*[\r\n]+\s*/g, " "), ctx, true);
}

/** Parses block free text (the summary) into block nodes; headings become bold paragraphs. */
export function parseBlock(input: string, options: FreeTextOptions = {}): BlockContent[] {
  const source = input.trim();
  const paragraphs = source.split(/\n[ \t]*\n/);
  const fast: BlockContent[] = [];
  for (const para of paragraphs) {
    const lines = para.replace(/^\n+|\n+$/g, "").split("\n");
    if (!lines.every(isPlainLine)) break;
    fast.push({ type: "paragraph", children: [text(lines.join("\n"))] });
  }
  if (fast.length === paragraphs.length) return fast;
  const { text: protectedText, markers } = protect(source, options.cite);
  return cleanBlocks(parser().parse(protectedText).children, { markers, cite: options.cite });
}
