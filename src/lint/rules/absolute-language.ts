import type { Rule } from "../rule.js";
import { formatRange, resolveTerm } from "../../schema/scales.js";
import { estimativeWords } from "../estimative.js";

/** Words of certainty contradict a calibrated likelihood, which is never 100 %. */
export const absoluteLanguage: Rule = {
  meta: {
    id: "absolute-language",
    description: "A statement does not claim certainty (`certainly`, `definitely`, `undoubtedly`, `inevitably`, …) against its likelihood term.",
    severity: "warning",
    tags: ["uncertainty", "style"],
    rationale: "Even `almost certain` leaves room for error; absolute words overstate the judgment and contradict the term beside them.",
    needs: [],
    messages: {
      absolute: "statement says `{word}` but the judgment is only `{likelihood}` ({range}); drop the absolute word",
      absoluteNoRange: "statement says `{word}` but the judgment is only `{likelihood}`; drop the absolute word",
    },
  },
  check(ctx) {
    ctx.assessment.judgments.forEach((j, i) => {
      const declared = ctx.scale ? resolveTerm(ctx.scale, j.likelihood) : undefined;
      const range = declared ? formatRange(declared.term) : undefined;
      for (const w of estimativeWords(j, ctx.scale, ctx.scales)) {
        if (w.kind !== "absolute") continue;
        ctx.report({
          path: ["judgments", i, "statement"],
          within: { offset: w.offset, length: w.length },
          messageId: range === undefined ? "absoluteNoRange" : "absolute",
          data: { word: w.text, likelihood: j.likelihood, range: range ?? "" },
          hint: "let the likelihood term carry the probability; if you are sure, raise the term instead",
        });
      }
    });
  },
  examples: {
    ok: [
      {
        title: "No absolute words; `certain` as in \"certain provinces\" is not one",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: almost certain
    statement: IS-K will carry out attacks in certain provinces of Afghanistan.
`,
      },
    ],
    notOk: [
      {
        title: "`definitely` and `without doubt` under non-certain terms",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: IS-K will definitely attack Tajikistan again.
  - id: recruitment
    likelihood: highly likely
    statement: Recruitment will, without doubt, rise in 2023.
`,
        lines: [9, 12],
      },
      {
        title: "Certainty against a term the scale does not know",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: quite likely
    statement: Attacks will certainly continue.
`,
        lines: [9],
      },
    ],
  },
};
