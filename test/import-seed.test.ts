/**
 * Importing the short seed brief (plain text) gives back the typed example assessment:
 * the same judgments, terms, statements, evidence (and which items are sourced) and cutoff.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/load.js";
import { importBrief } from "../src/import/index.js";
import { checkText } from "../src/project/check.js";
import { parseAssessment } from "../src/schema/load.js";
import { judgmentFacts } from "./helpers/import-compare.js";

const ROOT = resolve(import.meta.dirname, "..");
const SEED = join(ROOT, "seeds/003_cfe4659aedeb1023.txt");
const EXAMPLE = join(ROOT, "assessments/isk-2022-07.yaml");

async function importSeed() {
  const config = defaultConfig(ROOT);
  return importBrief(readFileSync(SEED), { file: SEED, scales: config.scales, schemaPath: "../schema/assessment.schema.json", id: "isk-imported" });
}

describe("import of seeds/003 (plain text)", () => {
  it("recovers the example's judgments, terms, evidence and cutoff", async () => {
    const imported = await importSeed();
    const got = parseAssessment(imported.yaml, "isk-imported.yaml");
    expect(got.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const want = parseAssessment(readFileSync(EXAMPLE), EXAMPLE).assessment!;
    const a = got.assessment!;
    expect(a.cutoff).toBe(want.cutoff);
    expect(a.scale).toBe("phia");
    // The seed has no horizon lines (the example's horizons are the analyst's additions).
    const strip = (facts: ReturnType<typeof judgmentFacts>) => facts.map(({ horizon: _h, ...rest }) => rest);
    expect(strip(judgmentFacts(a))).toEqual(strip(judgmentFacts(want)));
    expect(a.summary.trim()).toBe(want.summary.trim());
  });

  it("makes one source per (source) marker, a second marker in an item as an inline citation", async () => {
    const a = parseAssessment((await importSeed()).yaml, "x.yaml").assessment!;
    expect(a.sources).toHaveLength(14);
    const kj2 = a.judgments[1]!.evidence[1]!;
    expect(typeof kj2 === "object" && kj2.text).toMatch(/Tajikistan\. \[@source-7\] Tajikistan is actively/);
    // Nothing invented: the sources say only that the original cited something.
    for (const s of a.sources ?? []) expect(Object.keys(s).sort()).toEqual(["id", "note"]);
  });

  it("passes check, with a warning that the seed has no title, positioned in the input", async () => {
    const imported = await importSeed();
    expect(imported.diagnostics.map((d) => [d.ruleId, d.messageId, d.line, d.column])).toEqual([["import-no-title", "noTitle", 1, 1]]);
    const checked = checkText(imported.yaml, join(ROOT, "assessments/isk-imported.yaml"), defaultConfig(ROOT), { asOf: "2023-01-01" });
    expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(imported.yaml.startsWith("# yaml-language-server: $schema=../schema/assessment.schema.json\n")).toBe(true);
  });
});
