/**
 * Turning the paths a user gives (files or folders) into a sorted list of assessment files.
 */
import { statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { globSync } from "tinyglobby";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { CONFIG_FILE_NAME } from "../config/load.js";

/** Folder checked and built when no path is given. */
export const DEFAULT_INPUT_DIR = "assessments";

/** Result of expanding input paths. */
export interface Discovered {
  files: string[];
  /** Paths that do not exist or hold no assessments: usage errors. */
  problems: Diagnostic[];
}

/** True for names that look like assessment files. */
export function isAssessmentFile(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !name.endsWith(CONFIG_FILE_NAME);
}

/**
 * Expands files and folders into assessment files (`*.yaml`, `*.yml`, recursively, skipping
 * `node_modules`, dot-folders and yardstick.config.yaml), de-duplicated, in a stable order.
 * File paths are returned relative to `cwd` when inside it.
 */
export function discoverAssessments(paths: readonly string[], cwd: string): Discovered {
  const problems: Diagnostic[] = [];
  const found = new Set<string>();
  const show = (abs: string) => {
    const rel = relative(cwd, abs);
    return rel.startsWith("..") || rel === "" ? abs : rel;
  };
  for (const input of paths.length > 0 ? paths : [DEFAULT_INPUT_DIR]) {
    const abs = resolve(cwd, input);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      problems.push({ file: input, line: 0, column: 0, ruleId: "input-missing", severity: "error", message: `no such file or folder: ${input}` });
      continue;
    }
    if (!isDir) {
      found.add(show(abs));
      continue;
    }
    const files = globSync(["**/*.yaml", "**/*.yml"], { cwd: abs, absolute: true, ignore: ["**/node_modules/**", "**/.*/**", `**/${CONFIG_FILE_NAME}`] });
    const before = found.size;
    for (const f of files) found.add(show(f));
    if (found.size === before) {
      problems.push({ file: input, line: 0, column: 0, ruleId: "input-empty", severity: "error", message: `no assessment files (*.yaml) in ${input}` });
    }
  }
  return { files: [...found].sort((a, b) => a.localeCompare(b)), problems };
}
