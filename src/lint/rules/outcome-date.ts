import type { Rule } from "../rule.js";
import { formatDate } from "../../schema/dates.js";

/** An outcome is known after the cutoff and no later than today. */
export const outcomeDate: Rule = {
  meta: {
    id: "outcome-date",
    description: "An outcome's `resolved` date is after the cutoff and not after today (or `--as-of`).",
    severity: "error",
    tags: ["correctness", "dates"],
    rationale: "An outcome known at the cutoff was a fact, not a forecast, and one dated in the future cannot have been observed; either way the scoring is wrong.",
    needs: ["cutoff"],
    messages: {
      atOrBeforeCutoff: "outcome resolved {resolved}, on or before the cutoff {cutoff}",
      future: "outcome resolved {resolved}, which is in the future (today is {today})",
    },
  },
  check(ctx) {
    const { cutoff } = ctx.assessment;
    ctx.assessment.judgments.forEach((j, i) => {
      const resolved = j.outcome?.resolved;
      if (resolved === undefined) return;
      const path = ["judgments", i, "outcome", "resolved"];
      if (resolved <= cutoff) {
        ctx.report({
          path,
          messageId: "atOrBeforeCutoff",
          data: { resolved: formatDate(resolved, "d mmm yyyy"), cutoff: formatDate(cutoff, "d mmm yyyy") },
          hint: "an outcome known at the cutoff belongs in the evidence; otherwise correct the date",
        });
      } else if (resolved > ctx.asOf) {
        ctx.report({
          path,
          messageId: "future",
          data: { resolved: formatDate(resolved, "d mmm yyyy"), today: formatDate(ctx.asOf, "d mmm yyyy") },
          hint: "record the outcome once it is known, with the date it became known",
        });
      }
    });
  },
  examples: {
    ok: [
      {
        title: "An outcome recorded after the horizon",
        asOf: "2023-08-01",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    horizon: 12 months
    outcome:
      occurred: true
      resolved: 2023-07-10
`,
      },
    ],
    notOk: [
      {
        title: "An outcome dated before the cutoff, and one dated in the future",
        asOf: "2023-08-01",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    outcome:
      occurred: true
      resolved: 2022-07-01
  - id: recruitment
    likelihood: unlikely
    statement: Recruitment will fall.
    outcome:
      occurred: false
      resolved: 2023-09-01
`,
        lines: [12, 18],
      },
    ],
  },
};
