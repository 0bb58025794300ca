/**
 * What can go wrong with the browser while a build prints, as typed errors: the browser is missing
 * or cannot start (BrowserUnavailableError), it died or stopped answering mid-build
 * (RendererFaultError: every PDF still to print is affected), or one brief could not be printed
 * while the browser lived on (PdfRenderError: that brief only).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { diagnostic } from "../../diagnostics/codes.js";
import { RendererUnavailableError } from "../output-format.js";
import { NO_BROWSER_HINT, type BrowserSearch } from "./browser.js";

/** No browser could be found or launched: the user must install or point to one. */
export class BrowserUnavailableError extends RendererUnavailableError {
  /** The fix: the search's own (packages to install, a refused cache folder) or the generic one. */
  override hint: string;
  constructor(
    message: string,
    readonly search: BrowserSearch,
  ) {
    super(message);
    this.hint = search.problem?.hint ?? NO_BROWSER_HINT;
    this.name = "BrowserUnavailableError";
  }
}

/** Codes of browser faults. */
export type FaultCode = "renderer-crashed" | "renderer-unresponsive";

/**
 * The browser died (crash, killed, exited) or stopped answering during the build. A kind of
 * unavailability: the PDF format is dropped for the rest of the build, other formats go on.
 */
export class RendererFaultError extends BrowserUnavailableError {
  override hint: string;
  constructor(
    readonly code: FaultCode,
    message: string,
    search: BrowserSearch,
  ) {
    super(message, search);
    this.hint =
      code === "renderer-crashed"
        ? "the PDFs printed before the crash were kept; run the build again (only the missing PDFs are printed), and check `yardstick doctor` if it happens again"
        : "the browser was stopped and its profile removed; raise the time with YARDSTICK_PDF_TIMEOUT (milliseconds) if the machine is very slow, and check `yardstick doctor`";
  }

  override affects(file: string): Diagnostic {
    return faultDiagnostic(file, this);
  }
}

/** One brief could not be printed; the browser is fine and the other briefs go on. */
export class PdfRenderError extends Error {
  constructor(
    /** The diagnostic code for the brief's file. */
    readonly ruleId: "render-timeout" | "renderer-crashed" | "render-too-large",
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "PdfRenderError";
  }
}

/** The error diagnostic put on each file whose PDF a browser fault prevented. */
export function faultDiagnostic(file: string, fault: RendererFaultError): Diagnostic {
  return diagnostic(fault.code, "notWritten", { file, line: 0, column: 0 }, { reason: fault.message }, fault.hint);
}
