/**
 * Snapshots of the mdast built for both example assessments (review changes to the tree in
 * test/__snapshots__/ when the layout changes on purpose).
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import { checkFiles } from "../src/check/check.js";
import { briefToMdast, renderMarkdown } from "../src/render/markdown/index.js";

const ROOT = resolve(import.meta.dirname, "..");
const files = readdirSync(join(ROOT, "assessments"))
  .filter((f) => f.endsWith(".yaml"))
  .sort();

describe("mdast of the examples", () => {
  const checked = checkFiles(
    files.map((f) => join(ROOT, "assessments", f)),
    { asOf: "2024-01-01" },
  );
  it.each(files.map((f, i) => [f, i] as const))("%s", (_name, i) => {
    const c = checked.files[i]!;
    expect(c.assessment, c.diagnostics.map((d) => d.message).join("; ")).toBeDefined();
    const brief = toBrief(c.assessment!, c.config);
    const tree = briefToMdast(brief);
    expect(tree).toMatchSnapshot();
    // Same input, same bytes.
    expect(renderMarkdown(toBrief(c.assessment!, c.config))).toBe(renderMarkdown(brief));
  });
});

describe("stringifier", () => {
  it("gives the same Markdown as a remark-stringify + remark-gfm processor", async () => {
    const { unified } = await import("unified");
    const remarkGfm = (await import("remark-gfm")).default;
    const remarkStringify = (await import("remark-stringify")).default;
    const { MARKDOWN_STYLE, stringifyMarkdown } = await import("../src/render/markdown/stringify.js");
    const processor = unified().use(remarkGfm).use(remarkStringify, MARKDOWN_STYLE);
    const checked = checkFiles(files.map((f) => join(ROOT, "assessments", f)), { asOf: "2024-01-01" });
    for (const c of checked.files) {
      const tree = briefToMdast(toBrief(c.assessment!, c.config));
      expect(stringifyMarkdown(tree)).toBe(processor.stringify(tree));
    }
  });
});
