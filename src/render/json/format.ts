/** The `json` output format: the normalised assessment (id filled in, defaults applied). */
import { NO_DEPENDENCIES, type OutputFormat } from "../output-format.js";

/** Writes the normalised assessment as JSON (no brief needed, no templates, no fonts). */
export const JSON_FORMAT: OutputFormat = {
  id: "json",
  extension: "json",
  description: "normalised assessment (id filled in, defaults applied) as JSON",
  needsBrief: false,
  pure: true,
  dependsOn: NO_DEPENDENCIES,
  async createSession() {
    const { normalizedJson } = await import("./normalize.js");
    return {
      render: async ({ assessment }) => normalizedJson(assessment),
      close: async () => {},
    };
  },
};
