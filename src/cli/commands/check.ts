/**
 * `yardstick check [paths…]`: schema + semantic checks + lint; writes nothing.
 */
import { readInputText } from "../../io/read.js";
import { resolve } from "node:path";
import type { Command } from "commander";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { ConfigResolver } from "../../config/load.js";
import { isFixable } from "../../fix/apply.js";
import { fixFile, type FixedFile } from "../../project/fix.js";
import { WriteRefusedError } from "../../io/write.js";
import { unknownRuleDiagnostics } from "../../check/code-settings.js";
import { configurableIds } from "../../check/catalogue.js";

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string";
}
import { RULES } from "../../lint/rules/index.js";
import { hasFailures, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { diagnostic } from "../../diagnostics/codes.js";
import { formatDiagnostics, type ReportFormat } from "../../diagnostics/reporter.js";
import { discoverAssessments } from "../../project/discover.js";
import { checkFiles } from "../../project/check.js";
import { EXIT, type CliContext } from "../context.js";

/** Options shared by `check` and `build`. */
export interface CheckLikeOptions {
  format: ReportFormat;
  strict?: boolean;
  asOf?: string;
  config?: string;
}

import { addCheckOptions } from "../options.js";

/** Moved beside the other shared option parsers (so `build` registers them without loading the checker). */
export { addCheckOptions };

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

/** A diagnostic with its file (and related places in the same file) named as the user wrote it. */
export function shownAs(d: Diagnostic, shown: string): Diagnostic {
  const related = d.related?.map((r) => (r.file === d.file ? { ...r, file: shown } : r));
  return related ? { ...d, file: shown, related } : { ...d, file: shown };
}

/** `check`'s own options. */
interface CheckCommandOptions extends CheckLikeOptions {
  fix?: boolean;
  fixDryRun?: boolean;
}

/** "fixed 3 problems in a.yaml" and one line per change, in the text's order. */
function fixedLines(ctx: CliContext, shown: string, fixed: FixedFile, verb: string): string {
  const p = ctx.palette;
  const n = fixed.applied.length;
  const lines = [`${p.green("✔")} ${verb} ${n} problem${n === 1 ? "" : "s"} in ${p.bold(shown)}`];
  for (const { diagnostic: d, pass } of fixed.applied) {
    const where = pass === 1 ? `${d.line}:${d.column}` : "   ";
    lines.push(`  ${p.dim(where.padEnd(7))} ${d.fix.description}  ${p.dim(d.ruleId)}`);
  }
  return lines.join("\n") + "\n\n";
}

/** `check --fix` and `check --fix-dry-run`: fix, print what changed (or the diff), then what is left. */
async function runFix(ctx: CliContext, files: readonly string[], shownFiles: readonly string[], opts: CheckCommandOptions): Promise<void> {
  const dryRun = opts.fixDryRun === true;
  const configs = new ConfigResolver(opts.config ? resolve(ctx.io.cwd, opts.config) : undefined);
  const texts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  let out = "";
  for (const [i, file] of files.entries()) {
    const shown = shownFiles[i]!;
    let fixed: FixedFile;
    try {
      fixed = await fixFile(file, configs, { asOf: opts.asOf, dryRun });
    } catch (error) {
      if (!(error instanceof WriteRefusedError) && !isNodeError(error)) throw error;
      diagnostics.push(diagnostic("write-failed", "notWritten", { file: shown, line: 0, column: 0 }, { reason: error.message }));
      continue;
    }
    texts.set(shown, fixed.checked.loaded.text);
    for (const d of fixed.checked.diagnostics) diagnostics.push(shownAs(d, shown));
    if (fixed.applied.length === 0) continue;
    if (dryRun) out += createTwoFilesPatch(shown, shown, fixed.before, fixed.after, undefined, undefined, { context: 2, headerOptions: FILE_HEADERS_ONLY });
    else if (opts.format === "human") out += fixedLines(ctx, shown, fixed, "fixed");
  }
  diagnostics.push(...configs.loaded().flatMap((c) => [...c.diagnostics, ...unknownRuleDiagnostics(c, configurableIds(RULES))]));
  if (dryRun && out !== "") out += "\n";
  if (out !== "") ctx.io.stdout(out);
  printDiagnostics(ctx, opts.format, diagnostics, texts, files.length);
  ctx.exit(hasFailures(diagnostics, opts.strict) ? EXIT.failed : EXIT.ok);
}

export function registerCheck(program: Command, ctx: CliContext): void {
  addCheckOptions(
    program
      .command("check")
      .argument("[paths...]", "assessment files or folders (default: assessments/)")
      .description("check assessments: YAML, schema, semantic checks and lint; writes nothing unless --fix"),
  )
    .option("--fix", "repair in place the problems that have one safe fix (typos with one close candidate, case, horizons, date formats)")
    .option("--fix-dry-run", "print the changes --fix would make as a unified diff, and write nothing")
    .action(async (paths: string[], opts: CheckCommandOptions) => {
    const discovered = discoverAssessments(paths, ctx.io.cwd);
    if (discovered.problems.length > 0) {
      printDiagnostics(ctx, opts.format, discovered.problems, new Map(), 0);
      ctx.exit(EXIT.usage);
      return;
    }
    const absolute = discovered.files.map((f) => resolve(ctx.io.cwd, f));
    if (opts.fix === true || opts.fixDryRun === true) {
      await runFix(ctx, absolute, discovered.files, opts);
      return;
    }
    const result = checkFiles(absolute, { asOf: opts.asOf, configFile: opts.config ? resolve(ctx.io.cwd, opts.config) : undefined });
    const texts = new Map<string, string>();
    const diagnostics: Diagnostic[] = [];
    result.files.forEach((checked, i) => {
      const shown = discovered.files[i]!;
      texts.set(shown, checked.loaded.text);
      for (const d of checked.diagnostics) diagnostics.push(shownAs(d, shown));
    });
    diagnostics.push(...result.configDiagnostics, ...discovered.warnings);
    printDiagnostics(ctx, opts.format, diagnostics, texts, discovered.files.length);
    const fixable = diagnostics.filter(isFixable).length;
    if (fixable > 0 && opts.format === "human") {
      ctx.io.stdout(ctx.palette.dim(`${fixable} problem${fixable === 1 ? "" : "s"} can be fixed with \`yardstick check --fix\` (preview: --fix-dry-run)`) + "\n");
    }
    ctx.exit(hasFailures(diagnostics, opts.strict) ? EXIT.failed : EXIT.ok);
  });
}
