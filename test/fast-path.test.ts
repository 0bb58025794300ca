/**
 * The fast path: an unchanged file (same bytes, config, day, version, --strict) whose outputs are
 * all still in place is neither checked nor rendered again; anything else is.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/load.js";
import { checkKey, decodeSource, entriesBySource, tryFastPath, type FastPathInput } from "../src/build/plan.js";
import { briefRecord, writtenOutput } from "../src/build/plan.js";
import type { ManifestBrief } from "../src/build/manifest.js";
import { briefInputHash, decideFromBrief, planIncremental } from "../src/build/plan.js";

const TEXT = "yardstick: 1\nid: a\n";

describe("checkKey", () => {
  const config = defaultConfig("/x");
  const base = { text: TEXT, config, asOf: "2024-01-01", strict: false, version: "1.0.0" };
  it("changes with the text, the config, the day, --strict and the version", () => {
    const k = checkKey(base);
    const letter = { ...config, data: { ...config.data, pageSize: "Letter" as const } };
    const variants = [{ ...base, text: `${TEXT} ` }, { ...base, config: letter }, { ...base, asOf: "2024-01-02" }, { ...base, strict: true }, { ...base, version: "1.0.1" }];
    for (const v of variants) expect(checkKey(v)).not.toBe(k);
    expect(checkKey({ ...base })).toBe(k);
  });

  it("decodes as the loader does: a byte-order mark is not part of the text; invalid UTF-8 has none", () => {
    expect(decodeSource(Buffer.from(`\uFEFF${TEXT}`))).toBe(TEXT);
    expect(decodeSource(new Uint8Array([0xff, 0xfe, 0x00]))).toBeUndefined();
  });
});

describe("tryFastPath", () => {
  let out: string;
  let input: FastPathInput;
  let entry: ManifestBrief;

  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), "yardstick-fast-"));
    const config = defaultConfig(out);
    const { plan } = planIncremental(out, { env: {} });
    const brief = briefInputHash(plan, { id: "a" }, config);
    const md = decideFromBrief(plan, "a", "md", brief, config).inputHash;
    writeFileSync(join(out, "a.md"), "# A\n");
    entry = briefRecord({
      id: "a",
      source: "assessments/a.yaml",
      inputHash: brief,
      checkKey: checkKey({ text: TEXT, config, asOf: "2024-01-01", strict: false, version: plan.version }),
      judgments: 1,
      diagnostics: [{ file: "x", line: 2, column: 1, endLine: 2, endColumn: 6, ruleId: "horizon-passed", severity: "warning", message: "m", hint: "h" }],
      outputs: [writtenOutput("md", "a.md", "# A\n", md)],
    });
    const previous = planIncremental(out, { env: {} }).plan;
    previous.previous = { a: { md: entry.outputs[0]! } };
    input = { file: "assessments/a.yaml", bytes: Buffer.from(TEXT), entry, config, formats: ["md"], plan: previous, asOf: "2024-01-01", strict: false };
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it("finishes an unchanged file from the manifest, warnings included with their positions and hints", () => {
    const hit = tryFastPath(input);
    expect(hit?.outputs.map((o) => o.path)).toEqual(["a.md"]);
    expect(hit?.diagnostics).toEqual([{ file: "assessments/a.yaml", line: 2, column: 1, endLine: 2, endColumn: 6, ruleId: "horizon-passed", severity: "warning", message: "m", hint: "h" }]);
  });

  it("checks normally when the file, the day or --strict changed", () => {
    expect(tryFastPath({ ...input, bytes: Buffer.from(`${TEXT}# note\n`) })).toBeUndefined();
    expect(tryFastPath({ ...input, asOf: "2024-01-02" })).toBeUndefined();
    expect(tryFastPath({ ...input, strict: true })).toBeUndefined();
  });

  it("checks normally when an output is missing, edited, or a format is new", () => {
    expect(tryFastPath({ ...input, formats: ["md", "json"] })).toBeUndefined();
    writeFileSync(join(out, "a.md"), "# B\n");
    expect(tryFastPath(input)).toBeUndefined();
    rmSync(join(out, "a.md"));
    expect(tryFastPath(input)).toBeUndefined();
  });

  it("never takes briefs that name a previous edition, entries without a key, or anything after --force", () => {
    expect(tryFastPath({ ...input, entry: { ...entry, supersedes: "a-2023" } })).toBeUndefined();
    const { checkKey: _drop, ...noKey } = entry;
    expect(tryFastPath({ ...input, entry: noKey })).toBeUndefined();
    expect(entriesBySource({ manifestVersion: 1, generator: "y", briefs: [entry] }, true).size).toBe(0);
    expect(entriesBySource({ manifestVersion: 1, generator: "y", briefs: [entry] }, false).get("assessments/a.yaml")).toEqual(entry);
  });
});
