/**
 * Brief → HTML through the templates: standalone HTML (fonts and CSS inlined, banners in the page)
 * for preview and archiving, and the print parts (page HTML + header/footer templates) the PDF
 * renderer hands to Chromium.
 */
import Handlebars from "handlebars";
import type { Brief } from "../../brief/types.js";
import { FONT_FACES, fontFaceCss, headerFontCss, type FontMode } from "./assets.js";
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

/** What Chromium needs to print a brief. */
export interface PrintParts {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
}

/**
 * The page HTML (no `@font-face`: the PDF browser has the bundled fonts installed, and the CSS
 * family names find them) and the header/footer templates (banner, cutoff line, page numbers) of a brief.
 */
export function renderPrintParts(brief: Brief, options: HtmlOptions = {}): PrintParts {
  const t = loadTemplates(options.templates, options.baseDir);
  const view = toHtmlView(brief, { screen: false, css: stylesheet(t.css, options.pageSize ?? "A4", "installed") });
  const header = t.header({ ...view, css: new Handlebars.SafeString(headerFontCss([700], "installed")) });
  const footer = t.footer({ ...view, css: new Handlebars.SafeString(headerFontCss([400, 700], "installed")) });
  return { html: t.brief(view), headerTemplate: header, footerTemplate: footer };
}

export { FONT_FACES };
