/**
 * End to end, in a real headless Chromium: the preview follows saves, shows a positioned error
 * over the last good brief when the YAML breaks, and recovers when it is fixed.
 *
 * Set YARDSTICK_SCREENSHOTS=1 to also write docs/preview.png and docs/preview-error.png.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../src/render/pdf/browser.js";
import { launchBrowser, type Launched } from "../src/render/pdf/launch.js";
import { startPreview, type RunningPreview } from "../src/preview/preview.js";
import { createBriefRenderer } from "../src/preview/render.js";

const EXAMPLE = new URL("../assessments/isk-2022-07.yaml", import.meta.url);
const DOCS = new URL("../docs/", import.meta.url);
const WAIT = { timeout: 10_000, polling: 50 };

/** Text of the brief inside the preview's frame (the frame is same-origin, script-less). */
const FRAME_TEXT = `(() => { const f = document.getElementById("ys-frame"); const d = f && f.contentDocument; return d && d.body ? d.body.innerText : ""; })()`;

const NEW_JUDGMENT = `
  - id: capital-attack
    likelihood: realistic possibility
    statement: IS-K will claim an attack on a Central Asian capital within the next 12 months.
    confidence: low
    evidence:
      - text: IS-K propaganda in Uzbek and Tajik has named Dushanbe and Tashkent as targets.
        source: isk-targeting-tajikistan-report
`;

let launched: Launched | undefined;
let preview: RunningPreview | undefined;
let page: Page;
let dir: string;
let file: string;

async function frameIncludes(text: string): Promise<void> {
  await page.waitForFunction(`${FRAME_TEXT}.includes(${JSON.stringify(text)})`, WAIT);
}

beforeAll(async () => {
  const search = await findBrowser();
  if (!search.found) throw new Error(`no browser for the end-to-end test: ${search.candidates.map((c) => `${c.path} (${c.reason})`).join("; ")}`);
  dir = mkdtempSync(join(tmpdir(), "yardstick-e2e-"));
  file = join(dir, "isk-2022-07.yaml");
  copyFileSync(EXAMPLE, file);
  preview = await startPreview({ target: file, cwd: dir, renderer: createBriefRenderer({ asOf: "2026-01-01" }), address: "127.0.0.1", port: 0 });
  launched = await launchBrowser(search.found);
  page = await launched.browser.newPage();
  await page.setViewport({ width: 1200, height: 800, deviceScaleFactor: 1 });
});

afterAll(async () => {
  await preview?.close();
  await launched?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("yardstick preview in a real browser", () => {
  it("follows saves, overlays a positioned error over the last good brief, and recovers", async () => {
    const blocked: string[] = [];
    page.on("requestfailed", (r) => blocked.push(r.url()));
    const consoleErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    await page.goto(`${preview!.url}brief/isk-2022-07`, { waitUntil: "load" });
    await frameIncludes("Key Judgment 3");
    await page.waitForFunction(`document.getElementById("ys-live").textContent === "live"`, WAIT);
    // The example has warnings only: a collapsed panel, no error overlay.
    expect(await page.evaluate(`document.body.getAttribute("data-overlay")`)).toBe("warnings");
    expect(await page.$eval("#ys-overlay", (el) => el.classList.contains("ys-collapsed"))).toBe(true);

    // 1. A new judgment, saved on disk, appears in the page.
    const original = readFileSync(file, "utf8");
    const withJudgment = original.replace("\n# The original brief's", `${NEW_JUDGMENT}\n# The original brief's`);
    expect(withJudgment).not.toBe(original);
    writeFileSync(file, withJudgment);
    await frameIncludes("IS-K will claim an attack on a Central Asian capital");
    await frameIncludes("Key Judgment 4");
    if (process.env.YARDSTICK_SCREENSHOTS) {
      await page.screenshot({ path: fileURLToPath(new URL("preview.png", DOCS)), type: "png" });
    }

    // 2. An unclosed quote: the overlay shows file:line:col, the last good brief stays.
    const broken = withJudgment.replace("title: IS-K and the Taliban", 'title: "IS-K and the Taliban');
    writeFileSync(file, broken);
    await page.waitForFunction(`(() => { const o = document.getElementById("ys-overlay"); return o && !o.hidden && o.innerText.includes("isk-2022-07.yaml:7:8"); })()`, WAIT);
    const overlay = await page.$eval("#ys-overlay", (el) => (el as unknown as { innerText: string }).innerText);
    expect(overlay).toContain("1 error");
    expect(overlay).toMatch(/never closed/);
    expect(overlay).toContain("hint:");
    expect(overlay).toContain('title: "IS-K and the Taliban');
    expect(await page.evaluate(FRAME_TEXT)).toContain("IS-K will claim an attack on a Central Asian capital");
    expect(await page.$eval("#ys-status", (el) => el.textContent)).toBe("1 error");
    if (process.env.YARDSTICK_SCREENSHOTS) {
      await page.screenshot({ path: fileURLToPath(new URL("preview-error.png", DOCS)), type: "png" });
    }

    // 3. Fixed (with a new title): the overlay goes and the brief updates.
    writeFileSync(file, withJudgment.replace("title: IS-K and the Taliban", "title: IS-K and the Taliban, revised"));
    await page.waitForFunction(`document.body.getAttribute("data-overlay") !== "errors"`, WAIT);
    await frameIncludes("IS-K and the Taliban, revised");
    expect(await page.evaluate(FRAME_TEXT)).toContain("Key Judgment 4");

    // The toolbar's PDF link gives the real pages, printed by the PDF renderer.
    const pdf = (await page.evaluate(
      `fetch(document.getElementById("ys-pdf").href).then(async (r) => ({ status: r.status, type: r.headers.get("content-type"), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) }))`,
    )) as { status: number; type: string; head: string };
    expect(pdf).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });

    // The brief loads nothing from outside: no failed (blocked) request, no CSP violation.
    expect(blocked).toEqual([]);
    expect(consoleErrors.filter((m) => /Content Security Policy|Refused/.test(m))).toEqual([]);
  });

  it("keeps the brief free of script: the frame runs none, as in the PDF", async () => {
    const hostile = readFileSync(file, "utf8").replace(
      /^summary: \|\n/m,
      "summary: |\n  <script>window.parent.document.title='pwned'</script><img src=x onerror=\"window.parent.document.title='pwned'\"> Safe text.\n",
    );
    writeFileSync(file, hostile);
    await frameIncludes("Safe text.");
    expect(await page.title()).not.toContain("pwned");
    const scripts = await page.evaluate(`document.getElementById("ys-frame").contentDocument.querySelectorAll("script").length`);
    expect(scripts).toBe(0);
  });
});
