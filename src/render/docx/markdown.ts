/**
 * Free text (mdast, as the view model holds it) as Word runs and paragraphs. Every piece of text
 * becomes a `w:t` run through the `docx` package, so nothing an analyst writes can become markup,
 * a field or a hyperlink other than an http(s) URL or a citation's link to its Sources entry.
 */
import type { BlockContent, DefinitionContent, Link, List, PhrasingContent } from "mdast";
import { ExternalHyperlink, InternalHyperlink, Paragraph, TextRun, type ParagraphChild } from "docx";
import { toString } from "mdast-util-to-string";
import { NUMBERING, STYLE } from "./styles.js";
import { isWebUrl, xmlSafe } from "./text.js";

/** Where a link goes: an internal bookmark (a citation to the Sources list) or a web address. */
export type LinkTarget = { anchor: string } | { url: string };

/** How links and lists are resolved while converting. */
export interface ConvertContext {
  /** The target of a link node, or undefined to keep only its text. */
  link(url: string, children: readonly PhrasingContent[]): LinkTarget | undefined;
  /** Hands out a new numbering instance, so each numbered list starts at 1. */
  nextListInstance(): number;
}

/** The default link policy: http(s) URLs only. */
export function webLink(url: string): LinkTarget | undefined {
  return isWebUrl(url) ? { url: url.trim() } : undefined;
}

type Mark = "strong" | "emphasis" | "delete" | "inlineCode";
const MARK_STYLE: Readonly<Record<Mark, string>> = { strong: STYLE.strong, emphasis: STYLE.emphasis, delete: STYLE.deleted, inlineCode: STYLE.inlineCode };

/** A run of text in a character style (or none). */
export function run(text: string, style?: string): TextRun {
  return new TextRun(style ? { text: xmlSafe(text), style } : { text: xmlSafe(text) });
}

function markedRun(text: string, marks: readonly Mark[], linkStyle?: string): TextRun {
  // The outermost mark is the run's style; further nested marks (rare) add their one property.
  const style = linkStyle ?? (marks[0] ? MARK_STYLE[marks[0]] : undefined);
  const rest = linkStyle ? marks : marks.slice(1);
  return new TextRun({
    text: xmlSafe(text),
    ...(style ? { style } : {}),
    ...(rest.includes("strong") ? { bold: true } : {}),
    ...(rest.includes("emphasis") ? { italics: true } : {}),
    ...(rest.includes("delete") ? { strike: true } : {}),
  });
}

/** True for a citation of the view model ("[3]", "(source)"): a link marked with the class "cite". */
function isCitation(node: Link): boolean {
  const className = (node.data as { hProperties?: { className?: unknown } } | undefined)?.hProperties?.className;
  return Array.isArray(className) && className.includes("cite");
}

/** Phrasing content as paragraph children. */
export function phrasing(nodes: readonly PhrasingContent[], ctx: ConvertContext, marks: readonly Mark[] = [], linkStyle?: string): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        if (node.value) out.push(markedRun(node.value, marks, linkStyle));
        break;
      case "strong":
      case "emphasis":
      case "delete":
        out.push(...phrasing(node.children, ctx, [...marks, node.type], linkStyle));
        break;
      case "inlineCode":
        out.push(markedRun(node.value, [...marks, "inlineCode"], linkStyle));
        break;
      case "break":
        out.push(new TextRun({ break: 1 }));
        break;
      case "link": {
        const target = linkStyle ? undefined : ctx.link(node.url, node.children);
        if (!target) {
          out.push(...phrasing(node.children, ctx, marks, linkStyle));
        } else if ("anchor" in target) {
          out.push(new InternalHyperlink({ anchor: target.anchor, children: phrasing(node.children, ctx, marks, STYLE.citation) as TextRun[] }));
        } else {
          out.push(new ExternalHyperlink({ link: target.url, children: phrasing(node.children, ctx, marks, isCitation(node) ? STYLE.citation : STYLE.hyperlink) }));
        }
        break;
      }
      default: {
        const value = toString(node);
        if (value) out.push(markedRun(value, marks, linkStyle));
      }
    }
  }
  return out;
}

/** A paragraph before it is built: docx paragraphs are immutable, and list items get their numbering late. */
interface ParagraphSpec {
  style: string;
  children: ParagraphChild[];
  numbering?: { reference: string; level: number; instance: number };
}

function listSpecs(list: List, ctx: ConvertContext, level: number, style: string | undefined): ParagraphSpec[] {
  const ordered = list.ordered === true;
  const instance = ordered ? ctx.nextListInstance() : 0;
  const out: ParagraphSpec[] = [];
  for (const item of list.children) {
    let first = true;
    for (const child of item.children) {
      if (child.type === "list") {
        out.push(...listSpecs(child, ctx, Math.min(level + 1, 2), style));
        continue;
      }
      for (const spec of blockSpecs([child], ctx, style ?? STYLE.body)) {
        if (first) {
          out.push({ style: style ?? (ordered ? STYLE.listNumber : STYLE.list), children: spec.children, numbering: { reference: ordered ? NUMBERING.numbers : NUMBERING.bullets, level, instance } });
          first = false;
        } else out.push(spec);
      }
    }
  }
  return out;
}

function blockSpecs(nodes: readonly (BlockContent | DefinitionContent)[], ctx: ConvertContext, style: string): ParagraphSpec[] {
  const out: ParagraphSpec[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "paragraph":
        out.push({ style, children: phrasing(node.children, ctx) });
        break;
      case "heading":
        out.push({ style, children: phrasing(node.children, ctx, ["strong"]) });
        break;
      case "blockquote":
        out.push(...blockSpecs(node.children, ctx, STYLE.quote));
        break;
      case "code":
        for (const line of node.value.split("\n")) out.push({ style: STYLE.code, children: [run(line)] });
        break;
      case "list":
        out.push(...listSpecs(node, ctx, 0, style === STYLE.body ? undefined : style));
        break;
      case "table":
        for (const row of node.children) {
          const cells: ParagraphChild[] = [];
          row.children.forEach((cell, i) => {
            if (i > 0) cells.push(run(" | "));
            cells.push(...phrasing(cell.children, ctx));
          });
          out.push({ style, children: cells });
        }
        break;
      case "thematicBreak":
        out.push({ style, children: [] });
        break;
      case "definition":
      case "footnoteDefinition":
        break;
      default: {
        const value = toString(node);
        if (value) out.push({ style, children: [run(value)] });
      }
    }
  }
  return out;
}

/** Block content (the summary) as paragraphs in `style` (default Body Text); lists get real Word numbering. */
export function blocks(nodes: readonly BlockContent[], ctx: ConvertContext, style: string = STYLE.body): Paragraph[] {
  return blockSpecs(nodes, ctx, style).map((s) => new Paragraph({ style: s.style, children: s.children, ...(s.numbering ? { numbering: s.numbering } : {}) }));
}
