/**
 * Property tests: whatever characters the fields hold, the rendered Markdown, parsed back with
 * remark-parse, has exactly the headings, judgments and bullets the data says, each field's text
 * survives, and no raw HTML comes through.
 */
import fc from "fast-check";
import type { Heading, List, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { isPlainLine, parseBlock } from "../src/brief/inline-markdown.js";
import { toBrief } from "../src/brief/to-brief.js";
import { defaultConfig } from "../src/config/load.js";
import { Assessment, type Assessment as AssessmentT } from "../src/schema/assessment.js";
import { briefToMdast, renderMarkdown } from "../src/render/markdown/index.js";
import { MARKDOWN_STYLE, stringifyMarkdown } from "../src/render/markdown/stringify.js";
import remarkStringify from "remark-stringify";

const CONFIG = defaultConfig("/tmp");
const HOSTILE = ["# ", "- ", "1. ", "|", "---", "```", "`", "\\", "<script>alert(1)</script>", "[@x]", "[@s0]", "*", "_", "<!-- -->", "<div>", "</p>", "> ", "    code", "===", "~~~", "[a](javascript:x)", "![i](http://127.0.0.1/)", "&amp;", "&#x3C;", "www.example.org", "a@b.org", "\n", "\n\n", " ", "1)", "+ ", "* ", "[^1]", "[x]: http://y", "(source)", "\t", "\u00a0", "\r\n"];
const CHARS = ["a", "b", " ", "#", "-", "*", "_", "`", "\\", "[", "]", "(", ")", "<", ">", "!", "|", "~", "&", ";", "1", ".", ":", "/", "@", "=", "+", "'", '"', "\n", "é", "ع"];

/** A non-empty trimmed string: plain-looking words and punctuation, or Markdown-dense pieces. */
const text = fc
  .oneof(
    fc.stringMatching(/^[A-Za-z0-9 ,.;:'’()!#?/@Ww-]{1,30}$/),
    fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom(...CHARS), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 14 })
      .map((parts) => parts.join("")),
  )
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

const TERMS = ["remote chance", "highly unlikely", "unlikely", "realistic possibility", "likely", "probable", "highly likely", "almost certain"];

const evidence = fc.oneof(
  text,
  fc.record({ text, source: fc.constantFrom("s0", "s1", "s2") }),
  fc.record({ text, source: fc.record({ title: text, url: fc.constantFrom("https://example.org/a", "https://example.org/b?x=1&y=(2)") }) }),
);

const assessmentArb = fc
  .record({
    title: text,
    summary: text,
    judgments: fc.array(fc.record({ likelihood: fc.constantFrom(...TERMS), statement: text, evidence: fc.array(evidence, { maxLength: 4 }), confidence: fc.option(fc.constantFrom("low", "moderate", "high"), { nil: undefined }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    sourceTitles: fc.array(fc.option(text, { nil: undefined }), { minLength: 3, maxLength: 3 }),
    withUrl: fc.boolean(),
  })
  .map(({ title, summary, judgments, sourceTitles, withUrl }): AssessmentT => {
    const raw = {
      yardstick: 1,
      id: "prop",
      title,
      cutoff: "2022-07-09",
      summary,
      judgments: judgments.map((j, i) => ({ id: `j${i}`, ...j })),
      sources: sourceTitles.map((t, i) => ({ id: `s${i}`, ...(t === undefined ? {} : { title: t }), ...(withUrl ? { url: `https://example.org/s${i}` } : {}) })),
    };
    return { ...Assessment.parse(raw), id: "prop" };
  });

function parse(md: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(md) as Root;
}

function norm(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function sections(tree: Root): Array<{ heading: Heading; body: RootContent[] }> {
  const out: Array<{ heading: Heading; body: RootContent[] }> = [];
  for (const node of tree.children) {
    if (node.type === "heading") out.push({ heading: node, body: [] });
    else out[out.length - 1]?.body.push(node);
  }
  return out;
}

describe("rendered Markdown keeps the brief's structure whatever the fields hold", () => {
  it("has exactly the headings, judgments and bullets the data says, and every text survives", () => {
    fc.assert(
      fc.property(assessmentArb, (a) => {
        const brief = toBrief(a, CONFIG);
        const md = renderMarkdown(brief);
        const tree = parse(md);
        // The only raw HTML is the brief's own anchors of its Sources entries, never analyst text.
        const html: string[] = [];
        visit(tree, "html", (n: { value: string }) => {
          html.push(n.value);
        });
        expect(html.filter((h) => !/^<a id="source-\d+">$|^<\/a>$/.test(h))).toEqual([]);
        expect(html.filter((h) => h.startsWith("<a ")).length).toBe(brief.showSources ? brief.sources.length : 0);

        const secs = sections(tree);
        const expectedHeadings = [brief.title, "Summary", ...brief.judgments.map((j) => j.heading), ...(brief.showSources ? ["Sources"] : [])];
        expect(secs.map((s) => norm(toString(s.heading)))).toEqual(expectedHeadings.map(norm));
        expect(secs.map((s) => s.heading.depth)).toEqual([1, ...expectedHeadings.slice(1).map(() => 2)]);
        expect(tree.children[0]?.type).toBe("heading");

        // Summary: the same text as the summary parsed on its own.
        const summary = secs[1]!.body;
        expect(norm(summary.map((n) => toString(n)).join(" "))).toBe(norm(parseBlock(a.summary).map((n) => toString(n)).join(" ")));

        brief.judgments.forEach((j, i) => {
          const body = secs[2 + i]!.body;
          expect(body[0]?.type).toBe("paragraph");
          expect(norm(toString(body[0]!))).toBe(norm(j.sentence));
          const lists = body.filter((n): n is List => n.type === "list");
          if (j.evidence.length === 0) {
            expect(lists).toHaveLength(0);
          } else {
            expect(lists).toHaveLength(1);
            expect(lists[0]!.children.map((item) => norm(toString(item)))).toEqual(j.evidence.map((e) => norm(e.text)));
          }
          if (j.confidence) expect(body.some((n) => n.type === "paragraph" && toString(n).split(/(?<=\.) /).includes(j.confidence!.text))).toBe(true);
        });

        if (brief.showSources) {
          const list = secs[secs.length - 1]!.body.find((n): n is List => n.type === "list");
          expect(list?.ordered).toBe(true);
          expect(list!.children).toHaveLength(brief.sources.length);
          brief.sources.forEach((s, i) => expect(norm(toString(list!.children[i]!))).toContain(norm(s.label)));
        }
        const last = tree.children[tree.children.length - 1]!;
        expect(toString(last)).toBe("Intelligence cut-off 09/07/22");
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) },
    );
  });

  it("writes the same bytes as a remark-stringify + remark-gfm processor (the unescaped-text shortcut is exact)", () => {
    const processor = unified().use(remarkGfm).use(remarkStringify, MARKDOWN_STYLE);
    fc.assert(
      fc.property(assessmentArb, (a) => {
        const tree = briefToMdast(toBrief(a, CONFIG));
        expect(stringifyMarkdown(tree)).toBe(processor.stringify(tree));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 100) },
    );
  });

  it("takes the parser-free fast path only where the parser gives the same single text node", () => {
    const processor = unified().use(remarkParse).use(remarkGfm);
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ minLength: 1, maxLength: 30 }), fc.stringMatching(/^[A-Za-z0-9 ,.;:'’()$%?!-]{1,40}$/)), (s) => {
        if (!isPlainLine(s)) return;
        const tree = processor.parse(s) as Root;
        expect(tree.children).toHaveLength(1);
        const para = tree.children[0]!;
        expect(para.type).toBe("paragraph");
        expect((para as { children: unknown[] }).children).toEqual([expect.objectContaining({ type: "text", value: s })]);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps plain strings verbatim", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
        (s) => {
          const a = { ...Assessment.parse({ yardstick: 1, title: "T", cutoff: "2022-07-09", summary: "S", judgments: [{ id: "j", likelihood: "likely", statement: "x", evidence: [s] }] }), id: "p" };
          const brief = toBrief(a, CONFIG);
          const tree = parse(renderMarkdown(brief));
          const list = tree.children.find((n): n is List => n.type === "list")!;
          expect(norm(toString(list.children[0]!))).toBe(norm(brief.judgments[0]!.evidence[0]!.text));
        },
      ),
      { numRuns: 300 },
    );
  });
});
