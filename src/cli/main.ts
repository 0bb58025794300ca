/**
 * The `yardstick` command line: parses arguments, calls the library, prints, returns an exit code.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT, UsageError, paletteFor, wantsColor, type CliContext, type CliIO } from "./context.js";
import { registerCheck } from "./commands/check.js";
import { registerBuild } from "./commands/build.js";
import { registerSchema } from "./commands/schema.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerNew } from "./commands/new.js";
import { registerPreview } from "./commands/preview.js";
import { registerDiff } from "./commands/diff.js";
import { registerTextconv } from "./commands/textconv.js";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** The real process as CLI IO. */
export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    onInterrupt(handler) {
      process.on("SIGINT", handler);
      process.on("SIGTERM", handler);
      return () => {
        process.off("SIGINT", handler);
        process.off("SIGTERM", handler);
      };
    },
  };
}

/** Builds the commander program for one run. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command("yardstick")
    .description("Structured-analytic assessments as typed YAML: check them, render Markdown and PDF briefs, diff editions.")
    .version(packageVersion(), "-v, --version")
    .option("--no-color", "no colour in the output")
    .showHelpAfterError("(run `yardstick --help` for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) });
  registerBuild(program, ctx);
  registerCheck(program, ctx);
  registerSchema(program, ctx);
  registerDoctor(program, ctx);
  registerNew(program, ctx);
  registerPreview(program, ctx);
  registerDiff(program, ctx);
  registerTextconv(program, ctx);
  return program;
}

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let code: number = EXIT.ok;
  const colorFlag = argv.includes("--no-color") ? false : undefined;
  const ctx: CliContext = {
    io,
    palette: paletteFor(wantsColor(io, colorFlag)),
    exit(c) {
      code = Math.max(code, c);
    },
  };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`yardstick: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ""}`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`yardstick: internal error: ${message}\n  this is a bug in yardstick; please report it with the command you ran.\n`);
    if (io.env.YARDSTICK_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.usage;
  }
  return code;
}
