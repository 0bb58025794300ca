/**
 * Output formats of `build`, as a registry: adding a format is a folder `render/<format>/` with its
 * `OutputFormat` (output-format.ts) and one `registerFormat` line here. A format opens a session
 * once per build (the PDF format shares one browser across every brief), renders each brief, and
 * closes; what its bytes depend on is declared in `dependsOn`.
 *
 * Rendering is a pure function of (assessment, config): the same input gives the same bytes, so
 * an incremental build can skip briefs whose content hash did not change.
 */
import type { OutputFormat } from "./output-format.js";
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

registerFormat(MARKDOWN_FORMAT);
registerFormat(JSON_FORMAT);
registerFormat(HTML_FORMAT);
registerFormat(PDF_FORMAT);
registerFormat(DOCX_FORMAT);
registerFormat(STIX_FORMAT);
