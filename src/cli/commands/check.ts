/**
 * `yardstick check [paths…]`: schema + semantic checks + lint; writes nothing.
 */
import { readInputText } from "../../io/read.js";
import { resolve } from "node:path";
import type { Command } from "commander";
import { hasFailures, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { formatDiagnostics, type ReportFormat } from "../../diagnostics/reporter.js";
import { discoverAssessments } from "../../project/discover.js";
import { checkFiles } from "../../project/check.js";
import { EXIT, type CliContext } from "../context.js";
import { parseIsoDate, parseReportFormat } from "../options.js";

/** Options shared by `check` and `build`. */
export interface CheckLikeOptions {
  format: ReportFormat;
  strict?: boolean;
  asOf?: string;
  config?: string;
}

/**
 * Adds the options shared by `check` and `build` to a command. The diagnostics format is
 * `--format` for `check`; `build` passes `"--report"` since its `--format` names output formats.
 */
export function addCheckOptions(cmd: Command, reportFlag: "--format" | "--report" = "--format"): Command {
  return cmd
    .option(`${reportFlag} <format>`, "diagnostics as human, json or github (Actions annotations)", parseReportFormat, "human")
    .option("--strict", "treat warnings as errors (exit 1)")
    .option("--as-of <date>", "check dates against this day instead of today (YYYY-MM-DD)", parseIsoDate)
    .option("--config <file>", "use this yardstick.config.yaml instead of searching upwards");
}

/** Prints diagnostics with the chosen reporter, showing source lines from the checked texts. */
export function printDiagnostics(ctx: CliContext, format: ReportFormat, diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>, fileCount: number): void {
  const sourceOf = (file: string) => {
    const known = texts.get(file);
    if (known !== undefined) return known;
    try {
      return readInputText(resolve(ctx.io.cwd, file));
    } catch {
      return undefined;
    }
  };
  ctx.io.stdout(formatDiagnostics(format, diagnostics, { palette: ctx.palette, sourceOf, fileCount }));
}

export function registerCheck(program: Command, ctx: CliContext): void {
  addCheckOptions(
    program
      .command("check")
      .argument("[paths...]", "assessment files or folders (default: assessments/)")
      .description("check assessments: YAML, schema, semantic checks and lint; writes nothing"),
  ).action((paths: string[], opts: CheckLikeOptions) => {
    const discovered = discoverAssessments(paths, ctx.io.cwd);
    if (discovered.problems.length > 0) {
      printDiagnostics(ctx, opts.format, discovered.problems, new Map(), 0);
      ctx.exit(EXIT.usage);
      return;
    }
    const absolute = discovered.files.map((f) => resolve(ctx.io.cwd, f));
    const result = checkFiles(absolute, { asOf: opts.asOf, configFile: opts.config ? resolve(ctx.io.cwd, opts.config) : undefined });
    const texts = new Map<string, string>();
    const diagnostics: Diagnostic[] = [];
    result.files.forEach((checked, i) => {
      const shown = discovered.files[i]!;
      texts.set(shown, checked.loaded.text);
      for (const d of checked.diagnostics) diagnostics.push({ ...d, file: shown });
    });
    diagnostics.push(...result.configDiagnostics, ...discovered.warnings);
    printDiagnostics(ctx, opts.format, diagnostics, texts, discovered.files.length);
    ctx.exit(hasFailures(diagnostics, opts.strict) ? EXIT.failed : EXIT.ok);
  });
}
