/**
 * The preview against a hostile page in the same browser (real headless Chromium): another
 * origin cannot read a brief, open the event stream or frame the preview, and a rebinding
 * attacker's domain name pointed at 127.0.0.1 gets 403.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../src/render/pdf/browser.js";
import { launchArgs } from "../src/render/pdf/launch.js";
import { startPreview, type RunningPreview } from "../src/preview/preview.js";
import { createBriefRenderer } from "../src/preview/render.js";

const EXAMPLE = new URL("../assessments/isk-2022-07.yaml", import.meta.url);

let browser: Browser | undefined;
let preview: RunningPreview | undefined;
let attacker: Server | undefined;
let attackerPort = 0;
let dir = "";
let profile = "";

/** The attacker's page: tries to read the brief, listen to the stream and frame the preview. */
function attackerPage(target: string): string {
  return `<!DOCTYPE html><html><body>
<iframe id="f" src="${target}brief/isk-2022-07"></iframe>
<script>
window.results = {};
fetch("${target}brief/isk-2022-07/content").then(r => r.text()).then(t => { results.fetch = "read " + t.length; }, e => { results.fetch = "blocked"; });
fetch("${target}brief/isk-2022-07/content", { mode: "no-cors" }).then(r => { results.noCors = r.type; }, e => { results.noCors = "blocked"; });
const es = new EventSource("${target}events");
es.addEventListener("state", () => { results.events = "read"; });
es.onerror = () => { results.events = "blocked"; es.close(); };
document.getElementById("f").addEventListener("load", () => {
  try { results.frame = document.getElementById("f").contentDocument ? "readable" : "opaque"; } catch (e) { results.frame = "opaque"; }
});
</script></body></html>`;
}

beforeAll(async () => {
  const search = await findBrowser();
  if (!search.found) throw new Error("no browser for the hostile-page test");
  dir = mkdtempSync(join(tmpdir(), "yardstick-hostile-"));
  copyFileSync(EXAMPLE, join(dir, "isk-2022-07.yaml"));
  preview = await startPreview({ target: dir, cwd: dir, renderer: createBriefRenderer({ asOf: "2026-01-01" }), address: "127.0.0.1", port: 0 });
  const target = preview.url;
  attacker = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(attackerPage(target));
  });
  await new Promise<void>((ok) => attacker!.listen(0, "127.0.0.1", ok));
  attackerPort = (attacker.address() as AddressInfo).port;
  const puppeteer = (await import("puppeteer-core")).default;
  profile = mkdtempSync(join(tmpdir(), "yardstick-hostile-profile-"));
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  browser = await puppeteer.launch({
    executablePath: search.found.path,
    headless: search.found.headless,
    // evil.test resolves to 127.0.0.1, as after a DNS rebinding.
    args: [...launchArgs(search.found, isRoot), "--host-resolver-rules=MAP evil.test 127.0.0.1"],
    userDataDir: profile,
    pipe: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await new Promise<void>((ok) => (attacker ? attacker.close(() => ok()) : ok()));
  for (const d of [dir, profile]) if (d) rmSync(d, { recursive: true, force: true });
});

describe("a hostile page in the same browser", () => {
  it("cannot read a brief, open the event stream or frame the preview", async () => {
    const page = await browser!.newPage();
    const refused: string[] = [];
    page.on("response", (r) => {
      if (r.url().startsWith(preview!.url) && r.status() === 403) refused.push(r.url());
    });
    await page.goto(`http://localhost:${attackerPort}/`);
    await page.waitForFunction(`window.results && results.fetch && results.noCors && results.events && results.frame !== undefined`, { timeout: 10_000, polling: 50 });
    const results = (await page.evaluate(`window.results`)) as Record<string, string>;
    expect(results.fetch).toBe("blocked");
    expect(results.events).toBe("blocked");
    expect(results.frame).toBe("opaque");
    // Framing is refused (X-Frame-Options DENY, frame-ancestors 'none'): the frame holds Chromium's error page.
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(framed?.url()).not.toContain("/brief/isk-2022-07");
    const frameText = framed ? await framed.evaluate(`document.body ? document.body.innerText : ""`).catch(() => "") : "";
    expect(String(frameText)).not.toContain("IS-K");
    // The no-cors request reaches the server only to be refused (cross-site fetch metadata).
    expect(refused.length).toBeGreaterThan(0);
    await page.close();
  });

  it("answers a rebinding attacker's domain with 403", async () => {
    const page = await browser!.newPage();
    const response = await page.goto(`http://evil.test:${preview!.port}/brief/isk-2022-07/content`);
    expect(response?.status()).toBe(403);
    expect(await page.evaluate(`document.body.innerText`)).not.toContain("IS-K");
    const index = await page.goto(`http://evil.test:${preview!.port}/`);
    expect(index?.status()).toBe(403);
    // The real address still works in the same browser.
    const ok = await page.goto(`${preview!.url}brief/isk-2022-07/content`);
    expect(ok?.status()).toBe(200);
    await page.close();
  });
});
