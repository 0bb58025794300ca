/**
 * Brief → HTML through the templates: standalone HTML (fonts and CSS inlined, banners in the page)
 * for preview and archiving, and the print page the PDF renderer hands to Chromium (banner,
 * cut-off line and page numbers in CSS `@page` margin boxes, printed with the page's own fonts).
 */
import type { Brief } from "../../brief/types.js";
import { FONT_FACES, fontFaceCss, type FontMode } from "./assets.js";
import { loadTemplates } from "./templates.js";
import { toHtmlView } from "./view.js";

/** Where templates come from. */
export interface HtmlOptions {
  /** The config's `templates:` folder (overrides built-ins), absolute or relative to `baseDir`. */
  templates?: string;
  baseDir?: string;
  /** Page size, for the print CSS. Default A4. */
  pageSize?: "A4" | "Letter";
}

function stylesheet(css: string, pageSize: "A4" | "Letter", fonts: FontMode): string {
  return `${fontFaceCss(fonts)}\n@page{size:${pageSize};}\n${css}`;
}

/** Standalone HTML of a brief: one file, fonts and CSS inlined, no external reference. */
export function renderHtml(brief: Brief, options: HtmlOptions = {}): string {
  const t = loadTemplates(options.templates, options.baseDir);
  const view = toHtmlView(brief, { screen: true, css: stylesheet(t.css, options.pageSize ?? "A4", "inline") });
  return t.brief(view);
}

/**
 * What Chromium needs to print a brief: the page. The banner, cut-off line and page numbers are
 * CSS `@page` margin boxes inside it, so no print header/footer template is needed; the two fields
 * remain for callers that print their own (with `displayHeaderFooter`).
 */
export interface PrintParts {
  html: string;
  headerTemplate?: string;
  footerTemplate?: string;
}

/**
 * The print page of a brief: no `@font-face` (the PDF browser has the bundled fonts installed, and
 * the CSS family names find them), margin boxes in its CSS.
 */
export function renderPrintParts(brief: Brief, options: HtmlOptions = {}): PrintParts {
  const t = loadTemplates(options.templates, options.baseDir);
  const view = toHtmlView(brief, { screen: false, css: stylesheet(t.css, options.pageSize ?? "A4", "installed") });
  return { html: t.brief(view) };
}

export { FONT_FACES };
