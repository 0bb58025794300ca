import type { Rule } from "../rule.js";

/** Likelihood says how probable; confidence says how sound the basis is. Both are needed. */
export const judgmentWithoutConfidence: Rule = {
  meta: {
    id: "judgment-without-confidence",
    description: "Each judgment states the analytic `confidence` (low, moderate or high) behind it.",
    severity: "warning",
    tags: ["uncertainty"],
    rationale: "ICD 203 asks for both the likelihood of an event and the confidence in the judgment; without it readers cannot tell a well-founded estimate from a guess.",
    needs: ["judgments[].confidence"],
    messages: {
      noConfidence: "judgment `{judgment}` does not state its confidence",
    },
  },
  check(ctx) {
    ctx.assessment.judgments.forEach((j, i) => {
      if (j.confidence !== undefined) return;
      ctx.report({
        path: ["judgments", i, "id"],
        messageId: "noConfidence",
        data: { judgment: j.id },
        hint: "add `confidence: low`, `moderate` or `high`: how good the evidence and reasoning are, not how probable the event is",
      });
    });
  },
  examples: {
    ok: [
      {
        title: "Confidence stated",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    confidence: moderate
`,
      },
    ],
    notOk: [
      {
        title: "No confidence",
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
