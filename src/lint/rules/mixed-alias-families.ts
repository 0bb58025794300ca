import type { Rule } from "../rule.js";
import { resolveTerm, type ResolvedTerm } from "../../schema/scales.js";

/**
 * A scale's terms come in wording families: the canonical terms, and aliases in parallel
 * ("likely" / "probable", "very likely" / "highly probable"). A brief keeps to one family.
 */
export const mixedAliasFamilies: Rule = {
  meta: {
    id: "mixed-alias-families",
    description: "Judgments use one wording of the scale throughout: canonical terms or their aliases (`likely` or `probable`), not both.",
    severity: "warning",
    tags: ["uncertainty", "style"],
    rationale: "Readers take a change of word for a change of meaning: `likely` in one judgment and `probable` in the next look like two different probabilities although they are the same band.",
    needs: ["scale", "judgments[]"],
    messages: {
      canonicalFamily: "`{written}` is another wording of `{term}`, but the other judgments use the canonical terms ({examples}); write `{term}`",
      aliasFamily: "`{written}` is another wording of `{term}`, but the other judgments use aliases ({examples}); write `{term}`",
    },
  },
  check(ctx) {
    const scale = ctx.scale;
    if (!scale) return;
    const used: Array<{ index: number; resolved: ResolvedTerm; family: number }> = [];
    ctx.assessment.judgments.forEach((j, index) => {
      const resolved = resolveTerm(scale, j.likelihood);
      if (resolved) used.push({ index, resolved, family: resolved.term.forms.indexOf(resolved.form) });
    });
    const counts = new Map<number, number>();
    for (const u of used) counts.set(u.family, (counts.get(u.family) ?? 0) + 1);
    if (counts.size < 2) return;
    // The family most judgments use; on a tie, the canonical terms.
    const preferred = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
    const examples = [...new Set(used.filter((u) => u.family === preferred).map((u) => u.resolved.form.text))].slice(0, 3);
    for (const u of used) {
      if (u.family === preferred) continue;
      const replacement = u.resolved.term.forms[preferred];
      if (!replacement) continue;
      ctx.report({
        path: ["judgments", u.index, "likelihood"],
        messageId: preferred === 0 ? "canonicalFamily" : "aliasFamily",
        data: { written: u.resolved.form.text, term: replacement.text, examples: examples.map((e) => `\`${e}\``).join(", ") },
        hint: `keep to one wording family of the ${scale.name} so that equal probabilities read the same`,
      });
    }
  },
  examples: {
    ok: [
      {
        title: "ICD 203 aliases used consistently",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
scale: icd203
summary: A summary.
judgments:
  - id: attacks
    likelihood: highly probable
    statement: Attacks will continue.
  - id: recruitment
    likelihood: improbable
    statement: Recruitment will fall.
`,
      },
    ],
    notOk: [
      {
        title: "`probable` among canonical PHIA terms",
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
  - id: funding
    likelihood: likely
    statement: Funding will rise.
`,
        lines: [11],
      },
      {
        title: "`very likely` among ICD 203 aliases",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
scale: icd203
summary: A summary.
judgments:
  - id: attacks
    likelihood: highly improbable
    statement: Attacks will stop.
  - id: recruitment
    likelihood: very likely
    statement: Recruitment will rise.
  - id: funding
    likelihood: probable
    statement: Funding will rise.
`,
        lines: [12],
      },
    ],
  },
};
