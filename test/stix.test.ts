/**
 * STIX 2.1 export (`--format stix`): the schemas of each emitted object type, the bundle read back
 * (terms, bands, confidence, evidence, sources), deterministic ids and bytes, editions, hostile text.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toBrief } from "../src/brief/to-brief.js";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";
import { defaultConfig } from "../src/config/load.js";
import { extensionId, stixBundle, type StixOptions } from "../src/render/stix/bundle.js";
import { canonicalJson } from "../src/render/stix/canonical.js";
import { exportStix, serialiseBundle, StixValidationError } from "../src/render/stix/export.js";
import { stixId, uuidv5 } from "../src/render/stix/ids.js";
import { estimativeLabel } from "../src/render/stix/labels.js";
import {
  BundleSchema,
  bundleProblems,
  ExtensionDefinitionSchema,
  ExternalReference,
  IdentitySchema,
  MarkingDefinitionSchema,
  NoteSchema,
  ReportSchema,
  Timestamp,
  TLP_EXTENSION_ID,
  type Bundle,
} from "../src/render/stix/schema.js";
import { Assessment, type Assessment as AssessmentT } from "../src/schema/assessment.js";
import { checkFiles } from "../src/project/check.js";

const ROOT = resolve(import.meta.dirname, "..");
const OPTIONS: StixOptions = { organisation: "Example Analysis Cell", confidence: "analytic" };

function assessment(over: Record<string, unknown> = {}): AssessmentT {
  const base = {
    yardstick: 1,
    id: "stix-test",
    title: "STIX test",
    cutoff: "2022-07-09",
    issued: "2022-07-12",
    summary: "A summary with **bold**.",
    marking: { classification: "OFFICIAL", caveats: ["UK EYES ONLY"], tlp: "AMBER" },
    authors: ["A. Analyst"],
    judgments: [
      { id: "one", likelihood: "highly likely", statement: "it will rain", confidence: "moderate", horizon: "12 months", evidence: [{ text: "The sky is grey.", source: "met", date: "2022-07-08" }, "Unsourced."] },
      { id: "two", likelihood: "realistic possibility", statement: "it will snow", confidence: "low", evidence: [{ text: "Cold [@met] and colder.", source: "radar" }], outcome: { occurred: false, resolved: "2023-01-01", note: "mild winter" } },
      { id: "three", likelihood: "remote chance", statement: "it will hail", evidence: [] },
    ],
    sources: [
      { id: "met", title: "Met Office", url: "https://example.org/met", publisher: "Met", date: "2022-07-08", reliability: "B", credibility: 2 },
      { id: "radar", title: "Radar", reliability: "C" },
    ],
  };
  const a = Assessment.parse({ ...base, ...over });
  return { ...a, id: String(over.id ?? base.id) };
}

function bundleOf(a: AssessmentT, options: StixOptions = OPTIONS): Bundle {
  return JSON.parse(exportStix(a, toBrief(a, defaultConfig("/tmp")), options)) as Bundle;
}

const byType = (b: Bundle, type: string) => b.objects.filter((o) => o.type === type);

describe("stix: ids", () => {
  it("are RFC 4122 version-5 UUIDs (the RFC's DNS example)", () => {
    expect(uuidv5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    expect(stixId("report", "a")).toMatch(/^report--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stixId("report", "a")).toBe(stixId("report", "a"));
    expect(stixId("report", "a")).not.toBe(stixId("report", "b"));
  });
});

describe("stix: schemas of each emitted object type", () => {
  const b = bundleOf(assessment());
  const identity = byType(b, "identity")[0]!;
  const report = byType(b, "report")[0]! as Record<string, unknown>;
  const note = byType(b, "note")[0]! as Record<string, unknown>;
  const extDef = byType(b, "extension-definition")[0]! as Record<string, unknown>;

  it("the bundle and every object pass, and the bundle has no spec_version", () => {
    expect(bundleProblems(b)).toEqual([]);
    expect("spec_version" in b).toBe(false);
    expect(b.objects.map((o) => o.type)).toEqual(["identity", "extension-definition", "marking-definition", "marking-definition", "report", "note", "note", "note"]);
  });

  it("timestamps: RFC 3339 UTC with real dates only", () => {
    for (const ok of ["2022-07-09T00:00:00.000Z", "2022-07-09T23:59:59Z", "2024-02-29T12:00:00.5Z"]) expect(Timestamp.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["2022-07-09", "2022-07-09T00:00:00+01:00", "2022-02-30T00:00:00Z", "2022-13-01T00:00:00Z", "2022-07-09 00:00:00Z"]) expect(Timestamp.safeParse(bad).success, bad).toBe(false);
  });

  it("identity: id pattern, name required", () => {
    expect(IdentitySchema.safeParse(identity).success).toBe(true);
    expect(IdentitySchema.safeParse({ ...identity, id: "identity--not-a-uuid" }).success).toBe(false);
    expect(IdentitySchema.safeParse({ ...identity, id: report.id }).success).toBe(false);
    expect(IdentitySchema.safeParse({ ...identity, name: undefined }).success).toBe(false);
  });

  it("report: name, published, object_refs ≥ 1, modified ≥ created", () => {
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(report.report_types).toEqual(["threat-report"]);
    for (const key of ["name", "published", "object_refs"]) expect(ReportSchema.safeParse({ ...report, [key]: undefined }).success, key).toBe(false);
    expect(ReportSchema.safeParse({ ...report, object_refs: [] }).success).toBe(false);
    expect(ReportSchema.safeParse({ ...report, modified: "2022-07-11T00:00:00.000Z" }).success).toBe(false);
    expect(ReportSchema.safeParse({ ...report, spec_version: "2.0" }).success).toBe(false);
  });

  it("note: content and object_refs required, confidence an integer 0–100", () => {
    expect(NoteSchema.safeParse(note).success).toBe(true);
    expect(NoteSchema.safeParse({ ...note, content: undefined }).success).toBe(false);
    expect(NoteSchema.safeParse({ ...note, object_refs: [] }).success).toBe(false);
    for (const c of [101, -1, 50.5]) expect(NoteSchema.safeParse({ ...note, confidence: c }).success, String(c)).toBe(false);
  });

  it("extension-definition: name, schema, version, extension_types, created_by_ref required; notes carry it as a property extension", () => {
    expect(ExtensionDefinitionSchema.safeParse(extDef).success).toBe(true);
    expect(extDef.extension_types).toEqual(["property-extension"]);
    for (const key of ["name", "schema", "version", "extension_types", "created_by_ref"]) expect(ExtensionDefinitionSchema.safeParse({ ...extDef, [key]: undefined }).success, key).toBe(false);
    expect(extDef.id).toBe(extensionId(OPTIONS.organisation));
    for (const n of byType(b, "note") as Array<{ extensions: Record<string, { extension_type: string }> }>) {
      expect(Object.keys(n.extensions)).toEqual([extDef.id]);
      expect(n.extensions[extDef.id as string]!.extension_type).toBe("property-extension");
    }
    const ext = (note.extensions as Record<string, Record<string, unknown>>)[extDef.id as string]!;
    expect(NoteSchema.safeParse({ ...note, extensions: { [extDef.id as string]: { ...ext, band_min: 200 } } }).success).toBe(false);
  });

  it("external references: source_name and one of description, url, external_id; http(s) URLs only", () => {
    expect(ExternalReference.safeParse({ source_name: "x" }).success).toBe(false);
    expect(ExternalReference.safeParse({ source_name: "x", external_id: "x" }).success).toBe(true);
    expect(ExternalReference.safeParse({ source_name: "x", url: "javascript:alert(1)" }).success).toBe(false);
  });

  it("bundles: unique ids, every reference inside the bundle, no reference cycles", () => {
    expect(bundleProblems({ ...b, objects: [...b.objects, b.objects[0]] }).join()).toContain("duplicate id");
    expect(bundleProblems({ ...b, objects: b.objects.filter((o) => o.type !== "identity") }).join()).toContain("which is not in the bundle");
    const cyclic = b.objects.map((o) => (o.type === "report" ? { ...o, object_refs: [b.objects.find((x) => x.type === "note")!.id] } : o));
    expect(bundleProblems({ ...b, objects: cyclic }).join()).toContain("reference cycle");
    expect(BundleSchema.safeParse({ ...b, id: "bundle--x" }).success).toBe(false);
  });
});

describe("stix: validated before writing", () => {
  it("refuses to serialise an invalid bundle, naming it a bug", () => {
    const b = bundleOf(assessment());
    const broken = { ...b, objects: b.objects.map((o) => (o.type === "note" ? { ...o, modified: "2000-01-01T00:00:00.000Z" } : o)) };
    expect(() => serialiseBundle(broken)).toThrow(StixValidationError);
    expect(() => serialiseBundle(broken)).toThrow(/a bug in yardstick.*modified must not be before created/);
    expect(serialiseBundle(b)).toBe(canonicalJson(b));
  });
});

describe("stix: markings", () => {
  const oasis = {
    CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
  } as const;
  for (const [tlp, id] of Object.entries(oasis)) {
    it(`TLP:${tlp} is the OASIS TLP 2.0 object with its fixed id, marking the report and every note`, () => {
      const b = bundleOf(assessment({ marking: { tlp } }));
      const m = byType(b, "marking-definition");
      expect(m).toEqual([
        { type: "marking-definition", spec_version: "2.1", id, created: "2022-10-01T00:00:00.000Z", name: `TLP:${tlp}`, extensions: { [TLP_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: tlp.toLowerCase() } } },
      ]);
      for (const o of [...byType(b, "report"), ...byType(b, "note")]) expect((o as { object_marking_refs: string[] }).object_marking_refs).toEqual([id]);
    });
  }

  it("rejects a TLP marking whose id is not its label's", () => {
    const m = byType(bundleOf(assessment({ marking: { tlp: "RED" } })), "marking-definition")[0]!;
    expect(MarkingDefinitionSchema.safeParse({ ...m, id: oasis.GREEN }).success).toBe(false);
  });

  it("puts the classification and caveats in a statement marking", () => {
    const b = bundleOf(assessment());
    const statement = byType(b, "marking-definition").find((m) => "definition_type" in m)!;
    expect(statement).toMatchObject({ definition_type: "statement", definition: { statement: "OFFICIAL · UK EYES ONLY" } });
    expect((byType(b, "report")[0] as { object_marking_refs: string[] }).object_marking_refs).toEqual([oasis.AMBER, statement.id]);
  });

  it("carries portion markings: the judgment's on its note, title, summary and evidence items as granular markings", () => {
    const base = assessment();
    const a = assessment({
      titleMarking: { classification: "OFFICIAL-SENSITIVE" },
      summaryMarking: { tlp: "GREEN" },
      judgments: base.judgments.map((j, i) => (i === 0 ? { ...j, evidence: [{ text: "The sky is grey.", source: "met", marking: { classification: "SECRET" } }, "Unsourced."] } : i === 1 ? { ...j, marking: { tlp: "RED" } } : j)),
    });
    const b = bundleOf(a);
    expect(bundleProblems(b)).toEqual([]);
    const statementId = (text: string) => byType(b, "marking-definition").find((m) => (m as { name?: string }).name === text)!.id;
    const report = byType(b, "report")[0] as { granular_markings: Array<{ marking_ref: string; selectors: string[] }> };
    expect(report.granular_markings).toEqual([
      { marking_ref: statementId("OFFICIAL-SENSITIVE"), selectors: ["name"] },
      { marking_ref: oasis.GREEN, selectors: ["description"] },
    ]);
    const [one, two, three] = byType(b, "note") as Array<{ object_marking_refs: string[]; granular_markings?: Array<{ marking_ref: string; selectors: string[] }> }>;
    expect(two!.object_marking_refs).toEqual([oasis.RED]);
    expect(three!.object_marking_refs).toEqual([oasis.AMBER, statementId("OFFICIAL · UK EYES ONLY")]);
    expect(one!.granular_markings).toEqual([{ marking_ref: statementId("SECRET"), selectors: [`extensions.${extensionId(OPTIONS.organisation)}.evidence.[0]`] }]);
    // a selector that selects nothing is refused
    const broken = { ...b, objects: b.objects.map((o) => (o.type === "report" ? { ...o, granular_markings: [{ marking_ref: oasis.GREEN, selectors: ["nothing.[3]"] }] } : o)) };
    expect(bundleProblems(broken).join()).toContain('selector "nothing.[3]" selects nothing');
  });

  it("has no markings when the assessment has none", () => {
    const b = bundleOf(assessment({ marking: undefined }));
    expect(byType(b, "marking-definition")).toEqual([]);
    expect("object_marking_refs" in byType(b, "report")[0]!).toBe(false);
  });
});

describe("stix: round trip of the examples", () => {
  const dir = join(ROOT, "assessments");
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(dir, f));
  const checked = checkFiles(files, { asOf: "2024-01-01" });
  for (const c of checked.files) {
    const a = c.assessment!;
    const brief = toBrief(a, c.config);
    const text = exportStix(a, brief, OPTIONS);
    const b = JSON.parse(text) as Bundle;

    it(`${a.id}: valid, canonical (sorted keys), and the same bytes twice`, () => {
      expect(bundleProblems(b)).toEqual([]);
      expect(canonicalJson(b)).toBe(text);
      expect(exportStix(a, toBrief(a, c.config), OPTIONS)).toBe(text);
    });

    it(`${a.id}: the report`, () => {
      const report = byType(b, "report")[0] as Record<string, unknown>;
      expect(report).toMatchObject({ name: a.title, published: `${a.issued ?? a.cutoff}T00:00:00.000Z`, report_types: ["threat-report"] });
      expect(report.description).toContain(a.summary.trim().split("\n")[0]!.slice(0, 40));
      expect(report.labels).toEqual(expect.arrayContaining(brief.judgments.map((j) => estimativeLabel(j.term.min, j.term.max))));
    });

    it(`${a.id}: every judgment's term, band, confidence, evidence and sources come back`, () => {
      const extId = extensionId(OPTIONS.organisation);
      const notes = byType(b, "note") as Array<Record<string, unknown> & { extensions: Record<string, Record<string, unknown>> }>;
      expect(notes).toHaveLength(a.judgments.length);
      brief.judgments.forEach((j, i) => {
        const n = notes[i]!;
        const ext = n.extensions[extId]!;
        expect(n.object_refs).toEqual([byType(b, "report")[0]!.id]);
        expect(n.abstract).toBe(j.sentence);
        expect(n.content).toContain(`**${j.term.text}**`);
        expect(ext).toMatchObject({ judgment_id: j.id, scale: a.scale, term: j.term.text, term_label: j.term.label, band_min: j.term.min, band_max: j.term.max, probability: (j.term.min + j.term.max) / 200 });
        expect(ext.analytic_confidence).toBe(a.judgments[i]!.confidence);
        expect(n.confidence).toBe(a.judgments[i]!.confidence ? { low: 15, moderate: 50, high: 85 }[a.judgments[i]!.confidence!] : undefined);
        expect(ext.evidence).toEqual(j.evidence.map((e) => ({ text: e.text, sources: e.sources.map((s) => brief.sources[s - 1]!.id), ...(e.date ? { date: e.date.iso } : {}) })));
        const cited = new Set(j.evidence.flatMap((e) => e.sources));
        const refs = (n.external_references as Array<{ external_id: string }> | undefined) ?? [];
        expect(refs.map((r) => r.external_id).sort()).toEqual([...cited].map((s) => brief.sources[s - 1]!.id).sort());
      });
      const reportRefs = (byType(b, "report")[0] as { external_references?: Array<{ external_id: string; description?: string; url?: string; source_name: string }> }).external_references ?? [];
      expect(reportRefs.map((r) => r.external_id)).toEqual(brief.sources.map((s) => s.id));
      brief.sources.forEach((s, i) => {
        if (s.grade) expect(reportRefs[i]!.description).toContain(`Admiralty grade ${s.grade}`);
        if (s.url) expect(reportRefs[i]!.url).toBe(s.url);
        expect(reportRefs[i]!.source_name).toBe(s.title ?? s.id);
      });
    });
  }
});

describe("stix: confidence and labels", () => {
  it("puts the likelihood midpoint ×100 in confidence when the config says so", () => {
    const notes = byType(bundleOf(assessment(), { ...OPTIONS, confidence: "likelihood" }), "note") as Array<{ confidence?: number }>;
    expect(notes.map((n) => n.confidence)).toEqual([85, 45, 3]);
    const analytic = byType(bundleOf(assessment()), "note") as Array<{ confidence?: number }>;
    expect(analytic.map((n) => n.confidence)).toEqual([50, 15, undefined]);
  });

  it("labels terms and grades with MISP taxonomy tags", () => {
    const b = bundleOf(assessment());
    const [one, two] = byType(b, "note") as Array<{ labels: string[] }>;
    expect(one!.labels).toEqual(['admiralty-scale:information-credibility="2"', 'admiralty-scale:source-reliability="b"', 'estimative-language:likelihood-probability="very-likely"']);
    expect(two!.labels).toContain('estimative-language:likelihood-probability="roughly-even-chance"');
    expect(two!.labels).toContain('admiralty-scale:source-reliability="c"');
    expect(estimativeLabel(55, 75)).toBe('estimative-language:likelihood-probability="likely"');
    expect(estimativeLabel(0, 5)).toBe('estimative-language:likelihood-probability="almost-no-chance"');
    expect(estimativeLabel(95, 100)).toBe('estimative-language:likelihood-probability="almost-certain"');
  });

  it("carries horizon and outcome in the extension", () => {
    const b = bundleOf(assessment());
    const ext = (n: number) => Object.values((byType(b, "note")[n] as { extensions: Record<string, Record<string, unknown>> }).extensions)[0]!;
    expect(ext(0).horizon).toBe("2023-07-09");
    expect(ext(1).outcome).toEqual({ occurred: false, resolved: "2023-01-01", note: "mild winter" });
  });
});

describe("stix: editions", () => {
  const v1 = assessment({ judgments: assessment().judgments.map((j) => (j.id === "one" ? { ...j, horizon: "2023-07-09" } : j)) });
  const first = bundleOf(v1);
  // A reworded statement: the note's content changes, the report's labels (terms, grades) do not.
  const changed = (a: AssessmentT) => ({ ...a, judgments: a.judgments.map((j) => (j.id === "two" ? { ...j, statement: "it will snow in the hills" } : j)) });
  const noteOf = (b: Bundle, id: string) => b.objects.find((o) => o.id === stixId("note", `stix-test/${id}`))! as Record<string, unknown>;

  it("keeps the ids; one changed judgment changes only that note's modified and content", () => {
    const v2 = changed(v1);
    const second = JSON.parse(exportStix(v2, toBrief(v2, defaultConfig("/tmp")), { ...OPTIONS, previous: first })) as Bundle;
    expect(bundleProblems(second)).toEqual([]);
    expect(second.objects.map((o) => o.id)).toEqual(first.objects.map((o) => o.id));
    const differ = second.objects.filter((o, i) => canonicalJson(o) !== canonicalJson(first.objects[i])).map((o) => o.id);
    expect(differ).toEqual([noteOf(second, "two").id]);
    const [before, after] = [noteOf(first, "two"), noteOf(second, "two")];
    expect(after.created).toBe(before.created);
    expect(Date.parse(after.modified as string)).toBeGreaterThan(Date.parse(before.modified as string));
    expect(after.content).not.toBe(before.content);
    expect(second.id).not.toBe(first.id);
  });

  it("a later edition moves modified to its date and keeps created", () => {
    const v2 = { ...changed(v1), cutoff: "2022-12-30", issued: "2023-01-04" };
    const second = JSON.parse(exportStix(v2, toBrief(v2, defaultConfig("/tmp")), { ...OPTIONS, previous: first })) as Bundle;
    expect(noteOf(second, "two")).toMatchObject({ created: "2022-07-12T00:00:00.000Z", modified: "2023-01-04T00:00:00.000Z" });
    expect(noteOf(second, "one")).toEqual(noteOf(first, "one"));
    expect(byType(second, "report")[0]).toMatchObject({ created: "2022-07-12T00:00:00.000Z", modified: "2023-01-04T00:00:00.000Z", published: "2023-01-04T00:00:00.000Z" });
  });

  it("without the previous bundle, the same input gives the same bundle", () => {
    expect(canonicalJson(stixBundle(v1, toBrief(v1, defaultConfig("/tmp")), OPTIONS))).toBe(canonicalJson(first));
  });
});

describe("stix: hostile text stays JSON strings", () => {
  it("quotes, backslashes, line separators, script ends, lone surrogates and NULs survive the round trip", () => {
    const hostile = 'a "quoted" \\ back \u2028 line \u2029 </script> <!-- x --> ]]> {{x}} \uD800 \u0000 end';
    const a = assessment({ title: hostile, summary: hostile, authors: [hostile], judgments: [{ id: "one", likelihood: "likely", statement: hostile, evidence: [hostile] }], marking: { classification: hostile, tlp: "RED" } });
    const text = exportStix(a, toBrief(a, defaultConfig("/tmp")), OPTIONS);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain("\\ud800");
    const b = JSON.parse(text) as Bundle;
    expect(bundleProblems(b)).toEqual([]);
    const report = byType(b, "report")[0] as { name: string };
    expect(report.name).toBe(toBrief(a, defaultConfig("/tmp")).title);
    const note = byType(b, "note")[0] as { authors: string[]; extensions: Record<string, { statement: string }> };
    expect(note.authors).toEqual([hostile]);
    expect(Object.values(note.extensions)[0]!.statement).toBe(a.judgments[0]!.statement);
    const statement = byType(b, "marking-definition").find((m) => "definition" in m) as { definition: { statement: string } };
    expect(statement.definition.statement).toBe(hostile);
  });
});

describe("stix: build", () => {
  let dir: string;
  const io = (): CliIO & { out: string; err: string } => {
    const o = { out: "", err: "", stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t), cwd: dir, env: {}, isTTY: false };
    return o;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ys-stix-"));
    mkdirSync(join(dir, "assessments"));
    for (const f of ["isk-2022-07.yaml", "afghanistan-threats-2022-12.yaml"]) copyFileSync(join(ROOT, "assessments", f), join(dir, "assessments", f));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes <id>.stix.json for each example, valid, with the organisation from the config", async () => {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "yardstick.config.yaml"), "stix:\n  organisation: Example Analysis Cell\n");
    expect(await run(["build", "--format", "md,stix", "--as-of", "2024-01-01", "--quiet"], io())).toBe(0);
    const out = readdirSync(join(dir, "out")).filter((f) => f.endsWith(".stix.json")).sort();
    expect(out).toEqual(["afghanistan-threats-2022-12.stix.json", "isk-2022-07.stix.json"]);
    for (const f of out) {
      const b = JSON.parse(readFileSync(join(dir, "out", f), "utf8")) as Bundle;
      expect(bundleProblems(b)).toEqual([]);
      expect(byType(b, "identity")[0]).toMatchObject({ name: "Example Analysis Cell", identity_class: "organization" });
    }
  });

  it("versions against the bundle already in the output folder: an edited judgment keeps created, moves modified; the rest stays", async () => {
    const { writeFileSync } = await import("node:fs");
    const args = ["build", "assessments/isk-2022-07.yaml", "--format", "stix", "--as-of", "2024-01-01", "--quiet"];
    expect(await run(args, io())).toBe(0);
    const path = join(dir, "out", "isk-2022-07.stix.json");
    const first = JSON.parse(readFileSync(path, "utf8")) as Bundle;
    const yaml = join(dir, "assessments", "isk-2022-07.yaml");
    const text = readFileSync(yaml, "utf8");
    const edited = text.replace(/^cutoff: .*$/m, "cutoff: 2022-07-20").replace("IS-K will continue its surge of attacks", "IS-K will keep up its surge of attacks");
    expect(edited).not.toBe(text);
    writeFileSync(yaml, edited);
    expect(await run(args, io())).toBe(0);
    const second = JSON.parse(readFileSync(path, "utf8")) as Bundle;
    expect(bundleProblems(second)).toEqual([]);
    expect(second.objects.map((o) => o.id)).toEqual(first.objects.map((o) => o.id));
    const notes = (b: Bundle) => byType(b, "note") as Array<{ id: string; created: string; modified: string; abstract: string }>;
    const [a1, b1] = [notes(first), notes(second)];
    expect(b1[0]!.abstract).toContain("keep up");
    expect(b1[0]!.created).toBe(a1[0]!.created);
    expect(Date.parse(b1[0]!.modified)).toBeGreaterThan(Date.parse(a1[0]!.modified));
    // a rebuild from the same input and the same folder gives the same bytes
    const bytes = readFileSync(path, "utf8");
    expect(await run([...args, "--force"], io())).toBe(0);
    expect(readFileSync(path, "utf8")).toBe(bytes);
    // a file that is not a bundle is ignored with a warning
    writeFileSync(path, "{ not json");
    const cli = io();
    expect(await run([...args.filter((a) => a !== "--quiet"), "--force"], cli)).toBe(0);
    expect(cli.out + cli.err).toContain("stix-previous-ignored");
    expect(bundleProblems(JSON.parse(readFileSync(path, "utf8")))).toEqual([]);
  });
});

describe("stix and docx after a release", () => {
  it("no byte of the Word brief or the STIX bundle of a TLP:GREEN release holds a sentinel of the withheld portions", async () => {
    const { laddersFor } = await import("../src/marking/config.js");
    const { parseRelease } = await import("../src/marking/levels.js");
    const { releaseAssessment } = await import("../src/marking/release.js");
    const { checkText } = await import("../src/project/check.js");
    const { renderDocx } = await import("../src/render/docx/render.js");
    const { unzipSync, strFromU8 } = await import("fflate");
    const fixture = join(ROOT, "test/fixtures/markings/mixed.yaml");
    const config = defaultConfig(ROOT);
    const checked = checkText(readFileSync(fixture), fixture, config, { asOf: "2024-03-12" });
    const ladders = laddersFor(config.data);
    const parsed = parseRelease("TLP:GREEN", ladders);
    if ("error" in parsed) throw new Error(parsed.error);
    const full = toBrief(checked.assessment!, config);
    const fullText = exportStix(checked.assessment!, full, OPTIONS);
    expect(fullText).toContain("SENTINEL-STATEMENT");
    const r = releaseAssessment(checked.assessment!, parsed.level, ladders);
    if (!r.ok) throw new Error(r.reason);
    const brief = toBrief(r.assessment, config);
    const stix = exportStix(r.assessment, brief, OPTIONS);
    const docx = Object.values(unzipSync(await renderDocx(brief))).map((d) => strFromU8(d)).join("\n");
    for (const [name, out] of [["stix", stix], ["docx", docx]] as const) expect(out.match(/SENTINEL-[A-Z0-9-]+|sentinel-[a-z0-9.-]+/gi) ?? [], name).toEqual([]);
    expect(bundleProblems(JSON.parse(stix))).toEqual([]);
  });
});
