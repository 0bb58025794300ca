/**
 * Applying the fixes carried by diagnostics to a text: non-overlapping edits, in one splice.
 */
import type { Diagnostic, Fix } from "../diagnostics/diagnostic.js";

/** A diagnostic with its fix. */
export type Fixable = Diagnostic & { fix: Fix };

/** What {@link applyFixes} did. */
export interface AppliedFixes {
  text: string;
  /** Diagnostics whose fix was applied (two diagnostics with the same edit count once each). */
  applied: Fixable[];
  /** Diagnostics whose fix overlapped an earlier one; a later pass may apply them. */
  deferred: Fixable[];
}

/** True when a diagnostic carries a fix. */
export function isFixable(d: Diagnostic): d is Fixable {
  return d.fix !== undefined;
}

/**
 * Applies every fix that does not overlap an earlier one (by start offset). Identical edits (one
 * node reached through two paths) are applied once. Offsets are UTF-16 offsets into `text`.
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): AppliedFixes {
  const fixable = diagnostics.filter(isFixable).filter((d) => d.fix.range[0] >= 0 && d.fix.range[0] <= d.fix.range[1] && d.fix.range[1] <= text.length);
  const ordered = [...fixable].sort((a, b) => a.fix.range[0] - b.fix.range[0] || a.fix.range[1] - b.fix.range[1]);
  const applied: Fixable[] = [];
  const deferred: Fixable[] = [];
  const parts: string[] = [];
  let at = 0;
  let last: Fix | undefined;
  for (const d of ordered) {
    const [start, end] = d.fix.range;
    if (last && start === last.range[0] && end === last.range[1] && d.fix.replacement === last.replacement) {
      applied.push(d);
      continue;
    }
    if (start < at) {
      deferred.push(d);
      continue;
    }
    parts.push(text.slice(at, start), d.fix.replacement);
    at = end;
    last = d.fix;
    applied.push(d);
  }
  parts.push(text.slice(at));
  return { text: parts.join(""), applied, deferred };
}
