/**
 * One rule for how the words of enumerated fields may be written — likelihood terms, scale names,
 * confidence, TLP labels, Admiralty grades and horizon durations:
 *
 * - the exact canonical form is accepted as is;
 * - another case, spacing or hyphenation of exactly one canonical form (`Amber`, `amber-strict`,
 *   `TLP:AMBER`, `Highly Likely`, `12 month`) is accepted, read as the canonical form, and warned
 *   about with a fix;
 * - a misspelling with exactly one close candidate (`higly likely`) is an error with a fix;
 * - a synonym analysts write (`medium`, `even chance`) or an ambiguous misspelling is an error
 *   with a suggestion and no fix: the analyst chooses.
 */
import { RELIABILITY_GRADES, TLP_LABELS, CONFIDENCE_LEVELS } from "./assessment.js";
import type { Scale } from "./scales.js";
import { closest, onlyTypoCandidate, typoCandidates } from "./suggest.js";

/** How a written value relates to the values a field allows. */
export type Reading =
  /** Written exactly as a canonical value. */
  | { kind: "exact" }
  /** Another case or spacing of exactly one canonical value: accepted as `value`. */
  | { kind: "canonical"; value: string }
  /** Not accepted; `value` is the suggestion, `fixable` when it is the only safe answer. */
  | { kind: "suggest"; value: string; fixable: boolean }
  /** Not accepted, and nothing close. */
  | { kind: "unknown" };

/** An enumerated field: its canonical values and the synonyms analysts write for them. */
export interface EnumField {
  /** Canonical values, as the brief prints them. */
  values: readonly string[];
  /** Folded synonym → canonical value (suggested, never applied automatically). */
  synonyms?: Readonly<Record<string, string>>;
  /** A prefix that may be written before the value (`TLP:`), folded. */
  prefix?: string;
}

/** Case, spaces, hyphens, underscores, plus signs and dots do not distinguish two values. */
export function fold(text: string): string {
  return text.trim().toLowerCase().replace(/[\s\-_+.]+/g, "");
}

/** Reads a written value against a field's canonical values. */
export function readEnum(written: string, field: EnumField): Reading {
  if (field.values.includes(written)) return { kind: "exact" };
  let key = fold(written);
  if (field.prefix && key.startsWith(field.prefix) && key.length > field.prefix.length) key = key.slice(field.prefix.length).replace(/^:/, "");
  const same = field.values.filter((v) => fold(v) === key);
  if (same.length === 1) return { kind: "canonical", value: same[0]! };
  const synonym = field.synonyms?.[key];
  if (synonym !== undefined) return { kind: "suggest", value: synonym, fixable: false };
  const safe = onlyTypoCandidate(written, field.values);
  if (safe !== undefined) return { kind: "suggest", value: safe, fixable: true };
  const typos = typoCandidates(written, field.values);
  const guess = typos[0] ?? closest(written, field.values);
  return guess === undefined ? { kind: "unknown" } : { kind: "suggest", value: guess, fixable: false };
}

/** Confidence levels, with the synonyms analysts write. */
export const CONFIDENCE_FIELD: EnumField = {
  values: CONFIDENCE_LEVELS,
  synonyms: { medium: "moderate", med: "moderate", mid: "moderate", middling: "moderate", fair: "moderate", mod: "moderate", hi: "high", lo: "low", strong: "high", weak: "low" },
};

/** TLP 2.0 labels; TLP 1.0's WHITE is now CLEAR. */
export const TLP_FIELD: EnumField = {
  values: TLP_LABELS,
  prefix: "tlp",
  synonyms: { white: "CLEAR", tlpwhite: "CLEAR", "tlp:white": "CLEAR" },
};

/** Admiralty source reliability grades. */
export const RELIABILITY_FIELD: EnumField = { values: RELIABILITY_GRADES };

/** The enumerated fields of the format by key name (used for schema errors' suggestions). */
export const ENUM_FIELDS: Readonly<Record<string, EnumField>> = {
  confidence: CONFIDENCE_FIELD,
  tlp: TLP_FIELD,
  reliability: RELIABILITY_FIELD,
};

/** A scale name field: the names of the known scales. */
export function scaleField(scales: Readonly<Record<string, Scale>>): EnumField {
  return { values: Object.keys(scales) };
}

/**
 * Likelihood words analysts write that no scale lists, with the probability they usually mean:
 * suggested as the scale's term whose band holds that probability.
 */
const LIKELIHOOD_SYNONYMS: Readonly<Record<string, number>> = {
  evenchance: 50,
  evenodds: 50,
  fiftyfifty: 50,
  "5050": 50,
  tossup: 50,
  coinflip: 50,
  roughlyeven: 50,
  probably: 65,
  veryprobable: 87,
  virtuallycertain: 97,
  nearcertain: 97,
  nearlycertain: 97,
  certain: 97,
  impossible: 2,
  nochance: 2,
  veryunlikely: 15,
  improbable: 30,
};

/** The term of a scale whose band holds a probability, or the nearest band. */
function termFor(scale: Scale, percent: number): string {
  let best = scale.terms[0]!;
  let bestDistance = Infinity;
  for (const t of scale.terms) {
    const d = percent < t.min ? t.min - percent : percent > t.max ? percent - t.max : 0;
    if (d < bestDistance) {
      best = t;
      bestDistance = d;
    }
  }
  return best.label;
}

/** The likelihood field of a scale: every wording it accepts (canonical terms and aliases). */
export function likelihoodField(scale: Scale): EnumField {
  const values = scale.terms.flatMap((t) => t.forms.map((f) => f.text));
  const synonyms: Record<string, string> = {};
  for (const [word, percent] of Object.entries(LIKELIHOOD_SYNONYMS)) {
    if (!values.some((v) => fold(v) === word)) synonyms[word] = termFor(scale, percent);
  }
  return { values, synonyms };
}

const DURATION_UNITS: Readonly<Record<string, "day" | "week" | "month" | "year">> = {
  day: "day",
  days: "day",
  week: "week",
  weeks: "week",
  wk: "week",
  wks: "week",
  month: "month",
  months: "month",
  mo: "month",
  mos: "month",
  mth: "month",
  mths: "month",
  year: "year",
  years: "year",
  yr: "year",
  yrs: "year",
};

/**
 * Reads a horizon written as a duration: `12 months` is exact; `12 month`, `12 Months`,
 * `12months` or `12 mths` are read as `12 months`; `1 months` as `1 month`. Dates and other
 * text are `unknown` here (the schema reports them).
 */
export function readDuration(written: string): Reading {
  const m = /^\s*([1-9][0-9]{0,3})\s*([A-Za-z]+)\s*$/.exec(written);
  if (!m) return { kind: "unknown" };
  const n = Number(m[1]);
  const unitWord = m[2]!.toLowerCase();
  const misspelt = typoCandidates(unitWord, ["days", "weeks", "months", "years"]);
  const unit = DURATION_UNITS[unitWord] ?? (misspelt.length === 1 ? DURATION_UNITS[misspelt[0]!] : undefined);
  if (!unit) return { kind: "unknown" };
  const canonical = `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (written === canonical) return { kind: "exact" };
  if (DURATION_UNITS[unitWord]) return { kind: "canonical", value: canonical };
  return { kind: "suggest", value: canonical, fixable: true };
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w) && (w.length === 3 || w === "sept")));
  return i === -1 ? undefined : i + 1;
}

function isoOf(y: number, m: number, d: number): string | undefined {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${String(y)}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Reads a date written in a format that names one day without doubt: `2022/07/09`, `2022.7.9`,
 * `2022-7-9`, `9 July 2022`, `July 9, 2022`, `9 Jul 2022`, or a day/month order made certain by
 * a day over 12 (`25/07/2022`). `07/09/2022` is ambiguous (July or September): no reading.
 */
export function readDate(written: string): Reading {
  const t = written.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return isoOf(Number(t.slice(0, 4)), Number(t.slice(5, 7)), Number(t.slice(8, 10))) === t ? { kind: "exact" } : { kind: "unknown" };
  const suggest = (iso: string | undefined): Reading => (iso === undefined ? { kind: "unknown" } : { kind: "suggest", value: iso, fixable: true });
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return suggest(isoOf(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = monthNumber(m[2]!);
    return month === undefined ? { kind: "unknown" } : suggest(isoOf(Number(m[3]), month, Number(m[1])));
  }
  m = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = monthNumber(m[1]!);
    return month === undefined ? { kind: "unknown" } : suggest(isoOf(Number(m[3]), month, Number(m[2])));
  }
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    if (a > 12 && b <= 12) return suggest(isoOf(y, b, a));
    if (b > 12 && a <= 12) return suggest(isoOf(y, a, b));
    if (a === b) return suggest(isoOf(y, a, b));
    return { kind: "unknown" };
  }
  return { kind: "unknown" };
}
