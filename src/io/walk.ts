/**
 * The safe folder walk: lists files under a root without ever leaving it. A symbolic link to a
 * folder or file inside the root is followed once (its real path is visited once, so a loop ends);
 * a link that points out of the root, or nowhere, is skipped and reported.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, isAbsolute, sep } from "node:path";

/** A link the walk did not follow. */
export interface SkippedLink {
  /** The link's path (under the root as given). */
  path: string;
  reason: "outside" | "broken" | "loop";
  /** Where it points (its real path), when known. */
  target?: string;
}

/** Options for {@link walkFiles}. */
export interface WalkOptions {
  /** Whether a file name is wanted. */
  accept(name: string): boolean;
  /** Whether to skip a folder by name (dot-folders, node_modules). */
  skipFolder(name: string): boolean;
}

/** The files found and the links skipped. */
export interface WalkResult {
  /** Paths under the root as given (links keep their own path), each real file once. */
  files: string[];
  skipped: SkippedLink[];
}

function inside(root: string, path: string): boolean {
  if (path === root) return true;
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith(".." + sep) && rel !== ".." && !isAbsolute(rel);
}

/** Walks `root` (a folder), following links only when they resolve inside it. */
export function walkFiles(root: string, options: WalkOptions): WalkResult {
  const realRoot = realpathSync(root);
  const skipped: SkippedLink[] = [];
  const seenDirs = new Set<string>([realRoot]);
  /** Real path → the path to list it under; a path without links wins over a link. */
  const byReal = new Map<string, { path: string; viaLink: boolean }>();
  const stack: Array<{ path: string; real: string; viaLink: boolean }> = [{ path: root, real: realRoot, viaLink: false }];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(dir.path, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir.path, entry.name);
      let real = join(dir.real, entry.name);
      let viaLink = dir.viaLink;
      let isDir = entry.isDirectory();
      let isFile = !isDir;
      if (entry.isSymbolicLink()) {
        viaLink = true;
        try {
          real = realpathSync(path);
        } catch {
          if (options.accept(entry.name)) skipped.push({ path, reason: "broken" });
          continue;
        }
        let st;
        try {
          st = statSync(real);
        } catch {
          continue;
        }
        isDir = st.isDirectory();
        isFile = !isDir;
        if (!inside(realRoot, real)) {
          if ((isDir && !options.skipFolder(entry.name)) || (isFile && options.accept(entry.name))) skipped.push({ path, reason: "outside", target: real });
          continue;
        }
      }
      if (isDir) {
        if (options.skipFolder(entry.name)) continue;
        if (viaLink && entry.isSymbolicLink() && inside(real, dir.real)) {
          // A link to a folder that holds it: walking it would never end.
          skipped.push({ path, reason: "loop", target: real });
          continue;
        }
        // A folder reached again (through a link, or first through one): its files are listed once.
        if (seenDirs.has(real) && (entry.isSymbolicLink() || dir.viaLink)) continue;
        seenDirs.add(real);
        stack.push({ path, real, viaLink });
        continue;
      }
      // FIFOs, devices and sockets with a wanted name are listed: the reader refuses them with a diagnostic.
      if (!isFile || !options.accept(entry.name)) continue;
      const known = byReal.get(real);
      if (!known || (known.viaLink && !viaLink)) byReal.set(real, { path, viaLink });
    }
  }
  return { files: [...byReal.values()].map((f) => f.path), skipped };
}
