/**
 * One rule of leniency for every enumerated field: what is read as the canonical form (a warning
 * with a fix), what is suggested with a safe fix, what is only suggested (synonyms, ambiguous),
 * and what gets nothing.
 */
import { describe, expect, it } from "vitest";
import { CONFIDENCE_FIELD, RELIABILITY_FIELD, TLP_FIELD, likelihoodField, readDate, readDuration, readEnum, scaleField, type EnumField, type Reading } from "../src/schema/lenient.js";
import { BUILT_IN_SCALES, ICD203, PHIA } from "../src/schema/scales.js";

type Row = [written: string, expected: Reading];
const exact: Reading = { kind: "exact" };
const unknown: Reading = { kind: "unknown" };
const canonical = (value: string): Reading => ({ kind: "canonical", value });
const fix = (value: string): Reading => ({ kind: "suggest", value, fixable: true });
const suggest = (value: string): Reading => ({ kind: "suggest", value, fixable: false });

const tables: Array<[name: string, field: EnumField, rows: Row[]]> = [
  [
    "confidence",
    CONFIDENCE_FIELD,
    [
      ["moderate", exact],
      ["Low", canonical("low")],
      ["HIGH", canonical("high")],
      ["medium", suggest("moderate")],
      ["med", suggest("moderate")],
      ["moderat", fix("moderate")],
      ["hgih", fix("high")],
      ["certain", unknown],
    ],
  ],
  [
    "tlp",
    TLP_FIELD,
    [
      ["AMBER", exact],
      ["amber", canonical("AMBER")],
      ["Amber", canonical("AMBER")],
      ["amber strict", canonical("AMBER+STRICT")],
      ["AMBER-STRICT", canonical("AMBER+STRICT")],
      ["TLP:RED", canonical("RED")],
      ["tlp:clear", canonical("CLEAR")],
      ["WHITE", suggest("CLEAR")],
      ["ambr", fix("AMBER")],
      ["purple", unknown],
    ],
  ],
  [
    "reliability",
    RELIABILITY_FIELD,
    [
      ["B", exact],
      ["b", canonical("B")],
      ["G", unknown],
    ],
  ],
  [
    "scale",
    scaleField(BUILT_IN_SCALES),
    [
      ["phia", exact],
      ["PHIA", canonical("phia")],
      ["ICD-203", canonical("icd203")],
      ["icd 203", canonical("icd203")],
      ["icd230", fix("icd203")],
      ["nato", unknown],
    ],
  ],
  [
    "likelihood (PHIA)",
    likelihoodField(PHIA),
    [
      ["highly likely", exact],
      ["probable", exact],
      ["Highly Likely", canonical("highly likely")],
      ["highly-likely", canonical("highly likely")],
      ["higly likely", fix("highly likely")],
      ["almost certian", fix("almost certain")],
      ["even chance", suggest("realistic possibility")],
      ["fifty-fifty", suggest("realistic possibility")],
      ["impossible", suggest("remote chance")],
      ["wibble", unknown],
    ],
  ],
  [
    "likelihood (ICD 203)",
    likelihoodField(ICD203),
    [
      ["roughly even chance", exact],
      ["Very Likely", canonical("very likely")],
      ["even chance", suggest("roughly even chance")],
      ["even odds", suggest("roughly even chance")],
      ["probably", suggest("likely")],
    ],
  ],
];

describe.each(tables)("%s", (_name, field, rows) => {
  it.each(rows)("%s", (written, want) => {
    expect(readEnum(written, field)).toEqual(want);
  });
});

describe("horizon durations", () => {
  it.each<Row>([
    ["12 months", exact],
    ["1 month", exact],
    ["12 month", canonical("12 months")],
    ["1 months", canonical("1 month")],
    ["12 Months", canonical("12 months")],
    ["12months", canonical("12 months")],
    ["6 wks", canonical("6 weeks")],
    ["2 yrs", canonical("2 years")],
    ["12 monhts", fix("12 months")],
    ["12 fortnights", unknown],
    ["soon", unknown],
  ])("%s", (written, want) => {
    expect(readDuration(written)).toEqual(want);
  });
});

describe("dates", () => {
  it.each<Row>([
    ["2022-07-09", exact],
    ["2022/07/09", fix("2022-07-09")],
    ["2022.7.9", fix("2022-07-09")],
    ["2022-7-9", fix("2022-07-09")],
    ["9 July 2022", fix("2022-07-09")],
    ["9th Jul 2022", fix("2022-07-09")],
    ["July 9, 2022", fix("2022-07-09")],
    ["Sept 1 2022", fix("2022-09-01")],
    ["25/07/2022", fix("2022-07-25")],
    ["07/25/2022", fix("2022-07-25")],
    // July or September: ambiguous.
    ["07/09/2022", unknown],
    ["2026-13-45", unknown],
    ["31 June 2022", unknown],
    ["2022/02/30", unknown],
    ["yesterday", unknown],
  ])("%s", (written, want) => {
    expect(readDate(written)).toEqual(want);
  });
});
