import type { Rule } from "../rule.js";
import { formatDate } from "../../schema/dates.js";

/** An assessment cannot be issued before its intelligence cutoff. */
export const issuedBeforeCutoff: Rule = {
  meta: {
    id: "issued-before-cutoff",
    description: "`issued` is on or after `cutoff`.",
    severity: "error",
    tags: ["correctness", "dates"],
    rationale: "The cutoff is the latest information the assessment takes into account; it cannot come after publication.",
    needs: ["cutoff"],
    messages: {
      beforeCutoff: "issued {issued} is before the intelligence cutoff {cutoff}",
    },
  },
  check(ctx) {
    const { issued, cutoff } = ctx.assessment;
    if (issued === undefined || issued >= cutoff) return;
    ctx.report({
      path: ["issued"],
      messageId: "beforeCutoff",
      data: { issued: formatDate(issued, "d mmm yyyy"), cutoff: formatDate(cutoff, "d mmm yyyy") },
      hint: "move `issued` to the day of publication, or bring `cutoff` back to the last information used",
    });
  },
  examples: {
    ok: [
      {
        title: "Issued three days after the cutoff",
        yaml: `yardstick: 1
id: example
title: Example
issued: 2022-07-12
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
        title: "Issued before the cutoff",
        yaml: `yardstick: 1
id: example
title: Example
issued: 2022-07-01
cutoff: 2022-07-09
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
