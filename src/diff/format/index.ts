/**
 * Picks a formatter for change reports.
 */
import type { Palette } from "../../diagnostics/reporter.js";
import type { ChangeReport } from "../types.js";
import { formatHuman } from "./human.js";
import { formatJson } from "./json.js";
import { formatMarkdown } from "./markdown.js";

/** Output formats of `yardstick diff`. */
export type DiffFormat = "human" | "markdown" | "json";

/** The formats, for option parsing and help. */
export const DIFF_FORMATS: readonly DiffFormat[] = ["human", "markdown", "json"];

/** Formats change reports in one of the formats. */
export function formatReports(format: DiffFormat, reports: readonly ChangeReport[], options: { palette?: Palette } = {}): string {
  if (format === "json") return formatJson(reports);
  if (format === "markdown") return formatMarkdown(reports);
  return formatHuman(reports, { palette: options.palette });
}

export { formatHuman, formatJson, formatMarkdown };
