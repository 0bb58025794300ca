/**
 * Walking every string of an assessment with its document path, for rules about characters.
 */
import type { DocPath } from "../schema/positions.js";

/**
 * Calls `visit` for every string value (not keys) under `value`, with its path. Top-level keys in
 * `skip` are not read at all (a rule's view of a file with broken fields throws on reading them).
 */
export function forEachString(value: unknown, visit: (text: string, path: DocPath) => void, skip: ReadonlySet<string> = new Set(), path: Array<string | number> = []): void {
  if (typeof value === "string") {
    visit(value, [...path]);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => forEachString(v, visit, skip, [...path, i]));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const k of Object.keys(value)) {
      if (path.length === 0 && skip.has(k)) continue;
      forEachString((value as Record<string, unknown>)[k], visit, skip, [...path, k]);
    }
  }
}
