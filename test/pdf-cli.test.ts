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

describe("build starts the browser first and never leaves one behind", () => {
  /** Browser processes whose profile lives under `marker` (the run's own TMPDIR), and those profiles. */
  const browsersUnder = (marker: string, profiles?: Set<string>): number[] => {
    const out: number[] = [];
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const cmdline = readFileSync(`/proc/${name}/cmdline`, "latin1");
        if (!cmdline.includes(marker)) continue;
        out.push(Number(name));
        const profile = /--user-data-dir=([^\0\s]+)/.exec(cmdline)?.[1];
        if (profile) profiles?.add(profile);
      } catch {
        // Gone meanwhile.
      }
    }
    return out;
  };

  /**
   * Runs the compiled CLI with a TMPDIR of its own, watching for a browser under it; `signal` is
   * sent once that browser is seen. Returns the exit code, whether a browser was seen, and the
   * browsers still alive a moment after the CLI exited.
   */
  /** Runs the CLI with its own TMPDIR, watching for browsers under it; "OUT" in `args` is `out` (default: a new folder). */
  async function watched(args: string[], signal?: NodeJS.Signals, out?: string) {
    const { spawn } = await import("node:child_process");
    const { mkdirSync } = await import("node:fs");
    const dir = mkdtempSync(join(tmpdir(), "ys-preopen-"));
    dirs.push(dir);
    const tmp = join(dir, "tmp");
    mkdirSync(tmp);
    const outDir = out ?? join(dir, "out");
    const child = spawn(process.execPath, [join(ROOT, "bin", "yardstick.js"), ...args.map((a) => a.replace("OUT", outDir))], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp, CI: "true" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    let seen = false;
    let sent = false;
    const launched = new Set<string>();
    const poll = setInterval(() => {
      if (browsersUnder(tmp, launched).length === 0) return;
      seen = true;
      if (signal && !sent) {
        sent = true;
        child.kill(signal);
      }
    }, 20);
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    clearInterval(poll);
    let left = browsersUnder(tmp);
    for (let i = 0; i < 20 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = browsersUnder(tmp);
    }
    for (const pid of left) process.kill(pid, "SIGKILL");
    return { code, seen, launched: launched.size, left, stdout, stderr, outDir, profiles: readdirSync(tmp).filter((f) => f.startsWith("yardstick-chromium-")) };
  }

  const ONE = "assessments/isk-2022-07.yaml";

  it("when nothing is left to print: the browser started first is stopped, not waited for", async () => {
    const first = await watched(["build", ONE, "--format", "md,pdf", "--as-of", "2023-01-01", "--out", "OUT"]);
    expect(first.code, first.stderr).toBe(0);
    // The build printed with the browser started first: one browser, not a second one.
    expect(first.launched).toBe(1);
    expect(first.left).toEqual([]);
    // Everything is up to date: the build prints nothing, so the browser it started first is
    // stopped (its launch aborted if still in progress, so it may not even have appeared).
    const again = await watched(["build", ONE, "--format", "md,pdf", "--as-of", "2023-01-01", "--out", "OUT", "--report", "json"], undefined, first.outDir);
    expect(again.code, again.stderr).toBe(0);
    // It really had nothing to print: both outputs kept as they were.
    const summary = (JSON.parse(again.stdout) as { summary: { unchanged: number; written: Record<string, number>; kept: Record<string, number> } }).summary;
    expect(summary).toMatchObject({ unchanged: 1, written: { md: 0, pdf: 0 }, kept: { md: 1, pdf: 1 } });
    expect(again.left).toEqual([]);
    expect(again.profiles).toEqual([]);
  });

  it("when every file has errors", async () => {
    const r = await watched(["build", "test/fixtures/invalid", "--format", "pdf", "--out", "OUT"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.left).toEqual([]);
    expect(r.profiles).toEqual([]);
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("on %s while the browser starts", async (signal, exit) => {
    const r = await watched(["build", ONE, "--format", "md,pdf", "--as-of", "2023-01-01", "--out", "OUT"], signal);
    expect(r.seen).toBe(true);
    expect(r.code, r.stderr).toBe(exit);
    expect(r.left).toEqual([]);
    expect(r.profiles).toEqual([]);
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
