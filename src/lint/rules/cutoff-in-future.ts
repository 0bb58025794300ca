import type { Rule } from "../rule.js";
import { formatDate } from "../../schema/dates.js";

/** The cutoff is the date of the latest information used, so it cannot lie ahead. */
export const cutoffInFuture: Rule = {
  meta: {
    id: "cutoff-in-future",
    description: "`cutoff` is not after today (or `--as-of`).",
    severity: "error",
    tags: ["correctness", "dates"],
    rationale: "No one holds information from the future: a cutoff ahead of today is a typo, and it would let evidence dated tomorrow pass the date checks.",
    needs: ["cutoff"],
    messages: {
      future: "cutoff {cutoff} is in the future (today is {today})",
    },
  },
  check(ctx) {
    const { cutoff } = ctx.assessment;
    if (cutoff <= ctx.asOf) return;
    ctx.report({
      path: ["cutoff"],
      messageId: "future",
      data: { cutoff: formatDate(cutoff, "d mmm yyyy"), today: formatDate(ctx.asOf, "d mmm yyyy") },
      hint: "set the cutoff to the date of the latest information the assessment uses; check the year",
    });
  },
  examples: {
    ok: [
      {
        title: "A cutoff in the past",
        asOf: "2022-07-12",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
`,
      },
    ],
    notOk: [
      {
        title: "A mistyped year puts the cutoff ahead",
        asOf: "2022-07-12",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2023-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
`,
        lines: [4],
      },
    ],
  },
};
