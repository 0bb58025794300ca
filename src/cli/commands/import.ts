/**
 * `yardstick import FILE…`: existing briefs (.txt, .md, .docx) → typed assessments in `--out`.
 */
import { relative } from "node:path";
import type { Command } from "commander";
import { hasFailures, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { DEFAULT_INPUT_DIR } from "../../project/discover.js";
import { importFiles } from "../../import/files.js";
import type { DateOrder } from "../../import/dates.js";
import { EXIT, UsageError, type CliContext } from "../context.js";
import { parseIsoDate, parseReportFormat } from "../options.js";
import { printDiagnostics } from "./check.js";
import type { ReportFormat } from "../../diagnostics/reporter.js";

interface ImportOptions {
  out: string;
  scale?: string;
  dateOrder: DateOrder;
  id?: string;
  asOf?: string;
  dryRun?: boolean;
  format: ReportFormat;
}

function parseDateOrder(value: string): DateOrder {
  if (value === "dmy" || value === "mdy" || value === "ymd") return value;
  throw new UsageError(`--date-order must be dmy, mdy or ymd, not \`${value}\``);
}

/** Registers `yardstick import`. */
export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .argument("<files...>", "briefs to import: .txt, .md or .docx")
    .description("turn existing briefs (text, Markdown, Word) into typed assessments (never overwrites)")
    .option("--out <dir>", "folder to write the assessments into", DEFAULT_INPUT_DIR)
    .option("--scale <scale>", "the probability yardstick the brief uses (default: the one its terms fit)")
    .option("--date-order <order>", "how numeric dates read: dmy (09/07/22 = 9 July), mdy or ymd", parseDateOrder, "dmy")
    .option("--id <id>", "id of the new assessment (one input only; default: from the file name)")
    .option("--as-of <date>", "check the result against this day instead of today (YYYY-MM-DD)", parseIsoDate)
    .option("--dry-run", "print the assessment instead of writing it")
    .option("--format <format>", "diagnostics as human, json or github", parseReportFormat, "human")
    .action(async (files: string[], opts: ImportOptions) => {
      if (opts.id && files.length > 1) throw new UsageError("--id names one assessment; import one file at a time with it");
      const results = await importFiles(files, ctx.io.cwd, {
        outDir: opts.out,
        ...(opts.scale ? { scale: opts.scale } : {}),
        dateOrder: opts.dateOrder,
        ...(opts.id ? { id: opts.id } : {}),
        ...(opts.asOf ? { asOf: opts.asOf } : {}),
        ...(opts.dryRun ? { dryRun: true } : {}),
      });
      const show = (file: string) => {
        const rel = relative(ctx.io.cwd, file);
        return rel.startsWith("..") || rel === "" ? file : rel;
      };
      const diagnostics: Diagnostic[] = [];
      const texts = new Map<string, string>();
      let failed = false;
      for (const r of results) {
        texts.set(r.input, r.text);
        diagnostics.push(...r.diagnostics.map((d) => ({ ...d, file: d.file === r.input ? r.input : show(d.file) })));
        if (r.output) {
          const shown = show(r.output);
          texts.set(shown, r.yaml);
          diagnostics.push(...r.check.map((d) => ({ ...d, file: shown })));
        }
        const passes = r.output !== undefined && !hasFailures(r.check);
        if (!passes || hasFailures(r.diagnostics)) failed = true;
        if (opts.dryRun && r.yaml) ctx.io.stdout(r.yaml);
      }
      printDiagnostics(ctx, opts.format, diagnostics, texts, results.length);
      if (opts.format === "human") {
        const p = ctx.palette;
        for (const r of results) {
          if (!r.output) continue;
          const verb = opts.dryRun ? "would write" : "wrote";
          const verdict = hasFailures(r.check) ? p.red("does not pass `yardstick check` yet: fix the errors above") : p.green("passes `yardstick check`");
          ctx.io.stderr(`${p.green(verb)} ${show(r.output)} from ${r.input}: ${verdict}\n`);
        }
      }
      ctx.exit(failed ? EXIT.failed : EXIT.ok);
    });
}
