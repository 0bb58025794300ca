import type { Rule } from "../rule.js";
import { findPlaceholder, wordsOf } from "../text.js";

/** Words a finished clause does not end on. */
const DANGLING = new Set(["and", "or", "but", "nor", "the", "a", "an", "whose", "because", "whether"]);

/** Why a statement looks unfinished, or undefined. */
export function unfinishedReason(statement: string): { message: string; offset?: number; length?: number } | undefined {
  const text = statement.trim();
  const placeholder = findPlaceholder(text);
  if (placeholder) return { message: `statement contains the placeholder \`${placeholder.text}\``, offset: placeholder.offset, length: placeholder.text.length };
  const ending = /(\.\.\.|…|[:;,(–—-]|\?)$/u.exec(text);
  if (ending) {
    const what = ending[0] === "?" ? "is a question" : `ends with \`${ending[0]}\``;
    return { message: `statement ${what}, so it does not read as a finished claim` };
  }
  const words = wordsOf(text);
  if (words.length < 3) return { message: `statement has only ${words.length} word${words.length === 1 ? "" : "s"}, too few for a claim` };
  const last = words[words.length - 1]!;
  if (last.offset + last.text.length === text.length && DANGLING.has(last.lower)) {
    return { message: `statement ends on \`${last.text}\``, offset: last.offset, length: last.text.length };
  }
  return undefined;
}

/** A statement is one finished clause that makes a claim. */
export const unfinishedStatement: Rule = {
  meta: {
    id: "unfinished-statement",
    description: "A statement is a finished clause: no placeholder (`TODO`, `TBD`), no trailing `…`, `:` or `,`, not a question, at least three words.",
    severity: "warning",
    tags: ["style"],
    rationale: "A draft statement that reaches the brief reads as \"It is likely that TBD\"; the check catches it before readers do.",
    needs: [],
  },
  check(ctx) {
    ctx.assessment.judgments.forEach((j, i) => {
      const reason = unfinishedReason(j.statement);
      if (!reason) return;
      ctx.report({
        path: ["judgments", i, "statement"],
        within: reason.offset === undefined ? undefined : { offset: reason.offset, length: reason.length ?? 0 },
        message: reason.message,
        hint: "finish the clause that follows \"It is … that\": who will do what, and by when",
      });
    });
  },
  examples: {
    ok: [
      {
        title: "A finished clause",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: IS-K will attack XXX Corps positions in Herat before 2023.
`,
      },
    ],
    notOk: [
      {
        title: "A placeholder, a trailing ellipsis, a question and a fragment",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: IS-K will attack TBD.
  - id: recruitment
    likelihood: likely
    statement: Recruitment will rise because…
  - id: funding
    likelihood: unlikely
    statement: Will funding fall?
  - id: talks
    likelihood: unlikely
    statement: Talks resume.
`,
        lines: [9, 12, 15, 18],
      },
    ],
  },
};
