/**
 * `yardstick init [DIR]`: scaffolds a repository of assessments (see project/init.ts) and says
 * what it wrote, what it added to, and what it left alone.
 */
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { InitError, initProject } from "../../project/init.js";
import { todayIso } from "../../schema/dates.js";
import { UsageError, type CliContext } from "../context.js";

interface InitOptions {
  from?: string;
  git?: boolean;
}

/** Registers `yardstick init`. */
export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command("init")
    .argument("[dir]", "the repository folder (default: the current folder; created when missing)")
    .description("set up a repository of assessments: package.json, an example, config, git diff, CI workflow, editor schema (never overwrites)")
    .option("--from <spec>", "where npm installs yardstick from: a tarball, a git URL or a folder (default: this yardstick's folder, when it is a clone)")
    .option("--git", "also set the textconv driver in the repository's local git config")
    .action((dirArg: string | undefined, opts: InitOptions) => {
      const dir = resolve(ctx.io.cwd, dirArg ?? ".");
      let result;
      try {
        result = initProject({ dir, from: opts.from, git: opts.git === true, today: todayIso() });
      } catch (error) {
        if (error instanceof InitError) throw new UsageError(error.message, error.hint);
        throw error;
      }
      const p = ctx.palette;
      const label = { wrote: p.green("wrote  "), updated: p.cyan("updated"), skipped: p.yellow("skipped") } as const;
      const rel = relative(ctx.io.cwd, dir);
      const shownDir = rel === "" ? "." : rel.startsWith("..") ? dir : rel;
      ctx.io.stdout(`${p.bold("yardstick init")} ${shownDir}\n`);
      for (const f of result.files) ctx.io.stdout(`  ${label[f.action]} ${f.path}${f.note ? p.dim(` — ${f.note}`) : ""}\n`);
      ctx.io.stdout(`  ${result.git.configured ? p.green("git    ") : p.dim("git    ")} ${result.git.note}\n`);
      const cd = shownDir === "." ? "" : `cd ${shownDir} && `;
      const steps: Array<[string, string]> = [
        [`${cd}npm install`, "installs yardstick (and, on Linux x64, its Chromium)"],
        ["npx yardstick check", "checks assessments/"],
        ["npx yardstick build", "writes out/example.md and out/example.pdf"],
        ["npx yardstick new my-assessment", "starts the next one"],
      ];
      const width = Math.max(...steps.map(([c]) => c.length));
      ctx.io.stdout(`\nnext:\n${steps.map(([c, what], i) => `  ${i + 1}. ${p.bold(c)}${" ".repeat(width - c.length + 2)}${what}\n`).join("")}`);
    });
}
