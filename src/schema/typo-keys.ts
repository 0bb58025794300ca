/**
 * Keys misspelt with one safe answer (`judgements` → `judgments`, `statment` → `statement`),
 * read as the key they are a typo of, so that what sits under a misspelt key is checked in the
 * same run instead of after the key is fixed.
 */
import type { z } from "zod";
import type { DocPath } from "./positions.js";
import { onlyTypoCandidate } from "./suggest.js";
import { allowedKeys } from "./zod-issues.js";

/** A value with its misspelt keys renamed, and the way back to the paths written in the file. */
export interface RenamedKeys {
  value: Record<string, unknown>;
  /** The path in the file of a path in `value`. */
  toFile(path: DocPath): DocPath;
  /** Each renamed key as written, with the path (in `value`) of the mapping holding it. */
  renames: Array<{ parent: DocPath; key: string }>;
}

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Renames every unknown key that is a typo of exactly one allowed key not written already;
 * undefined when there is none. Works on a copy; linear in the size of the value.
 */
export function renameTypoKeys(value: Plain, schema: z.core.$ZodType): RenamedKeys | undefined {
  const written = new Map<string, string>();
  const renames: Array<{ parent: DocPath; key: string }> = [];
  const walk = (v: unknown, path: Array<string | number>): unknown => {
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (!isPlain(v)) return v;
    const allowed = allowedKeys(schema, path);
    const out: Plain = {};
    const keys = Object.keys(v);
    const present = new Set(keys);
    for (const key of keys) {
      let name = key;
      if (allowed.length > 0 && !allowed.includes(key)) {
        const meant = onlyTypoCandidate(key, allowed);
        if (meant !== undefined && !present.has(meant) && !Object.hasOwn(out, meant)) {
          name = meant;
          written.set([...path, meant].join("\u0000"), key);
          renames.push({ parent: [...path], key });
        }
      }
      out[name] = walk(v[key], [...path, name]);
    }
    return out;
  };
  const renamed = walk(value, []) as Plain;
  if (renames.length === 0) return undefined;
  return {
    value: renamed,
    renames,
    toFile(path) {
      const out: Array<string | number> = [];
      const here: Array<string | number> = [];
      for (const segment of path) {
        here.push(segment);
        out.push(typeof segment === "string" ? (written.get(here.join("\u0000")) ?? segment) : segment);
      }
      return out;
    },
  };
}
