/**
 * The incremental plan: keep an output only when its hash and bytes match; `--force` keeps
 * nothing; the manifest written at the end lists this build and what it found before.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/load.js";
import { briefRecord, writtenOutput } from "../src/build/plan.js";
import { MANIFEST_FILE, readManifest } from "../src/build/manifest.js";
import { decideOutput, finishManifest, manifestSource, planIncremental, renderOptionsFor } from "../src/build/plan.js";

describe("the incremental plan", () => {
  let root: string;
  let out: string;
  const assessment = { id: "a", title: "A", judgments: [{ id: "j", likelihood: "likely", statement: "x" }] };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "yardstick-cache-"));
    out = join(root, "out");
    mkdirSync(join(root, "assessments"), { recursive: true });
    mkdirSync(out);
    writeFileSync(join(root, "assessments", "a.yaml"), "id: a");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function firstBuild(): Promise<string> {
    const { plan, previousManifest } = planIncremental(out, { env: {} });
    expect(previousManifest).toBeUndefined();
    const config = defaultConfig(root);
    const d = decideOutput(plan, "a", "md", assessment, config);
    expect(d.reuse).toBeUndefined();
    writeFileSync(join(out, "a.md"), "# A\n");
    const record = briefRecord({ id: "a", source: manifestSource(join(root, "assessments/a.yaml"), root), inputHash: d.inputHash, judgments: 1, diagnostics: [], outputs: [writtenOutput("md", "a.md", "# A\n", d.inputHash)] });
    await finishManifest(out, previousManifest, [record], root);
    return d.inputHash;
  }

  it("keeps an output whose inputs and bytes are unchanged, and renders it again otherwise", async () => {
    const hash = await firstBuild();
    const config = defaultConfig(root);
    const { plan } = planIncremental(out, { env: {} });
    expect(decideOutput(plan, "a", "md", assessment, config)).toEqual({ inputHash: hash, reuse: expect.objectContaining({ path: "a.md" }) });
    expect(decideOutput(plan, "a", "md", { ...assessment, title: "B" }, config).reuse).toBeUndefined();
    expect(decideOutput(plan, "a", "pdf", assessment, config).reuse).toBeUndefined();
    writeFileSync(join(out, "a.md"), "# A (edited by hand)\n");
    expect(decideOutput(plan, "a", "md", assessment, config).reuse).toBeUndefined();
  });

  it("with --force keeps nothing", async () => {
    await firstBuild();
    const { plan, previousManifest } = planIncremental(out, { force: true, env: {} });
    expect(previousManifest?.briefs).toHaveLength(1);
    expect(decideOutput(plan, "a", "md", assessment, defaultConfig(root)).reuse).toBeUndefined();
  });

  it("renders everything again when the manifest is corrupt", async () => {
    await firstBuild();
    writeFileSync(join(out, MANIFEST_FILE), "{ not json");
    const { plan } = planIncremental(out, { env: {} });
    expect(decideOutput(plan, "a", "md", assessment, defaultConfig(root)).reuse).toBeUndefined();
  });

  it("hashes SOURCE_DATE_EPOCH into the formats that stamp a date (PDF, Word) only", () => {
    const options = renderOptionsFor({ SOURCE_DATE_EPOCH: "0" });
    expect(options.pdf).toEqual({ SOURCE_DATE_EPOCH: "0" });
    expect(options.docx).toEqual({ SOURCE_DATE_EPOCH: "0" });
    expect(options.md).toEqual({});
    const config = defaultConfig(root);
    const plain = planIncremental(out, { env: {} }).plan;
    const epoch = planIncremental(out, { env: { SOURCE_DATE_EPOCH: "1700000000" } }).plan;
    expect(decideOutput(plain, "a", "pdf", assessment, config).inputHash).not.toBe(decideOutput(epoch, "a", "pdf", assessment, config).inputHash);
    expect(decideOutput(plain, "a", "md", assessment, config).inputHash).toBe(decideOutput(epoch, "a", "md", assessment, config).inputHash);
  });

  it("records sources relative to the project and lists briefs of deleted sources as removed", async () => {
    await firstBuild();
    expect(readManifest(out)!.briefs[0]!.source).toBe("assessments/a.yaml");
    rmSync(join(root, "assessments", "a.yaml"));
    const m = await finishManifest(out, readManifest(out), [], root);
    expect(m.briefs).toEqual([]);
    expect(m.removed!.map((b) => b.id)).toEqual(["a"]);
    expect(JSON.parse(readFileSync(join(out, MANIFEST_FILE), "utf8")).removed[0].outputs[0].path).toBe("a.md");
  });
});
