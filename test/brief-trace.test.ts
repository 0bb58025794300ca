/**
 * Briefs a reviewer can trace, printed for real (Chromium, read back with pdfjs-dist):
 * - every citation is one link annotation, landing on its Sources entry (numbered) or on the
 *   source's URL (word style, entry when there is no URL);
 * - the analyst's internal notes appear nowhere in the PDF (text, Info, XMP) unless `show.notes`;
 * - the Markdown and the PDF of each example carry the same facts;
 * - XMP metadata names the title and language; outline titles keep their spaces.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import type { Brief } from "../src/brief/types.js";
import { defaultConfig, type ResolvedConfig } from "../src/config/load.js";
import { Config, type ConfigInput } from "../src/config/schema.js";
import { checkText } from "../src/project/check.js";
import { renderMarkdown } from "../src/render/markdown/index.js";
import { openPdfSession, type PdfSession } from "../src/render/pdf/session.js";
import { sampleBrief } from "./fixtures/brief-sample.js";
import { browserVariants, exampleBriefs, pdfContent, ROOT, squash } from "./helpers/pdf-examples.js";

/** An assessment with a note in every place one can be, URLs on some sources, dated evidence. */
const NOTED = `yardstick: 1
id: noted
title: Noted assessment
authors: [A. Analyst]
issued: 2022-07-12
cutoff: 2022-07-09
summary: Summary text.
judgments:
  - id: first
    likelihood: likely
    statement: the first thing happens
    confidence: moderate
    horizon: 2023-07-09
    note: NOTEJUDGMENT remark on the judgment
    evidence:
      - text: Reported by the web source. [@bare] And more.
        source: web
        date: 2022-07-05
        note: NOTEEVIDENCE remark on the item
      - text: Reported again by the web source.
        source: web
      - text: A report with no link.
        source: bare
  - id: second
    likelihood: highly unlikely
    statement: the second thing happens
    outcome: { occurred: false, resolved: 2023-07-10, note: NOTEOUTCOME remark on the outcome }
    evidence:
      - text: Another web report.
        source: other
sources:
  - id: web
    title: Web report
    url: https://example.org/web
    publisher: Example News
    reliability: B
    credibility: 2
    description: Public description of the web report.
    note: NOTESOURCE remark on the source
  - id: bare
    publisher: Wire service
    date: 2022-07-01
  - id: other
    title: Other report
    url: https://example.org/other
`;
const NOTES = ["NOTEJUDGMENT", "NOTEEVIDENCE", "NOTEOUTCOME", "NOTESOURCE"];

function configWith(data: ConfigInput): ResolvedConfig {
  return { ...defaultConfig(ROOT), data: Config.parse(data) };
}

function notedBrief(data: ConfigInput): Brief {
  const config = configWith(data);
  const checked = checkText(NOTED, "noted.yaml", config, { asOf: "2023-08-01" });
  expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return toBrief(checked.assessment!, config);
}

/** The citations of a brief in reading order, as source numbers. */
const citedNumbers = (brief: Brief): number[] => brief.judgments.flatMap((j) => j.evidence.flatMap((e) => e.sources));

/** Chromium places a named destination 20 mm (the top page margin) above its element. */
const TOP_MARGIN_PT = (20 / 25.4) * 72;

interface Printed {
  links: Array<{ page: number; url?: string; dest?: string; contents?: string }>;
  /** Where each named destination lands: the number of the Sources entry there ("3." markers). */
  landing: Map<string, string | undefined>;
  text: string;
  raw: string;
  info: Record<string, unknown>;
  xmp: Map<string, unknown>;
  outline: string[];
}

async function read(bytes: Uint8Array): Promise<Printed> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const links: Printed["links"] = [];
  const markers: Array<Array<{ n: string; y: number }>> = [];
  let text = "";
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    for (const a of await page.getAnnotations()) if (a.subtype === "Link") links.push({ page: p, url: a.url, dest: typeof a.dest === "string" ? a.dest : undefined, contents: (a.contentsObj as { str?: string } | undefined)?.str });
    const content = await page.getTextContent();
    const onPage: Array<{ n: string; y: number }> = [];
    for (const it of content.items) {
      if (!("str" in it)) continue;
      text += it.str + (it.hasEOL ? "\n" : "");
      const m = /^(\d+)\.$/.exec(it.str);
      if (m) onPage.push({ n: m[1]!, y: it.transform[5] as number });
    }
    markers.push(onPage);
  }
  const landing = new Map<string, string | undefined>();
  for (const name of new Set(links.flatMap((l) => (l.dest ? [l.dest] : [])))) {
    const dest = (await doc.getDestination(name)) as [unknown, unknown, number, number] | null;
    if (!dest) {
      landing.set(name, undefined);
      continue;
    }
    const pageIndex = await doc.getPageIndex(dest[0] as Parameters<typeof doc.getPageIndex>[0]);
    const top = dest[3] - TOP_MARGIN_PT;
    // The entry is the list marker whose line starts just under the destination.
    const hit = markers[pageIndex]!.filter((m) => m.y <= top + 1 && m.y >= top - 16).sort((a, b) => b.y - a.y)[0];
    landing.set(name, hit?.n);
  }
  const meta = await doc.getMetadata();
  const xmp = new Map<string, unknown>(meta.metadata ? [...(meta.metadata as unknown as Iterable<[string, unknown]>)] : []);
  const outline = (await doc.getOutline()).flatMap((i) => [i.title, ...i.items.map((c) => c.title)]);
  await doc.destroy();
  return { links, landing, text, raw: Buffer.from(bytes).toString("latin1"), info: meta.info as Record<string, unknown>, xmp, outline };
}

const variant = browserVariants()[0];

describe.skipIf(!variant)("traceable PDF briefs", () => {
  let session: PdfSession;
  const examples = exampleBriefs();
  const printed = new Map<string, Promise<Printed>>();
  /** Each example printed and read back once for all the tests below. */
  const example = (brief: Brief): Promise<Printed> => {
    let hit = printed.get(brief.id);
    if (!hit) {
      hit = session.render(brief).then((r) => read(r.bytes));
      printed.set(brief.id, hit);
    }
    return hit;
  };
  beforeAll(async () => {
    session = await openPdfSession({ ...variant!.options, jobs: 2 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it("numbers and links every citation of both examples to its Sources entry", async () => {
    for (const { file, brief } of examples) {
      const pdf = await example(brief);
      const cited = citedNumbers(brief);
      expect(cited.length, file).toBeGreaterThan(10);
      // One link annotation per citation (the examples' sources have no URL to link besides).
      expect(pdf.links.map((l) => l.dest), file).toEqual(cited.map((n) => `source-${n}`));
      for (const n of new Set(cited)) expect(pdf.landing.get(`source-${n}`), `${file}: source-${n}`).toBe(String(n));
      // Each link tells assistive technology where it goes.
      expect(pdf.links.map((l) => l.contents)).toEqual(cited.map((n) => `Source ${n}: ${brief.sources[n - 1]!.label}`));
      // Numbered in order of first citation.
      const firsts = [...new Set(cited)];
      expect(firsts).toEqual(firsts.map((_, i) => i + 1));
      // Every entry of the Sources list reads as a title or "Untitled source", never a bare id.
      for (const s of brief.sources) {
        expect(squash(pdf.text)).toContain(squash(s.label));
        if (s.untitled) expect(squash(pdf.text)).not.toContain(squash(s.id));
      }
    }
  });

  it("links the word style's \"(source)\" to the URL, or to the entry when there is none", async () => {
    const brief = notedBrief({ citations: "word" });
    const pdf = await read((await session.render(brief)).bytes);
    const citations = brief.judgments.flatMap((j) => j.evidence.flatMap((e) => e.sources.map((n) => brief.sources[n - 1]!)));
    expect(citations.map((s) => s.id)).toEqual(["bare", "web", "web", "bare", "other"]);
    // Citations first, then the Sources list's own URL links (title and address of each source with a URL).
    const withUrl = brief.sources.filter((s) => s.url);
    expect(pdf.links).toHaveLength(citations.length + 2 * withUrl.length);
    const citationLinks = pdf.links.slice(0, citations.length);
    citations.forEach((s, i) => {
      if (s.url) expect(citationLinks[i]).toMatchObject({ url: s.url });
      else expect(citationLinks[i]).toMatchObject({ dest: s.anchor });
      expect(citationLinks[i]!.contents).toBe(`Source ${s.number}: ${s.label}`);
    });
    const bare = brief.sources.find((s) => s.id === "bare")!;
    expect(pdf.landing.get(bare.anchor)).toBe(String(bare.number));
    expect(squash(pdf.text)).toContain(squash("(source, 05/07/22)"));
  });

  it("prints no internal note anywhere in the PDF unless show.notes", async () => {
    const hidden = await read((await session.render(notedBrief({}))).bytes);
    for (const note of NOTES) {
      expect(hidden.text, note).not.toContain(note);
      expect(hidden.raw, note).not.toContain(note);
      expect(JSON.stringify(hidden.info), note).not.toContain(note);
      expect(JSON.stringify([...hidden.xmp]), note).not.toContain(note);
    }
    expect(hidden.text).toContain("Public description of the web report.");
    const shown = await read((await session.render(notedBrief({ show: { notes: true } }))).bytes);
    for (const note of NOTES) expect(shown.text, note).toContain(note);
  });

  it("writes XMP metadata (title, language, authors) and keeps outline titles' spaces", async () => {
    const { brief } = examples.find((e) => e.brief.id === "afghanistan-threats-2022-12")!;
    const pdf = await example(brief);
    expect(pdf.xmp.get("dc:title")).toBe(brief.title);
    expect(pdf.xmp.get("dc:language")).toBe("en");
    expect(pdf.xmp.get("dc:creator")).toEqual(brief.authors);
    // The title wraps on the page; its bookmark still reads as written.
    expect(pdf.outline[0]).toBe(brief.title);
    expect(pdf.raw).not.toContain("pdfuaid");
  });

  it("never leaves the closing line alone on a last page", async () => {
    const base = sampleBrief();
    const j = base.judgments[0]!;
    const chrome = new RegExp(`${squash(base.cutoffLine)}|Page\\d+of\\d+|OFFICIAL|TLP:AMBER|·`, "g");
    // Around the length where the Sources list fills page 1 and the brief goes on to a second page.
    for (let n = 17; n <= 22; n++) {
      const evidence = Array.from({ length: n }, (_, i) => ({ ...j.evidence[0]!, content: [{ type: "text" as const, value: `Item ${i} with some words that take up a line of text in the brief.` }] }));
      const pdf = await pdfContent((await session.render(sampleBrief({ judgments: [{ ...j, evidence }] }))).bytes);
      expect(squash(pdf.pages.at(-1)!).replace(chrome, ""), `${n} items`).not.toBe("");
    }
  });

  it("wraps long unbreakable words and URLs inside the text block", async () => {
    const long = "x".repeat(260);
    const url = `https://example.org/${"a".repeat(200)}`;
    const base = sampleBrief();
    const brief = sampleBrief({
      judgments: [{ ...base.judgments[0]!, evidence: [{ ...base.judgments[0]!.evidence[0]!, content: [{ type: "text", value: `Word ${long} end.` }] }] }],
      sources: [{ ...base.sources[0]!, url }],
    });
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await pdfjs.getDocument({ data: new Uint8Array((await session.render(brief)).bytes) }).promise;
    let widest = 0;
    let pageWidth = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      pageWidth = page.view[2]!;
      for (const it of (await page.getTextContent()).items) if ("str" in it && it.str.trim()) widest = Math.max(widest, (it.transform[4] as number) + it.width);
    }
    await doc.destroy();
    // The right margin is 18 mm: nothing runs into it.
    expect(widest).toBeLessThanOrEqual(pageWidth - (18 / 25.4) * 72 + 1);
  });

  it("carries the same facts in Markdown and PDF", async () => {
    for (const { file, brief } of examples) {
      const md = markdownText(renderMarkdown(brief));
      const pdf = (await example(brief)).text;
      const fromMd = facts(md, brief);
      const fromPdf = facts(pdf, brief);
      expect(fromPdf, file).toEqual(fromMd);
      // And they are the brief's own facts, not empty matches.
      expect(fromMd.reference).toEqual([brief.id]);
      expect(fromMd.cutoff).toEqual([brief.cutoff.text]);
      expect(fromMd.issued).toEqual(brief.issued ? [brief.issued.text] : []);
      expect(fromMd.authors).toEqual(brief.authors.length > 0 ? [squash(brief.authors.join(", "))] : []);
      expect(fromMd.terms).toEqual(brief.judgments.map((j) => squash(j.term.text)));
      expect(fromMd.confidence).toEqual(brief.judgments.flatMap((j) => (j.confidence ? [j.confidence.level] : [])));
      expect(fromMd.evidenceDates).toEqual(brief.judgments.flatMap((j) => j.evidence.flatMap((e) => (e.date ? [e.date.text] : []))));
      expect(fromMd.sources).toEqual(brief.sources.map((s) => s.number));
    }
  });
});

/** The reader's text of a Markdown brief: block by block, without markup. */
function markdownText(markdown: string): string {
  const tree = unified().use(remarkParse).parse(markdown) as Root;
  return tree.children.map((n) => toString(n, { includeHtml: false })).join("\n");
}

/** Facts read back from a brief's text, whitespace removed (line breaks fall differently in each format). */
function facts(text: string, brief: Brief) {
  const s = squash(text);
  const all = (re: RegExp) => [...s.matchAll(re)].map((m) => m[1]!);
  const sourcesAt = s.lastIndexOf(squash(brief.labels.sources));
  const list = s.slice(sourcesAt);
  return {
    reference: all(/Reference:([a-z0-9-]+)/g),
    issued: all(/Issued:(\d\d\/\d\d\/\d\d)/g),
    cutoff: all(/Cut-off:(\d\d\/\d\d\/\d\d)/g),
    cutoffLine: all(/Intelligencecut-off(\d\d\/\d\d\/\d\d)/g).slice(0, 1),
    authors: all(/Authors:(.+?)(?=Marking:|Summary)/g),
    terms: all(/(?:Itis|Thereisa)([a-z]+?)(?:\(\d[^)]*\))?that/g),
    confidence: all(/Confidence:(low|moderate|high)/g),
    evidenceDates: all(/\[\d+,(\d\d\/\d\d\/\d\d)\]/g),
    // Each numbered entry with its label, in order.
    sources: brief.sources.filter((src) => list.includes(squash(`${src.label}`))).map((src) => src.number),
  };
}

describe("golden seed config keeps its citations unnumbered", () => {
  it("renders \"(source)\" without numbers and without a Sources list", () => {
    const file = join(ROOT, "assessments/isk-2022-07.yaml");
    const config = configWith({ citations: "word", show: { sources: false, meta: false, yardstick: false } });
    const checked = checkText(readFileSync(file), file, config, { asOf: "2023-01-01" });
    const md = renderMarkdown(toBrief(checked.assessment!, config));
    expect(md).toContain("(source)");
    expect(md).not.toMatch(/\[\d+\]|## Sources/);
  });
});
