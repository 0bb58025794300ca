/**
 * The two sides of a diff: a file, or a file at a git revision (`REV:path`), each loaded and
 * checked with the same machinery as `yardstick check`, so invalid input gets the same
 * positioned diagnostics.
 */
import { existsSync } from "node:fs";
import { InputError, readInput } from "../io/read.js";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/codes.js";
import type { ConfigResolver, ResolvedConfig } from "../config/load.js";
import { checkText, type CheckOptions } from "../check/check.js";
import { isAssessmentFile } from "../project/discover.js";
import { BlobTooLargeError, GitError, changedSince, readAtRevision, repoInfo } from "./git.js";
import type { Assessment } from "../schema/assessment.js";

/** What a command-line input names. */
export type InputSpec = { kind: "file"; path: string } | { kind: "revision"; rev: string; path: string };

/**
 * Reads an argument: an existing file is a file; otherwise `REV:path` names a file at a git
 * revision (an empty REV is the index, as in `git show :path`); anything else is a file path.
 */
export function parseInputSpec(arg: string, cwd: string): InputSpec {
  if (existsSync(resolve(cwd, arg))) return { kind: "file", path: arg };
  const colon = arg.indexOf(":");
  if (colon >= 0 && !(colon === 1 && /^[A-Za-z]:[\\/]/.test(arg))) {
    return { kind: "revision", rev: arg.slice(0, colon), path: arg.slice(colon + 1) };
  }
  return { kind: "file", path: arg };
}

/** One side of a diff after loading and checking. */
export interface LoadedSide {
  /** How the user named it ("HEAD~1:assessments/x.yaml", "assessments/x.yaml"). */
  label: string;
  /** The text read, for code frames under diagnostics. */
  text: string;
  config: ResolvedConfig;
  /** Every diagnostic, with `file` set to the label. */
  diagnostics: Diagnostic[];
  /** Set when the input is valid (no errors). */
  assessment?: Assessment;
}

/** What loading needs. */
export interface LoadOptions extends CheckOptions {
  cwd: string;
  configs: ConfigResolver;
}

function showPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
}

function checked(bytes: Uint8Array, file: string, label: string, options: LoadOptions): LoadedSide {
  const config = options.configs.forFile(file);
  const result = checkText(bytes, file, config, options);
  const side: LoadedSide = {
    label,
    text: result.loaded.text,
    config,
    diagnostics: result.diagnostics.map((d) => ({ ...d, file: label })),
  };
  if (result.assessment) side.assessment = result.assessment;
  return side;
}

function unreadable(label: string, file: string, options: LoadOptions, d: Diagnostic): LoadedSide {
  return { label, text: "", config: options.configs.forFile(file), diagnostics: [d] };
}

/** Loads a file from the work tree. */
export function loadFileSide(path: string, options: LoadOptions, label = path): LoadedSide {
  const abs = resolve(options.cwd, path);
  let bytes: Buffer;
  try {
    bytes = readInput(abs, { maxBytes: options.configs.forFile(abs).data.maxFileBytes });
  } catch (error) {
    const at = { file: label, line: 0, column: 0 };
    if (!(error instanceof InputError)) return unreadable(label, abs, options, diagnostic("file-unreadable", "cannotRead", at, { reason: "unknown error" }));
    if (error.code === "ENOENT") return unreadable(label, abs, options, diagnostic("file-unreadable", "noSuchPath", at, { path }));
    return unreadable(label, abs, options, diagnostic(error.ruleId, error.messageId, at, error.data, error.hint));
  }
  return checked(bytes, abs, label, options);
}

/** Loads a file at a git revision. Git problems (unknown revision, missing path) become diagnostics. */
export async function loadRevisionSide(rev: string, path: string, options: LoadOptions, label = `${rev}:${path}`): Promise<LoadedSide> {
  try {
    const file = await readAtRevision(rev, path, options.cwd, options.configs.forFile(resolve(options.cwd, path)).data.maxFileBytes);
    return checked(file.bytes, file.worktreePath, label, options);
  } catch (error) {
    if (error instanceof GitError) {
      const d = diagnostic(error instanceof BlobTooLargeError ? "file-too-large" : "file-unreadable", "git", { file: label, line: 0, column: 0 }, { reason: error.message }, error.hint);
      return unreadable(label, resolve(options.cwd, path), options, d);
    }
    throw error;
  }
}

/** Loads one side named on the command line. */
export function loadSide(arg: string, options: LoadOptions): Promise<LoadedSide> | LoadedSide {
  const spec = parseInputSpec(arg, options.cwd);
  return spec.kind === "file" ? loadFileSide(spec.path, options, arg) : loadRevisionSide(spec.rev, spec.path, options, arg);
}

/** A pair to compare; one side is absent for an assessment added or deleted since the revision. */
export interface SidePair {
  status: "modified" | "added" | "withdrawn";
  old?: LoadedSide;
  new?: LoadedSide;
}

/** True for paths `--since` looks at: assessment files outside dot-folders and node_modules. */
export function isAssessmentPath(repoPath: string): boolean {
  const segments = repoPath.split("/");
  if (segments.some((s) => s.startsWith(".") || s === "node_modules")) return false;
  return isAssessmentFile(segments[segments.length - 1] ?? "");
}

/**
 * Every assessment changed between a revision and the work tree under some paths, as pairs:
 * a rename compares the old path at the revision with the new path in the work tree.
 */
export async function loadChangedSince(rev: string, paths: readonly string[], options: LoadOptions): Promise<SidePair[]> {
  const { root } = await repoInfo(options.cwd);
  const changes = await changedSince(rev, paths, options.cwd);
  const pairs: SidePair[] = [];
  for (const c of changes) {
    const oldOk = c.oldPath !== undefined && isAssessmentPath(c.oldPath);
    const newOk = c.newPath !== undefined && isAssessmentPath(c.newPath);
    if (!oldOk && !newOk) continue;
    const oldSide = oldOk && c.oldPath !== undefined ? await loadRevisionSide(rev, c.oldPath, options, `${rev}:${c.oldPath}`) : undefined;
    const newSide = newOk && c.newPath !== undefined ? loadFileSide(join(root, c.newPath), options, showPath(join(root, c.newPath), options.cwd)) : undefined;
    const status = oldSide && newSide ? "modified" : newSide ? "added" : "withdrawn";
    const pair: SidePair = { status };
    if (oldSide) pair.old = oldSide;
    if (newSide) pair.new = newSide;
    pairs.push(pair);
  }
  return pairs;
}
