/**
 * Content wider than the text column is cut off at the page edge when Chromium prints. After
 * layout (print media, the viewport as wide as the printed column), every text node is measured;
 * words that reach past the column are reported by name.
 *
 * The page runs no script of its own (JavaScript is disabled for content); the measurement runs
 * through the DevTools protocol (Runtime.evaluate), which is not affected by that switch.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { diagnostic } from "../../diagnostics/codes.js";

/** The width of the printed text column in CSS pixels, for a page size and 18 mm side margins. */
export function columnWidthPx(pageSize: "A4" | "Letter", sideMarginsMm = 36): number {
  const widthMm = pageSize === "Letter" ? 215.9 : 210;
  return Math.floor(((widthMm - sideMarginsMm) * 96) / 25.4);
}

/**
 * The expression evaluated in the page: up to `limit` words (or text runs) that reach past the
 * right edge of the viewport. A plain string, so it needs no DOM types here.
 */
export function clippedTextProbe(limit = 10): string {
  return `(() => {
  const limit = ${Number(limit)};
  const edge = document.documentElement.clientWidth + 0.5;
  // Nothing reaches past the column when the page does not scroll sideways: the usual case, one read.
  if (document.documentElement.scrollWidth <= edge) return [];
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node && out.length < limit; node = walker.nextNode()) {
    const text = node.nodeValue || "";
    if (!text.trim()) continue;
    range.selectNodeContents(node);
    let over = false;
    for (const r of range.getClientRects()) if (r.width > 0 && r.right > edge) { over = true; break; }
    if (!over) continue;
    const words = [];
    const re = /\\S+/g;
    for (let m = re.exec(text); m && words.length < 3; m = re.exec(text)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      for (const r of range.getClientRects()) if (r.width > 0 && r.right > edge) { words.push(m[0]); break; }
    }
    out.push(...(words.length ? words : [text.trim()]));
  }
  return out;
})()`;
}

/** Warnings naming clipped text, on the brief's file. */
export function clippedTextDiagnostics(file: string, clipped: readonly string[]): Diagnostic[] {
  return [...new Set(clipped)].map((text) =>
    diagnostic("render-clipped-content", "clipped", { file, line: 0, column: 0 }, { text: shorten(text) }, "break the text with spaces, or shorten it (a long URL can go in a source's `url` field)"),
  );
}

/** Text for a message: control characters replaced, long runs shortened. */
function shorten(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "?");
  return clean.length > 80 ? `${clean.slice(0, 60)}…${clean.slice(-12)}` : clean;
}
