/**
 * The example assessments in assessments/ check without errors (warnings from standards rules
 * are allowed), through the library with the project's config, as `npx yardstick check` does.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkFiles } from "../src/check/check.js";

const DIR = fileURLToPath(new URL("../assessments/", import.meta.url));
const files = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe("example assessments", () => {
  it("exist", () => {
    expect(files).toContain("isk-2022-07.yaml");
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  const result = checkFiles(files.map((f) => join(DIR, f)));

  it("use a valid config (if any)", () => {
    expect(result.configDiagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  for (const [i, name] of files.entries()) {
    it(`${name} has no errors`, () => {
      const checked = result.files[i]!;
      const errors = checked.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);
      expect(errors).toEqual([]);
      expect(checked.assessment?.id).toBe(name.replace(/\.ya?ml$/, ""));
      expect(checked.assessment?.judgments.length).toBeGreaterThan(0);
    });
  }
});
