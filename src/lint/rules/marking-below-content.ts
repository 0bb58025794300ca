import type { Rule } from "../rule.js";
import { laddersFor } from "../../marking/config.js";
import { atLeast, levelText } from "../../marking/levels.js";
import { portionLevels, portions } from "../../marking/portions.js";

/** The assessment's marking (its banner) is at least as restrictive as its most restrictive portion. */
export const markingBelowContent: Rule = {
  meta: {
    id: "marking-below-content",
    description: "The assessment's `marking` is at least the highest portion marking, including the sources cited by each portion.",
    severity: "error",
    tags: ["correctness", "markings"],
    rationale: "A banner below its content tells every reader the brief may go further than its most sensitive part allows.",
    needs: ["marking"],
    messages: {
      belowPortion: "the marking {marking} is below {portion}, marked {level}",
      belowContent: "the marking {marking} is below the content ({level})",
    },
  },
  check(ctx) {
    const a = ctx.assessment;
    if (!a.marking) return;
    const levels = portionLevels(a, laddersFor(ctx.config));
    const declared = levels.declared!;
    if (atLeast(declared, levels.content)) return;
    const over = portions(a, levels).find((p) => !atLeast(declared, p.level));
    ctx.report({
      path: ["marking"],
      at: "key",
      messageId: over ? "belowPortion" : "belowContent",
      data: over ? { marking: levelText(declared), portion: over.what, level: levelText(over.level) } : { marking: levelText(declared), level: levelText(levels.content) },
      hint: `raise the marking to at least ${levelText(levels.content)}, or remove \`marking\` to have it computed`,
    });
  },
  examples: {
    ok: [
      {
        title: "A SECRET brief with one judgment at OFFICIAL-SENSITIVE",
        yaml: `yardstick: 1
id: example
title: Example
marking:
  classification: SECRET
  tlp: AMBER
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    marking:
      classification: OFFICIAL-SENSITIVE
      tlp: GREEN
`,
      },
    ],
    notOk: [
      {
        title: "A judgment marked above the banner",
        yaml: `yardstick: 1
id: example
title: Example
marking:
  classification: OFFICIAL
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    marking:
      classification: SECRET
`,
        lines: [4],
      },
      {
        title: "Evidence citing a source marked TLP:RED under a TLP:AMBER banner",
        yaml: `yardstick: 1
id: example
title: Example
marking:
  tlp: AMBER
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    evidence:
      - text: A report from a sensitive source.
        source: liaison
sources:
  - id: liaison
    title: Liaison reporting
    marking:
      tlp: RED
`,
        lines: [4],
      },
    ],
  },
};
