/**
 * The `stix` output format: one STIX 2.1 bundle per assessment (`<id>.stix.json`). Not `pure`, so
 * that an export failing its own validation (a bug) comes back as a `render-failed` diagnostic on
 * the brief from the build's render phase instead of stopping the build.
 */
import type { OutputFormat } from "../formats.js";

/** Renders STIX 2.1 bundles. */
export const STIX_FORMAT: OutputFormat = {
  id: "stix",
  extension: "stix.json",
  description: "STIX 2.1 bundle (report, a note per key judgment, TLP markings) for OpenCTI and MISP",
  needsBrief: true,
  pure: false,
  async createSession() {
    const { exportStix } = await import("./export.js");
    return {
      render: async ({ assessment, brief, config }) =>
        exportStix(assessment, brief, { organisation: config.data.stix?.organisation ?? "yardstick", confidence: config.data.stix?.confidence ?? "analytic" }),
      close: async () => {},
    };
  },
};
