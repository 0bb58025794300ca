#!/usr/bin/env node
/**
 * The import graph of `src/`: every static, dynamic and type-only relative import between the
 * TypeScript modules, and the cycles in it. `node scripts/import-graph.js` prints the cycles and
 * exits 1 when there is one; test/import-graph.test.ts runs the same check.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^"'`;]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Every `.ts` file under `dir` (tests excluded), as absolute paths. */
function tsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** Strips comments so imports in TSDoc examples do not count. */
function code(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** The graph: module (posix path relative to `root`) → modules it imports. */
export function importGraph(dir) {
  const root = resolve(dir);
  const files = tsFiles(root);
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const deps = new Set();
    for (const m of code(readFileSync(file, "utf8")).matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec || !spec.startsWith(".")) continue;
      const target = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
      if (known.has(target)) deps.add(rel(root, target));
    }
    graph.set(rel(root, file), [...deps].sort());
  }
  return graph;
}

function rel(root, file) {
  return relative(root, file).split(sep).join("/");
}

/** The cycles of a graph (Tarjan's strongly connected components with more than one module, or a self-import). */
export function cycles(graph) {
  let index = 0;
  const stack = [];
  const on = new Set();
  const idx = new Map();
  const low = new Map();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../src");
  const found = cycles(importGraph(root));
  for (const c of found) console.log(`cycle: ${c.join(" ↔ ")}`);
  if (found.length === 0) console.log("no import cycles in src/");
  process.exitCode = found.length > 0 ? 1 : 0;
}
