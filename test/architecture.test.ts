/**
 * docs/architecture.md describes the real modules: its layer table lists every folder of src/, in
 * an order the imports follow (a folder imports only folders above it in the table).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript script without types
import { importGraph } from "../scripts/import-graph.js";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = join(ROOT, "src");
const graph = (importGraph as (dir: string) => Map<string, string[]>)(SRC);

/** The folders of the layer table, in order. */
function documentedLayers(): string[] {
  const doc = readFileSync(join(ROOT, "docs/architecture.md"), "utf8");
  const section = doc.slice(doc.indexOf("## Layers"), doc.indexOf("\n## ", doc.indexOf("## Layers") + 1));
  return [...section.matchAll(/^\| `([a-z]+)\/` \|/gm)].map((m) => m[1]!);
}

describe("docs/architecture.md", () => {
  const layers = documentedLayers();

  it("lists every folder of src/ once", () => {
    const folders = readdirSync(SRC).filter((f) => statSync(join(SRC, f)).isDirectory()).sort();
    expect([...layers].sort()).toEqual(folders);
    expect(new Set(layers).size).toBe(layers.length);
  });

  it("orders the layers as the imports point: each folder imports only folders above it", () => {
    const rank = new Map(layers.map((l, i) => [l, i]));
    const upward: string[] = [];
    for (const [from, deps] of graph) {
      const a = from.split("/")[0]!;
      if (!rank.has(a)) continue; // src/index.ts, the package's entry, exports from every layer
      for (const d of deps) {
        const b = d.split("/")[0]!;
        if (a !== b && rank.has(b) && rank.get(b)! > rank.get(a)!) upward.push(`${from} → ${d}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("names modules that exist", () => {
    const doc = readFileSync(join(ROOT, "docs/architecture.md"), "utf8");
    const missing = [...doc.matchAll(/\bsrc\/([a-z/-]+\.ts)\b/g)].map((m) => m[1]!).filter((p) => {
      try {
        return !statSync(join(SRC, p)).isFile();
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });
});
