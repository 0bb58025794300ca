import type { Rule } from "../rule.js";
import { forEachString } from "../text-walk.js";
import type { DocPath } from "../../schema/positions.js";

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A half of a UTF-16 surrogate pair is not a character: it cannot be written as UTF-8. */
export const loneSurrogate: Rule = {
  meta: {
    id: "lone-surrogate",
    description: "Text holds no lone UTF-16 surrogate (a `\\uD800`–`\\uDFFF` escape without its pair).",
    severity: "error",
    tags: ["correctness"],
    needs: [],
    rationale: "A lone surrogate is not a Unicode character: outputs would carry U+FFFD replacement marks or invalid UTF-8, and JSON consumers may reject them.",
  },
  check(ctx) {
    const visit = (text: string, path: DocPath) => {
      if (!LONE.test(text)) return;
      ctx.report({ path, message: "the text holds half of a UTF-16 surrogate pair, which is not a character", hint: "write the character itself, or both halves of its escape (`\\uD83D\\uDE00`)" });
    };
    forEachString(ctx.assessment, visit, ctx.brokenFields, LONE);
  },
  examples: {
    ok: [
      {
        title: "A character outside the Basic Multilingual Plane, escaped as a pair",
        yaml: `yardstick: 1
id: example
title: "Example \\uD83D\\uDCC8"
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
`,
      },
    ],
    notOk: [
      {
        title: "Half a pair in the title",
        yaml: `yardstick: 1
id: example
title: "Example \\uD83D"
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
`,
        lines: [3],
      },
    ],
  },
};
