/**
 * `yardstick score [paths…]`: how well calibrated were the judgments of an archive? Reads every
 * assessment (editions included) and outcomes ledger under the paths, prints the figures and the
 * per-term table, and with `--svg FILE` writes the reliability diagram.
 *
 * Exit codes: 0 scored; 1 some input has errors (the rest is still scored); 2 usage errors.
 */
import { resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { formatDiagnostics } from "../../diagnostics/reporter.js";
import { hasFailures } from "../../diagnostics/diagnostic.js";
import { todayIso } from "../../schema/dates.js";
import { EXIT, UsageError, type CliContext } from "../context.js";
import { parseIsoDate, parsePositiveInt } from "../options.js";
import { SLICE_KEYS, type EditionsMode, type SliceKey } from "../../score/types.js";

type ScoreFormat = "human" | "json" | "markdown" | "html";

/** Most bootstrap resamples accepted: the cost is resamples × forecasts. */
const MAX_RESAMPLES = 100_000;

interface ScoreOptions {
  format: ScoreFormat;
  svg?: string;
  editions: EditionsMode;
  by?: SliceKey;
  asOf?: string;
  seed: number;
  resamples: number;
  minN: number;
  config?: string;
}

function parseScoreFormat(value: string): ScoreFormat {
  if (value === "human" || value === "json" || value === "markdown" || value === "html") return value;
  throw new InvalidArgumentError("expected human, json, markdown or html");
}

function parseEditions(value: string): EditionsMode {
  if (value === "latest" || value === "all") return value;
  throw new InvalidArgumentError("expected latest or all");
}

function parseBy(value: string): SliceKey {
  if ((SLICE_KEYS as readonly string[]).includes(value)) return value as SliceKey;
  throw new InvalidArgumentError(`expected ${SLICE_KEYS.join(", ")}`);
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new InvalidArgumentError("expected a whole number from 0 to 4294967295");
  return n;
}

export function registerScore(program: Command, ctx: CliContext): void {
  program
    .command("score")
    .argument("[paths...]", "assessment files or folders, editions and outcomes ledgers included (default: assessments/)")
    .description("how well calibrated were the judgments? Brier score, decomposition, AUC and a per-term table over resolved judgments")
    .option("--format <format>", "human, json, markdown, or html (a printable scorecard with the diagram)", parseScoreFormat, "human")
    .option("--svg <file>", "also write the reliability diagram as SVG")
    .option("--editions <mode>", "latest: one forecast per question, the latest edition issued before the horizon; all: every such edition", parseEditions, "latest")
    .option("--by <key>", `figures by ${SLICE_KEYS.join(", ")}`, parseBy)
    .option("--as-of <date>", "score as things stood on this day: later outcomes and editions are ignored (YYYY-MM-DD)", parseIsoDate)
    .option("--seed <n>", "seed of the bootstrap interval", parseSeed, 1)
    .option("--resamples <n>", "bootstrap resamples", parsePositiveInt, 2000)
    .option("--min-n <n>", "flag cells with fewer forecasts than this", parsePositiveInt, 10)
    .option("--config <file>", "use this yardstick.config.yaml instead of searching upwards")
    .addHelpText("after", "\nExamples:\n  yardstick score archive/ --svg reliability.svg\n  yardstick score archive/ --by author --format markdown > calibration.md\n  yardstick score archive/ --format json --as-of 2025-12-31\n")
    .action(async (paths: string[], opts: ScoreOptions) => {
      if (opts.resamples > MAX_RESAMPLES) throw new UsageError(`--resamples ${opts.resamples} is more than ${MAX_RESAMPLES}`, "2000 resamples give a stable 95 % interval");
      const { loadArchive } = await import("../../score/load.js");
      const { collectForecasts } = await import("../../score/collect.js");
      const { scoreReport } = await import("../../score/report.js");
      const today = todayIso();
      const asOf = opts.asOf ?? today;
      const archive = loadArchive(paths, { cwd: ctx.io.cwd, checkAsOf: asOf > today ? asOf : today, configFile: opts.config ? resolve(ctx.io.cwd, opts.config) : undefined });
      if (archive.inputProblems.length > 0) {
        ctx.io.stderr(formatDiagnostics("human", archive.inputProblems, { palette: ctx.palette }));
        ctx.exit(EXIT.usage);
        return;
      }
      const collected = collectForecasts(archive.entries, archive.ledger, { editions: opts.editions, asOf });
      const diagnostics = [...archive.diagnostics, ...collected.diagnostics];
      if (diagnostics.length > 0) {
        ctx.io.stderr(formatDiagnostics("human", diagnostics, { palette: ctx.palette, sourceOf: (f) => archive.texts.get(f), fileCount: archive.invalid.length }));
      }
      const report = scoreReport(collected, { editions: opts.editions, asOf, seed: opts.seed, resamples: opts.resamples, minN: opts.minN, by: opts.by });
      if (opts.format === "json") ctx.io.stdout((await import("../../score/format/json.js")).formatScoreJson(report));
      else if (opts.format === "html") ctx.io.stdout((await import("../../score/format/html.js")).formatScoreHtml(report));
      else if (opts.format === "markdown") ctx.io.stdout((await import("../../score/format/markdown.js")).formatScoreMarkdown(report));
      else ctx.io.stdout((await import("../../score/format/human.js")).formatScoreHuman(report, { palette: ctx.palette }));
      if (opts.svg !== undefined) {
        const { formatScoreSvg } = await import("../../score/format/svg.js");
        const { writeOutputFile, WriteRefused } = await import("../../score/write.js");
        const target = resolve(ctx.io.cwd, opts.svg);
        try {
          await writeOutputFile(target, formatScoreSvg(report));
        } catch (error) {
          if (error instanceof WriteRefused) throw new UsageError(error.message, error.hint);
          throw error;
        }
        if (opts.format === "human") ctx.io.stderr(`reliability diagram written to ${opts.svg}\n`);
      }
      ctx.exit(hasFailures(diagnostics) ? EXIT.failed : EXIT.ok);
    });
}
