/** HTML rendering of briefs through the Handlebars templates. */
export { renderHtml, renderPrintParts, type HtmlOptions, type PrintParts } from "./render.js";
export { loadTemplates, TemplateFolderError, BUILTIN_TEMPLATES } from "./templates.js";
export { fontStatus, FONT_FACES } from "./assets.js";
