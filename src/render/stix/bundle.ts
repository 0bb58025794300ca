/**
 * An assessment as one STIX 2.1 bundle: an `identity` (the producing organisation), the
 * `extension-definition` of yardstick's judgment data, the marking-definitions (TLP 2.0 with
 * their OASIS ids, the classification as a statement), a `report` and one `note` per key judgment.
 *
 * Notes point at the report (`object_refs`); the report points at the producer, never back at
 * its notes, so the bundle has no reference cycle (OpenCTI's bundle splitter drops back-references).
 * Ids are UUIDv5 from the assessment, judgment and organisation; timestamps come from the
 * assessment's dates; with the previous edition's bundle an unchanged object keeps its
 * `created` and `modified`, a changed one keeps `created` and moves `modified`.
 */
import { createHash } from "node:crypto";
import type { List, ListItem, Root } from "mdast";
import type { Brief, BriefJudgment, BriefSource } from "../../brief/types.js";
import type { Assessment, Marking } from "../../schema/assessment.js";
import { horizonDate } from "../../schema/dates.js";
import { stringifyMarkdown } from "../markdown/stringify.js";
import { sentenceNodes } from "../markdown/to-mdast.js";
import { canonicalJson } from "./canonical.js";
import { stixId } from "./ids.js";
import { admiraltyLabels, ANALYTIC_CONFIDENCE, estimativeLabel } from "./labels.js";
import { TLP_CREATED, TLP_EXTENSION_ID, TLP_MARKINGS, type Bundle, type StixObject } from "./schema.js";

/** Options of {@link stixBundle}. */
export interface StixOptions {
  /** Name of the producing organisation (config `stix.organisation`). */
  organisation: string;
  /** What STIX `confidence` carries: analytic confidence (default) or the likelihood midpoint. */
  confidence: "analytic" | "likelihood";
  /** The previous edition's bundle: unchanged objects keep their timestamps, changed ones keep `created`. */
  previous?: Bundle;
}

/** Date of the objects that do not belong to one assessment (producer, extension definition, statements). */
export const YARDSTICK_EPOCH = "2020-01-01T00:00:00.000Z";

/** Name and version of the judgment extension. */
export const EXTENSION_NAME = "yardstick key judgment";
export const EXTENSION_VERSION = "1.0.0";

/** The extension-definition id (the same in every bundle). */
export function extensionId(organisation: string): string {
  return stixId("extension-definition", `yardstick-judgment@${EXTENSION_VERSION}:${organisation}`);
}

const EXTENSION_SCHEMA = [
  "Property extension on note objects, one note per key judgment of a yardstick assessment.",
  "assessment_id, judgment_id (kebab-case ids), number (1-based), scale (yardstick id, e.g. phia, icd203), scale_name,",
  "term (the wording used), term_label (canonical term), band_min and band_max (per cent, 0–100),",
  "probability (0–1, the band's midpoint), analytic_confidence (low | moderate | high, optional),",
  "horizon (YYYY-MM-DD, optional), statement (Markdown), evidence (list of {text, sources: [source ids], date?}),",
  "outcome ({occurred, resolved, note?}, optional).",
].join(" ");

function timestamp(isoDate: string): string {
  return `${isoDate}T00:00:00.000Z`;
}

function externalReference(s: BriefSource): NonNullable<Extract<StixObject, { type: "report" }>["external_references"]>[number] {
  const details = [s.publisher, s.date?.iso].filter((d): d is string => Boolean(d));
  if (s.grade) details.push(`Admiralty grade ${s.grade}${s.gradeText ? ` (${s.gradeText})` : ""}`);
  if (s.note) details.push(s.note);
  const ref: NonNullable<Extract<StixObject, { type: "report" }>["external_references"]>[number] = { source_name: s.title ?? s.id, external_id: s.id };
  if (details.length > 0) ref.description = details.join("; ");
  if (s.url && /^https?:\/\//i.test(s.url)) ref.url = s.url;
  return ref;
}

function noteContent(j: BriefJudgment): string {
  const list: List = {
    type: "list",
    ordered: false,
    spread: false,
    children: j.evidence.map((e): ListItem => ({ type: "listItem", spread: false, children: [{ type: "paragraph", children: e.date ? [...e.content, { type: "text", value: ` (${e.date.text})` }] : e.content }] })),
  };
  const tree: Root = { type: "root", children: [{ type: "paragraph", children: sentenceNodes(j) }, ...(j.evidence.length > 0 ? [list] : [])] };
  return stringifyMarkdown(tree);
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Keeps the previous version's timestamps when nothing else changed; keeps `created` and moves `modified` otherwise. */
function versioned<T extends { id: string; created: string; modified: string }>(object: T, previous: ReadonlyMap<string, StixObject>): T {
  const before = previous.get(object.id) as (StixObject & { created: string; modified?: string }) | undefined;
  if (!before || before.modified === undefined) return object;
  const strip = (o: object) => canonicalJson({ ...o, created: undefined, modified: undefined });
  if (strip(before) === strip(object)) return { ...object, created: before.created, modified: before.modified };
  const later = Math.max(Date.parse(object.modified), Date.parse(before.modified) + 1);
  return { ...object, created: before.created, modified: new Date(later).toISOString() };
}

/** Builds the bundle of an assessment (not yet validated: see `exportStix`). */
export function stixBundle(a: Assessment, brief: Brief, options: StixOptions): Bundle {
  const editionDate = timestamp(a.issued ?? a.cutoff);
  const identity = stixId("identity", `organisation:${options.organisation}`);
  const ext = extensionId(options.organisation);
  const reportId = stixId("report", a.id);
  const previous = new Map<string, StixObject>((options.previous?.objects ?? []).map((o) => [o.id, o]));
  // Marking definitions in order of first use: TLP 2.0 with its OASIS id, classification and caveats as a statement.
  const markingDefs = new Map<string, StixObject>();
  const refsOf = (m: Marking | undefined): string[] => {
    if (!m) return [];
    const refs: string[] = [];
    if (m.tlp) {
      const tlp = TLP_MARKINGS[m.tlp];
      if (!markingDefs.has(tlp.id)) markingDefs.set(tlp.id, { type: "marking-definition", spec_version: "2.1", id: tlp.id, created: TLP_CREATED, name: `TLP:${m.tlp}`, extensions: { [TLP_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: tlp.value } } });
      refs.push(tlp.id);
    }
    const statement = [m.classification, ...(m.caveats ?? [])].filter((p): p is string => Boolean(p)).join(" · ");
    if (statement) {
      const id = stixId("marking-definition", `statement:${options.organisation}:${statement}`);
      if (!markingDefs.has(id)) markingDefs.set(id, { type: "marking-definition", spec_version: "2.1", id, created: YARDSTICK_EPOCH, created_by_ref: identity, name: statement, definition_type: "statement", definition: { statement } });
      refs.push(id);
    }
    return refs;
  };
  const objectMarkings = (m: Marking | undefined) => {
    const refs = refsOf(m);
    return refs.length > 0 ? { object_marking_refs: refs } : {};
  };
  /** Per-portion markings as granular markings: each marking of a portion applies to its selectors. */
  const granular = (portions: Array<[Marking | undefined, string]>) => {
    const out = portions.flatMap(([m, selector]) => refsOf(m).map((ref) => ({ marking_ref: ref, selectors: [selector] })));
    return out.length > 0 ? { granular_markings: out } : {};
  };
  const reportMarkings = objectMarkings(a.marking);
  const sourceById = new Map(brief.sources.map((s) => [s.number, s]));
  const notes = brief.judgments.map((j, index) => {
    const judgment = a.judgments[index]!;
    const cited = sortedUnique(j.evidence.flatMap((e) => e.sources.map((n) => String(n))))
      .map((n) => sourceById.get(Number(n))!)
      .sort((x, y) => x.number - y.number);
    const probability = (j.term.min + j.term.max) / 200;
    const confidence = options.confidence === "likelihood" ? Math.round(probability * 100) : judgment.confidence ? ANALYTIC_CONFIDENCE[judgment.confidence] : undefined;
    const extension: Record<string, unknown> = {
      extension_type: "property-extension",
      assessment_id: a.id,
      judgment_id: j.id,
      number: j.number,
      scale: brief.scale.id,
      scale_name: brief.scale.name,
      term: j.term.text,
      term_label: j.term.label,
      band_min: j.term.min,
      band_max: j.term.max,
      probability,
      statement: judgment.statement,
      evidence: j.evidence.map((e) => ({ text: e.text, sources: e.sources.map((n) => sourceById.get(n)!.id), ...(e.date ? { date: e.date.iso } : {}) })),
    };
    if (judgment.confidence) extension.analytic_confidence = judgment.confidence;
    if (judgment.horizon) extension.horizon = horizonDate(judgment.horizon, a.cutoff);
    if (judgment.outcome) extension.outcome = { occurred: judgment.outcome.occurred, resolved: judgment.outcome.resolved, ...(judgment.outcome.note !== undefined ? { note: judgment.outcome.note } : {}) };
    const labels = sortedUnique([estimativeLabel(j.term.min, j.term.max), ...cited.flatMap((s) => admiraltyLabels(s.reliability, s.credibility))]);
    const note = {
      type: "note" as const,
      spec_version: "2.1" as const,
      id: stixId("note", `${a.id}/${j.id}`),
      created: editionDate,
      modified: editionDate,
      created_by_ref: identity,
      abstract: j.sentence,
      content: noteContent(j),
      ...(a.authors && a.authors.length > 0 ? { authors: a.authors } : {}),
      object_refs: [reportId],
      labels,
      ...(confidence !== undefined ? { confidence } : {}),
      ...(cited.length > 0 ? { external_references: cited.map(externalReference) } : {}),
      ...objectMarkings(judgment.marking ?? a.marking),
      ...granular(judgment.evidence.map((ev, ei): [Marking | undefined, string] => [typeof ev === "object" ? ev.marking : undefined, `extensions.${ext}.evidence.[${ei}]`])),
      extensions: { [ext]: extension },
    };
    return versioned(note as Extract<StixObject, { type: "note" }>, previous);
  });
  const report = versioned(
    {
      type: "report" as const,
      spec_version: "2.1" as const,
      id: reportId,
      created: editionDate,
      modified: editionDate,
      created_by_ref: identity,
      name: brief.title,
      description: stringifyMarkdown({ type: "root", children: brief.summary }),
      published: editionDate,
      report_types: ["threat-report"],
      object_refs: [identity],
      labels: sortedUnique([...brief.judgments.map((j) => estimativeLabel(j.term.min, j.term.max)), ...brief.sources.flatMap((s) => admiraltyLabels(s.reliability, s.credibility))]),
      ...(brief.sources.length > 0 ? { external_references: brief.sources.map(externalReference) } : {}),
      ...reportMarkings,
      ...granular([
        [a.titleMarking, "name"],
        [a.summaryMarking, "description"],
      ]),
    },
    previous,
  );
  const objects: StixObject[] = [
    { type: "identity", spec_version: "2.1", id: identity, created: YARDSTICK_EPOCH, modified: YARDSTICK_EPOCH, name: options.organisation, identity_class: "organization" },
    {
      type: "extension-definition",
      spec_version: "2.1",
      id: ext,
      created: YARDSTICK_EPOCH,
      modified: YARDSTICK_EPOCH,
      created_by_ref: identity,
      name: EXTENSION_NAME,
      description: "yardstick's data on a key judgment: probability scale, term, band, analytic confidence, horizon, evidence, outcome",
      schema: EXTENSION_SCHEMA,
      version: EXTENSION_VERSION,
      extension_types: ["property-extension"],
    },
    ...markingDefs.values(),
    report,
    ...notes,
  ];
  // A bundle is a transient envelope: its id names exactly these objects.
  return { type: "bundle", id: stixId("bundle", `${reportId}@${createHash("sha256").update(canonicalJson(objects)).digest("hex")}`), objects };
}
