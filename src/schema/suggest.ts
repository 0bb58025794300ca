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
    const d = swapped(wanted, c) ? 1 : distance(wanted, c);
    const limit = Math.min(4, Math.max(1, Math.floor(Math.max(wanted.length, c.length) / 3)));
    const contains = wanted.length >= 3 && (c.includes(wanted) || wanted.includes(c));
    // "hi" → "high": a short abbreviation of one candidate.
    const prefix = wanted.length >= 2 && c.startsWith(wanted);
    // Replacing every character is no typo ("G" is not a misspelt "A").
    const plausible = d <= limit && d < Math.min(wanted.length, c.length);
    const score = plausible ? d : contains || prefix ? limit + 0.5 : Infinity;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** True when `a` becomes `b` by swapping two adjacent characters ("herta" → "herat"). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** "did you mean `x`?" or undefined. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const c = closest(input, candidates);
  return c === undefined ? undefined : `did you mean \`${c}\`?`;
}

/**
 * Every candidate that `input` is a plausible typo of (the same test as {@link closest}, without
 * its abbreviation and containment guesses), closest first. A fix is safe only when there is
 * exactly one.
 */
export function typoCandidates(input: string, candidates: Iterable<string>): string[] {
  return scoredTypos(input, candidates).map((s) => s.candidate);
}

function scoredTypos(input: string, candidates: Iterable<string>): Array<{ candidate: string; d: number }> {
  const wanted = input.trim().toLowerCase();
  if (wanted === "") return [];
  const scored: Array<{ candidate: string; d: number }> = [];
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const d = c === wanted ? 0 : swapped(wanted, c) ? 1 : distance(wanted, c);
    const limit = Math.min(4, Math.max(1, Math.floor(Math.max(wanted.length, c.length) / 3)));
    if (d === 0 || (d <= limit && d < Math.min(wanted.length, c.length))) scored.push({ candidate, d });
  }
  return scored.sort((a, b) => a.d - b.d);
}

/**
 * The one candidate `input` is a typo of, when the answer is safe: it is the only plausible
 * candidate, or it is at least two edits closer than any other (`higly likely` is one edit from
 * `highly likely` and three from `highly unlikely`).
 */
export function onlyTypoCandidate(input: string, candidates: Iterable<string>): string | undefined {
  const found = scoredTypos(input, candidates);
  if (found.length === 0) return undefined;
  if (found.length === 1 || found[1]!.d - found[0]!.d >= 2) return found[0]!.candidate;
  return undefined;
}
