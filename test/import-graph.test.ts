/**
 * Layers point one way: no import cycles between the modules of src/, nor between its folders
 * (`node scripts/import-graph.js` prints them).
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript script without types
import { cycles, importGraph } from "../scripts/import-graph.js";

type Graph = Map<string, string[]>;
const graph = (importGraph as (dir: string) => Graph)(resolve(import.meta.dirname, "../src"));
const findCycles = cycles as (g: Graph) => string[][];

describe("the import graph of src/", () => {
  it("sees static, dynamic and type-only imports", () => {
    expect(graph.get("build/index.ts")).toContain("build/plan.ts");
    expect(graph.get("cli/commands/build.ts")).toContain("build/index.ts"); // await import(...)
    expect(graph.get("render/html/format.ts")).toContain("render/output-format.ts"); // import type
  });

  it("finds a cycle when there is one", () => {
    expect(findCycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]))).toEqual([["a", "b", "c"]]);
    expect(findCycles(new Map([["a", ["a"]]]))).toEqual([["a"]]);
    expect(findCycles(new Map([["a", ["b"]], ["b", []]]))).toEqual([]);
  });

  it("has no cycle between modules", () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it("has no cycle between the folders of src/ (schema → lint → check → build → cli, never back)", () => {
    const folders: Graph = new Map();
    for (const [from, deps] of graph) {
      const a = from.split("/")[0]!;
      const list = folders.get(a) ?? [];
      for (const d of deps) {
        const b = d.split("/")[0]!;
        if (b !== a && !list.includes(b)) list.push(b);
      }
      folders.set(a, list);
    }
    expect(findCycles(folders)).toEqual([]);
  });
});
