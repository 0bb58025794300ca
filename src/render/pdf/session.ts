/**
 * A PDF rendering session: one browser for a whole build, a pool of reused pages, each page
 * sandboxed: JavaScript off; the bundled fonts served from memory; every other request refused
 * and recorded (inline `data:` URLs never leave the page).
 * Render as many briefs as you like, then `close()` — on every path.
 */
import type { HTTPRequest, Page } from "puppeteer-core";
import { briefHeadings, linkDescriptions } from "../../brief/headings.js";
import type { Brief } from "../../brief/types.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { fontFaceCss, servedAssets } from "../html/assets.js";
import { renderPrintParts, type HtmlOptions, type PrintParts } from "../html/render.js";
import { findBrowser, NO_BROWSER_HINT, type BrowserSearch, type FindBrowserOptions, type FoundBrowser } from "./browser.js";
import { finalizePdf, pdfDate, type PdfMetadata } from "./finalize.js";
import { launchBrowser, type Launched } from "./launch.js";
import { RendererUnavailableError } from "../output-format.js";

/** Options of a session. */
export interface PdfSessionOptions extends FindBrowserOptions, HtmlOptions {
  /** Pages rendering in parallel (default 2). */
  jobs?: number;
  /** Timeout of one launch or one render, in ms (default 30 s). */
  timeoutMs?: number;
}

/** One rendered brief. */
export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  /** URLs the page tried to load and was refused. */
  blocked: string[];
}

/** An open session. */
export interface PdfSession {
  browser: FoundBrowser;
  search: BrowserSearch;
  /** Process id of the browser, and its temporary profile folder (both gone after `close()`). */
  pid?: number;
  profileDir: string;
  /** Renders a brief through the templates to PDF bytes; `html` overrides the session's template options. */
  render(brief: Brief, html?: HtmlOptions): Promise<PdfResult>;
  /** Renders ready print parts (used by the benchmark floor comparison and custom callers). */
  renderParts(parts: PrintParts, meta: PdfMetadata, pageSize?: "A4" | "Letter"): Promise<PdfResult>;
  /** The browser's version string, e.g. "Chrome/143.0.7499.0". */
  version(): Promise<string>;
  /** Prints a one-line test page through the sandbox (for `yardstick doctor`). */
  probe(): Promise<PdfResult>;
  /** Closes the browser and removes its profile; safe to call more than once. */
  close(): Promise<void>;
}

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

/** Warnings for the requests a brief's page tried to make, on the brief's file. */
export function blockedRequestDiagnostics(file: string, blocked: readonly string[]): Diagnostic[] {
  return [...new Set(blocked)].map((url) => ({
    file,
    line: 0,
    column: 0,
    ruleId: "render-blocked-request",
    severity: "warning" as const,
    message: `the brief tried to load ${url.length > 200 ? `${url.slice(0, 200)}…` : url}; rendering is offline, so the request was refused`,
    hint: "remove the reference (images, stylesheets and frames are not part of a brief), or put the content in the YAML",
  }));
}

/** The PDF metadata of a brief. */
export function briefMetadata(brief: Brief, env: Readonly<Record<string, string | undefined>> = process.env): PdfMetadata {
  const summary = brief.judgments.map((j) => j.sentence).join(" ");
  return {
    title: brief.title,
    author: brief.authors.length > 0 ? brief.authors.join(", ") : undefined,
    subject: summary.length > 500 ? `${summary.slice(0, 499)}…` : summary,
    keywords: [brief.id, ...brief.keywords],
    creator: brief.generator,
    producer: `${brief.generator} (Chromium, pdf-lib)`,
    date: pdfDate(brief.issued?.iso, brief.cutoff.iso, env.SOURCE_DATE_EPOCH),
    authors: brief.authors,
    headings: briefHeadings(brief),
    links: linkDescriptions(brief),
  };
}

const MM = (n: number) => `${n}mm`;

interface Slot {
  page: Page;
  blocked: string[];
}


/** Opens a browser (found with `findBrowser`) and returns a session; throws BrowserUnavailableError when none works. */
export async function openPdfSession(options: PdfSessionOptions = {}): Promise<PdfSession> {
  const search = await findBrowser(options);
  if (!search.found) {
    const named = search.candidates.find((c) => c.source === "option" || c.source === "YARDSTICK_BROWSER" || c.source === "PUPPETEER_EXECUTABLE_PATH");
    const detail = named ? ` (${named.source === "option" ? "--browser" : named.source} ${named.path}: ${named.reason})` : "";
    throw new BrowserUnavailableError(search.problem?.message ?? `no browser found for PDF rendering${detail}`, search);
  }
  const found = search.found;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let launched: Launched;
  try {
    launched = await launchBrowser(found, timeoutMs);
  } catch (error) {
    throw new BrowserUnavailableError(`the browser at ${found.path} could not be started: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, search);
  }
  const jobs = Math.max(1, Math.min(16, options.jobs ?? 2));
  const assets = servedAssets();
  const idle: Slot[] = [];
  const waiters: Array<{ resolve: (slot: Slot) => void; reject: (error: Error) => void }> = [];
  let created = 0;
  let closed = false;

  const newSlot = async (): Promise<Slot> => {
    const page = await launched.browser.newPage();
    const slot: Slot = { page, blocked: [] };
    page.setDefaultTimeout(timeoutMs);
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on("request", (request: HTTPRequest) => {
      const url = request.url();
      const asset = assets.get(url);
      if (asset) {
        void request
          .respond({ status: 200, contentType: asset.contentType, headers: { "access-control-allow-origin": "*" }, body: asset.body })
          .catch(() => undefined);
      } else if (url.startsWith("data:") || url === "about:blank") void request.continue().catch(() => undefined);
      else {
        slot.blocked.push(url);
        void request.abort("blockedbyclient").catch(() => undefined);
      }
    });
    return slot;
  };

  const acquire = async (): Promise<Slot> => {
    if (closed) throw new Error("the PDF session is closed");
    const free = idle.pop();
    if (free) return free;
    if (created < jobs) {
      created++;
      try {
        return await newSlot();
      } catch (error) {
        created--;
        throw error;
      }
    }
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  };
  const release = (slot: Slot): void => {
    slot.blocked = [];
    const next = waiters.shift();
    if (next) next.resolve(slot);
    else idle.push(slot);
  };

  const renderParts = async (parts: PrintParts, meta: PdfMetadata, pageSize = options.pageSize ?? "A4"): Promise<PdfResult> => {
    const slot = await acquire();
    let raw: Uint8Array;
    let blocked: string[];
    try {
      await slot.page.setContent(parts.html, { waitUntil: "load", timeout: timeoutMs });
      raw = await slot.page.pdf({
        format: pageSize,
        printBackground: true,
        displayHeaderFooter: false,
        headerTemplate: parts.headerTemplate,
        footerTemplate: parts.footerTemplate,
        margin: { top: MM(20), bottom: MM(24), left: MM(18), right: MM(18) },
        outline: true,
        tagged: true,
        timeout: timeoutMs,
      });
      blocked = slot.blocked;
    } catch (error) {
      // A page that failed may be in any state: drop it, a new one is made on demand.
      created--;
      void slot.page.close().catch(() => undefined);
      const next = waiters.shift();
      if (next) void acquire().then(next.resolve, next.reject);
      throw closed ? new Error("the PDF session was closed (interrupted)") : error;
    }
    release(slot);
    const { bytes, pages } = await finalizePdf(raw, meta);
    return { bytes, pages, blocked };
  };

  return {
    browser: found,
    search,
    pid: launched.browser.process()?.pid,
    profileDir: launched.profileDir,
    renderParts,
    render: (brief, html) => {
      const htmlOptions = { ...options, ...html };
      return renderParts(renderPrintParts(brief, htmlOptions), briefMetadata(brief, options.env), htmlOptions.pageSize);
    },
    version: () => launched.browser.version(),
    probe: () =>
      renderParts(
        { html: `<!DOCTYPE html><html><head><style>${fontFaceCss("served")}body{font-family:"YS Sans"}</style></head><body><p>yardstick doctor: العربية</p></body></html>`, headerTemplate: "<span></span>", footerTemplate: "<span></span>" },
        { title: "yardstick doctor", keywords: [], creator: "yardstick", producer: "yardstick", date: new Date(0) },
      ),
    async close() {
      closed = true;
      for (const w of waiters.splice(0)) w.reject(new Error("the PDF session was closed (interrupted)"));
      await launched.close();
    },
  };
}

/**
 * Opens a session, runs `fn`, and closes the browser afterwards whatever happens — including
 * an interrupt, when `onInterrupt` (e.g. the CLI's `ctx.io.onInterrupt`) is given.
 */
export async function withPdfSession<T>(options: PdfSessionOptions, fn: (session: PdfSession) => Promise<T>, onInterrupt?: (handler: () => void) => () => void): Promise<T> {
  const session = await openPdfSession(options);
  const off = onInterrupt?.(() => void session.close());
  try {
    return await fn(session);
  } finally {
    off?.();
    await session.close();
  }
}
