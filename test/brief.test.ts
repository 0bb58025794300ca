/**
 * toBrief(): the view model every renderer draws from.
 */
import { describe, expect, it } from "vitest";
import type { PhrasingContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { toBrief } from "../src/brief/to-brief.js";
import { parseInline, parseBlock, isPlainLine } from "../src/brief/inline-markdown.js";
import { defaultConfig, parseConfig, type ResolvedConfig } from "../src/config/load.js";
import { Assessment, type Assessment as AssessmentT } from "../src/schema/assessment.js";
import { BUILT_IN_SCALES } from "../src/schema/scales.js";
import { previousEditionChanges } from "../src/build/editions.js";

const CONFIG = defaultConfig("/tmp");

type Input = Record<string, unknown>;

function assessment(over: Input = {}): AssessmentT {
  const base: Input = {
    yardstick: 1,
    id: "test-brief",
    title: "Test brief",
    cutoff: "2022-07-09",
    summary: "A summary.",
    judgments: [{ id: "one", likelihood: "highly likely", statement: "it will rain" }],
  };
  return { ...Assessment.parse({ ...base, ...over }), id: String(over.id ?? base.id) };
}

function judgment(likelihood: string, statement = "it will rain", scale = "phia") {
  return toBrief(assessment({ scale, judgments: [{ id: "one", likelihood, statement }] }), CONFIG).judgments[0]!;
}

function config(yaml: string): ResolvedConfig {
  const c = parseConfig(yaml, "/tmp/yardstick.config.yaml");
  expect(c.diagnostics).toEqual([]);
  return c;
}

describe("sentences", () => {
  it("reads adjective terms as 'It is {term} that …'", () => {
    const j = judgment("highly likely", "IS-K will continue its attacks");
    expect(j.sentence).toBe("It is highly likely that IS-K will continue its attacks.");
    expect([j.lead, j.term.text, j.link]).toEqual(["It is ", "highly likely", " that "]);
  });

  it("reads noun terms as 'There is a {term} that …'", () => {
    expect(judgment("realistic possibility").sentence).toBe("There is a realistic possibility that it will rain.");
    expect(judgment("remote chance").sentence).toBe("There is a remote chance that it will rain.");
  });

  it("reads ICD 203 terms, including the plural 'roughly even odds'", () => {
    expect(judgment("roughly even chance", "x happens", "icd203").sentence).toBe("There is a roughly even chance that x happens.");
    expect(judgment("roughly even odds", "x happens", "icd203").sentence).toBe("There are roughly even odds that x happens.");
    expect(judgment("almost no chance", "x happens", "icd203").sentence).toBe("There is almost no chance that x happens.");
    expect(judgment("very likely", "x happens", "icd203").sentence).toBe("It is very likely that x happens.");
  });

  it("keeps the analyst's alias as the term and the canonical band as its label", () => {
    const j = judgment("probable");
    expect(j.sentence).toBe("It is probable that it will rain.");
    expect(j.term).toMatchObject({ text: "probable", label: "likely", min: 55, max: 75, range: "55–75 %", index: 4, count: 7 });
  });

  it("ends the statement with one full stop, keeping other sentence punctuation", () => {
    expect(judgment("likely", "it will rain.").sentence).toBe("It is likely that it will rain.");
    expect(judgment("likely", "it will rain?").sentence).toBe("It is likely that it will rain?");
    expect(judgment("likely", "it will *rain*").sentence).toBe("It is likely that it will rain.");
  });

  it("never lets a statement open a block, and keeps raw HTML as text", () => {
    const j = judgment("likely", "# not a heading <script>alert(1)</script>");
    expect(j.statement.every((n) => n.type !== "html")).toBe(true);
    expect(toString(j.statement)).toBe("# not a heading <script>alert(1)</script>.");
  });

  it("uses a custom scale's phrase", () => {
    const c = config("scales:\n  odds:\n    terms:\n      - { term: slim chance, min: 0, max: 20, kind: noun }\n      - { term: good bet, min: 60, max: 100, phrase: It is a good bet }\n");
    const a = assessment({ scale: "odds", judgments: [{ id: "one", likelihood: "slim chance", statement: "a" }, { id: "two", likelihood: "good bet", statement: "b" }] });
    expect(toBrief(a, c).judgments.map((j) => j.sentence)).toEqual(["There is a slim chance that a.", "It is a good bet that b."]);
  });
});

describe("numbering, dates, confidence, marking", () => {
  const a = assessment({
    marking: { classification: "OFFICIAL", caveats: ["SENSITIVE"], tlp: "AMBER+STRICT" },
    issued: "2022-07-12",
    judgments: [
      { id: "first", likelihood: "likely", statement: "a", confidence: "moderate", horizon: "12 months" },
      { id: "second", likelihood: "unlikely", statement: "b", horizon: "2023-01-31", outcome: { occurred: false, resolved: "2023-02-01", note: "It did not." } },
    ],
  });

  it("numbers judgments and gives them headings and anchors", () => {
    const b = toBrief(a, CONFIG);
    expect(b.judgments.map((j) => [j.number, j.heading, j.anchor])).toEqual([
      [1, "Key Judgment 1", "kj-first"],
      [2, "Key Judgment 2", "kj-second"],
    ]);
  });

  it("formats dates dd/mm/yy by default and with the config's pattern", () => {
    const b = toBrief(a, CONFIG);
    expect(b.cutoff).toEqual({ iso: "2022-07-09", text: "09/07/22" });
    expect(b.cutoffLine).toBe("Intelligence cut-off 09/07/22");
    expect(b.issued?.text).toBe("12/07/22");
    expect(b.judgments[0]!.horizon).toEqual({ iso: "2023-07-09", text: "09/07/23" });
    const long = toBrief(a, config("dateFormat: d mmmm yyyy\n"));
    expect(long.cutoffLine).toBe("Intelligence cut-off 9 July 2022");
    expect(long.judgments[1]!.horizon?.text).toBe("31 January 2023");
  });

  it("leaves horizons out when the config hides them", () => {
    expect(toBrief(a, config("show:\n  horizon: false\n")).judgments.every((j) => j.horizon === undefined)).toBe(true);
  });

  it("says confidence in words, apart from the sentence", () => {
    const b = toBrief(a, CONFIG);
    expect(b.judgments[0]!.confidence).toEqual({ level: "moderate", text: "Confidence: moderate." });
    expect(b.judgments[0]!.sentence).not.toMatch(/confidence/i);
    expect(b.judgments[1]!.confidence).toBeUndefined();
  });

  it("records outcomes; their notes print only with show.notes", () => {
    const o = toBrief(a, CONFIG).judgments[1]!.outcome!;
    expect(o.text).toBe("Did not occur (recorded 01/02/23)");
    expect(o.note).toBeUndefined();
    expect(toString(toBrief(a, config("show:\n  notes: true\n")).judgments[1]!.outcome!.note!)).toBe("It did not.");
    // The preview, the analyst's own view, asks for them.
    expect(toString(toBrief(a, CONFIG, { notes: true }).judgments[1]!.outcome!.note!)).toBe("It did not.");
  });

  it("prints the range beside the term with show.ranges: inline, and not by default", () => {
    expect(toBrief(a, CONFIG).judgments[0]!.inlineRange).toBeUndefined();
    const b = toBrief(a, config("show:\n  ranges: inline\n"));
    expect(b.judgments[0]!.sentence).toMatch(/^It is likely \(55–75 %\) that /);
    expect(b.judgments[0]!.inlineRange).toBe(" (55–75 %)");
  });

  it("spells cut-off one way in the title block and closing line, as the labels say", () => {
    const b = toBrief(a, CONFIG);
    expect(b.meta.find((m) => m.key === "cutoff")).toEqual({ key: "cutoff", label: "Cut-off", value: "09/07/22" });
    expect(b.cutoffLine.startsWith("Intelligence cut-off ")).toBe(true);
    const seed = toBrief(a, config("labels:\n  cutoff: Intelligence cut off\n  cutoffDate: Cut off\n"));
    expect([seed.cutoffLine, seed.meta.find((m) => m.key === "cutoff")?.label]).toEqual(["Intelligence cut off 09/07/22", "Cut off"]);
  });

  it("writes the marking banner as one line", () => {
    expect(toBrief(a, CONFIG).marking?.text).toBe("OFFICIAL · SENSITIVE · TLP:AMBER+STRICT");
    expect(toBrief(assessment({ marking: { tlp: "CLEAR" } }), CONFIG).marking?.text).toBe("TLP:CLEAR");
    expect(toBrief(assessment(), CONFIG).marking).toBeUndefined();
  });

  it("applies label overrides from the config", () => {
    const b = toBrief(a, config("labels:\n  summary: Summary.\n  keyJudgment: KJ\n"));
    expect(b.labels.summary).toBe("Summary.");
    expect(b.judgments[1]!.heading).toBe("KJ 2");
    expect(b.labels.sources).toBe("Sources");
  });
});

describe("sources", () => {
  const a = assessment({
    judgments: [
      { id: "one", likelihood: "likely", statement: "a", evidence: [{ text: "First item.", source: "gamma" }, "Unsourced item."] },
      {
        id: "two",
        likelihood: "likely",
        statement: "b",
        evidence: [
          { text: "Claimed [@beta] and denied.", source: "alpha" },
          { text: "Inline.", source: { title: "Inline report", url: "https://example.org/r", reliability: "C", credibility: 3 } },
          { text: "Again.", source: "gamma" },
        ],
      },
    ],
    sources: [
      { id: "alpha", title: "Alpha report", url: "https://example.org/alpha", publisher: "Alpha Press", date: "2022-03-05", reliability: "B", credibility: 2 },
      { id: "beta", publisher: "Beta wire", note: "Link not preserved." },
      { id: "gamma", title: "Gamma" },
      { id: "delta", title: "Never cited" },
    ],
  });
  const b = toBrief(a, CONFIG);

  it("numbers sources in order of first citation, then the uncited ones", () => {
    expect(b.sources.map((s) => [s.number, s.id])).toEqual([
      [1, "gamma"],
      [2, "beta"],
      [3, "alpha"],
      [4, "two-evidence-2"],
      [5, "delta"],
    ]);
    expect(b.judgments[1]!.evidence.map((e) => e.sources)).toEqual([[2, 3], [4], [1]]);
  });

  it("grades sources on the Admiralty scale in words", () => {
    const alpha = b.sources.find((s) => s.id === "alpha")!;
    expect(alpha).toMatchObject({ grade: "B2", gradeText: "usually reliable; probably true", date: { text: "05/03/22" }, anchor: "source-3", detailed: true });
    expect(b.sources.find((s) => s.id === "two-evidence-2")).toMatchObject({ grade: "C3", gradeText: "fairly reliable; possibly true" });
    expect(b.showSources).toBe(true);
  });

  it("names an untitled source by what is known of it, never by its id, and keeps its note out", () => {
    const beta = b.sources.find((s) => s.id === "beta")!;
    expect(beta).toMatchObject({ label: "Untitled source, cited in Key Judgment 2", untitled: true, publisher: "Beta wire" });
    expect(beta.note).toBeUndefined();
    expect(toBrief(a, config("show:\n  notes: true\n")).sources.find((s) => s.id === "beta")!.note).toBe("Link not preserved.");
  });

  it("numbers citations '[n]' in place and at the end, each linked to its Sources entry", () => {
    const e = b.judgments[1]!.evidence[0]!;
    expect(e.text).toBe("Claimed [2] and denied. [3]");
    const links = e.content.filter((n): n is Extract<PhrasingContent, { type: "link" }> => n.type === "link");
    expect(links.map((l) => [l.url, toString(l)])).toEqual([
      ["#source-2", "[2]"],
      ["#source-3", "[3]"],
    ]);
    expect(b.judgments[0]!.evidence[1]).toMatchObject({ text: "Unsourced item.", sourced: false, sources: [] });
  });

  it("in the word style reads '(source)', linked to the URL, else to the entry", () => {
    const w = toBrief(a, config("citations: word\n"));
    const e = w.judgments[1]!.evidence[0]!;
    expect(e.text).toBe("Claimed (source) and denied. (source)");
    const links = e.content.filter((n): n is Extract<PhrasingContent, { type: "link" }> => n.type === "link");
    expect(links.map((l) => l.url)).toEqual(["#source-2", "https://example.org/alpha"]);
  });

  it("puts the evidence date inside the one parenthetical of its citation", () => {
    const dated = assessment({
      judgments: [{ id: "one", likelihood: "likely", statement: "a", evidence: [{ text: "Cited.", source: "s", date: "2022-07-05" }, { text: "Unsourced.", date: "2022-07-06" }] }],
      sources: [{ id: "s", title: "S" }],
    });
    expect(toBrief(dated, CONFIG).judgments[0]!.evidence.map((e) => e.text)).toEqual(["Cited. [1, 05/07/22]", "Unsourced.\u00a0(06/07/22)"]);
    expect(toBrief(dated, config("citations: word\n")).judgments[0]!.evidence[0]!.text).toBe("Cited. (source, 05/07/22)");
  });

  it("lists the sources whenever anything is cited, and links nowhere when the list is hidden", () => {
    const plain = assessment({ judgments: [{ id: "one", likelihood: "likely", statement: "a", evidence: [{ text: "x", source: "s" }] }], sources: [{ id: "s", note: "n" }] });
    expect(toBrief(plain, CONFIG).showSources).toBe(true);
    expect(toBrief(plain, CONFIG).sources[0]).toMatchObject({ label: "Untitled source, cited in Key Judgment 1", href: "#source-1" });
    const hidden = toBrief(plain, config("show:\n  sources: false\n"));
    expect(hidden.showSources).toBe(false);
    expect(hidden.judgments[0]!.evidence[0]!.content.some((n) => n.type === "link")).toBe(false);
    const none = assessment({ judgments: [{ id: "one", likelihood: "likely", statement: "a", evidence: ["unsourced"] }] });
    expect(toBrief(none, CONFIG).showSources).toBe(false);
  });
});

describe("free text", () => {
  it("keeps inline Markdown and turns anything that is not one paragraph into literal text", () => {
    expect(parseInline("a *b* `c`").map((n) => n.type)).toEqual(["text", "emphasis", "text", "inlineCode"]);
    expect(parseInline("- item")).toEqual([{ type: "text", value: "- item" }]);
    expect(parseInline("first\n\nsecond")).toEqual([{ type: "text", value: "first second" }]);
    expect(parseInline("a\nb")).toEqual([{ type: "text", value: "a b" }]);
  });

  it("drops unsafe links and images but keeps their text", () => {
    expect(parseInline("[x](javascript:alert(1)) ![alt](http://127.0.0.1/x.png)")).toEqual([{ type: "text", value: "x alt" }]);
    expect(parseInline("[x](https://example.org)")[0]).toMatchObject({ type: "link", url: "https://example.org" });
  });

  it("demotes headings in the summary and keeps raw HTML as text", () => {
    const blocks = parseBlock("# Heading\n\n<div>raw</div>\n\n- a\n- b");
    expect(blocks.map((b) => b.type)).toEqual(["paragraph", "paragraph", "list"]);
    expect(toString(blocks[1]!)).toBe("<div>raw</div>");
  });

  it("takes the fast path only for text the parser would leave as one text node", () => {
    for (const s of ["IS-K is here.", "2023 will be hard", "a (b) c: d", "US$300- US$1000"]) {
      expect(isPlainLine(s)).toBe(true);
    }
    for (const s of ["- a", "1. a", "# a", "a *b*", "a_b", "see www.example.org", "a@b.org", "x\ny", "a &amp; b", "> q", "a|b"]) {
      expect(isPlainLine(s)).toBe(false);
    }
  });
});

describe("the changes section keeps notes internal", () => {
  const before = assessment({
    judgments: [{ id: "one", likelihood: "likely", statement: "a", note: "old remark", evidence: [{ text: "x", source: "s", note: "old item remark" }], outcome: { occurred: true, resolved: "2023-01-01", note: "old outcome remark" } }],
    sources: [{ id: "s", title: "S", note: "old source remark" }],
  });
  const after = assessment({
    judgments: [{ id: "one", likelihood: "likely", statement: "a", note: "NEW remark", evidence: [{ text: "x", source: "s", note: "NEW item remark" }], outcome: { occurred: true, resolved: "2023-01-01", note: "NEW outcome remark" } }],
    sources: [{ id: "s", title: "S", note: "NEW source remark" }],
  });
  const options = { scales: BUILT_IN_SCALES, dateFormat: "dd/mm/yy" };

  it("sees no change where only notes changed, unless show.notes", () => {
    const hidden = previousEditionChanges(before, after, "prev", options);
    expect(hidden.items).toEqual([]);
    expect(JSON.stringify(hidden)).not.toMatch(/remark|note/i);
    const shown = previousEditionChanges(before, after, "prev", options, true);
    expect(JSON.stringify(shown)).toMatch(/note/i);
  });
});
