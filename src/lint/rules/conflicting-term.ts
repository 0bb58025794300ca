import type { Rule } from "../rule.js";
import { formatRange, resolveTerm } from "../../schema/scales.js";
import { estimativeWords } from "../estimative.js";

/** A statement that names another likelihood contradicts its own judgment. */
export const conflictingTerm: Rule = {
  meta: {
    id: "conflicting-term",
    description: "A statement does not contain a likelihood term (of any known scale) that differs from the judgment's `likelihood`.",
    severity: "warning",
    tags: ["uncertainty"],
    rationale: "\"It is likely that attacks are highly unlikely\" gives two probabilities for one judgment; the reader cannot tell which the analyst meant.",
    needs: ["scale"],
    messages: {
      sameScale: "statement says `{word}` ({range}) but the judgment is `{likelihood}` ({declared}); state the likelihood once, in `likelihood`",
      otherScale: "statement says `{word}` ({scale}, {range}) but the judgment is `{likelihood}` ({declared}); state the likelihood once, in `likelihood`",
    },
  },
  check(ctx) {
    const scale = ctx.scale;
    if (!scale) return;
    ctx.assessment.judgments.forEach((j, i) => {
      const declared = resolveTerm(scale, j.likelihood);
      if (!declared) return;
      for (const w of estimativeWords(j, scale, ctx.scales)) {
        if (w.kind !== "conflict" || !w.term) continue;
        const replacement = w.band?.label ?? w.term.term.label;
        ctx.report({
          path: ["judgments", i, "statement"],
          within: { offset: w.offset, length: w.length },
          messageId: w.term.scale.id === scale.id ? "sameScale" : "otherScale",
          data: { word: w.text, scale: w.term.scale.name.split(" ").slice(0, 2).join(" "), range: formatRange(w.term.term), likelihood: j.likelihood, declared: formatRange(declared.term) },
          hint: `if \`${w.text}\` is what you mean, set \`likelihood: ${replacement}\` and remove it from the statement`,
        });
      }
    });
  },
  examples: {
    ok: [
      {
        title: "The only likelihood is the declared one; `remote` and comparisons are ordinary words",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: territory
    likelihood: highly unlikely
    statement: ISKP will take territory in remote areas of Kunar, where Taliban control is less likely to hold.
`,
      },
    ],
    notOk: [
      {
        title: "A PHIA term and an ICD 203 term that contradict the declared likelihood",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: IS-K attacks in Tajikistan are highly unlikely to stop.
  - id: recruitment
    likelihood: highly likely
    statement: Recruitment will rise, with roughly even odds of doubling.
`,
        lines: [9, 12],
      },
    ],
  },
};
