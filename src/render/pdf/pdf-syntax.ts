/**
 * Just enough of the PDF object syntax (ISO 32000-1 §7.3) to read and edit the small dictionaries
 * Chromium writes uncompressed (Catalog, Pages, Page, link annotations, outline items, Info): the
 * extent of a value, the top-level entries of a dictionary, and the text of names and strings.
 * Strings are scanned with their escapes and nesting, so a title holding `>>` or `endobj` is read
 * as text. Anything this does not know throws a {@link PdfSyntaxError}: the caller then hands the
 * file to a full PDF library instead.
 */

/** Bytes this reader does not understand (the caller falls back to a full parse). */
export class PdfSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PdfSyntaxError";
  }
}

/** Character classes of ISO 32000-1 §7.2.2 by code: 1 whitespace, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const c of "\0\t\n\f\r ") CLASS[c.charCodeAt(0)] = 1;
for (const c of "()<>[]{}/%") CLASS[c.charCodeAt(0)] = 2;
const isSpace = (s: string, i: number): boolean => i < s.length && CLASS[s.charCodeAt(i) & 0xff] === 1 && s.charCodeAt(i) < 256;
const isRegularAt = (s: string, i: number): boolean => i < s.length && (s.charCodeAt(i) > 255 || CLASS[s.charCodeAt(i)] === 0);

/** Index of the first character at or after `i` that is neither whitespace nor part of a comment. */
export function skipSpace(s: string, i: number): number {
  for (;;) {
    while (isSpace(s, i)) i++;
    if (s[i] !== "%") return i;
    while (i < s.length && s[i] !== "\n" && s[i] !== "\r") i++;
  }
}

function endOfRegular(s: string, i: number): number {
  while (isRegularAt(s, i)) i++;
  return i;
}

function endOfLiteral(s: string, i: number): number {
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") i++;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  throw new PdfSyntaxError("unterminated string");
}

/** Index just after the value that starts at `i` (after any space); a reference `N G R` is one value. */
export function endOfValue(s: string, i: number): number {
  i = skipSpace(s, i);
  const c = s[i];
  if (c === undefined) throw new PdfSyntaxError("value expected");
  if (c === "/") return endOfRegular(s, i + 1);
  if (c === "(") return endOfLiteral(s, i);
  if (c === "<" && s[i + 1] === "<") return parseDict(s, i).end;
  if (c === "<") {
    const end = s.indexOf(">", i);
    if (end < 0 || !/^[0-9A-Fa-f\s]*$/.test(s.slice(i + 1, end))) throw new PdfSyntaxError("bad hex string");
    return end + 1;
  }
  if (c === "[") {
    i++;
    for (;;) {
      i = skipSpace(s, i);
      if (s[i] === "]") return i + 1;
      i = endOfValue(s, i);
    }
  }
  if (/[0-9+\-.]/.test(c)) {
    const end = endOfRegular(s, i);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s.slice(i, end))) throw new PdfSyntaxError("bad number");
    // `N G R`: two unsigned integers and R make one reference.
    const ref = /^\s+(\d+)\s+R(?![^\0\t\n\f\r ()<>[\]{}/%])/.exec(s.slice(end, end + 24));
    return ref && /^\d+$/.test(s.slice(i, end)) ? end + ref[0].length : end;
  }
  const end = endOfRegular(s, i);
  if (!["true", "false", "null"].includes(s.slice(i, end))) throw new PdfSyntaxError(`unexpected ${JSON.stringify(s.slice(i, i + 8))}`);
  return end;
}

/** One entry of a dictionary: its key (without the slash, as written) and where its value is. */
export interface DictEntry {
  key: string;
  valueStart: number;
  valueEnd: number;
}

/** A dictionary's top-level entries; `close` is the index of its closing `>>`, `end` just after it. */
export interface ParsedDict {
  entries: DictEntry[];
  close: number;
  end: number;
}

/** Parses the dictionary that starts with `<<` at `i` (after any space). */
export function parseDict(s: string, i: number): ParsedDict {
  i = skipSpace(s, i);
  if (!s.startsWith("<<", i)) throw new PdfSyntaxError("dictionary expected");
  i += 2;
  const entries: DictEntry[] = [];
  for (;;) {
    i = skipSpace(s, i);
    if (s.startsWith(">>", i)) return { entries, close: i, end: i + 2 };
    if (s[i] !== "/") throw new PdfSyntaxError("dictionary key expected");
    const keyEnd = endOfRegular(s, i + 1);
    const valueStart = skipSpace(s, keyEnd);
    const valueEnd = endOfValue(s, valueStart);
    entries.push({ key: s.slice(i + 1, keyEnd), valueStart, valueEnd });
    i = valueEnd;
  }
}

/** The raw text of a dictionary entry's value, or undefined when the key is absent. */
export function entryText(s: string, dict: ParsedDict, key: string): string | undefined {
  const e = dict.entries.find((x) => x.key === key);
  return e ? s.slice(e.valueStart, e.valueEnd) : undefined;
}

/** The object number of a reference value (`12 0 R`), or undefined for any other value. */
export function refNumber(value: string | undefined): number | undefined {
  const m = value === undefined ? null : /^(\d+)\s+\d+\s+R$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** The object numbers of an array of references; undefined when the value is anything else. */
export function refArray(value: string | undefined): number[] | undefined {
  if (value === undefined || !value.startsWith("[") || !value.endsWith("]")) return undefined;
  const body = value.slice(1, -1).trim();
  if (body === "") return [];
  if (!/^(\d+\s+\d+\s+R\s*)+$/.test(body)) return undefined;
  return [...body.matchAll(/(\d+)\s+\d+\s+R/g)].map((m) => Number(m[1]));
}

/** The text of a name value (`/source-1` → "source-1", `#xx` escapes decoded as UTF-8). */
export function nameText(value: string): string {
  const bytes = value.slice(1).replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "(": "(", ")": ")", "\\": "\\" };

/** The bytes (as a latin1 string) of a literal `( … )` or hex `< … >` string. */
function stringBytes(value: string): string {
  if (value.startsWith("<")) {
    const hex = value.slice(1, -1).replace(/\s+/g, "");
    const even = hex.length % 2 === 0 ? hex : `${hex}0`;
    return Buffer.from(even, "hex").toString("latin1");
  }
  if (!value.startsWith("(")) throw new PdfSyntaxError("string expected");
  let out = "";
  const body = value.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\r") {
      // An end of line inside a string is one LF, whatever was written.
      out += "\n";
      if (body[i + 1] === "\n") i++;
    } else if (c !== "\\") out += c;
    else {
      const next = body[++i];
      if (next === undefined) break;
      if (next in ESCAPES) out += ESCAPES[next];
      else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(body.slice(i))![0];
        out += String.fromCharCode(parseInt(octal, 8) & 0xff);
        i += octal.length - 1;
      } else if (next === "\r") {
        if (body[i + 1] === "\n") i++;
      } else if (next !== "\n") out += next;
    }
  }
  return out;
}

/**
 * The text of a string value: UTF-16BE after a byte-order mark, else PDFDocEncoding, read as
 * Latin-1 (the two agree on every byte Chromium writes in a literal: printable ASCII).
 */
export function stringText(value: string): string {
  const bytes = stringBytes(value);
  if (bytes.startsWith("\xfe\xff")) {
    const utf16 = Buffer.from(bytes.slice(2), "latin1");
    if (utf16.length % 2 !== 0) throw new PdfSyntaxError("odd UTF-16 string");
    return utf16.swap16().toString("utf16le");
  }
  return bytes;
}

/** Whether a value is a string (literal or hex). */
export const isStringValue = (value: string | undefined): value is string => value !== undefined && (value.startsWith("(") || (value.startsWith("<") && !value.startsWith("<<")));
