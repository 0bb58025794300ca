/**
 * Output formats of `build`, as a registry. A format opens a session once per build (the PDF
 * format shares one browser across every brief), renders each brief, and closes.
 *
 * Rendering is a pure function of (assessment, config): the same input gives the same bytes, so
 * an incremental build can skip briefs whose content hash did not change.
 */
import type { ResolvedConfig } from "../config/load.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Brief } from "../brief/types.js";
import type { Assessment } from "../schema/assessment.js";
import { HTML_FORMAT } from "./html/format.js";
import { PDF_FORMAT } from "./pdf/format.js";
import { DOCX_FORMAT } from "./docx/format.js";
import { STIX_FORMAT } from "./stix/format.js";

/** What a format renders from. */
export interface RenderInput {
  brief: Brief;
  assessment: Assessment;
  config: ResolvedConfig;
  /** The input file, for diagnostics a renderer reports (e.g. blocked requests in the PDF format). */
  file?: string;
  /** Where a renderer adds warnings about this file, when the caller collects them. */
  diagnostics?: Diagnostic[];
}

/** Options for opening a session. */
export interface FormatSessionOptions {
  /** Briefs rendered at once, for formats that can work in parallel. */
  concurrency?: number;
  /** Pages printing at once in the PDF format (`--jobs`; default: number of cores). */
  jobs?: number;
  /** `--browser PATH` for the PDF format. */
  browser?: string;
  /** Environment (YARDSTICK_BROWSER, PUPPETEER_EXECUTABLE_PATH, SOURCE_DATE_EPOCH); default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The build's output folder, for formats that version against their earlier output (STIX keeps `created`). */
  outDir?: string;
  /** Registers a Ctrl-C handler (the CLI's `ctx.io.onInterrupt`), so the browser is closed on interrupt. */
  onInterrupt?(handler: () => void): () => void;
}

/** An open renderer for one build. */
export interface FormatSession {
  render(input: RenderInput): Promise<Uint8Array | string>;
  close(): Promise<void>;
}

/** An output format. */
export interface OutputFormat {
  /** Name used in `--format` ("md", "json", …). */
  id: string;
  /** File extension without the dot. */
  extension: string;
  description: string;
  /** True when rendering needs the view model (`toBrief`); JSON does not. */
  needsBrief: boolean;
  /**
   * True when rendering needs nothing but its input (no browser, no shared state): the build may
   * then render it in worker threads. Formats with a shared session (PDF) leave it false.
   */
  pure?: boolean;
  /**
   * What the output depends on beyond the brief's own inputs (assessment, config, version), for the
   * incremental hash: environment variables that change its bytes, and files it reads while
   * rendering (paths relative to the config's folder).
   */
  dependsOn?: {
    env?: readonly string[];
    files?(config: Pick<ResolvedConfig, "data" | "dir">): string[];
  };
  createSession(options: FormatSessionOptions): Promise<FormatSession>;
  /**
   * Starts what a session needs (the PDF browser) ahead of time, so `createSession` with the same
   * options finds it ready; returns a function that discards it when no session took it.
   */
  preopen?(options: FormatSessionOptions): () => Promise<void>;
}

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

/** Markdown, in the house style. */
export const MARKDOWN_FORMAT: OutputFormat = {
  id: "md",
  extension: "md",
  description: "Markdown brief",
  needsBrief: true,
  pure: true,
  async createSession() {
    const { renderMarkdown } = await import("./markdown/stringify.js");
    return {
      render: async ({ brief }) => renderMarkdown(brief),
      close: async () => {},
    };
  },
};

/** The normalised assessment as JSON. */
export const JSON_FORMAT: OutputFormat = {
  id: "json",
  extension: "json",
  description: "normalised assessment (id filled in, defaults applied) as JSON",
  needsBrief: false,
  pure: true,
  async createSession() {
    const { normalizedJson } = await import("./json.js");
    return {
      render: async ({ assessment }) => normalizedJson(assessment),
      close: async () => {},
    };
  },
};

registerFormat(MARKDOWN_FORMAT);
registerFormat(JSON_FORMAT);
registerFormat(HTML_FORMAT);
registerFormat(PDF_FORMAT);
registerFormat(DOCX_FORMAT);
registerFormat(STIX_FORMAT);
