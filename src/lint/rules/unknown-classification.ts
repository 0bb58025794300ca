import type { Rule } from "../rule.js";
import type { Marking } from "../../schema/assessment.js";
import { evidenceEntries } from "../../schema/citations.js";
import type { DocPath } from "../../schema/positions.js";
import { laddersFor } from "../../marking/config.js";
import { findClassification, suggestClassification } from "../../marking/levels.js";

/** Every classification in a marking is one the project knows (`classifications:` in the config). */
export const unknownClassification: Rule = {
  meta: {
    id: "unknown-classification",
    description: "Every `classification` (of the assessment and of each portion) is on the project's classification ladder.",
    severity: "error",
    tags: ["correctness", "markings"],
    rationale: "Markings are compared to decide what a release may contain; a classification that cannot be ordered cannot be protected.",
    needs: [],
    messages: {
      unknownClassification: "unknown classification `{classification}`",
    },
  },
  check(ctx) {
    const ladders = laddersFor(ctx.config);
    const a = ctx.assessment;
    const markings: Array<[Marking | undefined, DocPath]> = [
      [a.marking, ["marking"]],
      [a.titleMarking, ["titleMarking"]],
      [a.summaryMarking, ["summaryMarking"]],
      ...a.judgments.map((j, i): [Marking | undefined, DocPath] => [j.marking, ["judgments", i, "marking"]]),
      ...[...evidenceEntries(a)].flatMap(({ item, path }): Array<[Marking | undefined, DocPath]> => [
        [item.marking, [...path, "marking"]],
        [item.inlineSource?.marking, [...path, "source", "marking"]],
      ]),
      ...a.sources.map((s, i): [Marking | undefined, DocPath] => [s.marking, ["sources", i, "marking"]]),
    ];
    const names = ladders.flatMap((l) => l.levels.map((v) => v.name));
    for (const [m, path] of markings) {
      if (m?.classification === undefined || findClassification(m.classification, ladders).length > 0) continue;
      const near = suggestClassification(m.classification, ladders);
      ctx.report({
        path: [...path, "classification"],
        messageId: "unknownClassification",
        data: { classification: m.classification },
        hint: near ? `did you mean \`${near}\`?` : `use one of ${names.map((n) => `\`${n}\``).join(", ")}, or list yours under \`classifications:\` in yardstick.config.yaml`,
      });
    }
  },
  examples: {
    ok: [
      {
        title: "UK classifications on the assessment and a judgment",
        yaml: `yardstick: 1
id: example
title: Example
marking:
  classification: OFFICIAL-SENSITIVE
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    marking:
      classification: OFFICIAL-SENSITIVE
`,
      },
    ],
    notOk: [
      {
        title: "A misspelt classification on a judgment",
        yaml: `yardstick: 1
id: example
title: Example
marking:
  classification: SECRET
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    marking:
      classification: SECERT
`,
        lines: [13],
      },
    ],
  },
};
