import type { Rule } from "../rule.js";
import { reservedName } from "../../io/names.js";

/** The assessment id names its output files, so it cannot be a name the build or Windows reserves. */
export const reservedId: Rule = {
  meta: {
    id: "reserved-id",
    description: "The assessment id is not a reserved file name (`manifest`, or a Windows device name such as `con`, `nul`, `aux`, `com1`).",
    severity: "error",
    tags: ["correctness"],
    needs: ["id"],
    messages: {
      buildName: "the id `{id}` is reserved: the build writes its own {base}.json in the output folder",
      deviceName: "the id `{id}` is a device name on Windows ({base}), so no file can be named after it there",
    },
    rationale: "Outputs are written as `<id>.<ext>`: `manifest` would collide with the build's manifest.json, and Windows cannot create files named after devices, so such a brief could not be built or checked out there.",
  },
  check(ctx) {
    const reserved = reservedName(ctx.assessment.id);
    if (reserved === undefined) return;
    const messageId = reserved.kind === "build" ? "buildName" : "deviceName";
    ctx.report({ path: ["id"], messageId, data: { id: ctx.assessment.id, base: reserved.base }, hint: "choose another id, e.g. add a word or a date (`con-2024-05`)" });
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
      {
        title: "An id the build keeps for its manifest",
        yaml: `yardstick: 1
id: manifest
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
