/**
 * The committed JSON Schema is the one generated from the zod schemas, and an independent
 * validator (ajv, draft-07) agrees with it on real and broken assessments.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { JSON_SCHEMA_PATH, assessmentJsonSchemaText } from "../src/schema/json-schema.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

describe("schema/assessment.schema.json", () => {
  it("is up to date with the zod schemas", () => {
    const committed = readFileSync(join(ROOT, JSON_SCHEMA_PATH), "utf8");
    expect(committed, "schema/assessment.schema.json is stale: run `npx yardstick schema > schema/assessment.schema.json`").toBe(
      assessmentJsonSchemaText(),
    );
  });
});

describe("ajv (draft-07) with the generated schema", () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
    ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
    validate = ajv.compile(JSON.parse(assessmentJsonSchemaText()) as object);
  });

  const examples = readdirSync(join(ROOT, "assessments")).filter((f) => /\.ya?ml$/.test(f));

  it("finds the example assessments", () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  for (const name of examples) {
    it(`accepts assessments/${name}`, () => {
      const value: unknown = parse(readFileSync(join(ROOT, "assessments", name), "utf8"));
      const valid = validate(value);
      expect(validate.errors ?? [], name).toEqual([]);
      expect(valid).toBe(true);
    });
  }

  const base = () =>
    parse(`yardstick: 1
id: example
title: Example
cutoff: 2022-07-09
summary: A summary.
judgments:
  - id: attacks
    likelihood: likely
    statement: Attacks will continue.
    evidence:
      - Plain evidence.
      - text: Sourced evidence.
        source: herat
sources:
  - id: herat
    title: Herat report
    credibility: 2
`) as Record<string, unknown> & { judgments: Array<Record<string, unknown>>; sources: Array<Record<string, unknown>> };

  it("accepts a small valid assessment", () => {
    expect(validate(base())).toBe(true);
  });

  const broken: Array<[string, (a: ReturnType<typeof base>) => void, string]> = [
    ["a missing title", (a) => delete a.title, "required"],
    ["an unknown top-level key", (a) => (a.judgements = []), "additionalProperties"],
    ["a newer format version", (a) => (a.yardstick = 2), "const"],
    ["an impossible date", (a) => (a.cutoff = "2022-02-30"), "pattern"],
    ["a path as an id", (a) => (a.id = "../etc/passwd"), "pattern"],
    ["no judgments", (a) => (a.judgments = []), "minItems"],
    ["a TLP label in lower case", (a) => (a.marking = { tlp: "amber" }), "enum"],
    ["credibility 7", (a) => (a.sources[0]!.credibility = 7), "maximum"],
    ["a bad horizon", (a) => (a.judgments[0]!.horizon = "next year"), "pattern"],
  ];
  for (const [what, mutate, keyword] of broken) {
    it(`rejects ${what}`, () => {
      const a = base();
      mutate(a);
      expect(validate(a)).toBe(false);
      expect(validate.errors?.map((e) => e.keyword)).toContain(keyword);
    });
  }
});
