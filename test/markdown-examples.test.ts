/**
 * The Markdown of both example briefs, asserted for what a reader relies on (this replaces a
 * snapshot of the whole tree): the structure, every sentence, every citation numbered and linked
 * to an entry of the Sources list that exists, no internal note, the same bytes every time.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Link, List, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { toBrief } from "../src/brief/to-brief.js";
import { checkFiles } from "../src/project/check.js";
import { briefToMdast, renderMarkdown } from "../src/render/markdown/index.js";

const ROOT = resolve(import.meta.dirname, "..");
const files = readdirSync(join(ROOT, "assessments"))
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const checked = checkFiles(
  files.map((f) => join(ROOT, "assessments", f)),
  { asOf: "2024-01-01" },
);
const plain = (n: Parameters<typeof toString>[0]) => toString(n, { includeHtml: false }).replace(/\s+/g, " ").trim();

/** Every `note:` value written in a YAML document. */
function notesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(notesOf);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => (k === "note" && typeof v === "string" ? [v] : notesOf(v)));
  return [];
}

describe.each(files.map((f, i) => [f, i] as const))("Markdown of %s", (file, i) => {
  const c = checked.files[i]!;
  const brief = toBrief(c.assessment!, c.config);
  const md = renderMarkdown(brief);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
  const headings = tree.children.filter((n) => n.type === "heading").map(plain);

  it("has the title, Summary, every Key Judgment and Sources as its headings, and ends with the cut-off line", () => {
    expect(c.assessment, c.diagnostics.map((d) => d.message).join("; ")).toBeDefined();
    expect(headings).toEqual([brief.title, "Summary", ...brief.judgments.map((j) => j.heading), "Sources"]);
    expect(plain(tree.children.at(-1)!)).toBe(`Intelligence cut-off ${brief.cutoff.text}`);
    expect(md).toContain(`**Reference:** ${brief.id}`);
  });

  it("prints each sentence with its term in bold, and the likelihood in words under it", () => {
    for (const j of brief.judgments) {
      expect(md).toContain(`**${j.term.text}**`);
      expect(tree.children.some((n) => n.type === "paragraph" && plain(n) === j.sentence)).toBe(true);
      expect(md).toContain(`Likelihood: ${j.term.label}, ${j.term.range} (${brief.scale.name}).`);
      if (j.confidence) expect(md).toContain(`Confidence: ${j.confidence.level}.`);
    }
  });

  it("ends every sourced bullet with one numbered citation, linked to a Sources entry that exists", () => {
    const lists = tree.children.filter((n): n is List => n.type === "list" && !n.ordered);
    const bullets = lists.flatMap((l) => l.children);
    expect(bullets).toHaveLength(brief.judgments.reduce((k, j) => k + j.evidence.length, 0));
    const evidence = brief.judgments.flatMap((j) => j.evidence);
    const anchors = [...md.matchAll(/<a id="(source-\d+)"><\/a>/g)].map((m) => m[1]);
    expect(anchors).toEqual(brief.sources.map((s) => s.anchor));
    bullets.forEach((item, k) => {
      const links: Link[] = [];
      visit(item, "link", (l: Link) => {
        links.push(l);
      });
      const e = evidence[k]!;
      expect(links.map((l) => l.url)).toEqual(e.sources.map((n) => `#source-${n}`));
      expect(links.map((l) => plain(l))).toEqual(e.sources.map((n, m) => (m === e.sources.length - 1 && e.date ? `[${n}, ${e.date.text}]` : `[${n}]`)));
      if (e.sources.length > 0) expect(plain(item)).toMatch(/\[\d+(?:, \d\d\/\d\d\/\d\d)?\]$/);
    });
  });

  it("numbers the Sources in order of first citation, each entry a title or 'Untitled source', never an id", () => {
    const list = tree.children.filter((n): n is List => n.type === "list" && n.ordered === true).at(-1)!;
    expect(list.start).toBe(1);
    const entries = list.children.map(plain);
    expect(entries).toHaveLength(brief.sources.length);
    brief.sources.forEach((s, k) => {
      expect(entries[k]!.startsWith(s.label)).toBe(true);
      if (s.untitled) expect(entries[k]).not.toContain(s.id);
      if (s.grade) expect(entries[k]).toContain(`${s.grade} — ${s.gradeText}`);
    });
    const firsts = [...new Set(brief.judgments.flatMap((j) => j.evidence.flatMap((e) => e.sources)))];
    expect(firsts).toEqual(firsts.map((_, k) => k + 1));
  });

  it("prints none of the analyst's notes", () => {
    const notes = notesOf(parseYaml(readFileSync(join(ROOT, "assessments", file), "utf8")));
    for (const n of notes) expect(md).not.toContain(n);
  });

  it("gives the same bytes every time", () => {
    expect(renderMarkdown(toBrief(c.assessment!, c.config))).toBe(md);
  });
});

describe("stringifier", () => {
  it("gives the same Markdown as a remark-stringify + remark-gfm processor", async () => {
    const remarkStringify = (await import("remark-stringify")).default;
    const { MARKDOWN_STYLE, stringifyMarkdown } = await import("../src/render/markdown/stringify.js");
    const processor = unified().use(remarkGfm).use(remarkStringify, MARKDOWN_STYLE);
    for (const c of checked.files) {
      const tree = briefToMdast(toBrief(c.assessment!, c.config));
      expect(stringifyMarkdown(tree)).toBe(processor.stringify(tree));
    }
  });
});
