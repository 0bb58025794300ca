/**
 * Mapping between paths in an assessment (["judgments", 0, "likelihood"]) and positions in the YAML text.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from "yaml";

/** A path into the parsed document: keys and list indexes. */
export type DocPath = ReadonlyArray<string | number>;

/** A 1-based span in the text. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What a path points at in the YAML tree. */
export interface Located {
  /** The value node, when present. */
  node?: Node;
  /** The key node of the pair holding the value, when the value sits in a mapping. */
  key?: Node;
  /** How many path segments were found; less than the path length when the path runs past the tree. */
  depth: number;
}

function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  if (k === null || k === undefined) return undefined;
  return undefined;
}

/**
 * Pairs of each mapping by key text, built on first lookup so that finding many keys of one big
 * mapping costs linear time, not quadratic. The first pair wins, as the YAML reader does for
 * positions. A mapping edited after its first lookup must not be looked up again.
 */
const pairIndex = new WeakMap<object, { size: number; byKey: Map<string, Pair<Node, Node>> }>();

/** Finds the pair with a key in a YAML mapping node. */
export function findPair(map: Node, key: string): Pair<Node, Node> | undefined {
  if (!isMap(map)) return undefined;
  let index = pairIndex.get(map);
  if (!index || index.size !== map.items.length) {
    const byKey = new Map<string, Pair<Node, Node>>();
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const k = keyText(item);
      if (k !== undefined && !byKey.has(k)) byKey.set(k, item as Pair<Node, Node>);
    }
    index = { size: map.items.length, byKey };
    pairIndex.set(map, index);
  }
  return index.byKey.get(key);
}

/** Walks a path through the YAML tree as far as it goes. */
export function locate(doc: Document, path: DocPath): Located {
  let current: Node | undefined = (doc.contents as Node | null) ?? undefined;
  let key: Node | undefined;
  let depth = 0;
  for (const segment of path) {
    if (current && isAlias(current)) {
      const target = current.resolve(doc);
      current = (target as Node | undefined) ?? current;
    }
    if (!current || !isCollection(current)) break;
    if (isSeq(current) && typeof segment === "number") {
      const item = current.items[segment] as Node | undefined;
      if (item === undefined) break;
      current = item;
      key = undefined;
    } else if (isMap(current)) {
      const pair = findPair(current, String(segment));
      if (!pair) break;
      key = (pair.key as Node | null) ?? undefined;
      current = (pair.value as Node | null) ?? undefined;
      if (!current) {
        depth++;
        return { key, depth };
      }
    } else {
      break;
    }
    depth++;
  }
  return { node: current, key, depth };
}

/** Turns a character range into a 1-based span. */
export function spanOf(lineCounter: LineCounter, start: number, end: number): Span {
  const a = lineCounter.linePos(start);
  const b = lineCounter.linePos(Math.max(start, end));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/** The span of a node's value (without trailing comments and blank lines). */
export function nodeSpan(lineCounter: LineCounter, node: Node): Span | undefined {
  const range = node.range;
  if (!range) return undefined;
  return spanOf(lineCounter, range[0], range[1]);
}

/**
 * The best span for a path: the value node when the whole path exists, the key when the value is
 * empty, otherwise the deepest node that exists (so "missing key" points at its parent mapping).
 */
export function spanForPath(doc: Document, lineCounter: LineCounter, path: DocPath, prefer: "value" | "key" = "value"): Span {
  const found = locate(doc, path);
  const target = prefer === "key" && found.key ? found.key : (found.node ?? found.key);
  const span = target ? nodeSpan(lineCounter, target) : undefined;
  return span ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
}
