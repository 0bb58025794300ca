/**
 * Post-processing of Chromium's PDF with pdf-lib: document metadata, and fixed creation and
 * modification dates so the same brief always gives the same bytes.
 */
import { ParseSpeeds, PDFDocument } from "pdf-lib";
import { applyAccessibility } from "./accessibility.js";

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

/** Sets metadata and dates, and saves deterministically; returns the PDF and its page count. */
export async function finalizePdf(pdf: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
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
