#!/usr/bin/env node
// Where a PDF build's time goes, in one process, the way `yardstick build --format md,pdf` works:
// the browser opened first (puppeteer import, fonts, launch) while the files are checked and
// rendered to Markdown; then each brief's print HTML, setContent, the clipping probe, the print,
// reading the PDF back, the finalize step (metadata + accessibility, appended update) and the write,
// two pages at a time; then closing. Prints each phase's wall time from process start and each
// step's median and total per brief, beside the bare floor's steps (setContent + page.pdf).
// Usage: node bench/pdf-phases.js [count]   (run `npm run build` first)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(join(root, "dist", p)).href;
const count = Number(process.argv[2] ?? 50);
const now = () => performance.now();
const marks = [];
const mark = (what) => marks.push([what, now()]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const work = mkdtempSync(join(tmpdir(), "yardstick-bench-phases-"));
const input = join(work, "assessments");
const out = join(work, "out");
mkdirSync(input);
mkdirSync(out);
const template = readFileSync(join(root, "assessments", "isk-2022-07.yaml"), "utf8");
for (let i = 0; i < count; i++) {
  const id = `bench-${String(i).padStart(4, "0")}`;
  let text = template.replace(/^id: .*$/m, `id: ${id}`).replace(/^title: .*$/m, `title: Benchmark brief ${i}`);
  text = text.replace(/^(    likelihood: .*)$/gm, "$1\n    confidence: moderate");
  writeFileSync(join(input, `${id}.yaml`), text.replace("posh Middle Eastern hotels", `posh Middle Eastern hotels (case ${i})`));
}
mark("briefs generated");

const steps = new Map();
const onStep = (step, ms) => {
  if (!steps.has(step)) steps.set(step, []);
  steps.get(step).push(ms);
};
try {
  // The browser first, as the CLI's preopen does.
  const sessionReady = import(dist("render/pdf/session.js")).then(({ openPdfSession }) => openPdfSession({ jobs: 2, onStep }));
  sessionReady.then(() => mark("browser ready (import + fonts + launch)"), () => undefined);
  const { checkFiles } = await import(dist("project/check.js"));
  const { toBrief } = await import(dist("brief/to-brief.js"));
  const { renderMarkdown } = await import(dist("render/markdown/stringify.js"));
  const { renderPrintParts } = await import(dist("render/html/render.js"));
  const { briefMetadata } = await import(dist("render/pdf/session.js"));
  mark("modules loaded");
  const files = Array.from({ length: count }, (_, i) => join(input, `bench-${String(i).padStart(4, "0")}.yaml`));
  const checked = checkFiles(files, { asOf: "2023-01-01" }).files;
  mark(`${checked.length} files checked`);
  const briefs = checked.map((c) => toBrief(c.assessment, c.config));
  await Promise.all(briefs.map((b) => writeFile(join(out, `${b.id}.md`), renderMarkdown(b))));
  mark("Markdown written");
  const session = await sessionReady;
  mark("session taken");
  const html = [];
  const writes = [];
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < briefs.length) {
        const brief = briefs[next++];
        let t = now();
        const parts = renderPrintParts(brief);
        html.push(now() - t);
        const r = await session.renderParts(parts, briefMetadata(brief, {}));
        t = now();
        await writeFile(join(out, `${brief.id}.pdf`), r.bytes);
        writes.push(now() - t);
      }
    }),
  );
  mark(`${briefs.length} PDFs written`);
  await session.close();
  mark("browser closed");

  console.log(`pdf-phases: ${count} briefs in one process (wall ms from process start)`);
  for (const [what, at] of marks) console.log(`  ${at.toFixed(0).padStart(6)} ms  ${what}`);
  console.log("  per brief (median / total ms):");
  const row = (name, xs) => console.log(`    ${name.padEnd(28)} ${median(xs).toFixed(2).padStart(7)} / ${xs.reduce((a, b) => a + b, 0).toFixed(0).padStart(6)}`);
  row("print HTML (templates)", html);
  for (const [step, xs] of steps) row(step, xs);
  row("write", writes);
} finally {
  rmSync(work, { recursive: true, force: true });
}
