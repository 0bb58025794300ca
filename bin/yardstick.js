#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (compiled from src/ by `npm ci` through the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write("yardstick: the compiled CLI is missing (dist/). Run `npm run build` in the yardstick folder.\n");
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
