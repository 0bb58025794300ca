/**
 * Sentinel test: every field of the portions above TLP:GREEN in the mixed-marking fixture holds
 * a unique "SENTINEL-…" string. After a TLP:GREEN release, no rendered byte — Markdown, HTML,
 * JSON — holds any of them.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import { defaultConfig } from "../src/config/load.js";
import { laddersFor } from "../src/marking/config.js";
import { parseRelease } from "../src/marking/levels.js";
import { releaseAssessment } from "../src/marking/release.js";
import { checkText } from "../src/project/check.js";
import { renderHtml } from "../src/render/html/index.js";
import { normalizedJson } from "../src/render/json.js";
import { renderMarkdown } from "../src/render/markdown/index.js";

const ROOT = resolve(import.meta.dirname, "..");
const FIXTURE = join(ROOT, "test/fixtures/markings/mixed.yaml");

function released(level: string) {
  const config = defaultConfig(ROOT);
  const checked = checkText(readFileSync(FIXTURE), FIXTURE, config, { asOf: "2024-03-12" });
  expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const ladders = laddersFor(config.data);
  const parsed = parseRelease(level, ladders);
  if ("error" in parsed) throw new Error(parsed.error);
  const r = releaseAssessment(checked.assessment!, parsed.level, ladders);
  if (!r.ok) throw new Error(r.reason);
  return { config, r, original: checked.assessment! };
}

describe("release at TLP:GREEN of the mixed-marking fixture", () => {
  it("the full brief holds the sentinels (so the test can see them)", () => {
    const config = defaultConfig(ROOT);
    const checked = checkText(readFileSync(FIXTURE), FIXTURE, config, { asOf: "2024-03-12" });
    const md = renderMarkdown(toBrief(checked.assessment!, config));
    expect(md).toContain("SENTINEL-STATEMENT");
    expect(md).toContain("SENTINEL-EVIDENCE-TEXT-1");
  });

  it("no Markdown, HTML or JSON byte holds a sentinel", () => {
    const { config, r } = released("TLP:GREEN");
    const brief = toBrief(r.assessment, config);
    for (const [name, out] of [
      ["markdown", renderMarkdown(brief)],
      ["html", renderHtml(brief)],
      ["json", normalizedJson(r.assessment)],
    ] as const) {
      expect(out.match(/SENTINEL-[A-Z0-9-]+|sentinel-[a-z0-9.-]+/gi) ?? [], name).toEqual([]);
    }
  });

  it("keeps what may go out, renumbered, with the banner recomputed", () => {
    const { config, r } = released("TLP:GREEN");
    const md = renderMarkdown(toBrief(r.assessment, config));
    expect(md).toContain("Key Judgment 2");
    expect(md).not.toContain("Key Judgment 3");
    expect(md).toContain("Patrols found three new routes in February.");
    expect(r.assessment.marking).toEqual({ classification: "OFFICIAL", tlp: "GREEN" });
    expect(r.withheld.judgments).toEqual(["sentinel-judgment-id"]);
    expect(r.withheld.judgmentsWithoutEvidence).toEqual(["prices-rise"]);
  });
});
