/**
 * Launching the browser for rendering: offline flags, a fresh temporary profile removed on
 * close, no signal handlers of puppeteer's own (the CLI closes the browser on Ctrl-C).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "puppeteer-core";
import type { FoundBrowser } from "./browser.js";

/** Flags that keep Chromium quiet and offline while it prints. */
export const OFFLINE_ARGS: readonly string[] = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--disable-default-apps",
  "--disable-domain-reliability",
  "--disable-breakpad",
  "--disable-crash-reporter",
  "--disable-dev-shm-usage",
  "--no-pings",
  "--mute-audio",
  "--metrics-recording-only",
  "--password-store=basic",
  "--use-mock-keychain",
  "--font-render-hinting=none",
  "--dns-prefetch-disable",
];

/** Launch arguments for a found browser, as the current user. */
export function launchArgs(found: FoundBrowser, isRoot: boolean): string[] {
  const args = new Set<string>([...OFFLINE_ARGS, ...found.args]);
  // Chromium refuses to run as root with its sandbox; the page sandbox (no JS, no requests) still holds.
  if (isRoot) args.add("--no-sandbox");
  return [...args];
}

/** A launched browser and how to get rid of it. */
export interface Launched {
  browser: Browser;
  /** The temporary profile folder, removed by `close()`. */
  profileDir: string;
  /** Closes the browser (killing it if it does not close) and removes its temporary profile. */
  close(): Promise<void>;
}

/** Launches the browser with a fresh temporary profile. */
export async function launchBrowser(found: FoundBrowser, timeoutMs = 30_000, extra: { env?: Readonly<Record<string, string>>; signal?: AbortSignal } = {}): Promise<Launched> {
  const puppeteer = (await import("puppeteer-core")).default;
  extra.signal?.throwIfAborted();
  const userDataDir = mkdtempSync(join(tmpdir(), "yardstick-chromium-"));
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: found.path,
      headless: found.headless,
      args: launchArgs(found, isRoot),
      userDataDir,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: timeoutMs,
      protocolTimeout: timeoutMs * 2,
      pipe: true,
      defaultViewport: null,
      // Extra variables for the browser (FONTCONFIG_FILE: the bundled fonts, installed once).
      ...(extra.env ? { env: { ...process.env, ...extra.env } } : {}),
      // Aborting stops a launch in progress (the browser process is killed).
      ...(extra.signal ? { signal: extra.signal } : {}),
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        await Promise.race([browser.close(), new Promise((_, reject) => setTimeout(() => reject(new Error("close timed out")), 5000).unref())]);
      } catch {
        browser.process()?.kill("SIGKILL");
      } finally {
        rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
      }
    })();
    return closing;
  };
  return { browser, profileDir: userDataDir, close };
}
