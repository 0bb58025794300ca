#!/usr/bin/env node
// Generates 1,000 assessments the size of the short seed brief (3 judgments, 14 sourced
// evidence items, 2-paragraph summary) and times `yardstick build --format md` on them,
// wall clock, as a separate process. Target: under 5 s on a 2-core machine.
// Usage: node bench/markdown-1000.js [count] [--jobs N]   (run `npm run build` first; without
// --jobs the CLI picks its default: one thread per core for 200+ files, each checking its share
// and rendering its Markdown)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const jobsAt = args.indexOf("--jobs");
const jobs = jobsAt >= 0 ? ["--jobs", args.splice(jobsAt, 2)[1]] : [];
const count = Number(args[0] ?? 1000);
const template = readFileSync(join(root, "assessments", "isk-2022-07.yaml"), "utf8");
const work = mkdtempSync(join(tmpdir(), "yardstick-bench-"));
const input = join(work, "assessments");
const out = join(work, "out");
try {
  spawnSync("mkdir", ["-p", input]);
  for (let i = 0; i < count; i++) {
    const id = `bench-${String(i).padStart(4, "0")}`;
    // Vary the text a little so no layer can cache across files; every 10th file uses Markdown.
    let text = template.replace(/^id: .*$/m, `id: ${id}`).replace(/^title: .*$/m, `title: Benchmark brief ${i}`);
    // Confidence stated, as analysts are asked to: the run then reports few warnings.
    text = text.replace(/^(    likelihood: .*)$/gm, "$1\n    confidence: moderate");
    text = text.replace("posh Middle Eastern hotels", i % 10 === 0 ? `*posh* Middle Eastern hotels (case ${i})` : `posh Middle Eastern hotels (case ${i})`);
    writeFileSync(join(input, `${id}.yaml`), text);
  }
  // CPU time of finished children (Linux /proc), so a busy machine's wall figure can be read in context.
  const childCpu = () => {
    try {
      const fields = readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /, "").split(" ");
      return (Number(fields[13]) + Number(fields[14])) / 100;
    } catch {
      return NaN;
    }
  };
  const cpuBefore = childCpu();
  const load = loadavg()[0];
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(root, "bin", "yardstick.js"), "build", "--format", "md", "--as-of", "2023-01-01", ...jobs, input, "--out", out], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = childCpu() - cpuBefore;
  const written = readdirSync(out).filter((f) => f.endsWith(".md")).length;
  if (r.status !== 0 || written !== count) {
    console.log(r.stdout.slice(-2000), r.stderr.slice(-2000));
    throw new Error(`build failed: exit ${r.status}, ${written} of ${count} briefs written`);
  }
  const warnings = (r.stdout.match(/ warning /g) ?? []).length;
  console.log(`markdown-1000: ${count} assessments checked and rendered to Markdown in ${seconds.toFixed(2)} s wall (${((seconds * 1000) / count).toFixed(2)} ms each; ${cpus().length} cores; ${jobs.length > 0 ? `--jobs ${jobs[1]}; ` : ""}target < 5 s for 1,000: ${count !== 1000 ? "n/a" : seconds < 5 ? "met" : "not met"}; ${warnings} warnings printed)`);
  console.log(`  CPU ${Number.isNaN(cpu) ? "n/a" : `${cpu.toFixed(2)} s`} (user+sys, all threads); load average before the run ${load.toFixed(2)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
