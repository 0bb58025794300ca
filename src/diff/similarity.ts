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

/** Sørensen–Dice coefficient of two multisets. */
function dice(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const bb = bag(b);
  let shared = 0;
  for (const x of a) {
    const n = bb.get(x) ?? 0;
    if (n > 0) {
      shared++;
      bb.set(x, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
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
  const ta = wordTokens(a);
  const tb = wordTokens(b);
  return (dice(ta, tb) + dice(bigrams(ta), bigrams(tb))) / 2;
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
