/**
 * Probability yardsticks as data: every term with its range, aliases and sentence phrase.
 *
 * Sources checked:
 * - PHIA: UK Professional Head of Intelligence Analysis, "Probability yardstick" (2019 edition):
 *   remote chance ≤5 %, highly unlikely 10–20 %, unlikely 25–35 %, realistic possibility 40–50 %,
 *   likely or probable 55–75 %, highly likely 80–90 %, almost certain ≥95 %.
 * - ICD 203: US Intelligence Community Directive 203, "Analytic Standards" (2015), section D.6.b.(2)(a):
 *   almost no chance / remote 1–5 %, very unlikely / highly improbable 5–20 %, unlikely / improbable
 *   20–45 %, roughly even chance / roughly even odds 45–55 %, likely / probable 55–80 %,
 *   very likely / highly probable 80–95 %, almost certain / nearly certain 95–99 %.
 */

/** How a term reads in a sentence: "It is {term} that …" or "There is a {term} that …". */
export type TermKind = "adjective" | "noun";

/** One wording of a term: its canonical label or one of its aliases. */
export interface TermForm {
  /** The words as analysts write them, lower case ("highly likely"). */
  text: string;
  /** The words before "that" in a key-judgment sentence ("It is highly likely"). */
  phrase: string;
}

/** One band of a probability yardstick. */
export interface ScaleTerm {
  /** Stable id of the band within its scale (kebab-case). */
  id: string;
  /** Canonical wording. */
  label: string;
  /** Lower bound of the band, in percent. */
  min: number;
  /** Upper bound of the band, in percent. */
  max: number;
  /** Canonical form first, then the aliases. */
  forms: TermForm[];
}

/** A probability yardstick. */
export interface Scale {
  /** Name used in `scale:` ("phia", "icd203", or a custom name). */
  id: string;
  /** Human name, for documents and diagnostics. */
  name: string;
  /** Where the table comes from. */
  reference?: string;
  /** Bands ordered from least to most likely. */
  terms: ScaleTerm[];
}

/** The result of looking a term up in a scale. */
export interface ResolvedTerm {
  scale: Scale;
  term: ScaleTerm;
  /** The form the analyst wrote (canonical or alias). */
  form: TermForm;
}

/** Builds the phrase before "that" for a term read as an adjective or a noun. */
export function defaultPhrase(text: string, kind: TermKind): string {
  if (kind === "adjective") return `It is ${text}`;
  const article = /^(almost no|no|a|an|the)\b/.test(text) ? "" : /^[aeiou]/.test(text) ? "an " : "a ";
  return `There is ${article}${text}`;
}

function term(id: string, min: number, max: number, forms: Array<[string, TermKind] | [string, TermKind, string]>): ScaleTerm {
  const built = forms.map(([text, kind, phrase]) => ({ text, phrase: phrase ?? defaultPhrase(text, kind) }));
  return { id, label: built[0]!.text, min, max, forms: built };
}

/** UK PHIA probability yardstick (the default scale). */
export const PHIA: Scale = {
  id: "phia",
  name: "PHIA probability yardstick",
  reference: "UK Professional Head of Intelligence Analysis, Probability yardstick (2019)",
  terms: [
    term("remote-chance", 0, 5, [["remote chance", "noun"]]),
    term("highly-unlikely", 10, 20, [["highly unlikely", "adjective"]]),
    term("unlikely", 25, 35, [["unlikely", "adjective"]]),
    term("realistic-possibility", 40, 50, [["realistic possibility", "noun"]]),
    term("likely", 55, 75, [
      ["likely", "adjective"],
      ["probable", "adjective"],
    ]),
    term("highly-likely", 80, 90, [["highly likely", "adjective"]]),
    term("almost-certain", 95, 100, [["almost certain", "adjective"]]),
  ],
};

/** US ICD 203 expressions of likelihood. */
export const ICD203: Scale = {
  id: "icd203",
  name: "ICD 203 expressions of likelihood",
  reference: "US Intelligence Community Directive 203, Analytic Standards (2015), D.6.b.(2)(a)",
  terms: [
    term("almost-no-chance", 1, 5, [
      ["almost no chance", "noun"],
      ["remote", "adjective"],
    ]),
    term("very-unlikely", 5, 20, [
      ["very unlikely", "adjective"],
      ["highly improbable", "adjective"],
    ]),
    term("unlikely", 20, 45, [
      ["unlikely", "adjective"],
      ["improbable", "adjective"],
    ]),
    term("roughly-even-chance", 45, 55, [
      ["roughly even chance", "noun"],
      ["roughly even odds", "noun", "There are roughly even odds"],
    ]),
    term("likely", 55, 80, [
      ["likely", "adjective"],
      ["probable", "adjective"],
    ]),
    term("very-likely", 80, 95, [
      ["very likely", "adjective"],
      ["highly probable", "adjective"],
    ]),
    term("almost-certain", 95, 99, [
      ["almost certain", "adjective"],
      ["nearly certain", "adjective"],
    ]),
  ],
};

/** The scales that ship with yardstick, by id. */
export const BUILT_IN_SCALES: Readonly<Record<string, Scale>> = { phia: PHIA, icd203: ICD203 };

/** The scale used when an assessment names none. */
export const DEFAULT_SCALE_ID = "phia";

/** Normalises a written term for lookup: lower case, single spaces, hyphens as spaces. */
export function normalizeTerm(text: string): string {
  return text.trim().toLowerCase().replace(/[-_\s]+/g, " ");
}

/** Each scale's wordings by their normalised text (first wording wins), made once per scale. */
const termIndex = new WeakMap<Scale, Map<string, ResolvedTerm>>();

/**
 * Finds the term a written likelihood names in a scale, or undefined. Both sides are normalised,
 * so a custom term declared as `better-than-even` is found as `better than even` and the other way round.
 */
export function resolveTerm(scale: Scale, written: string): ResolvedTerm | undefined {
  let index = termIndex.get(scale);
  if (!index) {
    index = new Map();
    for (const t of scale.terms) {
      for (const form of t.forms) {
        const key = normalizeTerm(form.text);
        if (!index.has(key)) index.set(key, { scale, term: t, form });
      }
    }
    termIndex.set(scale, index);
  }
  return index.get(normalizeTerm(written));
}

/** Every wording a scale accepts, canonical terms first. */
export function termTexts(scale: Scale): string[] {
  return scale.terms.flatMap((t) => t.forms.map((f) => f.text));
}

/** The midpoint of a term's range, used to compare terms across scales. */
export function midpoint(t: ScaleTerm): number {
  return (t.min + t.max) / 2;
}

/** Formats a term's range as "55–75 %" (or "≤5 %" / "≥95 %" at the ends). */
export function formatRange(t: ScaleTerm): string {
  if (t.min <= 0) return `≤${t.max} %`;
  if (t.max >= 100) return `≥${t.min} %`;
  return `${t.min}–${t.max} %`;
}
