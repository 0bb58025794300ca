/**
 * The `pdf` output format: one browser for the whole build (fonts installed once, pages recycled),
 * and what the browser saw reported on each brief's file: refused requests, text cut off at the
 * page edge, and browser faults (a crash or hang gives each brief it prevented an error of its own).
 *
 * `preopenPdf()` starts the puppeteer import, the font install and the browser launch before the
 * build has even checked its files; the session the build then asks for is that browser.
 */
import { availableParallelism } from "node:os";
import type { FormatSession, FormatSessionOptions, OutputFormat, RenderInput } from "../output-format.js";
import type { PdfSession } from "./session.js";

/**
 * Briefs whose print HTML is larger than this are refused before they are printed, with a
 * diagnostic (their other formats are still written). Measured with Chromium 156 on 2 cores: 0.9 MB
 * of HTML (500 judgments, 63 pages) prints in 9 s with 0.6 GB for the browser; 2.6 MB (1,500
 * judgments, 188 pages) in 31 s with 0.9 GB; a 1 MiB assessment (5,420 judgments, 9.5 MB) passed
 * 2 GB and 90 s unfinished. About 2,300 judgments of that size fit.
 */
export const MAX_PRINT_HTML_BYTES = 4 * 1024 * 1024;

let pending: { key: string; session: Promise<PdfSession>; abandon: AbortController } | undefined;

function sessionKey(options: FormatSessionOptions): string {
  const env = options.env ?? process.env;
  return JSON.stringify([options.browser, options.jobs, env.YARDSTICK_BROWSER, env.PUPPETEER_EXECUTABLE_PATH, env.YARDSTICK_PDF_TIMEOUT, env.SOURCE_DATE_EPOCH]);
}

function open(options: FormatSessionOptions, signal?: AbortSignal): Promise<PdfSession> {
  return import("./session.js").then(({ openPdfSession }) =>
    openPdfSession({
      browser: options.browser,
      env: options.env,
      jobs: options.jobs ?? availableParallelism(),
      ...(signal ? { signal } : {}),
    }),
  );
}

/**
 * Starts the browser now (import, fonts, launch), for a build that will print PDFs; the next
 * `createSession` with the same options takes it. A failure is reported by that `createSession`.
 * Returns a function that gets rid of the browser if no session took it (the build printed
 * nothing, failed, or was interrupted): a launch still in progress is stopped rather than waited
 * for, so a build with nothing to print does not wait for a browser it will not use.
 */
export function preopenPdf(options: FormatSessionOptions = {}): () => Promise<void> {
  const key = sessionKey(options);
  if (pending?.key !== key) {
    const abandon = new AbortController();
    const session = open(options, abandon.signal);
    session.catch(() => undefined);
    pending = { key, session, abandon };
  }
  const mine = pending;
  return async () => {
    if (pending !== mine || !mine) return;
    pending = undefined;
    mine.abandon.abort();
    await mine.session.then((s) => s.close()).catch(() => undefined);
  };
}

function take(options: FormatSessionOptions): Promise<PdfSession> {
  const key = sessionKey(options);
  if (pending?.key === key) {
    const { session } = pending;
    pending = undefined;
    return session;
  }
  return open(options);
}

/** Renders PDF briefs through the HTML templates in Chromium. */
export const PDF_FORMAT: OutputFormat = {
  id: "pdf",
  extension: "pdf",
  description: "PDF brief (printed by Chrome/Chromium: offline, sandboxed, byte-identical)",
  needsBrief: true,
  pure: false,
  dependsOn: { templates: true, fonts: true, env: ["SOURCE_DATE_EPOCH"] },
  preopen: preopenPdf,
  async createSession(options: FormatSessionOptions): Promise<FormatSession> {
    const [session, { blockedRequestDiagnostics, briefMetadata, PdfRenderError }, { clippedTextDiagnostics }, { renderPrintParts }] = await Promise.all([
      take(options),
      import("./session.js"),
      import("./clipped.js"),
      import("../html/render.js"),
    ]);
    const off = options.onInterrupt?.(() => void session.close());
    return {
      async render(input: RenderInput) {
        const { config } = input;
        const file = input.file ?? "";
        const html = { pageSize: config.data.pageSize, templates: config.data.templates, baseDir: config.dir };
        const parts = renderPrintParts(input.brief, html);
        const size = Buffer.byteLength(parts.html);
        if (size > MAX_PRINT_HTML_BYTES) {
          throw new PdfRenderError(
            "render-too-large",
            `the brief is too large to print as one PDF: ${input.brief.judgments.length} judgments make ${(size / 1048576).toFixed(1)} MB of HTML, and the limit is ${MAX_PRINT_HTML_BYTES / 1048576} MB (about ${Math.floor((input.brief.judgments.length * MAX_PRINT_HTML_BYTES) / size)} judgments like these)`,
            "split the assessment into several; its other formats (Markdown) are still written",
          );
        }
        try {
          const result = await session.renderParts(parts, briefMetadata(input.brief, options.env), html.pageSize);
          if (input.diagnostics) {
            if (result.blocked.length > 0) input.diagnostics.push(...blockedRequestDiagnostics(file, result.blocked));
            if (result.clipped.length > 0) input.diagnostics.push(...clippedTextDiagnostics(file, result.clipped));
          }
          return result.bytes;
        } catch (error) {
          // A fault (crash, hang) is put on this file and every later one by the build (RendererFaultError.affects).
          throw error;
        }
      },
      async close() {
        off?.();
        await session.close();
      },
    };
  },
};
