/**
 * `yardstick init`: scaffolds a repository of assessments — package.json with yardstick as a dev
 * dependency, one example assessment that checks clean, a commented config, git's textconv
 * wiring, the CI workflow, editor settings. It never overwrites a file: a file that exists is
 * skipped (or, for package.json and .gitattributes, added to without touching what is there),
 * and the result says which.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { SCHEMA_RELATIVE_PATH, writeNewFile } from "./new-assessment.js";

/** The installed package's schema, from the project root (where npm puts the dependency). */
export const INSTALLED_SCHEMA = `node_modules/yardstick/${SCHEMA_RELATIVE_PATH}`;

/** The textconv command: the installed bin, directly (npx costs about a second per file in `git log -p`). */
export const TEXTCONV_COMMAND = "node_modules/.bin/yardstick textconv";

/** The line of `.gitattributes` that routes assessments through the textconv driver. */
export const GITATTRIBUTES_LINE = "assessments/**/*.yaml diff=yardstick";

/** The root of the running yardstick package (its package.json, schema/, bin/). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What happened to one file. */
export interface InitFile {
  /** Path relative to the project folder, `/`-separated. */
  path: string;
  action: "wrote" | "updated" | "skipped";
  /** For updated and skipped files: what was done, or why not. */
  note?: string;
}

/** The outcome of {@link initProject}. */
export interface InitResult {
  dir: string;
  files: InitFile[];
  /** git config set with `--git`, or what to run by hand. */
  git: { configured: boolean; note: string };
  /** The dependency spec written into package.json, when it was written. */
  dependency?: string;
}

/** Options of {@link initProject}. */
export interface InitOptions {
  /** The project folder (created when missing). */
  dir: string;
  /** Where npm installs yardstick from (a tarball, a git URL, a folder); default: see {@link defaultDependencySpec}. */
  from?: string;
  /** Set the textconv driver in the repository's local git config. */
  git?: boolean;
  /** Today as YYYY-MM-DD: the example's cutoff. */
  today: string;
}

/** Why init cannot start (bad input): a message and the fix. */
export class InitError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "InitError";
  }
}

/**
 * The dependency spec for package.json when none is given: the running yardstick, if it is a
 * folder of its own (a clone: `file:` + its path relative to the project). Undefined when it runs
 * from some `node_modules` (npx's cache or another project): then only the user knows the source.
 */
export function defaultDependencySpec(projectDir: string, packageRoot: string = PACKAGE_ROOT): string | undefined {
  const root = resolve(packageRoot);
  if (root.split(sep).includes("node_modules")) return undefined;
  const rel = relative(resolve(projectDir), root).split(sep).join("/");
  return `file:${rel === "" ? "." : rel}`;
}

/** A `--from` value as package.json wants it: local paths (a folder, a `.tgz`) get `file:`. */
export function dependencySpec(from: string): string {
  if (/^(file|git|git\+[a-z]+|https?|github|npm):/i.test(from)) return from;
  if (/^(\.{1,2}[\\/]|[\\/]|[A-Za-z]:[\\/])/.test(from) || /\.(tgz|tar\.gz)$/i.test(from)) return `file:${from.replace(/\\/g, "/")}`;
  return from;
}

/** The indentation of a JSON text (for rewriting it the way it was). */
function indentOf(text: string): string | number {
  const m = /^[{[]\r?\n([ \t]+)\S/.exec(text);
  return m ? m[1]! : 2;
}

/** Writes a file through a temporary name and a rename, so a crash never leaves half a file. */
function replaceAtomically(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: "wx", mode: 0o644 });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The example assessment: complete, sourced, and clean under `check --strict`. */
export function exampleText(cutoff: string): string {
  return `# yaml-language-server: $schema=../${INSTALLED_SCHEMA}
# An example written by \`yardstick init\`: edit it, or start your own with \`npx yardstick new ID\`.
# Watch the brief as you save: npx yardstick preview assessments/example.yaml
yardstick: 1
id: example
title: Example — harbour strike
cutoff: ${cutoff} # intelligence cutoff: the date of the newest information used
scale: phia # terms: remote chance, highly unlikely, unlikely, realistic possibility, likely, highly likely, almost certain
summary: |
  The dock workers' union will probably call a strike at the harbour before the summer, which would
  delay the city's fuel deliveries for about a week.
judgments:
  - id: strike-called
    likelihood: likely
    statement: the dock workers' union will call a strike at the harbour within the next three months.
    confidence: moderate # low | moderate | high
    horizon: 3 months # when it can be judged: a duration after the cutoff, or a date
    evidence:
      - text: The union's members voted for industrial action at their last meeting.
        source: union-bulletin
      - text: Talks with the port authority broke down without a new date being set.
        source: port-statement
sources:
  - id: union-bulletin
    title: Members' bulletin
    publisher: Dock Workers' Union
    date: ${cutoff}
    reliability: B # Admiralty A–F
    credibility: 2 # Admiralty 1–6
  - id: port-statement
    title: Statement on the pay talks
    publisher: Port Authority
    date: ${cutoff}
    reliability: A
    credibility: 2
`;
}

const CONFIG_TEXT = `# yardstick.config.yaml: the house style of this repository's briefs. Every key is optional;
# the values shown commented out are the defaults.

# How dates print in briefs: tokens dd, d, mm, m, mmm, mmmm, yy, yyyy.
# dateFormat: dd/mm/yy

# Paper size of the PDF briefs: A4 or Letter.
# pageSize: A4

# Output folder of \`yardstick build\`, relative to this file.
# out: out

# Severity of lint rules: off, warn or error (\`npx yardstick check --help\` and docs/rules.md list them).
# rules:
#   evidence-unsourced: warn

# The brief's fixed wording, to match a house style.
# labels:
#   summary: Summary

# A probability scale of your own, besides the built-in phia and icd203.
# scales:
#   house:
#     name: House scale
#     terms:
#       - { term: unlikely, min: 10, max: 40 }
#       - { term: likely, min: 60, max: 90 }
`;

/** The CI workflow this package ships, for a repository that installs yardstick as a dependency. */
export function workflowText(packageRoot: string = PACKAGE_ROOT): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(packageRoot, ".github", "workflows", "briefs.yml"), "utf8");
  } catch {
    return undefined;
  }
  // The line about this repository's own test of the workflow does not apply elsewhere.
  return text
    .split("\n")
    .filter((line) => !/test\/workflow\.test\.ts/.test(line))
    .join("\n");
}

function gitConfigure(dir: string): { configured: boolean; note: string } {
  const run = (args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 });
  try {
    run(["rev-parse", "--git-dir"]);
  } catch {
    return { configured: false, note: `${dir} is not a git repository (or git is not installed): run \`git init\`, then \`npx yardstick init --git\` again` };
  }
  run(["config", "--local", "diff.yardstick.textconv", TEXTCONV_COMMAND]);
  run(["config", "--local", "diff.yardstick.cachetextconv", "true"]);
  return { configured: true, note: `set diff.yardstick.textconv "${TEXTCONV_COMMAND}" in the local git config` };
}

/** Scaffolds the project; never overwrites a file. Throws {@link InitError} for bad input. */
export function initProject(options: InitOptions): InitResult {
  const dir = resolve(options.dir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InitError(`${dir} is not a folder`, "name a folder (it is created when missing)");
  mkdirSync(dir, { recursive: true });
  const files: InitFile[] = [];
  const rel = (p: string) => relative(dir, p).split(sep).join("/");

  const writeNew = (path: string, text: string, why = "exists; left as it is"): void => {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeNewFile(file, text);
      files.push({ path: rel(file), action: "wrote" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      files.push({ path: rel(file), action: "skipped", note: why });
    }
  };

  // package.json: yardstick as a dev dependency, added to an existing file without touching the rest.
  let dependency: string | undefined;
  const pkgFile = join(dir, "package.json");
  if (existsSync(pkgFile)) {
    const text = readFileSync(pkgFile, "utf8");
    let pkg: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      pkg = parsed as Record<string, unknown>;
    } catch (error) {
      throw new InitError(`package.json in ${dir} is not valid JSON (${(error as Error).message}); nothing was written`, "fix it, then run `yardstick init` again");
    }
    const deps = (key: string) => (pkg[key] && typeof pkg[key] === "object" ? (pkg[key] as Record<string, unknown>) : undefined);
    const already = ["dependencies", "devDependencies", "optionalDependencies"].find((k) => deps(k)?.yardstick !== undefined);
    if (already) files.push({ path: "package.json", action: "skipped", note: `already has yardstick in ${already}` });
    else {
      dependency = options.from !== undefined ? dependencySpec(options.from) : defaultDependencySpec(dir);
      if (!dependency) throw new InitError("cannot tell where to install yardstick from", "name it: `--from ./yardstick-0.1.0.tgz`, `--from git+https://host/org/yardstick.git` or `--from ../yardstick`");
      const dev = deps("devDependencies") ?? {};
      pkg.devDependencies = { ...dev, yardstick: dependency };
      replaceAtomically(pkgFile, `${JSON.stringify(pkg, null, indentOf(text))}\n`);
      files.push({ path: "package.json", action: "updated", note: `added yardstick (${dependency}) to devDependencies` });
    }
  } else {
    dependency = options.from !== undefined ? dependencySpec(options.from) : defaultDependencySpec(dir);
    if (!dependency) throw new InitError("cannot tell where to install yardstick from", "name it: `--from ./yardstick-0.1.0.tgz`, `--from git+https://host/org/yardstick.git` or `--from ../yardstick`");
    const name = basename(dir).toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "assessments";
    const pkg = {
      name,
      private: true,
      description: "Assessments checked and rendered with yardstick",
      scripts: { check: "yardstick check", build: "yardstick build", preview: "yardstick preview" },
      devDependencies: { yardstick: dependency },
    };
    writeNew("package.json", `${JSON.stringify(pkg, null, 2)}\n`);
  }

  // One example that checks clean, its modeline pointing at the installed package's schema.
  writeNew("assessments/example.yaml", exampleText(options.today), "exists; left as it is");

  writeNew("yardstick.config.yaml", CONFIG_TEXT);

  // .gitattributes: the textconv driver for assessments, appended when missing.
  const attrFile = join(dir, ".gitattributes");
  const attrBlock = `# Show assessments as briefs in git diff / git log -p (driver: diff.yardstick.textconv).\n${GITATTRIBUTES_LINE}\n`;
  if (existsSync(attrFile)) {
    const text = readFileSync(attrFile, "utf8");
    if (text.split(/\r?\n/).some((l) => l.trim() === GITATTRIBUTES_LINE)) files.push({ path: ".gitattributes", action: "skipped", note: "already routes assessments to diff=yardstick" });
    else {
      replaceAtomically(attrFile, `${text}${text.endsWith("\n") || text === "" ? "" : "\n"}${attrBlock}`);
      files.push({ path: ".gitattributes", action: "updated", note: `added \`${GITATTRIBUTES_LINE}\`` });
    }
  } else writeNew(".gitattributes", attrBlock);

  writeNew(".gitignore", "node_modules/\nout/\n", "exists; left as it is (yardstick writes into out/, npm into node_modules/)");

  const workflow = workflowText();
  if (workflow) writeNew(".github/workflows/briefs.yml", workflow);
  else files.push({ path: ".github/workflows/briefs.yml", action: "skipped", note: "this yardstick package does not ship the workflow" });

  // Editors with the YAML language server (VS Code's YAML extension) check assessments as you type.
  const settings = { "yaml.schemas": { [`./${INSTALLED_SCHEMA}`]: ["assessments/**/*.yaml"] } };
  writeNew(".vscode/settings.json", `${JSON.stringify(settings, null, 2)}\n`, `exists; left as it is — to check assessments as you type, add "yaml.schemas": { "./${INSTALLED_SCHEMA}": ["assessments/**/*.yaml"] }`);

  const git = options.git
    ? gitConfigure(dir)
    : { configured: false, note: `for git diff on assessments, run once: git config diff.yardstick.textconv "${TEXTCONV_COMMAND}" (or \`npx yardstick init --git\`)` };
  return { dir, files, git, ...(dependency ? { dependency } : {}) };
}
