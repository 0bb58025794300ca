import type { Rule } from "../rule.js";
import { citationMarkers, evidenceEntries } from "../../schema/citations.js";

/** Every item of evidence names where it comes from. */
export const evidenceUnsourced: Rule = {
  meta: {
    id: "evidence-unsourced",
    description: "Each evidence item cites a source: `source:` (an id or an inline source) or a `[@id]` marker in its text.",
    severity: "warning",
    tags: ["sourcing"],
    rationale: "ICD 203 asks that analysis describe the quality and credibility of its sources; a reader cannot weigh an item whose origin is not given.",
    needs: ["judgments[].evidence"],
    messages: {
      unsourced: "evidence item {item} of judgment `{judgment}` has no source",
    },
  },
  check(ctx) {
    for (const { item, path, judgmentIndex, evidenceIndex } of evidenceEntries(ctx.assessment)) {
      if (item.sourceId !== undefined || item.inlineSource !== undefined || citationMarkers(item.text).length > 0) continue;
      const plain = typeof ctx.assessment.judgments[judgmentIndex]?.evidence[evidenceIndex] === "string";
      ctx.report({
        path: plain ? path : [...path, "text"],
        messageId: "unsourced",
        data: { item: evidenceIndex + 1, judgment: String(ctx.assessment.judgments[judgmentIndex]?.id) },
        hint: plain
          ? "write it as `- text: …` with `source: <id>` (or cite `[@id]` in the text); if it is your own reasoning, say so in the judgment's `note`"
          : "add `source: <id>` (or cite `[@id]` in the text)",
      });
    }
  },
  examples: {
    ok: [
      {
        title: "Items cite a source by id, inline, or with a marker",
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
      - text: Rockets were fired into Tajikistan. [@herat]
      - text: The attack was claimed by IS-K.
        source:
          title: Amaq claim
sources:
  - id: herat
    title: Herat bus attack
`,
      },
    ],
    notOk: [
      {
        title: "A plain-string item and an object item without a source",
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
      - IS-K attacks aim to destabilise the Taliban.
      - text: A bus was attacked in Herat.
        date: 2022-07-05
`,
        lines: [11, 12],
      },
    ],
  },
};
