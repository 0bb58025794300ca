#!/usr/bin/env node
// Writes docs/rules.md from the compiled rules (run `npm run build` first; `npm run docs` does both).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const { renderRulesDoc, RULES_DOC_PATH } = await import(new URL("../dist/lint/docs.js", import.meta.url).href);
const target = fileURLToPath(new URL(`../${RULES_DOC_PATH}`, import.meta.url));
writeFileSync(target, renderRulesDoc());
process.stdout.write(`wrote ${RULES_DOC_PATH}\n`);
