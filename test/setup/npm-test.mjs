#!/usr/bin/env node
/**
 * `npm test`: the type check (`tsc --noEmit`, incremental) and `vitest run` side by side instead
 * of one after the other. The type check runs at a lower priority, on what the tests leave idle
 * (they wait on Chromium and child processes much of the time); its output is printed after the
 * tests' summary. The exit code is non-zero when either fails. Arguments go to vitest
 * (`npm test -- --reporter=json …`).
 */
import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const bin = (pkg, file) => join(ROOT, "node_modules", pkg, file);

const tscArgs = ["-p", "tsconfig.json", "--noEmit", "--incremental", "--tsBuildInfoFile", "node_modules/.cache/yardstick/typecheck.tsbuildinfo", "--pretty"];
const tsc = spawn(process.execPath, [bin("typescript", "bin/tsc"), ...tscArgs], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
try {
  setPriority(tsc.pid, 10);
} catch {
  // Not allowed here: it runs at the same priority.
}
let typeErrors = "";
tsc.stdout.on("data", (d) => (typeErrors += d));
tsc.stderr.on("data", (d) => (typeErrors += d));
const typecheck = new Promise((done) => tsc.on("close", (code, signal) => done(code ?? (signal ? 1 : 0))));

const vitest = spawn(process.execPath, [bin("vitest", "vitest.mjs"), "run", ...process.argv.slice(2)], { cwd: ROOT, stdio: "inherit" });
const tests = new Promise((done) => vitest.on("close", (code, signal) => done(code ?? (signal ? 1 : 0))));

// Ctrl-C reaches both children (same process group); a SIGTERM sent to this process alone is
// passed on. Either way this process waits for them to end.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => {
  tsc.kill("SIGTERM");
  vitest.kill("SIGTERM");
});

const [testCode, typeCode] = await Promise.all([tests, typecheck]);
if (typeCode === 0) {
  process.stdout.write("\ntype check (tsc -p tsconfig.json --noEmit): no errors\n");
} else {
  process.stdout.write(`\ntype check (tsc -p tsconfig.json --noEmit) failed:\n${typeErrors}\n`);
}
process.exitCode = testCode !== 0 ? testCode : typeCode;
