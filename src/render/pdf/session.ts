/**
 * A PDF rendering session: one browser for a whole build (the bundled fonts installed for it once,
 * through fontconfig), a pool of pages recycled every few briefs so renderer memory stays flat, each
 * page sandboxed: JavaScript off; every request refused and recorded except the bundled assets
 * (inline `data:` URLs never leave the page).
 *
 * Every browser operation has a timeout (longer for larger briefs). A browser that dies or stops
 * answering ends the session with a RendererFaultError for every brief still to print; one brief
 * that cannot be printed while the browser lives on gets a PdfRenderError, and the others go on.
 * Render as many briefs as you like, then `close()` — on every path.
 */
import { rmSync } from "node:fs";
import type { CDPSession, HTTPRequest, Page } from "puppeteer-core";
import type { Brief } from "../../brief/types.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { diagnostic } from "../../diagnostics/codes.js";
import { briefHeadings, linkDescriptions } from "../../brief/headings.js";
import { servedAssets } from "../html/assets.js";
import { renderPrintParts, type HtmlOptions, type PrintParts } from "../html/render.js";
import { findBrowser, type BrowserSearch, type FindBrowserOptions, type FoundBrowser } from "./browser.js";
import { clippedTextProbe, columnWidthPx } from "./clipped.js";
import { BrowserUnavailableError, PdfRenderError, RendererFaultError } from "./faults.js";
import { finalizePdf, pdfDate, type PdfMetadata } from "./finalize.js";
import { installFonts, type InstalledFonts } from "./fonts.js";
import { launchBrowser, type Launched } from "./launch.js";
import { markProfile, removeStaleProfiles } from "./profiles.js";

export { BrowserUnavailableError, PdfRenderError, RendererFaultError } from "./faults.js";

/** Options of a session. */
export interface PdfSessionOptions extends FindBrowserOptions, HtmlOptions {
  /** Pages rendering in parallel (default 2). */
  jobs?: number;
  /**
   * Timeout of one browser operation, in ms (default: YARDSTICK_PDF_TIMEOUT, else 30 s); a brief's
   * setContent and print get more in proportion to its size.
   */
  timeoutMs?: number;
  /** Briefs a page prints before it is closed and replaced (default 20), so renderer memory stays flat. */
  recycleAfter?: number;
  /** Measure each brief after layout and report text cut off at the page edge (default true). */
  checkClipping?: boolean;
  /** Parent folder of the installed fonts (default: the user's cache folder). */
  fontCacheDir?: string;
  /**
   * Abandons the opening when aborted: a launch in progress is stopped (the browser killed), and
   * `openPdfSession` rejects. Once the session is open, the signal is no longer listened to for
   * anything but the launch's own process: abort only a session nobody took.
   */
  signal?: AbortSignal;
  /** Told how long each step of each brief took, in ms (for the benchmarks: where the time goes). */
  onStep?: (step: PdfStep, ms: number) => void;
}

/** The steps of opening a session and printing a brief, as `onStep` names them. */
export type PdfStep = "fonts+find" | "launch" | "page" | "setContent" | "print" | "read" | "finalize";

/** One rendered brief. */
export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  /** URLs the page tried to load and was refused. */
  blocked: string[];
  /** Words (or text runs) wider than the text column, cut off at the page edge. */
  clipped: string[];
}

/** An open session. */
export interface PdfSession {
  browser: FoundBrowser;
  search: BrowserSearch;
  /** Process id of the browser, and its temporary profile folder (both gone after `close()`). */
  pid?: number;
  profileDir: string;
  /** The fonts installed for the browser. */
  fonts: InstalledFonts;
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

/** Warnings for the requests a brief's page tried to make, on the brief's file. */
export function blockedRequestDiagnostics(file: string, blocked: readonly string[]): Diagnostic[] {
  return [...new Set(blocked)].map((url) =>
    diagnostic("render-blocked-request", "blocked", { file, line: 0, column: 0 }, { url: url.length > 200 ? `${url.slice(0, 200)}…` : url }, "remove the reference (images, stylesheets and frames are not part of a brief), or put the content in the YAML"),
  );
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
    producer: `${brief.generator} (Chromium)`,
    date: pdfDate(brief.issued?.iso, brief.cutoff.iso, env.SOURCE_DATE_EPOCH),
    authors: brief.authors,
    headings: briefHeadings(brief),
    links: linkDescriptions(brief),
  };
}

const MM_PER_INCH = 25.4;
/** Page margins in mm: room for the banner and footer (templates or CSS `@page` margin boxes). */
const MARGIN_MM = { top: 20, bottom: 24, left: 18, right: 18 };
const PAPER_INCHES = { A4: { width: 210 / MM_PER_INCH, height: 297 / MM_PER_INCH }, Letter: { width: 8.5, height: 11 } } as const;

/** The parameters of `Page.printToPDF` for a brief: tagged, with an outline, streamed back. */
export function printParams(parts: PrintParts, pageSize: "A4" | "Letter"): Record<string, unknown> {
  const paper = PAPER_INCHES[pageSize];
  // Header/footer templates when the templates give them; none when the banner and page numbers
  // are CSS `@page` margin boxes (the margins are the same either way).
  const templates = Boolean(parts.headerTemplate || parts.footerTemplate);
  return {
    transferMode: "ReturnAsStream",
    paperWidth: paper.width,
    paperHeight: paper.height,
    marginTop: MARGIN_MM.top / MM_PER_INCH,
    marginBottom: MARGIN_MM.bottom / MM_PER_INCH,
    marginLeft: MARGIN_MM.left / MM_PER_INCH,
    marginRight: MARGIN_MM.right / MM_PER_INCH,
    printBackground: true,
    displayHeaderFooter: templates,
    headerTemplate: templates ? parts.headerTemplate || "<span></span>" : "",
    footerTemplate: templates ? parts.footerTemplate || "<span></span>" : "",
    preferCSSPageSize: false,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

/** The base timeout from YARDSTICK_PDF_TIMEOUT (milliseconds), if set and sensible. */
export function envTimeout(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env.YARDSTICK_PDF_TIMEOUT?.trim();
  if (!raw || !/^\d{1,9}$/.test(raw)) return undefined;
  const ms = Number(raw);
  return ms >= 100 ? ms : undefined;
}

/** The timeout of setContent and print for a page of `htmlBytes`: the base, plus a quarter of it per 256 KiB. */
export function adaptiveTimeout(baseMs: number, htmlBytes: number): number {
  return Math.round(baseMs + (baseMs / 4) * Math.floor(htmlBytes / 262_144));
}

/** Rejects after `ms` with a TimeoutError-named error. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`${what} timed out after ${Math.round(ms / 100) / 10} s`);
      error.name = "TimeoutError";
      reject(error);
    }, ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const isTimeout = (error: unknown) => error instanceof Error && (error.name === "TimeoutError" || /timed out/i.test(error.message));
const isCrash = (error: unknown) => error instanceof Error && /crash/i.test(error.message);

interface Slot {
  page: Page;
  cdp: CDPSession;
  blocked: string[];
  printed: number;
  /** Page size the viewport is set up for (clipping is measured at the column's width). */
  size?: "A4" | "Letter";
}

/** Reads a protocol stream (IO.read) into bytes. */
async function readStream(cdp: CDPSession, handle: string, ms: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for (;;) {
    const r = await cdp.send("IO.read", { handle, size: 4 * 1024 * 1024 }, { timeout: ms });
    chunks.push(Buffer.from(r.data, r.base64Encoded ? "base64" : "latin1"));
    if (r.eof) break;
  }
  await cdp.send("IO.close", { handle }, { timeout: ms }).catch(() => undefined);
  const all = Buffer.concat(chunks);
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}

/** Opens a browser (found with `findBrowser`) and returns a session; throws BrowserUnavailableError when none works. */
export async function openPdfSession(options: PdfSessionOptions = {}): Promise<PdfSession> {
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? envTimeout(env) ?? 30_000;
  const onStep = options.onStep;
  const clock = () => performance.now();
  let started = clock();
  /** Reports the time since the last mark as `step`, and marks now. */
  const lap = (step: PdfStep, from: number): number => {
    const now = clock();
    onStep?.(step, now - from);
    return now;
  };
  const [search, fonts] = await Promise.all([findBrowser(options), installFonts({ cacheDir: options.fontCacheDir, env })]);
  started = lap("fonts+find", started);
  if (!search.found) {
    const named = search.candidates.find((c) => c.source === "option" || c.source === "YARDSTICK_BROWSER" || c.source === "PUPPETEER_EXECUTABLE_PATH");
    const detail = named ? ` (${named.source === "option" ? "--browser" : named.source} ${named.path}: ${named.reason})` : "";
    throw new BrowserUnavailableError(search.problem?.message ?? `no browser found for PDF rendering${detail}`, search);
  }
  const found = search.found;
  removeStaleProfiles();
  let launched: Launched;
  try {
    launched = await launchBrowser(found, timeoutMs, { env: { FONTCONFIG_FILE: fonts.configFile }, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    if (options.signal?.aborted) throw new Error("the PDF session was abandoned before it opened");
    throw new BrowserUnavailableError(`the browser at ${found.path} could not be started: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, search);
  }
  lap("launch", started);
  markProfile(launched.profileDir);
  const jobs = Math.max(1, Math.min(16, options.jobs ?? 2));
  const recycleAfter = Math.max(1, options.recycleAfter ?? 20);
  const checkClipping = options.checkClipping !== false;
  const assets = servedAssets();
  const browser = launched.browser;
  const child = browser.process();
  /** Stops the browser and removes its profile, trying the removal again if the browser was still writing to it. */
  const closeBrowser = async (): Promise<void> => {
    await launched.close().catch(() => undefined);
    try {
      rmSync(launched.profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      // Still held: the owner file stays, so the next run removes it (profiles.ts).
    }
  };
  const idle: Slot[] = [];
  /**
   * Pages opening ahead of need: one per job (up to four) as soon as the browser is up (while the
   * build still checks its files), and a page's replacement while it prints its last brief, so
   * opening a page (about 50–150 ms) is never on a brief's path. One that failed to open is left out.
   */
  const spares: Array<Promise<Slot | undefined>> = [];
  const openSpare = (): void => {
    spares.push(newSlot().catch(() => undefined));
  };
  const waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let permits = jobs;
  let closed = false;
  let fault: RendererFaultError | undefined;
  const interrupted = () => new Error("the PDF session was closed (interrupted)");

  const failAll = (error: Error) => {
    for (const w of waiters.splice(0)) w.reject(error);
  };
  /** Records the fault (first one wins), stops the browser and removes its profile. */
  const declare = (code: RendererFaultError["code"], message: string): RendererFaultError => {
    fault ??= new RendererFaultError(code, message, search);
    failAll(fault);
    void closeBrowser();
    return fault;
  };
  const exitDetail = () => {
    const signal = child?.signalCode;
    const code = child?.exitCode;
    return signal ? ` (killed by ${signal})` : code !== null && code !== undefined ? ` (exit code ${code})` : "";
  };
  browser.on("disconnected", () => {
    // Whatever was printing or waiting learns of it; the profile is removed.
    if (!closed && !fault) void classify(new Error("the browser disconnected"), 0);
  });

  const newSlot = async (): Promise<Slot> => {
    const opening = clock();
    const page = await withTimeout(browser.newPage(), timeoutMs, "opening a page");
    let slot: Slot;
    try {
      slot = { page, cdp: await withTimeout(page.createCDPSession(), timeoutMs, "attaching to a page"), blocked: [], printed: 0 };
      page.setDefaultTimeout(timeoutMs);
      await withTimeout(page.setJavaScriptEnabled(false), timeoutMs, "disabling JavaScript");
      await withTimeout(page.setRequestInterception(true), timeoutMs, "setting up the request filter");
      if (checkClipping) await withTimeout(page.emulateMediaType("print"), timeoutMs, "setting print media");
    } catch (error) {
      void page.close().catch(() => undefined);
      throw error;
    }
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
    lap("page", opening);
    return slot;
  };

  /** Hands a free printing slot to the next brief waiting for one. */
  const givePermit = (): void => {
    const next = waiters.shift();
    if (next) next.resolve();
    else permits++;
  };
  const acquire = async (): Promise<Slot> => {
    if (fault) throw fault;
    if (closed) throw interrupted();
    if (permits > 0) permits--;
    else await new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    if (fault) {
      givePermit();
      throw fault;
    }
    try {
      return idle.pop() ?? (await spares.shift()) ?? (await newSlot());
    } catch (error) {
      givePermit();
      throw error;
    }
  };
  /** Puts a page back (or closes it: after an error, or when it has printed `recycleAfter` briefs). */
  const release = (slot: Slot, keep: boolean): void => {
    if (keep && slot.printed < recycleAfter && !closed) idle.push(slot);
    else void withTimeout(slot.page.close(), timeoutMs, "closing a page").catch(() => undefined);
    givePermit();
  };

  /** What an error of one render means: a fault of the browser, or a problem of this brief. */
  const classify = async (error: unknown, ms: number): Promise<Error> => {
    if (closed) return interrupted();
    if (fault) return fault;
    // A closed connection may be reported to this call before the browser's own "disconnected".
    if (error instanceof Error && (error.name === "TargetCloseError" || /closed|detached/i.test(error.message))) {
      for (let i = 0; i < 20 && browser.connected; i++) await new Promise((r) => setTimeout(r, 50));
      if (closed) return interrupted();
      if (fault) return fault;
    }
    if (!browser.connected) {
      // Let the process report how it ended (exit code or signal) before saying so.
      if (child && child.exitCode === null && child.signalCode === null) await withTimeout(new Promise((r) => child.once("exit", r)), 1000, "waiting for the browser to exit").catch(() => undefined);
      return declare("renderer-crashed", `the browser stopped during the build${exitDetail()}`);
    }
    if (isTimeout(error)) {
      // Slow, or not answering at all? Ask the browser something trivial.
      const answers = await withTimeout(browser.version(), Math.min(timeoutMs, 5000), "asking the browser its version").then(
        () => true,
        () => false,
      );
      if (fault) return fault;
      if (!answers) return declare("renderer-unresponsive", `the browser stopped answering (nothing for ${Math.round(ms / 1000)} s)`);
      return new PdfRenderError("render-timeout", `printing this brief took longer than ${Math.round(ms / 1000)} s`, "a very large brief needs more time: raise YARDSTICK_PDF_TIMEOUT (milliseconds), or split the assessment");
    }
    if (isCrash(error)) return new PdfRenderError("renderer-crashed", "the browser page printing this brief crashed", "this is a browser fault: run the build again, and report it if it happens every time");
    return error instanceof Error ? error : new Error(String(error));
  };

  const renderParts = async (parts: PrintParts, meta: PdfMetadata, pageSize = options.pageSize ?? "A4"): Promise<PdfResult> => {
    let slot: Slot;
    try {
      slot = await acquire();
    } catch (error) {
      throw await classify(error, timeoutMs);
    }
    const ms = adaptiveTimeout(timeoutMs, parts.html.length);
    let raw: Uint8Array;
    let blocked: string[];
    let clipped: string[] = [];
    try {
      if (checkClipping && slot.size !== pageSize) {
        await withTimeout(slot.page.setViewport({ width: columnWidthPx(pageSize), height: 800 }), timeoutMs, "setting the viewport");
        slot.size = pageSize;
      }
      let t = clock();
      // The replacement of a page that prints its last brief opens meanwhile.
      if (slot.printed === recycleAfter - 1) openSpare();
      await withTimeout(slot.page.setContent(parts.html, { waitUntil: "load", timeout: ms }), ms + 1000, "loading the brief");
      t = lap("setContent", t);
      // The clipping probe and the print are sent together: the page runs them in that order (the
      // probe measures the laid-out page before printing), without a round trip between them.
      const probe = checkClipping ? slot.cdp.send("Runtime.evaluate", { expression: clippedTextProbe(), returnByValue: true }, { timeout: ms }) : undefined;
      const print = slot.cdp.send("Page.printToPDF", printParams(parts, pageSize) as never, { timeout: ms });
      const [probed, printed] = await Promise.all([probe, print]);
      if (probed) {
        const value: unknown = probed.result.value;
        if (Array.isArray(value)) clipped = value.filter((v): v is string => typeof v === "string");
      }
      if (!printed.stream) throw new Error("the browser returned no PDF stream");
      t = lap("print", t);
      raw = await readStream(slot.cdp, printed.stream, ms);
      lap("read", t);
      blocked = slot.blocked;
      slot.blocked = [];
      slot.printed++;
    } catch (error) {
      // A page that failed may be in any state: drop it, a new one is made on demand.
      release(slot, false);
      throw await classify(error, ms);
    }
    release(slot, true);
    const finalizing = clock();
    const { bytes, pages } = await finalizePdf(raw, meta);
    lap("finalize", finalizing);
    return { bytes, pages, blocked, clipped };
  };

  // At most four ahead of time: a build of one brief on a machine of many cores opens the rest on demand.
  for (let i = 0; i < Math.min(jobs, 4); i++) openSpare();

  return {
    browser: found,
    search,
    pid: child?.pid,
    profileDir: launched.profileDir,
    fonts,
    renderParts,
    render: (brief, html) => {
      const htmlOptions = { ...options, ...html };
      return renderParts(renderPrintParts(brief, htmlOptions), briefMetadata(brief, options.env), htmlOptions.pageSize);
    },
    version: () => withTimeout(browser.version(), timeoutMs, "asking the browser its version"),
    probe: () =>
      renderParts(
        { html: `<!DOCTYPE html><html><head><style>body{font-family:"YS Sans"}</style></head><body><p>yardstick doctor: العربية ≥ ≤ – ·</p></body></html>`, headerTemplate: "<span></span>", footerTemplate: "<span></span>" },
        { title: "yardstick doctor", keywords: [], creator: "yardstick", producer: "yardstick", date: new Date(0) },
      ),
    async close() {
      closed = true;
      failAll(interrupted());
      // A page still opening when the browser goes would leave puppeteer waiting for its target
      // (30 s, keeping the process alive): let the spares finish first, for a few seconds at most.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(spares), new Promise((resolve) => (timer = setTimeout(resolve, Math.min(timeoutMs, 5000)).unref()))]);
      clearTimeout(timer);
      await closeBrowser();
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
