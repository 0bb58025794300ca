/**
 * The `stix` output format: one STIX 2.1 bundle per assessment (`<id>.stix.json`). Not `pure`, so
 * that an export failing its own validation (a bug) comes back as a `render-failed` diagnostic on
 * the brief from the build's render phase instead of stopping the build. The bundle an earlier
 * build left in the output folder is the previous version: unchanged objects keep their timestamps.
 */
import { join } from "node:path";
import type { OutputFormat } from "../output-format.js";

/** Renders STIX 2.1 bundles. */
export const STIX_FORMAT: OutputFormat = {
  id: "stix",
  extension: "stix.json",
  description: "STIX 2.1 bundle (report, a note per key judgment, TLP markings) for OpenCTI and MISP",
  needsBrief: true,
  pure: false,
  // Its bytes depend on the brief and on the bundle left in the output folder (read while rendering).
  dependsOn: {},
  async createSession(options) {
    const [{ exportStix }, { readPreviousBundle }, { stixId }] = await Promise.all([import("./export.js"), import("./previous.js"), import("./ids.js")]);
    return {
      async render({ assessment, brief, config, file, diagnostics }) {
        const previous = options.outDir !== undefined ? readPreviousBundle(join(options.outDir, `${assessment.id}.stix.json`), stixId("report", assessment.id), file ?? "", diagnostics) : undefined;
        return exportStix(assessment, brief, {
          organisation: config.data.stix?.organisation ?? "yardstick",
          confidence: config.data.stix?.confidence ?? "analytic",
          ...(previous ? { previous } : {}),
        });
      },
      close: async () => {},
    };
  },
};
