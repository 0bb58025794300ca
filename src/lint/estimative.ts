/**
 * Estimative language inside a judgment's statement: hedge words ("may", "possibly"), likelihood
 * terms of any known scale ("unlikely", "very likely") and absolute words ("certainly").
 * One analysis feeds the hedged-statement, conflicting-term and absolute-language rules, so each
 * word is reported by exactly one of them.
 */
import type { Judgment } from "../schema/assessment.js";
import { midpoint, resolveTerm, type ResolvedTerm, type Scale, type ScaleTerm } from "../schema/scales.js";
import { findPhrase, maskQuoted, wordsOf, type Match, type Word } from "./text.js";

/** Words and phrases that hedge a statement that already carries a likelihood term. */
export const HEDGES: readonly string[] = [
  "appears to",
  "appear to",
  "seems to",
  "seem to",
  "it is possible",
  "may",
  "might",
  "could",
  "maybe",
  "perhaps",
  "possibly",
  "probably",
  "possible",
  "potentially",
  "conceivably",
  "presumably",
  "likely",
  "unlikely",
  "probable",
  "improbable",
];

/** Words that claim certainty. */
export const ABSOLUTES: readonly string[] = [
  "certainly",
  "definitely",
  "undoubtedly",
  "unquestionably",
  "indisputably",
  "inevitably",
  "inevitable",
  "surely",
  "without doubt",
  "without a doubt",
  "beyond doubt",
  "beyond any doubt",
  "no doubt",
  "certain to",
  "for certain",
  "for sure",
];

/** Term wordings too common as ordinary words to read as a likelihood ("remote areas"). */
const AMBIGUOUS_TERMS = new Set(["remote"]);

/** Words before "likely" etc. that make a comparison, not a hedge ("more likely", "as likely as"). */
const COMPARATIVES = new Set(["more", "less", "most", "least", "as", "so", "too", "how", "increasingly", "equally"]);

/** Words before "might" that make it the noun ("military might"). */
const MIGHT_NOUN_BEFORE = new Set(["the", "its", "their", "his", "her", "our", "your", "my", "whose", "military", "economic", "naval", "full", "all", "great", "sheer"]);

/** Words before "possible" that make it a set phrase ("as soon as possible", "where possible"). */
const POSSIBLE_SET_BEFORE = new Set(["as", "where", "when", "whenever", "wherever", "if", "everything", "anything", "all", "made", "make", "makes", "making"]);

/** What a word in a statement is, for the rules. */
export type EstimativeKind = "hedge" | "conflict" | "absolute";

/** An estimative word or phrase found in a statement. */
export interface EstimativeWord {
  kind: EstimativeKind;
  /** The words as written. */
  text: string;
  offset: number;
  length: number;
  /** For terms: what the words mean on a scale. */
  term?: ResolvedTerm;
  /** For terms: the band of the assessment's scale they fall in (the nearest band for another scale's term). */
  band?: ScaleTerm;
}

const formsCache = new WeakMap<object, ReadonlyArray<{ text: string; scale: Scale }>>();

/** Every wording of every known scale, longest first, with what it resolves to (made once per set of scales). */
function termForms(scales: Readonly<Record<string, Scale>>): ReadonlyArray<{ text: string; scale: Scale }> {
  const known = formsCache.get(scales);
  if (known) return known;
  const forms = collectTermForms(scales);
  formsCache.set(scales, forms);
  return forms;
}

function collectTermForms(scales: Readonly<Record<string, Scale>>): Array<{ text: string; scale: Scale }> {
  const seen = new Set<string>();
  const out: Array<{ text: string; scale: Scale }> = [];
  for (const scale of Object.values(scales)) {
    for (const t of scale.terms) {
      for (const f of t.forms) {
        const key = `${scale.id}\u0000${f.text}`;
        if (seen.has(key) || AMBIGUOUS_TERMS.has(f.text)) continue;
        seen.add(key);
        out.push({ text: f.text, scale });
      }
    }
  }
  return out.sort((a, b) => b.text.split(" ").length - a.text.split(" ").length || b.text.length - a.text.length);
}

/** The declared scale's band nearest to a term of another scale. */
function nearestBand(scale: Scale, term: ScaleTerm): ScaleTerm {
  return scale.terms.reduce((best, t) => (Math.abs(midpoint(t) - midpoint(term)) < Math.abs(midpoint(best) - midpoint(term)) ? t : best));
}

function isMonthMay(text: string, words: readonly Word[], i: number): boolean {
  const w = words[i]!;
  if (w.text !== "May") return false;
  if (w.offset > 0) return true; // a capitalised "May" inside a sentence is the month
  const next = words[i + 1];
  return next !== undefined && /^\d/.test(next.text);
}

function isNounMight(text: string, words: readonly Word[], i: number): boolean {
  const prev = words[i - 1];
  const next = words[i + 1];
  if (prev && (MIGHT_NOUN_BEFORE.has(prev.lower) || /['’]s$/.test(prev.lower))) return true;
  const w = words[i]!;
  const after = text.slice(w.offset + w.text.length);
  if (!next || /^\s*[.,;:!?)]/.test(after)) return true;
  return next.lower === "of" || next.lower === "and" || next.lower === "or";
}

/** True when a match is an ordinary use of the words rather than estimative language. */
function isOrdinaryUse(text: string, words: readonly Word[], m: Match): boolean {
  const word = words[m.first]!;
  const prev = words[m.first - 1];
  if (m.first === m.last) {
    if (word.lower === "may") return isMonthMay(text, words, m.first);
    if (word.lower === "might") return isNounMight(text, words, m.first);
    if (word.lower === "possible") return prev !== undefined && POSSIBLE_SET_BEFORE.has(prev.lower);
  }
  // "more likely", "as probable as": a comparison the statement makes, not a hedge of it.
  return prev !== undefined && COMPARATIVES.has(prev.lower) && /^(likely|unlikely|probable|improbable|possible)$/.test(word.lower);
}

/**
 * The estimative words in a judgment's statement, in text order, without overlaps:
 * scale terms first (longest wording wins), then hedges and absolutes.
 *
 * @param scale the assessment's scale, when it resolves
 */
export function estimativeWords(judgment: Pick<Judgment, "statement" | "likelihood">, scale: Scale | undefined, scales: Readonly<Record<string, Scale>>): readonly EstimativeWord[] {
  // Three rules scan each statement; the scan is done once per judgment object and scale set.
  const hit = scanCache.get(judgment);
  if (hit && hit.scale === scale && hit.scales === scales) return hit.words;
  const words = scanStatement(judgment, scale, scales);
  scanCache.set(judgment, { scale, scales, words });
  return words;
}

const scanCache = new WeakMap<object, { scale: Scale | undefined; scales: Readonly<Record<string, Scale>>; words: readonly EstimativeWord[] }>();

const sortedLists = new WeakMap<readonly string[], readonly string[]>();

/** A phrase list with its longest phrases (in words) first, sorted once. */
function longestFirst(list: readonly string[]): readonly string[] {
  let sorted = sortedLists.get(list);
  if (!sorted) {
    sorted = [...list].sort((a, b) => b.split(" ").length - a.split(" ").length);
    sortedLists.set(list, sorted);
  }
  return sorted;
}

function scanStatement(judgment: Pick<Judgment, "statement" | "likelihood">, scale: Scale | undefined, scales: Readonly<Record<string, Scale>>): EstimativeWord[] {
  const text = maskQuoted(judgment.statement);
  const words = wordsOf(text);
  const taken = new Set<number>();
  const out: EstimativeWord[] = [];
  const declared = scale ? resolveTerm(scale, judgment.likelihood) : undefined;
  const claim = (m: Match): boolean => {
    for (let k = m.first; k <= m.last; k++) if (taken.has(k)) return false;
    for (let k = m.first; k <= m.last; k++) taken.add(k);
    return true;
  };

  for (const form of termForms(scales)) {
    for (const m of findPhrase(text, words, form.text)) {
      if (isOrdinaryUse(text, words, m) || !claim(m)) continue;
      const inDeclared = scale ? resolveTerm(scale, form.text) : undefined;
      const term = inDeclared ?? resolveTerm(form.scale, form.text)!;
      const band = inDeclared ? inDeclared.term : scale ? nearestBand(scale, term.term) : undefined;
      const same = declared !== undefined && band?.id === declared.term.id;
      out.push({ kind: declared && !same ? "conflict" : "hedge", text: m.text, offset: m.offset, length: m.length, term, band });
    }
  }
  const scan = (list: readonly string[], kind: EstimativeKind) => {
    for (const phrase of longestFirst(list)) {
      for (const m of findPhrase(text, words, phrase)) {
        if (isOrdinaryUse(text, words, m) || !claim(m)) continue;
        out.push({ kind, text: m.text, offset: m.offset, length: m.length });
      }
    }
  };
  scan(HEDGES, "hedge");
  scan(ABSOLUTES, "absolute");
  return out.sort((a, b) => a.offset - b.offset);
}
