import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIO } from "../src/cli/context.js";
import { run } from "../src/cli/main.js";

const ROOT = join(import.meta.dirname, "..");

function fakeIO(cwd: string, env: Record<string, string | undefined> = {}): CliIO & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    cwd,
    env,
    isTTY: false,
  };
  return io;
}

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("build without a working browser", () => {
  it("still writes the Markdown, reports the missing browser once with the fix, and exits 2", async () => {
    const out = tempDir("ys-nobrowser-");
    const io = fakeIO(ROOT, { YARDSTICK_BROWSER: "/nonexistent/chrome" });
    const code = await run(["build", "assessments", "--as-of", "2023-01-01", "--out", out], io);
    expect(code, io.out + io.err).toBe(2);
    expect(existsSync(join(out, "isk-2022-07.md"))).toBe(true);
    expect(existsSync(join(out, "afghanistan-threats-2022-12.md"))).toBe(true);
    expect(existsSync(join(out, "isk-2022-07.pdf"))).toBe(false);
    const text = io.out + io.err;
    expect(text.match(/renderer-unavailable/g)?.length).toBe(1);
    expect(text).toContain("/nonexistent/chrome");
    expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });
});

describe("editions", () => {
  const v2 = readFileSync(join(ROOT, "test/fixtures/diff/isk-2022-07-v2.yaml"), "utf8")
    .replace(/^id: isk-2022-07$/m, "id: isk-2022-12")
    .replace(/^supersedes: .*$/m, "")
    .replace(/^title:/m, "supersedes: isk-2022-07\ntitle:");

  it("puts a 'Changes since the previous edition' section in the brief of the new edition only", async () => {
    const dir = tempDir("ys-editions-");
    copyFileSync(join(ROOT, "assessments/isk-2022-07.yaml"), join(dir, "isk-2022-07.yaml"));
    writeFileSync(join(dir, "isk-2022-12.yaml"), v2);
    const io = fakeIO(dir);
    const code = await run(["build", ".", "--format", "md", "--as-of", "2023-01-05", "--out", "out"], io);
    expect(code, io.out + io.err).toBe(0);
    const md = readFileSync(join(dir, "out/isk-2022-12.md"), "utf8");
    expect(md).toContain("## Changes since the previous edition");
    expect(md).toMatch(/highly likely \(80–90 %\) → almost certain \(≥95 %\) ▲/);
    // The brief spells it as its labels do ("Intelligence cut-off").
    expect(md).toMatch(/cut-off 09\/07\/22 → 30\/12\/22/);
    expect(readFileSync(join(dir, "out/isk-2022-07.md"), "utf8")).not.toContain("Changes since");
  });

  it("warns at `supersedes` when the previous edition cannot be found, and still builds", async () => {
    const dir = tempDir("ys-editions-missing-");
    writeFileSync(join(dir, "isk-2022-12.yaml"), v2);
    const io = fakeIO(dir);
    const code = await run(["build", ".", "--format", "md", "--as-of", "2023-01-05", "--out", "out", "--report", "json"], io);
    expect(code, io.out + io.err).toBe(0);
    const report = JSON.parse(io.out.slice(0, io.out.lastIndexOf("}") + 1)) as { diagnostics: Array<{ ruleId: string; line: number }> };
    const line = v2.split("\n").findIndex((l) => l.startsWith("supersedes:")) + 1;
    expect(report.diagnostics.find((d) => d.ruleId === "supersedes-not-found")?.line).toBe(line);
    expect(readFileSync(join(dir, "out/isk-2022-12.md"), "utf8")).not.toContain("Changes since");
  });
});
