/**
 * Helpers for the HTML/PDF tests: the example assessments as Briefs (through the real checker
 * and toBrief), PDF text and fonts extracted with pdfjs-dist, and which browsers to test with.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { toBrief } from "../../src/brief/to-brief.js";
import type { Brief } from "../../src/brief/types.js";
import { checkFiles } from "../../src/check/check.js";
import type { FindBrowserOptions } from "../../src/render/pdf/browser.js";

export const ROOT = resolve(import.meta.dirname, "../..");

/** Every example assessment in assessments/, checked and turned into a Brief. */
export function exampleBriefs(): Array<{ file: string; brief: Brief }> {
  const dir = join(ROOT, "assessments");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => join(dir, f));
  const checked = checkFiles(files, { asOf: "2024-01-01" });
  return checked.files.map((c, i) => {
    if (!c.assessment) throw new Error(`example ${files[i]} does not check: ${c.diagnostics.map((d) => d.message).join("; ")}`);
    return { file: files[i]!, brief: toBrief(c.assessment, c.config) };
  });
}

/** Text and font names of a PDF, page by page, with pdfjs-dist. */
export async function pdfContent(bytes: Uint8Array): Promise<{ pages: string[]; fonts: Set<string>; info: Record<string, unknown>; numPages: number }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  const fonts = new Set<string>();
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    await page.getOperatorList();
    const content = await page.getTextContent();
    pages.push(content.items.map((it) => ("str" in it ? it.str + (it.hasEOL ? "\n" : "") : "")).join(""));
    for (const it of content.items) {
      if (!("fontName" in it)) continue;
      const font = page.commonObjs.has(it.fontName) ? (page.commonObjs.get(it.fontName) as { name?: string }).name : undefined;
      if (font && it.str.trim() !== "") fonts.add(font.replace(/^[A-Z]{6}\+/, ""));
    }
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pages, fonts, info: meta.info as Record<string, unknown>, numPages: pages.length };
}

/** Text with every whitespace removed, to compare sentences across line breaks. */
export const squash = (s: string): string => s.replace(/[\s\u00ad]+/g, "");

/** The browsers to test with: the system Chromium when installed, and the npm-bundled one alone. */
export function browserVariants(): Array<{ name: string; options: FindBrowserOptions }> {
  const out: Array<{ name: string; options: FindBrowserOptions }> = [];
  if (existsSync("/usr/bin/chromium")) out.push({ name: "system chromium", options: { browser: "/usr/bin/chromium", env: {} } });
  if (process.platform === "linux" && process.arch === "x64") out.push({ name: "@sparticuz/chromium only", options: { env: {}, system: false, cache: false } });
  return out;
}
