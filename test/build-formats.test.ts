/**
 * The output-format registry as `buildFiles` uses it: a format with a shared session (as PDF will
 * be) is opened once per build, renders every valid brief, and is closed even when nothing is built.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildFiles } from "../src/build/index.js";
import { registerFormat, type RenderInput } from "../src/render/formats.js";

const ROOT = resolve(import.meta.dirname, "..");
const FILES = ["assessments/isk-2022-07.yaml", "assessments/afghanistan-threats-2022-12.yaml"].map((f) => join(ROOT, f));

const calls = { opened: 0, closed: 0, rendered: [] as string[] };
registerFormat({
  id: "test-sentences",
  extension: "sentences.txt",
  description: "one key-judgment sentence a line (test format)",
  needsBrief: true,
  dependsOn: { templates: false, fonts: false, env: [] },
  async createSession() {
    calls.opened += 1;
    return {
      async render({ brief }: RenderInput) {
        calls.rendered.push(brief.id);
        return new TextEncoder().encode(brief.judgments.map((j) => j.sentence).join("\n"));
      },
      async close() {
        calls.closed += 1;
      },
    };
  },
});

let out: string | undefined;
afterEach(() => {
  if (out) rmSync(out, { recursive: true, force: true });
  calls.opened = calls.closed = 0;
  calls.rendered = [];
});

describe("buildFiles with a session format", () => {
  it("opens one session per build, renders each valid brief and closes it", async () => {
    out = mkdtempSync(join(tmpdir(), "yardstick-formats-"));
    const result = await buildFiles(FILES, { outDir: out, formats: ["md", "test-sentences"], asOf: "2024-01-01" });
    expect(result.failed).toBe(false);
    expect(calls).toEqual({ opened: 1, closed: 1, rendered: expect.arrayContaining(["isk-2022-07", "afghanistan-threats-2022-12"]) as unknown as string[] });
    expect(readdirSync(out).sort()).toEqual(["afghanistan-threats-2022-12.md", "afghanistan-threats-2022-12.sentences.txt", "isk-2022-07.md", "isk-2022-07.sentences.txt"]);
    expect(readFileSync(join(out, "isk-2022-07.sentences.txt"), "utf8").split("\n")[0]).toBe("It is highly likely that IS-K will continue its surge of attacks in Afghanistan over the next 12 months to destabilise the Taliban regime.");
    expect(result.files.map((f) => f.outputs.length)).toEqual([2, 2]);
  });

  it("reports an unknown format as an environment problem and writes nothing", async () => {
    out = join(mkdtempSync(join(tmpdir(), "yardstick-formats-")), "never");
    const result = await buildFiles(FILES, { outDir: out, formats: ["md", "nope"], asOf: "2024-01-01" });
    expect(result.failed).toBe(true);
    expect(result.environment.map((d) => d.ruleId)).toEqual(["unknown-format"]);
    expect(() => readdirSync(out!)).toThrow();
    expect(calls.opened).toBe(0);
  });
});
