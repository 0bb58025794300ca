/**
 * The preview's renderer: check the file exactly as `check` does, then build the view model and
 * the standalone HTML with the same templates and print CSS the PDF uses. Loaded lazily by the
 * `preview` command (it pulls in the HTML renderer).
 */
import { resolve } from "node:path";
import { ConfigResolver } from "../config/load.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/codes.js";
import { checkText } from "../project/check.js";
import { toBrief } from "../brief/to-brief.js";
import { renderHtml } from "../render/html/render.js";
import * as templates from "../render/html/templates.js";
import type { PdfSession } from "../render/pdf/session.js";
import type { PreviewRenderer } from "./types.js";

/** Options for {@link createBriefRenderer}. */
export interface BriefRendererOptions {
  /** `--config FILE` instead of searching upwards. */
  configFile?: string;
  /** Date rules about "today" compare against (YYYY-MM-DD). */
  asOf?: string;
}

/** A renderer that checks, builds the view model and renders the standalone HTML brief. */
export function createBriefRenderer(options: BriefRendererOptions = {}): PreviewRenderer {
  let configs = new ConfigResolver(options.configFile);
  const templateFolders = new Set<string>([templates.BUILTIN_TEMPLATES]);
  // One browser for the PDFs of the whole preview, started on the first "PDF" click.
  let pdfSession: Promise<PdfSession> | undefined;
  const printer = (): Promise<PdfSession> => {
    pdfSession ??= import("../render/pdf/session.js").then((m) => m.openPdfSession({ jobs: 1 }));
    const opening = pdfSession;
    opening.catch(() => {
      if (pdfSession === opening) pdfSession = undefined;
    });
    return opening;
  };
  return {
    async render(file, source) {
      const config = configs.forFile(file);
      const checked = checkText(source, file, config, { asOf: options.asOf });
      const diagnostics: Diagnostic[] = [...checked.diagnostics, ...config.diagnostics];
      const title = checked.loaded.assessment?.title;
      if (!checked.assessment || diagnostics.some((d) => d.severity === "error")) return { diagnostics, title };
      if (config.data.templates) templateFolders.add(resolve(config.dir, config.data.templates));
      try {
        const brief = toBrief(checked.assessment, config, { notes: true });
        const htmlOptions = { templates: config.data.templates, baseDir: config.dir, pageSize: config.data.pageSize };
        const html = renderHtml(brief, htmlOptions);
        const pdf = async () => (await (await printer()).render(brief, htmlOptions)).bytes;
        return { html, diagnostics, title, pdf };
      } catch (error) {
        if (error instanceof templates.TemplateFolderError) {
          diagnostics.push(diagnostic("templates-missing", "missing", { file: config.file ?? file, line: 0, column: 0 }, { reason: error.message }, "fix `templates:` in yardstick.config.yaml (a folder relative to the config file)"));
          return { diagnostics, title };
        }
        throw error;
      }
    },
    reset() {
      configs = new ConfigResolver(options.configFile);
      templates.clearTemplateCache();
    },
    async close() {
      const opening = pdfSession;
      pdfSession = undefined;
      if (opening) await opening.then((s) => s.close(), () => undefined);
    },
    dependencies() {
      return [...configs.loaded().flatMap((c) => (c.file ? [c.file] : [])), ...(options.configFile ? [resolve(options.configFile)] : []), ...templateFolders];
    },
  };
}
