/**
 * Walking every string of an assessment with its document path, for rules about characters.
 */
import type { DocPath } from "../schema/positions.js";

/** Calls `visit` for every string value (not keys) under `value`, with its path. */
export function forEachString(value: unknown, visit: (text: string, path: DocPath) => void, path: Array<string | number> = []): void {
  if (typeof value === "string") {
    visit(value, [...path]);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => forEachString(v, visit, [...path, i]));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) forEachString(v, visit, [...path, k]);
  }
}
