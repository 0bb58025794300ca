#!/usr/bin/env node
// Prints the digest entry of the installed @sparticuz/chromium for src/render/pdf/bundled-digests.ts
// (run `npm run build` first). Paste it into BUNDLED_DIGESTS.
const { bundledPackage, digestsFromPackage, archiveDigestsOf } = await import(new URL("../dist/render/pdf/bundled.js", import.meta.url).href);
const pkg = bundledPackage();
if (!pkg) throw new Error("@sparticuz/chromium is not installed");
const entry = { archives: await archiveDigestsOf(pkg.dir), files: await digestsFromPackage(pkg.dir) };
const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, typeof o[k] === "object" ? sorted(o[k]) : o[k]]));
process.stdout.write(`${JSON.stringify({ [pkg.version]: sorted(entry) }, null, 2)}\n`);
