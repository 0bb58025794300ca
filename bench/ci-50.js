#!/usr/bin/env node
// CI at scale: N generated briefs (default 50) through the whole CLI, side by side in one run:
//   1. `yardstick build --format md,pdf` into a fresh output folder (separate process, wall clock);
//   2. the same command again with nothing changed (same folder: every brief is up to date);
//   3. the same command after editing one assessment;
//   4. the bare puppeteer floor on yardstick's own print HTML for the same briefs (one browser,
//      2 pages, setContent + page.pdf, launch included; the floor code of bench/pdf-50.js);
//   5. with --peers: md-to-pdf 5 on the same briefs' Markdown, installed on demand into a temporary
//      folder (never a dependency of the project; no browser download: it is pointed at the same
//      browser), in its best mode: two calls of 25 files (one call with 50 times out).
// Medians of 3 rounds (1 for the peer, which is slow). Prints times and ratios:
// targets: full build ≤ 1.3× the floor; ≥ 3× faster than md-to-pdf; no-change rebuild < 10 % of full.
// Usage: node bench/ci-50.js [--count N] [--rounds R] [--peers] [--fresh-peers]   (run `npm run build` first)
//        (`npm run bench -- --peers` passes --peers through bench/run.js as YARDSTICK_BENCH_FLAGS)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

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
const peers = flag("--peers") || process.env.BENCH_PEERS === "1";
const AS_OF = "2023-01-01";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (started) => Number(process.hrtime.bigint() - started) / 1e9;

const work = mkdtempSync(join(tmpdir(), "yardstick-bench-ci-"));
const input = join(work, "assessments");
mkdirSync(input);

function generate() {
  const template = readFileSync(join(root, "assessments", "isk-2022-07.yaml"), "utf8");
  for (let i = 0; i < count; i++) {
    const id = `bench-${String(i).padStart(3, "0")}`;
    let text = template.replace(/^id: .*$/m, `id: ${id}`).replace(/^title: .*$/m, `title: Benchmark brief ${i}`);
    text = text.replace(/^(    likelihood: .*)$/gm, "$1\n    confidence: moderate");
    text = text.replace("posh Middle Eastern hotels", `posh Middle Eastern hotels (case ${i})`);
    writeFileSync(join(input, `${id}.yaml`), text);
  }
}

const buildHelp = spawnSync(process.execPath, [join(root, "bin", "yardstick.js"), "build", "--help"], { encoding: "utf8" }).stdout;
const quiet = buildHelp.includes("--quiet") ? ["--quiet"] : [];

/** `yardstick build --format md,pdf` as CI runs it, in its own process. */
function build(out, extra = []) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, "bin", "yardstick.js"), "build", "--format", "md,pdf", "--as-of", AS_OF, "--report", "json", ...quiet, input, "--out", out, ...extra], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CI: "true" },
  });
  const s = seconds(started);
  const pdfs = readdirSync(out).filter((f) => f.endsWith(".pdf"));
  if (r.status !== 0 || pdfs.length !== count) throw new Error(`build failed: exit ${r.status}, ${pdfs.length} of ${count} PDFs\n${r.stderr.slice(-1500)}`);
  return { seconds: s, bytes: pdfs.reduce((n, f) => n + statSync(join(out, f)).size, 0) };
}

const mtimes = (out) => new Map(readdirSync(out).map((f) => [f, statSync(join(out, f)).mtimeMs]));

/** The floor of bench/pdf-50.js, on yardstick's own print HTML for the same briefs. */
async function floorRunner() {
  const floorScript = join(root, "bench", "pdf-50.js");
  if (!existsSync(floorScript) || !readFileSync(floorScript, "utf8").includes("--floor")) return { unavailable: "bench/pdf-50.js has no --floor mode" };
  const { checkFiles } = await import(dist("project/check.js"));
  const { toBrief } = await import(dist("brief/to-brief.js"));
  const { renderPrintParts } = await import(dist("render/html/render.js"));
  const { findBrowser } = await import(dist("render/pdf/browser.js"));
  const files = readdirSync(input).sort().map((f) => join(input, f));
  const checked = checkFiles(files, { asOf: AS_OF });
  const parts = checked.files.map((c) => renderPrintParts(toBrief(c.assessment, c.config)));
  const search = await findBrowser({});
  if (!search.found) return { unavailable: "no browser found (run `yardstick doctor`)" };
  const isRoot = process.getuid?.() === 0;
  const args = [...search.found.args, ...(isRoot ? ["--no-sandbox"] : [])];
  const partsFile = join(work, "parts.json");
  writeFileSync(partsFile, JSON.stringify({ parts, browser: search.found.path, args, headless: search.found.headless }));
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
  const version = JSON.parse(readFileSync(join(prefix, "node_modules", "md-to-pdf", "package.json"), "utf8")).version;
  return { cli, version };
}

/** md-to-pdf on the briefs' Markdown, in calls of `perCall` files, run one after the other or at once. */
function runMdToPdf(cli, mdDir, browser, perCall, parallel) {
  const dir = mkdtempSync(join(work, "peer-"));
  const files = readdirSync(mdDir).filter((f) => f.endsWith(".md")).sort();
  for (const f of files) cpSync(join(mdDir, f), join(dir, f));
  const isRoot = process.getuid?.() === 0;
  const launch = JSON.stringify({ executablePath: browser.path, args: [...browser.args, ...(isRoot ? ["--no-sandbox"] : [])], headless: browser.headless ?? true });
  const pdfOptions = JSON.stringify({ format: "A4", printBackground: true, margin: { top: "20mm", bottom: "24mm", left: "18mm", right: "18mm" } });
  const calls = [];
  for (let i = 0; i < files.length; i += perCall) calls.push(files.slice(i, i + perCall));
  const argsFor = (batch) => [cli, ...batch, "--launch-options", launch, "--pdf-options", pdfOptions];
  const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "1", PUPPETEER_EXECUTABLE_PATH: browser.path };
  const started = process.hrtime.bigint();
  if (parallel) {
    // Each call in its own process, all at once; wait for every one.
    const script = `
      const { spawn } = require("node:child_process");
      const calls = ${JSON.stringify(calls.map(argsFor))};
      let failed = 0, left = calls.length;
      for (const args of calls) {
        const c = spawn(process.execPath, args, { cwd: ${JSON.stringify(dir)}, stdio: ["ignore", "ignore", "inherit"], env: process.env });
        const t = setTimeout(() => c.kill("SIGKILL"), 180000);
        c.on("exit", (code) => { clearTimeout(t); if (code !== 0) failed++; if (--left === 0) process.exit(failed ? 1 : 0); });
      }`;
    const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env });
    if (r.status !== 0) return { failed: `exit ${r.status}: ${r.stderr.slice(-400)}` };
  } else {
    for (const batch of calls) {
      const r = spawnSync(process.execPath, argsFor(batch), { cwd: dir, encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 });
      if (r.status !== 0) return { failed: r.error?.code === "ETIMEDOUT" ? "timed out after 180 s" : `exit ${r.status}: ${r.stderr.slice(-400)}` };
    }
  }
  const s = seconds(started);
  const pdfs = readdirSync(dir).filter((f) => f.endsWith(".pdf"));
  if (pdfs.length !== files.length) return { failed: `${pdfs.length} of ${files.length} PDFs written` };
  return { seconds: s, bytes: pdfs.reduce((n, f) => n + statSync(join(dir, f)).size, 0) };
}

try {
  generate();
  const floor = await floorRunner();

  const full = [];
  const again = [];
  const floors = [];
  let lastOut;
  let rewritten = 0;
  for (let i = 0; i < rounds; i++) {
    if (lastOut) rmSync(lastOut, { recursive: true, force: true });
    lastOut = join(work, `out-${i}`);
    if (!floor.unavailable) floors.push(floor.run());
    full.push(build(lastOut));
    const before = mtimes(lastOut);
    again.push(build(lastOut));
    const after = mtimes(lastOut);
    rewritten = [...before].filter(([f, t]) => f.endsWith(".pdf") && after.get(f) !== t).length;
  }
  // One assessment edited: one brief rendered, the rest kept.
  const edited = join(input, `bench-${String(Math.min(7, count - 1)).padStart(3, "0")}.yaml`);
  writeFileSync(edited, readFileSync(edited, "utf8").replace("posh Middle Eastern hotels", "posh hotels in the Middle East"));
  const beforeOne = mtimes(lastOut);
  const one = build(lastOut);
  const afterOne = mtimes(lastOut);
  const rewrittenOne = [...beforeOne].filter(([f, t]) => f.endsWith(".pdf") && afterOne.get(f) !== t).map(([f]) => f);

  let peer;
  if (peers) {
    const installed = installMdToPdf();
    if (installed.unavailable) peer = { unavailable: installed.unavailable };
    else if (floor.unavailable) peer = { unavailable: "no browser to point it at" };
    else {
      const perCall = Math.ceil(count / 2);
      const sequential = runMdToPdf(installed.cli, lastOut, floor.browser, perCall, false);
      const parallel = runMdToPdf(installed.cli, lastOut, floor.browser, perCall, true);
      const modes = [
        { name: `2 calls × ${perCall} files, one after the other`, ...sequential },
        { name: `2 calls × ${perCall} files, at the same time`, ...parallel },
      ];
      const ok = modes.filter((m) => m.seconds !== undefined);
      peer = { version: installed.version, modes, best: ok.sort((a, b) => a.seconds - b.seconds)[0] };
    }
  }

  const f = floors.length > 0 ? median(floors.map((x) => x.seconds)) : undefined;
  const y = median(full.map((x) => x.seconds));
  const n = median(again.map((x) => x.seconds));
  const row = (name, s, extra = "") => `  ${name.padEnd(56)} ${s.toFixed(2).padStart(6)} s  ${((s * 1000) / count).toFixed(0).padStart(4)} ms/brief  ${(count / s).toFixed(1).padStart(5)} briefs/s${extra ? `  ${extra}` : ""}`;
  console.log(`ci-${count}: ${count} briefs (md + pdf), ${floor.browser ? `${floor.browser.source} ${floor.browser.path}` : "no browser"}, ${availableParallelism()} cores, median of ${rounds} rounds, each a separate process, launch included`);
  console.log(row("yardstick build (full, fresh out/)", y));
  console.log(row("yardstick build (nothing changed, same out/)", n, `${((n / y) * 100).toFixed(1)} % of full (target < 10 %); ${rewritten} PDFs rewritten`));
  console.log(row("yardstick build (1 assessment edited)", one.seconds, `${((one.seconds / y) * 100).toFixed(1)} % of full; rewritten: ${rewrittenOne.length > 3 ? `${rewrittenOne.length} PDFs` : rewrittenOne.join(", ") || "none"}`));
  if (f !== undefined) console.log(row("bare puppeteer floor (1 browser, 2 pages, same HTML)", f));
  else console.log(`  bare puppeteer floor: unavailable (${floor.unavailable})`);
  if (peer?.modes) {
    for (const m of peer.modes) {
      if (m.seconds !== undefined) console.log(row(`md-to-pdf ${peer.version}, ${m.name}`, m.seconds));
      else console.log(`  md-to-pdf ${peer.version}, ${m.name}: failed (${m.failed.split("\n").find((l) => /error|timed out|exit/i.test(l))?.trim().slice(0, 160) ?? "see its output"})`);
    }
  } else if (peer) console.log(`  md-to-pdf: unavailable (${peer.unavailable})`);
  else console.log("  md-to-pdf: not run (add --peers)");
  console.log("  ratios:");
  if (f !== undefined) console.log(`    full build / floor             ${(y / f).toFixed(2)}×  (target ≤ 1.3×)`);
  console.log(`    no-change rebuild / full build ${((n / y) * 100).toFixed(1)} %  (target < 10 %)`);
  if (peer?.best) console.log(`    md-to-pdf (best mode) / build  ${(peer.best.seconds / y).toFixed(2)}×  yardstick is ${(peer.best.seconds / y).toFixed(1)}× faster (target ≥ 3×)`);
  if (peer?.best && f !== undefined) console.log(`    md-to-pdf (best mode) / floor  ${(peer.best.seconds / f).toFixed(2)}×  (the most any build on this browser could reach)`);
  console.log(`  rounds: full ${full.map((x) => x.seconds.toFixed(2)).join(", ")} s; unchanged ${again.map((x) => x.seconds.toFixed(2)).join(", ")} s${floors.length ? `; floor ${floors.map((x) => x.seconds.toFixed(2)).join(", ")} s` : ""}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
