import type { Rule } from "../rule.js";

/** A judgment that names no horizon can never be scored. */
export const judgmentWithoutHorizon: Rule = {
  meta: {
    id: "judgment-without-horizon",
    description: "Each judgment names a `horizon`: the date (or time after the cutoff) by which it can be judged.",
    severity: "info",
    tags: ["dates", "uncertainty"],
    rationale: "Without a horizon a forecast cannot be checked against what happened, so the analyst's calibration can never be learned.",
    needs: ["judgments[].horizon"],
    messages: {
      noHorizon: "judgment `{judgment}` has no horizon",
    },
  },
  check(ctx) {
    ctx.assessment.judgments.forEach((j, i) => {
      if (j.horizon !== undefined) return;
      ctx.report({
        path: ["judgments", i, "id"],
        messageId: "noHorizon",
        data: { judgment: j.id },
        hint: "add `horizon: 12 months` (after the cutoff) or a date such as `horizon: 2023-12-31`",
      });
    });
  },
  examples: {
    ok: [
      {
        title: "A horizon as a duration",
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
`,
      },
    ],
    notOk: [
      {
        title: "No horizon",
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
        lines: [7],
      },
    ],
  },
};
