/**
 * Every broken file in test/fixtures/invalid/ states what must be reported on its first lines:
 *
 *   # expect: <rule-id> <line>:<col> [<message id>] ["text found in the message or hint"]
 *
 * A built-in code's message is named by its id (its wording lives in src/diagnostics/codes.ts);
 * the quoted text is for what the data or the hint says (the key named, "did you mean …?").
 * The errors found must be exactly the expected ones (warnings are ignored), through the library
 * and through the CLI (exit 1, a positioned line, no stack trace). Files that cannot carry a
 * comment (empty, binary, over the size limit) are written by the test itself.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MAX_BYTES } from "../src/schema/load.js";
import { checkText } from "../src/check/check.js";
import { defaultConfig } from "../src/config/load.js";
import { builtinCode } from "../src/diagnostics/codes.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = join(ROOT, "test/fixtures/invalid");
const BIN = join(ROOT, "bin/yardstick.js");
const AS_OF = "2026-01-01";

interface Expectation {
  ruleId: string;
  line: number;
  column: number;
  messageId?: string;
  text?: string;
}

interface Case {
  name: string;
  file: string;
  expect: Expectation[];
}

const EXPECT_LINE = /^# expect: ([a-z0-9-]+) (\d+):(\d+)(?: ([a-zA-Z][a-zA-Z0-9]*))?(?: "(.*)")?\s*$/;

/** Reads the `# expect:` lines at the top of a fixture. */
function expectationsOf(file: string): Expectation[] {
  const head = readFileSync(file).toString("latin1").split("\n");
  const out: Expectation[] = [];
  for (const line of head) {
    const m = EXPECT_LINE.exec(line);
    if (!m) break;
    out.push({ ruleId: m[1]!, line: Number(m[2]), column: Number(m[3]), messageId: m[4], text: m[5] });
  }
  return out;
}

const committed: Case[] = readdirSync(FIXTURES)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => ({ name: f, file: join(FIXTURES, f), expect: expectationsOf(join(FIXTURES, f)) }));

let tmp = "";
const generated: Case[] = [];

/** A YAML text that is valid apart from its size. */
function hugeYaml(): string {
  const head = "yardstick: 1\nid: huge\ntitle: Huge\ncutoff: 2022-07-09\nsummary: |\n";
  const para = `  ${"All work and no play makes Jack a dull analyst. ".repeat(20)}\n`;
  const body = para.repeat(Math.ceil((DEFAULT_MAX_BYTES + 1024) / para.length));
  return `${head}${body}judgments:\n  - id: a\n    likelihood: likely\n    statement: It is big.\n`;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "yardstick-invalid-"));
  const write = (name: string, bytes: string | Uint8Array, expectation: Expectation) => {
    const file = join(tmp, name);
    writeFileSync(file, bytes);
    generated.push({ name, file, expect: [expectation] });
  };
  write("empty.yaml", "", { ruleId: "file-empty", line: 1, column: 1, messageId: "empty" });
  write("whitespace-only.yaml", "\n   \n\n", { ruleId: "file-empty", line: 1, column: 1, messageId: "empty" });
  // A PNG header followed by NUL bytes: not text at all. Whole-file problems have no position (0:0).
  write("binary.yaml", Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0]), {
    ruleId: "file-binary",
    line: 0,
    column: 0,
    messageId: "binary",
  });
  write("huge.yaml", hugeYaml(), { ruleId: "file-too-large", line: 0, column: 0, messageId: "over" });
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("the invalid fixture corpus", () => {
  it("has a broad corpus, each file with an expectation", () => {
    expect(committed.length).toBeGreaterThanOrEqual(25);
    const without = committed.filter((c) => c.expect.length === 0).map((c) => c.name);
    expect(without).toEqual([]);
  });

  it("names the message id of every built-in code it expects", () => {
    const unnamed = [...committed, ...generated].flatMap((c) => c.expect.filter((e) => builtinCode(e.ruleId) !== undefined && e.messageId === undefined).map((e) => `${c.name}: ${e.ruleId}`));
    expect(unnamed).toEqual([]);
  });
});

function checkLibrary(c: Case): void {
  const bytes = readFileSync(c.file);
  const result = checkText(bytes, c.file, defaultConfig(FIXTURES), { asOf: AS_OF });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  const got = errors.map((d) => `${d.ruleId} ${d.line}:${d.column}`).sort();
  const want = c.expect.map((e) => `${e.ruleId} ${e.line}:${e.column}`).sort();
  expect(got, `errors for ${c.name}: ${errors.map((d) => d.message).join(" | ")}`).toEqual(want);
  for (const e of c.expect) {
    const d = errors.find((x) => x.ruleId === e.ruleId && x.line === e.line && x.column === e.column)!;
    if (e.messageId !== undefined) expect(d.messageId, `${c.name}: ${d.message}`).toBe(e.messageId);
    if (e.text !== undefined) expect(`${d.message} ${d.hint ?? ""}`).toContain(e.text);
  }
  expect(result.assessment).toBeUndefined();
  for (const d of errors) {
    expect(d.file).toBe(c.file);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.message).not.toMatch(/\n/);
  }
}

describe("library: checkText on each broken file", () => {
  for (const c of committed) it(c.name, () => checkLibrary(c));
  it("generated files (empty, whitespace, binary, huge)", () => {
    expect(generated.length).toBe(4);
    for (const c of generated) checkLibrary(c);
  });
  it("no fixture pollutes Object.prototype (proto-key.yaml)", () => {
    expect(committed.some((c) => c.name === "proto-key.yaml")).toBe(true);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI on every case, a few at a time. */
async function runAll(cases: readonly Case[]): Promise<Map<string, Run>> {
  const results = new Map<string, Run>();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      results.set(c.file, await runCli(["check", relative(ROOT, c.file)]));
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return results;
}

describe("CLI: `yardstick check <file>` on each broken file", () => {
  let runs = new Map<string, Run>();
  beforeAll(async () => {
    runs = await runAll([...committed, ...generated]);
  }, 120_000);

  const assertRun = (c: Case) => {
    const run = runs.get(c.file)!;
    // The CLI shows paths inside the working folder relative to it, others absolute.
    const shown = relative(ROOT, c.file).startsWith("..") ? c.file : relative(ROOT, c.file);
    expect(run.code, `${c.name}: ${run.stdout}${run.stderr}`).toBe(1);
    for (const e of c.expect) {
      const where = e.line > 0 ? `${shown}:${e.line}:${e.column}` : shown;
      const line = run.stdout.split("\n").find((l) => l.startsWith(`${where}  error  `) && l.endsWith(`  ${e.ruleId}`));
      expect(line, `${c.name}: no line for ${where} ${e.ruleId} in\n${run.stdout}\nstderr:\n${run.stderr}`).toBeDefined();
    }
    expect(run.stdout).toMatch(/✖ \d+ errors?, \d+ warnings?(, \d+ notes?)? in 1 file/);
    const all = `${run.stdout}\n${run.stderr}`;
    expect(all).not.toMatch(/^\s+at .+[:(]/m);
    expect(all).not.toMatch(/\b(Type|Reference|Range|Syntax)?Error:/);
    expect(all).not.toContain("internal error");
    expect(run.stderr).toBe("");
  };

  for (const c of committed) it(c.name, () => assertRun(c));
  it("generated files (empty, whitespace, binary, huge)", () => {
    for (const c of generated) assertRun(c);
  });

  it("shows the offending line with a caret under the column", () => {
    const c = committed.find((x) => x.name === "bad-confidence.yaml")!;
    const out = runs.get(c.file)!.stdout.split("\n");
    const i = out.findIndex((l) => l.includes("bad-confidence.yaml:11:17"));
    expect(out[i + 1]).toBe("  11 |     confidence: hi");
    expect(out[i + 2]).toBe("     |                 ^~");
    expect(out[i + 3]).toBe("  hint: did you mean `high`?");
  });
});
