/**
 * `yardstick init`: what it writes, that it never overwrites, how it adds to an existing
 * package.json and .gitattributes, `--git`, and modelines (init's and new's) that resolve.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";
import { defaultDependencySpec, dependencySpec, GITATTRIBUTES_LINE, INSTALLED_SCHEMA, initProject, TEXTCONV_COMMAND, workflowText } from "../src/project/init.js";
import { PACKAGE_SCHEMA_FILE, schemaPathFor } from "../src/project/new-assessment.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "yardstick-init-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fakeIO(cwd: string): CliIO & { out: string; err: string } {
  const io = { out: "", err: "", stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), cwd, env: {}, isTTY: false };
  return io;
}

/** The `$schema` path of a file's modeline, resolved from the file's folder. */
function modelineTarget(file: string): string {
  const m = /^# yaml-language-server: \$schema=(.+)$/m.exec(readFileSync(file, "utf8"));
  if (!m) throw new Error(`no modeline in ${file}`);
  return resolve(dirname(file), m[1]!);
}

describe("yardstick init", () => {
  it("scaffolds an empty folder: every file, an example that checks clean under --strict, and says what it wrote", async () => {
    const cwd = tempDir();
    const io = fakeIO(cwd);
    expect(await run(["init", "repo", "--from", "../yardstick-0.1.0.tgz"], io)).toBe(0);
    const dir = join(cwd, "repo");
    for (const f of ["package.json", "assessments/example.yaml", "yardstick.config.yaml", ".gitattributes", ".gitignore", ".github/workflows/briefs.yml", ".vscode/settings.json"]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
      expect(io.out).toMatch(new RegExp(`wrote\\s+${f.replace(/[.*]/g, "\\$&")}`));
    }
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { private: boolean; devDependencies: Record<string, string> };
    expect(pkg).toMatchObject({ private: true, devDependencies: { yardstick: "file:../yardstick-0.1.0.tgz" } });
    expect(readFileSync(join(dir, ".gitattributes"), "utf8")).toContain(GITATTRIBUTES_LINE);
    expect(JSON.parse(readFileSync(join(dir, ".vscode/settings.json"), "utf8"))).toEqual({ "yaml.schemas": { [`./${INSTALLED_SCHEMA}`]: ["assessments/**/*.yaml"] } });
    // The config is all comments: it parses to nothing and so changes no default.
    expect(parse(readFileSync(join(dir, "yardstick.config.yaml"), "utf8"))).toBeNull();
    const workflow = readFileSync(join(dir, ".github/workflows/briefs.yml"), "utf8");
    expect(workflow).toContain("node_modules/.bin/yardstick build --format md,pdf --report github");
    expect(workflow).not.toContain("test/workflow.test.ts");
    expect(parse(workflow)).toMatchObject({ name: "briefs" });
    // The example's modeline names the installed package's schema (there after `npm install`).
    expect(modelineTarget(join(dir, "assessments/example.yaml"))).toBe(join(dir, INSTALLED_SCHEMA));
    expect(io.out).toContain(`git config diff.yardstick.textconv "${TEXTCONV_COMMAND}"`);
    const checked = fakeIO(dir);
    expect(await run(["check", "--strict"], checked)).toBe(0);
    expect(checked.out).toContain("no problems");
  });

  it("never overwrites: a second run skips every file, and an existing package.json keeps all its content", async () => {
    const dir = tempDir();
    const original = `{\n    "name": "ours",\n    "version": "3.1.0",\n    "scripts": { "test": "echo ok" },\n    "devDependencies": { "prettier": "^3.0.0" },\n    "custom": [1, 2, {"deep": true}]\n}\n`;
    writeFileSync(join(dir, "package.json"), original);
    mkdirSync(join(dir, "assessments"));
    writeFileSync(join(dir, "assessments", "example.yaml"), "mine\n");
    writeFileSync(join(dir, ".gitattributes"), "*.png binary");
    writeFileSync(join(dir, ".gitignore"), "dist/\n");
    const first = initProject({ dir, from: "git+https://example.org/yardstick.git", today: "2024-01-01" });
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg).toEqual({ ...JSON.parse(original), devDependencies: { prettier: "^3.0.0", yardstick: "git+https://example.org/yardstick.git" } });
    expect(readFileSync(join(dir, "package.json"), "utf8")).toMatch(/^\{\n {4}"name"/); // its indentation kept
    expect(readFileSync(join(dir, "assessments", "example.yaml"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(dir, ".gitignore"), "utf8")).toBe("dist/\n");
    expect(readFileSync(join(dir, ".gitattributes"), "utf8")).toBe(`*.png binary\n# Show assessments as briefs in git diff / git log -p (driver: diff.yardstick.textconv).\n${GITATTRIBUTES_LINE}\n`);
    expect(first.files.filter((f) => f.action === "updated").map((f) => f.path).sort()).toEqual([".gitattributes", "package.json"]);
    expect(first.files.filter((f) => f.action === "skipped").map((f) => f.path).sort()).toEqual([".gitignore", "assessments/example.yaml"]);

    const snapshot = new Map(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), "utf8")]));
    const second = initProject({ dir, today: "2030-01-01" });
    expect(second.files.every((f) => f.action === "skipped")).toBe(true);
    for (const [file, text] of snapshot) expect(readFileSync(file, "utf8"), file).toBe(text);
  });

  it("refuses a package.json that is not JSON, writing nothing", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "package.json"), "{ broken");
    const io = fakeIO(cwd);
    expect(await run(["init"], io)).toBe(2);
    expect(io.err).toContain("package.json");
    expect(io.err).toContain("not valid JSON");
    expect(io.err).not.toMatch(/at .*\.ts:\d+/);
    expect(readdirSync(cwd)).toEqual(["package.json"]);
  });

  it("--git sets the textconv driver to the installed bin (not npx) in the local config", async () => {
    const dir = tempDir();
    execFileSync("git", ["init", "-q", dir]);
    const result = initProject({ dir, from: "../y.tgz", git: true, today: "2024-01-01" });
    expect(result.git.configured).toBe(true);
    expect(execFileSync("git", ["config", "--local", "--get", "diff.yardstick.textconv"], { cwd: dir, encoding: "utf8" }).trim()).toBe(TEXTCONV_COMMAND);
    const notRepo = tempDir();
    expect(initProject({ dir: notRepo, from: "../y.tgz", git: true, today: "2024-01-01" }).git).toMatchObject({ configured: false, note: expect.stringContaining("git init") });
  });

  it("knows where yardstick comes from: a clone's folder, or only what the user names", () => {
    expect(dependencySpec("../yardstick-0.1.0.tgz")).toBe("file:../yardstick-0.1.0.tgz");
    expect(dependencySpec("yardstick-0.1.0.tgz")).toBe("file:yardstick-0.1.0.tgz");
    expect(dependencySpec("/opt/yardstick")).toBe("file:/opt/yardstick");
    expect(dependencySpec("git+https://host/org/yardstick.git#v0.1.0")).toBe("git+https://host/org/yardstick.git#v0.1.0");
    expect(dependencySpec("github:org/yardstick")).toBe("github:org/yardstick");
    expect(defaultDependencySpec("/work/repo", "/work/yardstick")).toBe("file:../yardstick");
    expect(defaultDependencySpec("/work/repo", "/home/u/.npm/_npx/abc/node_modules/yardstick")).toBeUndefined();
    expect(workflowText(join(tempDir(), "none"))).toBeUndefined();
  });
});

describe("modelines that resolve", () => {
  it("new: the project's schema/, else a node_modules/yardstick above, else the running package's own schema", () => {
    const root = tempDir();
    const installed = join(root, "node_modules", "yardstick", "schema");
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(installed, "assessment.schema.json"), "{}");
    expect(schemaPathFor(join(root, "a", "b"))).toBe("../../node_modules/yardstick/schema/assessment.schema.json");
    const elsewhere = tempDir();
    expect(resolve(elsewhere, schemaPathFor(elsewhere))).toBe(PACKAGE_SCHEMA_FILE);
    expect(existsSync(PACKAGE_SCHEMA_FILE)).toBe(true);
  });

  it("new --dir anywhere writes a modeline that exists from the file's folder, and a hint that builds that file", async () => {
    const cwd = tempDir();
    const ws = tempDir();
    for (const dirArg of [ws, "deep/er/still", "."]) {
      const io = fakeIO(cwd);
      const id = `a-${Math.abs(dirArg.length)}`;
      expect(await run(["new", id, "--dir", dirArg], io)).toBe(0);
      const file = resolve(cwd, dirArg, `${id}.yaml`);
      expect(existsSync(modelineTarget(file)), file).toBe(true);
      const shown = /wrote (\S+)/.exec(io.out)![1]!;
      expect(io.out).toContain(`npx yardstick build ${shown}`);
      // The hint really builds that file.
      const build = fakeIO(cwd);
      expect(await run(["build", shown, "--format", "md", "--out", join(cwd, "out")], build)).toBe(0);
      expect(existsSync(join(cwd, "out", `${id}.md`))).toBe(true);
    }
  });
});
