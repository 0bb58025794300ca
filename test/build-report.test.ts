/**
 * The build report: made once from a build's result, written in each style from the same counts.
 */
import { describe, expect, it } from "vitest";
import type { BuildResult, BuiltFile } from "../src/build/index.js";
import { buildReport, formatBuildReport, summaryLine } from "../src/build/report.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";

const warn = (file: string, line: number, ruleId = "horizon-passed"): Diagnostic => ({ file, line, column: 3, ruleId, severity: "warning", message: `a warning at ${line}` });
const error = (file: string, line: number): Diagnostic => ({ file, line, column: 1, ruleId: "unknown-likelihood", severity: "error", message: "`likley` is not a term" });

function file(name: string, status: BuiltFile["status"], outputs: string[], reused: string[] = [], diagnostics: Diagnostic[] = []): BuiltFile {
  return { file: `/p/${name}`, text: diagnostics.length > 0 ? "a: 1\nb: 2\nc: 3\n" : "", status, outputs: outputs.map((o) => `/p/out/${o}`), reused: reused.map((o) => `/p/out/${o}`), diagnostics: diagnostics.map((d) => ({ ...d, file: `/p/${name}` })) };
}

const result: BuildResult = {
  formats: ["md", "pdf"],
  files: [
    file("a.yaml", "built", ["a.md", "a.pdf"], [], [warn("", 2), warn("", 1)]),
    file("b.yaml", "built", [], ["b.md", "b.pdf"]),
    file("c.yaml", "built", ["c.pdf"], ["c.md"]),
    file("d.yaml", "skipped", [], [], [error("", 3)]),
  ],
  configDiagnostics: [],
  environment: [],
  failed: true,
};
const shown = (f: string) => f.replace("/p/", "");
const report = buildReport(result, { shown, outDir: "out", seconds: 3.24 });

describe("the build report", () => {
  it("counts briefs, files by format and problems once", () => {
    expect(report.counts).toEqual({ briefs: 4, built: 2, unchanged: 1, skipped: 1, interrupted: 0, written: { md: 1, pdf: 2 }, kept: { md: 2, pdf: 1 }, problems: { errors: 1, warnings: 2, infos: 0 } });
  });

  it("has one summary line, the same in every style", () => {
    const line = "4 briefs: 2 built, 1 unchanged, 1 skipped · written md 1, pdf 2 to out · kept md 2, pdf 1 · 1 error, 2 warnings · 3.2 s";
    expect(summaryLine(report)).toBe(line);
    const human = formatBuildReport("human", report);
    const github = formatBuildReport("github", report);
    const json = JSON.parse(formatBuildReport("json", report)) as { summary: { line: string; built: number; written: Record<string, number> }; diagnostics: Diagnostic[] };
    expect(human.trimEnd().split("\n").at(-1)).toBe(line);
    expect(github.trimEnd().split("\n").at(-1)).toBe(line);
    expect(json.summary).toMatchObject({ line, built: 2, written: { md: 1, pdf: 2 } });
    expect(json.diagnostics).toHaveLength(3);
    for (const text of [human, github]) expect(text.match(/ briefs: /g)).toHaveLength(1);
  });

  it("is compact for humans: one line per problem, grouped by file, no frames", () => {
    expect(formatBuildReport("human", report).split("\n")).toEqual([
      "a.yaml:1:3  warning  a warning at 1  horizon-passed",
      "a.yaml:2:3  warning  a warning at 2  horizon-passed",
      "",
      "d.yaml:3:1  error  `likley` is not a term  unknown-likelihood",
      "",
      "4 briefs: 2 built, 1 unchanged, 1 skipped · written md 1, pdf 2 to out · kept md 2, pdf 1 · 1 error, 2 warnings · 3.2 s",
      "",
    ]);
  });

  it("shows source frames with --verbose, and only errors with --quiet (the summary still counts all)", () => {
    const verbose = formatBuildReport("human", report, { verbose: true });
    expect(verbose).toContain("  3 | c: 3");
    expect(verbose.match(/ briefs: /g)).toHaveLength(1);
    const quiet = formatBuildReport("human", report, { quiet: true });
    expect(quiet).not.toContain("warning  a warning");
    expect(quiet).toContain("1 error, 2 warnings");
  });

  it("says when the build was stopped, and which briefs it did not reach", () => {
    const stopped = buildReport({ ...result, files: [result.files[0]!, { ...result.files[1]!, status: "interrupted", reused: [] }], interrupted: "SIGINT" }, { shown, outDir: "out", seconds: 1 });
    expect(summaryLine(stopped)).toBe("2 briefs: 1 built, 1 not reached · written md 1, pdf 1 to out · 0 errors, 2 warnings · stopped by SIGINT · 1.0 s");
  });
});
