/**
 * `yardstick build` at scale: incremental builds (unchanged briefs not rendered again, `--force`),
 * `out/manifest.json`, `--shard i/n`, progress in CI, `--quiet`, and briefs whose source was
 * removed. In-process, Markdown/JSON/HTML only (the PDF path is run by test/workflow.test.ts).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";
import { sha256 } from "../src/build/hash.js";
import type { Manifest } from "../src/build/manifest.js";

const ROOT = resolve(import.meta.dirname, "..");
const ISK = readFileSync(join(ROOT, "assessments/isk-2022-07.yaml"), "utf8");
const AFG = readFileSync(join(ROOT, "assessments/afghanistan-threats-2022-12.yaml"), "utf8");

let dir: string;

function io(env: Record<string, string> = {}): CliIO & { out: string; err: string } {
  const o = {
    out: "",
    err: "",
    stdout(t: string) {
      o.out += t;
    },
    stderr(t: string) {
      o.err += t;
    },
    cwd: dir,
    env,
    isTTY: false,
  };
  return o;
}

async function build(args: string[] = [], env: Record<string, string> = {}) {
  const cli = io(env);
  const code = await run(["build", "--as-of", "2024-01-01", "--format", "md,json", ...args], cli);
  return { code, out: cli.out, err: cli.err };
}

const manifest = (out = "out"): Manifest => JSON.parse(readFileSync(join(dir, out, "manifest.json"), "utf8")) as Manifest;
const mtimes = (out = "out") => Object.fromEntries(readdirSync(join(dir, out)).map((f) => [f, statSync(join(dir, out, f)).mtimeMs]));
const tick = () => new Promise((r) => setTimeout(r, 25));

function generated(i: number): string {
  return ISK.replace(/^id: .*$/m, `id: gen-${i}`).replace(/^title: .*$/m, `title: Generated ${i}`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "yardstick-build-ci-"));
  mkdirSync(join(dir, "assessments"));
  writeFileSync(join(dir, "assessments/isk-2022-07.yaml"), ISK);
  writeFileSync(join(dir, "assessments/afghanistan-threats-2022-12.yaml"), AFG);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("out/manifest.json", () => {
  it("lists every brief with its source, outputs (hashes of the real bytes), judgments and warnings", async () => {
    const r = await build();
    expect(r.code, r.out + r.err).toBe(0);
    const m = manifest();
    expect(m.manifestVersion).toBe(1);
    expect(m.generator).toMatch(/^yardstick \d+\.\d+\.\d+/);
    expect(m.briefs.map((b) => b.id)).toEqual(["afghanistan-threats-2022-12", "isk-2022-07"]);
    const isk = m.briefs.find((b) => b.id === "isk-2022-07")!;
    expect(isk.source).toBe("assessments/isk-2022-07.yaml");
    expect(isk.title).toBe("IS-K and the Taliban");
    expect(isk.judgments).toBe(3);
    expect(isk.warnings.length).toBeGreaterThan(0);
    expect(isk.warnings.every((w) => w.severity !== "error" && w.line > 0)).toBe(true);
    expect(isk.outputs.map((o) => o.format)).toEqual(["json", "md"]);
    for (const o of isk.outputs) {
      const bytes = readFileSync(join(dir, "out", o.path));
      expect(o.sha256).toBe(sha256(bytes));
      expect(o.bytes).toBe(bytes.byteLength);
      expect(o.inputHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.stringify(m)).not.toContain(dir);
  });

  it("is byte-identical when built twice from scratch", async () => {
    await build();
    const first = readFileSync(join(dir, "out/manifest.json"));
    rmSync(join(dir, "out"), { recursive: true });
    await build();
    expect(readFileSync(join(dir, "out/manifest.json")).equals(first)).toBe(true);
  });
});

describe("incremental builds", () => {
  it("renders nothing again when nothing changed, and leaves every file untouched", async () => {
    await build();
    const before = mtimes();
    await tick();
    const r = await build();
    expect(r.code, r.out + r.err).toBe(0);
    expect(mtimes()).toEqual(before);
    expect(r.out).toMatch(/^2 briefs: 2 unchanged · nothing written to out · kept md 2, json 2 · 0 errors, \d+ warnings(, \d+ info)? · \d+\.\d s$/m);
  });

  it("renders only the edited assessment", async () => {
    await build();
    const before = mtimes();
    await tick();
    writeFileSync(join(dir, "assessments/isk-2022-07.yaml"), ISK.replace("title: IS-K and the Taliban", "title: IS-K and the Taliban, revised"));
    const r = await build();
    expect(r.code).toBe(0);
    const after = mtimes();
    expect(after["isk-2022-07.md"]).not.toBe(before["isk-2022-07.md"]);
    expect(after["afghanistan-threats-2022-12.md"]).toBe(before["afghanistan-threats-2022-12.md"]);
    expect(readFileSync(join(dir, "out/isk-2022-07.md"), "utf8")).toContain("revised");
    expect(r.out).toMatch(/^2 briefs: 1 built, 1 unchanged · written md 1, json 1 to out · kept md 1, json 1 · /m);
  });

  it("does not render again for a comment or formatting change in the YAML", async () => {
    await build();
    const before = mtimes();
    await tick();
    writeFileSync(join(dir, "assessments/isk-2022-07.yaml"), `# reviewed by B. Analyst\n${ISK}`);
    await build();
    expect(mtimes()["isk-2022-07.md"]).toBe(before["isk-2022-07.md"]);
  });

  it("renders everything again with --force", async () => {
    await build();
    const before = mtimes();
    await tick();
    const r = await build(["--force"]);
    expect(r.code).toBe(0);
    const after = mtimes();
    for (const f of ["isk-2022-07.md", "isk-2022-07.json", "afghanistan-threats-2022-12.md"]) expect(after[f]).not.toBe(before[f]);
  });

  it("restores an output edited or deleted by hand", async () => {
    await build();
    const good = readFileSync(join(dir, "out/isk-2022-07.md"), "utf8");
    writeFileSync(join(dir, "out/isk-2022-07.md"), "tampered");
    rmSync(join(dir, "out/isk-2022-07.json"));
    await build();
    expect(readFileSync(join(dir, "out/isk-2022-07.md"), "utf8")).toBe(good);
    expect(readdirSync(join(dir, "out"))).toContain("isk-2022-07.json");
  });

  it("renders everything again when the manifest is corrupt, and repairs it", async () => {
    await build();
    writeFileSync(join(dir, "out/manifest.json"), '{"manifestVersion":1,"briefs":[{"id":"isk-2022-07"');
    const before = mtimes();
    await tick();
    await build();
    expect(mtimes()["isk-2022-07.md"]).not.toBe(before["isk-2022-07.md"]);
    expect(manifest().briefs).toHaveLength(2);
  });

  it("renders a templated format again when a template changes, but not the Markdown", async () => {
    mkdirSync(join(dir, "house"));
    writeFileSync(join(dir, "yardstick.config.yaml"), "templates: house\n");
    writeFileSync(join(dir, "house/brief.css"), readFileSync(join(ROOT, "templates/brief.css"), "utf8"));
    await build(["--format", "md,html"]);
    const before = mtimes();
    await tick();
    writeFileSync(join(dir, "house/brief.css"), `${readFileSync(join(ROOT, "templates/brief.css"), "utf8")}\nh1 { letter-spacing: 0.01em; }\n`);
    await build(["--format", "md,html"]);
    const after = mtimes();
    expect(after["isk-2022-07.html"]).not.toBe(before["isk-2022-07.html"]);
    expect(after["isk-2022-07.md"]).toBe(before["isk-2022-07.md"]);
    expect(readFileSync(join(dir, "out/isk-2022-07.html"), "utf8")).toContain("letter-spacing: 0.01em");
  });

  it("keeps an invalid file's earlier outputs and manifest entry untouched", async () => {
    await build();
    const entry = manifest().briefs.find((b) => b.id === "isk-2022-07");
    const before = mtimes();
    await tick();
    writeFileSync(join(dir, "assessments/isk-2022-07.yaml"), ISK.replace("likelihood: highly likely", "likelihood: highly likley"));
    const r = await build();
    expect(r.code).toBe(1);
    expect(mtimes()["isk-2022-07.md"]).toBe(before["isk-2022-07.md"]);
    expect(manifest().briefs.find((b) => b.id === "isk-2022-07")).toEqual(entry);
  });

  it("leaves the outputs of a removed assessment in place and lists them as removed", async () => {
    await build();
    rmSync(join(dir, "assessments/afghanistan-threats-2022-12.yaml"));
    const r = await build();
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "out"))).toContain("afghanistan-threats-2022-12.md");
    const m = manifest();
    expect(m.briefs.map((b) => b.id)).toEqual(["isk-2022-07"]);
    expect(m.removed?.map((b) => b.id)).toEqual(["afghanistan-threats-2022-12"]);
    expect(r.out).toMatch(/^note: 1 brief in out no longer has a source .*: afghanistan-threats-2022-12$/m);
  });
});

describe("--shard i/n", () => {
  beforeEach(() => {
    for (let i = 0; i < 7; i++) writeFileSync(join(dir, "assessments", `gen-${i}.yaml`), generated(i));
  });

  it("1/3, 2/3 and 3/3 build disjoint parts that together are exactly the full build", async () => {
    const full = await build(["--out", "full"]);
    expect(full.code).toBe(0);
    const all = manifest("full").briefs.map((b) => b.id);
    expect(all).toHaveLength(9);
    const seen: string[] = [];
    for (const i of [1, 2, 3]) {
      const r = await build(["--shard", `${i}/3`, "--out", `shard-${i}`]);
      expect(r.code, r.out + r.err).toBe(0);
      const ids = manifest(`shard-${i}`).briefs.map((b) => b.id);
      expect(ids.length).toBeGreaterThanOrEqual(3);
      for (const id of ids) expect(readFileSync(join(dir, `shard-${i}`, `${id}.md`), "utf8")).toBe(readFileSync(join(dir, "full", `${id}.md`), "utf8"));
      seen.push(...ids);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all);
  });

  it("builds into one folder shard after shard, the manifest growing to the full set", async () => {
    for (const i of [1, 2, 3]) expect((await build(["--shard", `${i}/3`])).code).toBe(0);
    expect(manifest().briefs).toHaveLength(9);
  });

  it("exits 0 for an empty shard", async () => {
    rmSync(join(dir, "assessments"), { recursive: true });
    mkdirSync(join(dir, "assessments"));
    writeFileSync(join(dir, "assessments/isk-2022-07.yaml"), ISK);
    const codes = await Promise.all([1, 2].map(async (i) => (await build(["--shard", `${i}/2`, "--out", `s${i}`])).code));
    expect(codes).toEqual([0, 0]);
    expect([...manifest("s1").briefs, ...manifest("s2").briefs].map((b) => b.id)).toEqual(["isk-2022-07"]);
  });

  it.each(["0/3", "4/3", "a/b", "3"])("refuses --shard %s as a usage error (exit 2)", async (value) => {
    const r = await build(["--shard", value]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("expected i/n with 1 ≤ i ≤ n");
  });
});

describe("progress and --quiet", () => {
  it("in CI prints a plain line per brief on stderr and one summary line on stdout", async () => {
    const r = await build([], { CI: "true" });
    const lines = r.err.split("\n").filter(Boolean);
    expect(lines).toContainEqual(expect.stringMatching(/^\[[12]\/2\] built assessments\/afghanistan-threats-2022-12\.yaml \(md, json; \d+ warnings\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\[[12]\/2\] built assessments\/isk-2022-07\.yaml \(md, json; \d+ warnings\)$/));
    expect(lines).toHaveLength(2);
    expect(r.out.trimEnd().split("\n").at(-1)).toMatch(/^2 briefs: 2 built · written md 2, json 2 to out · 0 errors, \d+ warnings(, \d+ info)? · \d+\.\d s$/);
    expect(r.out.match(/ briefs?: /g)).toHaveLength(1);
    expect(r.err).not.toContain("\r");
  });

  it("with --quiet prints only errors and the summary", async () => {
    writeFileSync(join(dir, "assessments/broken.yaml"), ISK.replace(/^id: .*$/m, "id: broken").replace("likelihood: highly likely", "likelihood: highly likley"));
    const r = await build(["--quiet"], { CI: "true" });
    expect(r.code).toBe(1);
    expect(r.out).toContain("unknown-likelihood");
    expect(r.out).not.toMatch(/^\S+:\d+:\d+\s+warning/m);
    expect(r.err).toBe("");
    // Warnings are not shown, but the summary still counts them: it never disagrees with a full run.
    expect(r.out.trimEnd().split("\n").at(-1)).toMatch(/^3 briefs: 2 built, 1 skipped · written md 2, json 2 to out · 1 error, \d+ warnings(, \d+ info)? · \d+\.\d s$/);
  });
});

describe("the build report on the terminal", () => {
  it("prints one line per problem without frames, and frames with --verbose", async () => {
    const compact = await build();
    const problems = compact.out.split("\n").filter((l) => /^assessments\/\S+:\d+:\d+ {2}(warning|info|error) {2}/.test(l));
    expect(problems.length).toBeGreaterThan(5);
    expect(compact.out).not.toMatch(/^ +\d+ \| /m);
    // Every line is a problem, the blank line between the two files, the blank line before the summary, or the one summary line.
    expect(compact.out.trimEnd().split("\n").length).toBe(problems.length + 3);
    const verbose = await build(["--verbose", "--force"]);
    expect(verbose.out).toMatch(/^ +\d+ \| /m);
    expect(verbose.out.match(/ briefs: /g)).toHaveLength(1);
  });
});
