/**
 * Word briefs (`--format docx`): the package is read back (document.xml, styles.xml, numbering,
 * header/footer, core properties) and checked for structure, safety and deterministic bytes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync, statSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { XMLValidator } from "fast-xml-parser";
import { toString } from "mdast-util-to-string";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import type { Brief } from "../src/brief/types.js";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";
import { defaultConfig } from "../src/config/load.js";
import { mergeStyles } from "../src/render/docx/package.js";
import { stylesFromDocx, ReferenceDocumentError } from "../src/render/docx/reference.js";
import { docxDate, renderDocx } from "../src/render/docx/render.js";
import { outputHashFromBrief } from "../src/build/hash.js";
import { Assessment } from "../src/schema/assessment.js";
import { exampleBriefs } from "./helpers/pdf-examples.js";

const ROOT = resolve(import.meta.dirname, "..");

type Parts = Record<string, string>;

function parts(bytes: Uint8Array): Parts {
  const out: Parts = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}

function unescape(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

interface Para {
  style?: string;
  numbered: boolean;
  numId?: string;
  text: string;
  xml: string;
}

/** The paragraphs of a part, with their style, numbering and text. */
function paragraphs(xml: string): Para[] {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const body = m[1] ?? m[2] ?? "";
    const text = [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1]!)).join("");
    const p: Para = { numbered: body.includes("<w:numPr>"), text, xml: body };
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(body)?.[1];
    if (style) p.style = style;
    const numId = /<w:numId w:val="([^"]+)"\/>/.exec(body)?.[1];
    if (numId) p.numId = numId;
    return p;
  });
}

/** The w:style element of a style id. */
function styleXml(styles: string, id: string): string | undefined {
  return new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles)?.[0];
}

function assessment(over: Record<string, unknown> = {}) {
  const base = {
    yardstick: 1,
    id: "docx-test",
    title: "Docx test",
    cutoff: "2022-07-09",
    summary: "A summary.",
    marking: { classification: "OFFICIAL", tlp: "AMBER" },
    authors: ["A. Analyst", "B. Analyst"],
    keywords: ["isk", "afghanistan"],
    judgments: [
      {
        id: "one",
        likelihood: "highly likely",
        statement: "it will rain",
        confidence: "moderate",
        horizon: "12 months",
        evidence: [{ text: "The sky is grey.", source: "met" }, "An unsourced item.", { text: "Wet roads [@met] and puddles.", source: "radar" }],
      },
    ],
    sources: [
      { id: "met", title: "Met Office", url: "https://example.org/met", reliability: "B", credibility: 2 },
      { id: "radar", title: "Radar", publisher: "Radar Inc" },
    ],
  };
  return { ...Assessment.parse({ ...base, ...over }), id: "docx-test" };
}

function brief(over: Record<string, unknown> = {}): Brief {
  return toBrief(assessment(over), defaultConfig("/tmp"));
}

describe("docx: structure of the examples", async () => {
  const examples = exampleBriefs();
  const rendered = await Promise.all(examples.map(async (e) => ({ ...e, p: parts(await renderDocx(e.brief)) })));

  for (const { file, brief: b, p } of rendered) {
    const name = file.split("/").pop();
    const doc = p["word/document.xml"]!;
    const paras = paragraphs(doc);

    it(`${name}: every part is well-formed XML`, () => {
      for (const [partName, xml] of Object.entries(p)) if (partName.endsWith(".xml") || partName.endsWith(".rels")) expect(XMLValidator.validate(xml), partName).toBe(true);
    });

    it(`${name}: title, Summary and Key Judgment N are real Title / Heading 1 paragraphs, in order`, () => {
      expect(paras.find((x) => x.style === "Title")?.text).toBe(b.title);
      const headings = paras.filter((x) => x.style === "Heading1").map((x) => x.text);
      const expected = [b.labels.summary, ...b.judgments.map((j) => j.heading), ...(b.showSources ? [b.labels.sources] : [])];
      expect(headings).toEqual(expected);
      expect(p["word/styles.xml"]).toMatch(/<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"\/>[\s\S]*?<w:outlineLvl w:val="0"\/>/i);
    });

    it(`${name}: each sentence with its term in the Likelihood Term style, then range, confidence and horizon`, () => {
      const sentences = paras.filter((x) => x.style === "JudgmentSentence");
      expect(sentences.map((s) => s.text)).toEqual(b.judgments.map((j) => j.sentence));
      b.judgments.forEach((j, i) => {
        expect(sentences[i]!.xml).toContain(`<w:rStyle w:val="LikelihoodTerm"/></w:rPr><w:t xml:space="preserve">${j.term.text}</w:t>`);
      });
      const metas = paras.filter((x) => x.style === "JudgmentMeta").map((x) => x.text);
      b.judgments.forEach((j, i) => {
        expect(metas[i]).toContain(j.term.range);
        if (j.confidence) expect(metas[i]).toContain(j.confidence.text);
        if (j.horizon) expect(metas[i]).toContain(j.horizon.text);
      });
    });

    it(`${name}: every evidence item is a Word bullet (numbering), every source a numbered entry`, () => {
      const evidence = paras.filter((x) => x.style === "Evidence");
      const items = b.judgments.flatMap((j) => j.evidence);
      expect(evidence).toHaveLength(items.length);
      items.forEach((e, i) => {
        expect(evidence[i]!.numbered).toBe(true);
        // the view model puts the date in the citation ("[3, 05/07/22]") or after an unsourced item
        expect(evidence[i]!.text).toBe(e.text);
      });
      const numbering = p["word/numbering.xml"]!;
      expect(numbering).toMatch(/<w:numFmt w:val="bullet"\/><w:lvlText w:val="•"\/>/);
      const sources = paras.filter((x) => x.style === "SourceEntry");
      expect(sources).toHaveLength(b.showSources ? b.sources.length : 0);
      b.sources.forEach((s, i) => {
        if (!b.showSources) return;
        expect(sources[i]!.numbered).toBe(true);
        expect(sources[i]!.text).toContain(s.label);
        if (s.grade) expect(sources[i]!.text).toContain(s.grade);
        if (s.description) expect(sources[i]!.text).toContain(toString(s.description));
        if (s.url?.startsWith("https://")) expect(sources[i]!.text).toContain(s.url);
      });
    });

    it(`${name}: citations link to bookmarks on the Sources list`, () => {
      if (!b.showSources) return;
      const bookmarks = [...doc.matchAll(/<w:bookmarkStart w:name="([^"]+)" w:id="(\d+)"\/>/g)];
      const names = bookmarks.map((m) => m[1]);
      for (const s of b.sources) expect(names).toContain(`source_${s.number}`);
      for (const j of b.judgments) expect(names).toContain(`kj_${j.number}`);
      const ids = bookmarks.map((m) => m[2]);
      expect(new Set(ids).size).toBe(ids.length);
      const cited = b.judgments.flatMap((j) => j.evidence.flatMap((e) => e.sources));
      const anchors = [...doc.matchAll(/<w:hyperlink w:history="1" w:anchor="([^"]+)">/g)].map((m) => m[1]);
      expect(anchors).toEqual(cited.map((n) => `source_${n}`));
    });

    it(`${name}: the footer has the cut-off line and Page N of M fields, header and footer the banner`, () => {
      const footer = p["word/footer1.xml"]!;
      expect(footer).toContain(b.cutoffLine);
      expect(footer).toMatch(/Page <\/w:t><w:fldChar w:fldCharType="begin"\/><w:instrText xml:space="preserve">PAGE<\/w:instrText>/);
      expect(footer).toMatch(/ of <\/w:t><w:fldChar w:fldCharType="begin"\/><w:instrText xml:space="preserve">NUMPAGES<\/w:instrText>/);
      if (b.marking?.tlp) {
        for (const part of ["word/header1.xml", "word/footer1.xml"]) {
          const banner = paragraphs(p[part]!).find((x) => x.style === "MarkingBanner");
          expect(banner?.text.replace(/\s+/g, " ").trim(), part).toBe(b.marking.text.replace(" · TLP:", " TLP:"));
        }
      }
      expect(p["word/document.xml"]).toMatch(/<w:headerReference w:type="default" r:id="rId\d+"\/><w:footerReference w:type="default" r:id="rId\d+"\/>/);
    });

    it(`${name}: document properties`, () => {
      const core = p["docProps/core.xml"]!;
      expect(core).toContain(`<dc:title>${b.title}</dc:title>`);
      if (b.authors.length > 0) expect(core).toContain(`<dc:creator>${b.authors.join("; ")}</dc:creator>`);
      else expect(core).not.toContain("<dc:creator>");
      expect(core).toContain(`<cp:keywords>${b.id}`);
      expect(core).toContain("<dc:language>en-GB</dc:language>");
      const date = (b.issued ?? b.cutoff).iso;
      expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${date}T00:00:00Z</dcterms:created>`);
      expect(core).toContain(`<dcterms:modified xsi:type="dcterms:W3CDTF">${date}T00:00:00Z</dcterms:modified>`);
      expect(core).toMatch(/<dc:subject>It is /);
    });
  }
});

describe("docx: styles, TLP colours, links", () => {
  it("draws the TLP label in its FIRST colour on black, through a character style", async () => {
    const p = parts(await renderDocx(brief()));
    const amber = styleXml(p["word/styles.xml"]!, "TlpAmber")!;
    expect(amber).toContain('<w:color w:val="FFC000"/>');
    expect(amber).toContain('w:fill="000000"');
    for (const part of ["word/header1.xml", "word/footer1.xml"]) expect(p[part]).toContain('<w:rStyle w:val="TlpAmber"/></w:rPr><w:t xml:space="preserve"> TLP:AMBER </w:t>');
    const red = parts(await renderDocx(brief({ marking: { tlp: "RED" } })));
    expect(styleXml(red["word/styles.xml"]!, "TlpRed")).toContain('<w:color w:val="FF2B2B"/>');
    expect(red["word/header1.xml"]).toContain('<w:rStyle w:val="TlpRed"/>');
  });

  it("defines each style id once", async () => {
    const styles = parts(await renderDocx(brief()))["word/styles.xml"]!;
    const ids = [...styles.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(30);
    expect(new Set(ids).size).toBe(ids.length);
    expect(styleXml(styles, "Strong")).toMatch(/^<w:style w:type="character"/);
  });

  it("formats only through named styles: no direct run formatting in the body", async () => {
    const doc = parts(await renderDocx(brief()))["word/document.xml"]!;
    const runProps = [...doc.matchAll(/<w:rPr>([\s\S]*?)<\/w:rPr>/g)].map((m) => m[1]);
    expect(runProps.length).toBeGreaterThan(0);
    for (const r of runProps) expect(r).toMatch(/^<w:rStyle w:val="[A-Za-z]+"\/>$/);
  });

  it("links each citation to its source: [n] to its Sources entry; in the word style (source) to the URL, else the entry", async () => {
    const b = brief();
    expect(b.judgments[0]!.evidence[2]!.sources).toEqual([1, 2]);
    const cites = (xml: string) => [...xml.matchAll(/<w:hyperlink w:history="1" (w:anchor|r:id)="([^"]+)"><w:r><w:rPr><w:rStyle w:val="([^"]+)"\/><\/w:rPr><w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => [m[2], m[3], m[4]]);
    const numbered = paragraphs(parts(await renderDocx(b))["word/document.xml"]!).filter((x) => x.style === "Evidence")[2]!;
    expect(numbered.text).toBe("Wet roads [1] and puddles. [2]");
    expect(cites(numbered.xml)).toEqual([["source_1", "Citation", "[1]"], ["source_2", "Citation", "[2]"]]);
    const config = defaultConfig("/tmp");
    const word = parts(await renderDocx(toBrief(assessment(), { ...config, data: { ...config.data, citations: "word" } })));
    const item = paragraphs(word["word/document.xml"]!).filter((x) => x.style === "Evidence")[2]!;
    expect(item.text).toBe("Wet roads (source) and puddles. (source)");
    const [first, second] = cites(item.xml);
    expect(second).toEqual(["source_2", "Citation", "(source)"]);
    expect(first!.slice(1)).toEqual(["Citation", "(source)"]);
    expect(word["word/_rels/document.xml.rels"]).toContain(`Id="${first![0]}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/met" TargetMode="External"`);
  });

  it("links a source title to its http(s) URL and keeps a relationship id that is stable", async () => {
    const p = parts(await renderDocx(brief()));
    expect(p["word/_rels/document.xml.rels"]).toContain('Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/met" TargetMode="External"');
    expect(p["word/document.xml"]).toContain('<w:hyperlink w:history="1" r:id="rIdLink1">');
  });
});

describe("docx: what the view model says", () => {
  const noted = {
    judgments: [{ id: "one", likelihood: "likely", statement: "it will rain", note: "KJ-NOTE", evidence: [{ text: "Grey sky.", source: "met", note: "EV-NOTE" }, { text: "Clouds.", source: { publisher: "Somebody" } }] }],
    sources: [{ id: "met", title: "Met Office", url: "https://example.org/met", description: "Public *forecasts*.", note: "SRC-NOTE" }],
  };
  const show = (over: { notes?: boolean; ranges?: "inline" }) => ({ horizon: true, portionMarks: false, yardstick: true, meta: true, sources: true, notes: false, ranges: false as const, ...over });
  const texts = async (b: Brief) => paragraphs(parts(await renderDocx(b))["word/document.xml"]!).map((x) => x.text).join("\n");

  it("prints notes only with show.notes, and a source's public description always", async () => {
    const hidden = await texts(brief(noted));
    for (const note of ["KJ-NOTE", "EV-NOTE", "SRC-NOTE"]) expect(hidden).not.toContain(note);
    expect(hidden).toContain("Met Office. Public forecasts. https://example.org/met");
    const config = defaultConfig("/tmp");
    const shown = await texts(toBrief(assessment(noted), { ...config, data: { ...config.data, show: show({ notes: true }) } }));
    expect(shown).toContain("Note: KJ-NOTE");
    expect(shown).toContain("Grey sky. [1] Note: EV-NOTE");
    expect(shown).toContain("Note: SRC-NOTE");
  });

  it("names an untitled source by where it is cited; ranges inline and labels as configured", async () => {
    const config = defaultConfig("/tmp");
    const b = toBrief(assessment(noted), { ...config, data: { ...config.data, show: show({ ranges: "inline" }), labels: { cutoffDate: "Cut off", horizon: "Until" } } });
    const out = await texts(b);
    expect(out).toContain("Untitled source, cited in Key Judgment 1, Somebody");
    expect(out).toContain("It is likely (55–75 %) that it will rain.");
    expect(out).toContain("Cut off: 09/07/22");
    expect(out).toMatch(/Likelihood: likely, 55–75 % \(.+\)\./);
  });
});

describe("docx: editions", () => {
  it("has a Changes since the previous edition section, its items as bullets, when there is one", async () => {
    const b = toBrief(assessment(), defaultConfig("/tmp"), {
      changes: { previous: "docx-test-1", headline: "1 judgment changed: 1 ▲", items: [[{ type: "text", value: "KJ1 likely → " }, { type: "strong", children: [{ type: "text", value: "highly likely" }] }]] },
    });
    const paras = paragraphs(parts(await renderDocx(b))["word/document.xml"]!);
    const at = paras.findIndex((x) => x.style === "Heading1" && x.text === "Changes since the previous edition");
    expect(at).toBeGreaterThan(0);
    expect(paras[at + 1]).toMatchObject({ style: "ChangesHeadline", text: "1 judgment changed: 1 ▲" });
    expect(paras[at + 2]).toMatchObject({ style: "ChangeItem", numbered: true, text: "KJ1 likely → highly likely" });
    expect(paras[at + 2]!.xml).toContain('<w:rStyle w:val="Strong"/>');
    expect(paragraphs(parts(await renderDocx(brief()))["word/document.xml"]!).some((x) => x.text === "Changes since the previous edition")).toBe(false);
  });
});

describe("docx: hostile text stays text", () => {
  const hostile = "{ PAGE } <w:p><w:r><w:t>x</w:t></w:r></w:p> ]]> &amp; \u0001\u0007 <!-- c --> \uD800 end";
  it("keeps field codes, markup and CDATA ends as characters, and drops what XML cannot hold", async () => {
    const p = parts(
      await renderDocx(
        brief({
          title: hostile,
          summary: `${hostile}\n\n[js](javascript:alert(1)) [mail](mailto:a@b.c) [ok](https://example.org/ok) <a href="https://evil.example">raw</a>`,
          authors: [hostile],
          judgments: [{ id: "one", likelihood: "likely", statement: hostile, evidence: [hostile, { text: `${hostile} [@met]`, source: "met" }] }],
          marking: { classification: hostile, tlp: "GREEN" },
        }),
      ),
    );
    for (const [name, xml] of Object.entries(p)) if (name.endsWith(".xml") || name.endsWith(".rels")) expect(XMLValidator.validate(xml), name).toBe(true);
    const doc = p["word/document.xml"]!;
    expect(doc).not.toContain("<w:instrText");
    expect([...Object.values(p).join("").matchAll(/<w:instrText[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(["PAGE", "NUMPAGES"]);
    expect(doc).not.toMatch(/<w:p><w:r><w:t>x<\/w:t><\/w:r><\/w:p>/);
    const texts = paragraphs(doc).map((x) => x.text);
    const cleaned = "{ PAGE } <w:p><w:r><w:t>x</w:t></w:r></w:p> ]]> &amp;  <!-- c -->  end";
    expect(texts[0]).toBe(cleaned);
    // Markdown fields read "&amp;" as the entity it is; plain fields (title, authors) keep it as typed
    const markdown = cleaned.replace("&amp;", "&");
    expect(texts).toContain(`It is likely that ${markdown}.`);
    expect(texts).toContain(`Authors: ${cleaned}`);
    expect(texts).toContain(markdown);
    expect(texts).toContain(`${markdown} [1] [1]`);
    expect(p["docProps/core.xml"]).toContain("<dc:title>{ PAGE } &lt;w:p&gt;");
    // only http(s) links leave the document
    const rels = p["word/_rels/document.xml.rels"]!;
    const external = [...rels.matchAll(/Target="([^"]+)" TargetMode="External"/g)].map((m) => m[1]);
    // (the Sources entry links its title and prints its URL: two links to one address)
    expect([...new Set(external)].sort()).toEqual(["https://example.org/met", "https://example.org/ok"]);
    expect(texts.join("\n")).toContain('<a href="https://evil.example">raw</a>');
  });
});

describe("docx: deterministic bytes", () => {
  it("gives the same bytes for the same brief, in any time zone", async () => {
    const b = brief();
    const tz = process.env.TZ;
    try {
      process.env.TZ = "UTC";
      const a = await renderDocx(b);
      process.env.TZ = "Pacific/Kiritimati";
      const c = await renderDocx(brief());
      expect(Buffer.compare(Buffer.from(a), Buffer.from(c))).toBe(0);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it("stamps the issue date, else the cutoff, or SOURCE_DATE_EPOCH", async () => {
    expect(docxDate("2022-07-12", "2022-07-09").toISOString()).toBe("2022-07-12T00:00:00.000Z");
    expect(docxDate(undefined, "2022-07-09").toISOString()).toBe("2022-07-09T00:00:00.000Z");
    expect(docxDate("2022-07-12", "2022-07-09", "1700000000").toISOString()).toBe("2023-11-14T22:13:20.000Z");
    const p = parts(await renderDocx(brief(), { date: docxDate(undefined, "2022-07-09", "1700000000") }));
    expect(p["docProps/core.xml"]).toContain(">2023-11-14T22:13:20Z</dcterms:created>");
  });

  it("changes only in what changed", async () => {
    const a = parts(await renderDocx(brief()));
    const judgments = assessment().judgments.map((j) => ({ ...j, likelihood: "likely" }));
    const b = parts(await renderDocx(brief({ judgments })));
    const changed = Object.keys(a).filter((k) => a[k] !== b[k]);
    expect(changed).toEqual(["docProps/core.xml", "word/document.xml"]);
  });
});

describe("docx: reference document styles", () => {
  it("uses the reference's styles and adds the brief's styles it lacks", async () => {
    const base = parts(await renderDocx(brief()));
    const styles = base["word/styles.xml"]!;
    const heading = styleXml(styles, "Heading1")!;
    const evidence = styleXml(styles, "Evidence")!;
    const reference = styles.replace(heading, heading.replace('<w:color w:val="1D3A5F"/>', '<w:color w:val="C00000"/>')).replace(evidence, "");
    expect(reference).not.toContain('w:styleId="Evidence"');
    const refDocx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/styles.xml": strToU8(reference) });
    const refStyles = stylesFromDocx(refDocx, "ref.docx");
    const out = parts(await renderDocx(brief(), { referenceStyles: refStyles }))["word/styles.xml"]!;
    expect(styleXml(out, "Heading1")).toContain('<w:color w:val="C00000"/>');
    expect(styleXml(out, "Evidence")).toBe(evidence);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(mergeStyles(reference, styles)).toBe(out);
  });

  it("refuses what is not a Word document, with the reason", () => {
    expect(() => stylesFromDocx(strToU8("not a zip"), "ref.docx")).toThrow(ReferenceDocumentError);
    expect(() => stylesFromDocx(zipSync({ "a.txt": strToU8("x") }), "ref.docx")).toThrow(/has no word\/styles.xml/);
    expect(() => stylesFromDocx(zipSync({ "word/styles.xml": strToU8("<html/>") }), "ref.docx")).toThrow(/not a Word styles part/);
  });
});

describe("docx: build", () => {
  let dir: string;
  const io = (): CliIO & { out: string; err: string } => {
    const o = { out: "", err: "", stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t), cwd: dir, env: {}, isTTY: false };
    return o;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ys-docx-"));
    mkdirSync(join(dir, "assessments"));
    for (const f of ["isk-2022-07.yaml", "afghanistan-threats-2022-12.yaml"]) copyFileSync(join(ROOT, "assessments", f), join(dir, "assessments", f));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a .docx per example next to the Markdown; a rebuild gives the same bytes; an edit rewrites only its brief", async () => {
    const args = ["build", "--format", "md,docx", "--as-of", "2024-01-01", "--quiet"];
    expect(await run(args, io())).toBe(0);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["afghanistan-threats-2022-12.docx", "afghanistan-threats-2022-12.md", "isk-2022-07.docx", "isk-2022-07.md", "manifest.json"]);
    const first = Object.fromEntries(["isk-2022-07.docx", "afghanistan-threats-2022-12.docx"].map((f) => [f, readFileSync(join(dir, "out", f))]));
    const mtime = statSync(join(dir, "out", "afghanistan-threats-2022-12.docx")).mtimeMs;
    expect(await run([...args, "--force"], io())).toBe(0);
    for (const [f, bytes] of Object.entries(first)) expect(readFileSync(join(dir, "out", f)).equals(bytes), f).toBe(true);
    const isk = join(dir, "assessments", "isk-2022-07.yaml");
    writeFileSync(isk, readFileSync(isk, "utf8").replace("likelihood: highly likely", "likelihood: almost certain"));
    const mtimeAfterForce = statSync(join(dir, "out", "afghanistan-threats-2022-12.docx")).mtimeMs;
    expect(await run(args, io())).toBe(0);
    expect(readFileSync(join(dir, "out", "isk-2022-07.docx")).equals(first["isk-2022-07.docx"]!)).toBe(false);
    expect(readFileSync(join(dir, "out", "afghanistan-threats-2022-12.docx")).equals(first["afghanistan-threats-2022-12.docx"]!)).toBe(true);
    expect(statSync(join(dir, "out", "afghanistan-threats-2022-12.docx")).mtimeMs).toBe(mtimeAfterForce);
    expect(mtime).toBeGreaterThan(0);
  });

  it("a reference document in the config styles the brief; a bad one is a diagnostic and writes no .docx", async () => {
    writeFileSync(join(dir, "yardstick.config.yaml"), "docx:\n  reference: styles/ref.docx\n");
    mkdirSync(join(dir, "styles"));
    writeFileSync(join(dir, "styles", "ref.docx"), "not a zip");
    const bad = io();
    expect(await run(["build", "assessments/isk-2022-07.yaml", "--format", "docx", "--as-of", "2024-01-01", "--quiet"], bad)).toBe(1);
    expect(bad.out + bad.err).toContain("the reference document styles/ref.docx is not a .docx (zip) file");
    expect(readdirSync(join(dir, "out")).filter((f) => f.endsWith(".docx"))).toEqual([]);
    const styles = parts(await renderDocx(brief()))["word/styles.xml"]!.replace('w:val="1D3A5F"', 'w:val="C00000"');
    writeFileSync(join(dir, "styles", "ref.docx"), zipSync({ "word/styles.xml": strToU8(styles) }));
    expect(await run(["build", "assessments/isk-2022-07.yaml", "--format", "docx", "--as-of", "2024-01-01", "--quiet"], io())).toBe(0);
    expect(parts(readFileSync(join(dir, "out", "isk-2022-07.docx")))["word/styles.xml"]).toContain('w:val="C00000"');
  });

  it("hashes the reference document's bytes into the docx output, and only there", () => {
    const ref = join(dir, "ref.docx");
    const config = { ...defaultConfig(dir), data: { ...defaultConfig(dir).data, docx: { reference: "ref.docx", language: "en-GB" } } };
    writeFileSync(ref, "one");
    const a = outputHashFromBrief("b", "docx", config);
    const md = outputHashFromBrief("b", "md", config);
    writeFileSync(ref, "two");
    // the hash cache lives for a build; a new build (clearHashCache) sees the new bytes
    return import("../src/build/hash.js").then(({ clearHashCache }) => {
      clearHashCache();
      expect(outputHashFromBrief("b", "docx", config)).not.toBe(a);
      expect(outputHashFromBrief("b", "md", config)).toBe(md);
    });
  });
});
