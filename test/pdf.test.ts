import { createServer, type Server } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPdfSession, withPdfSession, type PdfSession } from "../src/render/pdf/session.js";
import { hostileBrief, sampleBrief } from "./fixtures/brief-sample.js";
import { browserVariants, exampleBriefs, pdfContent, squash } from "./helpers/pdf-examples.js";

const variants = browserVariants();

/** PostScript names of the bundled faces (Noto Sans, Sans Arabic, Sans Math, Serif). */
const BUNDLED_FONT = /^Noto(Sans|Serif|SansArabic|SansMath)-(Regular|Bold|Italic|BoldItalic)$/;

/** Every /FontName of a PDF, subset prefixes removed (pdffonts' view, without the tool). */
function embeddedFontNames(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString("latin1");
  return [...new Set([...text.matchAll(/\/(?:FontName|BaseFont) \/(?:[A-Z]{6}\+)?([^\s/<>\[\]()]+)/g)].map((m) => m[1]!))];
}

describe.each(variants)("PDF briefs with $name", ({ options }) => {
  let session: PdfSession;
  beforeAll(async () => {
    session = await openPdfSession({ ...options, jobs: 2 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it("holds every judgment sentence and the cutoff line of each example", async () => {
    for (const { file, brief } of exampleBriefs()) {
      const result = await session.render(brief);
      const pdf = await pdfContent(result.bytes);
      const all = squash(pdf.pages.join(" "));
      for (const j of brief.judgments) expect(all, `${file}: ${j.sentence}`).toContain(squash(j.sentence));
      expect(all).toContain(squash(brief.cutoffLine));
      // The footer carries the cutoff line and page numbers on every page.
      pdf.pages.forEach((text, i) => {
        expect(squash(text)).toContain(squash(`Page ${i + 1} of ${pdf.numPages}`));
        expect(squash(text)).toContain(squash(brief.cutoffLine));
      });
      expect(pdf.numPages).toBe(result.pages);
      expect(result.blocked).toEqual([]);
    }
  });

  it("sets metadata and dates from the brief", async () => {
    const brief = sampleBrief();
    const pdf = await pdfContent((await session.render(brief)).bytes);
    expect(pdf.info.Title).toBe("IS-K and the Taliban");
    expect(pdf.info.Author).toBe("A. Analyst, فاطمة الزهراء");
    expect(pdf.info.Keywords).toBe("isk-2022-07 IS-K Taliban Afghanistan");
    expect(String(pdf.info.Subject)).toContain("It is highly likely that IS-K will continue");
    expect(pdf.info.CreationDate).toMatch(/^D:20220712000000/);
    expect(pdf.info.ModDate).toMatch(/^D:20220712000000/);
    const noIssue = await pdfContent((await session.render(sampleBrief({ issued: undefined }))).bytes);
    expect(noIssue.info.CreationDate).toMatch(/^D:20220709000000/);
  });

  it("has bookmarks from the headings and is tagged", async () => {
    const brief = exampleBriefs()[1]!.brief;
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await pdfjs.getDocument({ data: new Uint8Array((await session.render(brief)).bytes) }).promise;
    const outline = await doc.getOutline();
    const titles = outline.flatMap((i) => [i.title, ...i.items.map((c) => c.title)]);
    expect(titles).toEqual([brief.title, brief.labels.summary, ...brief.judgments.map((j) => j.heading), ...(brief.showSources ? [brief.labels.sources] : [])]);
    expect((await doc.getMarkInfo())?.Marked).toBe(true);
    await doc.destroy();
  });

  it("uses only the bundled fonts, Arabic and the scale's ≥ and ≤ included", async () => {
    const { bytes } = await session.render(sampleBrief());
    const pdf = await pdfContent(bytes);
    expect([...pdf.fonts].every((f) => BUNDLED_FONT.test(f)), [...pdf.fonts].join(", ")).toBe(true);
    expect([...pdf.fonts]).toEqual(expect.arrayContaining(["NotoSansArabic-Regular", "NotoSans-Regular", "NotoSerif-Bold", "NotoSansMath-Regular"]));
    // Every font object in the file, header and footer included (pdfjs reports only text fonts).
    const embedded = embeddedFontNames(bytes);
    expect(embedded.length).toBeGreaterThan(0);
    expect(embedded.filter((f) => !BUNDLED_FONT.test(f))).toEqual([]);
  });

  it("never embeds a host font, even when the page asks for one by name or prints a script no bundled face has", async () => {
    const html = `<!DOCTYPE html><html><head><title>t</title></head><body>
      <p style="font-family:'Liberation Sans'">Liberation ≥ ≤ – ·</p><p style="font-family:'DejaVu Sans',monospace">DejaVu</p>
      <p style="font-family:serif">serif</p><p style="font-family:cursive">cursive</p><p>中文 日本語 ✓ ☃</p><p dir="rtl">العربية</p></body></html>`;
    const { bytes } = await session.renderParts({ html, headerTemplate: "", footerTemplate: "" }, { title: "t", keywords: [], creator: "t", producer: "t", date: new Date(0) });
    const embedded = embeddedFontNames(bytes);
    expect(embedded.length).toBeGreaterThan(0);
    expect(embedded.filter((f) => !BUNDLED_FONT.test(f))).toEqual([]);
  });

  it("names text wider than the text column, which the PDF cuts off, and nothing else", async () => {
    const url = `https://example.org/${Array.from({ length: 20 }, (_, i) => `segment${i}abcdefgh`).join("/")}`;
    const page = (body: string) => ({ html: `<!DOCTYPE html><html><head><title>t</title><style>body{font-family:"YS Sans";font-size:10pt}</style></head><body>${body}</body></html>`, headerTemplate: "", footerTemplate: "" });
    const meta = { title: "t", keywords: [], creator: "t", producer: "t", date: new Date(0) };
    const clipped = await session.renderParts(page(`<p>Short words here. ${url} end.</p><ul><li>a normal item</li></ul>`), meta);
    expect(clipped.clipped).toEqual([url]);
    // The PDF really lacks the end of it.
    const text = squash((await pdfContent(clipped.bytes)).pages.join(""));
    expect(text).toContain("segment0abcdefgh");
    expect(text).not.toContain("segment19abcdefgh");
    const fine = await session.renderParts(page(`<p>Short words here, ${"and many more words ".repeat(40)}.</p>`), meta);
    expect(fine.clipped).toEqual([]);
    expect((await session.render(sampleBrief())).clipped).toEqual([]);
  });

  it("prints the marking banner at the top and bottom of every page", async () => {
    const brief = sampleBrief({ judgments: [...sampleBrief().judgments, ...sampleBrief().judgments, ...sampleBrief().judgments, ...sampleBrief().judgments] });
    const pdf = await pdfContent((await session.render(brief)).bytes);
    expect(pdf.numPages).toBeGreaterThan(1);
    for (const text of pdf.pages) expect(text.match(/TLP:AMBER/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it("gives byte-identical PDFs for the same brief, in parallel and in sequence", async () => {
    const brief = exampleBriefs()[0]!.brief;
    const [a, b] = await Promise.all([session.render(brief), session.render(brief)]);
    const c = await session.render(brief);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(Buffer.from(a.bytes).equals(Buffer.from(c.bytes))).toBe(true);
  });

  it("prints Letter when asked", async () => {
    const { PDFDocument } = await import("pdf-lib");
    const letter = await PDFDocument.load((await session.render(sampleBrief(), { pageSize: "Letter" })).bytes);
    expect(letter.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    const a4 = await PDFDocument.load((await session.render(sampleBrief())).bytes);
    expect(Math.round(a4.getPage(0).getSize().height)).toBe(842);
  });
});

describe("pages recycled every few briefs", () => {
  it("give the same bytes before and after a page is replaced", async () => {
    const s = await openPdfSession({ ...variants[0]!.options, jobs: 1, recycleAfter: 2 });
    try {
      const brief = sampleBrief();
      const runs: Buffer[] = [];
      for (let i = 0; i < 5; i++) runs.push(Buffer.from((await s.render(brief)).bytes));
      for (const r of runs.slice(1)) expect(r.equals(runs[0]!)).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe("identical bytes across fresh browser launches", () => {
  it.each(variants)("$name", async ({ options }) => {
    const brief = exampleBriefs()[1]!.brief;
    const once = async () => {
      const s = await openPdfSession({ ...options, jobs: 1 });
      try {
        return Buffer.from((await s.render(brief)).bytes);
      } finally {
        await s.close();
      }
    };
    const a = await once();
    const b = await once();
    expect(a.equals(b)).toBe(true);
  });

  it("honours SOURCE_DATE_EPOCH", async () => {
    const s = await openPdfSession({ ...variants[0]!.options, env: { SOURCE_DATE_EPOCH: "1700000000" }, jobs: 1 });
    try {
      const pdf = await pdfContent((await s.render(sampleBrief())).bytes);
      expect(pdf.info.CreationDate).toMatch(/^D:20231114221320/);
    } finally {
      await s.close();
    }
  });
});

describe.each(variants)("sandbox with $name", ({ options }) => {
  let server: Server;
  let origin = "";
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.setHeader("content-type", req.url?.endsWith(".css") ? "text/css" : "image/png");
      res.end("body{background:red}");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("a hostile brief renders with no request reaching the network", async () => {
    const s = await openPdfSession({ ...options, jobs: 1 });
    try {
      const result = await s.render(hostileBrief(origin));
      const pdf = await pdfContent(result.bytes);
      const text = pdf.pages.join(" ");
      expect(text).toContain("{{title}}"); // literal, not a template
      expect(text).toContain("<script>"); // shown as text
      expect(hits).toEqual([]);
      expect(result.blocked).toEqual([]); // sanitized away before the browser saw it
    } finally {
      await s.close();
    }
  });

  it("a hostile template is refused every request, runs no script, and each refusal is reported", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ys-evil-tpl-"));
    mkdirSync(join(dir, "partials"));
    writeFileSync(
      join(dir, "partials", "title-block.hbs"),
      `<h1>{{title}}</h1><p id="js">NO SCRIPT</p>
<script>document.getElementById("js").textContent = "SCRIPT RAN"; fetch("${origin}/fetch");</script>
<img src="${origin}/img.png"><iframe src="${origin}/frame"></iframe><iframe src="file:///etc/passwd"></iframe>
<link rel="stylesheet" href="${origin}/link.css"><style>@import url(${origin}/import.css);</style>
<img src="file:///etc/hostname"><object data="${origin}/object"></object>`,
    );
    const s = await openPdfSession({ ...options, jobs: 1, templates: dir });
    try {
      const result = await s.render(sampleBrief());
      const text = (await pdfContent(result.bytes)).pages.join(" ");
      expect(text).toContain("NO SCRIPT");
      expect(text).not.toContain("SCRIPT RAN");
      expect(hits).toEqual([]);
      expect(result.blocked).toEqual(expect.arrayContaining([`${origin}/img.png`, `${origin}/link.css`, `${origin}/import.css`, `${origin}/frame`]));
      // file: URLs never load from the page (Chromium refuses them from about:blank before interception).
      expect(text).not.toContain("root:x:0");
    } finally {
      await s.close();
    }
  });
});

describe("the browser is closed on every path", () => {
  const alive = (pid: number | undefined) => {
    if (pid === undefined) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it("after success", async () => {
    let seen: PdfSession | undefined;
    await withPdfSession({ ...variants[0]!.options, jobs: 1 }, async (s) => {
      seen = s;
      expect(alive(s.pid)).toBe(true);
      expect(existsSync(s.profileDir)).toBe(true);
      await s.render(sampleBrief());
    });
    expect(alive(seen!.pid)).toBe(false);
    expect(existsSync(seen!.profileDir)).toBe(false);
  });

  it("after an error", async () => {
    let seen: PdfSession | undefined;
    await expect(
      withPdfSession({ ...variants[0]!.options, jobs: 1 }, async (s) => {
        seen = s;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(alive(seen!.pid)).toBe(false);
    expect(existsSync(seen!.profileDir)).toBe(false);
  });

  it("on Ctrl-C, while rendering", async () => {
    let interrupt: (() => void) | undefined;
    let removed = false;
    const onInterrupt = (h: () => void) => {
      interrupt = h;
      return () => void (removed = true);
    };
    let seen: PdfSession | undefined;
    await expect(
      withPdfSession(
        { ...variants[0]!.options, jobs: 1 },
        async (s) => {
          seen = s;
          const pending = Promise.all([s.render(sampleBrief()), s.render(sampleBrief())]);
          interrupt!();
          await pending;
        },
        onInterrupt,
      ),
    ).rejects.toThrow();
    expect(removed).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(seen!.pid)).toBe(false);
    expect(existsSync(seen!.profileDir)).toBe(false);
  });
});
