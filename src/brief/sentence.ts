/**
 * Composing key-judgment sentences from a likelihood term and a statement:
 * "It is highly likely that …", "There is a realistic possibility that …".
 */
import type { ResolvedTerm } from "../schema/scales.js";

/** The parts of a sentence around the statement. */
export interface SentenceParts {
  /** Words before the term ("It is ", "There is a "). */
  lead: string;
  /** The term as written in the sentence. */
  term: string;
  /** " that ". */
  link: string;
}

/** Splits a term's phrase into lead and term: "There is a realistic possibility" → ["There is a ", "realistic possibility"]. */
export function sentenceParts(resolved: ResolvedTerm): SentenceParts {
  const { phrase, text } = resolved.form;
  const at = phrase.toLowerCase().lastIndexOf(text);
  if (at >= 0) return { lead: phrase.slice(0, at), term: phrase.slice(at, at + text.length), link: phrase.slice(at + text.length) + " that " };
  // A custom phrase without the term: the renderers still show the term after the lead, so
  // both sides of it keep their space ("We judge the odds even **even odds** that …").
  return { lead: `${phrase.trimEnd()} `, term: "", link: " that " };
}

/** The words before the statement as plain text, without a doubled space where the term is empty. */
export function leadText(parts: SentenceParts): string {
  return `${parts.lead}${parts.term}${parts.link}`.replace(/ {2,}/g, " ");
}

/** Ends a statement with a full stop unless it already ends with sentence punctuation. */
export function finishStatement(statement: string): string {
  const s = statement.trim().replace(/\s+/g, " ");
  return /[.!?…]["'”’)\]]*$/.test(s) ? s : `${s}.`;
}

/** The plain-text sentence: "It is highly likely that IS-K will continue …". */
export function composeSentence(resolved: ResolvedTerm, statement: string): string {
  const p = sentenceParts(resolved);
  return `${leadText(p)}${finishStatement(statement)}`;
}
