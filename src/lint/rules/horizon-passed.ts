import type { Rule } from "../rule.js";
import { formatDate, horizonDate, isBeyondCalendar } from "../../schema/dates.js";

/** Once a horizon has passed, the judgment can be scored: record what happened. */
export const horizonPassed: Rule = {
  meta: {
    id: "horizon-passed",
    description: "A judgment whose horizon has passed (as of today, or `--as-of`) records its `outcome`.",
    severity: "warning",
    tags: ["dates", "uncertainty"],
    rationale: "Recording outcomes is how analysts and readers learn whether the terms were calibrated; an expired judgment without one is also stale for readers.",
    needs: ["cutoff", "judgments[].outcome"],
    messages: {
      passed: "horizon {due} has passed (as of {today}) and no outcome is recorded",
      durationPassed: "horizon {due} ({horizon} after the cutoff) has passed (as of {today}) and no outcome is recorded",
    },
  },
  check(ctx) {
    const { cutoff } = ctx.assessment;
    ctx.assessment.judgments.forEach((j, i) => {
      if (j.horizon === undefined || j.outcome !== undefined) return;
      const due = horizonDate(j.horizon, cutoff);
      if (isBeyondCalendar(due) || due >= ctx.asOf) return;
      ctx.report({
        path: ["judgments", i, "horizon"],
        messageId: due === j.horizon ? "passed" : "durationPassed",
        data: { due: formatDate(due, "d mmm yyyy"), horizon: j.horizon, today: formatDate(ctx.asOf, "d mmm yyyy") },
        hint: "add `outcome:` with `occurred: true|false` and `resolved: YYYY-MM-DD`, or issue a new edition with a later horizon",
      });
    });
  },
  examples: {
    ok: [
      {
        title: "One horizon still ahead, one passed with its outcome recorded",
        asOf: "2023-01-15",
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
  - id: recruitment
    likelihood: unlikely
    statement: Recruitment will fall.
    horizon: 2022-12-31
    outcome:
      occurred: false
      resolved: 2023-01-02
`,
      },
    ],
    notOk: [
      {
        title: "Two horizons passed without an outcome",
        asOf: "2024-01-15",
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
  - id: recruitment
    likelihood: unlikely
    statement: Recruitment will fall.
    horizon: 2022-12-31
`,
        lines: [10, 14],
      },
    ],
  },
};
