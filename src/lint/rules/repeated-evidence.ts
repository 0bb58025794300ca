import type { Rule } from "../rule.js";
import { evidenceEntries } from "../../schema/citations.js";
import { normalizeText } from "../text.js";
import { evidenceTextPath } from "./duplicate-evidence.js";

/** The same item under two judgments may be fine, but the reader should see it once, on purpose. */
export const repeatedEvidence: Rule = {
  meta: {
    id: "repeated-evidence",
    description: "Evidence text is not repeated word for word under another judgment.",
    severity: "info",
    tags: ["sourcing", "style"],
    rationale: "One report can support two judgments, but judgments that lean on the same items are less independent than they look; repeating an item verbatim hides that.",
    needs: ["judgments[].evidence"],
    messages: {
      repeated: "evidence item {item} of judgment `{judgment}` repeats item {earlierItem} of judgment `{earlierJudgment}`",
    },
  },
  check(ctx) {
    const first = new Map<string, { judgment: number; item: number }>();
    for (const { item, path, judgmentIndex, evidenceIndex } of evidenceEntries(ctx.assessment)) {
      const key = normalizeText(item.text);
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, { judgment: judgmentIndex, item: evidenceIndex });
        continue;
      }
      if (earlier.judgment === judgmentIndex) continue; // duplicate-evidence reports that
      const judgment = ctx.assessment.judgments[judgmentIndex]!;
      ctx.report({
        path: evidenceTextPath(typeof judgment.evidence[evidenceIndex] === "string", path),
        messageId: "repeated",
        data: { item: evidenceIndex + 1, judgment: judgment.id, earlierItem: earlier.item + 1, earlierJudgment: ctx.assessment.judgments[earlier.judgment]!.id },
        hint: "if both judgments rest on it, keep it and say in a `note` how the two judgments relate; otherwise keep it where it matters most",
      });
    }
  },
  examples: {
    ok: [
      {
        title: "Different items under different judgments",
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
      - A bus was attacked in Herat.
  - id: recruitment
    likelihood: likely
    statement: Recruitment will rise.
    evidence:
      - IS-K pays new fighters up to US$1000.
`,
      },
    ],
    notOk: [
      {
        title: "One item under two judgments",
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
      - A bus was attacked in Herat.
  - id: recruitment
    likelihood: likely
    statement: Recruitment will rise.
    evidence:
      - A bus was attacked in Herat.
`,
        lines: [16],
      },
    ],
  },
};
