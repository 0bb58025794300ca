/**
 * Lint findings keep their message id through the manifest: a no-change rebuild replays the
 * warnings of the first build from manifest.json, with the same message ids.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildFiles } from "../src/build/index.js";
import { parseManifest } from "../src/build/manifest.js";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "ys-lintmsg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("message ids in the manifest", () => {
  it("a no-change rebuild reports the same findings with the same message ids", async () => {
    const files = ["isk-2022-07.yaml", "afghanistan-threats-2022-12.yaml"].map((f) => {
      copyFileSync(join(ROOT, "assessments", f), join(dir, f));
      return join(dir, f);
    });
    // As of 2024 the shipped briefs' horizons have passed: each has warnings to keep.
    const options = { outDir: join(dir, "out"), formats: ["md"], asOf: "2024-06-01", incremental: { projectRoot: dir } };
    const shown = (r: Awaited<ReturnType<typeof buildFiles>>) => r.files.flatMap((f) => f.diagnostics.map((d) => `${f.file}:${d.line}:${d.column} ${d.ruleId}/${d.messageId ?? "?"} ${d.message}`)).sort();

    const first = await buildFiles(files, options);
    const firstShown = shown(first);
    expect(firstShown.length).toBeGreaterThan(0);
    expect(firstShown.filter((s) => s.includes("/? "))).toEqual([]);
    expect(firstShown.some((s) => s.includes("horizon-passed/durationPassed "))).toBe(true);
    const manifest = parseManifest(readFileSync(join(dir, "out", "manifest.json"), "utf8"));
    expect(manifest?.briefs.flatMap((b) => b.warnings.map((w) => w.messageId))).toContain("durationPassed");

    const second = await buildFiles(files, options);
    expect(second.files.every((f) => (f.reused?.length ?? 0) > 0 && f.outputs.length === 0)).toBe(true);
    expect(shown(second)).toEqual(firstShown);
  });

  it("reads a manifest written before message ids were kept, and replays its warnings without them", async () => {
    const path = join(dir, "out", "manifest.json");
    const text = readFileSync(path, "utf8");
    expect(text).toContain('"messageId"');
    const older = text.replace(/\s*"messageId": "[a-zA-Z0-9]+",/g, "");
    expect(older).not.toContain("messageId");
    const manifest = parseManifest(older);
    expect(manifest?.briefs.length).toBe(2);
    expect(manifest?.briefs.flatMap((b) => b.warnings).length).toBeGreaterThan(0);
    writeFileSync(path, older);
    const files = ["isk-2022-07.yaml", "afghanistan-threats-2022-12.yaml"].map((f) => join(dir, f));
    const again = await buildFiles(files, { outDir: join(dir, "out"), formats: ["md"], asOf: "2024-06-01", incremental: { projectRoot: dir } });
    const replayed = again.files.flatMap((f) => f.diagnostics);
    expect(again.files.every((f) => f.outputs.length === 0)).toBe(true);
    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed.every((d) => d.messageId === undefined && d.message.length > 0)).toBe(true);
  });
});
