import type { Rule } from "../rule.js";
import { sourceUrls } from "../../schema/citations.js";
import { isLocalUrl, urlProblem } from "../../schema/urls.js";

/** Links to localhost or private networks mean nothing to readers and can probe their machines. */
export const sourceUrlLocal: Rule = {
  meta: {
    id: "source-url-local",
    description: "Source URLs do not point at localhost or private network addresses.",
    severity: "warning",
    tags: ["sourcing", "security"],
    rationale: "Readers cannot follow a link to the analyst's own network, and a click on one reaches into the reader's.",
    needs: [],
    messages: {
      local: "source URL `{url}` points at a local or private network address",
    },
  },
  check(ctx) {
    for (const { url, path } of sourceUrls(ctx.assessment)) {
      if (urlProblem(url) || !isLocalUrl(url)) continue;
      ctx.report({ path, messageId: "local", data: { url }, hint: "link to the published copy of the source" });
    }
  },
  examples: {
    ok: [
      {
        title: "A public https link",
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
sources:
  - id: herat
    url: https://example.org/herat
`,
      },
    ],
    notOk: [
      {
        title: "A link to a server on the analyst's own network",
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
sources:
  - id: herat
    url: http://192.168.1.10/reports/herat
`,
        lines: [15],
      },
    ],
  },
};
