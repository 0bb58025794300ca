import type { Rule } from "../rule.js";
import { forEachString } from "../text-walk.js";
import type { DocPath } from "../../schema/positions.js";

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

/** Invisible direction controls make text read differently from what it says ("Trojan Source"). */
export const bidiControl: Rule = {
  meta: {
    id: "bidi-control",
    description: "Text holds no bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069).",
    severity: "warning",
    tags: ["style"],
    needs: [],
    rationale: "These invisible characters reorder how text is displayed: a title can show one thing and hold another, in the brief, the diff and review tools. Right-to-left text needs none of them.",
  },
  check(ctx) {
    const visit = (text: string, path: DocPath) => {
      const m = BIDI.exec(text);
      if (!m) return;
      const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      ctx.report({ path, message: `the text holds an invisible direction control (U+${code}) that changes how it is displayed`, hint: "delete the character; right-to-left scripts display correctly without it" });
    };
    forEachString(ctx.assessment, visit, ctx.brokenFields, BIDI);
  },
  examples: {
    ok: [
      {
        title: "Right-to-left text without controls",
        yaml: `yardstick: 1
id: example
title: "Statement by ولاية خراسان"
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
        title: "A right-to-left override in the title",
        yaml: `yardstick: 1
id: example
title: "Invoice \\u202Efdp.exe"
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
