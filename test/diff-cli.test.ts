import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeReport } from "../src/diff/types.js";
import { parseNameStatus, repoPath } from "../src/diff/git.js";
import { DIFF_FIXTURES, cli } from "./helpers/diff.js";

const BIN = resolve(import.meta.dirname, "../bin/yardstick.js");

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd, encoding: "utf8" });
}

function fixtureText(name: string): string {
  return readFileSync(join(DIFF_FIXTURES, `${name}.yaml`), "utf8");
}

/** An assessment with its own id (so renaming the file keeps it valid). */
function withId(name: string, id: string): string {
  return fixtureText(name).replace("id: harbour-2024", `id: ${id}`);
}

/** Unlike the others, so git does not take it for a rename of the deleted file. */
const NEW_ASSESSMENT = `yardstick: 1
id: new
title: Fuel theft on the ring road
cutoff: 2024-02-01
summary: Fuel theft from parked lorries has spread to the ring road.
judgments:
  - id: spread
    likelihood: likely
    confidence: low
    statement: thefts will reach the eastern depots by summer
    evidence:
      - Two depots reported siphoned tanks in January.
`;

let repo: string;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "yardstick-diff-"));
  git(repo, "init", "-q");
  mkdirSync(join(repo, "assessments"));
  writeFileSync(join(repo, "assessments/harbour.yaml"), withId("base", "harbour"));
  writeFileSync(join(repo, "assessments/other.yaml"), withId("base", "other"));
  writeFileSync(join(repo, "assessments/gone.yaml"), withId("base", "gone"));
  writeFileSync(join(repo, "README.md"), "not an assessment\n");
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "first edition");
  writeFileSync(join(repo, "assessments/harbour.yaml"), withId("likelihood-up", "harbour"));
  git(repo, "mv", "assessments/other.yaml", "assessments/renamed.yaml");
  writeFileSync(join(repo, "assessments/renamed.yaml"), withId("confidence", "other"));
  git(repo, "rm", "-q", "assessments/gone.yaml");
  writeFileSync(join(repo, "assessments/new.yaml"), NEW_ASSESSMENT);
  writeFileSync(join(repo, "README.md"), "still not an assessment\n");
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "second edition");
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe("yardstick diff with files", () => {
  it("exits 1 with --exit-code when there are changes, 0 when there are none", async () => {
    const changed = await cli(["diff", "base.yaml", "likelihood-up.yaml", "--exit-code"], DIFF_FIXTURES);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain("1 judgment changed: 1 ▲");
    const same = await cli(["diff", "base.yaml", "unchanged-reflowed.yaml", "--exit-code"], DIFF_FIXTURES);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("no changes");
    const plain = await cli(["diff", "base.yaml", "likelihood-up.yaml"], DIFF_FIXTURES);
    expect(plain.code).toBe(0);
  });

  it("prints check's positioned diagnostics for an invalid side and exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yardstick-diff-bad-"));
    try {
      writeFileSync(join(dir, "bad.yaml"), fixtureText("base").replace("likelihood: unlikely", "likelihood: unlikley"));
      copyFileSync(join(DIFF_FIXTURES, "base.yaml"), join(dir, "base.yaml"));
      for (const extra of [[], ["--exit-code"]]) {
        const r = await cli(["diff", "base.yaml", "bad.yaml", ...extra], dir);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ {2}error {2}`unlikley` is not a term of the PHIA probability yardstick {2}unknown-likelihood/);
        expect(r.stderr).toContain("did you mean `unlikely`?");
      }
      const missing = await cli(["diff", "base.yaml", "nope.yaml"], dir);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("no such file: nope.yaml");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("needs two inputs without --since, and rejects unknown formats", async () => {
    const one = await cli(["diff", "base.yaml"], DIFF_FIXTURES);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain("diff needs two inputs");
    const fmt = await cli(["diff", "base.yaml", "base.yaml", "--format", "html"], DIFF_FIXTURES);
    expect(fmt.code).toBe(2);
  });

  it("writes markdown and json", async () => {
    const md = await cli(["diff", "base.yaml", "judgment-withdrawn.yaml", "--format", "markdown"], DIFF_FIXTURES);
    expect(md.stdout).toContain("| (KJ3) | `corruption`");
    const json = await cli(["diff", "base.yaml", "judgment-withdrawn.yaml", "--format", "json"], DIFF_FIXTURES);
    const parsed = JSON.parse(json.stdout) as { reports: ChangeReport[] };
    expect(parsed.reports[0]?.counts.removed).toBe(1);
  });
});

describe("yardstick diff with git", () => {
  it("reads REV:path relative to the top of the repository", async () => {
    const r = await cli(["diff", "HEAD~1:assessments/harbour.yaml", "assessments/harbour.yaml", "--exit-code"], repo);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("HEAD~1:assessments/harbour.yaml → assessments/harbour.yaml");
    expect(r.stdout).toContain("likelihood: likely (55–75 %) → highly likely (80–90 %) ▲");
    const same = await cli(["diff", "HEAD:assessments/harbour.yaml", "assessments/harbour.yaml", "--exit-code"], repo);
    expect(same.code).toBe(0);
    const staged = await cli(["diff", ":assessments/harbour.yaml", "HEAD~1:assessments/harbour.yaml", "--format", "json"], repo);
    expect((JSON.parse(staged.stdout) as { reports: ChangeReport[] }).reports[0]?.counts.down).toBe(1);
  });

  it("reads REV:./path and REV:path from a subfolder", async () => {
    const sub = join(repo, "assessments");
    for (const spec of ["HEAD~1:./harbour.yaml", "HEAD~1:harbour.yaml", "HEAD~1:assessments/harbour.yaml", `HEAD~1:${join(sub, "harbour.yaml")}`]) {
      const r = await cli(["diff", spec, "harbour.yaml", "--exit-code"], sub);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("1 judgment changed: 1 ▲");
    }
  });

  it("reports unknown revisions, missing paths and option-like revisions as errors", async () => {
    const unknown = await cli(["diff", "nosuchrev:assessments/harbour.yaml", "assessments/harbour.yaml"], repo);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown revision `nosuchrev`");
    const missing = await cli(["diff", "HEAD:assessments/nope.yaml", "assessments/harbour.yaml"], repo);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("`assessments/nope.yaml` does not exist at HEAD");
    const option = await cli(["diff", "--output=/tmp/x:assessments/harbour.yaml", "assessments/harbour.yaml"], repo);
    expect(option.code).toBe(2);
    const dashed = await cli(["diff", "--", "--output=/tmp/yardstick-pwned:assessments/harbour.yaml", "assessments/harbour.yaml"], repo);
    expect(dashed.code).toBe(2);
    expect(dashed.stderr).toContain("is not a revision");
    expect(existsSync("/tmp/yardstick-pwned")).toBe(false);
    const since = await cli(["diff", "--since=--output=/tmp/yardstick-pwned"], repo);
    expect(since.code).toBe(2);
    expect(since.stderr).toContain("is not a revision");
    const notRepo = mkdtempSync(join(tmpdir(), "yardstick-norepo-"));
    try {
      const r = await cli(["diff", "--since", "HEAD"], notRepo);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("not inside a git work tree");
    } finally {
      rmSync(notRepo, { recursive: true, force: true });
    }
  });

  it("--since diffs every assessment changed, following renames", async () => {
    const r = await cli(["diff", "--since", "HEAD~1", "--format", "json"], repo);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const reports = (JSON.parse(r.stdout) as { reports: ChangeReport[] }).reports;
    const byNew = Object.fromEntries(reports.map((x) => [`${x.old.label ?? "-"} → ${x.new.label ?? "-"}`, x]));
    expect(Object.keys(byNew).sort()).toEqual([
      "- → assessments/new.yaml",
      "HEAD~1:assessments/gone.yaml → -",
      "HEAD~1:assessments/harbour.yaml → assessments/harbour.yaml",
      "HEAD~1:assessments/other.yaml → assessments/renamed.yaml",
    ]);
    expect(byNew["HEAD~1:assessments/other.yaml → assessments/renamed.yaml"]?.headline).toBe("1 judgment changed: 1 revised");
    expect(byNew["- → assessments/new.yaml"]).toMatchObject({ status: "added", headline: "new assessment: 1 judgment" });
    expect(byNew["HEAD~1:assessments/gone.yaml → -"]).toMatchObject({ status: "withdrawn", headline: "assessment withdrawn: 3 judgments" });
    const exit = await cli(["diff", "--since", "HEAD~1", "--exit-code"], repo);
    expect(exit.code).toBe(1);
    const none = await cli(["diff", "--since", "HEAD", "--exit-code"], repo);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe("no assessments changed since HEAD\n");
    const limited = await cli(["diff", "--since", "HEAD~1", "--format", "json", "assessments/harbour.yaml"], repo);
    expect((JSON.parse(limited.stdout) as { reports: ChangeReport[] }).reports).toHaveLength(1);
  });

  it("--since reports an invalid work-tree file with diagnostics and exit 2", async () => {
    const file = join(repo, "assessments/harbour.yaml");
    const good = readFileSync(file, "utf8");
    try {
      writeFileSync(file, good.replace("cutoff: 2024-03-01", "cutoff: 2024-13-01"));
      const r = await cli(["diff", "--since", "HEAD~1", "--exit-code"], repo);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/assessments\/harbour\.yaml:\d+:\d+ {2}error/);
      expect(r.stdout).toContain("assessments/renamed.yaml");
    } finally {
      writeFileSync(file, good);
    }
  });
});

describe("yardstick textconv", () => {
  it("prints the brief of a valid file", async () => {
    const r = await cli(["textconv", "likelihood-up.yaml"], DIFF_FIXTURES);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("It is **highly likely** that the volume of smuggled cargo");
    expect(r.stdout).toContain("Intelligence cut-off 01/03/24");
  });

  it("prints raw text and diagnostics for an invalid file, exit 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yardstick-textconv-"));
    try {
      const bad = fixtureText("base").replace("likelihood: unlikely", "likelihood: unlikley");
      writeFileSync(join(dir, "bad.yaml"), bad);
      const r = await cli(["textconv", "bad.yaml"], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(bad);
      expect(r.stderr).toContain("unknown-likelihood");
      // git's temporary copy "XXXXXX_name.yaml" of a file without an id reads as name.yaml.
      writeFileSync(join(dir, "a1B2c3_harbour.yaml"), fixtureText("base").replace("id: harbour-2024\n", ""));
      const temp = await cli(["textconv", "a1B2c3_harbour.yaml"], dir);
      expect(temp.stderr).toBe("");
      expect(temp.stdout).toContain("# Smuggling through the northern harbour");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("makes git diff read as briefs (needs npm run build)", () => {
    writeFileSync(join(repo, ".gitattributes"), "assessments/*.yaml diff=yardstick\n");
    const out = git(repo, "-c", `diff.yardstick.textconv=node ${BIN} textconv`, "diff", "HEAD~1", "HEAD", "--", "assessments/harbour.yaml");
    expect(out).toContain("-It is **likely** that the volume");
    expect(out).toContain("+It is **highly likely** that the volume");
    rmSync(join(repo, ".gitattributes"));
  });
});

describe("git helpers", () => {
  it("parses name-status -z output with renames", () => {
    expect(parseNameStatus("M\0a.yaml\0R087\0old name.yaml\0new\tname.yaml\0A\0b.yaml\0D\0c.yaml\0")).toEqual([
      { status: "modified", oldPath: "a.yaml", newPath: "a.yaml" },
      { status: "renamed", oldPath: "old name.yaml", newPath: "new\tname.yaml", similarity: 87 },
      { status: "added", newPath: "b.yaml" },
      { status: "deleted", oldPath: "c.yaml" },
    ]);
  });

  it("resolves paths as git reads REV:path", () => {
    expect(repoPath("assessments/x.yaml", "sub/")).toBe("assessments/x.yaml");
    expect(repoPath("./x.yaml", "assessments/")).toBe("assessments/x.yaml");
    expect(repoPath("../x.yaml", "assessments/")).toBe("x.yaml");
    expect(() => repoPath("../x.yaml", "")).toThrow(/outside the repository/);
  });
});
