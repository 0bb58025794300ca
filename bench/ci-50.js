#!/usr/bin/env node
// CI at scale, side by side on one machine, every figure a separate process, launch included:
//   1. `yardstick build --format md,pdf` of N generated briefs (default 50) into a fresh folder;
//   2. the bare puppeteer floor on yardstick's own print HTML for the same briefs, with the bundled
//      fonts installed once (fontconfig, no @font-face): one browser, 2 pages, setContent + page.pdf
//      (the floor of bench/pdf-50.js);
//   3. with --peers: md-to-pdf 5 on the same briefs' Markdown in its best reliable mode (calls of 10
//      files one after the other: one call of 50 times out, 2 × 25 times out under load), installed
//      on demand into a temporary folder, pointed at the same browser;
//   run in alternating order, R rounds (default 3), medians and ratios;
//   4. 200 briefs: a full build with the peak memory of the whole process tree (RSS and PSS summed
//      from /proc, Chromium's zygote children included), then the same build with nothing changed;
//   5. 1,000 briefs checked and rendered to Markdown (bench/markdown-1000.js).
// Targets: ≥ 4× faster than md-to-pdf; ≤ 1.15× the fonts-once floor; no-change rebuild of 200 briefs
// < 10 % of the full build; peak memory flat (200 briefs ≤ 1.25× the peak of 50: pages are recycled);
// 1,000 briefs check + Markdown < 5 s. The machine may be shared: read the ratios (measured side by
// side; each ratio is also given as the median of the rounds' own ratios) rather than the absolute
// times, and the load average printed at the start and the end.
// Usage: node bench/ci-50.js [--count N] [--rounds R] [--peers] [--fresh-peers] [--big N] [--no-big] [--no-md]
//        (`npm run bench -- ci-50 --peers`; run `npm run build` first)
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sampleTreePeak } from "./lib/proc-tree.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(join(root, "dist", p)).href;
const argv = [...process.argv.slice(2), ...(process.env.YARDSTICK_BENCH_FLAGS ?? "").split(/\s+/).filter(Boolean)];
const flag = (name) => argv.includes(name);
const value = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
};
const count = value("--count", 50);
const rounds = value("--rounds", 3);
const bigCount = value("--big", 200);
const peers = flag("--peers") || process.env.BENCH_PEERS === "1";
const AS_OF = "2023-01-01";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (started) => Number(process.hrtime.bigint() - started) / 1e9;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

const work = mkdtempSync(join(tmpdir(), "yardstick-bench-ci-"));

function generate(dir, n) {
  mkdirSync(dir, { recursive: true });
  const template = readFileSync(join(root, "assessments", "isk-2022-07.yaml"), "utf8");
  for (let i = 0; i < n; i++) {
    const id = `bench-${String(i).padStart(4, "0")}`;
    let text = template.replace(/^id: .*$/m, `id: ${id}`).replace(/^title: .*$/m, `title: Benchmark brief ${i}`);
    text = text.replace(/^(    likelihood: .*)$/gm, "$1\n    confidence: moderate");
    text = text.replace("posh Middle Eastern hotels", `posh Middle Eastern hotels (case ${i})`);
    writeFileSync(join(dir, `${id}.yaml`), text);
  }
}

const quiet = spawnSync(process.execPath, [join(root, "bin", "yardstick.js"), "build", "--help"], { encoding: "utf8" }).stdout.includes("--quiet") ? ["--quiet"] : [];

/** `yardstick build --format md,pdf` as CI runs it (the installed bin, no npx), with the peak memory of its process tree. */
function build(input, out, n) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(root, "bin", "yardstick.js"), "build", "--format", "md,pdf", "--as-of", AS_OF, "--report", "json", ...quiet, input, "--out", out], {
      env: { ...process.env, CI: "true" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const peak = sampleTreePeak(child.pid, 100);
    let stderr = "";
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    child.on("exit", (code) => {
      const s = seconds(started);
      const memory = peak.stop();
      const pdfs = readdirSync(out).filter((f) => f.endsWith(".pdf"));
      if (code !== 0 || pdfs.length !== n) reject(new Error(`build failed: exit ${code}, ${pdfs.length} of ${n} PDFs\n${stderr.slice(-1500)}`));
      else resolve({ seconds: s, memory, bytes: pdfs.reduce((t, f) => t + statSync(join(out, f)).size, 0) });
    });
  });
}

/** The fonts-once floor of bench/pdf-50.js, on yardstick's own print HTML for the same briefs. */
async function floorRunner(input) {
  const floorScript = join(root, "bench", "pdf-50.js");
  const { checkFiles } = await import(dist("project/check.js"));
  const { toBrief } = await import(dist("brief/to-brief.js"));
  const { renderPrintParts } = await import(dist("render/html/render.js"));
  const { findBrowser } = await import(dist("render/pdf/browser.js"));
  const { installFonts } = await import(dist("render/pdf/fonts.js"));
  const files = readdirSync(input).sort().map((f) => join(input, f));
  const parts = checkFiles(files, { asOf: AS_OF }).files.map((c) => renderPrintParts(toBrief(c.assessment, c.config)));
  const search = await findBrowser({});
  if (!search.found) return { unavailable: "no browser found (run `yardstick doctor`)" };
  const args = [...search.found.args, ...(process.getuid?.() === 0 ? ["--no-sandbox"] : [])];
  const partsFile = join(work, "parts.json");
  writeFileSync(partsFile, JSON.stringify({ parts, browser: search.found.path, args, headless: search.found.headless, fontsConfig: (await installFonts()).configFile }));
  return {
    browser: search.found,
    run() {
      const r = spawnSync(process.execPath, [floorScript, "--floor", partsFile], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`floor failed: ${r.stderr.slice(-1500)}`);
      return JSON.parse(r.stdout.trim().split("\n").at(-1));
    },
  };
}

/** md-to-pdf 5 in a temporary folder (reused between runs unless --fresh-peers), never in the project. */
function installMdToPdf() {
  const prefix = join(tmpdir(), "yardstick-bench-md-to-pdf-5");
  const cli = join(prefix, "node_modules", "md-to-pdf", "dist", "cli.js");
  if (flag("--fresh-peers")) rmSync(prefix, { recursive: true, force: true });
  if (!existsSync(cli)) {
    mkdirSync(prefix, { recursive: true });
    console.log(`  installing md-to-pdf@5 into ${prefix} (PUPPETEER_SKIP_DOWNLOAD=1: it uses the same browser) …`);
    // puppeteer@24 alongside: md-to-pdf asks for puppeteer >=8, and 25 needs Node 22.
    const r = spawnSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "md-to-pdf@5", "puppeteer@24"], {
      encoding: "utf8",
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "1", PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: "1" },
    });
    if (r.status !== 0 || !existsSync(cli)) return { unavailable: `npm install md-to-pdf@5 failed: ${(r.stderr || r.stdout).slice(-500)}` };
  }
  return { cli, version: JSON.parse(readFileSync(join(prefix, "node_modules", "md-to-pdf", "package.json"), "utf8")).version };
}

/** md-to-pdf on the briefs' Markdown, in calls of `perCall` files one after the other. */
function runMdToPdf(cli, mdDir, browser, perCall) {
  const dir = mkdtempSync(join(work, "peer-"));
  const files = readdirSync(mdDir).filter((f) => f.endsWith(".md")).sort();
  for (const f of files) cpSync(join(mdDir, f), join(dir, f));
  const launch = JSON.stringify({ executablePath: browser.path, args: [...browser.args, ...(process.getuid?.() === 0 ? ["--no-sandbox"] : [])], headless: browser.headless ?? true });
  const pdfOptions = JSON.stringify({ format: "A4", printBackground: true, margin: { top: "20mm", bottom: "24mm", left: "18mm", right: "18mm" } });
  const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "1", PUPPETEER_EXECUTABLE_PATH: browser.path };
  const started = process.hrtime.bigint();
  for (let i = 0; i < files.length; i += perCall) {
    const r = spawnSync(process.execPath, [cli, ...files.slice(i, i + perCall), "--launch-options", launch, "--pdf-options", pdfOptions], { cwd: dir, encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 });
    if (r.status !== 0) return { failed: r.error?.code === "ETIMEDOUT" ? "timed out after 180 s" : `exit ${r.status}: ${r.stderr.slice(-400)}` };
  }
  const s = seconds(started);
  const pdfs = readdirSync(dir).filter((f) => f.endsWith(".pdf"));
  rmSync(dir, { recursive: true, force: true });
  if (pdfs.length !== files.length) return { failed: `${pdfs.length} of ${files.length} PDFs written` };
  return { seconds: s };
}

const verdict = (ok) => (ok ? "met" : "NOT met");
/** The median of the rounds' own ratios a[i] / b[i] (each pair ran in the same round), over the rounds that have both. */
const pairedRatio = (a, b) => median(a.flatMap((x, i) => (x !== undefined && b[i] !== undefined ? [x / b[i]] : [])));

try {
  const load = loadavg()[0];
  const input = join(work, "assessments");
  generate(input, count);
  const floor = await floorRunner(input);
  const installed = peers ? installMdToPdf() : undefined;
  const perCall = 10;

  // Alternating rounds: the order rotates so no contender always runs on a warmer (or busier) machine.
  const runs = { build: [], floor: [], peer: [] };
  /** Per round, so ratios pair runs of the same round (undefined where a run failed or was not made). */
  const byRound = { build: [], floor: [], peer: [] };
  let peerFailure;
  let lastOut;
  for (let i = 0; i < rounds; i++) {
    const steps = ["build", "floor", "peer"];
    for (let k = 0; k < i % steps.length; k++) steps.push(steps.shift());
    for (const step of steps) {
      if (step === "build") {
        if (lastOut) rmSync(lastOut, { recursive: true, force: true });
        lastOut = join(work, `out-${i}`);
        runs.build.push(await build(input, lastOut, count));
        byRound.build[i] = runs.build.at(-1).seconds;
      } else if (step === "floor" && !floor.unavailable) {
        runs.floor.push(floor.run());
        byRound.floor[i] = runs.floor.at(-1).seconds;
      }
      else if (step === "peer" && installed && !installed.unavailable && !floor.unavailable) {
        // md-to-pdf needs the Markdown: from this round's build, or the previous one.
        const mdDir = lastOut ?? join(work, "md");
        if (!lastOut) {
          mkdirSync(mdDir);
          spawnSync(process.execPath, [join(root, "bin", "yardstick.js"), "build", "--format", "md", "--as-of", AS_OF, ...quiet, input, "--out", mdDir]);
        }
        const r = runMdToPdf(installed.cli, mdDir, floor.browser, perCall);
        if (r.seconds !== undefined) {
          runs.peer.push(r.seconds);
          byRound.peer[i] = r.seconds;
        }
        else peerFailure = `round ${i + 1}: ${r.failed}`;
      }
    }
  }

  // 200 briefs: peak memory of a full build, then a rebuild with nothing changed.
  let big;
  if (!flag("--no-big")) {
    const bigInput = join(work, "assessments-200");
    generate(bigInput, bigCount);
    const out = join(work, "out-200");
    const full = await build(bigInput, out, bigCount);
    const again = await build(bigInput, out, bigCount);
    big = { full, again };
  }

  // 1,000 briefs checked and rendered to Markdown.
  let md;
  if (!flag("--no-md")) {
    const r = spawnSync(process.execPath, [join(root, "bench", "markdown-1000.js"), "1000"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const m = /in ([\d.]+) s wall/.exec(r.stdout);
    md = m ? { seconds: Number(m[1]) } : { failed: (r.stderr || r.stdout).slice(-400) };
  }

  const y = median(runs.build.map((r) => r.seconds));
  const f = runs.floor.length ? median(runs.floor.map((r) => r.seconds)) : undefined;
  const p = runs.peer.length ? median(runs.peer) : undefined;
  const row = (name, s, extra = "") => `  ${name.padEnd(60)} ${s.toFixed(2).padStart(6)} s  ${((s * 1000) / count).toFixed(0).padStart(4)} ms/brief${extra ? `  ${extra}` : ""}`;
  console.log(`ci-${count}: ${count} briefs (md + pdf), ${floor.browser ? `${floor.browser.source} ${floor.browser.path}` : "no browser"}, ${availableParallelism()} cores (load average ${load.toFixed(1)} at the start: shared machine, read the ratios), ${rounds} alternating rounds, medians, each a separate process, launch included`);
  console.log(row("yardstick build --format md,pdf (fresh out/)", y, `peak memory ${mb(median(runs.build.map((r) => r.memory.pssKb)))} PSS, ${mb(median(runs.build.map((r) => r.memory.rssKb)))} RSS (whole tree)`));
  if (f !== undefined) console.log(row("bare puppeteer floor (fonts installed once, 2 pages)", f));
  else console.log(`  bare puppeteer floor: unavailable (${floor.unavailable})`);
  if (p !== undefined) console.log(row(`md-to-pdf ${installed.version} (${Math.ceil(count / perCall)} calls × ${perCall} files, one after the other)`, p));
  else if (installed?.unavailable) console.log(`  md-to-pdf: unavailable (${installed.unavailable})`);
  if (peerFailure) console.log(`  md-to-pdf: a run failed (${peerFailure.split("\n").find((l) => /error|timed out|exit|round/i.test(l))?.trim().slice(0, 160) ?? "see its output"})`);
  else if (!peers) console.log("  md-to-pdf: not run (add --peers)");
  if (big) {
    console.log(`  ${bigCount} briefs: full build ${big.full.seconds.toFixed(2)} s, peak memory ${mb(big.full.memory.pssKb)} PSS / ${mb(big.full.memory.rssKb)} RSS over ${big.full.memory.processes} processes; nothing changed ${big.again.seconds.toFixed(2)} s`);
  }
  if (md) console.log(md.seconds !== undefined ? `  1,000 briefs check + Markdown: ${md.seconds.toFixed(2)} s` : `  1,000 briefs check + Markdown: failed (${md.failed})`);
  console.log("  targets:");
  if (p !== undefined) console.log(`    md-to-pdf / yardstick          ${(p / y).toFixed(2)}×  (target ≥ 4×: ${verdict(p / y >= 4)}; round by round ${pairedRatio(byRound.peer, byRound.build).toFixed(2)}×)`);
  if (f !== undefined) console.log(`    yardstick / fonts-once floor   ${(y / f).toFixed(2)}×  (target ≤ 1.15×: ${verdict(y / f <= 1.15)}; round by round ${pairedRatio(byRound.build, byRound.floor).toFixed(2)}×)`);
  if (big) console.log(`    no-change rebuild of ${bigCount}       ${((big.again.seconds / big.full.seconds) * 100).toFixed(1)} % of the full build  (target < 10 %: ${verdict(big.again.seconds / big.full.seconds < 0.1)})`);
  if (big) {
    const at50 = median(runs.build.map((r) => r.memory.pssKb));
    const growth = big.full.memory.pssKb / at50;
    console.log(`    peak memory, ${bigCount} vs ${count} briefs    ${mb(big.full.memory.pssKb)} vs ${mb(at50)} PSS = ${growth.toFixed(2)}×  (target ≤ 1.25×, flat: ${verdict(growth <= 1.25)})`);
  }
  if (md?.seconds !== undefined) console.log(`    1,000 check + Markdown         ${md.seconds.toFixed(2)} s  (target < 5 s: ${verdict(md.seconds < 5)})`);
  console.log(`  load average at the end ${loadavg()[0].toFixed(1)}`);
  console.log(`  rounds: build ${runs.build.map((r) => r.seconds.toFixed(2)).join(", ")} s${runs.floor.length ? `; floor ${runs.floor.map((r) => r.seconds.toFixed(2)).join(", ")} s` : ""}${runs.peer.length ? `; md-to-pdf ${runs.peer.map((s) => s.toFixed(2)).join(", ")} s` : ""}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
