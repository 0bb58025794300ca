import type { Rule } from "../rule.js";
import { evidenceEntries } from "../../schema/citations.js";
import type { InlineSource } from "../../schema/assessment.js";
import type { DocPath } from "../../schema/positions.js";

function missingGrades(s: InlineSource): "NoGrades" | "NoReliability" | "NoCredibility" | undefined {
  const described = s.title !== undefined || s.url !== undefined || s.publisher !== undefined;
  if (!described) return undefined; // a bare placeholder source: nothing to grade it on
  if (s.reliability === undefined && s.credibility === undefined) return "NoGrades";
  if (s.reliability === undefined) return "NoReliability";
  if (s.credibility === undefined) return "NoCredibility";
  return undefined;
}

/** Described sources carry their Admiralty grades. */
export const sourceUngraded: Rule = {
  meta: {
    id: "source-ungraded",
    description: "A source with a title, URL or publisher carries an Admiralty `reliability` (A–F) and `credibility` (1–6) grade.",
    severity: "info",
    tags: ["sourcing"],
    rationale: "ICD 203 asks analysts to describe the quality and credibility of their sources; the Admiralty grades say it in two characters the brief can show.",
    needs: ["sources[].reliability", "sources[].credibility", "judgments[].evidence[].source"],
    messages: {
      sourceNoGrades: "source `{source}` has no reliability or credibility grade",
      sourceNoReliability: "source `{source}` has no reliability grade",
      sourceNoCredibility: "source `{source}` has no credibility grade",
      inlineNoGrades: "inline source `{source}` has no reliability or credibility grade",
      inlineNoReliability: "inline source `{source}` has no reliability grade",
      inlineNoCredibility: "inline source `{source}` has no credibility grade",
    },
  },
  check(ctx) {
    const report = (s: InlineSource, kind: "source" | "inline", name: string, path: DocPath, at: "key" | "value") => {
      const missing = missingGrades(s);
      if (!missing) return;
      ctx.report({
        path,
        at,
        messageId: `${kind}${missing}`,
        data: { source: name },
        hint: "add `reliability:` A (reliable) to F (cannot be judged) and `credibility:` 1 (confirmed) to 6 (cannot be judged)",
      });
    };
    ctx.assessment.sources.forEach((s, i) => report(s, "source", s.id, ["sources", i, "id"], "value"));
    for (const { item, path } of evidenceEntries(ctx.assessment)) {
      if (!item.inlineSource) continue;
      const name = item.inlineSource.title ?? item.inlineSource.url ?? item.inlineSource.publisher ?? "";
      report(item.inlineSource, "inline", name.length > 40 ? `${name.slice(0, 40)}…` : name, [...path, "source"], "key");
    }
  },
  examples: {
    ok: [
      {
        title: "A graded source, and a bare source known only by its id",
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
      - text: Rockets were fired into Tajikistan.
        source: tajik-claim
sources:
  - id: herat
    title: Herat bus attack
    reliability: B
    credibility: 2
  - id: tajik-claim
    note: Link not preserved.
`,
      },
    ],
    notOk: [
      {
        title: "A listed source without grades, and an inline source without credibility",
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
      - text: Rockets were fired into Tajikistan.
        source:
          title: Amaq claim
          reliability: C
sources:
  - id: herat
    title: Herat bus attack
`,
        lines: [14, 18],
      },
      {
        title: "Sources missing one grade each, and an inline source with none",
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
      - text: Rockets were fired into Tajikistan.
        source: tajik
      - text: A mosque was bombed in Kunduz.
        source:
          title: Kunduz police statement
      - text: IS-K claimed the bombing.
        source:
          title: Amaq claim
          credibility: 3
sources:
  - id: herat
    title: Herat bus attack
    credibility: 2
  - id: tajik
    title: Rocket attack report
    reliability: B
`,
        lines: [16, 19, 23, 26],
      },
    ],
  },
};
