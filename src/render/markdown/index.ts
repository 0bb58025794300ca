/**
 * Markdown briefs: mdast built in code, stringified once.
 */
export { briefToMdast, sentenceNodes, sourceLine } from "./to-mdast.js";
export { renderMarkdown, stringifyMarkdown, MARKDOWN_STYLE } from "./stringify.js";
export { MARKDOWN_FORMAT } from "./format.js";
