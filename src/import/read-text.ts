/**
 * Plain-text and Markdown briefs → blocks, line by line.
 *
 * A plain-text brief does not parse as useful Markdown: a "Key Judgment 2" line right after a
 * bullet is a lazy continuation of that bullet. So lines are classified first (heading, bullet,
 * numbered item, paragraph), and only then is Markdown's inline syntax kept in the text.
 */
import type { Block, LinkDefinitions, ReadBlocks } from "./blocks.js";

const BULLET = /^(\s{0,3})([-*+•–·]|\d{1,3}[.)])\s+(.*)$/u;
const ATX_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+\s*)?$/;
const SETEXT_UNDERLINE = /^\s{0,3}(=+|-+)\s*$/;
const DEFINITION = /^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+["'(](.*)["')])?\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

/** Splits text into lines, keeping 1-based line numbers; a BOM and CR are dropped. */
function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
}

/**
 * Reads a brief written as text or Markdown. `markdown` turns on ATX/setext headings and link
 * definitions; bullets and numbered items are recognised in both.
 */
export function readTextBlocks(text: string, markdown: boolean): ReadBlocks {
  const blocks: Block[] = [];
  const definitions = new Map<string, { url: string; title?: string }>();
  const all = lines(text);
  let current: Block | undefined;
  let inFence = false;
  const close = () => {
    current = undefined;
  };
  for (let i = 0; i < all.length; i++) {
    const raw = all[i]!;
    const lineNo = i + 1;
    if (markdown && FENCE.test(raw)) {
      inFence = !inFence;
      close();
      continue;
    }
    if (inFence) continue;
    if (raw.trim() === "") {
      close();
      continue;
    }
    if (markdown) {
      const def = DEFINITION.exec(raw);
      if (def) {
        definitions.set(def[1]!.toLowerCase(), { url: def[2]!, ...(def[3] ? { title: def[3] } : {}) });
        close();
        continue;
      }
      if (RULE.test(raw) && !current) continue;
      const next = all[i + 1];
      if (current === undefined && next !== undefined && SETEXT_UNDERLINE.test(next) && !BULLET.test(raw)) {
        blocks.push({ kind: "heading", text: raw.trim(), pos: { line: lineNo, column: firstColumn(raw) } });
        i++;
        continue;
      }
      const heading = ATX_HEADING.exec(raw);
      if (heading) {
        blocks.push({ kind: "heading", text: heading[2]!.trim(), pos: { line: lineNo, column: raw.indexOf(heading[2]!) + 1 } });
        close();
        continue;
      }
    }
    const bullet = BULLET.exec(raw);
    if (bullet) {
      const marker = bullet[2]!;
      current = {
        kind: "item",
        ...(/\d/.test(marker) ? { ordered: true } : {}),
        text: bullet[3]!.trim(),
        pos: { line: lineNo, column: raw.length - bullet[3]!.length + 1 },
      };
      blocks.push(current);
      continue;
    }
    // In Markdown an indented or lazy line continues the paragraph or item above it, unless it
    // reads as a heading of its own ("Key Judgment 2" right after a bullet).
    if (current && markdown && !looksLikeStandaloneLine(raw)) {
      current.text = `${current.text} ${raw.trim()}`;
      continue;
    }
    current = { kind: "paragraph", text: raw.trim(), pos: { line: lineNo, column: firstColumn(raw) } };
    blocks.push(current);
    if (!markdown) close();
  }
  return { blocks, definitions: definitions as LinkDefinitions, positions: "line" };
}

function firstColumn(line: string): number {
  return line.length - line.trimStart().length + 1;
}

/** Lines that start a block of their own even without a blank line before them. */
function looksLikeStandaloneLine(line: string): boolean {
  return /^\s*(key\s+judge?ments?\b|kj\s*\d|judge?ment\s+\d|summary\b|sources\b|references\b|intelligence\s+cut|information\s+cut)/i.test(line);
}
