/**
 * The small holes, each with a diagnostic or a fix: impossible dates, years outside 1000–9999,
 * reserved ids, URLs with blanks, inline sources reusing a listed id, `supersedes` cycles, custom
 * phrases, `.inf`, unknown YAML tags, bidi controls, lone surrogates, git blobs over the limit.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";
import { addDuration, daysBetween, isCalendarDate } from "../src/schema/dates.js";
import { parseConfig } from "../src/config/load.js";
import { checkText } from "../src/project/check.js";
import { parseAssessment } from "../src/schema/load.js";
import { composeSentence } from "../src/brief/sentence.js";
import { resolveTerm } from "../src/schema/scales.js";

const ROOT = resolve(import.meta.dirname, "..");
const ISK = readFileSync(join(ROOT, "assessments/isk-2022-07.yaml"), "utf8");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ys-lows-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function io(): CliIO & { out: string; err: string } {
  const o = { out: "", err: "", stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t), cwd: dir, env: {}, isTTY: false };
  return o;
}

const BASE = `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
`;

function diagnostics(yaml: string, file = join(dir, "example.yaml")) {
  return checkText(yaml, file, parseConfig("", join(dir, "yardstick.config.yaml")), { asOf: "2024-01-01" }).diagnostics;
}

describe("dates", () => {
  it("--as-of 2022-02-30 and new --cutoff 2022-02-30 are usage errors; nothing is written", async () => {
    const a = io();
    expect(await run(["check", "--as-of", "2022-02-30"], a)).toBe(2);
    expect(a.err).toMatch(/2022-02-30 is not a date in the calendar/);
    const b = io();
    expect(await run(["new", "x-2022", "--cutoff", "2022-02-30", "--dir", "."], b)).toBe(2);
    expect(() => readFileSync(join(dir, "x-2022.yaml"))).toThrow();
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
  });

  it("a year before 1000 is a positioned error, and arithmetic no longer turns 0022 into 1922", () => {
    const found = diagnostics(BASE.replace("cutoff: 2022-07-09", "cutoff: 0022-07-09"));
    expect(found).toContainEqual(expect.objectContaining({ line: 4, severity: "error", message: expect.stringMatching(/years 1000–9999/) }));
    expect(addDuration("0022-07-09", "12 months")).toBe("0023-07-09");
    expect(daysBetween("0022-07-09", "0023-07-09")).toBe(365);
  });

  it("a horizon past the year 9999 is an error, not a horizon that has passed", () => {
    const found = diagnostics(BASE.replace("cutoff: 2022-07-09", "cutoff: 9999-12-31").replace("statement: Attacks will continue.", "statement: Attacks will continue.\n    horizon: 12 months"), join(dir, "example.yaml"));
    expect(found.filter((d) => d.ruleId === "horizon-passed")).toEqual([]);
    expect(found).toContainEqual(expect.objectContaining({ ruleId: "horizon-before-cutoff", line: 10, message: expect.stringMatching(/after the year 9999/) }));
  });
});

describe("ids, URLs and sources", () => {
  it("rejects Windows device names and `manifest` as assessment ids, also from the file name", () => {
    for (const id of ["con", "nul", "com1", "manifest"]) {
      expect(diagnostics(BASE.replace("id: example", `id: ${id}`))).toContainEqual(expect.objectContaining({ ruleId: "reserved-id", line: 2, severity: "error" }));
    }
    expect(diagnostics(BASE.replace("id: example\n", ""), join(dir, "aux.yaml"))).toContainEqual(expect.objectContaining({ ruleId: "reserved-id" }));
  });

  it("refuses source URLs with a line break or a space, at the url", () => {
    const yaml = `${BASE}sources:\n  - id: s\n    title: S\n    url: "https://example.org/a\\nb"\n  - id: t\n    title: T\n    url: https://example.org/a b\n`;
    const found = diagnostics(yaml.replace("statement: Attacks will continue.", "statement: Attacks will continue.\n    evidence:\n      - text: e\n        source: s\n      - text: f\n        source: t"));
    const urls = found.filter((d) => d.ruleId === "source-url");
    expect(urls.map((d) => [d.line, d.message])).toEqual([
      [18, "the source URL holds a line break"],
      [21, "the source URL holds a space"],
    ]);
  });

  it("reports an inline source that reuses a listed source's id", () => {
    const yaml = BASE.replace("statement: Attacks will continue.", "statement: Attacks will continue.\n    evidence:\n      - text: e\n        source: { id: s, title: Another }") + "sources:\n  - id: s\n    title: S\n";
    expect(diagnostics(yaml)).toContainEqual(expect.objectContaining({ ruleId: "duplicate-id", line: 12, message: expect.stringMatching(/reuses the id `s`/) }));
  });
});

describe("text", () => {
  it("warns on a right-to-left override in a title and rejects a lone surrogate", () => {
    const bidi = diagnostics(BASE.replace("title: Example", 'title: "Invoice \\u202Efdp.exe"'));
    expect(bidi).toContainEqual(expect.objectContaining({ ruleId: "bidi-control", line: 3, severity: "warning", message: expect.stringContaining("U+202E") }));
    const lone = diagnostics(BASE.replace("title: Example", 'title: "Broken \\uD800 text"'));
    expect(lone).toContainEqual(expect.objectContaining({ ruleId: "lone-surrogate", line: 3, severity: "error" }));
  });

  it("`!!js/function` and other unknown tags are errors", () => {
    const loaded = parseAssessment(BASE.replace("title: Example", 'title: !!js/function "function () {}"'), "example.yaml");
    expect(loaded.assessment).toBeUndefined();
    expect(loaded.diagnostics).toContainEqual(expect.objectContaining({ ruleId: "yaml-unknown-tag", severity: "error", line: 3 }));
  });

  it("`.inf` is named as an infinite value, not 'a number, not a number'", () => {
    const config = parseConfig("scales:\n  house:\n    terms:\n      - term: sure\n        min: .inf\n        max: 100\n", join(dir, "yardstick.config.yaml"));
    const messages = config.diagnostics.map((d) => d.message).join("\n");
    expect(messages).toMatch(/infinite value \(`\.inf`\)/);
    expect(messages).not.toMatch(/a number, not a number/);
  });

  it("a custom phrase without the term keeps a space before `that`", () => {
    const config = parseConfig("scales:\n  house:\n    terms:\n      - term: even odds\n        min: 45\n        max: 55\n        phrase: We judge the odds even\n      - term: very likely\n        min: 80\n        max: 95\n", join(dir, "yardstick.config.yaml"));
    expect(config.diagnostics).toEqual([]);
    const resolved = resolveTerm(config.scales.house!, "even odds");
    expect(resolved).toBeDefined();
    expect(composeSentence(resolved!, "it rains")).toBe("We judge the odds even that it rains.");
  });
});

describe("config and templates", () => {
  it("a missing templates folder is a positioned config error; a broken template a diagnostic, never an internal error", async () => {
    mkdirSync(join(dir, "assessments"));
    writeFileSync(join(dir, "assessments", "isk-2022-07.yaml"), ISK);
    writeFileSync(join(dir, "yardstick.config.yaml"), "templates: house\n");
    const missing = io();
    expect(await run(["build", "--format", "md"], missing)).toBe(1);
    expect(missing.out).toMatch(/yardstick\.config\.yaml:1:12 {2}error {2}the templates folder `house` does not exist/);
    mkdirSync(join(dir, "house"));
    writeFileSync(join(dir, "house", "brief.hbs"), "{{#if x}}\n<p>");
    const broken = io();
    // Reported once, at the template's line; the Markdown is still written; an environment problem: exit 2.
    expect(await run(["build", "--format", "md,html"], broken)).toBe(2);
    expect(broken.out).toMatch(/house\/brief\.hbs:2:1 {2}error {2}html: template \S*brief\.hbs does not compile: Parse error on line 2/);
    expect(broken.out.match(/does not compile/g)).toHaveLength(1);
    expect(existsSync(join(dir, "out", "isk-2022-07.md"))).toBe(true);
    expect(broken.out + broken.err).not.toMatch(/internal error/);
  });
});

describe("editions and git", () => {
  it("reports `supersedes` going round in a circle", async () => {
    mkdirSync(join(dir, "assessments"));
    const a = ISK.replace("id: isk-2022-07", "id: edition-a").replace(/^cutoff:/m, "supersedes: edition-b\ncutoff:");
    const b = ISK.replace("id: isk-2022-07", "id: edition-b").replace(/^cutoff:/m, "supersedes: edition-a\ncutoff:");
    writeFileSync(join(dir, "assessments", "edition-a.yaml"), a);
    writeFileSync(join(dir, "assessments", "edition-b.yaml"), b);
    const o = io();
    await run(["build", "--format", "md", "--report", "json"], o);
    const cycles = (JSON.parse(o.out) as { diagnostics: Array<{ ruleId: string; messageId?: string; message: string }> }).diagnostics.filter((d) => d.ruleId === "supersedes-cycle");
    expect(cycles.map((d) => d.messageId)).toEqual(["cycle", "cycle"]);
    // Each names the circle from its own file.
    expect(cycles.map((d) => d.message.split(": ")[1]).sort()).toEqual(["edition-a → edition-b → edition-a", "edition-b → edition-a → edition-b"]);
  });

  it("a git blob over the limit says so instead of 'does not exist'", async () => {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    git("config", "user.email", "t@example.org");
    git("config", "user.name", "T");
    writeFileSync(join(dir, "big.yaml"), ISK + "#".repeat(1_100_000) + "\n");
    git("add", "big.yaml");
    git("commit", "-qm", "big");
    writeFileSync(join(dir, "small.yaml"), ISK);
    const o = io();
    const code = await run(["diff", "HEAD:big.yaml", "small.yaml"], o);
    expect(code).not.toBe(0);
    expect(o.out + o.err).toMatch(/big\.yaml` at HEAD is 1,10\d,\d{3} bytes, over the limit of 1,048,576/);
    expect(o.out + o.err).not.toMatch(/does not exist/);
  });
});
