import type { Rule } from "../rule.js";
import { citations } from "../../schema/citations.js";
import { didYouMean } from "../../schema/suggest.js";

/** Every cited source id must be listed in `sources`. */
export const unknownSource: Rule = {
  meta: {
    id: "unknown-source",
    description: "Evidence cites only sources listed in `sources` (by `source:` or an inline `[@id]`).",
    severity: "error",
    tags: ["correctness", "sourcing"],
    rationale: "A citation that points nowhere leaves the reader unable to weigh the evidence.",
    needs: ["sources[]"],
    messages: {
      emptyCitation: "empty citation `[@]`",
      undefinedSource: "source `{source}` is not defined in `sources`",
    },
  },
  check(ctx) {
    const ids = ctx.assessment.sources.map((s) => s.id);
    const known = new Set(ids);
    for (const c of citations(ctx.assessment)) {
      if (known.has(c.sourceId)) continue;
      const within = c.offset === undefined ? undefined : { offset: c.offset, length: c.length ?? 0 };
      const suggestion = c.sourceId === "" ? undefined : didYouMean(c.sourceId, ids);
      ctx.report({
        path: c.path,
        within,
        messageId: c.sourceId === "" ? "emptyCitation" : "undefinedSource",
        data: { source: c.sourceId },
        hint: suggestion ?? (ids.length > 0 ? `define it under \`sources:\` (known: ${ids.map((i) => `\`${i}\``).join(", ")})` : "add a `sources:` list with an entry `- id: " + c.sourceId + "`"),
      });
    }
  },
  examples: {
    ok: [
      {
        title: "Evidence cites a listed source",
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
      - text: An attack took place in Herat.
        source: herat-report
sources:
  - id: herat-report
    title: Herat bus attack
`,
      },
    ],
    notOk: [
      {
        title: "A misspelt source id, and an inline citation of an undefined source",
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
      - text: An attack took place in Herat. [@kabul-report] Another followed.
        source: herat-reprot
sources:
  - id: herat-report
    title: Herat bus attack
`,
        lines: [11, 12],
      },
      {
        title: "An empty citation",
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
      - A bus was attacked in Herat. [@]
`,
        lines: [11],
      },
    ],
  },
};
