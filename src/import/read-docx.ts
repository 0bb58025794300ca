/**
 * Word briefs → blocks, through mammoth (which reads .docx into HTML, keeping headings, lists
 * and links) and hast. Positions are paragraph indexes: Word has no lines.
 */
import mammoth from "mammoth";
import { fromHtml } from "hast-util-from-html";
import type { Element, ElementContent, Root } from "hast";
import type { Block, ReadBlocks } from "./blocks.js";

const HEADING = /^h[1-6]$/;

/** Markdown-escapes text so that it reads back as itself in the assessment's free text. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, "\\$1");
}

/** The inline content of an element as one line of Markdown: text escaped, links as `[text](url)`, bold/italic kept. */
function inline(nodes: readonly ElementContent[]): string {
  let out = "";
  for (const n of nodes) {
    if (n.type === "text") out += escapeInline(n.value);
    else if (n.type === "element") {
      const inner = inline(n.children);
      const href = typeof n.properties.href === "string" ? n.properties.href : undefined;
      if (n.tagName === "a" && href && inner.trim()) out += `[${inner}](${href})`;
      else if (n.tagName === "strong" || n.tagName === "b") out += inner.trim() ? `**${inner}**` : inner;
      else if (n.tagName === "em" || n.tagName === "i") out += inner.trim() ? `*${inner}*` : inner;
      else if (n.tagName === "br") out += " ";
      else if (n.tagName === "ul" || n.tagName === "ol") continue;
      else out += inner;
    }
  }
  return out.replace(/\s+/g, " ");
}

/** Reads a .docx brief. Throws when the bytes are not a Word document (the caller reports it). */
export async function readDocxBlocks(bytes: Uint8Array): Promise<ReadBlocks> {
  // Word's Title style is a heading too (mammoth maps only Heading 1–6 by default).
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: true, styleMap: ["p[style-name='Title'] => h1:fresh"] });
  const tree: Root = fromHtml(result.value, { fragment: true });
  const blocks: Block[] = [];
  let paragraph = 0;
  const visit = (nodes: readonly (ElementContent | Root["children"][number])[], ordered?: boolean) => {
    for (const n of nodes) {
      if (n.type !== "element") continue;
      const el = n as Element;
      if (HEADING.test(el.tagName) || el.tagName === "p") {
        paragraph++;
        const text = inline(el.children).trim();
        if (text) blocks.push({ kind: HEADING.test(el.tagName) ? "heading" : "paragraph", text, pos: { line: paragraph, column: 1 } });
      } else if (el.tagName === "ul" || el.tagName === "ol") {
        visit(el.children, el.tagName === "ol");
      } else if (el.tagName === "li") {
        paragraph++;
        const text = inline(el.children).trim();
        if (text) blocks.push({ kind: "item", ...(ordered ? { ordered: true } : {}), text, pos: { line: paragraph, column: 1 } });
        const nested = el.children.filter((c): c is Element => c.type === "element" && (c.tagName === "ul" || c.tagName === "ol"));
        visit(nested, ordered);
      } else if (el.tagName === "table") {
        // Tables are not part of a brief's structure; their cells read as paragraphs.
        visit(el.children);
      } else {
        visit(el.children, ordered);
      }
    }
  };
  visit(tree.children);
  return { blocks, definitions: new Map(), positions: "paragraph" };
}
