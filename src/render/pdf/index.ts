/** PDF rendering: browser discovery, sessions (one browser, pooled pages), deterministic output. */
export { findBrowser, NO_BROWSER_HINT, type BrowserCandidate, type BrowserSearch, type FindBrowserOptions, type FoundBrowser } from "./browser.js";
export { openPdfSession, withPdfSession, blockedRequestDiagnostics, briefMetadata, BrowserUnavailableError, type PdfResult, type PdfSession, type PdfSessionOptions } from "./session.js";
export { finalizePdf, pdfDate, type PdfMetadata } from "./finalize.js";
