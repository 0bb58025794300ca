/**
 * `yardstick textconv FILE`: prints an assessment as its brief in Markdown text, for git's
 * textconv, so that `git diff` and `git log -p` on assessments read as briefs:
 *
 *   .gitattributes:  assessments/*.yaml diff=yardstick
 *   git config diff.yardstick.textconv "npx yardstick textconv"
 *
 * An invalid file never breaks `git diff`: its diagnostics go to stderr and its raw text to
 * stdout, with exit 0. Only a file that cannot be read at all exits 2.
 */
import { readInput } from "../../io/read.js";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { ConfigResolver, findConfigFile } from "../../config/load.js";
import { formatDiagnostics, PLAIN } from "../../diagnostics/reporter.js";
import { checkText } from "../../project/check.js";
import { EXIT, UsageError, type CliContext } from "../context.js";

/** git hands textconv a temporary copy named `XXXXXX_name.yaml`; this is the name it stands for. */
export function gitTempName(file: string): string | undefined {
  const m = /^[A-Za-z0-9]{6}_(.+)$/.exec(basename(file));
  return m ? join(dirname(file), m[1]!) : undefined;
}

export function registerTextconv(program: Command, ctx: CliContext): void {
  program
    .command("textconv")
    .argument("<file>", "assessment file (git passes a temporary copy)")
    .description("print an assessment as its brief in plain Markdown text, for git diff (diff.yardstick.textconv)")
    .option("--config <file>", "use this yardstick.config.yaml instead of searching upwards")
    .action(async (file: string, opts: { config?: string }) => {
      const abs = resolve(ctx.io.cwd, file);
      let bytes: Buffer;
      try {
        bytes = readInput(abs);
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(/^cannot read the file:? ?/, "") : "unknown error";
        throw new UsageError(`cannot read ${file}: ${message}`);
      }
      // git's copy sits in a temporary folder: find the config from there, else from where git runs us.
      const configFile = opts.config ? resolve(ctx.io.cwd, opts.config) : (findConfigFile(dirname(abs)) ?? findConfigFile(ctx.io.cwd));
      const config = new ConfigResolver(configFile).forFile(abs);
      let checked = checkText(bytes, abs, config);
      const original = gitTempName(abs);
      if (!checked.assessment && original && checked.diagnostics.some((d) => d.ruleId === "id-from-file-name")) {
        checked = checkText(bytes, original, config);
      }
      if (!checked.assessment) {
        const shown = checked.diagnostics.map((d) => ({ ...d, file }));
        const text = checked.loaded.text;
        ctx.io.stderr(formatDiagnostics("human", shown, { palette: PLAIN, sourceOf: () => text, fileCount: 1 }));
        ctx.io.stdout(text === "" ? bytes.toString("utf8") : text);
        ctx.exit(EXIT.ok);
        return;
      }
      const { toBrief } = await import("../../brief/to-brief.js");
      const { renderMarkdown } = await import("../../render/markdown/index.js");
      ctx.io.stdout(renderMarkdown(toBrief(checked.assessment, config)));
    });
}
