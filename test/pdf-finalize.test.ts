/**
 * The PDF metadata fix without a full parse and save: Chromium's volatile dates rewritten in place
 * (same length, nothing moves), the metadata appended as an incremental update; other shapes go
 * through pdf-lib.
 */
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { finalizeInPlace, finalizePdf, pdfDateString, pdfTextString, type PdfMetadata } from "../src/render/pdf/finalize.js";
import { pdfContent } from "./helpers/pdf-examples.js";

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

describe("PDF strings", () => {
  it("escapes literals and writes other text as UTF-16BE", () => {
    expect(pdfTextString("a (b) \\ c")).toBe("(a \\(b\\) \\\\ c)");
    expect(pdfTextString("é")).toBe("<FEFF00E9>");
    expect(pdfTextString("line\nbreak")).toBe("<FEFF006C0069006E0065000A0062007200650061006B>");
    expect(pdfDateString(new Date("2022-07-09T01:02:03Z"))).toBe("D:20220709010203+00'00'");
  });
});
