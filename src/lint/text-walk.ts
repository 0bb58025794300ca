/**
 * Walking every string of an assessment with its document path, for rules about characters.
 */
import type { DocPath } from "../schema/positions.js";

const NOTHING: ReadonlySet<string> = new Set();

/**
 * Calls `visit` for every string value (not keys) under `value`, with its path; with `only`, just
 * for the strings it matches (most rules look for a rare character, and the path is made only for
 * the strings visited). Top-level keys in `skip` are not read at all (a rule's view of a file with
 * broken fields throws on reading them).
 */
export function forEachString(value: unknown, visit: (text: string, path: DocPath) => void, skip: ReadonlySet<string> = NOTHING, only?: RegExp): void {
  const path: Array<string | number> = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      if (only === undefined || only.test(v)) visit(v, [...path]);
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
      return;
    }
    if (v !== null && typeof v === "object") {
      for (const k of Object.keys(v)) {
        if (path.length === 0 && skip.has(k)) continue;
        path.push(k);
        walk((v as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  walk(value);
}
