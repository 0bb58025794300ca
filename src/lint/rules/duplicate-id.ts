import type { Rule } from "../rule.js";
import { evidenceEntries } from "../../schema/citations.js";

/** Ids name anchors, files and diff keys, so each must be unique in its file. */
export const duplicateId: Rule = {
  meta: {
    id: "duplicate-id",
    description: "Judgment, source and evidence ids are unique within an assessment.",
    severity: "error",
    tags: ["correctness"],
    rationale: "Ids key anchors in the brief and match judgments across editions; a repeated id makes both ambiguous.",
    needs: ["judgments[]", "sources[]", "judgments[].evidence"],
    messages: {
      judgmentTwice: "judgment id `{id}` is used twice (first by judgment {first})",
      sourceTwice: "source id `{id}` is used twice (first by source {first})",
      evidenceTwice: "evidence id `{id}` is used twice (first by evidence {first})",
      inlineReusesListed: "the source written here reuses the id `{id}` of a source in `sources`",
    },
  },
  check(ctx) {
    const seen = (kind: "judgment" | "source" | "evidence") => {
      const first = new Map<string, number>();
      return (id: string | undefined, index: number, path: ReadonlyArray<string | number>) => {
        if (id === undefined) return;
        const earlier = first.get(id);
        if (earlier === undefined) first.set(id, index);
        else
          ctx.report({
            path,
            messageId: `${kind}Twice`,
            data: { id, first: earlier + 1 },
            hint: `give each ${kind} its own id`,
          });
      };
    };
    const judgment = seen("judgment");
    ctx.assessment.judgments.forEach((j, i) => judgment(j.id, i, ["judgments", i, "id"]));
    const source = seen("source");
    ctx.assessment.sources.forEach((s, i) => source(s.id, i, ["sources", i, "id"]));
    const evidence = seen("evidence");
    let n = 0;
    const listed = new Set(ctx.assessment.sources.map((s) => s.id));
    for (const { item, path } of evidenceEntries(ctx.assessment)) {
      evidence(item.id, n++, [...path, "id"]);
      const inline = item.inlineSource;
      if (inline?.id !== undefined && listed.has(inline.id)) {
        ctx.report({
          path: [...path, "source", "id"],
          messageId: "inlineReusesListed",
          data: { id: inline.id },
          hint: `cite the listed source with \`source: ${inline.id}\`, or give this one its own id`,
        });
      }
    }
  },
  examples: {
    ok: [
      {
        title: "Distinct judgment ids",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
  - id: recruitment
    likelihood: unlikely
    statement: Recruitment will fall.
`,
      },
    ],
    notOk: [
      {
        title: "Two judgments share an id",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
  - id: attacks
    likelihood: unlikely
    statement: Recruitment will fall.
`,
        lines: [10],
      },
      {
        title: "A repeated source id, a repeated evidence id, and an inline source that takes a listed id",
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
      - id: bus
        text: A bus was attacked in Herat.
        source: herat
      - id: bus
        text: Rockets were fired into Tajikistan.
        source:
          id: herat
          title: A second report
sources:
  - id: herat
    title: Herat bus attack
  - id: herat
    title: Herat bus attack, as reported again
`,
        lines: [14, 17, 22],
      },
    ],
  },
};
