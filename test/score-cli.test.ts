/**
 * `yardstick score` through the CLI: the synthetic archive (JSON contract, figures against an
 * independent computation, the table, Markdown), the SVG (well-formed, byte-stable, never through
 * a symlink), seeds, bad input and options.
 */
import { existsSync, lstatSync, readFileSync, readdirSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parse } from "yaml";
import { cli } from "./helpers/diff.js";
import { assessmentYaml, writeArchive } from "./helpers/score.js";
import { horizonDate } from "../src/schema/dates.js";

const ROOT = resolve(import.meta.dirname, "..");
const SYNTHETIC = join(ROOT, "examples/synthetic-archive");
const AS_OF = "2026-11-30";

async function scoreJson(args: string[] = []): Promise<Record<string, unknown>> {
  const { code, stdout } = await cli(["score", SYNTHETIC, "--as-of", AS_OF, "--format", "json", "--resamples", "300", ...args], ROOT);
  expect(code).toBe(0);
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** Band midpoints written out by hand from the published tables (percent). */
const BANDS: Record<string, Record<string, [number, number]>> = {
  phia: { "remote chance": [0, 5], "highly unlikely": [10, 20], unlikely: [25, 35], "realistic possibility": [40, 50], likely: [55, 75], "highly likely": [80, 90], "almost certain": [95, 100] },
  icd203: { "almost no chance": [1, 5], "very unlikely": [5, 20], unlikely: [20, 45], "roughly even chance": [45, 55], likely: [55, 80], "very likely": [80, 95], "almost certain": [95, 99] },
};

interface Doc {
  id: string;
  issued?: string;
  cutoff: string;
  scale: string;
  supersedes?: string;
  judgments: Array<{ id: string; likelihood: string; probability?: string; horizon?: string; outcome?: { occurred: boolean; resolved: string } }>;
}

/**
 * An independent reading of the synthetic archive with the yaml parser alone: chains by
 * `supersedes` id, outcomes from any edition or the ledger, the latest edition issued before the
 * horizon and the outcome; then the figures straight from their definitions.
 */
function independentFigures(asOf: string) {
  const docs: Doc[] = [];
  let ledger: Array<{ assessment: string; judgment: string; occurred: boolean; resolved: string }> = [];
  for (const f of readdirSync(SYNTHETIC).filter((n) => n.endsWith(".yaml"))) {
    const v = parse(readFileSync(join(SYNTHETIC, f), "utf8")) as Doc & { kind?: string; outcomes?: typeof ledger };
    if (v.kind === "outcomes") ledger = v.outcomes ?? [];
    else docs.push(v);
  }
  const byId = new Map(docs.map((d) => [d.id, d]));
  const root = (d: Doc): string => (d.supersedes && byId.has(d.supersedes) ? root(byId.get(d.supersedes)!) : d.id);
  const questions = new Map<string, Array<{ d: Doc; j: Doc["judgments"][number] }>>();
  for (const d of docs) {
    if ((d.issued ?? d.cutoff) > asOf) continue;
    for (const j of d.judgments) {
      const k = `${root(d)}/${j.id}`;
      questions.set(k, [...(questions.get(k) ?? []), { d, j }]);
    }
  }
  const pairs: Array<{ p: number; o: number }> = [];
  let unresolved = 0;
  for (const eds of questions.values()) {
    eds.sort((a, b) => (a.d.issued ?? a.d.cutoff).localeCompare(b.d.issued ?? b.d.cutoff));
    let outcome: { occurred: boolean; resolved: string } | undefined;
    for (const { d, j } of eds) {
      if (j.outcome && j.outcome.resolved <= asOf) outcome = j.outcome;
      const l = ledger.find((x) => x.assessment === d.id && x.judgment === j.id && x.resolved <= asOf);
      if (l) outcome = l;
    }
    if (!outcome) {
      unresolved++;
      continue;
    }
    const eligible = eds.filter(({ d, j }) => {
      const date = d.issued ?? d.cutoff;
      return (!j.horizon || date < horizonDate(j.horizon, d.cutoff)) && date < outcome.resolved;
    });
    const pick = eligible[eligible.length - 1];
    if (!pick) continue;
    const [min, max] = BANDS[pick.d.scale]![pick.j.likelihood]!;
    const p = pick.j.probability ? Number(pick.j.probability.replace(" %", "")) / 100 : (min + max) / 200;
    pairs.push({ p, o: outcome.occurred ? 1 : 0 });
  }
  const n = pairs.length;
  const obar = pairs.reduce((s, x) => s + x.o, 0) / n;
  const brier = pairs.reduce((s, x) => s + (x.p - x.o) ** 2, 0) / n;
  let rel = 0;
  let res = 0;
  for (const v of new Set(pairs.map((x) => x.p))) {
    const g = pairs.filter((x) => x.p === v);
    const ok = g.reduce((s, x) => s + x.o, 0) / g.length;
    rel += (g.length * (v - ok) ** 2) / n;
    res += (g.length * (ok - obar) ** 2) / n;
  }
  let u = 0;
  const pos = pairs.filter((x) => x.o === 1);
  const neg = pairs.filter((x) => x.o === 0);
  for (const a of pos) for (const b of neg) u += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
  return { n, unresolved, baseRate: obar, brier, reliability: rel, resolution: res, uncertainty: obar * (1 - obar), skill: 1 - brier / (obar * (1 - obar)), auc: u / (pos.length * neg.length) };
}

let cached: Promise<Record<string, unknown>> | undefined;
/** The default JSON report of the synthetic archive, computed once for the tests that only read it. */
const synthetic = () => (cached ??= scoreJson());

describe("score on the synthetic archive", () => {
  it("returns the JSON contract", async () => {
    const r = await synthetic();
    for (const key of ["n", "unresolved", "baseRate", "brier", "brierInterval", "brierBand", "reliability", "resolution", "uncertainty", "skill", "auc", "terms"]) expect(r).toHaveProperty(key);
    expect(typeof r.n).toBe("number");
    expect(typeof r.unresolved).toBe("number");
    const interval = r.brierInterval as number[];
    const band = r.brierBand as number[];
    expect(interval).toHaveLength(2);
    expect(band).toHaveLength(2);
    expect(interval[0]!).toBeLessThanOrEqual(r.brier as number);
    expect(band[0]!).toBeLessThanOrEqual(r.brier as number);
    expect(band[1]!).toBeGreaterThanOrEqual(r.brier as number);
    const terms = r.terms as Array<Record<string, unknown>>;
    expect(terms.length).toBeGreaterThan(10);
    for (const t of terms) {
      expect(Object.keys(t).sort()).toEqual(["hits", "max", "min", "n", "observed", "probability", "scale", "small", "term", "verdict", "wilson"]);
      for (const k of ["probability", "min", "max", "observed"]) expect(t[k] as number).toBeGreaterThanOrEqual(0), expect(t[k] as number).toBeLessThanOrEqual(1);
      expect(["consistent", "over", "under"]).toContain(t.verdict);
    }
    expect(r.identityError as number).toBeLessThan(1e-12);
  });

  it("agrees with an independent computation to 1e-9", async () => {
    const r = await synthetic();
    const ind = independentFigures(AS_OF);
    expect(r.n).toBe(ind.n);
    expect(r.unresolved).toBe(ind.unresolved);
    for (const k of ["baseRate", "brier", "reliability", "resolution", "uncertainty", "skill", "auc"] as const) {
      expect(Math.abs((r[k] as number) - ind[k]), k).toBeLessThan(1e-9);
    }
  });

  it("the bootstrap is reproducible with --seed and moves with it", async () => {
    const judgments = Array.from({ length: 8 }, (_, i) => ({ id: `j${i}`, likelihood: i % 2 ? "likely" : "unlikely", outcome: [i % 3 === 0, "2024-01-01"] as [boolean, string] }));
    const dir = writeArchive({ "s.yaml": assessmentYaml({ id: "s", cutoff: "2023-01-01", judgments }) });
    const interval = async (seed: string) => (JSON.parse((await cli(["score", ".", "--format", "json", "--seed", seed], dir)).stdout) as { brierInterval: number[] }).brierInterval;
    const a = await interval("7");
    expect(await interval("7")).toEqual(a);
    expect(await interval("8")).not.toEqual(a);
  });

  it("--editions all scores more forecasts than latest", async () => {
    const latest = await synthetic();
    const all = await scoreJson(["--editions", "all"]);
    expect(all.n as number).toBeGreaterThan(latest.n as number);
  });

  it("prints the table, the identity check and the unresolved list", async () => {
    const { code, stdout } = await cli(["score", SYNTHETIC, "--as-of", AS_OF, "--resamples", "200"], ROOT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Brier score\s+0\.\d{3} \(one-outcome form/);
    expect(stdout).toMatch(/Murphy\s+REL 0\.\d{4} − RES 0\.\d{4} \+ UNC 0\.\d{4} = 0\.\d{4} \(Brier 0\.\d{4}; identity off by/);
    expect(stdout).toMatch(/scale\s+term\s+band\s+stated\s+n\s+hits\s+observed\s+Wilson 95 %\s+verdict/);
    expect(stdout).toMatch(/phia\s+highly likely\s+80–90 %/);
    expect(stdout).toMatch(/Underconfident/);
    expect(stdout).toMatch(/examples\/synthetic-archive\/[a-z0-9-]+\.yaml:\d+ {2}synthetic-/);
    expect(stdout).not.toMatch(/\x1b\[/);
  });

  it("--format markdown is a GFM table", async () => {
    const { stdout } = await cli(["score", SYNTHETIC, "--as-of", AS_OF, "--format", "markdown", "--by", "scale", "--resamples", "100"], ROOT);
    expect(stdout).toMatch(/^## Calibration of our judgments/);
    expect(stdout).toMatch(/\| Scale +\| Term +\| Band/);
    expect(stdout).toMatch(/\| `phia` +\| highly likely/);
    expect(stdout).toMatch(/### By scale/);
  });
});

describe("--format html", () => {
  it("is one standalone page with the tables and the diagram, and no script", async () => {
    const { code, stdout } = await cli(["score", SYNTHETIC, "--as-of", AS_OF, "--format", "html", "--resamples", "50"], ROOT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html><html lang="en">/);
    expect(stdout).toMatch(/<table>[\s\S]*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<th[^>]*>Wilson 95 %<\/th>/);
    expect(stdout).not.toMatch(/<script|<link|src="http/);
  });
});

describe("--svg", () => {
  it("writes a well-formed, byte-stable reliability diagram with a title and description", async () => {
    const dir = writeArchive({});
    const a = join(dir, "a.svg");
    const b = join(dir, "b.svg");
    expect((await cli(["score", SYNTHETIC, "--as-of", AS_OF, "--resamples", "100", "--svg", a, "--format", "json"], ROOT)).code).toBe(0);
    expect((await cli(["score", SYNTHETIC, "--as-of", AS_OF, "--resamples", "100", "--svg", b, "--format", "json"], ROOT)).code).toBe(0);
    const text = readFileSync(a, "utf8");
    expect(readFileSync(b)).toEqual(readFileSync(a));
    expect(XMLValidator.validate(text)).toBe(true);
    const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(text) as { svg: Record<string, unknown> };
    expect(tree.svg.xmlns).toBe("http://www.w3.org/2000/svg");
    expect((tree.svg.title as Record<string, string>)["#text"]).toMatch(/Reliability diagram/);
    expect((tree.svg.desc as Record<string, string>)["#text"]).toMatch(/highly likely \(80–90 %/);
    const report = await synthetic();
    const groups = (tree.svg.g as Array<Record<string, unknown>>).filter((g) => g.class === "term");
    expect(groups).toHaveLength((report.terms as unknown[]).length);
    expect(text).toMatch(/Stated probability/);
    // The diagram in the README is this one (regenerate: see examples/synthetic-archive/README.md).
    expect(text).toBe(readFileSync(join(ROOT, "docs/score-reliability.svg"), "utf8"));
    expect(text).toMatch(/Observed frequency/);
  });

  it("refuses to write through a symbolic link", async () => {
    const dir = writeArchive({ "target.txt": "keep me" });
    const link = join(dir, "link.svg");
    symlinkSync(join(dir, "target.txt"), link);
    const { code, stderr } = await cli(["score", SYNTHETIC, "--as-of", AS_OF, "--resamples", "50", "--svg", link, "--format", "json"], ROOT);
    expect(code).toBe(2);
    expect(stderr).toMatch(/refusing to write .*link\.svg: it is a symbolic link/);
    expect(readFileSync(join(dir, "target.txt"), "utf8")).toBe("keep me");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it("reports a missing folder as a usage error", async () => {
    const { code, stderr } = await cli(["score", SYNTHETIC, "--as-of", AS_OF, "--svg", "/nonexistent-folder/x.svg", "--format", "json"], ROOT);
    expect(code).toBe(2);
    expect(stderr).toMatch(/folder .* does not exist/);
    expect(stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe("the shipped examples", () => {
  it("score with their public-source ledger: two outcomes, each citing a source, the rest unresolved", async () => {
    const { code, stdout, stderr } = await cli(["score", "assessments", "examples/public-outcomes.yaml", "--format", "json", "--as-of", AS_OF, "--resamples", "50"], ROOT);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as { n: number; unresolved: number };
    expect(r.n).toBe(2);
    expect(r.unresolved).toBe(12);
    const ledger = parse(readFileSync(join(ROOT, "examples/public-outcomes.yaml"), "utf8")) as { outcomes: Array<{ note: string }> };
    for (const o of ledger.outcomes) expect(o.note).toMatch(/https:\/\//);
  });
});

describe("the synthetic archive script", () => {
  it("regenerates the committed archive byte for byte from its seed", async () => {
    const out = writeArchive({});
    const { execFileSync } = await import("node:child_process");
    execFileSync(process.execPath, [join(ROOT, "scripts/synthetic-archive.js"), "--out", out], { stdio: "pipe" });
    const committed = readdirSync(SYNTHETIC).filter((f) => f.endsWith(".yaml")).sort();
    expect(readdirSync(out).sort()).toEqual(committed);
    for (const f of committed) expect(readFileSync(join(out, f), "utf8"), f).toBe(readFileSync(join(SYNTHETIC, f), "utf8"));
    for (const f of committed) expect(readFileSync(join(SYNTHETIC, f), "utf8"), f).toMatch(/^# SYNTHETIC EXAMPLE/);
  });
});

describe("bad input and options", () => {
  it("scores the valid files, reports the invalid ones and exits 1", async () => {
    const good = assessmentYaml({ id: "good", cutoff: "2023-01-01", judgments: [{ id: "a", likelihood: "likely", outcome: [true, "2024-01-01"] }] });
    const bad = assessmentYaml({ id: "bad", cutoff: "2023-01-01", judgments: [{ id: "a", likelihood: "likely", probability: 0.9, outcome: [true, "2024-01-01"] }] });
    const dir = writeArchive({ "good.yaml": good, "bad.yaml": bad });
    const { code, stdout, stderr } = await cli(["score", ".", "--format", "json"], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.yaml:9:\d+ +error +probability 90 % is outside the band of `likely` \(55–75 %\)/);
    expect((JSON.parse(stdout) as { n: number }).n).toBe(1);
  });

  it("usage errors exit 2", async () => {
    expect((await cli(["score", SYNTHETIC, "--editions", "some"], ROOT)).code).toBe(2);
    expect((await cli(["score", SYNTHETIC, "--by", "colour"], ROOT)).code).toBe(2);
    expect((await cli(["score", SYNTHETIC, "--seed", "-1"], ROOT)).code).toBe(2);
    expect((await cli(["score", "no-such-folder"], ROOT)).code).toBe(2);
    expect((await cli(["score", SYNTHETIC, "--resamples", "1000000"], ROOT)).code).toBe(2);
  });

  it("check and build never read a ledger as a broken assessment", async () => {
    const dir = writeArchive({
      "a.yaml": assessmentYaml({ id: "a", cutoff: "2023-01-01", judgments: [{ id: "x", likelihood: "likely", horizon: "2025-01-01" }] }),
      "outcomes.yaml": "# ledger\nyardstick: 1\nkind: outcomes\noutcomes:\n  - assessment: a\n    judgment: x\n    occurred: true\n    resolved: 2025-01-05\n",
    });
    const check = await cli(["check", ".", "--as-of", "2026-01-01", "--format", "json"], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toMatch(/outcomes\.yaml/);
    const build = await cli(["build", ".", "--format", "md", "--out", "out"], dir);
    expect(build.stderr).not.toMatch(/outcomes\.yaml/);
    expect(existsSync(join(dir, "out", "a.md"))).toBe(true);
    expect(existsSync(join(dir, "out", "outcomes.md"))).toBe(false);
    const score = await cli(["score", ".", "--format", "json", "--as-of", "2026-01-01"], dir);
    expect((JSON.parse(score.stdout) as { n: number }).n).toBe(1);
  });
});

