/**
 * Marking levels, portion levels and tearline releases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { laddersFor } from "../src/marking/config.js";
import { atLeast, levelOf, releasable, levelText, maxLevel, parseRelease, releaseSlug, UK_LADDER, US_LADDER } from "../src/marking/levels.js";
import { portionLevels } from "../src/marking/portions.js";
import { releaseAssessment } from "../src/marking/release.js";
import { parseAssessment } from "../src/schema/load.js";
import type { Assessment, Marking } from "../src/schema/assessment.js";
import { TLP_LABELS } from "../src/schema/assessment.js";

const LADDERS = [UK_LADDER, US_LADDER];
const lv = (m: Marking) => levelOf(m, LADDERS);

function load(yaml: string): Assessment {
  const loaded = parseAssessment(yaml, "example.yaml");
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return loaded.assessment!;
}

const MIXED = `yardstick: 1
id: example
title: Valley outlook
marking:
  classification: SECRET
  tlp: AMBER
titleMarking: { classification: OFFICIAL, tlp: CLEAR }
summaryMarking: { classification: OFFICIAL, tlp: GREEN }
cutoff: 2022-07-09
summary: Smuggling is growing.
judgments:
  - id: routes
    likelihood: likely
    statement: Routes will expand.
    marking: { classification: OFFICIAL, tlp: GREEN }
    evidence:
      - text: Patrols found routes.
        source: patrol-report
      - text: A liaison service says more.
        source: liaison
      - text: Sensitive detail.
        marking: { classification: SECRET }
  - id: leaders
    likelihood: highly likely
    statement: Leaders will split.
    evidence:
      - text: Intercepts show a rift.
        source: intercepts
  - id: prices
    likelihood: unlikely
    statement: Prices will rise.
    marking: { classification: OFFICIAL, tlp: CLEAR }
    evidence:
      - text: Only from a withheld source [@liaison].
sources:
  - id: patrol-report
    title: Patrol report
    marking: { classification: OFFICIAL, tlp: GREEN }
  - id: liaison
    title: Liaison reporting
    marking: { classification: SECRET, tlp: RED }
  - id: intercepts
    title: Intercepts
`;

describe("marking order", () => {
  it("orders the UK and US ladders and TLP 2.0, and compares caveats as sets", () => {
    const uk = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"].map((c) => lv({ classification: c }));
    for (let i = 1; i < uk.length; i++) {
      expect(atLeast(uk[i]!, uk[i - 1]!)).toBe(true);
      expect(atLeast(uk[i - 1]!, uk[i]!)).toBe(false);
    }
    const us = ["UNCLASSIFIED", "CUI", "CONFIDENTIAL", "SECRET", "TOP SECRET"].map((c) => levelOf({ classification: c }, [US_LADDER]));
    for (let i = 1; i < us.length; i++) expect(atLeast(us[i]!, us[i - 1]!)).toBe(true);
    const tlp = TLP_LABELS.map((t) => lv({ tlp: t }));
    for (let i = 1; i < tlp.length; i++) expect([atLeast(tlp[i]!, tlp[i - 1]!), atLeast(tlp[i - 1]!, tlp[i]!)]).toEqual([true, false]);
    expect(atLeast(lv({ classification: "SECRET", caveats: ["UK EYES ONLY"] }), lv({ classification: "SECRET" }))).toBe(true);
    expect(atLeast(lv({ classification: "SECRET" }), lv({ classification: "SECRET", caveats: ["UK EYES ONLY"] }))).toBe(false);
    expect(atLeast(lv({ tlp: "RED" }), lv({ classification: "OFFICIAL" }))).toBe(false);
    expect(releasable(lv({ tlp: "GREEN" }), lv({ classification: "SECRET", tlp: "CLEAR" }))).toBe(true);
    expect(releasable(lv({ tlp: "GREEN" }), lv({ tlp: "AMBER" }))).toBe(false);
    expect(releasable(lv({ classification: "OFFICIAL" }), lv({ classification: "OFFICIAL", caveats: ["UK EYES ONLY"] }))).toBe(false);
    expect(levelText(maxLevel([lv({ classification: "OFFICIAL", tlp: "RED" }), lv({ classification: "SECRET", tlp: "GREEN" })]))).toBe("SECRET · TLP:RED");
  });

  it("reads release levels and refuses what it cannot read", () => {
    const ok = parseRelease("OFFICIAL, TLP:green", LADDERS);
    expect("level" in ok && levelText(ok.level)).toBe("OFFICIAL · TLP:GREEN");
    expect("marking" in ok && releaseSlug(ok.marking)).toBe("official.tlp-green");
    expect(parseRelease("TLP:PINK", LADDERS)).toEqual({ error: expect.stringMatching(/not a TLP 2.0 label/) });
    expect(parseRelease("SECERT", LADDERS)).toEqual({ error: expect.stringMatching(/did you mean `SECRET`/) });
    expect(parseRelease("", LADDERS)).toEqual({ error: expect.stringMatching(/needs a level/) });
  });

  it("reads the config's classifications: presets, or the project's own ladder", () => {
    expect(laddersFor({ classifications: "us" }).map((l) => l.id)).toEqual(["us"]);
    const own = laddersFor({ classifications: [{ name: "public", abbreviation: "P" }, { name: "internal", abbreviation: "I" }] });
    expect(own[0]!.levels.map((l) => l.name)).toEqual(["PUBLIC", "INTERNAL"]);
    expect(atLeast(levelOf({ classification: "Internal" }, own), levelOf({ classification: "PUBLIC" }, own))).toBe(true);
  });
});

describe("portion levels", () => {
  it("unmarked portions take their container's marking; evidence is at least its sources", () => {
    const levels = portionLevels(load(MIXED), LADDERS);
    expect(levelText(levels.title)).toBe("OFFICIAL · TLP:CLEAR");
    expect(levelText(levels.judgments[1]!.own)).toBe("SECRET · TLP:AMBER");
    expect(levelText(levels.judgments[0]!.evidence[0]!.effective)).toBe("OFFICIAL · TLP:GREEN");
    expect(levelText(levels.judgments[0]!.evidence[1]!.effective)).toBe("SECRET · TLP:RED");
    expect(levelText(levels.judgments[2]!.evidence[0]!.effective)).toBe("SECRET · TLP:RED");
    expect(levelText(levels.content)).toBe("SECRET · TLP:RED");
  });
});

describe("tearline release", () => {
  it("keeps only portions at or below the level, drops sources used only by withheld content, recomputes the banner", () => {
    const r = releaseAssessment(load(MIXED), lv({ classification: "OFFICIAL", tlp: "GREEN" }), LADDERS);
    if (!r.ok) throw new Error(r.reason);
    const a = r.assessment;
    expect(a.judgments.map((j) => j.id)).toEqual(["routes", "prices"]);
    expect(a.judgments[0]!.evidence).toEqual([{ text: "Patrols found routes.", source: "patrol-report" }]);
    expect(a.judgments[1]!.evidence).toEqual([]);
    expect(a.sources.map((s) => s.id)).toEqual(["patrol-report"]);
    expect(a.marking).toEqual({ classification: "OFFICIAL", tlp: "GREEN" });
    expect(r.withheld).toEqual({ judgments: ["leaders"], evidence: { routes: 2, prices: 1 }, sources: ["liaison", "intercepts"], judgmentsWithoutEvidence: ["prices"] });
    const text = JSON.stringify(a);
    for (const secret of ["liaison", "Liaison", "Sensitive detail", "Intercepts", "Leaders will split", "withheld source"]) expect(text).not.toContain(secret);
  });

  it("refuses a release whose title or summary is above the level, saying which", () => {
    const noSummaryMark = MIXED.replace("summaryMarking: { classification: OFFICIAL, tlp: GREEN }\n", "");
    const r = releaseAssessment(load(noSummaryMark), lv({ classification: "OFFICIAL", tlp: "GREEN" }), LADDERS);
    expect(r).toMatchObject({ ok: false, path: ["summary"], reason: "the summary is marked SECRET · TLP:AMBER, above OFFICIAL · TLP:GREEN" });
  });

  it("property: whatever the portion markings, a release holds no text of a withheld portion and only portions that fit", () => {
    const mark = fc.record({ classification: fc.option(fc.constantFrom("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET"), { nil: undefined }), tlp: fc.option(fc.constantFrom(...TLP_LABELS), { nil: undefined }) });
    const gen = fc.record({
      judgments: fc.array(fc.record({ marking: fc.option(mark, { nil: undefined }), evidence: fc.array(fc.record({ marking: fc.option(mark, { nil: undefined }), source: fc.option(fc.nat(3), { nil: undefined }) }), { maxLength: 4 }) }), { minLength: 1, maxLength: 5 }),
      sources: fc.array(fc.option(mark, { nil: undefined }), { minLength: 4, maxLength: 4 }),
      release: mark,
    });
    fc.assert(
      fc.property(gen, (g) => {
        const clean = (m: { classification?: string; tlp?: string } | undefined) => (m ? Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) : undefined);
        const data = {
          yardstick: 1,
          id: "gen",
          title: "T",
          cutoff: "2022-07-09",
          summary: "S.",
          judgments: g.judgments.map((j, ji) => ({
            id: `j-${ji}`,
            likelihood: "likely",
            statement: `SENTINEL-J${ji} will happen.`,
            ...(clean(j.marking) && Object.keys(clean(j.marking)!).length ? { marking: clean(j.marking) } : {}),
            evidence: j.evidence.map((e, ei) => ({
              text: `SENTINEL-E${ji}-${ei}.`,
              ...(e.source !== undefined ? { source: `s-${e.source}` } : {}),
              ...(clean(e.marking) && Object.keys(clean(e.marking)!).length ? { marking: clean(e.marking) } : {}),
            })),
          })),
          sources: g.sources.map((m, si) => ({ id: `s-${si}`, title: `SENTINEL-S${si}`, ...(clean(m) && Object.keys(clean(m)!).length ? { marking: clean(m) } : {}) })),
        };
        const a = load(JSON.stringify(data));
        const releaseMark = clean(g.release) as Marking;
        if (!releaseMark.classification && !releaseMark.tlp) return;
        const level = lv(releaseMark);
        const levels = portionLevels(a, LADDERS);
        const r = releaseAssessment(a, level, LADDERS);
        if (!r.ok) return;
        const text = JSON.stringify(r.assessment);
        levels.judgments.forEach((jl, ji) => {
          if (!releasable(level, jl.own)) expect(text).not.toContain(`SENTINEL-J${ji} `);
          jl.evidence.forEach((el, ei) => {
            if (!releasable(level, el.effective) || !releasable(level, jl.own)) expect(text).not.toContain(`SENTINEL-E${ji}-${ei}.`);
          });
        });
        const released = portionLevels(r.assessment, LADDERS);
        for (const jl of released.judgments) for (const el of jl.evidence) expect(releasable(level, el.effective)).toBe(true);
        for (const [id, l] of released.sources) expect(releasable(level, l), id).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("diff of portion markings", () => {
  it("reports a lowered portion with the same warning as a loosened banner", async () => {
    const { diffAssessments } = await import("../src/diff/report.js");
    const { formatHuman } = await import("../src/diff/format/human.js");
    const { BUILT_IN_SCALES } = await import("../src/schema/scales.js");
    const before = load(MIXED);
    const after = load(MIXED.replace("    marking: { classification: OFFICIAL, tlp: GREEN }\n    evidence:\n      - text: Patrols", "    marking: { classification: OFFICIAL, tlp: CLEAR }\n    evidence:\n      - text: Patrols"));
    const report = diffAssessments(before, after, { scales: BUILT_IN_SCALES });
    expect(report.portionMarkings).toEqual([expect.objectContaining({ what: "judgment `routes`", loosened: true, reasons: ["TLP:GREEN → TLP:CLEAR"] })]);
    expect(report.warnings).toContain("portion marking loosened: judgment `routes`: TLP:GREEN → TLP:CLEAR");
    expect(report.changed).toBe(true);
    expect(formatHuman([report])).toContain("marking of judgment `routes`: OFFICIAL · TLP:GREEN → OFFICIAL · TLP:CLEAR (loosened)");
    expect(diffAssessments(before, before, { scales: BUILT_IN_SCALES }).portionMarkings).toEqual([]);
  });
});
