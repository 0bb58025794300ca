/**
 * Fixes as text edits on the YAML source: the new text of one scalar (a key or a value), written in
 * the scalar's own quoting style, replacing exactly the scalar's range. Everything else in the
 * file — comments, other quoting, order, blank lines — is left byte for byte.
 */
import { isScalar, parse, Scalar, type Node } from "yaml";
import type { Fix } from "../diagnostics/diagnostic.js";

/** True when `value` written plain reads back as the same string. */
function plainSafe(value: string): boolean {
  if (!/^[A-Za-z0-9(][^#\n\r]*$/.test(value) || /\s$/.test(value) || /: |:$/.test(value)) return false;
  try {
    const read: unknown = parse(`k: ${value}`, { strict: true });
    return typeof read === "object" && read !== null && (read as Record<string, unknown>).k === value;
  } catch {
    return false;
  }
}

/** The source text of a scalar holding `value`, in the style of `node` (plain, '…' or "…"). */
function scalarSource(node: Scalar, value: string): string | undefined {
  if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (node.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  if (node.type === Scalar.PLAIN || node.type === undefined) return plainSafe(value) ? value : JSON.stringify(value);
  // Block scalars (`|`, `>`) hold prose, never a single word a fix would change.
  return undefined;
}

/**
 * A fix that rewrites one scalar node (a key or a value) to `value`, or undefined when the node
 * is not a scalar with a known range or cannot be rewritten in place.
 */
export function scalarFix(node: Node | null | undefined, value: string, description: string): Fix | undefined {
  if (!node || !isScalar(node) || !node.range) return undefined;
  const replacement = scalarSource(node, value);
  if (replacement === undefined) return undefined;
  return { range: [node.range[0], node.range[1]], replacement, description };
}
