/**
 * `yardstick check` as a user runs it: its exit codes, its three output formats, and what it
 * loads. Most runs are in-process (the CLI's `run` with a fake IO); the exit status, output and
 * module loading of the real process (`node bin/yardstick.js`, built by the global setup) are
 * checked by spawning it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, spawnCli, type CliRun as Run } from "./helpers/cli-io.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLEAN = "assessments/isk-2022-07.yaml";
const BROKEN = "test/fixtures/invalid/bad-confidence.yaml";

/** `yardstick <args>` in-process, with no environment but `options.env`. */
function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return runCli(args, { cwd: options.cwd ?? ROOT, env: options.env ?? {} });
}

/** `node bin/yardstick.js <args>`, a real process, with no colour variables unless given. */
function spawned(args: string[], options: { env?: Record<string, string | undefined>; nodeArgs?: string[] } = {}): Promise<Run> {
  return spawnCli(args, { cwd: ROOT, env: { NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env }, ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
}

/** No stack trace, no raw JavaScript error in any output. */
function expectNoTrace(run: Run): void {
  const all = `${run.stdout}\n${run.stderr}`;
  expect(all).not.toMatch(/^\s+at .+[:(]/m);
  expect(all).not.toMatch(/\b(Type|Reference|Range|Syntax)?Error:/);
  expect(all).not.toContain("internal error");
}

let tmp = "";
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "yardstick-cli-"));
  mkdirSync(join(tmp, "empty-folder"));
  // Valid, but its source URL points at this machine: a warning, not an error.
  writeFileSync(
    join(tmp, "warn-only.yaml"),
    `yardstick: 1
id: warn-only
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    evidence:
      - text: A bus was attacked.
        source: local
sources:
  - id: local
    title: Local report
    url: http://127.0.0.1:8080/report
`,
  );
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("exit codes", () => {
  it("of the real process: 0 clean, 1 broken, 2 usage, each with its output on stdout or stderr and no trace", async () => {
    const [clean, broken, usage] = await Promise.all([spawned(["check", CLEAN]), spawned(["check", BROKEN]), spawned(["check", "--format", "xml", CLEAN])]);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/1 file/);
    expect(clean.stderr).toBe("");
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`${BROKEN}:11:17  error  `);
    expect(broken.stderr).toBe("");
    expectNoTrace(broken);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe("");
    expect(usage.stderr).toContain("human, json or github");
    expectNoTrace(usage);
  });

  it("0 for a clean file", async () => {
    const run = await cli(["check", CLEAN]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 file/);
    expect(run.stdout).not.toMatch(/\berror\b/);
  });

  it("0 on assessments/ when no path is given", async () => {
    const run = await cli(["check"]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/\d+ files/);
  });

  it("0 with warnings only, 1 with --strict", async () => {
    const file = join(tmp, "warn-only.yaml");
    const plain = await cli(["check", file]);
    expect(plain.code, plain.stdout).toBe(0);
    expect(plain.stdout).toMatch(/warning .*source-url-local/);
    const strict = await cli(["check", "--strict", file]);
    expect(strict.code).toBe(1);
  });

  it("1 for a broken file", async () => {
    const run = await cli(["check", BROKEN]);
    expect(run.code).toBe(1);
    expectNoTrace(run);
  });

  it("1 for a folder of broken files, counting every file", async () => {
    const run = await cli(["check", "test/fixtures/invalid"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✖ \d+ errors?, \d+ warnings?(, \d+ notes?)? in \d{2,} files/);
    expectNoTrace(run);
  });

  it("1 when any file of several is broken", async () => {
    const run = await cli(["check", CLEAN, BROKEN]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("in 2 files");
  });

  it("2 for a missing path", async () => {
    const run = await cli(["check", "no/such/file.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain("no such file or folder: no/such/file.yaml");
    expectNoTrace(run);
  });

  it("2 for a folder with no assessments", async () => {
    const run = await cli(["check", join(tmp, "empty-folder")]);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain("no assessment files");
  });

  it("2 for a missing default folder", async () => {
    const run = await cli(["check"], { cwd: join(tmp, "empty-folder") });
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toContain("assessments");
  });

  it("2 for a bad option value or an unknown option", async () => {
    const bad = await cli(["check", "--format", "xml", CLEAN]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("human, json or github");
    expectNoTrace(bad);
    const unknown = await cli(["check", "--bogus", CLEAN]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--bogus");
    expectNoTrace(unknown);
    const date = await cli(["check", "--as-of", "yesterday", CLEAN]);
    expect(date.code).toBe(2);
  });
});

describe("output formats", () => {
  it("human: file:line:col  severity  message  rule-id, the line with a caret, a hint and a summary", async () => {
    const run = await cli(["check", BROKEN]);
    const all = run.stdout.split("\n");
    // The schema error does not hide the rules' findings on the rest of the file (sorted by line).
    expect(all[0]).toBe(`${BROKEN}:8:9  warning  judgment \`attacks\` has no evidence  judgment-without-evidence`);
    const lines = all.slice(all.findIndex((l) => l.includes("  error  ")));
    expect(lines[0]).toBe(`${BROKEN}:11:17  error  \`judgments[0].confidence\` is \`hi\`, which is not one of \`low\`, \`moderate\`, \`high\`  schema-invalid-value`);
    expect(lines[1]).toBe("  11 |     confidence: hi");
    expect(lines[2]).toBe("     |                 ^~");
    expect(lines[3]).toBe("  hint: did you mean `high`?");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(/^✖ 1 error, 1 warning(, 1 note)? in 1 file$/);
  });

  it("json: one parseable document with positions and a summary", async () => {
    const run = await cli(["check", "--format", "json", BROKEN, CLEAN]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      files: number;
      summary: { errors: number; warnings: number };
      diagnostics: Array<{ file: string; line: number; column: number; ruleId: string; severity: string; hint?: string }>;
    };
    expect(report.files).toBe(2);
    expect(report.summary.errors).toBe(1);
    const [d] = report.diagnostics.filter((x) => x.severity === "error");
    expect(d).toMatchObject({ file: BROKEN, line: 11, column: 17, ruleId: "schema-invalid-value", hint: "did you mean `high`?" });
  });

  it("json: usage problems are JSON too", async () => {
    const run = await cli(["check", "--format", "json", "nope.yaml"]);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as { diagnostics: Array<{ ruleId: string }> };
    expect(report.diagnostics.map((d) => d.ruleId)).toEqual(["input-missing"]);
  });

  it("github: workflow-command annotations with file, line and column", async () => {
    const run = await cli(["check", "--format", "github", BROKEN, "test/fixtures/invalid/bad-tlp.yaml"]);
    expect(run.code).toBe(1);
    const annotations = run.stdout.split("\n").filter((l) => l.startsWith("::error"));
    expect(annotations).toHaveLength(2);
    expect(annotations[0]).toMatch(/^::error file=test\/fixtures\/invalid\/bad-confidence\.yaml,line=11,col=17,endLine=11,endColumn=19,title=yardstick schema-invalid-value::/);
    expect(annotations[1]).toMatch(/^::error file=test\/fixtures\/invalid\/bad-tlp\.yaml,line=9,col=8,/);
    // Messages are escaped so they stay on one line.
    for (const a of annotations) expect(a).not.toMatch(/\r/);
  });

  it("no ANSI colour without a terminal or with NO_COLOR; colour with FORCE_COLOR", async () => {
    const plain = await cli(["check", BROKEN]);
    expect(plain.stdout).not.toContain("\u001b[");
    const noColor = await cli(["check", BROKEN], { env: { NO_COLOR: "1" } });
    expect(noColor.stdout).not.toContain("\u001b[");
    const forced = await cli(["check", BROKEN], { env: { FORCE_COLOR: "1" } });
    expect(forced.stdout).toContain("\u001b[");
    const flag = await cli(["check", "--no-color", BROKEN], { env: { FORCE_COLOR: "1" } });
    expect(flag.stdout).not.toContain("\u001b[");
    // The real process reads them from its environment, and its stdout is a pipe, not a terminal.
    const [plainProcess, forcedProcess] = await Promise.all([spawned(["check", BROKEN]), spawned(["check", BROKEN], { env: { FORCE_COLOR: "1" } })]);
    expect(plainProcess.stdout).not.toContain("\u001b[");
    expect(forcedProcess.stdout).toContain("\u001b[");
  });
});

/** Heavy packages that `check` must never load. */
const HEAVY = /^(puppeteer-core|puppeteer|@sparticuz\/chromium|handlebars|remark-[a-z-]+|unified|mdast-util-to-hast|hast-util-[a-z-]+|pdf-lib|pdfjs-dist)(\/|$)/;

/** Static imports (`import … from "x"`, `export … from "x"`, `import "x"`) of a compiled module. */
function staticImports(source: string): string[] {
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm;
  for (const m of source.matchAll(re)) out.push(m[1]!);
  return out;
}

describe("check stays light", () => {
  it("the static import graph of the CLI never reaches a renderer or the browser", () => {
    const main = join(ROOT, "dist/cli/main.js");
    expect(existsSync(main), "run `npm run build` first").toBe(true);
    const seen = new Set<string>();
    const packages = new Map<string, string>();
    // main.js loads each command's module on demand; `check` runs main.js and commands/check.js.
    const queue = [main, join(ROOT, "dist/cli/commands/check.js")];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of staticImports(readFileSync(file, "utf8"))) {
        if (spec.startsWith(".")) queue.push(resolve(dirname(file), spec));
        else if (!spec.startsWith("node:")) packages.set(spec, file);
      }
    }
    expect(seen.size).toBeGreaterThan(5);
    expect([...packages.keys()]).toContain("yaml");
    const heavy = [...packages].filter(([spec]) => HEAVY.test(spec)).map(([spec, from]) => `${spec} (from ${from.slice(ROOT.length)})`);
    expect(heavy).toEqual([]);
  });

  it("the regex finds the imports it must find", () => {
    const src = `import { a } from "./a.js";\nimport pc from "picocolors";\nexport * from "./b.js";\nimport "./side.js";\nconst x = await import("puppeteer-core");\n`;
    expect(staticImports(src)).toEqual(["./a.js", "picocolors", "./b.js", "./side.js"]);
  });

  it("at run time, checking a file resolves no heavy package", async () => {
    const trace = join(tmp, "resolved.txt");
    writeFileSync(trace, "");
    const hooks = join(tmp, "hooks.mjs");
    writeFileSync(
      hooks,
      `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(trace)}, result.url + "\\n");
  return result;
}
`,
    );
    const register = join(tmp, "register.mjs");
    writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const run = await spawned(["check", CLEAN, BROKEN], { nodeArgs: ["--import", pathToFileURL(register).href] });
    expect(run.code).toBe(1);
    const urls = readFileSync(trace, "utf8").split("\n").filter(Boolean);
    expect(urls.some((u) => u.includes("/dist/cli/commands/check.js"))).toBe(true);
    const heavy = urls.filter((u) => /\/node_modules\/(puppeteer-core|puppeteer|@sparticuz\/chromium|handlebars|remark-[a-z-]+|unified|pdf-lib|pdfjs-dist)\//.test(u));
    expect(heavy).toEqual([]);
  });
});
