/**
 * Messy briefs: heading and term variants, stray text, dates in other orders. Each fixture's
 * expected warnings are listed with their positions in the input; what could not be mapped is
 * kept, and nothing is invented.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/load.js";
import { importBrief, type DateOrder } from "../src/import/index.js";
import { checkText } from "../src/project/check.js";
import { parseYaml } from "../src/schema/load.js";

const ROOT = resolve(import.meta.dirname, "..");
const config = defaultConfig(ROOT);

async function run(name: string, dateOrder: DateOrder = "dmy") {
  const file = join(ROOT, "test/fixtures/import", name);
  const r = await importBrief(readFileSync(file), { file, scales: config.scales, schemaPath: "../schema/assessment.schema.json", dateOrder });
  const value = parseYaml(r.yaml, "out.yaml").value as Record<string, unknown> & { judgments: Array<Record<string, unknown>>; sources?: Array<Record<string, unknown>> };
  return { r, value, at: r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`), ids: r.diagnostics.map((d) => `${d.ruleId}.${d.messageId ?? ""}`) };
}

describe("import: Markdown with variants", () => {
  it("reads the title block, KJ1 / Key judgement 2 headings, confidence lead-ins and the cut-off", async () => {
    const { value } = await run("variants.md");
    expect(value).toMatchObject({
      title: "Border security outlook",
      marking: { classification: "OFFICIAL-SENSITIVE", tlp: "AMBER" },
      authors: ["J. Smith", "K. Lee"],
      issued: "2024-03-14",
      cutoff: "2024-03-09",
      scale: "phia",
    });
    expect(value.judgments.map((j) => [j.likelihood, j.statement, j.confidence])).toEqual([
      ["highly likely", "militants will attack border posts in 2024.", "moderate"],
      ["likely", "Smugglers will expand routes through the valley.", undefined],
      ["roughly even chance", "talks resume.", undefined],
    ]);
  });

  it("links the same URL to one source, reads a date beside the marker, leaves an unmarked item unsourced", async () => {
    const { value } = await run("variants.md");
    expect(value.judgments[0]!.evidence).toEqual([{ text: "Attacks rose in 2023.", source: "source-1" }, "A stray claim with no marker."]);
    expect(value.judgments[1]!.evidence).toEqual([
      { text: "Routes were seen in January.", source: "source-2", date: "2024-01-05" },
      { text: "The same report as above.", source: "source-1" },
    ]);
    expect(value.sources).toEqual([
      { id: "source-1", url: "https://example.org/a", note: "Cited as a linked “(source)” in the original brief." },
      { id: "source-2", note: "Cited as “(source)” in the original brief, with no link or title." },
    ]);
  });

  it("warns where it rephrased, met another scale's term, or kept stray text — at the input's line:column", async () => {
    const { at, ids, value } = await run("variants.md");
    // "Reference: BSO-2024-03" is not a kebab-case id, so it cannot be the assessment's id: kept as a comment.
    expect(at).toEqual(["5:1 import-unmapped", "22:1 import-rephrased", "27:4 import-other-scale-term", "31:1 import-unmapped"]);
    expect(ids).toEqual(["import-unmapped.reference", "import-rephrased.rephrased", "import-other-scale-term.otherScale", "import-unmapped.underJudgment"]);
    expect((await run("variants.md")).r.yaml).toContain("# line 5: Reference: BSO-2024-03");
    expect(value.judgments[1]!.note).toBe("Imported from: “Smugglers are likely to expand routes through the valley.”");
    expect(value.judgments[2]!.note).toBe("Some stray commentary here.");
  });
});

describe("import: plain text with stray bullets, two terms and month-first dates", () => {
  it("reads month-first dates with --date-order mdy", async () => {
    const { value } = await run("messy.txt", "mdy");
    expect(value.cutoff).toBe("2023-07-09");
    expect(value.judgments[0]!.evidence).toEqual([
      { text: "Patrols found new routes", source: "source-1", date: "2023-07-04" },
      { text: "A second marker [@source-2] inside, and one at the end", source: "source-3" },
    ]);
  });

  it("reads the same dates day-first by default", async () => {
    const { value } = await run("messy.txt");
    expect(value.cutoff).toBe("2023-09-07");
  });

  it("reports each problem at its line and keeps what it could not map", async () => {
    const { at, r, value } = await run("messy.txt", "mdy");
    expect(at).toEqual(["2:3 import-orphan-item", "6:1 import-two-terms", "9:1 import-no-sentence", "10:1 import-unmapped"]);
    expect(r.yaml).toContain("# line 2: A bullet before any judgment.");
    expect(value.judgments[1]!.likelihood).toBeUndefined();
    expect(value.judgments[1]!.note).toBe("Officials expect the situation to change.");
  });

  it("never invents a term: the judgment without one makes the result fail check, which says why", async () => {
    const { r } = await run("messy.txt", "mdy");
    const checked = checkText(r.yaml, join(ROOT, "assessments/messy.yaml"), config, { asOf: "2023-01-01" });
    const errors = checked.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => d.message).join("\n")).toMatch(/likelihood/);
  });

  it("never invents a cut-off date", async () => {
    const r = await importBrief(new TextEncoder().encode("Title\nKey Judgment 1\nIt is likely that it rains.\n"), { file: "x.txt", scales: config.scales, schemaPath: "x" });
    expect(r.yaml).not.toMatch(/^cutoff:/m);
    expect(r.diagnostics.find((d) => d.ruleId === "import-no-cutoff")).toMatchObject({ severity: "error", messageId: "noCutoff" });
  });
});

describe("import: sentence forms", () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ["It is highly likely that X will happen.", "highly likely", "X will happen.", undefined],
    ["There is a realistic possibility that X happens.", "realistic possibility", "X happens.", undefined],
    ["There is a remote chance that X happens.", "remote chance", "X happens.", undefined],
    ["It is **likely** (55–75 %) that X happens.", "likely", "X happens.", undefined],
    ["We assess with high confidence that it is unlikely that X happens.", "unlikely", "X happens.", "high"],
    ["It is almost certain that X happens (medium confidence).", "almost certain", "X happens.", "moderate"],
    ["X will highly likely expand.", "highly likely", "X will expand.", undefined],
  ];
  it.each(cases)("%s", async (sentence, term, statement, confidence) => {
    const brief = `T\n\nSummary\n\nS.\n\nKey Judgment 1\n\n${sentence}\n\nIntelligence cut off 09/07/22\n`;
    const r = await importBrief(new TextEncoder().encode(brief), { file: "x.md", scales: config.scales, schemaPath: "x" });
    const value = parseYaml(r.yaml, "out.yaml").value as { judgments: Array<Record<string, unknown>> };
    expect(value.judgments[0]).toMatchObject({ likelihood: term, statement, ...(confidence ? { confidence } : {}) });
  });

  it("picks ICD 203 when the terms fit it and not PHIA", async () => {
    const brief = "T\n\nKey Judgment 1\n\nIt is very likely that X.\n\nKey Judgment 2\n\nThere are roughly even odds that Y.\n\nIntelligence cut off 09/07/22\n";
    const r = await importBrief(new TextEncoder().encode(brief), { file: "x.md", scales: config.scales, schemaPath: "x" });
    expect(r.yaml).toMatch(/^scale: icd203$/m);
    expect(r.diagnostics.filter((d) => d.ruleId === "import-other-scale-term")).toEqual([]);
  });
});
