/**
 * The `docx` output format: Word briefs from the view model. Not `pure`: a reference document
 * named in the config is read from disk, and a bad one must come back as a diagnostic on the
 * brief (the build's render phase reports it) rather than stop the build.
 */
import type { OutputFormat } from "../output-format.js";

/** Renders Word (.docx) briefs. */
export const DOCX_FORMAT: OutputFormat = {
  id: "docx",
  extension: "docx",
  description: "Word brief (.docx: named styles, real headings and bullets, byte-identical)",
  needsBrief: true,
  pure: false,
  dependsOn: {
    env: ["SOURCE_DATE_EPOCH"],
    files(config) {
      const ref = config.data.docx?.reference;
      return ref === undefined ? [] : [ref];
    },
  },
  async createSession(options) {
    const [{ renderDocx, docxDate }, { readReferenceStyles, referencePath }] = await Promise.all([import("./render.js"), import("./reference.js")]);
    const env = options.env ?? process.env;
    const styles = new Map<string, string>();
    return {
      async render({ brief, config }) {
        const path = referencePath(config);
        let referenceStyles: string | undefined;
        if (path !== undefined) {
          referenceStyles = styles.get(path);
          if (referenceStyles === undefined) {
            referenceStyles = readReferenceStyles(path, config.data.docx?.reference);
            styles.set(path, referenceStyles);
          }
        }
        return renderDocx(brief, {
          pageSize: config.data.pageSize,
          language: config.data.docx?.language ?? "en-GB",
          date: docxDate(brief.issued?.iso, brief.cutoff.iso, env.SOURCE_DATE_EPOCH),
          ...(referenceStyles !== undefined ? { referenceStyles } : {}),
        });
      },
      async close() {},
    };
  },
};
