/**
 * `renderDocx()`: a Word brief from the view model, with the `docx` package (no Word, no
 * LibreOffice), made byte-deterministic by {@link normalisePackage}.
 */
import { Document, Footer, Header, Packer } from "docx";
import type { Brief } from "../../brief/types.js";
import { briefToDocx } from "./brief-to-docx.js";
import { normalisePackage } from "./package.js";
import { briefNumbering, briefStyles, TWIP_PER_MM } from "./styles.js";

/** Options of {@link renderDocx}. */
export interface DocxOptions {
  pageSize?: "A4" | "Letter";
  /** BCP 47 language tag (default en-GB). */
  language?: string;
  /** word/styles.xml of a reference document. */
  referenceStyles?: string;
  /** The document's date (core properties, zip entries); default the issue date, else the cutoff. */
  date?: Date;
}

const PAGE_MM = { A4: { width: 210, height: 297 }, Letter: { width: 215.9, height: 279.4 } } as const;
const MARGIN_MM = { top: 20, right: 18, bottom: 24, left: 18, header: 8, footer: 8 } as const;

/**
 * The document date: `SOURCE_DATE_EPOCH` (seconds) when set, else the issue date, else the cutoff
 * (midnight UTC), as for the PDF.
 */
export function docxDate(issued: string | undefined, cutoff: string, sourceDateEpoch?: string): Date {
  if (sourceDateEpoch !== undefined && /^\d{1,12}$/.test(sourceDateEpoch.trim())) return new Date(Number(sourceDateEpoch.trim()) * 1000);
  return new Date(`${issued ?? cutoff}T00:00:00Z`);
}

/** Renders a brief as .docx bytes: the same brief and options always give the same bytes. */
export async function renderDocx(brief: Brief, options: DocxOptions = {}): Promise<Uint8Array> {
  const size = PAGE_MM[options.pageSize ?? "A4"];
  const language = options.language ?? "en-GB";
  const content = briefToDocx(brief, { textWidthTwips: Math.round((size.width - MARGIN_MM.left - MARGIN_MM.right) * TWIP_PER_MM) });
  const twip = (mm: number) => Math.round(mm * TWIP_PER_MM);
  const doc = new Document({
    ...content.properties,
    revision: 1,
    styles: briefStyles(language),
    numbering: briefNumbering(),
    sections: [
      {
        properties: {
          page: {
            size: { width: twip(size.width), height: twip(size.height) },
            margin: { top: twip(MARGIN_MM.top), right: twip(MARGIN_MM.right), bottom: twip(MARGIN_MM.bottom), left: twip(MARGIN_MM.left), header: twip(MARGIN_MM.header), footer: twip(MARGIN_MM.footer) },
          },
        },
        headers: { default: new Header({ children: content.header }) },
        footers: { default: new Footer({ children: content.footer }) },
        children: content.body,
      },
    ],
  });
  const packed = await Packer.toBuffer(doc);
  return normalisePackage(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength), {
    date: options.date ?? docxDate(brief.issued?.iso, brief.cutoff.iso),
    language,
    ...(options.referenceStyles !== undefined ? { referenceStyles: options.referenceStyles } : {}),
  });
}
