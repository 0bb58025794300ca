/**
 * `yardstick doctor`: what the environment has — Node and yardstick versions, the browser search
 * (each candidate and why), whether the browser starts and prints, the bundled fonts and the
 * config in force. Exit 0 when PDF rendering works, 2 when it does not.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { findConfigFile } from "../../config/load.js";
import { EXIT, type CliContext } from "../context.js";

interface DoctorOptions {
  browser?: string;
  config?: string;
  launch: boolean;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command("doctor")
    .description("show what the environment has for building briefs: versions, browser, fonts, config")
    .option("--browser <path>", "check this Chrome/Chromium executable instead of searching (`bundled`: the Chromium of @sparticuz/chromium)")
    .option("--config <file>", "use this yardstick.config.yaml instead of searching upwards")
    .option("--no-launch", "only search for a browser; do not start it")
    .action(async (opts: DoctorOptions) => {
      const { palette: p, io } = ctx;
      const ok = p.green("✓");
      const no = p.red("✗");
      io.stdout(`${p.bold("yardstick")} ${packageVersion()}\n`);
      io.stdout(`Node ${process.version} (${process.platform} ${process.arch})\n`);

      const configFile = opts.config ? resolve(io.cwd, opts.config) : findConfigFile(io.cwd);
      io.stdout(`Config: ${configFile ?? "none found (defaults: A4, dd/mm/yy)"}\n`);

      const { fontStatus } = await import("../../render/html/assets.js");
      const fonts = fontStatus();
      const missing = fonts.filter((f) => !f.found);
      const families = [...new Set(fonts.map((f) => f.face.pkg))].join(", ");
      io.stdout(`Fonts: ${fonts.length - missing.length}/${fonts.length} bundled faces present (${families})\n`);
      for (const f of missing) io.stdout(`  ${no} ${f.path}\n`);

      const { findBrowser, NO_BROWSER_HINT } = await import("../../render/pdf/browser.js");
      const search = await findBrowser({ browser: opts.browser, env: io.env });
      io.stdout("Browser search (in order):\n");
      for (const c of search.candidates) io.stdout(`  ${c.found ? ok : no} ${c.source.padEnd(25)} ${c.path} ${p.dim(`— ${c.reason}`)}\n`);

      let working = false;
      if (!search.found) {
        const problem = search.problem;
        io.stdout(`${no} ${problem ? problem.message : "no browser found"}: PDF briefs cannot be rendered (Markdown still builds)\n  fix: ${problem?.hint ?? NO_BROWSER_HINT}\n`);
      } else if (!opts.launch) {
        io.stdout(`Browser: ${search.found.path} (${search.found.source}); not started (--no-launch)\n`);
        working = true;
      } else {
        const { openPdfSession } = await import("../../render/pdf/session.js");
        const started = performance.now();
        try {
          const session = await openPdfSession({ browser: opts.browser, env: io.env, jobs: 1, timeoutMs: 20_000 });
          try {
            const version = await session.version();
            const probe = await session.probe();
            io.stdout(`${ok} Browser: ${search.found.path} (${search.found.source}), ${version}: started and printed a test page in ${Math.round(performance.now() - started)} ms (${probe.pages} page, ${probe.bytes.byteLength} bytes)\n`);
            working = probe.pages > 0 && missing.length === 0;
            if (search.found.source !== "@sparticuz/chromium") io.stdout(`  ${p.dim("PDF bytes depend on the browser build; for the same bytes on every Linux x64 machine, build with --browser bundled")}\n`);
          } finally {
            await session.close();
          }
        } catch (error) {
          io.stdout(`${no} Browser ${search.found.path} found but not usable: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n  fix: ${NO_BROWSER_HINT}\n`);
        }
      }
      ctx.exit(working ? EXIT.ok : EXIT.usage);
    });
}
