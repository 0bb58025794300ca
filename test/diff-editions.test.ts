import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_IN_SCALES } from "../src/schema/scales.js";
import { findPreviousEdition, previousEditionChanges } from "../src/diff/editions.js";
import { fixture } from "./helpers/diff.js";

const dir = "/project/assessments/2024";

describe("findPreviousEdition", () => {
  const previous = { ...fixture("base"), id: "harbour-2024-03" };
  const current = { ...fixture("likelihood-up"), id: "harbour-2024-06", supersedes: "harbour-2024-03" };
  const candidates = [
    { file: join(dir, "harbour-2024-03.yaml"), assessment: previous },
    { file: join(dir, "harbour-2024-06.yaml"), assessment: current },
    { file: join(dir, "broken.yaml") },
  ];

  it("returns undefined when nothing is superseded", () => {
    expect(findPreviousEdition({ ...current, supersedes: undefined }, join(dir, "harbour-2024-06.yaml"), candidates)).toBeUndefined();
  });

  it("finds the previous edition by id among the inputs", () => {
    const found = findPreviousEdition(current, join(dir, "harbour-2024-06.yaml"), candidates);
    expect(found).toMatchObject({ kind: "candidate", reference: "harbour-2024-03", candidate: { file: join(dir, "harbour-2024-03.yaml") } });
  });

  it("finds it by a relative path, among the inputs or on disk", () => {
    const byPath = findPreviousEdition({ ...current, supersedes: "./harbour-2024-03.yaml" }, join(dir, "harbour-2024-06.yaml"), candidates);
    expect(byPath).toMatchObject({ kind: "candidate", candidate: { assessment: { id: "harbour-2024-03" } } });
    const onDisk = findPreviousEdition({ ...current, supersedes: "../2023/harbour-2023-12.yaml" }, join(dir, "harbour-2024-06.yaml"), candidates, {
      exists: (p) => p === "/project/assessments/2023/harbour-2023-12.yaml",
    });
    expect(onDisk).toEqual({ kind: "file", reference: "../2023/harbour-2023-12.yaml", file: "/project/assessments/2023/harbour-2023-12.yaml" });
  });

  it("refuses paths outside the project, itself, and unknown ids, with a warning", () => {
    const file = join(dir, "harbour-2024-06.yaml");
    const outside = findPreviousEdition({ ...current, supersedes: "../../../etc/passwd.yaml" }, file, candidates, { root: "/project", exists: () => true });
    expect(outside).toMatchObject({ kind: "missing", diagnostic: { ruleId: "supersedes-not-found", severity: "warning", message: expect.stringContaining("outside the project") } });
    expect(findPreviousEdition({ ...current, supersedes: "harbour-2024-06" }, file, candidates)?.kind).toBe("missing");
    expect(findPreviousEdition({ ...current, supersedes: "./harbour-2024-06.yaml" }, file, candidates)?.kind).toBe("missing");
    const unknown = findPreviousEdition({ ...current, supersedes: "harbour-2023-01" }, file, candidates);
    expect(unknown).toMatchObject({ kind: "missing", diagnostic: { message: "no assessment with id `harbour-2023-01` among the inputs" } });
    const notYaml = findPreviousEdition({ ...current, supersedes: "/etc/passwd" }, file, candidates, { exists: () => true });
    expect(notYaml?.kind).toBe("missing");
  });

  it("builds the brief's changes section from the previous edition", () => {
    const changes = previousEditionChanges(previous, current, "harbour-2024-03", { scales: BUILT_IN_SCALES, dateFormat: "dd/mm/yy" });
    expect(changes.previous).toBe("harbour-2024-03");
    expect(changes.headline).toBe("1 judgment changed: 1 ▲");
    expect(changes.items).toHaveLength(1);
  });
});
