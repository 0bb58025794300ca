/**
 * "Did you mean …?" suggestions.
 */
import { distance } from "fastest-levenshtein";

/**
 * The candidate closest to `input`, if it is close enough to be a plausible typo
 * (edit distance at most a third of the longer word, and at most 4), or one contains the other.
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const wanted = input.trim().toLowerCase();
  if (wanted === "") return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c === wanted) return candidate;
    const d = distance(wanted, c);
    const limit = Math.min(4, Math.max(1, Math.floor(Math.max(wanted.length, c.length) / 3)));
    const contains = wanted.length >= 3 && (c.includes(wanted) || wanted.includes(c));
    const score = d <= limit ? d : contains ? limit + 0.5 : Infinity;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** "did you mean `x`?" or undefined. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const c = closest(input, candidates);
  return c === undefined ? undefined : `did you mean \`${c}\`?`;
}
