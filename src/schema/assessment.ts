/**
 * Format v1 of an assessment, as zod schemas. The TypeScript types are inferred from them and
 * the JSON Schema in `schema/assessment.schema.json` is generated from them.
 */
import { z } from "zod";
import { DURATION_PATTERN } from "./dates.js";

/** Current (and highest supported) format version. */
export const FORMAT_VERSION = 1;

/** kebab-case slug: lower-case letters and digits in groups joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Longest id accepted: ids name files, so they stay well under file-name limits. */
export const MAX_ID_LENGTH = 80;

/** A kebab-case id, safe as a file name, an anchor and a diff key. */
export const Slug = z
  .string()
  .max(MAX_ID_LENGTH)
  .regex(SLUG_PATTERN, { error: "must be a kebab-case id (lower-case letters, digits and single hyphens)" })
  .meta({ description: "kebab-case id: lower-case letters, digits and single hyphens; never a path" });

/** A calendar date written as YYYY-MM-DD. */
export const IsoDate = z.iso
  .date({ error: "must be a date written YYYY-MM-DD" })
  .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || d >= "1000-01-01", { error: "must be a date in the years 1000–9999 (a year before 1000 is almost always a typing error)" })
  .meta({ description: "ISO 8601 calendar date, YYYY-MM-DD" });

export { DURATION_PATTERN };

/** TLP 2.0 labels. */
export const TLP_LABELS = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;
export const Tlp = z.enum(TLP_LABELS).meta({ description: "Traffic Light Protocol 2.0 label" });

/** Analytic confidence levels. */
export const CONFIDENCE_LEVELS = ["low", "moderate", "high"] as const;
export const Confidence = z.enum(CONFIDENCE_LEVELS).meta({ description: "analytic confidence in the judgment" });

/** Admiralty source reliability grades. */
export const RELIABILITY_GRADES = ["A", "B", "C", "D", "E", "F"] as const;

/** Free text: Markdown, non-empty. */
const Text = z.string().trim().min(1, { error: "must not be empty" });

/** The handling marking shown as a banner. */
export const Marking = z
  .strictObject({
    classification: Text.optional().meta({ description: "classification or handling caveat, free text (e.g. OFFICIAL)" }),
    tlp: Tlp.optional(),
    caveats: z.array(Text).optional().meta({ description: "further handling caveats shown after the classification" }),
  })
  .meta({ description: "handling marking shown as a banner at the top and bottom of every page" });

const SourceFields = {
  title: Text.optional().meta({ description: "title of the report, article or dataset" }),
  url: z.string().trim().min(1).optional().meta({ description: "http(s) address of the source" }),
  publisher: Text.optional(),
  date: IsoDate.optional().meta({ description: "publication date; never after the cutoff" }),
  reliability: z.enum(RELIABILITY_GRADES).optional().meta({ description: "Admiralty source reliability, A (reliable) to F (cannot be judged)" }),
  credibility: z
    .int({ error: "must be a whole number from 1 to 6" })
    .min(1, { error: "must be from 1 (confirmed) to 6 (cannot be judged)" })
    .max(6, { error: "must be from 1 (confirmed) to 6 (cannot be judged)" })
    .optional()
    .meta({ description: "Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged)" }),
  description: Text.optional().meta({ description: "public text about the source, printed with it in the brief's Sources list" }),
  note: Text.optional().meta({ description: "the analyst's internal remark (e.g. why details are missing): shown by check, preview and JSON, never printed in a brief unless show.notes" }),
  marking: Marking.optional().meta({ description: "portion marking of the source: content citing it is at least this" }),
};

/** A source listed once and cited by id. */
export const Source = z.strictObject({ id: Slug, ...SourceFields }).meta({ description: "a source cited by evidence items" });

/** A source written inline in an evidence item. */
export const InlineSource = z.strictObject({ id: Slug.optional(), ...SourceFields }).meta({ description: "a source written in place" });

/** One item of evidence: a plain string (unsourced) or an object. */
export const EvidenceObject = z.strictObject({
  id: Slug.optional().meta({ description: "stable id, used to follow the item across editions" }),
  text: Text.meta({ description: "Markdown; `[@source-id]` cites a source in the middle of the text" }),
  source: z.union([Slug, InlineSource]).optional().meta({ description: "id of a source in `sources`, or a source written in place" }),
  date: IsoDate.optional().meta({ description: "when the reported event or information dates from" }),
  note: Text.optional().meta({ description: "the analyst's internal remark: never printed in a brief unless show.notes" }),
  marking: Marking.optional().meta({ description: "portion marking of this item (default: its judgment's)" }),
});
export const Evidence = z.union([Text, EvidenceObject]);

/** What happened, recorded once the horizon has passed. */
export const Outcome = z.strictObject({
  occurred: z.boolean().meta({ description: "whether the judged event or state came about" }),
  resolved: IsoDate.meta({ description: "when the outcome was known" }),
  note: Text.optional(),
});

const PROBABILITY_ERROR = 'must be a probability from 0 to 1 (0.72) or a percentage ("72 %")';

/** A percentage written as text: "72 %", "72%", "7.5 %". */
export const PERCENT_PATTERN = /^(100|[0-9]{1,2})(\.[0-9]+)? ?%$/;

/**
 * An exact probability stated beside the term: a number from 0 to 1, or a percentage as text.
 * Parsed to a number from 0 to 1.
 */
export const Probability = z
  .union([
    z.number({ error: PROBABILITY_ERROR }).min(0, { error: PROBABILITY_ERROR }).max(1, { error: PROBABILITY_ERROR }),
    z
      .string({ error: PROBABILITY_ERROR })
      .trim()
      .regex(PERCENT_PATTERN, { error: PROBABILITY_ERROR })
      .transform((t) => Number(t.replace(/ ?%$/, "")) / 100)
      .refine((p) => p <= 1, { error: PROBABILITY_ERROR }),
  ])
  .meta({ description: 'exact probability inside the term\'s band: 0–1 (0.72) or a percentage ("72 %")', examples: [0.72, "72 %"] });

const HORIZON_ERROR = 'must be a date YYYY-MM-DD or a duration such as "12 months"';

/** A key judgment. */
export const Judgment = z.strictObject({
  id: Slug.meta({ description: "unique in the file and stable across editions" }),
  likelihood: z
    .string()
    .trim()
    .min(1, { error: "must name a term of the probability scale" })
    .meta({
      description: "a term (or alias) of the assessment's probability scale",
      examples: ["remote chance", "highly unlikely", "unlikely", "realistic possibility", "likely", "highly likely", "almost certain"],
    }),
  statement: Text.meta({ description: "the clause after \"It is {term} that\"; Markdown inline text" }),
  probability: Probability.optional(),
  confidence: Confidence.optional(),
  horizon: z
    .union([
      z.iso.date({ error: HORIZON_ERROR }).meta({ description: "ISO 8601 calendar date, YYYY-MM-DD" }),
      z.string().regex(DURATION_PATTERN, { error: HORIZON_ERROR }),
    ])
    .optional()
    .meta({ description: "when the judgment can be judged: a date, or a duration after the cutoff (\"12 months\")" }),
  evidence: z.array(Evidence).default([]).meta({ description: "evidence behind the judgment; a plain string is an unsourced item" }),
  outcome: Outcome.optional(),
  note: Text.optional().meta({ description: "the analyst's internal remark: never printed in a brief unless show.notes" }),
  marking: Marking.optional().meta({ description: "portion marking of the judgment and, by default, of its evidence (default: the assessment's)" }),
});

/** An assessment, format v1. */
export const Assessment = z
  .strictObject({
    yardstick: z.literal(FORMAT_VERSION).meta({ description: "format version" }),
    id: Slug.optional().meta({ description: "kebab-case id; defaults to the file name" }),
    title: Text,
    marking: Marking.optional(),
    titleMarking: Marking.optional().meta({ description: "portion marking of the title (default: the assessment's marking)" }),
    summaryMarking: Marking.optional().meta({ description: "portion marking of the summary (default: the assessment's marking)" }),
    authors: z.array(Text).optional(),
    issued: IsoDate.optional().meta({ description: "date of issue; never before the cutoff" }),
    cutoff: IsoDate.meta({ description: "intelligence cutoff date" }),
    scale: z.string().trim().min(1).default("phia").meta({ description: "probability yardstick: phia (default), icd203 or a scale from yardstick.config.yaml", examples: ["phia", "icd203"] }),
    supersedes: z.string().trim().min(1).optional().meta({ description: "the previous edition: its id or a relative path" }),
    keywords: z.array(Text).optional().meta({ description: "keywords for the PDF metadata and indexes" }),
    summary: Text.meta({ description: "Markdown, one or more paragraphs" }),
    judgments: z.array(Judgment).min(1, { error: "needs at least one key judgment" }),
    sources: z.array(Source).default([]),
  })
  .meta({ title: "yardstick assessment", description: "A structured-analytic assessment, format version 1" });

export type Marking = z.infer<typeof Marking>;
export type Source = z.infer<typeof Source>;
export type InlineSource = z.infer<typeof InlineSource>;
export type EvidenceObject = z.infer<typeof EvidenceObject>;
export type Evidence = z.infer<typeof Evidence>;
export type Outcome = z.infer<typeof Outcome>;
export type Judgment = z.infer<typeof Judgment>;
/** A validated assessment; `id` is always filled in by the loader (from the file name when absent). */
export type Assessment = z.infer<typeof Assessment> & { id: string };
export type Tlp = z.infer<typeof Tlp>;
export type Confidence = z.infer<typeof Confidence>;
