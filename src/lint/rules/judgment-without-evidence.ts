import type { Rule } from "../rule.js";

/** A key judgment shows what it rests on. */
export const judgmentWithoutEvidence: Rule = {
  meta: {
    id: "judgment-without-evidence",
    description: "Each judgment lists at least one item of evidence.",
    severity: "warning",
    tags: ["sourcing"],
    rationale: "A judgment with no evidence asks the reader to take it on trust; ICD 203 requires analysis to show the information it rests on.",
    needs: ["judgments[].evidence"],
    messages: {
      noEvidence: "judgment `{judgment}` has no evidence",
    },
  },
  check(ctx) {
    ctx.assessment.judgments.forEach((j, i) => {
      if (j.evidence.length > 0) return;
      ctx.report({
        path: ["judgments", i, "id"],
        messageId: "noEvidence",
        data: { judgment: j.id },
        hint: "add an `evidence:` list with the reporting the judgment rests on",
      });
    });
  },
  examples: {
    ok: [
      {
        title: "A judgment with one sourced item",
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
sources:
  - id: herat
    title: Herat bus attack
`,
      },
    ],
    notOk: [
      {
        title: "No evidence at all, and an empty list",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
  - id: recruitment
    likelihood: unlikely
    statement: Recruitment will fall.
    evidence: []
`,
        lines: [7, 10],
      },
    ],
  },
};
