/** The `md` output format: Markdown in the house style. */
import { NO_DEPENDENCIES, type OutputFormat } from "../output-format.js";

/** Renders Markdown briefs (mdast built in code, stringified once). */
export const MARKDOWN_FORMAT: OutputFormat = {
  id: "md",
  extension: "md",
  description: "Markdown brief",
  needsBrief: true,
  pure: true,
  dependsOn: NO_DEPENDENCIES,
  async createSession() {
    const { renderMarkdown } = await import("./stringify.js");
    return {
      render: async ({ brief }) => renderMarkdown(brief),
      close: async () => {},
    };
  },
};
