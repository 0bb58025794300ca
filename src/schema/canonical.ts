/**
 * Reads values of enumerated fields written in another case or spacing of exactly one canonical
 * form as that form (`tlp: amber` → `AMBER`, `likelihood: Highly Likely` → `highly likely`,
 * `horizon: 12 month` → `12 months`), so the brief prints the canonical form, and warns with a fix.
 * What is not unambiguous is left for the schema and the rules to report (see `lenient.ts`).
 */
import type { Document, LineCounter } from "yaml";
import { diagnostic } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { scalarFix } from "./fix-text.js";
import { likelihoodField, readDuration, readEnum, scaleField, CONFIDENCE_FIELD, RELIABILITY_FIELD, TLP_FIELD, type EnumField, type Reading } from "./lenient.js";
import { locate, spanForPath, type DocPath } from "./positions.js";
import { DEFAULT_SCALE_ID, type Scale } from "./scales.js";

/** Rule id of the warning for a value read as its canonical form. */
export const CANONICAL_RULE = "canonical-form";

/** What {@link canonicalise} needs. */
export interface CanonicalContext {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  scales: Readonly<Record<string, Scale>>;
}

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Rewrites, in `record`, every enumerated value that is another case or spacing of one canonical
 * form, and returns a warning with a fix for each.
 */
export function canonicalise(record: Plain, ctx: CanonicalContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (holder: Plain, key: string, path: DocPath, read: (written: string) => Reading) => {
    const written = holder[key];
    if (typeof written !== "string") return;
    const reading = read(written);
    if (reading.kind !== "canonical") return;
    holder[key] = reading.value;
    const description = `\`${written}\` → \`${reading.value}\``;
    const d = diagnostic("canonical-form", "canonical", { file: ctx.file, ...spanForPath(ctx.doc, ctx.lineCounter, path) }, { written, value: reading.value }, `the brief prints \`${reading.value}\``);
    const fix = scalarFix(locate(ctx.doc, path).node, reading.value, description);
    if (fix) d.fix = fix;
    out.push(d);
  };
  const enumOf = (field: EnumField) => (written: string) => readEnum(written, field);

  visit(record, "scale", ["scale"], enumOf(scaleField(ctx.scales)));
  const scaleId = typeof record.scale === "string" ? record.scale : DEFAULT_SCALE_ID;
  const scale = ctx.scales[scaleId];
  const tlp = enumOf(TLP_FIELD);
  // Every marking: the assessment's, the title's and summary's, and each portion's.
  const marking = (holder: Plain, path: DocPath) => {
    if (isPlain(holder.marking)) visit(holder.marking, "tlp", [...path, "marking", "tlp"], tlp);
  };
  marking(record, []);
  for (const key of ["titleMarking", "summaryMarking"]) {
    const m = record[key];
    if (isPlain(m)) visit(m, "tlp", [key, "tlp"], tlp);
  }
  const likelihood = scale ? enumOf(likelihoodField(scale)) : undefined;
  const reliability = enumOf(RELIABILITY_FIELD);
  if (Array.isArray(record.judgments)) {
    record.judgments.forEach((j: unknown, i) => {
      if (!isPlain(j)) return;
      const at = (key: string): DocPath => ["judgments", i, key];
      visit(j, "confidence", at("confidence"), enumOf(CONFIDENCE_FIELD));
      if (likelihood) visit(j, "likelihood", at("likelihood"), likelihood);
      visit(j, "horizon", at("horizon"), readDuration);
      marking(j, ["judgments", i]);
      if (Array.isArray(j.evidence)) {
        j.evidence.forEach((e: unknown, k) => {
          if (!isPlain(e)) return;
          marking(e, ["judgments", i, "evidence", k]);
          if (!isPlain(e.source)) return;
          visit(e.source, "reliability", ["judgments", i, "evidence", k, "source", "reliability"], reliability);
          marking(e.source, ["judgments", i, "evidence", k, "source"]);
        });
      }
    });
  }
  if (Array.isArray(record.sources)) {
    record.sources.forEach((s: unknown, i) => {
      if (!isPlain(s)) return;
      visit(s, "reliability", ["sources", i, "reliability"], reliability);
      marking(s, ["sources", i]);
    });
  }
  return out;
}
