import type { Rule } from "../rule.js";
import { formatRange, resolveTerm } from "../../schema/scales.js";

/** Formats a probability 0–1 as a percentage for messages: 0.72 → "72 %". */
function percent(p: number): string {
  return `${Number((p * 100).toFixed(2))} %`;
}

/** An exact `probability` must lie inside the band of the judgment's term. */
export const probabilityOutsideBand: Rule = {
  meta: {
    id: "probability-outside-band",
    description: "A judgment's exact `probability` lies inside the band of its likelihood term.",
    severity: "error",
    tags: ["correctness", "uncertainty"],
    rationale: "A number outside the term's band contradicts the words beside it, and the score would count a forecast the reader never saw.",
    needs: ["scale"],
    messages: {
      outside: "probability {probability} is outside the band of `{term}` ({range})",
    },
  },
  check(ctx) {
    const scale = ctx.scale;
    if (!scale) return;
    ctx.assessment.judgments.forEach((j, i) => {
      if (j.probability === undefined) return;
      const resolved = resolveTerm(scale, j.likelihood);
      if (!resolved) return;
      const { term } = resolved;
      const pct = j.probability * 100;
      if (pct >= term.min - 1e-9 && pct <= term.max + 1e-9) return;
      const fitting = scale.terms.find((t) => pct >= t.min - 1e-9 && pct <= t.max + 1e-9);
      ctx.report({
        path: ["judgments", i, "probability"],
        messageId: "outside",
        data: { probability: percent(j.probability), term: term.label, range: formatRange(term) },
        hint: fitting
          ? `give a probability within ${formatRange(term)}, or use the term \`${fitting.label}\` (${formatRange(fitting)})`
          : `give a probability within ${formatRange(term)}; ${percent(j.probability)} falls between the bands of the ${scale.name}`,
      });
    });
  },
  examples: {
    ok: [
      {
        title: "Exact probabilities inside the band, as a number and as a percentage",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    probability: 0.7
    statement: Attacks will continue.
  - id: recruitment
    likelihood: highly likely
    probability: 85 %
    statement: Recruitment will rise.
`,
      },
    ],
    notOk: [
      {
        title: "A probability above the band, and one between two bands",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    probability: 0.9
    statement: Attacks will continue.
  - id: recruitment
    likelihood: realistic possibility
    probability: 52 %
    statement: Recruitment will rise.
`,
        lines: [9, 13],
      },
    ],
  },
};
