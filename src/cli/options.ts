/**
 * Parsers for option values shared by several commands.
 */
import { InvalidArgumentError, type Command } from "commander";
import type { ReportFormat } from "../diagnostics/reporter.js";
import { isCalendarDate } from "../schema/dates.js";

/** `--format human|json|github` for diagnostics. */
export function parseReportFormat(value: string): ReportFormat {
  if (value === "human" || value === "json" || value === "github") return value;
  throw new InvalidArgumentError("expected human, json or github");
}

/** `--as-of YYYY-MM-DD`. */
export function parseIsoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError("expected a date written YYYY-MM-DD");
  if (!isCalendarDate(value)) throw new InvalidArgumentError(`${value} is not a date in the calendar (years 1000–9999; check the day of the month)`);
  return value;
}

/** `--out DIR`: a folder name; an empty one would mean the current folder, which is never meant. */
export function parseOutputFolder(value: string): string {
  if (value.trim() === "") throw new InvalidArgumentError("expected a folder name; an empty --out would build into the current folder");
  return value;
}

/** A positive whole number (`--jobs 4`). */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of 1 or more");
  return n;
}

/**
 * Adds the options shared by `check` and `build` to a command. The diagnostics format is
 * `--format` for `check`; `build` passes `"--report"` since its `--format` names output formats.
 */
export function addCheckOptions(cmd: Command, reportFlag: "--format" | "--report" = "--format"): Command {
  return cmd
    .option(`${reportFlag} <format>`, "diagnostics as human, json or github (Actions annotations)", parseReportFormat, "human")
    .option("--strict", "treat warnings as errors (exit 1)")
    .option("--as-of <date>", "check dates against this day instead of today (YYYY-MM-DD)", parseIsoDate)
    .option("--config <file>", "use this yardstick.config.yaml instead of searching upwards");
}
