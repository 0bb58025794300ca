/**
 * `yardstick.config.yaml`: custom scales, rule severities, date format, page size, templates.
 */
import { z } from "zod";
import { Slug } from "../schema/assessment.js";

/** Severity a rule runs at, as written in the config. */
export const RuleSetting = z.enum(["off", "warn", "error"]);
export type RuleSetting = z.infer<typeof RuleSetting>;

const ScaleTermConfig = z.strictObject({
  term: z.string().trim().min(1).meta({ description: "canonical wording, lower case" }),
  min: z.number().min(0).max(100),
  max: z.number().min(0).max(100),
  kind: z.enum(["adjective", "noun"]).default("adjective").meta({ description: "\"It is {term} that\" (adjective) or \"There is a {term} that\" (noun)" }),
  phrase: z.string().trim().min(1).optional().meta({ description: "words before \"that\", when the default reads wrong" }),
  aliases: z.array(z.string().trim().min(1)).default([]),
});

/** A custom probability scale declared in the config. */
export const ScaleConfig = z.strictObject({
  name: z.string().trim().min(1).optional(),
  reference: z.string().trim().min(1).optional(),
  terms: z.array(ScaleTermConfig).min(2, { error: "a scale needs at least two terms" }),
});

const ClassificationLevelConfig = z.strictObject({
  name: z.string().trim().min(1).meta({ description: "the classification as written, e.g. INTERNAL" }),
  abbreviation: z.string().trim().min(1).max(12).meta({ description: "its portion mark, e.g. I" }),
});

/** The classifications markings may use, least to most restrictive. */
export const ClassificationsConfig = z
  .union([z.enum(["uk", "us"]), z.array(z.union([z.enum(["uk", "us"]), ClassificationLevelConfig])).min(1)])
  .meta({ description: "preset ladders (uk: UK Government Security Classifications, us: US levels) or your own levels, least to most restrictive" });

/** The whole config file. */
export const Config = z.strictObject({
  scales: z.record(Slug, ScaleConfig).default({}),
  rules: z.record(z.string(), RuleSetting).default({}),
  dateFormat: z
    .string()
    .trim()
    .min(1)
    .default("dd/mm/yy")
    .meta({ description: "how dates print in briefs: tokens dd, d, mm, m, mmm, mmmm, yy, yyyy", examples: ["dd/mm/yy", "d mmmm yyyy", "yyyy-mm-dd"] }),
  pageSize: z.enum(["A4", "Letter"]).default("A4"),
  templates: z.string().trim().min(1).optional().meta({ description: "folder of templates overriding the built-in ones, relative to the config file" }),
  out: z.string().trim().min(1).optional().meta({ description: "output folder, relative to the config file" }),
  labels: z
    .strictObject({
      summary: z.string().trim().min(1),
      keyJudgment: z.string().trim().min(1),
      sources: z.string().trim().min(1),
      cutoff: z.string().trim().min(1),
      changes: z.string().trim().min(1),
      confidence: z.string().trim().min(1),
      horizon: z.string().trim().min(1),
      outcome: z.string().trim().min(1),
      note: z.string().trim().min(1),
      source: z.string().trim().min(1),
      reference: z.string().trim().min(1),
      issued: z.string().trim().min(1),
      cutoffDate: z.string().trim().min(1),
      authors: z.string().trim().min(1),
      marking: z.string().trim().min(1),
      likelihood: z.string().trim().min(1),
      untitled: z.string().trim().min(1),
      sourceEntry: z.string().trim().min(1),
      page: z.string().trim().min(1),
      of: z.string().trim().min(1),
    })
    .partial()
    .optional()
    .meta({ description: "the brief's fixed wording, to match a house style (e.g. summary: \"Summary.\")" }),
  show: z
    .strictObject({
      horizon: z.boolean().default(true).meta({ description: "print each judgment's horizon under its sentence" }),
      portionMarks: z.boolean().default(false).meta({ description: "print a portion mark such as (OS) or [TLP:AMBER] before each judgment and evidence item" }),
      yardstick: z.boolean().default(true).meta({ description: "print each judgment's place on the probability yardstick (the graphic in PDF and HTML, a \"Likelihood:\" line in Markdown)" }),
      meta: z.boolean().default(true).meta({ description: "print the title block (reference, issued, cut-off, authors, marking) under the title" }),
      sources: z.boolean().default(true).meta({ description: "print the Sources list whenever anything is cited (the seed's own style prints none)" }),
      notes: z.boolean().default(false).meta({ description: "print the analyst's internal `note`s (on judgments, evidence, sources, outcomes) in the brief" }),
      ranges: z
        .union([z.literal(false), z.literal("inline")])
        .default(false)
        .meta({ description: "\"inline\" prints each term's range beside it: \"It is highly likely (80–90 %) that …\"" }),
      probability: z.boolean().optional().meta({ description: "print a judgment's exact `probability` beside its term: \"It is likely (70 %) that …\"" }),
    })
    .optional()
    .meta({ description: "optional lines of the brief" }),
  docx: z
    .strictObject({
      reference: z
        .string()
        .trim()
        .min(1)
        .optional()
        .meta({ description: "a .docx whose styles (word/styles.xml) the Word briefs use instead of the built-in ones, relative to the config file (Pandoc's reference-doc habit)" }),
      language: z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { error: "must be a BCP 47 language tag such as en-GB" })
        .default("en-GB")
        .meta({ description: "language of the Word briefs (proofing and document properties), a BCP 47 tag" }),
    })
    .optional()
    .meta({ description: "Word (.docx) briefs" }),
  stix: z
    .strictObject({
      organisation: z.string().trim().min(1).default("yardstick").meta({ description: "name of the producing organisation: the STIX identity every object is created by" }),
      confidence: z
        .enum(["analytic", "likelihood"])
        .default("analytic")
        .meta({ description: "what STIX `confidence` carries: analytic confidence (low 15, moderate 50, high 85; STIX 2.1 Appendix A) or the likelihood (midpoint of the band × 100)" }),
    })
    .optional()
    .meta({ description: "STIX 2.1 bundles" }),
  citations: z
    .enum(["numbered", "word"])
    .default("numbered")
    .meta({ description: "how evidence cites its source: \"[3]\", linked to entry 3 of the Sources list (numbered), or the word \"(source)\", linked to the source's URL or its entry (word)" }),
  classifications: ClassificationsConfig.default(["uk", "us"]),
  portionMarks: z
    .record(z.string().trim().min(1), z.string().trim().min(1).max(16))
    .default({})
    .meta({ description: "portion-mark abbreviations by classification or TLP label (e.g. OFFICIAL-SENSITIVE: OS, TLP:AMBER: A)" }),
  maxFileBytes: z.int().min(1024).default(1_048_576).meta({ description: "largest assessment file accepted, in bytes" }),
});
export type ConfigInput = z.input<typeof Config>;
export type ConfigData = z.infer<typeof Config>;
