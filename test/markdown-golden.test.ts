/**
 * Golden test: the short seed brief, typed as assessments/isk-2022-07.yaml and rendered to
 * Markdown, reads line for line as seeds/003_cfe4659aedeb1023.txt (the title line aside, which
 * the seed does not have). The seed's own style ("Summary." with a full stop, no horizon line) is
 * the config in test/fixtures/seed-style/, so the comparison needs no normalisation.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import { defaultConfig, loadConfigFile } from "../src/config/load.js";
import { checkText } from "../src/check/check.js";
import { renderMarkdown } from "../src/render/markdown/index.js";

const ROOT = resolve(import.meta.dirname, "..");

/** Markdown as the plain lines a reader sees: headings and paragraphs as text, list items as "- text". */
function plainLines(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  const lines: string[] = [];
  for (const node of tree.children) {
    if (node.type === "list") {
      node.children.forEach((item, i) => lines.push(`${node.ordered ? `${(node.start ?? 1) + i}.` : "-"} ${toString(item)}`));
    } else {
      lines.push(toString(node));
    }
  }
  return lines.filter((l) => l.trim() !== "");
}

function render(configFile: string): string {
  const file = join(ROOT, "assessments/isk-2022-07.yaml");
  const config = loadConfigFile(configFile);
  expect(config.diagnostics).toEqual([]);
  const checked = checkText(readFileSync(file), file, config, { asOf: "2023-01-01" });
  expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return renderMarkdown(toBrief(checked.assessment!, config));
}

describe("golden: seeds/003", () => {
  const seed = readFileSync(join(ROOT, "seeds/003_cfe4659aedeb1023.txt"), "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");

  it("reproduces the seed line for line in the seed's style", () => {
    const lines = plainLines(render(join(ROOT, "test/fixtures/seed-style/yardstick.config.yaml")));
    expect(lines[0]).toBe("IS-K and the Taliban");
    expect(lines.slice(1)).toEqual(seed);
  });

  it("differs from the seed in the default style only by what the default adds: title block, likelihood lines, numbered citations, Sources", () => {
    const file = join(ROOT, "assessments/isk-2022-07.yaml");
    const config = defaultConfig(ROOT);
    const checked = checkText(readFileSync(file), file, config, { asOf: "2023-01-01" });
    const lines = plainLines(renderMarkdown(toBrief(checked.assessment!, config))).slice(1);
    const sources = lines.indexOf("Sources");
    expect(lines.slice(sources + 1, -1)).toEqual(checked.assessment!.sources.map((_, i) => expect.stringMatching(new RegExp(`^${i + 1}\\. .*Untitled source, cited in Key Judgment \\d\\.$`))));
    const body = lines
      .slice(0, sources)
      .filter((l) => !/^(Reference|Likelihood): /.test(l))
      .map((l) => l.replace(/\[\d+\]/g, "(source)"));
    expect(body.filter((l) => !seed.includes(l))).toEqual(["Summary"]);
    expect(lines.at(-1)).toBe("Intelligence cut-off 09/07/22");
    expect(lines.filter((l) => l.startsWith("Likelihood: "))).toHaveLength(3);
  });
});
