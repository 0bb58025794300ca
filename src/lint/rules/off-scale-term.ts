import type { Rule } from "../rule.js";
import { resolveTerm, type Scale } from "../../schema/scales.js";
import type { DocPath } from "../../schema/positions.js";
import { findPhrase, maskQuoted, wordsOf } from "../text.js";

type ForeignTerm = { text: string; scaleName: string; scaleId: string };
const foreignCache = new WeakMap<Scale, WeakMap<object, readonly ForeignTerm[]>>();

/**
 * The multi-word expressions of the other scales that mean nothing on `scale` (single words such
 * as "likely" are shared by the scales and ordinary English). Made once per scale and set of scales.
 */
function foreignTerms(scale: Scale, scales: Readonly<Record<string, Scale>>): readonly ForeignTerm[] {
  let byScales = foreignCache.get(scale);
  if (!byScales) foreignCache.set(scale, (byScales = new WeakMap()));
  const known = byScales.get(scales);
  if (known) return known;
  const foreign: ForeignTerm[] = [];
  const seen = new Set<string>();
  for (const other of Object.values(scales)) {
    if (other.id === scale.id) continue;
    for (const t of other.terms) {
      for (const f of t.forms) {
        if (!f.text.includes(" ") || resolveTerm(scale, f.text) || seen.has(f.text)) continue;
        seen.add(f.text);
        foreign.push({ text: f.text, scaleName: other.name, scaleId: other.id });
      }
    }
  }
  byScales.set(scales, foreign);
  return foreign;
}

/** The summary and notes speak the same probability language as the judgments. */
export const offScaleTerm: Rule = {
  meta: {
    id: "off-scale-term",
    description: "The summary and notes use no likelihood expression of another scale (e.g. `very likely` in a PHIA brief).",
    severity: "warning",
    tags: ["uncertainty"],
    rationale: "Two yardsticks in one brief give the same word two meanings (`unlikely` is 25–35 % in PHIA but 20–45 % in ICD 203); readers cannot tell which applies.",
    needs: ["scale", "summary"],
  },
  check(ctx) {
    const scale = ctx.scale;
    if (!scale) return;
    const foreign = foreignTerms(scale, ctx.scales);
    const scan = (text: string | undefined, path: DocPath) => {
      if (text === undefined) return;
      const masked = maskQuoted(text);
      const words = wordsOf(masked);
      for (const f of foreign) {
        for (const m of findPhrase(masked, words, f.text)) {
          ctx.report({
            path,
            within: { offset: m.offset, length: m.length },
            message: `\`${m.text}\` is a term of the ${f.scaleName}, but this assessment uses the ${scale.name}`,
            hint: `use a ${scale.id} term (${scale.terms.map((t) => `\`${t.label}\``).join(", ")}), or set \`scale: ${f.scaleId}\` for the whole assessment`,
          });
        }
      }
    };
    scan(ctx.assessment.summary, ["summary"]);
    ctx.assessment.judgments.forEach((j, i) => scan(j.note, ["judgments", i, "note"]));
  },
  examples: {
    ok: [
      {
        title: "The summary uses the brief's own scale, and quotes another report",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: It is highly likely that attacks will continue; the UN called a ceasefire "very unlikely".
judgments:
  - id: attacks
    likelihood: highly likely
    statement: Attacks will continue.
`,
      },
    ],
    notOk: [
      {
        title: "ICD 203 wording in a PHIA brief's summary and note",
        yaml: `yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: |
  Attacks are very likely to continue.
judgments:
  - id: attacks
    likelihood: highly likely
    statement: Attacks will continue.
    note: A ceasefire has roughly even odds of holding.
`,
        lines: [6, 11],
      },
    ],
  },
};
