/**
 * The change reports as JSON: `{ version, reports }`, one document, stable key order.
 */
import type { ChangeReport } from "../types.js";

/** Formats change reports as a JSON document. */
export function formatJson(reports: readonly ChangeReport[]): string {
  return `${JSON.stringify({ version: 1, reports }, null, 2)}\n`;
}
