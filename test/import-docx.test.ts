/**
 * Word briefs: headings, paragraphs, bullets and links read through mammoth; warnings are
 * positioned by paragraph index. The fixture is built here with the `docx` package.
 */
import { Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/load.js";
import { importBrief } from "../src/import/index.js";
import { parseYaml } from "../src/schema/load.js";

const config = defaultConfig(process.cwd());

function bullet(children: Array<TextRun | ExternalHyperlink>): Paragraph {
  return new Paragraph({ children, numbering: { reference: "bullets", level: 0 } });
}

async function wordBrief(): Promise<Uint8Array> {
  const doc = new Document({
    numbering: { config: [{ reference: "bullets", levels: [{ level: 0, format: LevelFormat.BULLET, text: "•" }] }] },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("Valley outlook")] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Summary")] }),
          new Paragraph({ children: [new TextRun("Smuggling is growing; see "), new TextRun({ text: "route maps", bold: true }), new TextRun(".")] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Key Judgment 1")] }),
          new Paragraph({ children: [new TextRun("It is "), new TextRun({ text: "highly likely", bold: true }), new TextRun(" that routes will expand in 2025.")] }),
          new Paragraph({ children: [new TextRun("Confidence: high.")] }),
          bullet([new TextRun("Patrols found three new routes ("), new ExternalHyperlink({ link: "https://example.org/patrols", children: [new TextRun("source")] }), new TextRun(").")]),
          bullet([new TextRun("Prices fell, a sign of supply (source).")]),
          new Paragraph({ children: [new TextRun("A remark the analyst left in the brief.")] }),
          new Paragraph({ children: [new TextRun("Intelligence cut off 02/03/25")] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("import of a Word brief", () => {
  it("reads headings, the sentence, confidence, bullets with linked and plain markers, and the cut-off", async () => {
    const r = await importBrief(await wordBrief(), { file: "brief.docx", scales: config.scales, schemaPath: "x" });
    const value = parseYaml(r.yaml, "out.yaml").value as Record<string, unknown> & { judgments: Array<Record<string, unknown>> };
    expect(value).toMatchObject({ title: "Valley outlook", cutoff: "2025-03-02", summary: "Smuggling is growing; see **route maps**.\n" });
    expect(value.judgments).toEqual([
      {
        id: "routes-will-expand-in-2025",
        likelihood: "highly likely",
        statement: "routes will expand in 2025.",
        confidence: "high",
        evidence: [
          { text: "Patrols found three new routes.", source: "source-1" },
          { text: "Prices fell, a sign of supply.", source: "source-2" },
        ],
        note: "A remark the analyst left in the brief.",
      },
    ]);
    expect(value.sources).toEqual([
      { id: "source-1", url: "https://example.org/patrols", note: "Cited as a linked “(source)” in the original brief." },
      { id: "source-2", note: "Cited as “(source)” in the original brief, with no link or title." },
    ]);
    // Positions in a Word file are paragraph indexes.
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(["9:1 import-unmapped"]);
  });

  it("reports bytes that are not a Word file as one error, without throwing", async () => {
    const r = await importBrief(new TextEncoder().encode("not a zip"), { file: "fake.docx", scales: config.scales, schemaPath: "x" });
    expect(r.yaml).toBe("");
    expect(r.diagnostics.map((d) => [d.ruleId, d.messageId, d.severity])).toEqual([["import-unreadable", "notDocx", "error"]]);
  });
});
