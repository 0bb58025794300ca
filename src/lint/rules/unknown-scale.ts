import type { Rule } from "../rule.js";
import { readEnum, scaleField } from "../../schema/lenient.js";

/** `scale` names a built-in scale or one declared in yardstick.config.yaml. */
export const unknownScale: Rule = {
  meta: {
    id: "unknown-scale",
    description: "`scale` names a built-in scale (`phia`, `icd203`) or one declared in yardstick.config.yaml.",
    severity: "error",
    tags: ["correctness", "uncertainty"],
    rationale: "Without a known scale, likelihood terms have no ranges and the brief cannot be composed.",
    needs: ["scale"],
    messages: {
      unknownScale: "unknown probability scale `{scale}`",
    },
  },
  check(ctx) {
    if (ctx.scale) return;
    const names = Object.keys(ctx.scales);
    const reading = readEnum(ctx.assessment.scale, scaleField(ctx.scales));
    ctx.report({
      path: ["scale"],
      messageId: "unknownScale",
      data: { scale: String(ctx.assessment.scale) },
      hint: reading.kind === "suggest" ? `did you mean \`${reading.value}\`?` : `use one of ${names.map((n) => `\`${n}\``).join(", ")}, or declare it under \`scales:\` in yardstick.config.yaml`,
      fix: reading.kind === "suggest" && reading.fixable ? { replacement: reading.value } : undefined,
    });
  },
  examples: {
    ok: [
      {
        title: "The ICD 203 scale",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
scale: icd203
summary: A summary.
judgments:
  - id: attacks
    likelihood: very likely
    statement: Attacks will continue.
`,
      },
    ],
    notOk: [
      {
        title: "A misspelt scale name",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
scale: icd230
summary: A summary.
judgments:
  - id: attacks
    likelihood: very likely
    statement: Attacks will continue.
`,
        lines: [5],
      },
    ],
  },
};
