#!/usr/bin/env node
// The PDF steps side by side on the same briefs, alternating per brief (one browser, fonts
// installed once, one page): puppeteer's page.pdf against the raw Page.printToPDF yardstick sends,
// and the metadata + accessibility pass (Info, XMP, link alternate text, outline titles) by
// pdf-lib's full load + save against the appended incremental update. Medians in ms.
// Usage: node bench/pdf-steps.js [count]   (run `npm run build` first)
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(join(root, "dist", p)).href;
const count = Number(process.argv[2] ?? 30);
const { checkFiles } = await import(dist("project/check.js"));
const { toBrief } = await import(dist("brief/to-brief.js"));
const { renderPrintParts } = await import(dist("render/html/render.js"));
const { findBrowser } = await import(dist("render/pdf/browser.js"));
const { launchBrowser } = await import(dist("render/pdf/launch.js"));
const { installFonts } = await import(dist("render/pdf/fonts.js"));
const { printParams, briefMetadata } = await import(dist("render/pdf/session.js"));
const { finalizeInPlace, finalizeWithPdfLib } = await import(dist("render/pdf/finalize.js"));

const files = ["isk-2022-07.yaml", "afghanistan-threats-2022-12.yaml"].map((f) => join(root, "assessments", f));
const briefs = checkFiles(files, { asOf: "2023-01-01" }).files.map((c) => toBrief(c.assessment, c.config));
const fonts = await installFonts();
const search = await findBrowser({});
const launched = await launchBrowser(search.found, 60_000, { env: { FONTCONFIG_FILE: fonts.configFile } });
const page = await launched.browser.newPage();
await page.setJavaScriptEnabled(false);
const cdp = await page.createCDPSession();
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const t = { puppeteer: [], raw: [], pdflib: [], inplace: [] };
try {
  for (let i = 0; i < count; i++) {
    const brief = briefs[i % briefs.length];
    const parts = renderPrintParts(brief);
    await page.setContent(parts.html, { waitUntil: "load" });
    const order = i % 2 === 0 ? ["puppeteer", "raw"] : ["raw", "puppeteer"];
    let raw;
    for (const how of order) {
      const started = now();
      if (how === "puppeteer") {
        await page.pdf({ format: "A4", printBackground: true, displayHeaderFooter: true, headerTemplate: parts.headerTemplate, footerTemplate: parts.footerTemplate, margin: { top: "20mm", bottom: "24mm", left: "18mm", right: "18mm" }, outline: true, tagged: true });
      } else {
        const r = await cdp.send("Page.printToPDF", printParams(parts, "A4"));
        const chunks = [];
        for (;;) {
          const c = await cdp.send("IO.read", { handle: r.stream, size: 4 * 1024 * 1024 });
          chunks.push(Buffer.from(c.data, c.base64Encoded ? "base64" : "latin1"));
          if (c.eof) break;
        }
        await cdp.send("IO.close", { handle: r.stream });
        raw = new Uint8Array(Buffer.concat(chunks));
      }
      t[how].push(now() - started);
    }
    const meta = briefMetadata(brief, {});
    for (const how of i % 2 === 0 ? ["pdflib", "inplace"] : ["inplace", "pdflib"]) {
      const started = now();
      if (how === "pdflib") await finalizeWithPdfLib(raw, meta);
      else if (!finalizeInPlace(raw, meta)) throw new Error("the in-place rewrite did not apply");
      t[how].push(now() - started);
    }
  }
} finally {
  await launched.close();
}
const f = (xs) => `${median(xs).toFixed(2)} ms`;
console.log(`pdf-steps: ${count} briefs (the two examples in turn), ${search.found.source} ${search.found.path}, fonts installed once, alternating per brief, medians`);
console.log(`  print: puppeteer page.pdf ${f(t.puppeteer)}; raw Page.printToPDF ${f(t.raw)}  (${(median(t.raw) / median(t.puppeteer)).toFixed(2)}×)`);
console.log(`  metadata + accessibility: pdf-lib load + save ${f(t.pdflib)}; in-place dates + appended update ${f(t.inplace)}  (${(median(t.pdflib) / median(t.inplace)).toFixed(0)}× faster)`);
