/**
 * Accessibility of a printed brief, applied with pdf-lib to a PDF whose layout the appended update
 * of finalize.ts does not know (Chromium's own output gets the same edits there, without pdf-lib;
 * Chromium already tags the structure: headings, lists, links):
 * - an XMP metadata stream (title, language, authors, description, dates, producer), so assistive
 *   technology and archives read the same metadata as the Info dictionary;
 * - alternate text (/Contents) on every link annotation whose target is known, e.g. "Source 3:
 *   Web report" for a citation that reads "[3]";
 * - outline (bookmark) titles restored to the headings' own text: Chromium drops the space where a
 *   heading wraps ("Taliban-ruledAfghanistan").
 *
 * No PDF/UA claim (`pdfuaid:part`) is written: nothing here checks the rest of PDF/UA-1 (link
 * structure elements, artifacts, fonts, …), so the file claims only what is tested.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from "pdf-lib";
import { linkDescription, outlineTitleFixer } from "./navigation.js";
import { xmpPacket, type XmpFields } from "./xmp.js";

export { xmpPacket, type XmpFields } from "./xmp.js";

/** Embeds the XMP packet as the document's /Metadata stream (uncompressed, as XMP asks). */
export function embedXmp(doc: PDFDocument, f: XmpFields): void {
  const stream = doc.context.stream(new TextEncoder().encode(xmpPacket(f)), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(stream));
}

/**
 * Rewrites each outline title that equals one of `headings` but for whitespace with that
 * heading's text. Titles that match nothing are left alone.
 */
export function restoreOutlineTitles(doc: PDFDocument, headings: readonly string[]): number {
  const fix = outlineTitleFixer(headings);
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  let fixed = 0;
  const seen = new Set<PDFDict>();
  const walk = (item: PDFDict | undefined): void => {
    while (item && !seen.has(item)) {
      seen.add(item);
      const title = item.lookup(PDFName.of("Title"));
      if (title instanceof PDFString || title instanceof PDFHexString) {
        const heading = fix(title.decodeText());
        if (heading !== undefined) {
          item.set(PDFName.of("Title"), PDFHexString.fromText(heading));
          fixed++;
        }
      }
      walk(item.lookupMaybe(PDFName.of("First"), PDFDict));
      item = item.lookupMaybe(PDFName.of("Next"), PDFDict);
    }
  };
  walk(outlines?.lookupMaybe(PDFName.of("First"), PDFDict));
  return fixed;
}

const textOf = (o: unknown): string | undefined => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

/**
 * Sets /Contents on each link annotation without one, from `descriptions` keyed by target: a
 * named destination as "#name", or the URI. Returns how many links were described.
 */
export function describeLinks(doc: PDFDocument, descriptions: Readonly<Record<string, string>>): number {
  let described = 0;
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookupMaybe(i, PDFDict);
      if (!annot || annot.get(PDFName.of("Subtype")) !== PDFName.of("Link") || annot.has(PDFName.of("Contents"))) continue;
      const dest = annot.lookup(PDFName.of("Dest"));
      const action = annot.lookupMaybe(PDFName.of("A"), PDFDict);
      const target = dest instanceof PDFName ? `#${dest.decodeText()}` : textOf(dest) !== undefined ? `#${textOf(dest)}` : textOf(action?.lookup(PDFName.of("URI")));
      const text = linkDescription(descriptions, target);
      if (text === undefined) continue;
      annot.set(PDFName.of("Contents"), PDFHexString.fromText(text));
      described++;
    }
  }
  return described;
}

/** Every step, for the finalize step: XMP metadata, link descriptions and outline titles when known. */
export function applyAccessibility(doc: PDFDocument, f: XmpFields, headings: readonly string[] = [], links: Readonly<Record<string, string>> = {}): void {
  embedXmp(doc, f);
  if (headings.length > 0) restoreOutlineTitles(doc, headings);
  describeLinks(doc, links);
}
