/**
 * `yardstick build [paths…]`: check, then render the valid assessments into the output folder.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import type { ReportFormat } from "../../diagnostics/reporter.js";
import { formatIds, preopenFormats } from "../../render/formats.js";
import { EXIT, type CliContext } from "../context.js";
import { addCheckOptions, parseOutputFolder, parsePositiveInt } from "../options.js";
import { parseShard, selectShard, ShardSyntaxError, type Shard } from "../../build/shard.js";
import { briefProgressOf, createProgress, progressMode } from "../progress.js";

/** Output formats built when `--format` is not given. */
export const DEFAULT_OUTPUT_FORMATS = ["md", "pdf"];

/** Options of `build`. */
export interface BuildCommandOptions {
  report: ReportFormat;
  strict?: boolean;
  asOf?: string;
  config?: string;
  out?: string;
  format?: string[];
  jobs?: number;
  browser?: string;
  force?: boolean;
  release?: string[];
  shard?: Shard;
  quiet?: boolean;
  verbose?: boolean;
}

/** `--shard i/n`, as a usage error when malformed. */
export function parseShardOption(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    if (error instanceof ShardSyntaxError) throw new InvalidArgumentError("expected i/n with 1 ≤ i ≤ n, e.g. 2/3");
    throw error;
  }
}

/** `--format md,json`: a comma-separated list of output formats. */
export function parseFormatList(value: string): string[] {
  const ids = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (ids.length === 0) throw new InvalidArgumentError("expected one or more output formats, e.g. md,json");
  return [...new Set(ids)];
}

/** `--out`, else the `out` of the config that applies to the working folder (relative to it), else `out/`. */
function outputFolder(cwd: string, opts: BuildCommandOptions, { findConfigFile, loadConfigFile }: typeof import("../../config/load.js")): string {
  if (opts.out !== undefined) return resolve(cwd, opts.out);
  const configFile = opts.config ? resolve(cwd, opts.config) : findConfigFile(cwd);
  if (configFile && existsSync(configFile)) {
    const config = loadConfigFile(configFile);
    if (config.data.out) return resolve(config.dir, config.data.out);
  }
  return resolve(cwd, "out");
}

export function registerBuild(program: Command, ctx: CliContext): void {
  addCheckOptions(
    program
      .command("build")
      .argument("[paths...]", "assessment files or folders (default: assessments/)")
      .description("check assessments, then render the valid ones into the output folder; invalid files are reported and their earlier outputs left untouched")
      .option("-o, --out <dir>", "output folder (default: the config's `out`, else out/)", parseOutputFolder)
      .option("-j, --jobs <n>", "parallel work: PDF pages printing at once, and threads for checking (default: number of cores; threads only for 200 or more files)", parsePositiveInt)
      .option("--browser <path>", "Chrome/Chromium to print PDFs with, or `bundled` for the pinned Chromium of @sparticuz/chromium (default: YARDSTICK_BROWSER, PUPPETEER_EXECUTABLE_PATH, a headless shell, a system browser, else the bundled Chromium)")
      .option("--force", "render every brief again, even those whose outputs are up to date")
      .option("--release <level>", "also write a tearline release of each brief holding only the portions at or below LEVEL (TLP:GREEN, OFFICIAL, OFFICIAL,TLP:GREEN), as <id>.<level>.<ext>; repeat for several", (v: string, prev: string[] = []) => [...prev, v])
      .option("--shard <i/n>", "build only part i of n of the inputs, for CI matrices (vitest's convention: files ordered by a hash of their path, split in n balanced slices)", parseShardOption)
      .option("-q, --quiet", "print only errors and the summary line")
      .option("--verbose", "show each problem with its source line and hint (as `check` does)")
      .option("-f, --format <formats>", `output formats, comma-separated (${formatIds().join(", ")}; default ${DEFAULT_OUTPUT_FORMATS.join(",")}); the diagnostics format is --report`, parseFormatList),
    "--report",
  ).action(async (paths: string[], opts: BuildCommandOptions) => {
    // First thing: the browser (import, fonts, launch) for the PDF format, while the rest of the
    // build loads, finds and checks the files. Whatever the build does not take is closed below.
    const formats = opts.format ?? DEFAULT_OUTPUT_FORMATS;
    const unknown = formats.filter((f) => !formatIds().includes(f));
    if (unknown.length > 0) {
      ctx.io.stderr(`yardstick: unknown output format ${unknown.map((u) => `\`${u}\``).join(", ")}\n  hint: formats: ${formatIds().join(", ")}\n`);
      ctx.exit(EXIT.usage);
      return;
    }
    const discard = preopenFormats(formats, { browser: opts.browser, jobs: opts.jobs, env: ctx.io.env });
    // Ctrl-C / SIGTERM: no brief starts after it, what was written is kept, exit 130 / 143.
    const stop = new AbortController();
    const offInterrupt = ctx.io.onInterrupt?.((signal) => {
      stop.abort(signal ?? "SIGINT");
      void discard();
    });
    try {
      await build(paths, opts, formats, stop.signal);
    } finally {
      offInterrupt?.();
      await discard();
    }
  });

  async function build(paths: string[], opts: BuildCommandOptions, formats: string[], signal: AbortSignal): Promise<void> {
    // Loaded here, not at the top: the browser above starts before the checker and its schemas load.
    const [{ buildFiles }, { buildReport, formatBuildReport }, config, { discoverAssessments }, { printDiagnostics }, { escapeControl }] = await Promise.all([
      import("../../build/index.js"),
      import("../../build/report.js"),
      import("../../config/load.js"),
      import("../../project/discover.js"),
      import("./check.js"),
      import("../../diagnostics/reporter.js"),
    ]);
    const discovered = discoverAssessments(paths, ctx.io.cwd);
    if (discovered.problems.length > 0) {
      printDiagnostics(ctx, opts.report, discovered.problems, new Map(), 0);
      ctx.exit(EXIT.usage);
      return;
    }
    const outDir = outputFolder(ctx.io.cwd, opts, config);
    const selected = opts.shard ? selectShard(discovered.files, opts.shard, ctx.io.cwd) : discovered.files;
    const absolute = selected.map((f) => resolve(ctx.io.cwd, f));
    // Progress lines print file names: escaped like every message (a name may hold a newline or ESC).
    const shownOf = new Map(absolute.map((a, i) => [a, escapeControl(selected[i]!)] as const));
    const progress = createProgress({ mode: progressMode({ isTTY: ctx.io.isTTY, env: ctx.io.env, quiet: opts.quiet }), write: (t) => ctx.io.stderr(t), columns: Number(ctx.io.env.COLUMNS) || undefined });
    progress.start(absolute.length);
    const result = await buildFiles(absolute, {
      incremental: { force: opts.force, projectRoot: ctx.io.cwd, env: ctx.io.env },
      progress: {
        start: (n) => progress.start(n),
        begin: (file) => progress.begin(shownOf.get(file) ?? file),
        done: (f) => {
          if (f.status !== "interrupted") progress.done(briefProgressOf(shownOf.get(f.file) ?? f.file, f));
        },
      },
      outDir,
      formats,
      workers: opts.jobs,
      root: ctx.io.cwd,
      session: { browser: opts.browser, jobs: opts.jobs, env: ctx.io.env, onInterrupt: ctx.io.onInterrupt?.bind(ctx.io) },
      strict: opts.strict,
      asOf: opts.asOf,
      configFile: opts.config ? resolve(ctx.io.cwd, opts.config) : undefined,
      signal,
      ...(opts.release ? { releases: opts.release } : {}),
    });
    progress.finish();
    const rel = relative(ctx.io.cwd, outDir);
    const report = buildReport({ ...result, environment: [...result.environment, ...discovered.warnings] }, { shown: (f) => shownOf.get(f) ?? f, outDir: rel === "" ? "." : rel.startsWith("..") ? outDir : rel, seconds: performance.now() / 1000 });
    const text = formatBuildReport(opts.report, report, { palette: ctx.palette, verbose: opts.verbose, quiet: opts.quiet });
    ctx.io.stdout(text);
    // JSON on stdout stays one document; its summary line goes to stderr, as progress does.
    if (opts.report === "json" && opts.quiet !== true) ctx.io.stderr(`${JSON.parse(text).summary.line as string}\n`);
    if (result.interrupted !== undefined) {
      ctx.exit(result.interrupted === "SIGTERM" ? EXIT.terminated : EXIT.interrupted);
      return;
    }
    if (result.environment.length > 0) ctx.exit(EXIT.usage);
    ctx.exit(result.failed ? EXIT.failed : EXIT.ok);
  }
}
