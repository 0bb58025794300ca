/**
 * The estimative sentence of a key judgment: which term it uses, on which scale, the clause it
 * qualifies, and any confidence phrase. Recognised forms:
 *
 * - "It is highly likely that …"  /  "It is **likely** (55–75 %) that …"
 * - "There is a realistic possibility that …"  /  "There are roughly even odds that …"
 * - "We assess with moderate confidence that it is likely that …"
 * - "X is likely to …" → statement "X will …" (rephrased: the original goes into a note)
 * - "X will very likely …" → statement "X will …" (rephrased likewise)
 */
import type { Confidence } from "../schema/assessment.js";
import { normalizeTerm, type Scale } from "../schema/scales.js";

/** A term found in a sentence. */
export interface FoundTerm {
  /** The words as written, lower case and single-spaced ("highly likely"). */
  text: string;
  /** Scales (ids) whose terms or aliases include these words. */
  scales: string[];
}

/** What the sentence says. */
export interface ParsedSentence {
  term?: FoundTerm;
  /** The clause the term qualifies, in the original words (or rephrased, see `rephrased`). */
  statement: string;
  confidence?: Confidence;
  /** True when the statement is not a verbatim clause of the original sentence. */
  rephrased?: boolean;
  /** Further term words in the same sentence (a second estimate, or a term inside the clause). */
  otherTerms: FoundTerm[];
}

const CONFIDENCE_WORDS: Readonly<Record<string, Confidence>> = { low: "low", moderate: "moderate", medium: "moderate", med: "moderate", high: "high" };

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const indexes = new WeakMap<readonly Scale[], { index: Map<string, string[]>; alternation: string }>();

/** The term index and pattern of a list of scales, made once per list. */
function termsOf(scales: readonly Scale[]): { index: Map<string, string[]>; alternation: string } {
  let known = indexes.get(scales);
  if (!known) {
    const index = termIndex(scales);
    known = { index, alternation: termAlternation(index) };
    indexes.set(scales, known);
  }
  return known;
}

/** Every term wording across the scales, longest first, with the scales that use it. */
export function termIndex(scales: readonly Scale[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const scale of scales) {
    for (const t of scale.terms) {
      for (const f of t.forms) {
        const key = normalizeTerm(f.text);
        const list = index.get(key) ?? [];
        if (!list.includes(scale.id)) list.push(scale.id);
        index.set(key, list);
      }
    }
  }
  return new Map([...index.entries()].sort((a, b) => b[0].length - a[0].length || a[0].localeCompare(b[0])));
}

/** A pattern source matching any term (words separated by spaces or hyphens), longest first. */
function termAlternation(index: Map<string, string[]>): string {
  return [...index.keys()].map((k) => k.split(" ").map(escape).join("[\\s-]+")).join("|");
}

/** Removes Markdown emphasis around the term: `It is **likely** that` → `It is likely that`. */
function unemphasise(text: string, terms: string): string {
  return text.replace(new RegExp(String.raw`(\*\*|__|\*|_)(${terms})\1`, "gi"), "$2");
}

const RANGE = String.raw`(?:\s*[(\[]\s*[≤≥<>]?\s*\d{1,3}(?:\s*[–—-]\s*\d{1,3})?\s*%\s*[)\]])?`;

/** Finds the estimative sentence in one line of text, or undefined when there is none. */
export function parseSentence(raw: string, scales: readonly Scale[]): ParsedSentence | undefined {
  const { index, alternation: terms } = termsOf(scales);
  let text = unemphasise(raw, terms).trim();
  let confidence: Confidence | undefined;
  const conf = new RegExp(String.raw`\s*\(\s*(low|moderate|medium|med|high)[\s-]+confidence\s*\)`, "i").exec(text);
  if (conf) {
    confidence = CONFIDENCE_WORDS[conf[1]!.toLowerCase()];
    text = (text.slice(0, conf.index) + text.slice(conf.index + conf[0].length)).trim();
  }
  const lead = new RegExp(String.raw`^we\s+(?:assess|judge|estimate|believe)(?:\s+with\s+(low|moderate|medium|med|high)\s+confidence)?(?:\s+that)?\s+`, "i").exec(text);
  if (lead) {
    if (lead[1]) confidence = CONFIDENCE_WORDS[lead[1].toLowerCase()];
    text = text.slice(lead[0].length);
  }
  const found = (words: string): FoundTerm => {
    const key = normalizeTerm(words);
    return { text: key, scales: index.get(key) ?? [] };
  };
  const rest = (statement: string, term: FoundTerm | undefined, rephrased = false): ParsedSentence => {
    const others: FoundTerm[] = [];
    const all = new RegExp(String.raw`\b(${terms})\b`, "gi");
    for (const m of statement.matchAll(all)) others.push(found(m[1]!));
    return { ...(term ? { term } : {}), statement: statement.trim(), ...(confidence ? { confidence } : {}), ...(rephrased ? { rephrased } : {}), otherTerms: others };
  };
  let m = new RegExp(String.raw`^it\s+is\s+(${terms})${RANGE}\s+that\s+(.+)$`, "is").exec(text);
  if (m) return rest(m[2]!, found(m[1]!));
  m = new RegExp(String.raw`^there\s+(?:is|are)\s+(?:an?\s+)?(${terms})${RANGE}\s+that\s+(.+)$`, "is").exec(text);
  if (m) return rest(m[2]!, found(m[1]!));
  m = new RegExp(String.raw`^it\s+is\s+(${terms})${RANGE}\s+(.+)$`, "is").exec(text);
  if (m) return rest(m[2]!, found(m[1]!), true);
  m = new RegExp(String.raw`^(.{1,200}?)\s+(?:is|are)\s+(${terms})${RANGE}\s+to\s+(.+)$`, "is").exec(text);
  if (m) return rest(`${m[1]} will ${m[3]}`, found(m[2]!), true);
  m = new RegExp(String.raw`^(.{1,200}?)\s+will\s+(${terms})${RANGE}\s+(.+)$`, "is").exec(text);
  if (m) return rest(`${m[1]} will ${m[3]}`, found(m[2]!), true);
  if (lead) return rest(text, undefined);
  return undefined;
}
