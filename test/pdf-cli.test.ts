import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIO } from "../src/cli/context.js";
import { run } from "../src/cli/main.js";
import { FONT_FACES } from "../src/render/html/assets.js";
import { ROOT } from "./helpers/pdf-examples.js";

function fakeIO(env: Record<string, string | undefined> = {}): CliIO & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    cwd: ROOT,
    env,
    isTTY: false,
  };
  return io;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("yardstick doctor", () => {
  it("reports versions, fonts, config and the browser search, exit 0 when a browser prints", async () => {
    const io = fakeIO({});
    const code = await run(["doctor"], io);
    expect(code, io.out + io.err).toBe(0);
    expect(io.out).toMatch(/^yardstick \d+\.\d+\.\d+/);
    expect(io.out).toContain(`Node ${process.version}`);
    expect(io.out).toContain(`Fonts: ${FONT_FACES.length}/${FONT_FACES.length} bundled faces present`);
    expect(io.out).toContain("Browser search (in order):");
    expect(io.out).toMatch(/✓ Browser: .* started and printed a test page/);
  });

  it("exits 2 with the fix when the named browser does not exist", async () => {
    const io = fakeIO({});
    const code = await run(["doctor", "--browser", "/nonexistent/chrome"], io);
    expect(code).toBe(2);
    expect(io.out).toContain("✗ option");
    expect(io.out).toContain("/nonexistent/chrome — not found");
    expect(io.out).toMatch(/fix: install Chrome or Chromium/);
  });

  it("exits 2 when the browser found cannot start", async () => {
    const io = fakeIO({ YARDSTICK_BROWSER: "/bin/false" });
    const code = await run(["doctor"], io);
    expect(code).toBe(2);
    expect(io.out).toMatch(/found but not usable/);
  });
});

describe("yardstick build --format md,pdf,html", () => {
  it("writes a brief in each format, and the PDFs are byte-identical across builds", async () => {
    const outs = [0, 1].map(() => {
      const d = mkdtempSync(join(tmpdir(), "ys-build-pdf-"));
      dirs.push(d);
      return d;
    });
    for (const out of outs) {
      const io = fakeIO({});
      const code = await run(["build", "assessments", "--format", "md,pdf,html", "--as-of", "2023-01-01", "--out", out], io);
      expect(code, io.out + io.err).toBe(0);
    }
    const names = readdirSync(outs[0]!).sort();
    for (const id of ["afghanistan-threats-2022-12", "isk-2022-07"]) {
      for (const ext of ["md", "pdf", "html"]) expect(names).toContain(`${id}.${ext}`);
      const a = readFileSync(join(outs[0]!, `${id}.pdf`));
      const b = readFileSync(join(outs[1]!, `${id}.pdf`));
      expect(a.subarray(0, 5).toString()).toBe("%PDF-");
      expect(a.equals(b)).toBe(true);
      const html = readFileSync(join(outs[0]!, `${id}.html`), "utf8");
      expect(html).not.toContain("assets.yardstick.invalid");
      expect(html).toContain("data:font/woff2;base64,");
    }
  });
});

describe("check and Markdown-only builds never load the browser stack", () => {
  it.each([
    ["check", ["check", "assessments"]],
    ["build --format md", ["build", "assessments", "--format", "md", "--as-of", "2023-01-01", "--out", "OUT"]],
  ])("%s", async (_name, argv) => {
    const { spawnSync } = await import("node:child_process");
    const { writeFileSync } = await import("node:fs");
    const dir = mkdtempSync(join(tmpdir(), "ys-lazy-"));
    dirs.push(dir);
    const log = join(dir, "resolved.log");
    const hooks = join(dir, "hooks.mjs");
    writeFileSync(hooks, `import { appendFileSync } from "node:fs";\nexport async function resolve(spec, ctx, next) { appendFileSync(${JSON.stringify(log)}, spec + "\\n"); return next(spec, ctx); }\n`);
    const register = join(dir, "register.mjs");
    writeFileSync(register, `import { register } from "node:module";\nimport { pathToFileURL } from "node:url";\nregister(pathToFileURL(${JSON.stringify(hooks)}));\n`);
    const args = argv.map((a) => (a === "OUT" ? join(dir, "out") : a));
    const r = spawnSync(process.execPath, ["--import", register, join(ROOT, "bin", "yardstick.js"), ...args], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBeLessThan(2);
    const resolved = readFileSync(log, "utf8");
    expect(resolved).toContain("commands/"); // the hook saw the module graph
    expect(resolved).not.toMatch(/puppeteer|@sparticuz|pdf-lib|session\.js|launch\.js/);
  });
});
