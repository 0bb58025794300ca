import type { Rule } from "../rule.js";
import { citations } from "../../schema/citations.js";
import { closest } from "../../schema/suggest.js";

/** A listed source that no evidence cites is either a forgotten citation or clutter. */
export const sourceUnused: Rule = {
  meta: {
    id: "source-unused",
    description: "Every source listed in `sources` is cited by at least one evidence item.",
    severity: "warning",
    tags: ["sourcing"],
    rationale: "An uncited source suggests evidence that was dropped or a citation that was forgotten, and it pads the brief's source list.",
    needs: ["judgments[]", "judgments[].evidence"],
    messages: {
      unused: "source `{source}` is listed but no evidence cites it",
    },
  },
  check(ctx) {
    const cited = new Set(citations(ctx.assessment).map((c) => c.sourceId));
    const ids = ctx.assessment.sources.map((s) => s.id);
    const listed = new Set(ids);
    // A citation of an unknown id that `unknown-source` suggests this source for explains it.
    const meant = new Set<string>();
    for (const id of cited) {
      if (listed.has(id) || id === "") continue;
      const guess = closest(id, ids);
      if (guess !== undefined) meant.add(guess);
    }
    ctx.assessment.sources.forEach((s, i) => {
      if (cited.has(s.id) || meant.has(s.id)) return;
      ctx.report({
        path: ["sources", i, "id"],
        messageId: "unused",
        data: { source: s.id },
        hint: `cite it with \`source: ${s.id}\` or \`[@${s.id}]\`, or remove it from \`sources\``,
      });
    });
  },
  examples: {
    ok: [
      {
        title: "Both sources are cited, one by a marker",
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
      - text: Rockets were fired into Tajikistan. [@tajik-claim]
sources:
  - id: herat
    title: Herat bus attack
  - id: tajik-claim
    title: IS-K claim of the rocket attack
`,
      },
    ],
    notOk: [
      {
        title: "A source nobody cites",
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
  - id: tajik-claim
    title: IS-K claim of the rocket attack
`,
        lines: [16],
      },
    ],
  },
};
