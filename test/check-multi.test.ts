/**
 * One pass: each file in test/fixtures/multi/ holds several independent mistakes, listed on its
 * first lines as `# expect: <rule-id> <line>:<col>`. Every one must be reported in a single run,
 * at its position, and nothing else — no mistake twice, none hidden by another.
 */
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/load.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { checkText } from "../src/project/check.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MULTI = join(ROOT, "test/fixtures/multi");
const BIN = join(ROOT, "bin/yardstick.js");
const AS_OF = "2026-01-01";

const EXPECT_LINE = /^# expect: ([a-z0-9-]+) (\d+):(\d+)\s*$/;

function expected(file: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = EXPECT_LINE.exec(line);
    if (!m) break;
    out.push(`${m[1]} ${m[2]}:${m[3]}`);
  }
  return out;
}

const key = (d: Diagnostic) => `${d.ruleId} ${d.line}:${d.column}`;
const files = readdirSync(MULTI).filter((f) => f.endsWith(".yaml")).sort();

describe("every mistake in one run", () => {
  it("has a corpus with several mistakes per file", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(expected(join(MULTI, f)).length, f).toBeGreaterThanOrEqual(4);
  });

  it.each(files)("%s", (name) => {
    const file = join(MULTI, name);
    const result = checkText(readFileSync(file), file, defaultConfig(MULTI), { asOf: AS_OF });
    const got = result.diagnostics.map(key);
    // Each once, and exactly the expected ones.
    expect(new Set(got).size, `reported twice: ${got.join(", ")}`).toBe(got.length);
    expect([...got].sort()).toEqual([...expected(file)].sort());
  });

  it("reports the eight mistakes of the issue in one CLI run, with the duplicate key's first occurrence and the fixes", async () => {
    const run = await new Promise<{ code: number | null; stdout: string }>((done) => {
      execFile(process.execPath, [BIN, "check", "--format", "json", "--as-of", AS_OF, "test/fixtures/multi/eight-mistakes.yaml"], { cwd: ROOT }, (error, stdout) => {
        done({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout });
      });
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
    expect(report.diagnostics.map(key)).toEqual(expected(join(MULTI, "eight-mistakes.yaml")));
    const duplicate = report.diagnostics.find((d) => d.ruleId === "yaml-duplicate-key")!;
    expect(duplicate.messageId).toBe("twice");
    expect(duplicate.message).toContain("`title`");
    expect(duplicate.related).toEqual([expect.objectContaining({ file: "test/fixtures/multi/eight-mistakes.yaml", line: duplicate.line - 3, column: 5 })]);
    const likelihood = report.diagnostics.find((d) => d.ruleId === "unknown-likelihood")!;
    expect(likelihood.fix).toMatchObject({ replacement: "highly likely" });
    // Synonyms and ambiguous values are suggestions, never fixes.
    const medium = report.diagnostics.find((d) => d.message.includes("`medium`"))!;
    expect(medium.hint).toContain("`moderate`");
    expect(medium.fix).toBeUndefined();
  });
});
