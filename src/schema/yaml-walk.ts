/**
 * Walks over a YAML tree without recursion (so a deeply nested file cannot overflow the stack),
 * and the two checks that need a whole walk: duplicate keys, and the size of the document once
 * its aliases are expanded.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Alias, type Node, type Pair, type Scalar } from "yaml";

/** The child nodes of a node, in document order (keys before their values). */
function children(node: Node): Node[] {
  if (!isMap(node) && !isSeq(node)) return [];
  const out: Node[] = [];
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      if (isNode(item.key)) out.push(item.key);
      if (isNode(item.value)) out.push(item.value);
    } else if (isNode(item)) {
      out.push(item);
    }
  }
  return out;
}

/** Calls `visit` on every node under `root`, in document order. */
export function walkNodes(root: Node | null | undefined, visit: (node: Node) => void): void {
  if (!root) return;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** A key written twice in one mapping. */
export interface DuplicateKey {
  key: string;
  first: Scalar;
  second: Scalar;
}

/** Every key written a second (or third …) time in its mapping; linear in the size of the tree. */
export function duplicateKeys(root: Node | null | undefined): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  walkNodes(root, (node) => {
    if (!isMap(node)) return;
    const seen = new Map<string, Scalar>();
    for (const item of node.items as Array<Pair<unknown, unknown>>) {
      const key = item.key;
      if (!isScalar(key)) continue;
      const text = String(key.value);
      const first = seen.get(text);
      if (first) out.push({ key: text, first, second: key });
      else seen.set(text, key);
    }
  });
  return out;
}

/** What {@link expandedSize} found. */
export interface Expansion {
  /** Characters of scalar text in the document with every alias expanded (capped just above the limit). */
  size: number;
  /** The first alias of the document, when the expanded size passed the limit. */
  over?: Alias;
  /** Aliases in the document. */
  aliases: number;
}

/**
 * The size of the document with its aliases expanded, counted in characters of scalar text (plus
 * one per node), stopping as soon as it passes `limit`. Each anchored node is measured once, so
 * the cost is linear in the size of the text whatever the aliases expand to. An alias inside the
 * node it refers to counts as over the limit.
 */
export function expandedSize(root: Node | null | undefined, limit: number): Expansion {
  const sizes = new Map<Node, number>();
  const anchors = new Map<string, Node>();
  let aliases = 0;
  if (!root) return { size: 0, aliases };
  // Post-order: a node's size is known once all its children are.
  const stack: Array<{ node: Node; open: boolean }> = [{ node: root, open: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const node = top.node;
    if (!top.open) {
      top.open = true;
      if ("anchor" in node && typeof node.anchor === "string" && node.anchor !== "") anchors.set(node.anchor, node);
      const kids = children(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, open: false });
      continue;
    }
    stack.pop();
    let size = 1;
    if (isAlias(node)) {
      aliases++;
      const target = anchors.get(node.source);
      const known = target ? sizes.get(target) : 0;
      // An anchor still being measured holds this alias: a cycle.
      size = known === undefined ? limit + 1 : known;
    } else if (isScalar(node)) {
      size += typeof node.value === "string" ? node.value.length : String(node.value).length;
    } else {
      for (const child of children(node)) size += sizes.get(child) ?? 0;
    }
    size = Math.min(size, limit + 1);
    sizes.set(node, size);
  }
  const size = sizes.get(root) ?? 0;
  return { size, over: size > limit ? firstAlias(root) : undefined, aliases };
}

function firstAlias(root: Node): Alias | undefined {
  let found: Alias | undefined;
  walkNodes(root, (node) => {
    if (found === undefined && isAlias(node)) found = node;
  });
  return found;
}
