/**
 * Word-level scanning of free text for the standards rules: words with their offsets, with quoted
 * text, code, links and citation markers masked out so that rules never flag words the analyst
 * is quoting or linking.
 */

/** A word of a text and where it is. */
export interface Word {
  /** The word as written. */
  text: string;
  /** Lower-case form, for matching. */
  lower: string;
  /** Offset of the first character in the text. */
  offset: number;
}

/** A run of words matched in a text. */
export interface Match {
  /** The words as written, with the text between them. */
  text: string;
  offset: number;
  length: number;
  /** Index of the first matched word in the word list. */
  first: number;
  /** Index of the last matched word. */
  last: number;
}

const MASKS: RegExp[] = [
  /`[^`]*`/g, // code spans
  /\[@[^\]]*\]/g, // citation markers
  /\]\([^)]*\)/g, // link destinations
  /<[a-z][a-z0-9+.-]*:[^>\s]*>/gi, // autolinks
  /\bhttps?:\/\/\S+/gi, // bare URLs
  /"[^"\n]*"/g, // straight double quotes
  /“[^”]*”/g, // curly double quotes
  /(^|[\s(])‘[^’]*’(?=$|[\s).,;:!?])/g, // curly single quotes (an apostrophe is not an opening quote)
  /(^|[\s(])'[^'\n]*'(?=$|[\s).,;:!?])/g, // straight single quotes around words
];

/**
 * The text with quoted passages, code spans, link targets, URLs and `[@id]` markers blanked out
 * by spaces, so offsets into the result are offsets into the original.
 */
export function maskQuoted(text: string): string {
  let out = text;
  for (const re of MASKS) {
    out = out.replace(re, (m: string, lead?: unknown) => {
      const keep = typeof lead === "string" ? lead : "";
      return keep + " ".repeat(m.length - keep.length);
    });
  }
  return out;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

const wordIndexes = new WeakMap<readonly Word[], Map<string, number[]>>();

/** Where each lower-case word occurs in a word list, in order (made once per list). */
function startsOf(words: readonly Word[], lower: string): readonly number[] {
  let index = wordIndexes.get(words);
  if (!index) {
    index = new Map();
    words.forEach((w, i) => {
      const at = index!.get(w.lower);
      if (at) at.push(i);
      else index!.set(w.lower, [i]);
    });
    wordIndexes.set(words, index);
  }
  return index.get(lower) ?? [];
}

/** The words of a text with their offsets. Quoted text is not masked here: call {@link maskQuoted} first. */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ text: m[0], lower: m[0].toLowerCase(), offset: m.index });
  return out;
}

/**
 * Finds a phrase (lower-case words separated by single spaces) in a word list: consecutive words
 * separated only by whitespace in the original text.
 */
export function findPhrase(text: string, words: readonly Word[], phrase: string): Match[] {
  const parts = phrase.split(" ");
  const out: Match[] = [];
  // Rules look for dozens of phrases in one word list: only the places its first word is at are tried.
  for (const i of startsOf(words, parts[0] ?? "")) {
    if (i + parts.length > words.length) break;
    let ok = true;
    for (let k = 0; k < parts.length && ok; k++) {
      const w = words[i + k]!;
      if (w.lower !== parts[k]) ok = false;
      else if (k > 0) {
        const prev = words[i + k - 1]!;
        if (!/^\s+$/.test(text.slice(prev.offset + prev.text.length, w.offset))) ok = false;
      }
    }
    if (!ok) continue;
    const first = words[i]!;
    const last = words[i + parts.length - 1]!;
    const end = last.offset + last.text.length;
    out.push({ text: text.slice(first.offset, end), offset: first.offset, length: end - first.offset, first: i, last: i + parts.length - 1 });
  }
  return out;
}

const normalized = new Map<string, string>();

/** Collapses whitespace and case, for comparing texts written slightly differently. */
export function normalizeText(text: string): string {
  // Two rules compare every evidence text: each is normalised once (the memo is bounded).
  const known = normalized.get(text);
  if (known !== undefined) return known;
  if (normalized.size >= 4096) normalized.clear();
  const out = normalizeOnce(text);
  normalized.set(text, out);
  return out;
}

function normalizeOnce(text: string): string {
  return text
    .replace(/\[@[^\]]*\]/g, " ")
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, " ")
    .replace(/[\s.;,:!]+$/u, "")
    .trim();
}

/** Markers analysts leave in drafts (upper-case markers only, so "tbd" in prose is not one; not "XXX Corps"). */
const PLACEHOLDER = /\b(?:TODO|TBD|TBC|FIXME)\b|\bXXX\b(?!\s+[A-Z0-9])|\b[Ll]orem ipsum\b|[[<]\s*[Ii]nsert\b/;

/** The first draft placeholder (`TODO`, `TBD`, `XXX`, `[insert …]`, lorem ipsum) in a text. */
export function findPlaceholder(text: string): { text: string; offset: number } | undefined {
  const m = PLACEHOLDER.exec(text);
  return m ? { text: m[0], offset: m.index } : undefined;
}
