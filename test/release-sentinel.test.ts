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
import { normalizedJson } from "../src/render/json/normalize.js";
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

describe("build --release TLP:GREEN (every format, PDF read back)", () => {
  it("writes <id>.tlp-green.* beside the brief, and no byte of any of them holds a sentinel", async () => {
    const { mkdtempSync, mkdirSync, copyFileSync, readdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { inflateSync } = await import("node:zlib");
    const { run } = await import("../src/cli/main.js");
    const dir = mkdtempSync(join(tmpdir(), "ys-release-"));
    try {
      mkdirSync(join(dir, "assessments"));
      copyFileSync(FIXTURE, join(dir, "assessments/valley-2024-03.yaml"));
      const io = { out: "", err: "", stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), cwd: dir, env: process.env, isTTY: false };
      const code = await run(["build", "--format", "md,pdf,docx,stix,json,html", "--release", "TLP:GREEN", "--as-of", "2024-03-12", "--browser", "bundled"], io);
      expect(code, io.out + io.err).toBe(0);
      const released = readdirSync(join(dir, "out")).filter((f) => f.includes(".tlp-green."));
      expect(released.sort()).toEqual(["valley-2024-03.tlp-green.docx", "valley-2024-03.tlp-green.html", "valley-2024-03.tlp-green.json", "valley-2024-03.tlp-green.md", "valley-2024-03.tlp-green.pdf", "valley-2024-03.tlp-green.stix.json"]);
      const sentinel = /SENTINEL|sentinel-/i;
      // The full brief holds them, so the search can see them.
      expect(readFileSync(join(dir, "out/valley-2024-03.md"), "utf8")).toMatch(sentinel);
      for (const name of released) {
        const bytes = readFileSync(join(dir, "out", name));
        expect(bytes.toString("latin1"), name).not.toMatch(sentinel);
        if (name.endsWith(".docx")) {
          const { unzipSync, strFromU8 } = await import("fflate");
          for (const [part, data] of Object.entries(unzipSync(new Uint8Array(bytes)))) expect(strFromU8(data), `${name}:${part}`).not.toMatch(sentinel);
        }
        if (name.endsWith(".pdf")) {
          // Every compressed stream inflated, then the text, metadata and outline as pdfjs reads them.
          const raw = bytes.toString("latin1");
          for (const m of raw.matchAll(/stream\r?\n/g)) {
            const start = m.index + m[0].length;
            const end = raw.indexOf("endstream", start);
            try {
              expect(inflateSync(bytes.subarray(start, end)).toString("latin1")).not.toMatch(sentinel);
            } catch (error) {
              if (error instanceof Error && error.name === "AssertionError") throw error;
            }
          }
          const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
          const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
          const meta = await doc.getMetadata();
          expect(JSON.stringify(meta.info) + String(meta.metadata?.getRaw() ?? "")).not.toMatch(sentinel);
          expect(JSON.stringify(await doc.getOutline())).not.toMatch(sentinel);
          let text = "";
          for (let i = 1; i <= doc.numPages; i++) {
            const page = await doc.getPage(i);
            text += (await page.getTextContent()).items.map((it) => ("str" in it ? it.str : "")).join(" ");
            expect(JSON.stringify(await page.getAnnotations())).not.toMatch(sentinel);
          }
          expect(text).toContain("Patrols found three new routes");
          expect(text).not.toMatch(sentinel);
          await doc.destroy();
        }
      }
      // Recorded in the manifest as their own outputs.
      const manifest = JSON.parse(readFileSync(join(dir, "out/manifest.json"), "utf8")) as { briefs: Array<{ outputs: Array<{ format: string; path: string }> }> };
      expect(manifest.briefs[0]!.outputs.map((o) => o.format)).toContain("pdf@tlp-green");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a release whose summary is above the level, with the reason, and writes none", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, readdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { run } = await import("../src/cli/main.js");
    const dir = mkdtempSync(join(tmpdir(), "ys-release-"));
    try {
      mkdirSync(join(dir, "assessments"));
      writeFileSync(join(dir, "assessments/valley-2024-03.yaml"), readFileSync(FIXTURE, "utf8").replace(/^summaryMarking: .*\n/m, ""));
      const io = { out: "", err: "", stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), cwd: dir, env: process.env, isTTY: false };
      const code = await run(["build", "--format", "md", "--release", "TLP:GREEN", "--as-of", "2024-03-12"], io);
      expect(code).toBe(1);
      expect(io.out).toMatch(/no release at `TLP:GREEN`: the summary is marked SECRET · TLP:RED, above TLP:GREEN\s+release-refused/);
      expect(readdirSync(join(dir, "out")).filter((f) => f.includes("tlp-green"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
