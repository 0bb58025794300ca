/**
 * `yardstick new ID`: writes `assessments/ID.yaml` from a template that passes `check`.
 */
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { ConfigResolver } from "../../config/load.js";
import { DEFAULT_INPUT_DIR } from "../../project/discover.js";
import { createAssessment } from "../../project/new-assessment.js";
import { todayIso } from "../../schema/dates.js";
import { UsageError, type CliContext } from "../context.js";
import { parseIsoDate } from "../options.js";

interface NewOptions {
  scale: string;
  title?: string;
  dir: string;
  cutoff?: string;
}

/** Registers `yardstick new`. */
export function registerNew(program: Command, ctx: CliContext): void {
  program
    .command("new")
    .argument("<id>", "kebab-case id of the assessment; also its file name (e.g. isk-2023-01)")
    .description("start a new assessment: writes DIR/ID.yaml from a template (never overwrites)")
    .option("--scale <scale>", "probability yardstick: phia, icd203 or a scale from yardstick.config.yaml", "phia")
    .option("--title <title>", "title of the brief (default: from the id)")
    .option("--dir <dir>", "folder to write into (created when missing)", DEFAULT_INPUT_DIR)
    .option("--cutoff <date>", "intelligence cutoff date (default: today, YYYY-MM-DD)", parseIsoDate)
    .action((id: string, opts: NewOptions) => {
      const dir = resolve(ctx.io.cwd, opts.dir);
      const config = new ConfigResolver().forFile(join(dir, `${id}.yaml`));
      const result = createAssessment({ id, title: opts.title, scale: opts.scale, scales: config.scales, dir, today: opts.cutoff ?? todayIso() });
      const show = (file: string) => {
        const rel = relative(ctx.io.cwd, file);
        return rel.startsWith("..") || rel === "" ? file : rel;
      };
      if (!result.ok) {
        const message = result.file && result.reason === "exists" ? `${show(result.file)} already exists; \`yardstick new\` never overwrites a file` : result.message;
        throw new UsageError(message, result.hint);
      }
      const p = ctx.palette;
      const shown = show(result.file);
      ctx.io.stdout(
        `${p.green("wrote")} ${shown}\n\n` +
          `next:\n` +
          `  1. edit it: replace each TODO (editors with the YAML language server check it as you type)\n` +
          `  2. ${p.bold(`npx yardstick preview ${shown}`)}   see the brief update on every save\n` +
          `  3. ${p.bold(`npx yardstick check ${shown}`)}     then ${p.bold(`npx yardstick build ${shown}`)} for the PDF\n`,
      );
    });
}
