import type { Rule } from "../rule.js";
import { evidenceEntries } from "../../schema/citations.js";
import { formatDate } from "../../schema/dates.js";

/** Nothing the assessment relies on can date from after its intelligence cutoff. */
export const datedAfterCutoff: Rule = {
  meta: {
    id: "dated-after-cutoff",
    description: "Evidence and source dates are on or before the intelligence cutoff.",
    severity: "error",
    tags: ["correctness", "dates", "sourcing"],
    rationale: "Information newer than the cutoff was not available to the analyst, so either the date or the cutoff is wrong.",
    needs: ["cutoff"],
    messages: {
      evidenceAfter: "evidence dated {date} is after the cutoff {cutoff}",
      inlineSourceAfter: "source dated {date} is after the cutoff {cutoff}",
      sourceAfter: "source `{source}` dated {date} is after the cutoff {cutoff}",
    },
  },
  check(ctx) {
    const { cutoff } = ctx.assessment;
    const cut = formatDate(cutoff, "d mmm yyyy");
    const hint = "check the date, or move the cutoff forward if this information was used";
    for (const { item, path } of evidenceEntries(ctx.assessment)) {
      if (item.date !== undefined && item.date > cutoff) {
        ctx.report({ path: [...path, "date"], messageId: "evidenceAfter", data: { date: formatDate(item.date, "d mmm yyyy"), cutoff: cut }, hint });
      }
      if (item.inlineSource?.date !== undefined && item.inlineSource.date > cutoff) {
        ctx.report({ path: [...path, "source", "date"], messageId: "inlineSourceAfter", data: { date: formatDate(item.inlineSource.date, "d mmm yyyy"), cutoff: cut }, hint });
      }
    }
    ctx.assessment.sources.forEach((s, i) => {
      if (s.date !== undefined && s.date > cutoff) {
        ctx.report({ path: ["sources", i, "date"], messageId: "sourceAfter", data: { source: s.id, date: formatDate(s.date, "d mmm yyyy"), cutoff: cut }, hint });
      }
    });
  },
  examples: {
    ok: [
      {
        title: "Evidence and source dated before the cutoff",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    evidence:
      - text: A bus was attacked in Herat.
        source: herat
        date: 2022-07-05
sources:
  - id: herat
    title: Herat bus attack
    date: 2022-07-06
`,
      },
    ],
    notOk: [
      {
        title: "Evidence and a source dated after the cutoff",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    evidence:
      - text: A bus was attacked in Herat.
        source: herat
        date: 2022-07-15
sources:
  - id: herat
    title: Herat bus attack
    date: 2022-07-16
`,
        lines: [13, 17],
      },
      {
        title: "An inline source dated after the cutoff",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    evidence:
      - text: A bus was attacked in Herat.
        source:
          title: Herat bus attack
          date: 2022-08-01
`,
        lines: [14],
      },
    ],
  },
};
