/**
 * `yardstick diff OLD NEW` and `yardstick diff --since REV [paths…]`: what changed between two
 * editions of an assessment, for reviewers. Each side is a file or `REV:path` (a file at a git
 * revision). Invalid input on either side prints the same diagnostics as `check` (on stderr).
 *
 * Exit codes: 0 success; 2 invalid input, unknown revision or bad usage. With `--exit-code`,
 * as `git diff --exit-code`: 0 no change, 1 changes, 2 errors.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { formatDiagnostics } from "../../diagnostics/reporter.js";
import { ConfigResolver } from "../../config/load.js";
import { DEFAULT_INPUT_DIR } from "../../project/discover.js";
import { EXIT, UsageError, type CliContext } from "../context.js";
import { parseIsoDate } from "../options.js";
import type { DiffFormat } from "../../diff/format/index.js";
import type { LoadedSide, SidePair } from "../../diff/inputs.js";
import type { ChangeReport } from "../../diff/types.js";

interface DiffOptions {
  format: DiffFormat;
  since?: string;
  exitCode?: boolean;
  asOf?: string;
  config?: string;
}

function parseDiffFormat(value: string): DiffFormat {
  if (value === "human" || value === "markdown" || value === "json") return value;
  throw new InvalidArgumentError("expected human, markdown or json");
}

function printProblems(ctx: CliContext, sides: readonly LoadedSide[], configDiagnostics: readonly Diagnostic[]): boolean {
  const failing = sides.filter((s) => s.assessment === undefined);
  const configErrors = configDiagnostics.filter((d) => d.severity === "error");
  if (failing.length === 0 && configErrors.length === 0) return false;
  const texts = new Map(failing.map((s) => [s.label, s.text] as const));
  const diagnostics = [...failing.flatMap((s) => s.diagnostics), ...configErrors];
  ctx.io.stderr(formatDiagnostics("human", diagnostics, { palette: ctx.palette, sourceOf: (f) => texts.get(f), fileCount: failing.length }));
  return true;
}

/** Loads only the formatter asked for (the Markdown one pulls in remark). */
async function formatReports(format: DiffFormat, reports: readonly ChangeReport[], ctx: CliContext): Promise<string> {
  if (format === "markdown") return (await import("../../diff/format/markdown.js")).formatMarkdown(reports);
  if (format === "json") return (await import("../../diff/format/json.js")).formatJson(reports);
  return (await import("../../diff/format/human.js")).formatHuman(reports, { palette: ctx.palette });
}

export function registerDiff(program: Command, ctx: CliContext): void {
  program
    .command("diff")
    .argument("[inputs...]", "OLD and NEW: files, or REV:path for a file at a git revision; with --since, the paths to look in (default: assessments/)")
    .description("what changed between two editions of an assessment: judgments up or down, evidence, sources, cutoff, marking")
    .option("--since <rev>", "diff every assessment changed since a git revision against the work tree (following renames)")
    .option("--format <format>", "human, markdown (a pull-request comment) or json", parseDiffFormat, "human")
    .option("--exit-code", "exit 1 when there are changes and 0 when there are none (2 on errors), as git diff --exit-code")
    .option("--as-of <date>", "check dates against this day instead of today (YYYY-MM-DD)", parseIsoDate)
    .option("--config <file>", "use this yardstick.config.yaml instead of searching upwards")
    .addHelpText(
      "after",
      "\nExamples:\n  yardstick diff HEAD~1:assessments/x.yaml assessments/x.yaml\n  yardstick diff old.yaml new.yaml --format markdown > comment.md\n  yardstick diff --since origin/main --format markdown\n",
    )
    .action(async (inputs: string[], opts: DiffOptions) => {
      const { loadSide, loadChangedSince } = await import("../../diff/inputs.js");
      const { diffAssessments, emptyEdition } = await import("../../diff/report.js");
      const { GitError } = await import("../../diff/git.js");
      const configs = new ConfigResolver(opts.config ? resolve(ctx.io.cwd, opts.config) : undefined);
      const loadOptions = { cwd: ctx.io.cwd, configs, asOf: opts.asOf };

      let pairs: SidePair[];
      if (opts.since !== undefined) {
        const paths = inputs.length > 0 ? inputs : existsSync(resolve(ctx.io.cwd, DEFAULT_INPUT_DIR)) ? [DEFAULT_INPUT_DIR] : ["."];
        try {
          pairs = await loadChangedSince(opts.since, paths, loadOptions);
        } catch (error) {
          if (error instanceof GitError) throw new UsageError(error.message, error.hint);
          throw error;
        }
      } else {
        if (inputs.length !== 2) {
          throw new UsageError(`diff needs two inputs, OLD and NEW (got ${inputs.length})`, "yardstick diff HEAD~1:assessments/x.yaml assessments/x.yaml, or yardstick diff --since REV");
        }
        const [oldSide, newSide] = [await loadSide(inputs[0]!, loadOptions), await loadSide(inputs[1]!, loadOptions)];
        pairs = [{ status: "modified", old: oldSide, new: newSide }];
      }

      const sides = pairs.flatMap((p) => [p.old, p.new].filter((s): s is LoadedSide => s !== undefined));
      const failed = printProblems(ctx, sides, configs.loaded().flatMap((c) => c.diagnostics));

      const reports: ChangeReport[] = [];
      for (const pair of pairs) {
        const a = pair.old?.assessment;
        const b = pair.new?.assessment;
        const config = (pair.new ?? pair.old)!.config;
        const options = { scales: config.scales, dateFormat: config.data.dateFormat, status: pair.status, oldLabel: pair.old?.label, newLabel: pair.new?.label };
        if (a && b) reports.push(diffAssessments(a, b, options));
        else if (!a && b && !pair.old) reports.push(diffAssessments(emptyEdition(b), b, options));
        else if (a && !b && !pair.new) reports.push(diffAssessments(a, emptyEdition(a), options));
      }

      if (reports.length > 0 || !failed) {
        if (reports.length === 0 && opts.format === "human") ctx.io.stdout(`no assessments changed since ${opts.since ?? "the revision"}\n`);
        else ctx.io.stdout(await formatReports(opts.format, reports, ctx));
      }
      if (failed) ctx.exit(EXIT.usage);
      else if (opts.exitCode && reports.some((r) => r.changed)) ctx.exit(EXIT.failed);
    });
}
