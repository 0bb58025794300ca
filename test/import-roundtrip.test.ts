/**
 * Round trip: an assessment rendered to Markdown by yardstick and imported again gives back the
 * same judgments, terms, statements, confidence, horizons and evidence texts (ids aside).
 */
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import { defaultConfig } from "../src/config/load.js";
import { importBrief } from "../src/import/index.js";
import { renderMarkdown } from "../src/render/markdown/index.js";
import { checkText } from "../src/project/check.js";
import { parseAssessment } from "../src/schema/load.js";
import { BUILT_IN_SCALES } from "../src/schema/scales.js";
import { judgmentFacts } from "./helpers/import-compare.js";

const config = defaultConfig(process.cwd());
const WORDS = ["attacks", "the", "group", "border", "Kabul", "regime", "recruitment", "will", "increase", "over", "2023", "security", "talks", "fail", "rockets", "“claims”", "its", "O'Neill", "co-operation", "US$300", "50%", "e.g.", "#3", "*not*", "a_b"];
const word = fc.constantFrom(...WORDS);
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(" "));

const assessment = fc
  .record({
    scale: fc.constantFrom("phia", "icd203"),
    title: words(2, 6),
    summary: words(5, 20),
    cutoff: fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    judgments: fc.array(
      fc.record({
        term: fc.nat(6),
        subject: fc.constantFrom("IS-K", "the Taliban", "Iran", "regional states"),
        rest: words(3, 12),
        confidence: fc.option(fc.constantFrom("low", "moderate", "high"), { nil: undefined }),
        horizonDays: fc.option(fc.integer({ min: 30, max: 900 }), { nil: undefined }),
        evidence: fc.array(fc.record({ text: words(3, 15), sourced: fc.boolean(), dateDays: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }) }), { minLength: 0, maxLength: 5 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map((g) => {
    const scale = BUILT_IN_SCALES[g.scale]!;
    let sourceCount = 0;
    const sources: Array<{ id: string; title: string }> = [];
    return {
      yardstick: 1,
      id: "generated",
      title: `${g.title.charAt(0).toUpperCase()}${g.title.slice(1)}`,
      cutoff: g.cutoff,
      scale: g.scale,
      summary: `${g.summary}.`,
      judgments: g.judgments.map((j, i) => ({
        id: `j-${i + 1}`,
        likelihood: scale.terms[j.term % scale.terms.length]!.forms[0]!.text,
        statement: `${j.subject} will ${j.rest}.`,
        ...(j.confidence ? { confidence: j.confidence } : {}),
        ...(j.horizonDays ? { horizon: new Date(Date.parse(g.cutoff) + j.horizonDays * 86_400_000).toISOString().slice(0, 10) } : {}),
        evidence: j.evidence.map((e) => {
          const date = e.dateDays ? { date: new Date(Date.parse(g.cutoff) - e.dateDays * 86_400_000).toISOString().slice(0, 10) } : {};
          if (!e.sourced) return Object.keys(date).length > 0 ? { text: `${e.text}.`, ...date } : `${e.text}.`;
          const id = `s-${++sourceCount}`;
          sources.push({ id, title: `Report ${sourceCount}` });
          return { text: `${e.text}.`, source: id, ...date };
        }),
      })),
      ...(sources.length > 0 ? { sources } : {}),
    };
  });

async function roundTrip(data: object) {
  const yaml = stringify(data);
  const checked = checkText(yaml, "generated.yaml", config, { asOf: "2020-01-01" });
  const original = checked.loaded.assessment!;
  const markdown = renderMarkdown(toBrief(original, config));
  const imported = await importBrief(new TextEncoder().encode(markdown), { file: "generated.md", scales: config.scales, schemaPath: "x", scale: original.scale });
  const back = parseAssessment(imported.yaml, "back.yaml");
  return { original, markdown, imported, back };
}

describe("import(render(A)) for Markdown briefs", () => {
  it("gives back the judgments, terms, statements and evidence", async () => {
    await fc.assert(
      fc.asyncProperty(assessment, async (data) => {
        const { original, back, markdown } = await roundTrip(data);
        expect(back.diagnostics.filter((d) => d.severity === "error"), markdown).toEqual([]);
        const a = back.assessment!;
        expect(a.title).toBe(original.title);
        expect(a.cutoff).toBe(original.cutoff);
        expect(judgmentFacts(a)).toEqual(judgmentFacts(original));
      }),
      { numRuns: 60 },
    );
  });
});

describe("import(render(A)) for Word briefs", () => {
  it("gives back the judgments, terms, statements and evidence", async () => {
    const { DOCX_FORMAT } = await import("../src/render/docx/format.js");
    const session = await DOCX_FORMAT.createSession({});
    try {
      await fc.assert(
        fc.asyncProperty(assessment, async (data) => {
          const checked = checkText(stringify(data), "generated.yaml", config, { asOf: "2020-01-01" });
          const original = checked.loaded.assessment!;
          const bytes = await session.render({ brief: toBrief(original, config), assessment: original, config });
          const imported = await importBrief(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes, { file: "generated.docx", scales: config.scales, schemaPath: "x", scale: original.scale });
          const back = parseAssessment(imported.yaml, "back.yaml");
          expect(back.diagnostics.filter((d) => d.severity === "error"), imported.yaml).toEqual([]);
          const a = back.assessment!;
          expect(a.title).toBe(original.title);
          expect(a.cutoff).toBe(original.cutoff);
          expect(judgmentFacts(a)).toEqual(judgmentFacts(original));
        }),
        { numRuns: 15, examples: [[{ ...fc.sample(assessment, { seed: 1, numRuns: 1 })[0]!, title: "Attacks e.g." }]] },
      );
    } finally {
      await session.close();
    }
  });
});
