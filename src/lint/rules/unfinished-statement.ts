import type { Rule } from "../rule.js";
import { findPlaceholder, wordsOf } from "../text.js";
import type { MessageData } from "../../diagnostics/codes.js";

/** Words a finished clause does not end on. */
const DANGLING = new Set(["and", "or", "but", "nor", "the", "a", "an", "whose", "because", "whether"]);

/** Why a statement looks unfinished, or undefined. */
export function unfinishedReason(statement: string): { messageId: string; data?: MessageData; offset?: number; length?: number } | undefined {
  const text = statement.trim();
  const placeholder = findPlaceholder(text);
  if (placeholder) return { messageId: "placeholder", data: { placeholder: placeholder.text }, offset: placeholder.offset, length: placeholder.text.length };
  const ending = /(\.\.\.|…|[:;,(–—-]|\?)$/u.exec(text);
  if (ending) return ending[0] === "?" ? { messageId: "question" } : { messageId: "endsWith", data: { ending: ending[0] } };
  const words = wordsOf(text);
  if (words.length < 3) return words.length === 1 ? { messageId: "oneWord" } : { messageId: "fewWords", data: { count: words.length } };
  const last = words[words.length - 1]!;
  if (last.offset + last.text.length === text.length && DANGLING.has(last.lower)) {
    return { messageId: "dangling", data: { word: last.text }, offset: last.offset, length: last.text.length };
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
    messages: {
      placeholder: "statement contains the placeholder `{placeholder}`",
      question: "statement is a question, so it does not read as a finished claim",
      endsWith: "statement ends with `{ending}`, so it does not read as a finished claim",
      oneWord: "statement has only 1 word, too few for a claim",
      fewWords: "statement has only {count} words, too few for a claim",
      dangling: "statement ends on `{word}`",
    },
  },
  check(ctx) {
    ctx.assessment.judgments.forEach((j, i) => {
      const reason = unfinishedReason(j.statement);
      if (!reason) return;
      ctx.report({
        path: ["judgments", i, "statement"],
        within: reason.offset === undefined ? undefined : { offset: reason.offset, length: reason.length ?? 0 },
        messageId: reason.messageId,
        data: reason.data,
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
      {
        title: "A one-word statement and one that ends on a conjunction",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks.
  - id: recruitment
    likelihood: likely
    statement: Recruitment will rise in Herat and
`,
        lines: [9, 12],
      },
    ],
  },
};
