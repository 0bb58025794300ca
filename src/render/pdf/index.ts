/** PDF rendering: browser discovery, sessions (one browser, pooled pages), deterministic output. */
export { findBrowser, NO_BROWSER_HINT, type BrowserCandidate, type BrowserSearch, type FindBrowserOptions, type FoundBrowser } from "./browser.js";
export { openPdfSession, withPdfSession, blockedRequestDiagnostics, briefMetadata, printParams, BrowserUnavailableError, type PdfResult, type PdfSession, type PdfSessionOptions } from "./session.js";
export { PdfRenderError, RendererFaultError, faultDiagnostic, type FaultCode } from "./faults.js";
export { installFonts, fontsConf, type InstalledFonts } from "./fonts.js";
export { preopenPdf, MAX_PRINT_HTML_BYTES } from "./format.js";
export { finalizePdf, finalizeInPlace, finalizeWithPdfLib, pdfDate, type PdfMetadata } from "./finalize.js";
