/**
 * The `yardstick` command line: parses arguments, calls the library, prints, returns an exit code.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT, UsageError, paletteFor, wantsColor, type CliContext, type CliIO } from "./context.js";
import { escapeControl } from "../diagnostics/reporter.js";

type Register = (program: Command, ctx: CliContext) => void;

/**
 * Each command's module, loaded only when needed: a run loads the module of the command it runs
 * (so `check` never loads the renderers), and help loads them all.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ["build", async () => (await import("./commands/build.js")).registerBuild],
  ["check", async () => (await import("./commands/check.js")).registerCheck],
  ["schema", async () => (await import("./commands/schema.js")).registerSchema],
  ["doctor", async () => (await import("./commands/doctor.js")).registerDoctor],
  ["new", async () => (await import("./commands/new.js")).registerNew],
  ["preview", async () => (await import("./commands/preview.js")).registerPreview],
  ["diff", async () => (await import("./commands/diff.js")).registerDiff],
  ["textconv", async () => (await import("./commands/textconv.js")).registerTextconv],
  ["import", async () => (await import("./commands/import.js")).registerImport],
  ["init", async () => (await import("./commands/init.js")).registerInit],
  ["score", async () => (await import("./commands/score.js")).registerScore],
];

/** The command an argument list runs, when it names a known one. */
function commandOf(argv: readonly string[]): string | undefined {
  const first = argv.find((a) => !a.startsWith("-"));
  return COMMANDS.some(([name]) => name === first) ? first : undefined;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * A writer for a process stream that stops quietly when the reader goes away (`yardstick check … |
 * head` closes the pipe early: EPIPE). Without a listener, the stream's `error` event would end the
 * process with a stack trace; with it, later output is dropped and the command ends with its usual
 * exit code. Any other write error (a full disk behind `> file`) is reported once on stderr.
 */
export function streamWriter(stream: NodeJS.WritableStream, name: string, report: (text: string) => void): (text: string) => void {
  let closed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") report(`yardstick: cannot write to ${name} (${escapeControl(error.message)})\n`);
  });
  return (text) => {
    if (closed) return;
    stream.write(text);
  };
}

/** The real process as CLI IO. */
export function processIO(): CliIO {
  const stderr = streamWriter(process.stderr, "stderr", () => {});
  const stdout = streamWriter(process.stdout, "stdout", stderr);
  return {
    stdout,
    stderr,
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

/** Builds the commander program for one run, with the command `argv` names (or all of them, for help). */
export async function buildProgram(ctx: CliContext, argv: readonly string[] = []): Promise<Command> {
  const program = new Command("yardstick")
    .description("Structured-analytic assessments as typed YAML: check them, render Markdown and PDF briefs, diff editions.")
    .version(packageVersion(), "-v, --version")
    .option("--no-color", "no colour in the output")
    .showHelpAfterError("(run `yardstick --help` for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.io.stdout(s), writeErr: (s) => ctx.io.stderr(s) });
  const wanted = commandOf(argv);
  for (const [name, load] of COMMANDS) {
    if (wanted === undefined || wanted === name) (await load())(program, ctx);
  }
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
  const program = await buildProgram(ctx, argv);
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`yardstick: ${escapeControl(error.message)}\n${error.hint ? `  hint: ${escapeControl(error.hint)}\n` : ""}`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`yardstick: internal error: ${escapeControl(message)}\n  this is a bug in yardstick; please report it with the command you ran.\n`);
    if (io.env.YARDSTICK_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.usage;
  }
  return code;
}
