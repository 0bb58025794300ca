/**
 * What an output format is: its id and extension, what its bytes depend on (so the build's cache
 * key can never leave a dependency out), and a session that renders briefs. The registry is in
 * formats.ts; each format lives beside its renderer (`render/<format>/format.ts`).
 */
import type { ResolvedConfig } from "../config/load.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Brief } from "../brief/types.js";
import type { Assessment } from "../schema/assessment.js";

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

/**
 * What a format's bytes depend on besides the brief (assessment, config, yardstick version),
 * which every format depends on. The build hashes exactly these into the output's cache key.
 */
export interface FormatDependencies {
  /** Drawn through the Handlebars templates (built-in and the config's override folder). Default false. */
  templates?: boolean;
  /** Embeds the bundled font files. Default false. */
  fonts?: boolean;
  /** Environment variables that change the bytes (e.g. `SOURCE_DATE_EPOCH`). */
  env?: readonly string[];
  /** Files it reads while rendering (paths relative to the config's folder, e.g. a Word reference document). */
  files?(config: Pick<ResolvedConfig, "data" | "dir">): string[];
  /**
   * Anything else, computed cheaply before rendering (e.g. the identity of the browser that will
   * print). JSON-serialisable; undefined when there is nothing.
   */
  extra?(options: FormatSessionOptions): unknown;
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
  /** What the bytes depend on: part of every output's cache key. */
  dependsOn: FormatDependencies;
  createSession(options: FormatSessionOptions): Promise<FormatSession>;
  /**
   * Starts what a session needs (the PDF browser) ahead of time, so `createSession` with the same
   * options finds it ready; returns a function that discards it when no session took it.
   */
  preopen?(options: FormatSessionOptions): () => Promise<void>;
}

/**
 * A format's renderer cannot run on this machine (no browser, one that cannot start): a problem of
 * the environment, not of a brief. The build drops the format with one diagnostic and writes the
 * others; anything else a renderer throws is a failure of that brief.
 */
export class RendererUnavailableError extends Error {
  /** How to fix it, when known. */
  hint?: string;
  /** Where the problem is, when it is in a file (a template that does not compile). */
  at?: { file: string; line: number; column: number };
  constructor(message: string, hint?: string) {
    super(message);
    this.name = "RendererUnavailableError";
    if (hint !== undefined) this.hint = hint;
  }

  /**
   * The error to put on a file whose output this prevented, when the failure happened mid-build
   * (a browser that crashed): the brief's author must see that its PDF is missing. Undefined for
   * a renderer that never started (reported once for the build).
   */
  affects(_file: string): Diagnostic | undefined {
    return undefined;
  }
}

/** Formats that depend on nothing but the brief. */
export const NO_DEPENDENCIES: FormatDependencies = { templates: false, fonts: false, env: [] };
