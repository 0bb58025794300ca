/** The `html` output format: standalone HTML (fonts and CSS inlined) for preview and archiving. */
import type { OutputFormat } from "../output-format.js";

/** Renders standalone HTML briefs through the templates. */
export const HTML_FORMAT: OutputFormat = {
  id: "html",
  extension: "html",
  description: "standalone HTML brief (fonts and CSS inlined), for preview and archiving",
  needsBrief: true,
  pure: true,
  dependsOn: { templates: true, fonts: true, env: [] },
  async createSession() {
    const { renderHtml } = await import("./render.js");
    return {
      render: async ({ brief, config }) => renderHtml(brief, { pageSize: config.data.pageSize, templates: config.data.templates, baseDir: config.dir }),
      close: async () => {},
    };
  },
};
