/**
 * Calendar dates as YYYY-MM-DD strings: arithmetic for horizons and formatting for briefs.
 */
/**
 * A duration after the cutoff, such as "12 months" (here, not in the schema, so the CLI's date
 * options parse without loading zod).
 */
export const DURATION_PATTERN = /^([1-9][0-9]{0,3}) (day|week|month|year)s?$/;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Earliest and latest dates yardstick accepts: four-digit years, as ISO 8601 writes them without an expansion. */
export const MIN_DATE = "1000-01-01";
export const MAX_DATE = "9999-12-31";

/** True for a real calendar date written YYYY-MM-DD (no 30 February), in the years 1000–9999. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

/** A UTC date from parts, without `Date.UTC`'s reading of years 0–99 as 1900–1999. */
function utcDate(y: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(y, monthIndex, day);
  return date;
}

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split("-").map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
}

function toIso(date: Date): string {
  const y = date.getUTCFullYear();
  // Beyond 9999 ISO 8601 needs an expanded year (+10000-…); such dates are reported by the rules.
  const year = y > 9999 ? `+${String(y).padStart(6, "0")}` : String(y).padStart(4, "0");
  return `${year}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
}

/** True when a computed date (a horizon after the cutoff) falls after 31 December 9999. */
export function isBeyondCalendar(iso: string): boolean {
  return iso.startsWith("+") || iso > MAX_DATE;
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return toIso(now);
}

/** True when the text is a duration such as "12 months". */
export function isDuration(text: string): boolean {
  return DURATION_PATTERN.test(text);
}

/** Adds a duration ("12 months", "2 weeks") to a date; month arithmetic clamps to the month's end. */
export function addDuration(iso: string, duration: string): string {
  const match = DURATION_PATTERN.exec(duration);
  if (!match) throw new Error(`not a duration: ${duration}`);
  const n = Number(match[1]);
  const unit = match[2];
  const [y, m, d] = parts(iso);
  if (unit === "day" || unit === "week") {
    return toIso(utcDate(y, m - 1, d + n * (unit === "week" ? 7 : 1)));
  }
  const months = unit === "year" ? n * 12 : n;
  const targetMonth = m - 1 + months;
  const lastDay = utcDate(y, targetMonth + 1, 0).getUTCDate();
  return toIso(utcDate(y, targetMonth, Math.min(d, lastDay)));
}

/** The date a horizon falls on: the date itself, or the cutoff plus the duration. */
export function horizonDate(horizon: string, cutoff: string): string {
  return isDuration(horizon) ? addDuration(cutoff, horizon) : horizon;
}

/**
 * Formats a date with a pattern of tokens: `dd` `d` (day), `mm` `m` `mmm` `mmmm` (month),
 * `yy` `yyyy` (year). Other characters are kept. The default house style is `dd/mm/yy`.
 */
export function formatDate(iso: string, pattern = "dd/mm/yy"): string {
  const [y, m, d] = parts(iso);
  return pattern.replace(/yyyy|yy|mmmm|mmm|mm|m|dd|d/g, (token) => {
    switch (token) {
      case "yyyy":
        return String(y).padStart(4, "0");
      case "yy":
        return String(y % 100).padStart(2, "0");
      case "mmmm":
        return MONTHS[m - 1] ?? "";
      case "mmm":
        return (MONTHS[m - 1] ?? "").slice(0, 3);
      case "mm":
        return String(m).padStart(2, "0");
      case "m":
        return String(m);
      case "dd":
        return String(d).padStart(2, "0");
      default:
        return String(d);
    }
  });
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((utcDate(yb, mb - 1, db).getTime() - utcDate(ya, ma - 1, da).getTime()) / 86_400_000);
}
