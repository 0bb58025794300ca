/**
 * Text similarity on word tokens, used to pair evidence items that have no id across editions:
 * a reworded item is a change, not a removal plus an addition.
 */

/** Lower-case word tokens (letters and digits), punctuation and Markdown dropped. */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

function bag(items: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
}

function bigrams(tokens: readonly string[]): string[] {
  if (tokens.length < 2) return [...tokens];
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

/**
 * Similarity of two texts from 0 (nothing shared) to 1 (the same words in the same order):
 * the mean of the Dice coefficients of their words and of their word bigrams, so that shared
 * vocabulary counts and shared phrasing counts more.
 */
export function textSimilarity(a: string, b: string): number {
  return preparedSimilarity(prepareText(a), prepareText(b));
}

/** A text's word and bigram bags, computed once when a text is compared with many others. */
export interface PreparedText {
  words: Map<string, number>;
  wordCount: number;
  bigrams: Map<string, number>;
  bigramCount: number;
}

/** Tokenises a text once for {@link preparedSimilarity}. */
export function prepareText(text: string): PreparedText {
  const tokens = wordTokens(text);
  const grams = bigrams(tokens);
  return { words: bag(tokens), wordCount: tokens.length, bigrams: bag(grams), bigramCount: grams.length };
}

function diceBags(a: Map<string, number>, na: number, b: Map<string, number>, nb: number): number {
  if (na === 0 && nb === 0) return 1;
  if (na === 0 || nb === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [k, n] of small) shared += Math.min(n, large.get(k) ?? 0);
  return (2 * shared) / (na + nb);
}

/** {@link textSimilarity} of two prepared texts. */
export function preparedSimilarity(a: PreparedText, b: PreparedText): number {
  return (diceBags(a.words, a.wordCount, b.words, b.wordCount) + diceBags(a.bigrams, a.bigramCount, b.bigrams, b.bigramCount)) / 2;
}

/** A candidate pair for {@link greedyMatch}. */
export interface ScoredPair {
  oldIndex: number;
  newIndex: number;
  score: number;
}

/**
 * Pairs items greedily, best score first: each item is used at most once, and pairs under
 * their threshold (already filtered by the caller) are never made. Ties go to the earlier items,
 * so the result is deterministic.
 */
export function greedyMatch(pairs: readonly ScoredPair[]): ScoredPair[] {
  const sorted = [...pairs].sort((x, y) => y.score - x.score || x.oldIndex - y.oldIndex || x.newIndex - y.newIndex);
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const out: ScoredPair[] = [];
  for (const p of sorted) {
    if (usedOld.has(p.oldIndex) || usedNew.has(p.newIndex)) continue;
    usedOld.add(p.oldIndex);
    usedNew.add(p.newIndex);
    out.push(p);
  }
  return out;
}
