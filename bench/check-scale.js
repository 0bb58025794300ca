#!/usr/bin/env node
// How checking and reporting grow with the size of the input, in one process (no start-up):
// a file with 10k / 50k / 100k unknown keys (the 100k case is a 1 MB file), and files that
// produce 3k / 6k / 12k warnings, printed by the human reporter; then the loader on valid files
// doubling in size. Linear growth shows as a time ratio close to the size ratio (×2 or ×5);
// quadratic growth as its square. Run after `npm run build`: node bench/check-scale.js
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(join(root, "dist/project/check.js"))) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(2);
}
const load = (p) => import(pathToFileURL(join(root, "dist", p)).href);
const { checkText } = await load("project/check.js");
const { defaultConfig } = await load("config/load.js");
const { formatHuman } = await load("diagnostics/reporter.js");
const config = defaultConfig(root);

const HEAD = "yardstick: 1\nid: scale\ntitle: Scale\ncutoff: 2022-07-09\nsummary: A summary.\n";
const ONE_JUDGMENT = "judgments:\n  - id: a\n    likelihood: likely\n    statement: Attacks will continue.\n";

function unknownKeys(n) {
  let body = "";
  for (let i = 0; i < n; i++) body += `k${i.toString(36)}: 1\n`;
  return HEAD + ONE_JUDGMENT + body;
}

/** Judgments that each give three warnings (a hedge, no confidence, no evidence). */
function warnings(n) {
  const judgments = n / 3;
  let body = "judgments:\n";
  for (let i = 0; i < judgments; i++) body += `  - id: j${i}\n    likelihood: likely\n    statement: Attacks may rise in district ${i}.\n`;
  return HEAD + body;
}

/** Valid judgments with evidence and sources. */
function valid(n) {
  let body = "judgments:\n";
  for (let i = 0; i < n; i++) body += `  - id: j${i}\n    likelihood: likely\n    statement: Attacks will rise in district ${i}.\n    confidence: moderate\n    horizon: 12 months\n    evidence:\n      - text: Report ${i}.\n        source: s${i}\n`;
  body += "sources:\n";
  for (let i = 0; i < n; i++) body += `  - id: s${i}\n    title: Source ${i}\n    reliability: B\n    credibility: 2\n`;
  return HEAD + body;
}

function time(fn) {
  fn(); // warm
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    fn();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return runs.sort((a, b) => a - b)[1];
}

function series(title, sizes, make, measure) {
  console.log(`\n${title}`);
  let previous;
  for (const n of sizes) {
    const text = make(n);
    const { ms, note } = measure(text);
    const ratio = previous ? `  size ×${(n / previous.n).toFixed(1)} → time ×${(ms / previous.ms).toFixed(2)}` : "";
    console.log(`  ${String(n).padStart(7)}  ${(text.length / 1024).toFixed(0).padStart(5)} KiB  ${ms.toFixed(0).padStart(6)} ms  ${note}${ratio}`);
    previous = { n, ms };
  }
}

series("check, unknown keys", [10_000, 50_000, 100_000], unknownKeys, (text) => {
  let count = 0;
  const ms = time(() => {
    count = checkText(text, "keys.yaml", config, { asOf: "2023-01-01" }).diagnostics.length;
  });
  return { ms, note: `${count} diagnostics` };
});

series("human report, warnings", [3_000, 6_000, 12_000], warnings, (text) => {
  const diagnostics = checkText(text, "warnings.yaml", config, { asOf: "2023-01-01" }).diagnostics;
  const ms = time(() => formatHuman(diagnostics, { sourceOf: () => text, fileCount: 1 }));
  return { ms, note: `${diagnostics.filter((d) => d.severity === "warning").length} warnings` };
});

series("check, valid judgments (size doubling)", [250, 500, 1_000, 2_000], valid, (text) => {
  let count = 0;
  const ms = time(() => {
    count = checkText(text, "valid.yaml", config, { asOf: "2023-01-01" }).diagnostics.length;
  });
  return { ms, note: `${count} diagnostics` };
});
