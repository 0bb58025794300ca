/**
 * The preview's seams: what a renderer must give back for one file, and the state of one brief
 * as the preview pages and their event stream see it.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** What rendering one assessment file gives. */
export interface PreviewRender {
  /** The standalone HTML of the brief, when the file is valid. */
  html?: string;
  /** Every diagnostic for the file (and for the config it uses); paths as the renderer saw them. */
  diagnostics: Diagnostic[];
  /** The brief's title, when the file got far enough to have one. */
  title?: string;
  /** Prints this brief to PDF (with the build's PDF renderer), when the file is valid; called on demand. */
  pdf?: () => Promise<Uint8Array>;
}

/** Renders one assessment file from its bytes. Expected problems are diagnostics; it may throw only on bugs. */
export type RenderPage = (file: string, source: Uint8Array) => Promise<PreviewRender>;

/** A renderer with the hooks the preview uses to follow config and template edits. */
export interface PreviewRenderer {
  render: RenderPage;
  /** Forgets cached config and templates (called before re-rendering after a config or template edit). */
  reset?(): void;
  /** Files and folders whose change should re-render every brief (config files, template folders). */
  dependencies?(): string[];
  /** Releases what the renderer holds (a browser opened for PDFs). */
  close?(): Promise<void>;
}

/** A diagnostic as the overlay shows it. */
export interface PreviewDiagnostic extends Diagnostic {
  /** The offending line and a caret under the column, when the source is known. */
  frame?: string[];
}

/** The state of one served brief, as sent to the pages. */
export interface BriefState {
  /** Route key (from the file name): `/brief/KEY`. */
  key: string;
  /** The file, relative to the working folder when inside it. */
  file: string;
  title?: string;
  /** Bumps on every render of the file. */
  version: number;
  /** Bumps when a new good brief is rendered; 0 while there is none. */
  goodVersion: number;
  errors: number;
  warnings: number;
  diagnostics: PreviewDiagnostic[];
  /** How long the last render took, in milliseconds. */
  renderMs: number;
}
