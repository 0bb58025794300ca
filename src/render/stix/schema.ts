/**
 * The STIX 2.1 objects yardstick emits, as zod schemas written from the specification (OASIS STIX
 * Version 2.1, §2 common types, §3 common properties, §4 SDOs report/note/identity, §7 extension
 * definitions and marking definitions, §8 bundle). They hold what the OASIS JSON schemas cannot:
 * `modified` ≥ `created`, real calendar timestamps, references that resolve inside the bundle.
 * Every export is checked against them before it is written.
 */
import { z } from "zod";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

/** An identifier of one STIX type: `type--UUID` (§2.9). */
export function identifier(type: string) {
  return z.string().regex(new RegExp(`^${type}--${UUID}$`), { error: `must be a ${type} identifier (${type}--UUID)` });
}

/** Any identifier. */
export const Identifier = z.string().regex(new RegExp(`^[a-z][a-z0-9-]*[a-z0-9]--${UUID}$`), { error: "must be a STIX identifier (type--UUID)" });

/** A timestamp (§2.13): RFC 3339 in UTC, `YYYY-MM-DDTHH:MM:SS[.s+]Z`, a real date. */
export const Timestamp = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/, { error: "must be a timestamp YYYY-MM-DDTHH:MM:SS(.sss)Z" })
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(Date.parse(s)).toISOString().slice(0, 10) === s.slice(0, 10), { error: "must be a real date" });

/** An external reference (§2.5): `source_name` and at least one of description, url, external_id. */
export const ExternalReference = z
  .strictObject({
    source_name: z.string().min(1),
    description: z.string().optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    external_id: z.string().min(1).optional(),
  })
  .refine((r) => r.description !== undefined || r.url !== undefined || r.external_id !== undefined, { error: "an external reference needs a description, url or external_id" });

const Confidence = z.int().min(0).max(100);

/** Common properties of SDOs (§3.2). */
const sdo = <T extends string>(type: T) => ({
  type: z.literal(type),
  spec_version: z.literal("2.1"),
  id: identifier(type),
  created: Timestamp,
  modified: Timestamp,
  created_by_ref: identifier("identity").optional(),
  labels: z.array(z.string().min(1)).min(1).optional(),
  confidence: Confidence.optional(),
  lang: z.string().min(2).optional(),
  external_references: z.array(ExternalReference).min(1).optional(),
  object_marking_refs: z.array(identifier("marking-definition")).min(1).optional(),
  granular_markings: z.array(z.strictObject({ marking_ref: identifier("marking-definition"), selectors: z.array(z.string().min(1)).min(1) })).min(1).optional(),
});

/** The value a granular-marking selector (§7.2.3: `a.b.[0].c`) points at in an object, or undefined. */
export function selectValue(object: unknown, selector: string): unknown {
  let at: unknown = object;
  for (const step of selector.split(".")) {
    const index = /^\[(\d+)\]$/.exec(step);
    if (index) at = Array.isArray(at) ? at[Number(index[1])] : undefined;
    else at = at !== null && typeof at === "object" && !Array.isArray(at) && Object.hasOwn(at, step) ? (at as Record<string, unknown>)[step] : undefined;
    if (at === undefined) return undefined;
  }
  return at;
}

const modifiedNotBeforeCreated = (o: { created: string; modified: string }) => Date.parse(o.modified) >= Date.parse(o.created);
const MODIFIED_ERROR = { error: "modified must not be before created", path: ["modified"] };

/** identity (§4.5). */
export const IdentitySchema = z.strictObject({ ...sdo("identity"), name: z.string().min(1), identity_class: z.enum(["individual", "group", "system", "organization", "class", "unknown"]).optional() }).refine(modifiedNotBeforeCreated, MODIFIED_ERROR);

/** report (§4.16): name, published, object_refs ≥ 1. */
export const ReportSchema = z
  .strictObject({
    ...sdo("report"),
    name: z.string().min(1),
    description: z.string().optional(),
    report_types: z.array(z.string().min(1)).min(1).optional(),
    published: Timestamp,
    object_refs: z.array(Identifier).min(1),
  })
  .refine(modifiedNotBeforeCreated, MODIFIED_ERROR);

/** The yardstick judgment property extension. */
export const JudgmentExtensionSchema = z.strictObject({
  extension_type: z.literal("property-extension"),
  assessment_id: z.string().min(1),
  judgment_id: z.string().min(1),
  number: z.int().min(1),
  scale: z.string().min(1),
  scale_name: z.string().min(1),
  term: z.string().min(1),
  term_label: z.string().min(1),
  band_min: z.number().min(0).max(100),
  band_max: z.number().min(0).max(100),
  probability: z.number().min(0).max(1),
  analytic_confidence: z.enum(["low", "moderate", "high"]).optional(),
  horizon: z.iso.date().optional(),
  statement: z.string().min(1),
  evidence: z.array(z.strictObject({ text: z.string(), sources: z.array(z.string().min(1)), date: z.iso.date().optional() })),
  outcome: z.strictObject({ occurred: z.boolean(), resolved: z.iso.date(), note: z.string().optional() }).optional(),
}).refine((e) => e.band_min <= e.band_max, { error: "band_min must not exceed band_max" });

/** note (§4.12): content, object_refs ≥ 1. */
export const NoteSchema = z
  .strictObject({
    ...sdo("note"),
    abstract: z.string().optional(),
    content: z.string().min(1),
    authors: z.array(z.string().min(1)).min(1).optional(),
    object_refs: z.array(Identifier).min(1),
    extensions: z.record(identifier("extension-definition"), JudgmentExtensionSchema),
  })
  .refine(modifiedNotBeforeCreated, MODIFIED_ERROR);

/** extension-definition (§7.2): name, schema, version, extension_types, created_by_ref required. */
export const ExtensionDefinitionSchema = z
  .strictObject({
    ...sdo("extension-definition"),
    created_by_ref: identifier("identity"),
    name: z.string().min(1),
    description: z.string().optional(),
    schema: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    extension_types: z.array(z.enum(["new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension"])).min(1),
  })
  .refine(modifiedNotBeforeCreated, MODIFIED_ERROR);

/** The TLP 2.0 marking-definitions (OASIS cti-stix-common-objects), with their fixed ids. */
export const TLP_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
export const TLP_MARKINGS = {
  CLEAR: { id: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", value: "clear" },
  GREEN: { id: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", value: "green" },
  AMBER: { id: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", value: "amber" },
  "AMBER+STRICT": { id: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", value: "amber+strict" },
  RED: { id: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", value: "red" },
} as const;
export const TLP_CREATED = "2022-10-01T00:00:00.000Z";

const TlpMarkingSchema = z
  .strictObject({
    type: z.literal("marking-definition"),
    spec_version: z.literal("2.1"),
    id: identifier("marking-definition"),
    created: z.literal(TLP_CREATED),
    name: z.string().regex(/^TLP:(CLEAR|GREEN|AMBER|AMBER\+STRICT|RED)$/),
    extensions: z.strictObject({ [TLP_EXTENSION_ID]: z.strictObject({ extension_type: z.literal("property-extension"), tlp_2_0: z.enum(["clear", "green", "amber", "amber+strict", "red"]) }) }),
  })
  .refine((m) => {
    const label = m.name.slice(4) as keyof typeof TLP_MARKINGS;
    const known = TLP_MARKINGS[label];
    return known.id === m.id && known.value === m.extensions[TLP_EXTENSION_ID]!.tlp_2_0;
  }, { error: "a TLP 2.0 marking must carry the OASIS id and value of its label" });

const StatementMarkingSchema = z.strictObject({
  type: z.literal("marking-definition"),
  spec_version: z.literal("2.1"),
  id: identifier("marking-definition"),
  created: Timestamp,
  created_by_ref: identifier("identity").optional(),
  name: z.string().min(1).optional(),
  definition_type: z.literal("statement"),
  definition: z.strictObject({ statement: z.string().min(1) }),
});

/** marking-definition (§7.1): a TLP 2.0 marking or a statement. */
export const MarkingDefinitionSchema = z.union([TlpMarkingSchema, StatementMarkingSchema]);

/** Any object yardstick puts in a bundle. */
export const StixObjectSchema = z.union([IdentitySchema, ReportSchema, NoteSchema, ExtensionDefinitionSchema, MarkingDefinitionSchema]);
export type StixObject = z.infer<typeof StixObjectSchema>;

/** bundle (§8): no spec_version in 2.1; objects ≥ 1; ids unique; every reference resolves inside the bundle. */
export const BundleSchema = z
  .strictObject({ type: z.literal("bundle"), id: identifier("bundle"), objects: z.array(StixObjectSchema).min(1) })
  .superRefine((bundle, ctx) => {
    const ids = new Set<string>();
    bundle.objects.forEach((o, i) => {
      if (ids.has(o.id)) ctx.addIssue({ code: "custom", message: `duplicate id ${o.id}`, path: ["objects", i, "id"] });
      ids.add(o.id);
    });
    bundle.objects.forEach((o, i) => {
      const refs: Array<[string, string]> = [];
      if ("created_by_ref" in o && o.created_by_ref) refs.push(["created_by_ref", o.created_by_ref]);
      if ("object_refs" in o) for (const r of o.object_refs) refs.push(["object_refs", r]);
      if ("object_marking_refs" in o && o.object_marking_refs) for (const r of o.object_marking_refs) refs.push(["object_marking_refs", r]);
      if ("extensions" in o && o.type === "note") for (const r of Object.keys(o.extensions)) refs.push(["extensions", r]);
      if ("granular_markings" in o && o.granular_markings) {
        for (const g of o.granular_markings) {
          refs.push(["granular_markings", g.marking_ref]);
          for (const sel of g.selectors) if (selectValue(o, sel) === undefined) ctx.addIssue({ code: "custom", message: `${o.id} granular marking selector "${sel}" selects nothing`, path: ["objects", i, "granular_markings"] });
        }
      }
      for (const [key, ref] of refs) if (!ids.has(ref)) ctx.addIssue({ code: "custom", message: `${o.id} ${key} → ${ref}, which is not in the bundle`, path: ["objects", i, key] });
    });
    // No reference cycles through object_refs (importers that split bundles drop back-references).
    const edges = new Map(bundle.objects.map((o) => [o.id, "object_refs" in o ? o.object_refs : []]));
    const state = new Map<string, "open" | "done">();
    const visit = (id: string): boolean => {
      if (state.get(id) === "done") return false;
      if (state.get(id) === "open") return true;
      state.set(id, "open");
      const cyclic = (edges.get(id) ?? []).some(visit);
      state.set(id, "done");
      return cyclic;
    };
    for (const o of bundle.objects) if (visit(o.id)) ctx.addIssue({ code: "custom", message: `a reference cycle runs through ${o.id}`, path: ["objects"] });
  });
export type Bundle = z.infer<typeof BundleSchema>;

/** Checks a bundle; returns the problems as "path: message" lines (empty when valid). */
export function bundleProblems(bundle: unknown): string[] {
  const result = BundleSchema.safeParse(bundle);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}
