/**
 * The PDF metadata and accessibility fix without a full parse and save: Chromium's volatile dates
 * rewritten in place (same length, nothing moves); the Info dictionary, the XMP packet, alternate
 * text on links and outline titles appended as an incremental update; other shapes go through
 * pdf-lib.
 */
import { PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { finalizeInPlace, finalizePdf, finalizeWithPdfLib, pdfDateString, pdfTextString, type PdfMetadata } from "../src/render/pdf/finalize.js";
import { pdfContent } from "./helpers/pdf-examples.js";

/** A PDF laid out as Chromium's Skia writes it (Info first, a classic xref table) from its objects' bodies, numbered from 1. */
function skiaFile(objects: readonly string[]): Uint8Array {
  let body = "%PDF-1.4\n%\xd3\xeb\xe9\xe1\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, "latin1"));
}

/**
 * A two-page brief as Chromium prints it: link annotations (a named destination, a URI action,
 * one with text already), an outline whose second title lost the space where its heading wrapped
 * and whose third is UTF-16, a Catalog with /Lang.
 */
function chromiumBrief(stamp: string, title = "(IS-K and the Taliban)"): Uint8Array {
  return skiaFile([
    `<</Title ${title}\n/Creator (Mozilla/5.0 \\(X11\\) HeadlessChrome/156.0.0.0)\n/Producer (Skia/PDF m156)\n/CreationDate (D:${stamp}+00'00')\n/ModDate (D:${stamp}+00'00')>>`,
    "<</Type /Catalog\n/Pages 3 0 R\n/MarkInfo <</Type /MarkInfo\n/Marked true>>\n/Outlines 9 0 R\n/Lang (en)>>",
    "<</Type /Pages\n/Count 2\n/Kids [4 0 R 5 0 R]>>",
    "<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 595 842]\n/Annots [6 0 R 7 0 R]\n/Contents 13 0 R>>",
    "<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 595 842]\n/Annots [8 0 R]\n/Contents 13 0 R>>",
    "<</Type /Annot\n/Subtype /Link\n/F 4\n/Border [0 0 0]\n/Rect [134.25 439.17 147 452.67]\n/Dest /source-1\n/StructParent 1>>",
    "<</Type /Annot\n/Subtype /Link\n/F 4\n/Border [0 0 0]\n/Rect [150 439.17 160 452.67]\n/A <</Type /Action\n/S /URI\n/URI (https://example.org/report?a=\\(1\\))>>\n/StructParent 2>>",
    "<</Type /Annot\n/Subtype /Link\n/F 4\n/Rect [10 10 20 20]\n/Dest /source-2\n/Contents (kept)>>",
    "<</Type /Outlines\n/First 10 0 R\n/Last 10 0 R\n/Count 3>>",
    "<</Title (IS-K and the Taliban)\n/Dest [4 0 R /XYZ 52 708 0]\n/Parent 9 0 R\n/First 11 0 R\n/Last 12 0 R\n/Count 2>>",
    "<</Title (Taliban-ruledAfghanistan)\n/Dest [4 0 R /XYZ 52 600 0]\n/Parent 10 0 R\n/Next 12 0 R>>",
    "<</Title <FEFF06270644063906310628064A0629>\n/Dest [5 0 R /XYZ 52 700 0]\n/Parent 10 0 R\n/Prev 11 0 R>>",
    "<</Length 0>> stream\n\nendstream",
  ]);
}

const BRIEF: PdfMetadata = {
  title: "IS-K and the Taliban",
  author: "A. Analyst",
  subject: "It is likely that things happen.",
  keywords: ["isk-2022-07"],
  creator: "yardstick 0.1.0",
  producer: "yardstick 0.1.0 (Chromium)",
  date: new Date("2022-07-12T00:00:00Z"),
  authors: ["A. Analyst", "فاطمة الزهراء"],
  lang: "en",
  headings: ["IS-K and the Taliban", "Taliban-ruled Afghanistan", "العربية"],
  links: { "#source-1": "Source 1: Web report", "#source-2": "Source 2: Other", "https://example.org/report?a=(1)": "Source 3: Ministry (press) release" },
};

/** What a reader sees of a PDF: links with their alternate text, outline titles, XMP. */
async function navigation(bytes: Uint8Array) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const links: Array<{ target: unknown; contents: string | undefined }> = [];
  for (let p = 1; p <= doc.numPages; p++) {
    for (const a of await (await doc.getPage(p)).getAnnotations()) if (a.subtype === "Link") links.push({ target: a.dest ?? a.url, contents: (a.contentsObj as { str?: string } | undefined)?.str });
  }
  const outline = (await doc.getOutline()).flatMap((i) => [i.title, ...i.items.map((c) => c.title)]);
  const meta = await doc.getMetadata();
  const xmp = new Map<string, unknown>(meta.metadata ? [...(meta.metadata as unknown as Iterable<[string, unknown]>)] : []);
  await doc.destroy();
  return { links, outline, xmp, info: meta.info as Record<string, unknown> };
}

/** A one-page PDF laid out as Chromium's Skia writes it: Info first, a classic xref table. */
function chromiumShaped(stamp: string): Uint8Array {
  const objects = [
    `1 0 obj\n<</Title (Probe)\n/Creator (Mozilla/5.0 HeadlessChrome/156.0.0.0)\n/Producer (Skia/PDF m156)\n/CreationDate (D:${stamp}+00'00')\n/ModDate (D:${stamp}+00'00')>>\nendobj\n`,
    `2 0 obj\n<</Type /Catalog\n/Pages 3 0 R\n/MarkInfo <</Type /MarkInfo\n/Marked true>>>>\nendobj\n`,
    `3 0 obj\n<</Type /Pages\n/Count 1\n/Kids [4 0 R]>>\nendobj\n`,
    `4 0 obj\n<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 595 842]\n/Contents 5 0 R>>\nendobj\n`,
    `5 0 obj\n<</Length 0>> stream\n\nendstream\nendobj\n`,
  ];
  let body = "%PDF-1.4\n%\xd3\xeb\xe9\xe1\n";
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(body.length);
    body += o;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, "latin1"));
}

const META: PdfMetadata = {
  title: "IS-K and the Taliban (2022)",
  author: "A. Analyst, فاطمة الزهراء",
  subject: "It is likely that \\ things (happen).",
  keywords: ["isk-2022-07", "IS-K"],
  creator: "yardstick 0.1.0",
  producer: "yardstick 0.1.0 (Chromium)",
  date: new Date("2022-07-12T00:00:00Z"),
};

describe("finalizePdf, in place", () => {
  it("sets every field, fixes both dates, and counts pages", async () => {
    const out = finalizeInPlace(chromiumShaped("20261201090854"), META);
    expect(out).toBeDefined();
    expect(out!.pages).toBe(1);
    const { info, numPages } = await pdfContent(out!.bytes);
    expect(numPages).toBe(1);
    expect(info).toMatchObject({ Title: META.title, Author: META.author, Subject: META.subject, Keywords: "isk-2022-07 IS-K", Creator: META.creator, Producer: META.producer });
    expect(info.CreationDate).toBe("D:20220712000000+00'00'");
    expect(info.ModDate).toBe("D:20220712000000+00'00'");
    // pdf-lib reads it too, and sees the appended Info.
    const doc = await PDFDocument.load(out!.bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe(META.title);
    expect(doc.getAuthor()).toBe(META.author);
    expect(doc.getCreationDate()?.toISOString()).toBe("2022-07-12T00:00:00.000Z");
  });

  it("moves nothing: the original bytes are kept, only the date digits differ, the update is appended", () => {
    const raw = chromiumShaped("20261201090854");
    const out = finalizeInPlace(raw, META)!.bytes;
    const before = Buffer.from(raw).toString("latin1");
    const after = Buffer.from(out).toString("latin1");
    expect(after.slice(0, raw.length)).toBe(before.replaceAll("D:20261201090854+00'00'", "D:20220712000000+00'00'"));
    expect(after.slice(raw.length)).toMatch(/^1 0 obj\n<<[\s\S]*\nendobj\nxref\n1 1\n\d{10} 00000 n \ntrailer\n<<[\s\S]*\/Prev \d+>>\nstartxref\n\d+\n%%EOF\n$/);
  });

  it("gives the same bytes whatever second Chromium stamped", () => {
    const a = Buffer.from(finalizeInPlace(chromiumShaped("20261201090854"), META)!.bytes);
    const b = Buffer.from(finalizeInPlace(chromiumShaped("20300101235959"), META)!.bytes);
    expect(a.equals(b)).toBe(true);
  });

  it("leaves PDFs of another shape to pdf-lib (an xref stream here)", async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    const streamed = await doc.save({ useObjectStreams: true });
    expect(finalizeInPlace(streamed, META)).toBeUndefined();
    const out = await finalizePdf(streamed, META);
    expect(out.pages).toBe(2);
    const { info } = await pdfContent(out.bytes);
    expect(info.Title).toBe(META.title);
    expect(String(info.CreationDate)).toMatch(/^D:20220712000000/);
  });
});

describe("finalizePdf, accessibility as an appended update", () => {
  it("adds XMP, alternate text on every link that has none, and outline titles with their spaces, without pdf-lib", async () => {
    const raw = chromiumBrief("20261201090854");
    const out = finalizeInPlace(raw, BRIEF);
    expect(out).toBeDefined();
    expect(out!.pages).toBe(2);
    // The original bytes are all there, but for the date digits: only appended after them.
    expect(Buffer.from(out!.bytes).subarray(0, raw.length).toString("latin1")).toBe(Buffer.from(raw).toString("latin1").replaceAll("D:20261201090854+00'00'", "D:20220712000000+00'00'"));
    const read = await navigation(out!.bytes);
    expect(read.links).toEqual([
      { target: "source-1", contents: "Source 1: Web report" },
      { target: "https://example.org/report?a=(1)", contents: "Source 3: Ministry (press) release" },
      { target: "source-2", contents: "kept" },
    ]);
    expect(read.outline).toEqual(["IS-K and the Taliban", "Taliban-ruled Afghanistan", "العربية"]);
    expect(read.xmp.get("dc:title")).toBe(BRIEF.title);
    expect(read.xmp.get("dc:language")).toBe("en");
    expect(read.xmp.get("dc:creator")).toEqual(BRIEF.authors);
    expect(read.xmp.get("xmp:createdate")).toBe("2022-07-12T00:00:00Z");
    expect(read.info).toMatchObject({ Title: BRIEF.title, Author: BRIEF.author, CreationDate: "D:20220712000000+00'00'" });
    // pdf-lib reads the update too: the Catalog's last version has the metadata stream.
    const doc = await PDFDocument.load(out!.bytes, { updateMetadata: false });
    expect(doc.catalog.get(PDFName.of("Metadata"))).toBeDefined();
    expect(doc.getPageCount()).toBe(2);
  });

  it("says the same as the full pdf-lib pass", async () => {
    const raw = chromiumBrief("20261201090854");
    const appended = await navigation(finalizeInPlace(raw, BRIEF)!.bytes);
    const full = await navigation((await finalizeWithPdfLib(raw, BRIEF)).bytes);
    expect(appended.links).toEqual(full.links);
    expect(appended.outline).toEqual(full.outline);
    expect([...appended.xmp]).toEqual([...full.xmp]);
  });

  it("gives the same bytes whatever second Chromium stamped", () => {
    const a = Buffer.from(finalizeInPlace(chromiumBrief("20261201090854"), BRIEF)!.bytes);
    const b = Buffer.from(finalizeInPlace(chromiumBrief("20300101235959"), BRIEF)!.bytes);
    expect(a.equals(b)).toBe(true);
  });

  it("reads a title holding the bytes that end a dictionary or an object as text", async () => {
    const raw = chromiumBrief("20261201090854", "(A >> B \\) endobj C)");
    const out = finalizeInPlace(raw, BRIEF);
    // "endobj" inside the string is where the object seems to end: not a shape to edit in place.
    expect(out).toBeUndefined();
    const safe = finalizeInPlace(chromiumBrief("20261201090854", "(A >> B \\) << C)"), BRIEF);
    expect(safe).toBeDefined();
    expect((await navigation(safe!.bytes)).info.Title).toBe(BRIEF.title);
  });

  it("hands a PDF whose annotations are not references to pdf-lib", async () => {
    const direct = Buffer.from(chromiumBrief("20261201090854")).toString("latin1").replace("/Annots [8 0 R]", "/Annots [<</Type /Annot /Subtype /Link /Rect [1 1 2 2] /Dest /x>>]");
    // Same length is not needed: the table's later offsets are off too, so nothing must be edited in place.
    expect(finalizeInPlace(new Uint8Array(Buffer.from(direct, "latin1")), BRIEF)).toBeUndefined();
  });
});

describe("PDF strings", () => {
  it("escapes literals and writes other text as UTF-16BE", () => {
    expect(pdfTextString("a (b) \\ c")).toBe("(a \\(b\\) \\\\ c)");
    expect(pdfTextString("é")).toBe("<FEFF00E9>");
    expect(pdfTextString("line\nbreak")).toBe("<FEFF006C0069006E0065000A0062007200650061006B>");
    expect(pdfDateString(new Date("2022-07-09T01:02:03Z"))).toBe("D:20220709010203+00'00'");
  });
});
