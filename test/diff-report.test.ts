import { describe, expect, it } from "vitest";
import { BUILT_IN_SCALES } from "../src/schema/scales.js";
import { diffAssessments, emptyEdition } from "../src/diff/report.js";
import type { ChangeReport, JudgmentChange } from "../src/diff/types.js";
import { textSimilarity } from "../src/diff/similarity.js";
import { markingChange } from "../src/diff/marking.js";
import { formatHuman, formatMarkdown } from "../src/diff/format/index.js";
import { changesSection } from "../src/diff/changes-section.js";
import type { Assessment } from "../src/schema/assessment.js";
import { fixture } from "./helpers/diff.js";

const options = { scales: BUILT_IN_SCALES, dateFormat: "dd/mm/yy" };

function diff(name: string, old = "base"): ChangeReport {
  return diffAssessments(fixture(old), fixture(name), options);
}

function judgment(r: ChangeReport, id: string): JudgmentChange {
  const j = r.judgments.find((x) => x.id === id);
  if (!j) throw new Error(`no judgment ${id}`);
  return j;
}

function changed(j: JudgmentChange) {
  if (j.kind !== "changed") throw new Error(`${j.id} is ${j.kind}`);
  return j;
}

describe("diffAssessments on fixture pairs", () => {
  it("finds nothing between an edition and itself, nor in re-wrapped text", () => {
    for (const r of [diff("base"), diff("unchanged-reflowed")]) {
      expect(r.changed).toBe(false);
      expect(r.headline).toBe("no changes");
      expect(r.judgments.every((j) => j.kind === "unchanged")).toBe(true);
    }
  });

  it("reports a likelihood moved up with both ranges", () => {
    const r = diff("likelihood-up");
    const j = changed(judgment(r, "volume-rise"));
    expect(j.likelihood).toMatchObject({ direction: "up", old: { text: "likely", range: "55–75 %" }, new: { text: "highly likely", range: "80–90 %" }, delta: 20 });
    expect(r.headline).toBe("1 judgment changed: 1 ▲");
    expect(judgment(r, "violence").kind).toBe("unchanged");
    expect(j.new.sentence).toBe("It is highly likely that the volume of smuggled cargo through the northern harbour will rise over the next 12 months.");
  });

  it("reports a likelihood moved down", () => {
    const r = diff("likelihood-down");
    const j = changed(judgment(r, "volume-rise"));
    expect(j.likelihood?.direction).toBe("down");
    expect(j.new.sentence).toMatch(/^There is a realistic possibility that /);
    expect(r.counts).toMatchObject({ down: 1, up: 0, judgmentsChanged: 1 });
  });

  it("treats an alias of the same band as new wording, not a move", () => {
    const j = changed(judgment(diff("likelihood-alias"), "volume-rise"));
    expect(j.likelihood).toMatchObject({ wordingOnly: true, direction: "same" });
  });

  it("compares terms across a change of scale by their ranges", () => {
    const r = diff("scale-change");
    expect(r.scale).toEqual({ old: "phia", new: "icd203" });
    const up = changed(judgment(r, "volume-rise"));
    expect(up.likelihood).toMatchObject({ direction: "up", old: { scale: "phia", range: "55–75 %" }, new: { scale: "icd203", text: "very likely", range: "80–95 %" }, delta: 22.5 });
    // unlikely 25–35 % (PHIA) and 20–45 % (ICD 203): each midpoint lies in the other band.
    const same = changed(judgment(r, "violence"));
    expect(same.likelihood).toMatchObject({ direction: "same", wordingOnly: false });
    expect(r.counts.up).toBe(1);
    expect(r.headline).toContain("scale phia → icd203");
  });

  it("reports a probability change like a likelihood move: direction, points, in every format", () => {
    const withProbability = (p: number | undefined): Assessment => {
      const a = structuredClone(fixture("base"));
      const j = a.judgments.find((x) => x.id === "volume-rise")!;
      if (p === undefined) delete j.probability;
      else j.probability = p;
      return a;
    };
    const up = diffAssessments(withProbability(0.6), withProbability(0.72), options);
    const j = changed(judgment(up, "volume-rise"));
    expect(j.likelihood).toBeUndefined();
    expect(j.probability).toEqual({ old: 0.6, new: 0.72, direction: "up", delta: 12 });
    expect(up.changed).toBe(true);
    expect(up.headline).toBe("1 judgment changed: 1 ▲");
    expect(formatHuman([up])).toContain("probability: 60 % → 72 % ▲ (+12 pts)");
    expect(formatMarkdown([up])).toContain("**Probability:** 60 % → 72 % ▲ (+12 pts)");
    expect(formatMarkdown([up])).toMatch(/\| KJ1 \| `volume-rise` \| likely \(55–75 %\), 60 % +\| likely \(55–75 %\), 72 % +\| ▲ \(\+12 pts\) \|/);
    expect(formatHuman([up])).toMatch(/KJ1 +volume-rise +▲ +likely \(55–75 %\), probability 60 % → 72 % \(\+12 pts\)/);
    expect(changesSection(up).items.flat().map((n) => ("value" in n ? n.value : "")).join("")).toContain("probability 60 % → 72 % ▲ (+12 pts)");

    const down = diffAssessments(withProbability(0.7), withProbability(0.58), options);
    expect(changed(judgment(down, "volume-rise")).probability).toMatchObject({ direction: "down", delta: -12 });
    expect(down.counts).toMatchObject({ down: 1, up: 0 });

    const stated = diffAssessments(withProbability(undefined), withProbability(0.7), options);
    expect(changed(judgment(stated, "volume-rise")).probability).toEqual({ new: 0.7, direction: "same" });
    expect(stated.counts).toMatchObject({ revised: 1, up: 0 });
    expect(formatHuman([stated])).toContain("probability: none → 70 %");

    expect(diffAssessments(withProbability(0.7), withProbability(0.7), options).changed).toBe(false);
  });

  it("reports a confidence change with its direction", () => {
    const j = changed(judgment(diff("confidence"), "volume-rise"));
    expect(j.confidence).toEqual({ old: "moderate", new: "high", direction: "up" });
    expect(j.likelihood).toBeUndefined();
  });

  it("diffs a reworded statement word by word", () => {
    const j = changed(judgment(diff("statement-reworded"), "volume-rise"));
    const runs = j.statement?.words ?? [];
    expect(runs.filter((w) => w.op === "insert").map((w) => w.text.trim())).toEqual(["and people", "keep rising"]);
    expect(runs.filter((w) => w.op === "delete").map((w) => w.text.trim())).toEqual(["rise"]);
    expect(runs.filter((w) => w.op !== "insert").map((w) => w.text).join("")).toBe(j.statement?.old);
    expect(runs.filter((w) => w.op !== "delete").map((w) => w.text).join("")).toBe(j.statement?.new);
  });

  it("reports evidence added (with its new source)", () => {
    const r = diff("evidence-added");
    const j = changed(judgment(r, "volume-rise"));
    expect(j.evidence).toEqual([{ kind: "added", item: { text: "Insurance claims for missing containers rose by a third in February 2024.", source: "insurer-note" } }]);
    expect(r.sources).toEqual([{ kind: "added", source: { id: "insurer-note", title: "Marine insurer market note, February 2024", grade: "C3" } }]);
  });

  it("reports evidence removed", () => {
    const j = changed(judgment(diff("evidence-removed"), "volume-rise"));
    expect(j.evidence).toHaveLength(1);
    expect(j.evidence[0]).toMatchObject({ kind: "removed", item: { source: "registry-check" } });
  });

  it("pairs a reworded item without id by text: a change, not a removal and an addition", () => {
    const j = changed(judgment(diff("evidence-reworded"), "volume-rise"));
    expect(j.evidence).toHaveLength(1);
    const e = j.evidence[0]!;
    expect(e.kind).toBe("changed");
    if (e.kind !== "changed") return;
    expect(e.matchedBy).toBe("text");
    expect(e.text?.words.filter((w) => w.op === "insert").map((w) => w.text.trim())).toEqual(["more than", ", to 41 containers"]);
    expect(e.source).toBeUndefined();
  });

  it("pairs items by id even when the text changed a lot", () => {
    const j = changed(judgment(diff("evidence-by-id"), "violence"));
    expect(j.evidence).toHaveLength(1);
    expect(j.evidence[0]).toMatchObject({ kind: "changed", matchedBy: "id", old: { id: "no-incidents" }, new: { id: "no-incidents" } });
  });

  it("reports evidence re-sourced and re-dated", () => {
    const resourced = changed(judgment(diff("evidence-resourced"), "corruption"));
    expect(resourced.evidence).toEqual([expect.objectContaining({ kind: "changed", source: { old: "tipline", new: "police-log" } })]);
    const e = resourced.evidence[0]!;
    expect(e.kind === "changed" && e.text).toBeFalsy();
    const redated = changed(judgment(diff("evidence-redated"), "volume-rise"));
    expect(redated.evidence).toEqual([expect.objectContaining({ kind: "changed", date: { old: "2023-12-31", new: "2023-12-15", oldText: "31/12/23", newText: "15/12/23", days: -16 } })]);
  });

  it("notices an evidence item moved to another judgment", () => {
    const r = diff("evidence-moved");
    expect(changed(judgment(r, "volume-rise")).evidence).toEqual([expect.objectContaining({ kind: "removed", movedTo: "corruption" })]);
    expect(changed(judgment(r, "corruption")).evidence).toEqual([expect.objectContaining({ kind: "added", movedFrom: "volume-rise" })]);
  });

  it("reports sources regraded and moved", () => {
    const r = diff("sources-regraded");
    expect(r.sources).toEqual([
      expect.objectContaining({ kind: "changed", id: "customs-q4", url: { old: "https://example.org/customs/q4-2023", new: "https://example.org/customs/seizures-q4-2023" } }),
      expect.objectContaining({ kind: "changed", id: "tipline", grade: { old: "F3", new: "C2" } }),
    ]);
    expect(r.judgments.every((j) => j.kind === "unchanged")).toBe(true);
    expect(r.headline).toBe("sources 2 revised");
  });

  it("reports the cutoff and issue dates moved", () => {
    const r = diff("cutoff-moved");
    expect(r.cutoff).toEqual({ old: "2024-03-01", new: "2024-05-31", oldText: "01/03/24", newText: "31/05/24", days: 91 });
    expect(r.issued?.newText).toBe("03/06/24");
    expect(r.headline).toContain("cutoff 01/03/24 → 31/05/24");
  });

  it("calls out a loosened TLP and a removed classification", () => {
    const tlp = diff("marking-loosened");
    expect(tlp.marking).toMatchObject({ loosened: true, reasons: ["TLP:AMBER → TLP:GREEN"] });
    expect(tlp.warnings).toEqual(["marking loosened: TLP:AMBER → TLP:GREEN"]);
    expect(tlp.headline).toContain("marking loosened");
    const cls = diff("classification-removed");
    expect(cls.marking).toMatchObject({ loosened: true, reasons: ["classification OFFICIAL removed"] });
    // The other way round is a tightening: reported, no warning.
    const tighter = diff("base", "marking-loosened");
    expect(tighter.marking?.loosened).toBe(false);
    expect(tighter.warnings).toEqual([]);
  });

  it("reports an outcome recorded", () => {
    const j = changed(judgment(diff("outcome-recorded"), "volume-rise"));
    expect(j.outcome).toEqual({ kind: "recorded", new: { occurred: true, resolved: "2025-03-05", note: "Seizures rose again in every quarter of 2024." } });
  });

  it("reports judgments added and withdrawn", () => {
    const added = diff("judgment-added");
    expect(judgment(added, "new-route")).toMatchObject({ kind: "added", new: { number: 4, sentence: "It is highly likely that the networks will open a second route through the southern marina." } });
    expect(added.headline).toBe("1 judgment changed: 1 new");
    expect(judgment(added, "new-route")).toMatchObject({ evidence: [{ text: "Marina staff report unregistered night arrivals since February 2024." }] });
    const withdrawn = diff("judgment-withdrawn");
    expect(judgment(withdrawn, "corruption")).toMatchObject({ kind: "removed", old: { number: 3 } });
    expect(withdrawn.sources).toEqual([expect.objectContaining({ kind: "removed", source: expect.objectContaining({ id: "tipline" }) })]);
    expect(withdrawn.headline).toBe("1 withdrawn; sources 1 removed");
  });

  it("reports a summary change as words", () => {
    const r = diff("summary-changed");
    expect(r.summary?.words.filter((w) => w.op !== "equal").map((w) => `${w.op}:${w.text}`)).toEqual(["delete:Smuggling", "insert:Two smuggling"]);
    expect(r.headline).toBe("summary revised");
  });

  it("writes the headline of a realistic second edition", () => {
    const r = diffAssessments(fixture(`${process.cwd()}/assessments/isk-2022-07.yaml`), fixture("isk-2022-07-v2"), options);
    expect(r.headline).toBe(
      "4 judgments changed: 1 ▲, 1 ▼, 1 revised, 1 new; sources 4 added, 1 removed, 1 revised; cutoff 09/07/22 → 30/12/22; issued none → 04/01/23; marking none → OFFICIAL · TLP:GREEN",
    );
  });

  it("diffs a new or withdrawn assessment against an empty edition", () => {
    const a = fixture("base");
    const added = diffAssessments(emptyEdition(a), a, { ...options, status: "added" });
    expect(added.judgments.map((j) => j.kind)).toEqual(["added", "added", "added"]);
    expect(added.headline).toBe("new assessment: 3 judgments, 4 sources");
    const gone = diffAssessments(a, emptyEdition(a), { ...options, status: "withdrawn" });
    expect(gone.judgments.map((j) => j.kind)).toEqual(["removed", "removed", "removed"]);
    expect(gone.changed).toBe(true);
  });
});

describe("matching helpers", () => {
  it("scores reworded text above unrelated text", () => {
    const a = "Customs seizures at the northern harbour doubled between October and December 2023.";
    expect(textSimilarity(a, a)).toBe(1);
    expect(textSimilarity(a, "Customs seizures at the northern harbour more than doubled in late 2023.")).toBeGreaterThan(0.5);
    expect(textSimilarity(a, "No assaults on port officials have been recorded since 2019.")).toBeLessThan(0.2);
  });

  it("orders TLP and known classification ladders", () => {
    expect(markingChange({ tlp: "RED" }, { tlp: "AMBER+STRICT" })?.loosened).toBe(true);
    expect(markingChange({ tlp: "AMBER+STRICT" }, { tlp: "AMBER" })?.loosened).toBe(true);
    expect(markingChange({ tlp: "GREEN" }, { tlp: "AMBER" })?.loosened).toBe(false);
    expect(markingChange({ tlp: "CLEAR" }, {})?.loosened).toBe(true);
    expect(markingChange({ classification: "SECRET" }, { classification: "OFFICIAL-SENSITIVE" })?.reasons).toEqual(["classification SECRET → OFFICIAL-SENSITIVE"]);
    expect(markingChange({ classification: "OFFICIAL" }, { classification: "Internal" })?.loosened).toBe(false);
    expect(markingChange({ classification: "OFFICIAL", caveats: ["UK EYES ONLY"] }, { classification: "OFFICIAL" })?.loosened).toBe(true);
    expect(markingChange({ tlp: "AMBER" }, { tlp: "AMBER" })).toBeUndefined();
  });
});
