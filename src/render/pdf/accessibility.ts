/**
 * Accessibility of a printed brief, applied with pdf-lib after Chromium prints it (Chromium already
 * tags the structure: headings, lists, links):
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

/** What the XMP packet says. */
export interface XmpFields {
  title: string;
  /** BCP 47 language of the text, e.g. "en". */
  lang: string;
  authors: string[];
  description?: string;
  keywords: string[];
  creatorTool: string;
  producer: string;
  date: Date;
}

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

/** The XMP packet (RDF/XML) of a brief: same fields, same bytes. */
export function xmpPacket(f: XmpFields): string {
  const when = f.date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const lang = escapeXml(f.lang);
  const authors = f.authors.length > 0 ? `<dc:creator><rdf:Seq>${f.authors.map((a) => `<rdf:li>${escapeXml(a)}</rdf:li>`).join("")}</rdf:Seq></dc:creator>` : "";
  const description = f.description ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(f.description)}</rdf:li></rdf:Alt></dc:description>` : "";
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(f.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
    authors,
    description,
    `<pdf:Keywords>${escapeXml(f.keywords.join(", "))}</pdf:Keywords>`,
    `<pdf:Producer>${escapeXml(f.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${escapeXml(f.creatorTool)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${when}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${when}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${when}</xmp:MetadataDate>`,
    "</rdf:Description>",
    "</rdf:RDF>",
    "</x:xmpmeta>",
    '<?xpacket end="w"?>',
  ]
    .filter((l) => l !== "")
    .join("\n");
}

/** Embeds the XMP packet as the document's /Metadata stream (uncompressed, as XMP asks). */
export function embedXmp(doc: PDFDocument, f: XmpFields): void {
  const stream = doc.context.stream(new TextEncoder().encode(xmpPacket(f)), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), doc.context.register(stream));
}

const squash = (s: string): string => s.replace(/\s+/g, "");

/**
 * Rewrites each outline title that equals one of `headings` but for whitespace with that
 * heading's text. Titles that match nothing are left alone.
 */
export function restoreOutlineTitles(doc: PDFDocument, headings: readonly string[]): number {
  const bySquashed = new Map(headings.map((h) => [squash(h), h.replace(/\s+/g, " ").trim()]));
  const outlines = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  let fixed = 0;
  const seen = new Set<PDFDict>();
  const walk = (item: PDFDict | undefined): void => {
    while (item && !seen.has(item)) {
      seen.add(item);
      const title = item.lookup(PDFName.of("Title"));
      if (title instanceof PDFString || title instanceof PDFHexString) {
        const text = title.decodeText();
        const heading = bySquashed.get(squash(text));
        if (heading !== undefined && heading !== text) {
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
      const text = target !== undefined && Object.hasOwn(descriptions, target) ? descriptions[target] : undefined;
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
