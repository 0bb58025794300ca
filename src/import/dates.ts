/**
 * Dates as briefs write them ("09/07/22", "9 July 2022", "July 9, 2022", "2022-07-09") → ISO.
 * Numeric dates are read in the configured order (day-month-year by default, the order of
 * "Intelligence cut off 09/07/22"); a date that is not a real day is not a date.
 */

/** How numeric dates are ordered. */
export type DateOrder = "dmy" | "mdy" | "ymd";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

/** One regular expression source matching every date form this module reads (for embedding). */
export const DATE_PATTERN = `(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\s+\\d{4}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})`;

function monthIndex(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, "");
  return MONTHS.findIndex((m) => m.startsWith(n.slice(0, 3))) + 1;
}

function iso(year: number, month: number, day: number): string | undefined {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A two-digit year: 00–69 → 2000s, 70–99 → 1900s (POSIX strptime's rule). */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

/** Reads one date, the whole string; undefined when it is not a date (or not a real day). */
export function parseDate(text: string, order: DateOrder = "dmy"): string | undefined {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/.exec(t);
  if (m) {
    const [a, b, c] = [m[1]!, m[2]!, m[3]!];
    if (order === "ymd" && a.length === 4) return iso(Number(a), Number(b), Number(c));
    if (a.length > 2 || !(c.length === 2 || c.length === 4)) return undefined;
    return order === "mdy" ? iso(fullYear(c), Number(a), Number(b)) : iso(fullYear(c), Number(b), Number(a));
  }
  m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\s+(\\d{4})$`, "i").exec(t);
  if (m) return iso(Number(m[3]), monthIndex(m[2]!), Number(m[1]));
  m = new RegExp(`^${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, "i").exec(t);
  if (m) return iso(Number(m[3]), monthIndex(m[1]!), Number(m[2]));
  return undefined;
}
