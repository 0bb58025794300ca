/**
 * Post-processing of Chromium's PDF: document metadata, fixed creation and modification dates so
 * the same brief always gives the same bytes, and the accessibility data Chromium does not write
 * (an XMP packet, alternate text on citation links, outline titles with their spaces).
 *
 * Chromium (Skia) writes a classic cross-reference table and an Info dictionary whose only
 * volatile entries are /CreationDate and /ModDate, stamped to the second. Both are rewritten in
 * place with strings of the same length (no offset moves); everything else is an incremental
 * update appended to Chromium's bytes (incremental.ts): new versions of the Info dictionary, the
 * Catalog (with /Metadata), the link annotations (with /Contents) and the outline items whose
 * titles change, the XMP stream, one cross-reference section and a trailer with /Prev. No parse
 * and re-save of the whole document (pdf-lib's load + save was 20 % of the build's CPU, and its
 * import alone takes longer than printing a brief). Any other shape (an xref stream, objects in
 * object streams, direct annotations) falls back to pdf-lib, which is then loaded.
 */
import { readLayout, readObject, updateBytes, withEntries, type ClassicLayout, type DictObject, type UpdateObject } from "./incremental.js";
import { linkDescription, outlineTitleFixer } from "./navigation.js";
import { entryText, isStringValue, nameText, parseDict, PdfSyntaxError, refArray, refNumber, stringText } from "./pdf-syntax.js";
import { xmpPacket } from "./xmp.js";

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
  return `<FEFF${Buffer.from(text, "utf16le").swap16().toString("hex").toUpperCase()}>`;
}

function infoDictionary(meta: PdfMetadata, date: string): string {
  const entries: Array<[string, string]> = [["Title", meta.title]];
  if (meta.author) entries.push(["Author", meta.author]);
  if (meta.subject) entries.push(["Subject", meta.subject]);
  entries.push(["Keywords", meta.keywords.join(" ")], ["Creator", meta.creator], ["Producer", meta.producer]);
  return `<<${entries.map(([k, v]) => `/${k} ${pdfTextString(v)}`).join("\n")}\n/CreationDate (${date})\n/ModDate (${date})>>`;
}

/** Whether the metadata asks for the accessibility data (XMP, link text, outline titles). */
const wantsAccessibility = (meta: PdfMetadata): boolean => meta.lang !== undefined || meta.authors !== undefined || meta.headings !== undefined || meta.links !== undefined;

const MAX_PAGE_TREE_DEPTH = 32;

/** The page objects in order, walking the page tree from /Pages; and the root's /Count. */
function pageObjects(pdf: Uint8Array, at: ClassicLayout, catalog: DictObject): { pages: DictObject[]; count: number } {
  const rootNum = refNumber(entryText(catalog.text, catalog.dict, "Pages"));
  if (rootNum === undefined) throw new PdfSyntaxError("no page tree");
  const root = readObject(pdf, at, rootNum);
  const count = Number(entryText(root.text, root.dict, "Count"));
  if (!Number.isInteger(count) || count < 0) throw new PdfSyntaxError("no page count");
  const pages: DictObject[] = [];
  const seen = new Set<number>();
  const walk = (node: DictObject, depth: number): void => {
    if (seen.has(node.num) || depth > MAX_PAGE_TREE_DEPTH) throw new PdfSyntaxError("a looping page tree");
    seen.add(node.num);
    const type = entryText(node.text, node.dict, "Type");
    if (type === "/Page") pages.push(node);
    else if (type === "/Pages") {
      const kids = refArray(entryText(node.text, node.dict, "Kids"));
      if (!kids) throw new PdfSyntaxError("page tree kids that are not references");
      for (const k of kids) walk(readObject(pdf, at, k), depth + 1);
    } else throw new PdfSyntaxError("a page tree node of no known type");
  };
  walk(root, 0);
  if (pages.length !== count) throw new PdfSyntaxError("page count and page tree disagree");
  return { pages, count };
}

/** A link annotation's target: "#name" for a named destination, else its URI action's URI. */
function linkTarget(pdf: Uint8Array, at: ClassicLayout, annot: DictObject): string | undefined {
  const dest = entryText(annot.text, annot.dict, "Dest");
  if (dest?.startsWith("/")) return `#${nameText(dest)}`;
  if (isStringValue(dest)) return `#${stringText(dest)}`;
  const action = entryText(annot.text, annot.dict, "A");
  if (action === undefined) return undefined;
  const actionRef = refNumber(action);
  const a = actionRef !== undefined ? readObject(pdf, at, actionRef) : { text: action, dict: parseDict(action, 0) };
  const uri = entryText(a.text, a.dict, "URI");
  return isStringValue(uri) ? stringText(uri) : undefined;
}

/** New versions of the link annotations that get alternate text. */
function describedLinks(pdf: Uint8Array, at: ClassicLayout, pages: readonly DictObject[], descriptions: Readonly<Record<string, string>>): UpdateObject[] {
  const out: UpdateObject[] = [];
  const done = new Set<number>();
  for (const page of pages) {
    const annots = entryText(page.text, page.dict, "Annots");
    if (annots === undefined) continue;
    const refs = refArray(annots);
    if (!refs) throw new PdfSyntaxError("annotations that are not an array of references");
    for (const num of refs) {
      if (done.has(num)) continue;
      done.add(num);
      const annot = readObject(pdf, at, num);
      if (entryText(annot.text, annot.dict, "Subtype") !== "/Link" || entryText(annot.text, annot.dict, "Contents") !== undefined) continue;
      const text = linkDescription(descriptions, linkTarget(pdf, at, annot));
      if (text === undefined) continue;
      out.push({ num, gen: annot.gen, body: Buffer.from(withEntries(annot.text, annot.dict, [["Contents", pdfTextString(text)]]), "latin1") });
    }
  }
  return out;
}

/** New versions of the outline items whose titles lost a space where the heading wrapped. */
function restoredOutline(pdf: Uint8Array, at: ClassicLayout, catalog: DictObject, headings: readonly string[]): UpdateObject[] {
  const outlinesNum = refNumber(entryText(catalog.text, catalog.dict, "Outlines"));
  if (outlinesNum === undefined) return [];
  const fix = outlineTitleFixer(headings);
  const out: UpdateObject[] = [];
  const seen = new Set<number>();
  const walk = (num: number | undefined, depth: number): void => {
    while (num !== undefined && !seen.has(num)) {
      if (depth > MAX_PAGE_TREE_DEPTH) throw new PdfSyntaxError("an outline nested too deep");
      seen.add(num);
      const item = readObject(pdf, at, num);
      const title = entryText(item.text, item.dict, "Title");
      const heading = isStringValue(title) ? fix(stringText(title)) : undefined;
      if (heading !== undefined) out.push({ num, gen: item.gen, body: Buffer.from(withEntries(item.text, item.dict, [["Title", pdfTextString(heading)]]), "latin1") });
      walk(refNumber(entryText(item.text, item.dict, "First")), depth + 1);
      num = refNumber(entryText(item.text, item.dict, "Next"));
    }
  };
  const outlines = readObject(pdf, at, outlinesNum);
  walk(refNumber(entryText(outlines.text, outlines.dict, "First")), 0);
  return out;
}

/** The in-place rewrite and appended update, or undefined when the PDF has another shape. */
export function finalizeInPlace(pdf: Uint8Array, meta: PdfMetadata): { bytes: Uint8Array; pages: number } | undefined {
  try {
    return rewrite(pdf, meta);
  } catch (error) {
    if (error instanceof PdfSyntaxError) return undefined;
    throw error;
  }
}

function rewrite(pdf: Uint8Array, meta: PdfMetadata): { bytes: Uint8Array; pages: number } | undefined {
  const at = readLayout(pdf);
  if (!at) return undefined;
  const catalog = readObject(pdf, at, at.root.num);
  const { pages, count } = pageObjects(pdf, at, catalog);
  const info = readObject(pdf, at, at.info.num);
  const date = pdfDateString(meta.date);
  // The old dates, to be overwritten with the fixed date of the same length (nothing moves).
  const dates: number[] = [];
  for (const key of ["CreationDate", "ModDate"]) {
    const e = info.dict.entries.find((x) => x.key === key);
    if (!e) continue;
    if (e.valueEnd - e.valueStart !== date.length + 2 || info.text[e.valueStart] !== "(") return undefined;
    dates.push(info.offset + e.valueStart + 1);
  }
  const objects: UpdateObject[] = [{ num: at.info.num, gen: at.info.gen, body: Buffer.from(infoDictionary(meta, date), "latin1") }];
  if (wantsAccessibility(meta)) {
    const xmp = Buffer.from(
      xmpPacket({ title: meta.title, lang: meta.lang ?? "en", authors: meta.authors ?? (meta.author ? [meta.author] : []), description: meta.subject, keywords: meta.keywords, creatorTool: meta.creator, producer: meta.producer, date: meta.date }),
      "utf8",
    );
    // XMP stays uncompressed, as the XMP specification asks, so archives find it without a PDF reader.
    const metadata: UpdateObject = { num: at.size, gen: 0, body: Buffer.concat([Buffer.from(`<</Type /Metadata\n/Subtype /XML\n/Length ${xmp.length}>> stream\n`, "latin1"), xmp, Buffer.from("\nendstream", "latin1")]) };
    objects.push(metadata, { num: catalog.num, gen: catalog.gen, body: Buffer.from(withEntries(catalog.text, catalog.dict, [["Metadata", `${metadata.num} 0 R`]]), "latin1") });
    if (meta.links) objects.push(...describedLinks(pdf, at, pages, meta.links));
    if (meta.headings && meta.headings.length > 0) objects.push(...restoredOutline(pdf, at, catalog, meta.headings));
  }
  const update = updateBytes(pdf, at, objects);
  const out = Buffer.allocUnsafe(pdf.length + update.length);
  out.set(pdf);
  for (const offset of dates) out.write(date, offset, "latin1");
  update.copy(out, pdf.length);
  return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.length), pages: count };
}

/**
 * Sets metadata, dates and (when the metadata carries them) the accessibility data
 * deterministically; returns the PDF and its page count. Chromium's PDFs get an appended update;
 * a PDF of another shape goes through pdf-lib.
 */
export async function finalizePdf(pdf: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  return finalizeInPlace(pdf, meta) ?? finalizeWithPdfLib(pdf, meta);
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
