/**
 * Post-processing of Chromium's PDF: document metadata, and fixed creation and modification dates
 * so the same brief always gives the same bytes.
 *
 * Chromium (Skia) writes a classic cross-reference table and an Info dictionary whose only
 * volatile entries are /CreationDate and /ModDate, stamped to the second. Both are rewritten in
 * place with strings of the same length (no offset moves), and the full metadata is appended as
 * an incremental update (a new version of the Info object, a one-entry xref section and a trailer
 * pointing back with /Prev) — no parse and re-save of the whole document, which was 20 % of the
 * build's CPU. Any other shape (an xref stream, a compressed trailer) falls back to pdf-lib, which
 * is then loaded.
 */

/** Metadata written into the PDF's Info dictionary. */
export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords: string[];
  creator: string;
  producer: string;
  /** Used for /CreationDate and /ModDate. */
  date: Date;
  /** The authors one by one (XMP dc:creator); default: `author` as one name. */
  authors?: string[];
  /** Language of the text (XMP dc:language); default "en". */
  lang?: string;
  /** The brief's headings, to restore outline titles that lost a space where they wrapped. */
  headings?: string[];
  /** Alternate text of links by target ("#source-3" or a URL). */
  links?: Record<string, string>;
}

/**
 * The date stamped on a brief's PDF: `SOURCE_DATE_EPOCH` (seconds) when set, else the issue
 * date, else the cutoff (both ISO dates, midnight UTC).
 */
export function pdfDate(issued: string | undefined, cutoff: string, sourceDateEpoch?: string): Date {
  if (sourceDateEpoch !== undefined && /^\d{1,12}$/.test(sourceDateEpoch.trim())) return new Date(Number(sourceDateEpoch.trim()) * 1000);
  return new Date(`${issued ?? cutoff}T00:00:00Z`);
}

/** A PDF date in the form Chromium writes: `D:YYYYMMDDHHmmSS+00'00'`. */
export function pdfDateString(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}+00'00'`;
}

/** A PDF text string: a literal for printable ASCII, else UTF-16BE hex with a byte-order mark. */
export function pdfTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = "<FEFF";
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
  return `${hex}>`;
}

const latin1 = (bytes: Uint8Array, start = 0, end = bytes.length) => Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");

/** The pieces of a classic xref table and trailer this rewrite needs, or undefined for any other shape. */
interface Layout {
  startxref: number;
  size: number;
  root: string;
  info: { num: number; gen: number };
  offsets: Map<number, number>;
}

function layout(pdf: Uint8Array): Layout | undefined {
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
  const root = /\/Root (\d+ \d+ R)/.exec(trailer);
  const info = /\/Info (\d+) (\d+) R/.exec(trailer);
  if (!size || !root || !info || /\/Prev|\/Encrypt/.test(trailer)) return undefined;
  const offsets = new Map<number, number>();
  const table = section.slice(4, trailerAt);
  const re = /(\d+) (\d+)\s*\n((?:\d{10} \d{5} [nf] ?\r?\n)+)/g;
  for (let m = re.exec(table); m; m = re.exec(table)) {
    const first = Number(m[1]);
    m[3]!.split(/\r?\n/).filter(Boolean).forEach((line, i) => {
      if (line[17] === "n") offsets.set(first + i, Number(line.slice(0, 10)));
    });
  }
  return { startxref, size: Number(size[1]), root: root[1]!, info: { num: Number(info[1]), gen: Number(info[2]) }, offsets };
}

/** The text of object `num` (from its offset to `endobj`). */
function objectText(pdf: Uint8Array, at: Layout, num: number): { start: number; text: string } | undefined {
  const start = at.offsets.get(num);
  if (start === undefined) return undefined;
  // Dictionaries this rewrite reads (Info, Catalog, Pages) are small; streams are never read.
  const text = latin1(pdf, start, Math.min(pdf.length, start + 65_536));
  const end = text.indexOf("endobj");
  if (!text.startsWith(`${num} `) || end < 0) return undefined;
  return { start, text: text.slice(0, end) };
}

function pageCount(pdf: Uint8Array, at: Layout): number | undefined {
  const catalog = objectText(pdf, at, Number(at.root.split(" ")[0]));
  const pagesRef = catalog && /\/Pages (\d+) \d+ R/.exec(catalog.text);
  const pages = pagesRef ? objectText(pdf, at, Number(pagesRef[1])) : undefined;
  const count = pages && /\/Count (\d+)/.exec(pages.text);
  return count ? Number(count[1]) : undefined;
}

function infoDictionary(meta: PdfMetadata, date: string): string {
  const entries: Array<[string, string]> = [["Title", meta.title]];
  if (meta.author) entries.push(["Author", meta.author]);
  if (meta.subject) entries.push(["Subject", meta.subject]);
  entries.push(["Keywords", meta.keywords.join(" ")], ["Creator", meta.creator], ["Producer", meta.producer]);
  return `<<${entries.map(([k, v]) => `/${k} ${pdfTextString(v)}`).join("\n")}\n/CreationDate (${date})\n/ModDate (${date})>>`;
}

/** The in-place rewrite and appended update, or undefined when the PDF has another shape. */
export function finalizeInPlace(pdf: Uint8Array, meta: PdfMetadata): { bytes: Uint8Array; pages: number } | undefined {
  const at = layout(pdf);
  if (!at) return undefined;
  const pages = pageCount(pdf, at);
  const info = objectText(pdf, at, at.info.num);
  if (pages === undefined || !info) return undefined;
  const date = pdfDateString(meta.date);
  const out = new Uint8Array(pdf.length + 4096 + meta.title.length * 4 + (meta.subject?.length ?? 0) * 4 + (meta.author?.length ?? 0) * 4 + meta.keywords.join(" ").length * 4);
  out.set(pdf);
  // The old dates, overwritten with the fixed date of the same length (nothing moves).
  for (const key of ["/CreationDate (", "/ModDate ("]) {
    const i = info.text.indexOf(key);
    if (i < 0) continue;
    const from = i + key.length;
    const to = info.text.indexOf(")", from);
    if (to - from !== date.length) return undefined;
    Buffer.from(out.buffer, out.byteOffset, out.length).write(date, info.start + from, "latin1");
  }
  let end = pdf.length;
  const eol = pdf[end - 1] === 0x0a ? "" : "\n";
  const objAt = end + eol.length;
  const obj = `${eol}${at.info.num} ${at.info.gen} obj\n${infoDictionary(meta, date)}\nendobj\n`;
  const xrefAt = end + obj.length;
  const update = `${obj}xref\n${at.info.num} 1\n${String(objAt).padStart(10, "0")} ${String(at.info.gen).padStart(5, "0")} n \ntrailer\n<</Size ${at.size}\n/Root ${at.root}\n/Info ${at.info.num} ${at.info.gen} R\n/Prev ${at.startxref}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const bytes = Buffer.from(update, "latin1");
  if (end + bytes.length > out.length) return undefined;
  out.set(bytes, end);
  end += bytes.length;
  return { bytes: out.subarray(0, end), pages };
}

/**
 * Sets metadata and dates deterministically; returns the PDF and its page count. A brief's PDF
 * (with its accessibility data: XMP, link descriptions, outline titles) goes through pdf-lib,
 * since those edit objects all over the file; plain metadata is rewritten in place.
 */
export async function finalizePdf(pdf: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const accessibility = meta.lang !== undefined || meta.authors !== undefined || meta.headings !== undefined || meta.links !== undefined;
  const fast = accessibility ? undefined : finalizeInPlace(pdf, meta);
  if (fast) return fast;
  return finalizeWithPdfLib(pdf, meta);
}

/** The full parse and save with pdf-lib: for PDFs of a shape the in-place rewrite does not know. */
export async function finalizeWithPdfLib(pdf: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  // Loaded only for this rare case: the usual path never pays for pdf-lib's import.
  const [{ ParseSpeeds, PDFDocument }, { applyAccessibility }] = await Promise.all([import("pdf-lib"), import("./accessibility.js")]);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.producer);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  applyAccessibility(doc, { title: meta.title, lang: meta.lang ?? "en", authors: meta.authors ?? (meta.author ? [meta.author] : []), description: meta.subject, keywords: meta.keywords, creatorTool: meta.creator, producer: meta.producer, date: meta.date }, meta.headings, meta.links);
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
  return { bytes, pages: doc.getPageCount() };
}
