import type { Rule } from "../rule.js";
import { evidenceEntries } from "../../schema/citations.js";
import type { DocPath } from "../../schema/positions.js";
import { normalizeText } from "../text.js";

/** The path of an item's text: the item itself when it is a plain string. */
export function evidenceTextPath(plain: boolean, path: DocPath): DocPath {
  return plain ? path : [...path, "text"];
}

/** One item of evidence counts once: the same text twice under a judgment is a copy-paste slip. */
export const duplicateEvidence: Rule = {
  meta: {
    id: "duplicate-evidence",
    description: "A judgment does not list the same evidence text twice (ignoring case, spacing and final punctuation).",
    severity: "warning",
    tags: ["sourcing", "style"],
    rationale: "A repeated item makes the judgment look better supported than it is, and usually means an edit went wrong.",
    needs: ["judgments[].evidence"],
    messages: {
      duplicate: "evidence item {item} of judgment `{judgment}` repeats item {first}",
    },
  },
  check(ctx) {
    const seen = new Map<string, number>();
    for (const { item, path, judgmentIndex, evidenceIndex } of evidenceEntries(ctx.assessment)) {
      if (evidenceIndex === 0) seen.clear();
      const key = normalizeText(item.text);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, evidenceIndex);
        continue;
      }
      const judgment = ctx.assessment.judgments[judgmentIndex]!;
      ctx.report({
        path: evidenceTextPath(typeof judgment.evidence[evidenceIndex] === "string", path),
        messageId: "duplicate",
        data: { item: evidenceIndex + 1, judgment: judgment.id, first: first + 1 },
        hint: "remove the copy, or merge the two items if they cite different sources",
      });
    }
  },
  examples: {
    ok: [
      {
        title: "Two different items",
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
      - A gurdwara was attacked in Kabul.
`,
      },
    ],
    notOk: [
      {
        title: "The same item twice, written slightly differently",
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
      - A gurdwara was attacked in Kabul.
      - text: a bus  was attacked in Herat
`,
        lines: [13],
      },
    ],
  },
};
