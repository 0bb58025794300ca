import { describe, expect, it } from "vitest";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import type { Root, Table } from "mdast";
import { toString } from "mdast-util-to-string";
import { BUILT_IN_SCALES } from "../src/schema/scales.js";
import { diffAssessments } from "../src/diff/report.js";
import { formatHuman, formatJson, formatMarkdown } from "../src/diff/format/index.js";
import { changesSection } from "../src/diff/changes-section.js";
import { paletteFor } from "../src/cli/context.js";
import type { Assessment } from "../src/schema/assessment.js";
import { fixture } from "./helpers/diff.js";

const options = { scales: BUILT_IN_SCALES, dateFormat: "dd/mm/yy" };

function parseGfm(md: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(md);
}

function tables(tree: Root): Table[] {
  const out: Table[] = [];
  const walk = (n: { type: string; children?: unknown[] }) => {
    if (n.type === "table") out.push(n as Table);
    for (const c of (n.children ?? []) as Array<{ type: string; children?: unknown[] }>) walk(c);
  };
  walk(tree);
  return out;
}

const isk = () => diffAssessments(fixture(`${process.cwd()}/assessments/isk-2022-07.yaml`), fixture("isk-2022-07-v2"), { ...options, oldLabel: "HEAD~1:assessments/isk-2022-07.yaml", newLabel: "assessments/isk-2022-07.yaml" });

describe("markdown format", () => {
  it("parses back as GFM with a table row per judgment and both ranges", () => {
    const tree = parseGfm(formatMarkdown([isk()]));
    const [table] = tables(tree);
    expect(table).toBeDefined();
    const rows = table!.children.map((r) => r.children.map((c) => toString(c)));
    expect(rows[0]).toEqual(["#", "Judgment", "Before", "After", "Change"]);
    expect(rows.slice(1)).toEqual([
      ["KJ1", "attacks-afghanistan", "highly likely (80–90 %)", "almost certain (≥95 %)", "▲"],
      ["KJ2", "cross-border-attacks", "likely (55–75 %)", "realistic possibility (40–50 %)", "▼"],
      ["KJ3", "crisis-recruitment", "highly likely (80–90 %)", "highly likely (80–90 %)", "revised"],
      ["KJ4", "attacks-foreign-interests", "—", "likely (55–75 %)", "new"],
    ]);
    const first = tree.children.find((n) => n.type === "paragraph");
    expect(toString(tree.children[0]!)).toBe("isk-2022-07: IS-K and the Taliban");
    expect(first && toString(first)).toBe("Compared (HEAD~1:assessments/isk-2022-07.yaml → assessments/isk-2022-07.yaml)");
  });

  it("shows a reworded statement as ~~old~~ **new**", () => {
    const r = diffAssessments(fixture("base"), fixture("statement-reworded"), options);
    const md = formatMarkdown([r]);
    expect(md).toContain("~~rise~~");
    expect(md).toContain("**and people**");
    const tree = parseGfm(md);
    const kinds = new Set<string>();
    const walk = (n: { type: string; children?: unknown[] }) => {
      kinds.add(n.type);
      for (const c of (n.children ?? []) as Array<{ type: string; children?: unknown[] }>) walk(c);
    };
    walk(tree);
    expect(kinds.has("delete")).toBe(true);
    expect(kinds.has("strong")).toBe(true);
  });

  it("puts a loosened marking in a warning quote", () => {
    const md = formatMarkdown([diffAssessments(fixture("base"), fixture("marking-loosened"), options)]);
    const tree = parseGfm(md);
    const quote = tree.children.find((n) => n.type === "blockquote");
    expect(quote && toString(quote)).toBe("⚠️ Warning: marking loosened: TLP:AMBER → TLP:GREEN");
  });

  it("keeps hostile text as text: no HTML, no extra table cells, no headings", () => {
    const base = fixture("base");
    const evil: Assessment = {
      ...base,
      judgments: [
        { ...base.judgments[0]!, statement: "<script>alert(1)</script> | a | b\n# heading [x](javascript:alert(1))" },
        ...base.judgments.slice(1),
      ],
    };
    const md = formatMarkdown([diffAssessments(base, evil, options)]);
    const tree = parseGfm(md);
    const types = new Set<string>();
    const walk = (n: { type: string; children?: unknown[] }) => {
      types.add(n.type);
      for (const c of (n.children ?? []) as Array<{ type: string; children?: unknown[] }>) walk(c);
    };
    walk(tree);
    expect(types.has("html")).toBe(false);
    expect(types.has("link")).toBe(false);
    expect(tree.children.filter((n) => n.type === "heading").map((h) => toString(h))).toEqual(["harbour-2024: Smuggling through the northern harbour", "Key Judgment 1 volume-rise"]);
    for (const row of tables(tree)[0]!.children) expect(row.children).toHaveLength(5);
    expect(toString(tree)).toContain("<script>alert(1)</script> | a | b # heading");
  });

  it("heads several reports with a count", () => {
    const md = formatMarkdown([diffAssessments(fixture("base"), fixture("base"), options), isk()]);
    expect(parseGfm(md).children[0]).toMatchObject({ type: "heading", depth: 2 });
    expect(md).toContain("yardstick diff: 1 of 2 assessments changed");
  });
});

describe("human format", () => {
  it("marks words without colour and colours them with a palette", () => {
    const r = diffAssessments(fixture("base"), fixture("statement-reworded"), options);
    const plain = formatHuman([r]);
    expect(plain).toContain("[-rise-]{+keep rising+}");
    expect(plain).not.toContain("\u001b[");
    const coloured = formatHuman([r], { palette: paletteFor(true) });
    expect(coloured).toContain("\u001b[32mkeep rising");
    expect(coloured).not.toContain("{+");
  });

  it("lists the judgments with arrows and both ranges", () => {
    const out = formatHuman([isk()]);
    expect(out).toMatch(/KJ1 +attacks-afghanistan +▲ +highly likely \(80–90 %\) → almost certain \(≥95 %\)/);
    expect(out).toMatch(/KJ2 +cross-border-attacks +▼ +likely \(55–75 %\) → realistic possibility \(40–50 %\)/);
    expect(out).toContain("likelihood: highly likely (80–90 %) → almost certain (≥95 %) ▲");
    expect(out).toContain("cutoff: 09/07/22 → 30/12/22 (+174 days)");
  });

  it("never passes terminal escape sequences through", () => {
    const base = fixture("base");
    const evil: Assessment = { ...base, title: "x\u001b]0;pwned\u0007", judgments: [{ ...base.judgments[0]!, statement: "clear\u001b[2J the screen" }, ...base.judgments.slice(1)] };
    const out = formatHuman([diffAssessments(base, evil, options)]);
    expect(out).not.toContain("\u001b");
    expect(out).not.toContain("\u0007");
  });
});

describe("json format and the brief's changes section", () => {
  it("round-trips the reports", () => {
    const r = isk();
    const parsed = JSON.parse(formatJson([r])) as { version: number; reports: unknown[] };
    expect(parsed.version).toBe(1);
    expect(parsed.reports).toEqual([JSON.parse(JSON.stringify(r))]);
  });

  it("summarises the changes for the next edition's brief", () => {
    const section = changesSection(isk(), "isk-2022-07");
    expect(section.previous).toBe("isk-2022-07");
    expect(section.headline).toMatch(/^4 judgments changed: 1 ▲, 1 ▼, 1 revised, 1 new; /);
    const items = section.items.map((i) => toString({ type: "paragraph", children: i }));
    expect(items).toContain("Key Judgment 1: highly likely (80–90 %) → almost certain (≥95 %) ▲; confidence none → high; evidence: 1 added, 1 revised");
    expect(items).toContain("Key Judgment 4 is new: It is likely that IS-K will attack foreign diplomatic and commercial targets in Kabul over the next 12 months.");
    expect(items).toContain("Intelligence cut-off moved from 09/07/22 to 30/12/22");
    const reworded = section.items.find((i) => toString({ type: "paragraph", children: i }).startsWith("Key Judgment 3"));
    expect(reworded?.some((n) => n.type === "strong" && toString(n) === "and among Afghan refugees in Pakistan")).toBe(true);
  });
});
