#!/usr/bin/env node
// Runs benchmark scripts in sequence: the ones named on the command line, or every
// bench/*.js except this runner. Each script prints its own figures.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// Flags (`--peers`) go to the scripts through YARDSTICK_BENCH_FLAGS, so positional arguments stay script names.
const named = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const flags = process.argv.slice(2).filter((a) => a.startsWith("--"));
const scripts = (named.length > 0 ? named.map((n) => resolve(n.endsWith(".js") ? n : join(here, `${n}.js`))) : readdirSync(here).filter((f) => f.endsWith(".js") && f !== "run.js").sort().map((f) => join(here, f)));
let failed = 0;
for (const script of scripts) {
  console.log(`\n▶ ${basename(script)}`);
  const r = spawnSync(process.execPath, [script], { stdio: "inherit", env: flags.length > 0 ? { ...process.env, YARDSTICK_BENCH_FLAGS: flags.join(" ") } : process.env });
  if (r.status !== 0) {
    failed += 1;
    console.log(`✖ ${basename(script)} exited with ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
