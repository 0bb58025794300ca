/**
 * Reading assessments from git: a file at a revision (`REV:path`) and the files changed since a
 * revision. Runs git with execFile (no shell) in the CLI's working folder, never process.cwd().
 */
import { execFile } from "node:child_process";
import { isAbsolute, posix, relative, sep } from "node:path";

/** A git command failed, or the folder is not in a git work tree: a user error. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "GitError";
  }
}

/** Largest output read from git (a blob or a file list). */
export const GIT_MAX_BUFFER = 64 * 1024 * 1024;

interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** Runs git with arguments in a folder; resolves with its output and exit code (never rejects on a non-zero exit). */
export function runGit(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      "git",
      [...args],
      { cwd, encoding: "buffer", maxBuffer: GIT_MAX_BUFFER, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" } },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { code?: string | number }) | null;
        if (err && err.code === "ENOENT") {
          reject(new GitError("git is not installed or not on the PATH", "install git, or compare two files instead of REV:path"));
          return;
        }
        if (err && typeof err.code !== "number" && stdout.length === 0 && !stderr.length) {
          reject(new GitError(`git ${args[0] ?? ""} failed: ${err.message}`));
          return;
        }
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolvePromise({ stdout, stderr: stderr.toString("utf8"), code });
      },
    );
  });
}

/** Where a folder sits in its repository. */
export interface RepoInfo {
  /** Absolute path of the work tree's top folder. */
  root: string;
  /** The folder's path inside the repository, "" at the top, else ending in "/". */
  prefix: string;
}

/** Finds the repository of a folder; throws {@link GitError} outside a work tree. */
export async function repoInfo(cwd: string): Promise<RepoInfo> {
  const r = await runGit(["rev-parse", "--show-toplevel", "--show-prefix"], cwd);
  if (r.code !== 0) throw new GitError("not inside a git work tree", "run yardstick in the repository, or compare two files");
  const [root = "", prefix = ""] = r.stdout.toString("utf8").split("\n");
  return { root, prefix };
}

/** Rejects revisions that git would read as options. */
export function checkRevision(rev: string): void {
  if (rev.startsWith("-")) throw new GitError(`\`${rev}\` is not a revision`, "a revision names a commit, such as HEAD~1, main or a commit hash");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(rev)) throw new GitError("the revision holds control characters");
}

/**
 * The path inside the repository that a user's path means, as git reads `REV:path`: relative to
 * the top of the repository, or to the current folder when it starts with `./` or `../`.
 */
export function repoPath(path: string, prefix: string): string {
  const p = path.replace(/\\/g, "/");
  const joined = p.startsWith("./") || p.startsWith("../") || p === "." ? posix.join(prefix, p) : p;
  const normal = posix.normalize(joined).replace(/^\/+/, "");
  if (normal === ".." || normal.startsWith("../")) throw new GitError(`\`${path}\` is outside the repository`);
  return normal;
}

async function revisionExists(rev: string, cwd: string): Promise<boolean> {
  const r = await runGit(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`], cwd);
  return r.code === 0;
}

/** A file read from a revision. */
export interface RevisionFile {
  /** Path inside the repository. */
  path: string;
  /** Absolute path the file has (or would have) in the work tree, for finding its config. */
  worktreePath: string;
  bytes: Buffer;
}

/** Largest blob read from a revision by default (the assessment limit, 1 MiB). */
export const DEFAULT_BLOB_LIMIT = 1_048_576;

/** A blob larger than the limit: refused before its bytes are read. */
export class BlobTooLargeError extends GitError {
  constructor(
    readonly path: string,
    readonly size: number,
    readonly limit: number,
    rev: string,
  ) {
    super(`\`${path}\` at ${rev === "" ? "the index" : rev} is ${size.toLocaleString("en-GB")} bytes, over the limit of ${limit.toLocaleString("en-GB")}`, "an assessment is a few kilobytes; raise `maxFileBytes` in yardstick.config.yaml if this file is right");
    this.name = "BlobTooLargeError";
  }
}

/**
 * Reads a file at a revision (`git cat-file blob REV:path`, so no textconv or filter applies),
 * after checking its size (`git cat-file -s`) against `maxBytes`: a blob over the limit is
 * reported as such ({@link BlobTooLargeError}), not read.
 * An empty `rev` reads the staged version, as `git show :path` does. A root-relative path that
 * does not exist is tried relative to the current folder too, which is what people mean.
 */
export async function readAtRevision(rev: string, path: string, cwd: string, maxBytes = DEFAULT_BLOB_LIMIT): Promise<RevisionFile> {
  checkRevision(rev);
  const info = await repoInfo(cwd);
  if (rev !== "" && !(await revisionExists(rev, cwd))) {
    throw new GitError(`unknown revision \`${rev}\``, "name a commit, branch or tag, such as HEAD~1 or main");
  }
  const relativePath = isAbsolute(path) ? relative(info.root, path).split(sep).join("/") : path;
  const first = repoPath(relativePath, info.prefix);
  const tries = [first];
  const explicit = isAbsolute(path) || path.startsWith("./") || path.startsWith("../");
  if (!explicit && info.prefix !== "") tries.push(repoPath(`./${path}`, info.prefix));
  for (const candidate of tries) {
    const sized = await runGit(["cat-file", "-s", `${rev}:${candidate}`], cwd);
    if (sized.code !== 0) continue;
    const size = Number(sized.stdout.toString("utf8").trim());
    if (!Number.isFinite(size) || size > maxBytes) throw new BlobTooLargeError(candidate, size, maxBytes, rev);
    const r = await runGit(["cat-file", "blob", `${rev}:${candidate}`], cwd);
    if (r.code === 0) return { path: candidate, worktreePath: posix.join(info.root, candidate), bytes: r.stdout };
  }
  throw new GitError(`\`${path}\` does not exist at ${rev === "" ? "the index" : rev}`, "paths after `REV:` are relative to the top of the repository; start them with ./ to mean the current folder");
}

/** One assessment changed since a revision. */
export interface ChangedFile {
  status: "modified" | "added" | "deleted" | "renamed";
  /** Path at the revision (absent for added files), inside the repository. */
  oldPath?: string;
  /** Path in the work tree (absent for deleted files), inside the repository. */
  newPath?: string;
  /** Rename similarity, 0–100. */
  similarity?: number;
}

/** Parses `git diff --name-status -z` output. */
export function parseNameStatus(out: string): ChangedFile[] {
  const fields = out.split("\0");
  if (fields[fields.length - 1] === "") fields.pop();
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++] ?? "";
    const letter = status.charAt(0);
    if (letter === "R" || letter === "C") {
      const oldPath = fields[i++] ?? "";
      const newPath = fields[i++] ?? "";
      if (letter === "R") files.push({ status: "renamed", oldPath, newPath, similarity: Number(status.slice(1)) || 0 });
      else files.push({ status: "added", newPath });
      continue;
    }
    const path = fields[i++] ?? "";
    if (letter === "A") files.push({ status: "added", newPath: path });
    else if (letter === "D") files.push({ status: "deleted", oldPath: path });
    else files.push({ status: "modified", oldPath: path, newPath: path });
  }
  return files;
}

/**
 * The files changed between a revision and the work tree under some paths (`git diff
 * --name-status -M REV -- paths`), following renames. Paths in the result are inside the repository.
 */
export async function changedSince(rev: string, paths: readonly string[], cwd: string): Promise<ChangedFile[]> {
  checkRevision(rev);
  await repoInfo(cwd);
  if (!(await revisionExists(rev, cwd))) throw new GitError(`unknown revision \`${rev}\``, "name a commit, branch or tag, such as HEAD~1 or main");
  const r = await runGit(["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-color", rev, "--", ...paths], cwd);
  if (r.code !== 0) throw new GitError(`git diff failed: ${r.stderr.trim().split("\n")[0] ?? ""}`);
  return parseNameStatus(r.stdout.toString("utf8"));
}
