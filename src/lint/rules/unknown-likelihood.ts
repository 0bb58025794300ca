import type { Rule } from "../rule.js";
import { resolveTerm, formatRange } from "../../schema/scales.js";
import { likelihoodField, readEnum } from "../../schema/lenient.js";

/** Each likelihood must be a term (or alias) of the assessment's scale. */
export const unknownLikelihood: Rule = {
  meta: {
    id: "unknown-likelihood",
    description: "Each judgment's `likelihood` is a term or alias of the assessment's probability scale.",
    severity: "error",
    tags: ["correctness", "uncertainty"],
    rationale: "Only calibrated terms carry an agreed probability range; any other word leaves readers to guess.",
    needs: ["scale"],
    messages: {
      notATerm: "`{likelihood}` is not a term of the {scale}",
    },
  },
  check(ctx) {
    const scale = ctx.scale;
    if (!scale) return;
    const field = likelihoodField(scale);
    ctx.assessment.judgments.forEach((j, i) => {
      if (resolveTerm(scale, j.likelihood)) return;
      const other = Object.values(ctx.scales).find((s) => s.id !== scale.id && resolveTerm(s, j.likelihood));
      const reading = readEnum(j.likelihood, field);
      const suggestion = reading.kind === "suggest" ? reading.value : undefined;
      let fix: { replacement: string } | undefined;
      let hint: string;
      if (other) {
        const found = resolveTerm(other, j.likelihood)!;
        const nearest = scale.terms.reduce((best, t) => (Math.abs((t.min + t.max) / 2 - (found.term.min + found.term.max) / 2) < Math.abs((best.min + best.max) / 2 - (found.term.min + found.term.max) / 2) ? t : best));
        hint = `\`${j.likelihood}\` is a term of the ${other.name} (${formatRange(found.term)}); the nearest ${scale.id} term is \`${nearest.label}\` (${formatRange(nearest)}), or set \`scale: ${other.id}\``;
      } else if (suggestion) {
        hint = `did you mean \`${suggestion}\`?`;
        if (reading.kind === "suggest" && reading.fixable) fix = { replacement: suggestion };
      } else {
        hint = `use one of: ${scale.terms.map((t) => `\`${t.label}\``).join(", ")}`;
      }
      ctx.report({ path: ["judgments", i, "likelihood"], messageId: "notATerm", data: { likelihood: j.likelihood, scale: scale.name }, hint, fix });
    });
  },
  examples: {
    ok: [
      {
        title: "PHIA terms, including the alias `probable`",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: highly likely
    statement: Attacks will continue.
  - id: recruitment
    likelihood: probable
    statement: Recruitment will rise.
`,
      },
    ],
    notOk: [
      {
        title: "A misspelt term, and an ICD 203 term in a PHIA assessment",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: higly likely
    statement: Attacks will continue.
  - id: recruitment
    likelihood: very likely
    statement: Recruitment will rise.
`,
        lines: [8, 11],
      },
    ],
  },
};
