/**
 * Word-level diffs of free text (statements, evidence, summaries) with jsdiff.
 */
import { diffWords } from "diff";
import type { TextChange, WordRun } from "./types.js";

/** Collapses runs of whitespace so that re-wrapping a YAML block is not a change. */
export function normalizeSpace(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

/** The word runs turning `a` into `b`, adjacent runs of the same kind merged. */
export function wordRuns(a: string, b: string): WordRun[] {
  const runs: WordRun[] = [];
  for (const part of diffWords(a, b)) {
    const op: WordRun["op"] = part.added ? "insert" : part.removed ? "delete" : "equal";
    const last = runs[runs.length - 1];
    if (last && last.op === op) last.text += part.value;
    else runs.push({ op, text: part.value });
  }
  return runs;
}

/** A text change, or undefined when the texts are the same (whitespace aside). */
export function textChange(a: string, b: string): TextChange | undefined {
  const oldText = normalizeSpace(a);
  const newText = normalizeSpace(b);
  if (oldText === newText) return undefined;
  return { old: oldText, new: newText, words: wordRuns(oldText, newText) };
}
