#!/usr/bin/env node
// Writes docs/rules.md and docs/codes.md from the compiled rules and code catalogue (run `npm run build` first; `npm run docs` does both).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const { renderRulesDoc, RULES_DOC_PATH } = await import(new URL("../dist/lint/docs.js", import.meta.url).href);
const { renderCodesDoc, CODES_DOC_PATH } = await import(new URL("../dist/check/codes-doc.js", import.meta.url).href);
for (const [path, text] of [
  [RULES_DOC_PATH, renderRulesDoc()],
  [CODES_DOC_PATH, renderCodesDoc()],
]) {
  writeFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), text);
  process.stdout.write(`wrote ${path}\n`);
}
