import type { Rule } from "../rule.js";
import { resolveTerm } from "../../schema/scales.js";
import { estimativeWords } from "../estimative.js";

/** The likelihood term carries the uncertainty; a hedge inside the statement blurs it. */
export const hedgedStatement: Rule = {
  meta: {
    id: "hedged-statement",
    description: "A statement does not hedge (`may`, `might`, `could`, `possibly`, `appears to`, …) when its judgment already carries a likelihood term.",
    severity: "warning",
    tags: ["uncertainty", "style"],
    rationale: "ICD 203 and the PHIA yardstick express uncertainty once, with a calibrated term; a second, uncalibrated hedge leaves the reader unsure which probability is meant.",
    needs: ["scale"],
    messages: {
      hedge: "statement hedges with `{word}` but the judgment already says `{likelihood}`; drop the hedge or change the term",
    },
  },
  check(ctx) {
    ctx.assessment.judgments.forEach((j, i) => {
      const phrase = (ctx.scale && resolveTerm(ctx.scale, j.likelihood)?.form.phrase) ?? `It is ${j.likelihood}`;
      for (const w of estimativeWords(j, ctx.scale, ctx.scales)) {
        if (w.kind !== "hedge") continue;
        ctx.report({
          path: ["judgments", i, "statement"],
          within: { offset: w.offset, length: w.length },
          messageId: "hedge",
          data: { word: w.text, likelihood: j.likelihood },
          hint: `state the claim plainly ("… will …"): the brief already prints "${phrase} that …" before it`,
        });
      }
    });
  },
  examples: {
    ok: [
      {
        title: "A plain claim; `May` the month and quoted words are not hedges",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: IS-K will attack Tajikistan again before May 2023.
  - id: rhetoric
    likelihood: highly likely
    statement: IS-K will keep calling the Taliban "possibly the greatest traitors" in its propaganda.
  - id: military-might
    likelihood: unlikely
    statement: The Taliban will use their military might against TTP, which is more likely to stay an ally.
`,
      },
    ],
    notOk: [
      {
        title: "`may`, `could` and `possibly` inside statements that carry a term",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: IS-K may attack Tajikistan again before the winter.
  - id: recruitment
    likelihood: realistic possibility
    statement: Recruitment could rise, possibly sharply, as the economy shrinks.
`,
        lines: [9, 12, 12],
      },
    ],
  },
};
