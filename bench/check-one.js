#!/usr/bin/env node
// Wall time of `yardstick check` on one assessment, as a user runs it: a fresh `node` process
// each time (start-up, module loading, config lookup, parse, schema, rules, report).
// Target: under 300 ms. Run after `npm run build`: node bench/check-one.js [file] [runs]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "bin/yardstick.js");
const file = process.argv[2] ?? "assessments/isk-2022-07.yaml";
const runs = Number(process.argv[3] ?? 10);

if (!existsSync(join(root, "dist/cli/main.js"))) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(2);
}

const once = () => {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, "check", file], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) {
    console.error(`check exited with ${r.status}:\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  return ms;
};

const median = (xs) => {
  const t = [...xs].sort((a, b) => a - b);
  return t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
};
const bare = () => {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, ["-e", ""]);
  return Number(process.hrtime.bigint() - start) / 1e6;
};

once(); // warm the file-system cache
const times = [];
const bares = [];
// Interleave with bare `node` starts so a busy machine slows both alike.
for (let i = 0; i < runs; i++) {
  times.push(once());
  bares.push(bare());
}
times.sort((a, b) => a - b);
const m = median(times);
const b = median(bares);
console.log(`check ${file}: ${runs} runs, min ${times[0].toFixed(0)} ms, median ${m.toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms (target < 300 ms)`);
console.log(`bare \`node -e ""\` median ${b.toFixed(0)} ms; check costs ${(m - b).toFixed(0)} ms above starting node`);
