/**
 * Output formats of `build`, as a registry: adding a format is a folder `render/<format>/` with its
 * `OutputFormat` (output-format.ts) and one `registerFormat` line here. A format opens a session
 * once per build (the PDF format shares one browser across every brief), renders each brief, and
 * closes; what its bytes depend on is declared in `dependsOn`.
 *
 * Rendering is a pure function of (assessment, config): the same input gives the same bytes, so
 * an incremental build can skip briefs whose content hash did not change.
 */
import type { FormatSessionOptions, OutputFormat } from "./output-format.js";
import { MARKDOWN_FORMAT } from "./markdown/format.js";
import { JSON_FORMAT } from "./json/format.js";
import { HTML_FORMAT } from "./html/format.js";
import { PDF_FORMAT } from "./pdf/format.js";
import { DOCX_FORMAT } from "./docx/format.js";
import { STIX_FORMAT } from "./stix/format.js";

export type { FormatDependencies, FormatSession, FormatSessionOptions, OutputFormat, RenderInput } from "./output-format.js";
export { NO_DEPENDENCIES, RendererUnavailableError } from "./output-format.js";

const registry = new Map<string, OutputFormat>();

/** Adds (or replaces) an output format. */
export function registerFormat(format: OutputFormat): void {
  registry.set(format.id, format);
}

/** The format with this id, or undefined. */
export function getFormat(id: string): OutputFormat | undefined {
  return registry.get(id);
}

/** Ids of every registered format, in registration order. */
export function formatIds(): string[] {
  return [...registry.keys()];
}

/**
 * Starts now what the named formats are slow to open (each format's `preopen`: the PDF format's
 * browser import, font install and launch), so a build asked for them finds them ready and the
 * launch is off its critical path. Returns a function that closes whatever no session took (call
 * it on every path: nothing to build, an error, Ctrl-C); unknown ids are ignored.
 */
export function preopenFormats(ids: readonly string[], options: FormatSessionOptions): () => Promise<void> {
  const discards = [...new Set(ids)].flatMap((id) => {
    const format = registry.get(id);
    return format?.preopen ? [format.preopen(options)] : [];
  });
  return async () => {
    await Promise.all(discards.map((discard) => discard()));
  };
}

registerFormat(MARKDOWN_FORMAT);
registerFormat(JSON_FORMAT);
registerFormat(HTML_FORMAT);
registerFormat(PDF_FORMAT);
registerFormat(DOCX_FORMAT);
registerFormat(STIX_FORMAT);
