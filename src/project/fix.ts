/**
 * `check --fix`: applies the fixes that diagnostics carry (each has exactly one safe answer), as
 * text edits on the file's own text, so comments, quoting, order and blank lines survive. Fixing
 * one problem can reveal or enable another (a renamed key whose value was misspelt), so it checks
 * again, up to a few passes, then writes once, atomically.
 */
import { readFileSync } from "node:fs";
import { lstatSync } from "node:fs";
import { readInput } from "../io/read.js";
import { writeFileGuarded } from "../io/write.js";
import type { ConfigResolver } from "../config/load.js";
import { applyFixes, isFixable, type Fixable } from "../fix/apply.js";
import { checkFile, checkText, type CheckedFile, type CheckOptions } from "./check.js";

/** Most check-and-fix passes over one file. */
export const MAX_FIX_PASSES = 10;

/** One applied fix, positioned in the text it was applied to. */
export interface AppliedFix {
  diagnostic: Fixable;
  /** 1-based pass in which it was applied (positions refer to the text before that pass). */
  pass: number;
}

/** What fixing one file did. */
export interface FixedFile {
  file: string;
  /** The text before (after the byte-order mark, if any). */
  before: string;
  /** The text after every fix. */
  after: string;
  applied: AppliedFix[];
  /** The check of the fixed text: what is left. */
  checked: CheckedFile;
  /** True when the file was rewritten (not for a dry run, nor when nothing changed). */
  written: boolean;
}

const BOM = "\uFEFF";

/** Fixes a text in memory: the fixed text, what was applied, and the final check. */
export function fixText(text: string, file: string, configs: ConfigResolver, options: CheckOptions = {}): Omit<FixedFile, "written"> {
  const config = configs.forFile(file);
  let current = text;
  let checked = checkText(current, file, config, options);
  const applied: AppliedFix[] = [];
  for (let pass = 1; pass <= MAX_FIX_PASSES; pass++) {
    const fixable = checked.diagnostics.filter(isFixable);
    if (fixable.length === 0) break;
    const result = applyFixes(current, fixable);
    if (result.applied.length === 0 || result.text === current) break;
    for (const d of result.applied) applied.push({ diagnostic: d, pass });
    current = result.text;
    checked = checkText(current, file, config, options);
  }
  return { file, before: text, after: current, applied, checked };
}

/**
 * Writes a fixed text in place of the file through the guarded writer (a temporary file in the
 * same folder, flushed, renamed over the original, the folder flushed; never through a symbolic
 * link), keeping the file's mode. The one place `--fix` writes.
 */
export async function writeFixedText(file: string, text: string): Promise<void> {
  const mode = lstatSync(file).mode & 0o7777;
  await writeFileGuarded(file, text, { mode });
}

/**
 * Fixes one file on disk (or, with `dryRun`, only computes the fixes). A file that cannot be read
 * or decoded is checked as usual and left alone.
 */
export async function fixFile(file: string, configs: ConfigResolver, options: CheckOptions & { dryRun?: boolean } = {}): Promise<FixedFile> {
  let bytes: Buffer;
  try {
    bytes = readInput(file, { maxBytes: configs.forFile(file).data.maxFileBytes });
  } catch {
    const checked = checkFile(file, configs, options);
    return { file, before: "", after: "", applied: [], checked, written: false };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const checked = checkFile(file, configs, options);
    return { file, before: "", after: "", applied: [], checked, written: false };
  }
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  const fixed = fixText(body, file, configs, options);
  const changed = fixed.after !== fixed.before;
  if (changed && options.dryRun !== true) await writeFixedText(file, (bom ? BOM : "") + fixed.after);
  return { ...fixed, written: changed && options.dryRun !== true };
}
