import type { Rule } from "../rule.js";
import { reservedNameProblem } from "../../io/names.js";

/** The assessment id names its output files, so it cannot be a name the build or Windows reserves. */
export const reservedId: Rule = {
  meta: {
    id: "reserved-id",
    description: "The assessment id is not a reserved file name (`manifest`, or a Windows device name such as `con`, `nul`, `aux`, `com1`).",
    severity: "error",
    tags: ["correctness"],
    needs: ["id"],
    rationale: "Outputs are written as `<id>.<ext>`: `manifest` would collide with the build's manifest.json, and Windows cannot create files named after devices, so such a brief could not be built or checked out there.",
  },
  check(ctx) {
    const problem = reservedNameProblem(ctx.assessment.id);
    if (problem === undefined) return;
    ctx.report({ path: ["id"], message: `the id ${problem}`, hint: "choose another id, e.g. add a word or a date (`con-2024-05`)" });
  },
  examples: {
    ok: [
      {
        title: "An id that names a file anywhere",
        yaml: `yardstick: 1
id: con-2024-05
title: Example
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
        title: "A Windows device name as the id",
        yaml: `yardstick: 1
id: nul
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
`,
        lines: [2],
      },
    ],
  },
};
