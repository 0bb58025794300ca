#!/usr/bin/env node
// Regenerates the brief page images in docs/ from the real build: builds the examples in
// assessments/ to PDF in a temporary folder (through the CLI, as a user would), then renders the
// first and last page of each with pdftoppm (poppler-utils) at 100 dpi. Run `npm run build` first.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "yardstick-pages-"));
try {
  execFileSync(process.execPath, [join(root, "bin/yardstick.js"), "build", "assessments", "--format", "pdf", "--out", out], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  for (const file of readdirSync(out).filter((f) => f.endsWith(".pdf")).sort()) {
    const id = file.replace(/\.pdf$/, "");
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [join(out, file)], { encoding: "utf8" }))?.[1] ?? 1);
    for (const page of [...new Set([1, pages])]) {
      const target = join(root, "docs", `brief-${id}-p${page}`);
      execFileSync("pdftoppm", ["-png", "-r", "100", "-f", String(page), "-l", String(page), "-singlefile", join(out, file), target]);
      process.stdout.write(`wrote docs/brief-${id}-p${page}.png\n`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
