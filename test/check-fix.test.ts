/**
 * `check --fix`: every fixable fixture round-trips — the fixed file is clean for what was fixed,
 * only the fixed ranges change, everything else (comments, quoting, blank lines) is byte for byte
 * the same — and `--fix` on a clean file changes nothing.
 */
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-io.js";
import { ConfigResolver } from "../src/config/load.js";
import { applyFixes } from "../src/fix/apply.js";
import { fixText } from "../src/project/fix.js";
import { PHIA } from "../src/schema/scales.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MULTI = join(ROOT, "test/fixtures/multi");
const AS_OF = "2026-01-01";
const configs = new ConfigResolver();

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

const fixtures = readdirSync(MULTI).filter((f) => f.endsWith(".yaml")).sort();

describe("--fix round trips", () => {
  it.each(fixtures)("%s", (name) => {
    const file = join(MULTI, name);
    const before = readFileSync(file, "utf8");
    const fixed = fixText(before, file, configs, { asOf: AS_OF });
    if (name === "fixable.yaml") expect(fixed.applied.length).toBeGreaterThanOrEqual(10);
    // Clean for what was fixed: nothing fixable is left, and no fixed problem comes back.
    expect(fixed.checked.diagnostics.filter((d) => d.fix)).toEqual([]);
    for (const { diagnostic } of fixed.applied) {
      expect(fixed.checked.diagnostics.some((d) => d.ruleId === diagnostic.ruleId && d.message === diagnostic.message)).toBe(false);
    }
    // Only the fixed ranges changed: every other line is byte-identical, comments included.
    const fixedLines = new Set(fixed.applied.filter((a) => a.pass === 1).map((a) => lineOf(before, a.diagnostic.fix.range[0])));
    const a = before.split("\n");
    const b = fixed.after.split("\n");
    expect(b.length).toBe(a.length);
    a.forEach((line, i) => {
      if (!fixedLines.has(i + 1)) expect(b[i], `line ${i + 1}`).toBe(line);
      else if (line.includes(" #")) expect(b[i]!.slice(b[i]!.indexOf(" #"))).toBe(line.slice(line.indexOf(" #")));
    });
    // Fixing again changes nothing.
    expect(fixText(fixed.after, file, configs, { asOf: AS_OF }).after).toBe(fixed.after);
  });

  it("keeps each scalar's quoting", () => {
    const file = join(MULTI, "fixable.yaml");
    const after = fixText(readFileSync(file, "utf8"), file, configs, { asOf: AS_OF }).after;
    expect(after).toContain("tlp: 'AMBER'");
    expect(after).toContain('horizon: "12 months"');
    expect(after).toContain('title: "Fixable: a test"   # quoted title stays quoted');
    expect(after).toContain("horizon: 2023-07-09");
    expect(after).toContain("date: 2022-06-30");
    expect(after).toContain("    confidence: high\n");
  });

  it("applies overlapping fixes once and identical ones once", () => {
    const text = "a: bc";
    const d = (start: number, end: number, replacement: string) => ({ file: "f", line: 1, column: 1, ruleId: "r", severity: "error" as const, message: replacement, fix: { range: [start, end] as [number, number], replacement, description: "" } });
    const result = applyFixes(text, [d(3, 5, "XY"), d(3, 5, "XY"), d(4, 5, "Z")]);
    expect(result.text).toBe("a: XY");
    expect(result.applied).toHaveLength(2);
    expect(result.deferred).toHaveLength(1);
  });
});

describe("--fix on a clean file changes nothing", () => {
  it("the shipped assessments", () => {
    for (const f of readdirSync(join(ROOT, "assessments")).filter((n) => n.endsWith(".yaml"))) {
      const file = join(ROOT, "assessments", f);
      const text = readFileSync(file, "utf8");
      const fixed = fixText(text, file, configs, { asOf: AS_OF });
      expect(fixed.applied, f).toEqual([]);
      expect(fixed.after).toBe(text);
    }
  });

  it("generated clean assessments in any quoting, with comments and blank lines", () => {
    const terms = PHIA.terms.flatMap((t) => t.forms.map((f) => f.text));
    const word = fc.constantFrom("attacks", "recruitment", "funding", "talks", "raids", "supply");
    const judgment = fc.record({
      id: word,
      likelihood: fc.constantFrom(...terms),
      statement: fc.constantFrom("Attacks will continue.", "Recruitment will rise.", "Talks will stall."),
      confidence: fc.constantFrom("low", "moderate", "high"),
      horizon: fc.constantFrom("12 months", "1 month", "6 weeks", "2027-12-31"),
    });
    const assessment = fc.record({
      judgments: fc.uniqueArray(judgment, { minLength: 1, maxLength: 4, selector: (j) => j.id }),
      tlp: fc.constantFrom("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"),
      style: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE") as fc.Arbitrary<"PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE">,
      comments: fc.array(fc.nat(40), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(assessment, ({ judgments, tlp, style, comments }) => {
        const value = { yardstick: 1, id: "clean", title: "Clean", cutoff: "2025-07-09", marking: { tlp }, summary: "A summary.", judgments };
        const lines = stringify(value, { defaultStringType: style, defaultKeyType: "PLAIN" }).split("\n");
        for (const at of comments) lines.splice(Math.min(at, lines.length), 0, at % 2 === 0 ? "" : "# a comment");
        const text = lines.join("\n");
        const fixed = fixText(text, "clean.yaml", configs, { asOf: AS_OF });
        expect(fixed.applied).toEqual([]);
        expect(fixed.after).toBe(text);
      }),
      { numRuns: 60 },
    );
  });
});

describe("the CLI", () => {
  let tmp = "";
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), "yardstick-fix-"));
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });
  const cli = (args: string[]) => runCli(args, { cwd: tmp, env: { NO_COLOR: "1" } });

  it("--fix-dry-run prints the diff and writes nothing", async () => {
    const file = join(tmp, "dry.yaml");
    copyFileSync(join(MULTI, "eight-mistakes.yaml"), file);
    const before = readFileSync(file, "utf8");
    const run = await cli(["check", "--fix-dry-run", "--as-of", AS_OF, "dry.yaml"]);
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(run.stdout).toContain("--- dry.yaml");
    expect(run.stdout).toContain("-    likelihood: higly likely\n+    likelihood: highly likely");
    expect(run.stdout).toContain("+    confidence: low");
    expect(run.stdout).toContain("4 errors, 0 warnings");
    expect(run.code).toBe(1);
  });

  it("--fix rewrites the file in place, keeps its mode, says what it changed and what is left", async () => {
    const file = join(tmp, "fix.yaml");
    copyFileSync(join(MULTI, "eight-mistakes.yaml"), file);
    chmodSync(file, 0o640);
    const run = await cli(["check", "--fix", "--as-of", AS_OF, "fix.yaml"]);
    const after = readFileSync(file, "utf8");
    expect(after).toContain("  tlp: AMBER # lower case: read as AMBER\n");
    expect(after).toContain("    likelihood: highly likely\n");
    expect(after).toContain("    horizon: 12 months\n");
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(run.stdout).toContain("fixed 4 problems in fix.yaml");
    expect(run.stdout).toContain("`confidnce` → `confidence`");
    // What is left: the four mistakes with no safe fix.
    expect(run.stdout).toMatch(/fix\.yaml:\d+:9 {2}error {2}`cutoff` is `2026-13-45`/);
    expect(run.stdout).toContain("4 errors, 0 warnings");
    expect(run.code).toBe(1);
    expect(readdirSync(tmp).filter((f) => f !== "dry.yaml" && f !== "fix.yaml")).toEqual([]);
  });

  it("--fix on a clean file leaves it untouched and exits 0", async () => {
    const file = join(tmp, "clean.yaml");
    writeFileSync(file, readFileSync(join(ROOT, "assessments/isk-2022-07.yaml")));
    const mtime = statSync(file).mtimeMs;
    const run = await cli(["check", "--fix", "--as-of", "2022-08-01", "clean.yaml"]);
    expect(run.code).toBe(0);
    expect(statSync(file).mtimeMs).toBe(mtime);
    rmSync(file);
  });
});
