/**
 * `yardstick preview FILE|DIR`: a local server (loopback only) showing the brief as the PDF will
 * look, re-rendered on every save; stops on Ctrl-C.
 */
import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { DEFAULT_INPUT_DIR } from "../../project/discover.js";
import { EXIT, UsageError, type CliContext } from "../context.js";
import { parseIsoDate } from "../options.js";
import type { PreviewEvent } from "../../preview/preview.js";

/** Port tried first when none is given; the next free one is taken if it is busy. */
export const DEFAULT_PREVIEW_PORT = 4178;

/** How many ports above the default are tried. */
const PORT_ATTEMPTS = 20;

interface PreviewOptions {
  port?: number;
  host: string;
  open?: boolean;
  config?: string;
  asOf?: string;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("expected a port number from 0 to 65535");
  return n;
}

/** The command that opens a URL in the default browser, without a shell. */
export function openerFor(platform: NodeJS.Platform, url: string): { file: string; args: string[] } {
  if (platform === "darwin") return { file: "open", args: [url] };
  // `start` is a cmd built-in; an empty title argument keeps the URL from being read as one.
  if (platform === "win32") return { file: "cmd", args: ["/c", "start", '""', url.replace(/&/g, "^&")] };
  return { file: "xdg-open", args: [url] };
}

function time(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** Registers `yardstick preview`. */
export function registerPreview(program: Command, ctx: CliContext): void {
  program
    .command("preview")
    .argument("[path]", "an assessment file, or a folder of them (default: assessments/)")
    .description("serve a live preview of the brief on 127.0.0.1, re-rendered on every save (Ctrl-C stops)")
    .option("--port <port>", `port to listen on (default: ${DEFAULT_PREVIEW_PORT}, or the next free one; 0 picks any)`, parsePort)
    .option("--host <host>", "loopback address to bind: 127.0.0.1, localhost or ::1", "127.0.0.1")
    .option("--open", "open the preview in the default browser")
    .option("--config <file>", "use this yardstick.config.yaml instead of searching upwards")
    .option("--as-of <date>", "check dates against this day instead of today (YYYY-MM-DD)", parseIsoDate)
    .action(async (path: string | undefined, opts: PreviewOptions) => {
      const { loopbackBindAddress } = await import("../../preview/guards.js");
      const address = loopbackBindAddress(opts.host);
      if (!address) {
        throw new UsageError(`refusing to serve the preview on ${opts.host}: it binds to this machine only`, "use --host 127.0.0.1 (the default), localhost or ::1");
      }
      const shownPath = path ?? DEFAULT_INPUT_DIR;
      const target = resolve(ctx.io.cwd, shownPath);
      try {
        statSync(target);
      } catch {
        throw new UsageError(`no such file or folder: ${shownPath}`, path ? undefined : "give an assessment file or folder, or start one with `yardstick new ID`");
      }
      const [{ startPreview }, { createBriefRenderer }, { statusText }] = await Promise.all([
        import("../../preview/preview.js"),
        import("../../preview/render.js"),
        import("../../preview/pages.js"),
      ]);
      const p = ctx.palette;
      const onEvent = (e: PreviewEvent) => {
        if (e.type === "failed") {
          ctx.io.stderr(`yardstick: internal error while re-rendering: ${e.message}\n  this is a bug in yardstick; the preview keeps the last good briefs.\n`);
          return;
        }
        if (e.type === "removed") {
          ctx.io.stdout(`${p.dim(time())} ${e.key} removed\n`);
          return;
        }
        const b = e.brief;
        const status = statusText(b);
        const coloured = b.errors > 0 ? p.red(status) : b.warnings > 0 ? p.yellow(status) : p.green(status);
        const kept = b.errors > 0 && b.goodVersion > 0 ? p.dim(" (showing the last good brief)") : "";
        ctx.io.stdout(`${p.dim(time())} ${b.file} ${coloured} ${p.dim(`${b.renderMs} ms`)}${kept}\n`);
        if (b.errors > 0) {
          for (const d of b.diagnostics.filter((x) => x.severity === "error").slice(0, 3)) {
            ctx.io.stdout(`  ${d.file}:${d.line}:${d.column} ${d.message}\n`);
          }
        }
      };
      const renderer = createBriefRenderer({ configFile: opts.config ? resolve(ctx.io.cwd, opts.config) : undefined, asOf: opts.asOf });
      const ports = opts.port !== undefined ? [opts.port] : Array.from({ length: PORT_ATTEMPTS }, (_, i) => DEFAULT_PREVIEW_PORT + i);
      let running: Awaited<ReturnType<typeof startPreview>>;
      try {
        running = await startPreview({ target, cwd: ctx.io.cwd, renderer, address, port: ports, onEvent });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const which = ports.length === 1 ? `port ${ports[0]}` : `ports ${ports[0]}–${ports[ports.length - 1]}`;
        if (code === "EADDRINUSE") throw new UsageError(`${which} ${ports.length === 1 ? "is" : "are all"} in use`, "pick a free one with --port (0 picks any)");
        if (code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT") throw new UsageError(`cannot listen on ${opts.host} (${code})`, "use --host 127.0.0.1");
        if (code === "EACCES") throw new UsageError(`not allowed to listen on ${which}`, "use a port above 1023");
        throw error;
      }
      ctx.io.stdout(`\n  ${p.bold("yardstick preview")} of ${running.session.shownTarget}\n  ${p.cyan(running.url)}\n\n  following every save; ${p.bold("Ctrl-C")} stops\n\n`);
      if (opts.open) {
        const opener = openerFor(process.platform, running.url);
        execFile(opener.file, opener.args, { windowsHide: true }, (error) => {
          if (error) ctx.io.stderr(`yardstick: could not open a browser (${error.message.split("\n")[0]}); open ${running.url} yourself\n`);
        }).unref();
      }
      await new Promise<void>((done) => {
        if (!ctx.io.onInterrupt) return; // no way to be interrupted: serve until the process ends
        const off = ctx.io.onInterrupt(() => {
          off();
          ctx.io.stdout(`\n${p.dim("stopping the preview…")}\n`);
          void running.close().then(done, done);
        });
      });
      ctx.exit(EXIT.ok);
    });
}
