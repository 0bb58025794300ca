import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";

/** One warning (`may` hedges a `likely` judgment), nothing else when checked as of 2023-01-01. */
const HEDGED = `yardstick: 1
id: sample
title: Sample
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: IS-K may attack Tajikistan again.
    confidence: moderate
    horizon: 12 months
    evidence:
      - text: Rockets were fired into Tajikistan.
        source: claim
sources:
  - id: claim
    title: IS-K claim
    reliability: C
    credibility: 3
`;

const dirs: string[] = [];

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "yardstick-strict-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, env: {}, isTTY: false };
  const code = await run(["--no-color", ...argv], io);
  return { code, out, err };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("check --strict", () => {
  it("passes with a warning, and fails on it with --strict", async () => {
    const dir = project({ "assessments/sample.yaml": HEDGED });
    const plain = await cli(dir, "check", "--as-of", "2023-01-01");
    expect(plain.code).toBe(0);
    expect(plain.out).toContain("assessments/sample.yaml:9:21  warning  statement hedges with `may` but the judgment already says `likely`");
    expect(plain.out).toContain("hedged-statement");
    const strict = await cli(dir, "check", "--strict", "--as-of", "2023-01-01");
    expect(strict.code).toBe(1);
    expect(strict.out).toContain("hedged-statement");
  });

  it("never fails on info findings, even with --strict", async () => {
    const noHedge = HEDGED.replace("may attack", "will attack").replace("    horizon: 12 months\n", "");
    const dir = project({ "assessments/sample.yaml": noHedge });
    const strict = await cli(dir, "check", "--strict", "--as-of", "2023-01-01");
    expect(strict.out).toContain("info  judgment `attacks` has no horizon  judgment-without-horizon");
    expect(strict.out).not.toMatch(/ {2}warning {2}/);
    expect(strict.out).toContain("0 errors, 0 warnings, 1 note");
    expect(strict.code).toBe(0);
  });

  it("takes today from --as-of for horizon-passed", async () => {
    const dir = project({ "assessments/sample.yaml": HEDGED.replace("may attack", "will attack") });
    expect((await cli(dir, "check", "--strict", "--as-of", "2023-07-09")).code).toBe(0);
    const later = await cli(dir, "check", "--strict", "--as-of", "2023-07-10");
    expect(later.code).toBe(1);
    expect(later.out).toContain("horizon 9 Jul 2023 (12 months after the cutoff) has passed (as of 10 Jul 2023)");
  });
});

describe("rule severities in yardstick.config.yaml", () => {
  it("`error` makes a warning rule fail the check", async () => {
    const dir = project({ "assessments/sample.yaml": HEDGED, "yardstick.config.yaml": "rules:\n  hedged-statement: error\n" });
    const r = await cli(dir, "check", "--as-of", "2023-01-01");
    expect(r.code).toBe(1);
    expect(r.out).toContain("error  statement hedges with `may`");
  });

  it("`off` silences a rule, so --strict passes", async () => {
    const dir = project({ "assessments/sample.yaml": HEDGED, "yardstick.config.yaml": "rules:\n  hedged-statement: off\n" });
    const r = await cli(dir, "check", "--strict", "--as-of", "2023-01-01");
    expect(r.out).not.toContain("hedged-statement");
    expect(r.code).toBe(0);
  });

  it("`warn` turns an error rule into a warning", async () => {
    const future = HEDGED.replace("may attack", "will attack").replace("cutoff: 2022-07-09", "cutoff: 2023-07-09").replace("12 months", "2024-07-09");
    const dir = project({ "assessments/sample.yaml": future, "yardstick.config.yaml": "rules:\n  cutoff-in-future: warn\n" });
    const r = await cli(dir, "check", "--as-of", "2023-01-01");
    expect(r.out).toContain("warning  cutoff 9 Jul 2023 is in the future");
    expect(r.code).toBe(0);
  });

  it("warns about an unknown rule id on the config file, with did-you-mean", async () => {
    const dir = project({ "assessments/sample.yaml": HEDGED, "yardstick.config.yaml": "# severities\nrules:\n  hedged-statment: off\n" });
    const r = await cli(dir, "check", "--as-of", "2023-01-01");
    expect(r.out).toMatch(/yardstick\.config\.yaml:3:3 {2}warning {2}unknown rule `hedged-statment` in `rules:` {2}config-unknown-rule/);
    expect(r.out).toContain("did you mean `hedged-statement`?");
    // The misspelt entry changes nothing: the rule still runs at its default severity.
    expect(r.out).toContain("warning  statement hedges with `may`");
    expect(r.code).toBe(0);
  });
});

describe("build --strict", () => {
  it("renders despite warnings, but refuses to with --strict", async () => {
    const dir = project({ "assessments/sample.yaml": HEDGED });
    const strict = await cli(dir, "build", "--strict", "--as-of", "2023-01-01", "--format", "md", "--out", "out");
    expect(strict.code).toBe(1);
    expect(strict.out).toContain("hedged-statement");
    const out = join(dir, "out");
    expect(existsSync(out) ? readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith(".md")) : []).toEqual([]);

    const plain = await cli(dir, "build", "--as-of", "2023-01-01", "--format", "md", "--out", "out");
    expect(plain.code).toBe(0);
    expect(readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith(".md")).length).toBe(1);
  });
});
