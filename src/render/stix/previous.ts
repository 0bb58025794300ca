/**
 * The bundle an earlier build wrote for the same assessment (`<out>/<id>.stix.json`): STIX
 * versions objects, so an unchanged note keeps its `created` and `modified` and a changed one keeps
 * `created`. Read with a size limit and validated; anything else is ignored with a warning.
 */
import { readFileSync, statSync } from "node:fs";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { diagnostic } from "../../diagnostics/codes.js";
import { BundleSchema, type Bundle } from "./schema.js";

/** Largest earlier bundle read. */
export const MAX_PREVIOUS_BYTES = 20 * 1024 * 1024;

/** The earlier bundle at `path` for `reportId`, or undefined (none, unreadable, invalid, another report). */
export function readPreviousBundle(path: string, reportId: string, file: string, diagnostics?: Diagnostic[]): Bundle | undefined {
  let text: string;
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_PREVIOUS_BYTES) return undefined;
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = BundleSchema.safeParse(parsed);
  if (!result.success || !result.data.objects.some((o) => o.id === reportId)) {
    diagnostics?.push(diagnostic("stix-previous-ignored", "notThisBundle", { file, line: 0, column: 0 }, { path }, "delete or move the file if it is not yardstick's"));
    return undefined;
  }
  return result.data;
}
