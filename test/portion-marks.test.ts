/**
 * Portion marks (`show.portionMarks`) and the computed banner, in the view model and in every
 * renderer: Markdown, HTML, Word (document.xml) and PDF (text read back with pdfjs).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import type { Brief } from "../src/brief/types.js";
import { checkText } from "../src/check/check.js";
import { defaultConfig, parseConfig, type ResolvedConfig } from "../src/config/load.js";
import { renderDocx } from "../src/render/docx/render.js";
import { renderHtml } from "../src/render/html/index.js";
import { renderMarkdown } from "../src/render/markdown/index.js";
import type { Assessment } from "../src/schema/assessment.js";

const MIXED = readFileSync(resolve(import.meta.dirname, "fixtures/markings/mixed.yaml"), "utf8");

function config(yaml = ""): ResolvedConfig {
  const c = parseConfig(yaml, "/tmp/yardstick.config.yaml");
  expect(c.diagnostics).toEqual([]);
  return c;
}

const MARKS = config("show:\n  portionMarks: true\n");

/** An assessment through the real checker: it must check clean of errors. */
function checked(yaml: string, c: ResolvedConfig = MARKS): Assessment {
  const result = checkText(yaml, "/tmp/example.yaml", c);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.assessment!;
}

/** A small assessment: the banner (when given), one judgment's marking and its evidence items' lines. */
function assessment(opts: { marking?: string; judgment?: string; evidence: string[]; sources?: string }): string {
  return [
    "yardstick: 1",
    "id: example",
    "title: Valley outlook",
    ...(opts.marking ? [`marking: ${opts.marking}`] : []),
    "cutoff: 2022-07-09",
    "summary: Smuggling is growing.",
    "judgments:",
    "  - id: routes",
    "    likelihood: likely",
    "    statement: routes will expand.",
    ...(opts.judgment ? [`    marking: ${opts.judgment}`] : []),
    "    evidence:",
    ...opts.evidence.map((e) => `      - ${e}`),
    ...(opts.sources ? ["sources:", opts.sources] : []),
    "",
  ].join("\n");
}

describe("the computed banner", () => {
  it("is the highest portion when the assessment sets no marking", () => {
    const yaml = assessment({
      judgment: "{ classification: OFFICIAL, tlp: GREEN }",
      evidence: ["text: Patrols found routes.\n        marking: { classification: OFFICIAL-SENSITIVE }", "text: A liaison says more.\n        source: liaison"],
      sources: "  - id: liaison\n    title: Liaison report\n    marking: { tlp: AMBER }",
    });
    const brief = toBrief(checked(yaml, defaultConfig("/tmp")), defaultConfig("/tmp"));
    expect(brief.marking).toEqual({ classification: "OFFICIAL-SENSITIVE", tlp: "AMBER", caveats: [], text: "OFFICIAL-SENSITIVE · TLP:AMBER" });
    // Every renderer draws the banner from the view model.
    expect(renderMarkdown(brief)).toContain("**OFFICIAL-SENSITIVE · TLP:AMBER**");
  });

  it("carries the portions' caveats, and is absent when nothing is marked", () => {
    const caveat = toBrief(checked(assessment({ judgment: "{ classification: SECRET, caveats: [UK EYES ONLY] }", evidence: ["text: Intercepts."] })), MARKS);
    expect(caveat.marking?.text).toBe("SECRET · UK EYES ONLY");
    const none = toBrief(checked(assessment({ evidence: ["text: Patrols found routes."] })), MARKS);
    expect(none.marking).toBeUndefined();
    expect(none.judgments[0]!.portionMark).toBeUndefined();
    expect(none.judgments[0]!.evidence[0]!.portionMark).toBeUndefined();
  });

  it("is the assessment's own marking when it sets one", () => {
    const brief = toBrief(checked(MIXED), MARKS);
    expect(brief.marking?.text).toBe("SECRET · TLP:RED");
  });
});

describe("portion marks in the view model", () => {
  it("are off by default", () => {
    const brief = toBrief(checked(MIXED, defaultConfig("/tmp")), defaultConfig("/tmp"));
    expect(brief.judgments.map((j) => j.portionMark)).toEqual([undefined, undefined, undefined]);
    expect(brief.judgments.flatMap((j) => j.evidence.map((e) => e.portionMark)).every((m) => m === undefined)).toBe(true);
    expect(JSON.stringify(brief)).not.toContain("portionMark");
  });

  it("give each portion its effective level: unmarked evidence its judgment's, cited sources raise it, unmarked judgments the banner's", () => {
    const brief = toBrief(checked(MIXED), MARKS);
    const marks = brief.judgments.map((j) => [j.portionMark, j.evidence.map((e) => e.portionMark)]);
    expect(marks).toEqual([
      // routes-expand: OFFICIAL · GREEN; its evidence: the patrol report (GREEN), the liaison source
      // (SECRET · RED), its own SECRET · AMBER, and an [@intercepts] source that takes the banner.
      ["(O) [TLP:GREEN]", ["(O) [TLP:GREEN]", "(S) [TLP:RED]", "(S) [TLP:AMBER]", "(S) [TLP:RED]"]],
      // An unmarked judgment takes the assessment's marking, and so does its evidence.
      ["(S) [TLP:RED]", ["(S) [TLP:RED]", "(S) [TLP:RED]"]],
      // A CLEAR judgment whose one item cites a SECRET · RED source.
      ["(O) [TLP:CLEAR]", ["(S) [TLP:RED]"]],
    ]);
  });

  it("mark an unmarked evidence item with its judgment's mark", () => {
    const brief = toBrief(checked(assessment({ judgment: "{ classification: OFFICIAL-SENSITIVE, tlp: AMBER }", evidence: ["text: Patrols found routes.", "text: Sensitive.\n        marking: { classification: SECRET }"] })), MARKS);
    expect(brief.judgments[0]!.portionMark).toBe("(OS) [TLP:AMBER]");
    // The second item's own marking names no TLP: it has none of its own (its marking replaces its judgment's).
    expect(brief.judgments[0]!.evidence.map((e) => e.portionMark)).toEqual(["(OS) [TLP:AMBER]", "(S)"]);
  });

  it("print a TLP label alone, a classification alone, caveats after //, and US abbreviations", () => {
    const mark = (m: string) => toBrief(checked(assessment({ judgment: m, evidence: ["text: Patrols found routes."] })), MARKS).judgments[0]!.portionMark;
    expect(mark("{ tlp: AMBER+STRICT }")).toBe("[TLP:AMBER+STRICT]");
    expect(mark("{ classification: official sensitive }")).toBe("(OS)");
    expect(mark("{ classification: SECRET, caveats: [UK EYES ONLY], tlp: RED }")).toBe("(S//UK EYES ONLY) [TLP:RED]");
    expect(mark("{ classification: CONFIDENTIAL }")).toBe("(C)");
    expect(mark("{ classification: CUI }")).toBe("(CUI)");
  });

  it("take the config's abbreviations, by any name of a classification, a TLP label or a caveat", () => {
    const c = config(
      ["show:", "  portionMarks: true", "portionMarks:", '  "OFFICIAL SENSITIVE": O-S', '  "TLP:AMBER": A', "  uk eyes only: UKEO", ""].join("\n"),
    );
    const mark = (m: string) => toBrief(checked(assessment({ judgment: m, evidence: ["text: Patrols found routes."] }), c), c).judgments[0]!.portionMark;
    expect(mark("{ classification: OFFICIAL-SENSITIVE, tlp: AMBER }")).toBe("(O-S) [A]");
    expect(mark("{ classification: SECRET, caveats: [UK EYES ONLY], tlp: GREEN }")).toBe("(S//UKEO) [TLP:GREEN]");
  });

  it("use a custom ladder's own abbreviations", () => {
    const c = config(["show:", "  portionMarks: true", "classifications:", "  - { name: PUBLIC, abbreviation: P }", "  - { name: RESTRICTED, abbreviation: R }", ""].join("\n"));
    const brief = toBrief(checked(assessment({ judgment: "{ classification: RESTRICTED }", evidence: ["text: Patrols found routes."] }), c), c);
    expect(brief.judgments[0]!.portionMark).toBe("(R)");
  });
});

describe("portion marks in the renderers", () => {
  const marked = (): Brief => toBrief(checked(MIXED), MARKS);
  const plain = (): Brief => toBrief(checked(MIXED, defaultConfig("/tmp")), defaultConfig("/tmp"));

  it("Markdown: before the sentence and each evidence bullet, and nowhere when off", () => {
    const md = renderMarkdown(marked());
    expect(md).toContain("(O) \\[TLP:GREEN] It is **likely** that smuggling routes will expand");
    expect(md).toContain("- (S) \\[TLP:AMBER] SENTINEL-EVIDENCE-TEXT-2 detail from a sensitive report.");
    expect(md).toContain("- (O) \\[TLP:GREEN] Patrols found three new routes in February.");
    expect(md).toContain("(S) \\[TLP:RED] It is **highly likely** that SENTINEL-STATEMENT");
    const off = renderMarkdown(plain());
    expect(off).not.toMatch(/\((O|S)\) \\\[TLP:/);
    expect(off).toContain("It is **likely** that smuggling routes will expand");
  });

  it("HTML: a span of class portion-mark, only when on", () => {
    const html = renderHtml(marked());
    expect(html).toContain('<p class="sentence"><span class="portion-mark">(O) [TLP:GREEN]</span> It is ');
    expect(html).toContain('<li><span class="portion-mark">(S) [TLP:AMBER]</span> SENTINEL-EVIDENCE-TEXT-2');
    expect(html.match(/<span class="portion-mark">/g)).toHaveLength(3 + 7);
    expect(renderHtml(plain())).not.toContain('class="portion-mark"');
  });

  it("Word: a Portion Mark run before the sentence and each evidence item", async () => {
    const xml = strFromU8(unzipSync(await renderDocx(marked()))["word/document.xml"]!);
    const runs = [...xml.matchAll(/<w:r><w:rPr><w:rStyle w:val="PortionMark"\/><\/w:rPr><w:t[^>]*>([^<]*)<\/w:t><\/w:r>/g)].map((m) => m[1]);
    expect(runs).toEqual(["(O) [TLP:GREEN]", "(O) [TLP:GREEN]", "(S) [TLP:RED]", "(S) [TLP:AMBER]", "(S) [TLP:RED]", "(S) [TLP:RED]", "(S) [TLP:RED]", "(S) [TLP:RED]", "(O) [TLP:CLEAR]", "(S) [TLP:RED]"]);
    const styles = strFromU8(unzipSync(await renderDocx(marked()))["word/styles.xml"]!);
    expect(styles).toContain('w:styleId="PortionMark"');
    const off = strFromU8(unzipSync(await renderDocx(plain()))["word/document.xml"]!);
    expect(off).not.toContain("PortionMark");
  });
});
