/**
 * Whether an earlier output can be kept: same input hash, file still there with the same bytes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256 } from "../src/build/hash.js";
import { briefRecord, manifestWarning, previousOutputs, reusableOutput, warningDiagnostics, writtenOutput } from "../src/build/plan.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";

const HASH = sha256("inputs");

describe("reusableOutput", () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), "yardstick-incremental-"));
    writeFileSync(join(out, "a.pdf"), "%PDF-1.7 brief");
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  const record = () => writtenOutput("pdf", "a.pdf", "%PDF-1.7 brief", HASH);

  it("keeps an output rendered from the same inputs and unchanged on disk", () => {
    expect(reusableOutput(out, record(), HASH)).toEqual(record());
  });

  it("renders again when the inputs changed, the file is gone, edited, or nothing is known", () => {
    expect(reusableOutput(out, record(), sha256("other inputs"))).toBeUndefined();
    expect(reusableOutput(out, undefined, HASH)).toBeUndefined();
    writeFileSync(join(out, "a.pdf"), "%PDF-1.7 briek");
    expect(reusableOutput(out, record(), HASH)).toBeUndefined();
    writeFileSync(join(out, "a.pdf"), "%PDF-1.7 bri");
    expect(reusableOutput(out, record(), HASH)).toBeUndefined();
    rmSync(join(out, "a.pdf"));
    expect(reusableOutput(out, record(), HASH)).toBeUndefined();
  });

  it("never reads outside the output folder, whatever the manifest says", () => {
    writeFileSync(join(out, "..", "outside.pdf"), "%PDF-1.7 brief");
    try {
      expect(reusableOutput(out, { ...record(), path: "../outside.pdf" }, HASH)).toBeUndefined();
    } finally {
      rmSync(join(out, "..", "outside.pdf"));
    }
  });
});

describe("manifest records", () => {
  const warning: Diagnostic = { file: "a.yaml", line: 3, column: 5, ruleId: "blocked-request", severity: "warning", message: "refused https://x" };

  it("round-trips render warnings of a reused output", () => {
    const o = writtenOutput("pdf", "a.pdf", new Uint8Array([1, 2, 3]), HASH, [warning]);
    expect(o).toMatchObject({ bytes: 3, sha256: sha256(new Uint8Array([1, 2, 3])) });
    expect(warningDiagnostics("a.yaml", o.warnings)).toEqual([warning]);
    expect(manifestWarning({ ...warning, column: 0 })).not.toHaveProperty("column");
  });

  it("lists a brief's warnings and infos, not its file name", () => {
    const info: Diagnostic = { ...warning, severity: "info", ruleId: "source-ungraded" };
    const b = briefRecord({ id: "a", source: "assessments/a.yaml", inputHash: HASH, judgments: 3, diagnostics: [warning, info], outputs: [] });
    expect(b.warnings.map((w) => w.ruleId)).toEqual(["blocked-request", "source-ungraded"]);
    expect(JSON.stringify(b)).not.toContain('"file"');
  });

  it("indexes earlier outputs by id and format", () => {
    const md = writtenOutput("md", "a.md", "# A", HASH);
    const idx = previousOutputs({ manifestVersion: 1, generator: "y", briefs: [briefRecord({ id: "a", source: "a.yaml", inputHash: HASH, judgments: 1, diagnostics: [], outputs: [md] })] });
    expect(idx.a?.md).toEqual(md);
    expect(idx.a?.pdf).toBeUndefined();
    expect(previousOutputs(undefined)).toEqual({});
  });
});
