import type { Rule } from "../rule.js";
import { formatDate, horizonDate, isBeyondCalendar, isDuration } from "../../schema/dates.js";

/** A horizon is when a judgment can be judged, so it lies after the cutoff. */
export const horizonBeforeCutoff: Rule = {
  meta: {
    id: "horizon-before-cutoff",
    description: "A judgment's `horizon` date is after the intelligence cutoff.",
    severity: "error",
    tags: ["correctness", "dates"],
    rationale: "A judgment about a moment already past at the cutoff is a statement of fact, not an estimate.",
    needs: ["cutoff"],
    messages: {
      beyondCalendar: "horizon {horizon} after the cutoff {cutoff} falls after the year 9999",
      notAfterCutoff: "horizon {horizon} is not after the cutoff {cutoff}",
    },
  },
  check(ctx) {
    const { cutoff } = ctx.assessment;
    ctx.assessment.judgments.forEach((j, i) => {
      if (j.horizon !== undefined && isDuration(j.horizon) && isBeyondCalendar(horizonDate(j.horizon, cutoff))) {
        ctx.report({
          path: ["judgments", i, "horizon"],
          messageId: "beyondCalendar",
          data: { horizon: j.horizon, cutoff: formatDate(cutoff, "d mmm yyyy") },
          hint: "check the cutoff's year, or give the horizon as a date",
        });
        return;
      }
      if (j.horizon === undefined || !/^\d{4}-/.test(j.horizon) || j.horizon > cutoff) return;
      ctx.report({
        path: ["judgments", i, "horizon"],
        messageId: "notAfterCutoff",
        data: { horizon: formatDate(j.horizon, "d mmm yyyy"), cutoff: formatDate(cutoff, "d mmm yyyy") },
        hint: "set the date by which the judgment can be checked, or a duration such as `12 months`",
      });
    });
  },
  examples: {
    ok: [
      {
        title: "A horizon a year after the cutoff",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    horizon: 2023-07-09
`,
      },
    ],
    notOk: [
      {
        title: "A horizon before the cutoff",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    horizon: 2022-01-01
`,
        lines: [10],
      },
      {
        title: "A duration that runs past the calendar",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 9999-06-01
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    horizon: 12 months
`,
        lines: [10],
      },
    ],
  },
};
