/**
 * The costs that were quadratic, measured as operation counts (wall time lives in
 * bench/check-scale.js): looking up every key of a big mapping, and printing many diagnostics
 * of one file.
 */
import { parseDocument, isMap, type YAMLMap } from "yaml";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { formatHuman } from "../src/diagnostics/reporter.js";
import { findPair } from "../src/schema/positions.js";

describe("linear costs", () => {
  it("finding each of n keys in one mapping reads its items O(n) times, not O(n²)", () => {
    const n = 5_000;
    let text = "";
    for (let i = 0; i < n; i++) text += `k${i}: ${i}\n`;
    const doc = parseDocument(text);
    const map = doc.contents as YAMLMap;
    expect(isMap(map)).toBe(true);
    let reads = 0;
    const items = map.items;
    map.items = new Proxy(items, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    for (let i = 0; i < n; i++) expect(findPair(map, `k${i}`)?.value).toBeDefined();
    expect(reads).toBeLessThanOrEqual(2 * n);
  });

  it("the human report fetches and splits each file's text once, however many diagnostics", () => {
    const lines = Array.from({ length: 3_000 }, (_, i) => `line ${i}`);
    const text = lines.join("\n");
    const diagnostics: Diagnostic[] = lines.map((_, i) => ({ file: "a.yaml", line: i + 1, column: 1, ruleId: "r", severity: "warning", message: "m" }));
    let fetched = 0;
    const out = formatHuman(diagnostics, {
      sourceOf: () => {
        fetched++;
        return text;
      },
    });
    expect(fetched).toBe(1);
    expect(out).toContain("  2999 | line 2998");
  });
});
