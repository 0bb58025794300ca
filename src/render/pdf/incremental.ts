/**
 * Editing a PDF the way the format itself allows (ISO 32000-1 §7.5.6, incremental updates):
 * the original bytes are kept, and new or replaced objects are appended after them with a
 * cross-reference section of their own and a trailer whose /Prev points back at the original's.
 * Readers take the last version of every object. No parse and re-save of the whole file.
 *
 * Only the layout Chromium (Skia) writes is read: one classic cross-reference table, a trailer
 * with /Size, /Root and /Info, no /Prev, no encryption, and the dictionaries this edits
 * written as plain indirect objects. `readLayout` returns undefined for anything else and
 * `readObject` throws a PdfSyntaxError, so the caller can fall back to a full PDF library.
 */
import { parseDict, PdfSyntaxError, skipSpace, type ParsedDict } from "./pdf-syntax.js";

/** An object's position and generation, from the cross-reference table. */
interface XrefEntry {
  offset: number;
  gen: number;
}

/** What an incremental update needs from the original file. */
export interface ClassicLayout {
  /** Offset of the original cross-reference table (the update's /Prev). */
  startxref: number;
  /** The trailer's /Size: the first object number free for new objects. */
  size: number;
  root: { num: number; gen: number };
  info: { num: number; gen: number };
  /** The trailer's /ID array as written, when there is one (repeated in the update's trailer). */
  id?: string;
  objects: Map<number, XrefEntry>;
}

const latin1 = (bytes: Uint8Array, start = 0, end = bytes.length): string => Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");

/** The cross-reference table and trailer of a file laid out as Chromium writes it, or undefined. */
export function readLayout(pdf: Uint8Array): ClassicLayout | undefined {
  const tail = latin1(pdf, Math.max(0, pdf.length - 2048));
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) return undefined;
  const startxref = Number(sx[1]);
  if (!(startxref > 0 && startxref < pdf.length)) return undefined;
  const section = latin1(pdf, startxref, pdf.length);
  if (!section.startsWith("xref")) return undefined;
  const trailerAt = section.indexOf("trailer");
  if (trailerAt < 0) return undefined;
  const trailer = section.slice(trailerAt, section.indexOf("startxref", trailerAt));
  const size = /\/Size (\d+)/.exec(trailer);
  const root = /\/Root (\d+) (\d+) R/.exec(trailer);
  const info = /\/Info (\d+) (\d+) R/.exec(trailer);
  if (!size || !root || !info || /\/Prev|\/Encrypt|\/XRefStm/.test(trailer)) return undefined;
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer)?.[1];
  const objects = new Map<number, XrefEntry>();
  const table = section.slice(4, trailerAt);
  const re = /(\d+) (\d+)\s*\n((?:\d{10} \d{5} [nf] ?\r?\n)+)/g;
  for (let m = re.exec(table); m; m = re.exec(table)) {
    const first = Number(m[1]);
    m[3]!
      .split(/\r?\n/)
      .filter(Boolean)
      .forEach((line, i) => {
        if (line[17] === "n") objects.set(first + i, { offset: Number(line.slice(0, 10)), gen: Number(line.slice(11, 16)) });
      });
  }
  return {
    startxref,
    size: Number(size[1]),
    root: { num: Number(root[1]), gen: Number(root[2]) },
    info: { num: Number(info[1]), gen: Number(info[2]) },
    ...(id !== undefined ? { id } : {}),
    objects,
  };
}

/** An indirect object whose value is a dictionary (no stream), with its entries. */
export interface DictObject {
  num: number;
  gen: number;
  /** Offset of the dictionary's `<<` in the file. */
  offset: number;
  /** The dictionary's text, `<<` to `>>`, as Latin-1 (bytes kept one for one). */
  text: string;
  dict: ParsedDict;
}

/** Dictionaries this reads are small; a longer one is not of the shape this knows. */
const MAX_DICT_BYTES = 1 << 20;

/** Reads object `num`, which must be a dictionary; throws PdfSyntaxError for anything else. */
export function readObject(pdf: Uint8Array, at: ClassicLayout, num: number): DictObject {
  const entry = at.objects.get(num);
  if (!entry) throw new PdfSyntaxError(`object ${num} is not in the cross-reference table`);
  const buffer = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
  const endobj = buffer.indexOf("endobj", entry.offset, "latin1");
  if (endobj < 0 || endobj - entry.offset > MAX_DICT_BYTES) throw new PdfSyntaxError(`object ${num} has no end`);
  const whole = latin1(pdf, entry.offset, endobj);
  const header = /^(\d+) (\d+) obj/.exec(whole);
  if (!header || Number(header[1]) !== num || Number(header[2]) !== entry.gen) throw new PdfSyntaxError(`object ${num} is not where the table says`);
  const start = skipSpace(whole, header[0].length);
  const parsed = parseDict(whole, start);
  // A stream, or anything after the dictionary, is not a shape this edits.
  if (skipSpace(whole, parsed.end) !== whole.length) throw new PdfSyntaxError(`object ${num} is not a plain dictionary`);
  const text = whole.slice(start, parsed.end);
  return { num, gen: entry.gen, offset: entry.offset + start, text, dict: { entries: parsed.entries.map((e) => ({ ...e, valueStart: e.valueStart - start, valueEnd: e.valueEnd - start })), close: parsed.close - start, end: parsed.end - start } };
}

/**
 * A dictionary's text with entries set: an existing key's value replaced, a new key added before
 * the closing `>>`. Values are PDF syntax (`(text)`, `12 0 R`).
 */
export function withEntries(text: string, dict: ParsedDict, values: ReadonlyArray<readonly [string, string]>): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const added: string[] = [];
  for (const [key, value] of values) {
    const e = dict.entries.find((x) => x.key === key);
    if (e) edits.push({ start: e.valueStart, end: e.valueEnd, text: value });
    else added.push(`\n/${key} ${value}`);
  }
  if (added.length > 0) edits.push({ start: dict.close, end: dict.close, text: added.join("") });
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** One object of an update: its number, generation and value (a dictionary's text, or a whole stream object's body). */
export interface UpdateObject {
  num: number;
  gen: number;
  /** What follows `N G obj\n`, up to (not including) `\nendobj`. */
  body: Buffer;
}

/**
 * The bytes of an incremental update to append to `pdf`: the objects (in number order), their
 * cross-reference section (one subsection per run of consecutive numbers), and a trailer with
 * /Prev. The same objects always give the same bytes.
 */
export function updateBytes(pdf: Uint8Array, at: ClassicLayout, objects: readonly UpdateObject[], info: { num: number; gen: number } = at.info): Buffer {
  const sorted = [...objects].sort((a, b) => a.num - b.num);
  const chunks: Buffer[] = [];
  let position = pdf.length;
  const push = (b: Buffer) => {
    chunks.push(b);
    position += b.length;
  };
  if (pdf[pdf.length - 1] !== 0x0a) push(Buffer.from("\n", "latin1"));
  const offsets: number[] = [];
  for (const o of sorted) {
    offsets.push(position);
    push(Buffer.from(`${o.num} ${o.gen} obj\n`, "latin1"));
    push(o.body);
    push(Buffer.from("\nendobj\n", "latin1"));
  }
  const xrefAt = position;
  let xref = "xref\n";
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j]!.num === sorted[j - 1]!.num + 1) j++;
    xref += `${sorted[i]!.num} ${j - i}\n`;
    for (let k = i; k < j; k++) xref += `${String(offsets[k]).padStart(10, "0")} ${String(sorted[k]!.gen).padStart(5, "0")} n \n`;
    i = j;
  }
  const size = Math.max(at.size, ...sorted.map((o) => o.num + 1));
  const id = at.id !== undefined ? `\n/ID ${at.id}` : "";
  xref += `trailer\n<</Size ${size}\n/Root ${at.root.num} ${at.root.gen} R\n/Info ${info.num} ${info.gen} R${id}\n/Prev ${at.startxref}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  push(Buffer.from(xref, "latin1"));
  return Buffer.concat(chunks);
}
