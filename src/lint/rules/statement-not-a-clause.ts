import type { Rule } from "../rule.js";
import { resolveTerm } from "../../schema/scales.js";

/** Openings that repeat what the brief composes before the statement, with the message each gets. */
const OPENINGS: ReadonlyArray<{ re: RegExp; messageId: "repeatsPhrase" | "analystVoice" | "startsWithThat" }> = [
  {
    re: /^(?:it is|it's|there is|there's|there are)\s+[^.;:]{0,60}?\b(?:likely|unlikely|probable|improbable|possible|possibility|certain|chance|odds|doubt|expected|assessed|judged)\s+that\b/iu,
    messageId: "repeatsPhrase",
  },
  {
    re: /^(?:we|i)\s+(?:assess|judge|estimate|believe|think|expect|consider)(?:\s+that)?\b/iu,
    messageId: "analystVoice",
  },
  {
    re: /^(?:it is|it's)\s+(?:assessed|judged|estimated|believed|thought|expected)(?:\s+that)?\b/iu,
    messageId: "analystVoice",
  },
  { re: /^that\b/iu, messageId: "startsWithThat" },
];

/** The statement is the clause after "It is {term} that"; it does not start that sentence again. */
export const statementNotAClause: Rule = {
  meta: {
    id: "statement-not-a-clause",
    description: "A statement is only the clause after \"It is {term} that\": it does not begin with `that`, \"It is likely that\" or \"We assess\".",
    severity: "warning",
    tags: ["style", "uncertainty"],
    rationale: "The brief composes \"It is {term} that\" from `likelihood`; a statement that starts the same way reads \"It is likely that it is likely that …\".",
    needs: ["scale"],
    messages: {
      repeatsPhrase: "statement repeats the likelihood phrase `{opening}`; the brief already prints \"{phrase} that\" before it",
      analystVoice: "statement opens in the analyst's voice, `{opening}`; the likelihood term already marks it as an assessment",
      startsWithThat: "statement starts with `{opening}`; the brief already prints \"{phrase} that\" before it",
    },
  },
  check(ctx) {
    ctx.assessment.judgments.forEach((j, i) => {
      const phrase = (ctx.scale && resolveTerm(ctx.scale, j.likelihood)?.form.phrase) ?? `It is ${j.likelihood}`;
      for (const { re, messageId } of OPENINGS) {
        const m = re.exec(j.statement);
        if (!m) continue;
        ctx.report({
          path: ["judgments", i, "statement"],
          within: { offset: m.index, length: m[0].length },
          messageId,
          data: { opening: m[0], phrase },
          hint: "start the statement at its subject, e.g. `IS-K will …`, and put the likelihood in `likelihood`",
        });
        break;
      }
    });
  },
  examples: {
    ok: [
      {
        title: "The clause alone; \"There are signs that\" is a claim of its own",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: IS-K will continue its attacks in Afghanistan.
  - id: defections
    likelihood: realistic possibility
    statement: there are TTP members who will defect to ISKP in 2023.
`,
      },
    ],
    notOk: [
      {
        title: "The likelihood phrase typed into the statement, and an analyst's voice",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: It is likely that IS-K will continue its attacks.
  - id: recruitment
    likelihood: unlikely
    statement: We assess that recruitment will fall.
  - id: funding
    likelihood: unlikely
    statement: that funding will fall in 2023.
`,
        lines: [9, 12, 15],
      },
    ],
  },
};
