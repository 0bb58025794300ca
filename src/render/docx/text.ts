/**
 * Text that goes into a Word document: only characters XML 1.0 allows. The `docx` package escapes
 * `<`, `&` and quotes, and writes text as `w:t` runs, so analyst text can never become markup or a
 * field code (`{ PAGE }` stays those seven characters); what it does not do is drop the control
 * characters XML forbids, which would make Word refuse the whole file.
 */

// C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with characters XML 1.0 cannot hold removed, and line breaks and tabs as spaces. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "").replace(/[\t\r\n]+/g, " ");
}

/** True for the only link targets a brief may carry outside itself: http(s) URLs. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url.trim());
}
