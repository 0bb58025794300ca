import type { Rule } from "../rule.js";
import { sourceUrls } from "../../schema/citations.js";
import { urlProblem } from "../../schema/urls.js";

/** Source links are http(s) URLs: no `file:`, `javascript:` or `data:` links in a brief. */
export const sourceUrl: Rule = {
  meta: {
    id: "source-url",
    description: "Source URLs are well-formed http(s) links without credentials.",
    severity: "error",
    tags: ["correctness", "sourcing", "security"],
    rationale: "A brief is sent to readers; a `file:` or `javascript:` link in it is broken at best and an attack at worst.",
    needs: [],
    messages: {
      lineBreak: "the source URL holds a line break",
      space: "the source URL holds a space",
      blank: "the source URL holds a blank or control character",
      invalid: "`{url}` is not a valid URL",
      scheme: "source URL uses `{protocol}`; only http and https links are allowed",
      credentials: "source URL carries a user name or password",
    },
  },
  check(ctx) {
    for (const { url, path } of sourceUrls(ctx.assessment)) {
      const problem = urlProblem(url);
      if (problem) ctx.report({ path, ...problem });
    }
  },
  examples: {
    ok: [
      {
        title: "An https link",
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
        title: "A `file:` link and a `javascript:` link",
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
      - text: A second attack.
        source:
          title: Inline source
          url: "javascript:alert(1)"
sources:
  - id: herat
    url: file:///etc/passwd
`,
        lines: [16, 19],
      },
      {
        title: "Blanks, a relative address and credentials in source URLs",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
sources:
  - id: broken
    title: A link split over two lines
    url: "https://example.org/\\nreport"
  - id: spaced
    title: A link with a space
    url: https://example.org/a report
  - id: tabbed
    title: A link with a tab
    url: "https://example.org/a\\treport"
  - id: relative
    title: A link without a scheme
    url: example.org/report
  - id: login
    title: A link with a password
    url: https://analyst:secret@example.org/report
`,
        lines: [13, 16, 19, 22, 25],
      },
    ],
  },
};
