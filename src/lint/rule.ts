/**
 * The rule engine's types: a rule is metadata plus a check that reports findings at paths.
 */
import type { Assessment } from "../schema/assessment.js";
import type { DocPath } from "../schema/positions.js";
import type { Scale } from "../schema/scales.js";
import type { ConfigData } from "../config/schema.js";
import { MESSAGE_PLACEHOLDER, type MessageData } from "../diagnostics/codes.js";

/** The default severity of a rule (`info` for advice that never fails a run, even with `--strict`). */
export type RuleSeverity = "error" | "warning" | "info";

/** What a rule is, for docs, config and output. */
export interface RuleMeta {
  /** kebab-case id, used in output and in `rules:` of yardstick.config.yaml. */
  id: string;
  /** One line: what the rule reports. */
  description: string;
  severity: RuleSeverity;
  /** e.g. "correctness", "sourcing", "uncertainty", "dates", "style". */
  tags: string[];
  /** One sentence: why it matters. */
  rationale: string;
  /**
   * What the rule must see intact to give no false finding, as abstract paths into the assessment
   * (`cutoff`, `scale`, `judgments[].confidence`, `judgments[]` for "no judgment left out"). When a
   * file has schema errors, rules run on its valid part; a rule is skipped when something it needs
   * was left out (see `needsBroken`). Required fields of a judgment, source or evidence item need
   * no mention: an item with a broken required field is left out of its list as a whole.
   */
  needs: readonly string[];
  /**
   * The rule's messages by message id (ESLint's `meta.messages`): one sentence each, with
   * `{name}` placeholders that every finding of that id fills from its `data`.
   */
  messages: Readonly<Record<string, string>>;
}

/** A finding reported by a rule, positioned by its path in the document. */
export interface Finding {
  path: DocPath;
  /** Which of the rule's `meta.messages` this is; an id the rule does not define is a bug (throws). */
  messageId: string;
  /** Values of the message's `{placeholder}`s; a placeholder left without a value is a bug (throws). */
  data?: MessageData;
  /** How to fix it, in free text. */
  hint?: string;
  /** Point at the key rather than the value (e.g. for an unused source). */
  at?: "key" | "value";
  /**
   * Narrow the position to a part of the value's text: the character offset and length inside the
   * scalar's decoded value (used for a hedge word inside a statement, when the scalar is plain).
   */
  within?: { offset: number; length: number };
  /**
   * The one safe repair, when there is exactly one: the scalar at `path` (its key with
   * `at: "key"`) is rewritten to `replacement`. The engine turns it into a text edit.
   */
  fix?: { replacement: string };
}

/** Everything a rule may look at. */
export interface RuleContext {
  file: string;
  assessment: Assessment;
  /** The assessment's scale, when it resolves. */
  scale: Scale | undefined;
  /** Every scale known for this file: built-in plus custom. */
  scales: Readonly<Record<string, Scale>>;
  config: ConfigData;
  /** Today, or `--as-of`, as YYYY-MM-DD. */
  asOf: string;
  /** Top-level fields left out of a file's valid part (given placeholders): rules that walk every field skip them. */
  brokenFields: ReadonlySet<string>;
  report(finding: Finding): void;
}

export { placeholdersOf } from "../diagnostics/codes.js";

/**
 * The message a finding of `rule` reads: its template filled with the finding's data. Throws on a
 * message id the rule does not define or a placeholder left without a value (both are bugs of the rule).
 */
export function findingMessage(meta: Pick<RuleMeta, "id" | "messages">, messageId: string, data: MessageData = {}): string {
  const template = Object.hasOwn(meta.messages, messageId) ? meta.messages[messageId] : undefined;
  if (template === undefined) throw new Error(`rule ${meta.id} reports the message \`${messageId}\`, which it does not define`);
  return template.replace(MESSAGE_PLACEHOLDER, (_whole, name: string) => {
    if (!Object.hasOwn(data, name)) throw new Error(`rule ${meta.id}: message \`${messageId}\` has the placeholder \`{${name}}\` but no value for it`);
    return String(data[name]);
  });
}

/** An example for a rule's docs and tests: a small assessment that passes or trips the rule. */
export interface RuleExample {
  /** What the example shows. */
  title: string;
  /** A whole assessment in YAML. */
  yaml: string;
  /** Date to check against, for rules that depend on today. */
  asOf?: string;
  /** For not-ok examples: the 1-based lines the rule must report, in order. */
  lines?: number[];
}

/** A lint rule: metadata, a check, and the examples that are both its tests and its docs. */
export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
  examples: { ok: RuleExample[]; notOk: RuleExample[] };
}

/**
 * True when something a rule needs was left out of a file's valid part. `broken` holds abstract
 * paths of what was left out: a field (`judgments[].horizon`, `cutoff`) or the items of a list
 * (`judgments[]`). A need is broken by itself, by a field around it, or — unless the need names
 * the items of a list — by anything inside it.
 */
export function needsBroken(needs: readonly string[], broken: ReadonlySet<string>): string | undefined {
  if (broken.size === 0) return undefined;
  const inside = (inner: string, outer: string) => inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  for (const need of needs) {
    for (const b of broken) {
      if (b === need) return need;
      if (inside(need, b) && !b.endsWith("[]")) return need;
      if (!need.endsWith("[]") && inside(b, need)) return need;
    }
  }
  return undefined;
}
