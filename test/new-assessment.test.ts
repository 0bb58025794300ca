import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";
import { defaultConfig, parseConfig } from "../src/config/load.js";
import { checkText } from "../src/check/check.js";
import { createAssessment, newIdProblem, schemaPathFor, titleFromId, titleProblem } from "../src/project/new-assessment.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "yardstick-new-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeIO(cwd: string): CliIO & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    cwd,
    env: {},
    isTTY: false,
  };
  return io;
}

describe("new assessment ids and titles", () => {
  it("accepts kebab-case slugs and refuses paths, spaces and capitals", () => {
    expect(newIdProblem("isk-2023-01")).toBeUndefined();
    expect(newIdProblem("a")).toBeUndefined();
    for (const bad of ["../x", "a/b", "A B", "Isk", "a--b", "-a", "a-", "a.yaml", "", "a\\b", "a\u0000b", "x".repeat(81)]) {
      expect(newIdProblem(bad), bad).toBeDefined();
    }
  });

  it("refuses titles with line breaks or control characters", () => {
    expect(titleProblem("IS-K: \"next\" <year>")).toBeUndefined();
    expect(titleProblem("two\nlines")).toBeDefined();
    expect(titleProblem("   ")).toBeDefined();
    expect(titleFromId("isk-2023-01")).toBe("Isk 2023 01");
  });
});

describe("createAssessment", () => {
  it("writes a file that passes check, with the modeline, the cutoff and the scale", () => {
    for (const scale of ["phia", "icd203"]) {
      const dir = join(tempDir(), "assessments");
      const result = createAssessment({ id: "isk-2023-01", scale, dir, today: "2024-03-05" });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.file).toBe(join(dir, "isk-2023-01.yaml"));
      const text = readFileSync(result.file, "utf8");
      expect(text).toBe(result.text);
      expect(text.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/assessment\.schema\.json$/);
      const value = parse(text) as Record<string, unknown>;
      expect(value).toMatchObject({ yardstick: 1, id: "isk-2023-01", title: "Isk 2023 01", cutoff: "2024-03-05", scale });
      const checked = checkText(text, result.file, defaultConfig(dir), { asOf: "2024-03-05" });
      expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(checked.assessment?.judgments).toHaveLength(1);
      // The example judgment is there, commented out.
      expect(text).toMatch(/^ {2}# - id: attacks-continue$/m);
      expect(text).toMatch(/^# sources:$/m);
    }
  });

  it("keeps a hostile title as data", () => {
    const dir = tempDir();
    const title = `x: [y] # z \\ 'q' "r" <script>alert(1)</script> &amp; *anchor !tag`;
    const result = createAssessment({ id: "hostile", title, dir, today: "2024-03-05" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect((parse(result.text) as { title: string }).title).toBe(title);
    expect(checkText(result.text, result.file, defaultConfig(dir), { asOf: "2024-03-05" }).assessment?.title).toBe(title);
  });

  it("uses a custom scale from the config, with its middle term", () => {
    const dir = tempDir();
    const config = parseConfig(
      `scales:\n  five:\n    terms:\n      - { term: nope, min: 0, max: 10 }\n      - { term: doubtful, min: 10, max: 40 }\n      - { term: even, min: 40, max: 60 }\n      - { term: probable, min: 60, max: 90 }\n      - { term: sure, min: 90, max: 100 }\n`,
      join(dir, "yardstick.config.yaml"),
    );
    expect(config.diagnostics).toEqual([]);
    const result = createAssessment({ id: "custom", scale: "five", scales: config.scales, dir, today: "2024-03-05" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(parse(result.text)).toMatchObject({ scale: "five", judgments: [{ likelihood: "even" }] });
    expect(checkText(result.text, result.file, config, { asOf: "2024-03-05" }).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("never overwrites, and leaves no temporary file behind", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "taken.yaml"), "mine\n");
    const result = createAssessment({ id: "taken", dir, today: "2024-03-05" });
    expect(result).toMatchObject({ ok: false, reason: "exists" });
    expect(readFileSync(join(dir, "taken.yaml"), "utf8")).toBe("mine\n");
    expect(readdirSync(dir)).toEqual(["taken.yaml"]);
  });

  it("refuses bad ids and unknown scales before touching the disk", () => {
    const dir = join(tempDir(), "never");
    expect(createAssessment({ id: "../escape", dir, today: "2024-03-05" })).toMatchObject({ ok: false, reason: "invalid-id" });
    expect(createAssessment({ id: "fine", scale: "nope", dir, today: "2024-03-05" })).toMatchObject({ ok: false, reason: "unknown-scale" });
    expect(createAssessment({ id: "fine", scale: "__proto__", dir, today: "2024-03-05" })).toMatchObject({ ok: false, reason: "unknown-scale" });
    expect(() => readdirSync(dir)).toThrow();
  });

  it("points the modeline at the project's schema when there is one", () => {
    const root = tempDir();
    mkdirSync(join(root, "schema"));
    writeFileSync(join(root, "schema", "assessment.schema.json"), "{}");
    expect(schemaPathFor(join(root, "assessments"))).toBe("../schema/assessment.schema.json");
    expect(schemaPathFor(join(root, "work", "2024", "q1"))).toBe("../../../schema/assessment.schema.json");
    expect(schemaPathFor(root)).toBe("schema/assessment.schema.json");
  });
});

describe("yardstick new (CLI)", () => {
  it("writes assessments/ID.yaml, prints the path and next steps, then refuses to overwrite (exit 2)", async () => {
    const cwd = tempDir();
    const io = fakeIO(cwd);
    expect(await run(["new", "isk-2023-01", "--title", "IS-K and the Taliban", "--cutoff", "2023-01-31"], io)).toBe(0);
    expect(io.out).toContain(join("assessments", "isk-2023-01.yaml"));
    expect(io.out).toContain("yardstick preview assessments/isk-2023-01.yaml");
    const text = readFileSync(join(cwd, "assessments", "isk-2023-01.yaml"), "utf8");
    expect(parse(text)).toMatchObject({ title: "IS-K and the Taliban", cutoff: "2023-01-31" });

    const again = fakeIO(cwd);
    expect(await run(["new", "isk-2023-01"], again)).toBe(2);
    expect(again.err).toContain("already exists");
    expect(readFileSync(join(cwd, "assessments", "isk-2023-01.yaml"), "utf8")).toBe(text);

    const checked = fakeIO(cwd);
    expect(await run(["check", "assessments", "--as-of", "2023-01-31"], checked)).toBe(0);
  });

  it("uses today's date as the cutoff by default, and a folder given with --dir", async () => {
    const cwd = tempDir();
    const before = new Date().toISOString().slice(0, 10);
    expect(await run(["new", "today", "--dir", "work/drafts", "--scale", "icd203"], fakeIO(cwd))).toBe(0);
    const after = new Date().toISOString().slice(0, 10);
    const value = parse(readFileSync(join(cwd, "work", "drafts", "today.yaml"), "utf8")) as { cutoff: string; scale: string };
    expect([before, after]).toContain(value.cutoff);
    expect(value.scale).toBe("icd203");
  });

  it("exits 2 with a clear message for a path-like or spaced id", async () => {
    const cwd = tempDir();
    for (const id of ["../x", "A B"]) {
      const io = fakeIO(cwd);
      expect(await run(["new", id], io)).toBe(2);
      expect(io.err).toContain("kebab-case");
      expect(io.err).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });
});
