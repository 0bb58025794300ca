import type { Rule } from "../rule.js";
import { evidenceEntries } from "../../schema/citations.js";
import type { DocPath } from "../../schema/positions.js";
import { findPlaceholder, maskQuoted } from "../text.js";

/** Draft markers do not reach readers. */
export const placeholderText: Rule = {
  meta: {
    id: "placeholder-text",
    description: "Titles, the summary, evidence, notes and sources contain no draft placeholder (`TODO`, `TBD`, `FIXME`, `XXX`, `[insert …]`, lorem ipsum).",
    severity: "warning",
    tags: ["style"],
    rationale: "A brief that ships with \"TODO\" in it tells readers it was not finished; the check is cheap and almost never wrong. (Statements are checked by unfinished-statement.)",
    needs: ["title", "summary"],
    messages: {
      placeholder: "placeholder `{placeholder}` left in the text",
    },
  },
  check(ctx) {
    const a = ctx.assessment;
    const scan = (text: string | undefined, path: DocPath) => {
      if (text === undefined) return;
      const found = findPlaceholder(maskQuoted(text));
      if (!found) return;
      ctx.report({
        path,
        within: { offset: found.offset, length: found.text.length },
        messageId: "placeholder",
        data: { placeholder: found.text },
        hint: "write the missing text, or remove the placeholder",
      });
    };
    scan(a.title, ["title"]);
    scan(a.summary, ["summary"]);
    a.judgments.forEach((j, i) => {
      scan(j.note, ["judgments", i, "note"]);
      scan(j.outcome?.note, ["judgments", i, "outcome", "note"]);
    });
    for (const { item, path, judgmentIndex, evidenceIndex } of evidenceEntries(a)) {
      const plain = typeof a.judgments[judgmentIndex]?.evidence[evidenceIndex] === "string";
      scan(item.text, plain ? path : [...path, "text"]);
      scan(item.note, [...path, "note"]);
      scan(item.inlineSource?.title, [...path, "source", "title"]);
    }
    a.sources.forEach((s, i) => {
      scan(s.title, ["sources", i, "title"]);
      scan(s.note, ["sources", i, "note"]);
    });
  },
  examples: {
    ok: [
      {
        title: "Finished text; a `TODO` in code and \"XXX Corps\" are not placeholders",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: The Taliban moved XXX Corps units to Herat; the file format marks drafts with \`TODO\`.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    evidence:
      - A bus was attacked in Herat.
`,
      },
    ],
    notOk: [
      {
        title: "Placeholders in the summary, an evidence item and a source",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: Attacks are rising. TODO add the May figures.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    evidence:
      - text: "[Insert the Herat attack here]"
        source: herat
sources:
  - id: herat
    title: TBD
`,
        lines: [5, 11, 15],
      },
    ],
  },
};
