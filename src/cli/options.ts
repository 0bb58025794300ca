/**
 * Parsers for option values shared by several commands.
 */
import { InvalidArgumentError } from "commander";
import type { ReportFormat } from "../diagnostics/reporter.js";

/** `--format human|json|github` for diagnostics. */
export function parseReportFormat(value: string): ReportFormat {
  if (value === "human" || value === "json" || value === "github") return value;
  throw new InvalidArgumentError("expected human, json or github");
}

/** `--as-of YYYY-MM-DD`. */
export function parseIsoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError("expected a date written YYYY-MM-DD");
  }
  return value;
}

/** A positive whole number (`--jobs 4`). */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of 1 or more");
  return n;
}
