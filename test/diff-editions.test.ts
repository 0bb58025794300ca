import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toString } from "mdast-util-to-string";
import { checkFiles } from "../src/check/check.js";
import { BUILT_IN_SCALES } from "../src/schema/scales.js";
import { findPreviousEdition, previousEditionChanges, resolveEditions } from "../src/build/editions.js";
import { DIFF_FIXTURES, fixture } from "./helpers/diff.js";

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
    expect(outside).toMatchObject({ kind: "missing", diagnostic: { ruleId: "supersedes-not-found", severity: "warning", messageId: "outside" } });
    expect(findPreviousEdition({ ...current, supersedes: "harbour-2024-06" }, file, candidates)?.kind).toBe("missing");
    expect(findPreviousEdition({ ...current, supersedes: "./harbour-2024-06.yaml" }, file, candidates)?.kind).toBe("missing");
    const unknown = findPreviousEdition({ ...current, supersedes: "harbour-2023-01" }, file, candidates);
    expect(unknown).toMatchObject({ kind: "missing", diagnostic: { messageId: "noId", message: "no assessment with id `harbour-2023-01` among the inputs" } });
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

describe("resolveEditions", () => {
  it("computes the changes section of each input that supersedes another, from files", () => {
    const root = mkdtempSync(join(tmpdir(), "yardstick-editions-"));
    try {
      const text = (name: string) => readFileSync(join(DIFF_FIXTURES, `${name}.yaml`), "utf8");
      mkdirSync(join(root, "assessments/archive"), { recursive: true });
      writeFileSync(join(root, "assessments/harbour-2024-03.yaml"), text("base").replace("id: harbour-2024", "id: harbour-2024-03"));
      writeFileSync(join(root, "assessments/harbour-2024-06.yaml"), text("cutoff-moved").replace("id: harbour-2024", "id: harbour-2024-06\nsupersedes: harbour-2024-03"));
      writeFileSync(join(root, "assessments/archive/harbour-2023.yaml"), text("likelihood-down").replace("id: harbour-2024", "id: harbour-2023"));
      writeFileSync(join(root, "assessments/from-disk.yaml"), text("base").replace("id: harbour-2024", "id: from-disk\nsupersedes: ./archive/harbour-2023.yaml"));
      writeFileSync(join(root, "assessments/dangling.yaml"), text("base").replace("id: harbour-2024", "id: dangling\nsupersedes: harbour-1999"));
      const files = ["harbour-2024-03", "harbour-2024-06", "from-disk", "dangling"].map((f) => join(root, "assessments", `${f}.yaml`));
      const { files: checked } = checkFiles(files, { asOf: "2025-06-01" });
      const editions = resolveEditions(checked, { root });
      expect([...editions.keys()].sort()).toEqual([files[3], files[2], files[1]].sort());
      const june = editions.get(files[1]!)!;
      expect(june.previousFile).toBe(files[0]);
      expect(june.changes?.headline).toBe("Cut-off 01/03/24 → 31/05/24; issued 04/03/24 → 03/06/24");
      expect(june.changes?.items.map((i) => toString({ type: "paragraph", children: i }))).toEqual(["Intelligence cut-off moved from 01/03/24 to 31/05/24"]);
      const disk = editions.get(files[2]!)!;
      expect(disk.previousFile).toBe(join(root, "assessments/archive/harbour-2023.yaml"));
      expect(disk.changes?.headline).toBe("1 judgment changed: 1 ▲");
      const dangling = editions.get(files[3]!)!;
      expect(dangling.changes).toBeUndefined();
      expect(dangling.diagnostics).toEqual([expect.objectContaining({ ruleId: "supersedes-not-found", severity: "warning", line: expect.any(Number) })]);
      expect(dangling.diagnostics[0]!.line).toBeGreaterThan(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
