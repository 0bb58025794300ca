/**
 * SLOW (one test, tens of seconds: an `npm install`): yardstick used from another repository, as
 * a new user would, in a temporary folder with nothing but Node, npm and git on PATH:
 * `npm pack` this repository, install the tarball into a fresh project, `npx yardstick init --git`,
 * `node_modules/.bin/yardstick build` → PDFs; the modelines resolve; `git diff` shows briefs through the textconv
 * driver. npm reads what it can from its cache (`--prefer-offline`) and needs no network but the
 * registry. Run `npm run build` first (the tarball ships dist/).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "ys-adopt-e2e-"));
afterAll(() => rmSync(work, { recursive: true, force: true }), 300_000); // node_modules: slow to delete on a loaded machine

function which(cmd: string): string | undefined {
  for (const d of (process.env.PATH ?? "").split(delimiter)) if (d && existsSync(join(d, cmd))) return d;
  return undefined;
}

/** Only Node's, npm's and git's folders on PATH; a fresh HOME-independent environment. */
const PATH = [...new Set([dirname(process.execPath), which("npm"), which("git")].filter((d): d is string => Boolean(d)))].join(delimiter);
const env: Record<string, string> = {
  PATH,
  HOME: process.env.HOME ?? work, // npm's cache lives there
  TMPDIR: work,
  CI: "true",
  NO_COLOR: "1",
  npm_config_fund: "false",
  npm_config_audit: "false",
  npm_config_update_notifier: "false",
};

function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

describe("yardstick in another repository (slow: npm install of the packed tarball)", () => {
  it.skipIf(!existsSync(join(ROOT, "dist", "cli", "main.js")))("npm pack → install → npx yardstick init → npx yardstick build gives PDFs", { timeout: 400_000 }, () => {
    // The tarball, as a release would make it (dist/ is built; --ignore-scripts skips rebuilding it).
    const packed = sh("npm", ["pack", "--ignore-scripts", "--pack-destination", work, "--json", ROOT], ROOT);
    const tarball = join(work, (JSON.parse(packed.slice(packed.indexOf("["))) as Array<{ filename: string }>)[0]!.filename);
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" });
    for (const f of ["package/bin/yardstick.js", "package/dist/cli/main.js", "package/schema/assessment.schema.json", "package/templates/brief.hbs", "package/.github/workflows/briefs.yml"]) expect(listing).toContain(f);
    expect(listing).not.toMatch(/package\/(src|test|node_modules)\//);

    const proj = join(work, "briefs-repo");
    mkdirSync(proj);
    sh("git", ["init", "-q"], proj);
    sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "-D", tarball], proj);
    expect(JSON.parse(readFileSync(join(proj, "package.json"), "utf8"))).toMatchObject({ devDependencies: { yardstick: expect.stringMatching(/^file:.*\.tgz$/) } });

    const init = sh("npx", ["yardstick", "init", "--git"], proj);
    expect(init).toMatch(/skipped package\.json — already has yardstick in devDependencies/);
    expect(init).toMatch(/wrote\s+assessments\/example\.yaml/);
    expect(sh("git", ["config", "--get", "diff.yardstick.textconv"], proj).trim()).toBe("node_modules/.bin/yardstick textconv");

    // The modeline resolves from the file's folder, to the installed package's schema.
    const modeline = /\$schema=(\S+)/.exec(readFileSync(join(proj, "assessments", "example.yaml"), "utf8"))![1]!;
    expect(resolve(proj, "assessments", modeline)).toBe(join(proj, "node_modules", "yardstick", "schema", "assessment.schema.json"));
    expect(existsSync(resolve(proj, "assessments", modeline))).toBe(true);
    const settings = JSON.parse(readFileSync(join(proj, ".vscode", "settings.json"), "utf8")) as { "yaml.schemas": Record<string, string[]> };
    for (const schema of Object.keys(settings["yaml.schemas"])) expect(existsSync(resolve(proj, schema))).toBe(true);

    // After `npx yardstick init`, the installed bin itself (what the README and the workflow call;
    // npx costs most of a second per command).
    const ys = join(proj, "node_modules", ".bin", "yardstick");
    sh(ys, ["check", "--strict"], proj);
    const build = sh(ys, ["build"], proj);
    expect(build).toMatch(/written md 1, pdf 1 to /);
    expect(readdirSync(join(proj, "out")).sort()).toEqual(["example.md", "example.pdf", "manifest.json"]);
    expect(readFileSync(join(proj, "out", "example.pdf")).subarray(0, 5).toString()).toBe("%PDF-");

    // `new` in a sub-folder: its modeline resolves too, and its hint builds the file.
    const made = sh(ys, ["new", "second-one", "--dir", "assessments/2024"], proj);
    const second = join(proj, "assessments", "2024", "second-one.yaml");
    const secondModeline = /\$schema=(\S+)/.exec(readFileSync(second, "utf8"))![1]!;
    expect(existsSync(resolve(dirname(second), secondModeline))).toBe(true);
    expect(made).toContain("npx yardstick build assessments/2024/second-one.yaml");

    // git diff reads as a brief, through the installed bin.
    sh("git", ["add", "-A"], proj);
    sh("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", "commit", "-qm", "start"], proj);
    const yaml = join(proj, "assessments", "example.yaml");
    writeFileSync(yaml, readFileSync(yaml, "utf8").replace("likelihood: likely", "likelihood: highly likely"));
    const diff = sh("git", ["diff"], join(proj, "assessments"));
    expect(diff).toContain("+It is **highly likely** that the dock workers' union will call a strike");
  });
});
