/**
 * The outcomes ledger: a YAML file (`kind: outcomes`) recording what happened to judgments of
 * published assessments, keyed by assessment id and judgment id, so that a published assessment
 * need not be edited to record its outcomes. Loaded with positions, like an assessment.
 *
 * ```yaml
 * yardstick: 1
 * kind: outcomes
 * outcomes:
 *   - assessment: isk-2022-07
 *     judgment: attacks-afghanistan
 *     occurred: true
 *     resolved: 2023-07-10
 *     note: IS-K attacks continued (source …).
 * ```
 */
import { z } from "zod";
import { diagnostic } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { FORMAT_VERSION, IsoDate, Slug } from "./assessment.js";
import { parseYaml, type ParsedYaml, type ParseOptions } from "./load.js";
import { spanForPath, type Span } from "./positions.js";
import { zodIssuesToDiagnostics } from "./zod-issues.js";

/** The value of `kind` that marks an outcomes ledger. */
export const OUTCOMES_KIND = "outcomes";

/** One recorded outcome in a ledger. */
export const LedgerOutcome = z
  .strictObject({
    assessment: Slug.meta({ description: "id of the assessment (any edition) holding the judgment" }),
    judgment: Slug.meta({ description: "id of the judgment in that assessment" }),
    occurred: z.boolean().meta({ description: "whether the judged event or state came about" }),
    resolved: IsoDate.meta({ description: "when the outcome was known" }),
    note: z.string().trim().min(1, { error: "must not be empty" }).optional().meta({ description: "what happened, with the public source that shows it" }),
  })
  .meta({ description: "what happened to one judgment" });

/** An outcomes ledger file. */
export const OutcomesLedger = z
  .strictObject({
    yardstick: z.literal(FORMAT_VERSION).meta({ description: "format version" }),
    kind: z.literal(OUTCOMES_KIND).meta({ description: "marks the file as an outcomes ledger, not an assessment" }),
    title: z.string().trim().min(1).optional(),
    outcomes: z.array(LedgerOutcome).default([]),
  })
  .meta({ title: "yardstick outcomes ledger", description: "Outcomes of judgments, keyed by assessment id and judgment id" });

export type LedgerOutcome = z.infer<typeof LedgerOutcome>;
export type OutcomesLedger = z.infer<typeof OutcomesLedger>;

/** A ledger entry with where it is written. */
export interface PositionedOutcome extends LedgerOutcome {
  file: string;
  /** Span of the entry in the ledger file. */
  span: Span;
}

/** A loaded ledger: its entries (when valid) and its problems. */
export interface LoadedLedger extends ParsedYaml {
  /** The entries, set only when the file has no errors. */
  outcomes?: PositionedOutcome[];
}

/** A top-level `kind: outcomes` line, as a cheap test before parsing. */
const KIND_LINE = /^kind:[ \t]*(["']?)outcomes\1[ \t]*(#.*)?$/m;

/** True when YAML text declares itself an outcomes ledger (a top-level `kind: outcomes`). */
export function looksLikeOutcomesLedger(text: string): boolean {
  return KIND_LINE.test(text);
}

/**
 * Parses an outcomes ledger: YAML problems, then the schema, then entries recorded twice for one
 * judgment (an error, at the second entry).
 */
export function parseOutcomesLedger(input: string | Uint8Array, file: string, options: ParseOptions = {}): LoadedLedger {
  const parsed = parseYaml(input, file, options);
  const { doc, lineCounter, value, diagnostics } = parsed;
  if (!doc || value === undefined || diagnostics.some((d) => d.severity === "error")) return parsed;
  const result = OutcomesLedger.safeParse(value, { reportInput: true });
  if (!result.success) {
    diagnostics.push(...zodIssuesToDiagnostics(result.error.issues, { file, doc, lineCounter, schema: OutcomesLedger, value }));
    return parsed;
  }
  const seen = new Map<string, number>();
  const outcomes: PositionedOutcome[] = [];
  const problems: Diagnostic[] = [];
  result.data.outcomes.forEach((o, i) => {
    const span = spanForPath(doc, lineCounter, ["outcomes", i]);
    const key = `${o.assessment}\u0000${o.judgment}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(diagnostic("outcome-duplicate", "twice", { file, ...span }, { judgment: o.judgment, assessment: o.assessment, line: outcomes[first]!.span.line }, "keep one entry per judgment; correct the first one if what happened has changed"));
      return;
    }
    seen.set(key, outcomes.length);
    outcomes.push({ ...o, file, span });
  });
  diagnostics.push(...problems);
  if (problems.length > 0) return parsed;
  return { ...parsed, outcomes };
}

/** Where the committed JSON Schema of the ledger lives, relative to the package root. */
export const OUTCOMES_JSON_SCHEMA_PATH = "schema/outcomes.schema.json";

/** The JSON Schema (draft-07) of an outcomes ledger, as committed (2-space indent, final newline). */
export function outcomesJsonSchemaText(): string {
  const schema = z.toJSONSchema(OutcomesLedger, { target: "draft-7", io: "input", unrepresentable: "any" });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
