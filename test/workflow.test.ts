/**
 * The CI workflow in `.github/workflows/briefs.yml`: every `node_modules/.bin/yardstick …` command
 * it runs is run here, as written (through the installed bin, as `npm ci` links it; no `npx`,
 * which costs about a second per command), with the `${{ … }}` expressions filled in, in a
 * temporary git repository holding the example assessments, a few generated ones, and a pull
 * request's worth of history (a base branch and a change on top). The builds run the compiled CLI
 * as a process (built by the global setup; the PDF build needs a browser); check, diff and the
 * no-change rebuild run the same arguments and environment in-process.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-io.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/yardstick.js");
const WORKFLOW = join(ROOT, ".github/workflows/briefs.yml");
const BASE_REF = "main";

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  steps: Step[];
  strategy?: { matrix?: Record<string, unknown[]> };
  permissions?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

/** One yardstick invocation from the workflow, expressions filled in. */
interface Invocation {
  job: string;
  step: string;
  /** The line as written in the workflow. */
  written: string;
  /** What it runs (the first word). */
  program: string;
  args: string[];
  /** `> file`, when stdout is redirected. */
  stdoutTo?: string;
  /** The matrix values used. */
  matrix: Record<string, string>;
}

const workflow = parse(readFileSync(WORKFLOW, "utf8")) as Workflow;

/** The installed bin, as the workflow calls it (relative to the repository's root). */
const INSTALLED_BIN = "node_modules/.bin/yardstick";

/** The yardstick commands of a `run:` script (each up to `&&`, `||`, `;` or a pipe), in whatever form they call it. */
function yardstickCommands(script: string): string[] {
  const out: string[] = [];
  for (const line of script.split("\n")) {
    for (const segment of line.split(/&&|\|\||;|\|/)) {
      const m = /(?:^|\s)((?:npx\s+|npm\s+exec\s+(?:--\s+)?)?\S*yardstick)(\s.*)?$/.exec(segment.trim());
      if (m) out.push(`${m[1]}${(m[2] ?? "").trimEnd()}`);
    }
  }
  return out;
}

/** Every combination of a job's matrix values (one empty combination without a matrix). */
function matrixCombinations(job: Job): Array<Record<string, string>> {
  let combos: Array<Record<string, string>> = [{}];
  for (const [key, values] of Object.entries(job.strategy?.matrix ?? {})) {
    if (!Array.isArray(values)) continue;
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: String(v) })));
  }
  return combos;
}

function fillExpressions(text: string, matrix: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (whole, expr: string) => {
    if (expr === "github.base_ref") return BASE_REF;
    const m = /^matrix\.(\w+)$/.exec(expr);
    if (m && matrix[m[1]!] !== undefined) return matrix[m[1]!]!;
    throw new Error(`the workflow test does not know the expression ${whole}; add it to fillExpressions`);
  });
}

function invocations(): Invocation[] {
  const out: Invocation[] = [];
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    for (const combo of matrixCombinations(job)) {
      for (const step of job.steps) {
        if (!step.run) continue;
        for (const written of yardstickCommands(step.run)) {
          const filled = fillExpressions(written, combo);
          const redirect = /\s>\s*(\S+)\s*$/.exec(filled);
          const command = redirect ? filled.slice(0, redirect.index) : filled;
          expect(command, `${written}: only plain words are supported here`).not.toMatch(/["'`$<>]/);
          const [program, ...args] = command.trim().split(/\s+/);
          const inv: Invocation = { job: jobName, step: step.name ?? step.run, written, program: program!, args, matrix: combo };
          if (redirect) inv.stdoutTo = redirect[1]!;
          out.push(inv);
        }
      }
    }
  }
  return out;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runIn(cwd: string, inv: Invocation): Run {
  const env: Record<string, string | undefined> = { ...process.env, CI: "true", GITHUB_ACTIONS: "true", NO_COLOR: "1", FORCE_COLOR: undefined };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(join(cwd, inv.program), inv.args, { cwd, env, encoding: "utf8", maxBuffer: 32 * 1024 * 1024 });
  if (inv.stdoutTo) writeFileSync(join(cwd, inv.stdoutTo), r.stdout);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** {@link runIn}, in-process: the CLI's `run` with the same arguments, environment and redirect. */
async function runInProcess(cwd: string, inv: Invocation): Promise<Run> {
  const r = await runCli(inv.args, { cwd, env: { CI: "true", GITHUB_ACTIONS: "true", NO_COLOR: "1", HOME: process.env.HOME, PATH: process.env.PATH } });
  if (inv.stdoutTo) writeFileSync(join(cwd, inv.stdoutTo), r.stdout);
  return r;
}

/** {@link runIn}, without blocking: the matrix jobs of a workflow run side by side. */
function runInAsync(cwd: string, inv: Invocation): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, CI: "true", GITHUB_ACTIONS: "true", NO_COLOR: "1", FORCE_COLOR: undefined };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((done) => {
    execFile(join(cwd, inv.program), inv.args, { cwd, env: env as NodeJS.ProcessEnv, encoding: "utf8", maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=CI Test", "-c", "user.email=ci@example.invalid", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });
}

/** Ids of the briefs a manifest lists. */
function manifestIds(out: string): string[] {
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { briefs: Array<{ id: string }> };
  return manifest.briefs.map((b) => b.id).sort();
}

const ALL = invocations();
const byCommand = (name: string) => ALL.filter((i) => i.args[0] === name);

describe("the briefs workflow", () => {
  let repo: string;
  let ids: string[];

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), "yardstick-workflow-"));
    cpSync(join(ROOT, "assessments"), join(repo, "assessments"), { recursive: true });
    const template = readFileSync(join(ROOT, "assessments/isk-2022-07.yaml"), "utf8");
    for (let i = 1; i <= 4; i++) {
      writeFileSync(join(repo, "assessments", `generated-${i}.yaml`), template.replace(/^id: .*$/m, `id: generated-${i}`).replace(/^title: .*$/m, `title: Generated brief ${i}`));
    }
    ids = [...readdirSync(join(repo, "assessments")).map((f) => (f.startsWith("generated-") ? f.replace(/\.yaml$/, "") : (/^id: (.*)$/m.exec(readFileSync(join(repo, "assessments", f), "utf8"))?.[1] ?? "")))].sort();
    git(repo, "init", "-q", "-b", BASE_REF);
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "base");
    // What actions/checkout with fetch-depth 0 gives a pull request: the base branch as origin/<base>.
    git(repo, "update-ref", `refs/remotes/origin/${BASE_REF}`, "HEAD");
    git(repo, "checkout", "-q", "-b", "feature");
    const file = join(repo, "assessments/isk-2022-07.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("likelihood: highly likely", "likelihood: likely"));
    git(repo, "commit", "-q", "-am", "Lower KJ1 to likely");
    // What `npm ci` makes of yardstick as a dev dependency: its bin linked into node_modules/.bin.
    mkdirSync(join(repo, "node_modules", ".bin"), { recursive: true });
    symlinkSync(BIN, join(repo, INSTALLED_BIN));
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("runs on push and pull requests, may comment, and checks out the whole history", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
    const main = workflow.jobs.briefs!;
    expect(main.permissions?.["pull-requests"]).toBe("write");
    const checkout = main.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["fetch-depth"]).toBe(0);
    const node = main.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(node?.with).toMatchObject({ "node-version": 20, cache: "npm" });
    expect(main.steps.some((s) => s.run === "npm ci")).toBe(true);
    const upload = main.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@v4"));
    expect(upload?.with?.path).toBe("out/");
    const comment = main.steps.find((s) => s.run?.includes("gh pr comment"));
    expect(comment?.run).toContain("--body-file diff.md");
    expect(comment?.if).toContain("pull_request");
  });

  it("calls the installed bin, never npx or npm exec (each costs about a second more per command)", () => {
    const scripts = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : [])));
    for (const script of scripts) expect(script).not.toMatch(/\bnpx\b|\bnpm\s+(exec|x)\b/);
    for (const inv of ALL) expect(inv.program, inv.written).toBe(INSTALLED_BIN);
  });

  it("uses only commands this test knows how to check", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(6);
    for (const inv of ALL) expect(["check", "build", "diff"], inv.written).toContain(inv.args[0]);
    expect(byCommand("check").length).toBeGreaterThan(0);
    expect(byCommand("build").length).toBeGreaterThan(0);
    expect(byCommand("diff").length).toBeGreaterThan(0);
  });

  it("check: annotations in the GitHub format, exit 0 on warnings, exit 1 on an error", async () => {
    for (const inv of byCommand("check")) {
      const clean = await runInProcess(repo, inv);
      expect(clean.code, clean.stderr).toBe(0);
      const lines = clean.stdout.split("\n").filter(Boolean);
      const annotations = lines.filter((l) => l.startsWith("::"));
      expect(annotations.length).toBeGreaterThan(0);
      for (const a of annotations) expect(a).toMatch(/^::(warning|notice) file=assessments\/[a-z0-9-]+\.yaml,line=\d+,col=\d+/);
      const broken = join(repo, "assessments", "zz-broken.yaml");
      writeFileSync(broken, readFileSync(join(repo, "assessments/isk-2022-07.yaml"), "utf8").replace(/^id: .*$/m, "id: zz-broken").replace("likelihood: likely", "likelihood: probablyish"));
      try {
        const bad = await runInProcess(repo, inv);
        expect(bad.code).toBe(1);
        expect(bad.stdout).toMatch(/^::error file=assessments\/zz-broken\.yaml,line=\d+,col=\d+.*unknown-likelihood/m);
      } finally {
        rmSync(broken);
      }
    }
  });

  it("build: a Markdown and a PDF brief per assessment, and a manifest listing them", async () => {
    const full = byCommand("build").filter((i) => !i.args.includes("--shard"));
    expect(full).toHaveLength(1);
    const run = runIn(repo, full[0]!);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const out = join(repo, "out");
    for (const id of ids) {
      expect(existsSync(join(out, `${id}.md`)), `${id}.md`).toBe(true);
      expect(readFileSync(join(out, `${id}.pdf`)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
    expect(manifestIds(out)).toEqual(ids);
    // The same step on the next push with nothing changed (out/ restored from the cache): nothing printed again.
    const before = readdirSync(out).map((f) => [f, statSync(join(out, f)).mtimeMs] as const);
    const again = await runInProcess(repo, full[0]!);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^${ids.length} briefs: ${ids.length} unchanged · nothing written to \\S+ · kept md ${ids.length}, pdf ${ids.length} · `, "m"));
    for (const [f, t] of before) expect(statSync(join(out, f)).mtimeMs, f).toBe(t);
  });

  it("build --shard i/3: the three shards are disjoint and together build exactly the full set", async () => {
    const shards = byCommand("build").filter((i) => i.args.includes("--shard"));
    expect(shards.map((s) => s.matrix.shard).sort()).toEqual(["1", "2", "3"]);
    const seen: string[] = [];
    // The matrix jobs run at once, as on CI.
    const runs = await Promise.all(shards.map((inv) => runInAsync(repo, inv)));
    for (const [i, inv] of shards.entries()) {
      const run = runs[i]!;
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const out = join(repo, inv.args[inv.args.indexOf("--out") + 1]!);
      const built = manifestIds(out);
      for (const id of built) expect(existsSync(join(out, `${id}.pdf`))).toBe(true);
      seen.push(...built);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(manifestIds(join(repo, "out")));
  });

  it("diff --since origin/<base> --format markdown: the pull request's changes as a comment", async () => {
    const diffs = byCommand("diff");
    expect(diffs).toHaveLength(1);
    const inv = diffs[0]!;
    expect(inv.args).toEqual(["diff", "--since", `origin/${BASE_REF}`, "--format", "markdown"]);
    expect(inv.stdoutTo).toBe("diff.md");
    const run = await runInProcess(repo, inv);
    expect(run.code, run.stderr).toBe(0);
    const body = readFileSync(join(repo, "diff.md"), "utf8");
    expect(body).toContain("`isk-2022-07`");
    expect(body).toMatch(/highly likely \(80–90 %\) → likely \(55–75 %\)/);
    expect(body).not.toContain("generated-1");
  });
});
