/**
 * `out/manifest.json`: deterministic text, tolerant reading, safe paths, merging across builds.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256 } from "../src/build/hash.js";
import {
  MANIFEST_FILE,
  emptyManifest,
  manifestOutputPath,
  mergeManifest,
  parseManifest,
  readManifest,
  serializeManifest,
  writeManifest,
  type Manifest,
  type ManifestBrief,
} from "../src/build/manifest.js";

const H = (s: string) => sha256(s);

function brief(id: string, over: Partial<ManifestBrief> = {}): ManifestBrief {
  return {
    id,
    source: `assessments/${id}.yaml`,
    inputHash: H(`in-${id}`),
    judgments: 2,
    warnings: [{ ruleId: "judgment-without-horizon", severity: "warning", line: 12, column: 5, message: "no horizon" }],
    outputs: [
      { format: "pdf", path: `${id}.pdf`, sha256: H(`pdf-${id}`), bytes: 1000, inputHash: H(`pdf-in-${id}`) },
      { format: "md", path: `${id}.md`, sha256: H(`md-${id}`), bytes: 100, inputHash: H(`md-in-${id}`) },
    ],
    ...over,
  };
}

describe("serializeManifest", () => {
  it("is the same text whatever order briefs, outputs and keys came in", () => {
    const a: Manifest = { manifestVersion: 1, generator: "yardstick 1.0.0", briefs: [brief("b"), brief("a")] };
    const shuffledBrief = (id: string): ManifestBrief => {
      const b = brief(id);
      return { outputs: [...b.outputs].reverse(), warnings: b.warnings, judgments: b.judgments, inputHash: b.inputHash, source: b.source, id: b.id };
    };
    const b: Manifest = { briefs: [shuffledBrief("a"), shuffledBrief("b")], generator: "yardstick 1.0.0", manifestVersion: 1 };
    expect(serializeManifest(a)).toBe(serializeManifest(b));
    const parsed = JSON.parse(serializeManifest(a)) as Manifest;
    expect(parsed.briefs.map((x) => x.id)).toEqual(["a", "b"]);
    expect(parsed.briefs[0]!.outputs.map((o) => o.format)).toEqual(["md", "pdf"]);
    expect(Object.keys(parsed)).toEqual(["manifestVersion", "generator", "briefs"]);
  });

  it("holds no wall-clock time", () => {
    const text = serializeManifest({ manifestVersion: 1, generator: "yardstick 1.0.0", briefs: [brief("a")] });
    expect(text).not.toMatch(/20\d\d-\d\d-\d\dT/);
    expect(text).not.toMatch(/generatedAt|timestamp/i);
  });
});

describe("parseManifest / readManifest", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "yardstick-manifest-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("round-trips through writeManifest, atomically (no temp files left)", async () => {
    const m: Manifest = { manifestVersion: 1, generator: "yardstick 1.0.0", briefs: [brief("a"), brief("b", { title: "B" })], removed: [brief("gone")] };
    await writeManifest(dir, m);
    expect(readdirSync(dir)).toEqual([MANIFEST_FILE]);
    expect(readManifest(dir)).toEqual(parseManifest(serializeManifest(m)));
    expect(readManifest(dir)!.briefs.map((b) => b.id)).toEqual(["a", "b"]);
    expect(readManifest(dir)!.removed!.map((b) => b.id)).toEqual(["gone"]);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["truncated", '{"manifestVersion":1,"generator":"y","briefs":[{"id":'],
    ["not an object", "[]"],
    ["another version", JSON.stringify({ manifestVersion: 99, generator: "y", briefs: [] })],
    ["binary", "\u0000\u0001\u0002"],
  ])("reads a %s manifest as none (rebuild everything)", (_name, text) => {
    if (text !== undefined) writeFileSync(join(dir, MANIFEST_FILE), text);
    expect(readManifest(dir)).toBeUndefined();
  });

  it("drops entries that are malformed or whose paths leave the output folder", () => {
    const evil = [
      brief("ok"),
      brief("escape", { outputs: [{ format: "pdf", path: "../../etc/passwd", sha256: H("x"), bytes: 1, inputHash: H("y") }] }),
      brief("absolute", { outputs: [{ format: "pdf", path: "/etc/passwd", sha256: H("x"), bytes: 1, inputHash: H("y") }] }),
      { ...brief("bad-id"), id: "../x" },
      { ...brief("bad-hash"), inputHash: "nope" },
      "not an entry",
      brief("ok"),
    ];
    const parsed = parseManifest(JSON.stringify({ manifestVersion: 1, generator: "y", briefs: evil }));
    expect(parsed!.briefs.map((b) => b.id)).toEqual(["ok"]);
  });

  it("resolves output paths inside the folder only", () => {
    expect(manifestOutputPath(dir, { path: "a.pdf" })).toBe(join(dir, "a.pdf"));
    for (const path of ["../a.pdf", "sub/a.pdf", "..", ".", "", "/etc/passwd", "a\\..\\b"]) expect(manifestOutputPath(dir, { path })).toBeUndefined();
  });
});

describe("mergeManifest", () => {
  const yes = { sourceExists: () => true, outputExists: () => true };

  it("replaces entries built now and keeps the others whose source still exists", () => {
    const previous: Manifest = { ...emptyManifest("yardstick 0.9.0"), briefs: [brief("a"), brief("b"), brief("c")] };
    const newA = brief("a", { judgments: 5 });
    const merged = mergeManifest(previous, [newA], "yardstick 1.0.0", yes);
    expect(merged.generator).toBe("yardstick 1.0.0");
    expect(merged.briefs.map((b) => [b.id, b.judgments])).toEqual([
      ["a", 5],
      ["b", 2],
      ["c", 2],
    ]);
    expect(merged.removed).toBeUndefined();
  });

  it("moves entries whose source is gone to `removed`, and forgets outputs no longer on disk", () => {
    const previous: Manifest = { ...emptyManifest("y"), briefs: [brief("a"), brief("gone"), brief("half")] };
    const merged = mergeManifest(previous, [brief("a")], "y", {
      sourceExists: (s) => !s.includes("gone"),
      outputExists: (o) => o.path !== "half.pdf",
    });
    expect(merged.briefs.map((b) => b.id)).toEqual(["a", "half"]);
    expect(merged.briefs[1]!.outputs.map((o) => o.path)).toEqual(["half.md"]);
    expect(merged.removed!.map((b) => b.id)).toEqual(["gone"]);
  });

  it("lists the old id of a source that was renamed in place as removed", () => {
    const previous: Manifest = { ...emptyManifest("y"), briefs: [brief("old-name", { source: "assessments/x.yaml" })] };
    const merged = mergeManifest(previous, [brief("new-name", { source: "assessments/x.yaml" })], "y", yes);
    expect(merged.briefs.map((b) => b.id)).toEqual(["new-name"]);
    expect(merged.removed!.map((b) => b.id)).toEqual(["old-name"]);
  });

  it("drops a removed entry once its id is built again or its outputs are deleted", () => {
    const previous: Manifest = { ...emptyManifest("y"), briefs: [], removed: [brief("back"), brief("deleted")] };
    const merged = mergeManifest(previous, [brief("back")], "y", { sourceExists: () => true, outputExists: (o) => !o.path.startsWith("deleted") });
    expect(merged.briefs.map((b) => b.id)).toEqual(["back"]);
    expect(merged.removed).toBeUndefined();
  });

  it("starts from nothing without a previous manifest", () => {
    expect(mergeManifest(undefined, [brief("a")], "y", yes).briefs.map((b) => b.id)).toEqual(["a"]);
  });

  it("writes the same bytes for the same folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yardstick-manifest-"));
    try {
      await writeManifest(dir, mergeManifest(undefined, [brief("b"), brief("a")], "y", yes));
      const first = readFileSync(join(dir, MANIFEST_FILE));
      await writeManifest(dir, mergeManifest(readManifest(dir), [brief("a")], "y", yes));
      expect(readFileSync(join(dir, MANIFEST_FILE)).equals(first)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("writeManifest", () => {
  it("leaves an identical manifest untouched (same mtime) and rewrites a different one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yardstick-manifest-"));
    try {
      const m: Manifest = { manifestVersion: 1, generator: "y", briefs: [brief("a")] };
      expect(await writeManifest(dir, m)).toBe(true);
      const before = statSync(join(dir, MANIFEST_FILE)).mtimeMs;
      await new Promise((r) => setTimeout(r, 20));
      expect(await writeManifest(dir, { ...m, briefs: [brief("a")] })).toBe(false);
      expect(statSync(join(dir, MANIFEST_FILE)).mtimeMs).toBe(before);
      expect(await writeManifest(dir, { ...m, briefs: [brief("b")] })).toBe(true);
      expect(readManifest(dir)!.briefs.map((b) => b.id)).toEqual(["b"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
