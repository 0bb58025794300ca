#!/usr/bin/env node
// PDF build speed: 50 generated briefs through the whole CLI (`yardstick build --format md,pdf`,
// fresh output folder, separate process) against a bare puppeteer floor in its own process: one
// browser, 2 pages, setContent + page.pdf on yardstick's own print HTML for the same 50 briefs,
// launch and close included (the bundled fonts installed once through fontconfig, as yardstick
// does; nothing else: no sandbox settings, no metadata post-processing, no file writes).
// Target: ≤ 1.15× the floor.
// Usage: node bench/pdf-50.js [count] [rounds]   (run `npm run build` first)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(join(root, "dist", p)).href;

if (process.argv[2] === "--floor") {
  // The floor, in its own process: read the prepared print parts, launch, print, close.
  const started = process.hrtime.bigint();
  const { parts, browser, args, headless, fontsConfig } = JSON.parse(readFileSync(process.argv[3], "utf8"));
  const puppeteer = (await import("puppeteer-core")).default;
  const { servedAssets } = await import(dist("render/html/assets.js"));
  const assets = servedAssets();
  // Fonts installed once for the browser (fontconfig), as yardstick does: the print HTML names the families only.
  const env = fontsConfig ? { ...process.env, FONTCONFIG_FILE: fontsConfig } : process.env;
  const b = await puppeteer.launch({ executablePath: browser, args, headless, pipe: true, env });
  const pages = await Promise.all([b.newPage(), b.newPage()]);
  for (const page of pages) {
    await page.setRequestInterception(true);
    page.on("request", (r) => {
      const a = assets.get(r.url());
      if (a) void r.respond({ status: 200, contentType: a.contentType, headers: { "access-control-allow-origin": "*" }, body: a.body });
      else void r.continue();
    });
  }
  let next = 0;
  let bytes = 0;
  await Promise.all(
    pages.map(async (page) => {
      while (next < parts.length) {
        const p = parts[next++];
        await page.setContent(p.html, { waitUntil: "load" });
        const pdf = await page.pdf({ format: "A4", printBackground: true, displayHeaderFooter: false, margin: { top: "20mm", bottom: "24mm", left: "18mm", right: "18mm" }, outline: true, tagged: true });
        bytes += pdf.byteLength;
      }
    }),
  );
  await b.close();
  console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes }));
  process.exit(0);
}

const count = Number(process.argv[2] ?? 50);
const rounds = Number(process.argv[3] ?? 3);
const template = readFileSync(join(root, "assessments", "isk-2022-07.yaml"), "utf8");
const work = mkdtempSync(join(tmpdir(), "yardstick-bench-pdf-"));
const input = join(work, "assessments");
mkdirSync(input);
try {
  for (let i = 0; i < count; i++) {
    const id = `bench-${String(i).padStart(3, "0")}`;
    let text = template.replace(/^id: .*$/m, `id: ${id}`).replace(/^title: .*$/m, `title: Benchmark brief ${i}`);
    text = text.replace(/^(    likelihood: .*)$/gm, "$1\n    confidence: moderate");
    text = text.replace("posh Middle Eastern hotels", `posh Middle Eastern hotels (case ${i})`);
    writeFileSync(join(input, `${id}.yaml`), text);
  }

  // yardstick's own print HTML for the same briefs, for the floor.
  const { checkFiles } = await import(dist("project/check.js"));
  const { toBrief } = await import(dist("brief/to-brief.js"));
  const { renderPrintParts } = await import(dist("render/html/render.js"));
  const { findBrowser } = await import(dist("render/pdf/browser.js"));
  const { launchArgs } = await import(dist("render/pdf/launch.js"));
  const files = readdirSync(input).sort().map((f) => join(input, f));
  const checked = checkFiles(files, { asOf: "2023-01-01" });
  const parts = checked.files.map((c) => renderPrintParts(toBrief(c.assessment, c.config)));
  const search = await findBrowser({});
  if (!search.found) throw new Error("no browser found; run `yardstick doctor`");
  const isRoot = process.getuid?.() === 0;
  const floorArgs = [...search.found.args, ...(isRoot ? ["--no-sandbox"] : [])];
  const partsFile = join(work, "parts.json");
  const { installFonts } = await import(dist("render/pdf/fonts.js"));
  const fontsConfig = (await installFonts()).configFile;
  writeFileSync(partsFile, JSON.stringify({ parts, browser: search.found.path, args: floorArgs, headless: search.found.headless, fontsConfig }));

  const runFloor = () => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--floor", partsFile], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`floor failed: ${r.stderr.slice(-1500)}`);
    return JSON.parse(r.stdout.trim().split("\n").at(-1));
  };
  const runBuild = (n) => {
    const out = join(work, `out-${n}`);
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(root, "bin", "yardstick.js"), "build", "--format", "md,pdf", "--as-of", "2023-01-01", "--report", "json", input, "--out", out], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const pdfs = readdirSync(out).filter((f) => f.endsWith(".pdf"));
    const mds = readdirSync(out).filter((f) => f.endsWith(".md"));
    if (r.status !== 0 || pdfs.length !== count || mds.length !== count) throw new Error(`build failed: exit ${r.status}, ${pdfs.length} pdf / ${mds.length} md of ${count}\n${r.stderr.slice(-1500)}`);
    const sizes = pdfs.map((f) => statSync(join(out, f)).size);
    rmSync(out, { recursive: true, force: true });
    return { seconds, bytes: sizes.reduce((a, b) => a + b, 0) };
  };

  const floor = [];
  const build = [];
  for (let i = 0; i < rounds; i++) {
    floor.push(runFloor());
    build.push(runBuild(i));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const f = median(floor.map((x) => x.seconds));
  const y = median(build.map((x) => x.seconds));
  const row = (name, s, bytes) => `  ${name.padEnd(44)} ${s.toFixed(2).padStart(6)} s  ${((s * 1000) / count).toFixed(0).padStart(4)} ms/brief  ${(count / s).toFixed(1).padStart(5)} briefs/s  ${(bytes / count / 1024).toFixed(0)} KiB/pdf`;
  console.log(`pdf-${count}: ${count} briefs, ${search.found.source} ${search.found.path}, ${availableParallelism()} cores, median of ${rounds} rounds (launch included)`);
  console.log(row("bare puppeteer floor (1 browser, 2 pages)", f, floor[0].bytes));
  console.log(row("yardstick build --format md,pdf (whole CLI)", y, build[0].bytes));
  console.log(`  ratio build / floor: ${(y / f).toFixed(2)}× (target ≤ 1.15×); rounds: floor ${floor.map((x) => x.seconds.toFixed(2)).join(", ")} s; build ${build.map((x) => x.seconds.toFixed(2)).join(", ")} s`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
