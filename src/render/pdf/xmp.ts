/**
 * The XMP metadata packet of a brief (RDF/XML): title, language, authors, description, keywords,
 * producer and dates, the same fields as the Info dictionary, so assistive technology and archives
 * read one set of metadata. Plain text, no PDF library: the in-place finalize step embeds it.
 */
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
