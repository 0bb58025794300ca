/**
 * The `pdf` output format: one browser for the whole build (opened lazily by the session),
 * pooled pages, and the requests a brief tried to make reported as warnings on its file.
 */
import { availableParallelism } from "node:os";
import type { FormatSession, FormatSessionOptions, OutputFormat, RenderInput } from "../output-format.js";

/** Renders PDF briefs through the HTML templates in Chromium. */
export const PDF_FORMAT: OutputFormat = {
  id: "pdf",
  extension: "pdf",
  description: "PDF brief (printed by Chrome/Chromium: offline, sandboxed, byte-identical)",
  needsBrief: true,
  pure: false,
  dependsOn: { templates: true, fonts: true, env: ["SOURCE_DATE_EPOCH"] },
  async createSession(options: FormatSessionOptions): Promise<FormatSession> {
    const { openPdfSession, blockedRequestDiagnostics } = await import("./session.js");
    const session = await openPdfSession({
      browser: options.browser,
      env: options.env,
      jobs: options.jobs ?? availableParallelism(),
    });
    const off = options.onInterrupt?.(() => void session.close());
    return {
      async render(input: RenderInput) {
        const { config } = input;
        const result = await session.render(input.brief, { pageSize: config.data.pageSize, templates: config.data.templates, baseDir: config.dir });
        if (result.blocked.length > 0 && input.diagnostics) input.diagnostics.push(...blockedRequestDiagnostics(input.file ?? "", result.blocked));
        return result.bytes;
      },
      async close() {
        off?.();
        await session.close();
      },
    };
  },
};
