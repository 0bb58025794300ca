/**
 * Turning the paths a user gives (files or folders) into a sorted list of assessment files.
 */
import { readFileSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { diagnostic } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { CONFIG_FILE_NAME } from "../config/load.js";
import { looksLikeOutcomesLedger } from "../schema/outcomes.js";
import { walkFiles, type SkippedLink } from "../io/walk.js";

/** Folder checked and built when no path is given. */
export const DEFAULT_INPUT_DIR = "assessments";

/** Result of expanding input paths. */
export interface Discovered {
  files: string[];
  /** Outcomes ledgers (`kind: outcomes`) found among the inputs: not assessments, read by `score`. */
  ledgers: string[];
  /** Paths that do not exist or hold no assessments: usage errors. */
  problems: Diagnostic[];
  /** Symbolic links not followed (out of the folder given, broken, or a loop): warnings. */
  warnings: Diagnostic[];
}

function linkWarning(link: SkippedLink, shown: string): Diagnostic {
  const target = link.target === undefined ? "" : ` (${link.target})`;
  const messageId = link.reason === "outside" ? "outside" : link.reason === "loop" ? "loop" : "broken";
  return diagnostic("input-link", messageId, { file: shown, line: 0, column: 0 }, { target }, "yardstick reads only files inside the folders it is given; name the target itself to check it");
}

/** True for names that look like assessment files. */
export function isAssessmentFile(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !name.endsWith(CONFIG_FILE_NAME);
}

/** True when the file is an outcomes ledger (a top-level `kind: outcomes`); false when unreadable. */
function isLedgerFile(abs: string): boolean {
  try {
    const st = statSync(abs);
    // Only regular files of assessment size are read (a FIFO would block; a huge file is not a ledger).
    if (!st.isFile() || st.size > 1_048_576) return false;
    return looksLikeOutcomesLedger(readFileSync(abs, "utf8"));
  } catch {
    return false;
  }
}

/**
 * Expands files and folders into assessment files (`*.yaml`, `*.yml`, recursively, skipping
 * `node_modules`, dot-folders and yardstick.config.yaml), de-duplicated, in a stable order.
 * Symbolic links are followed only inside the folder given (each real file once); others are
 * skipped with a warning.
 * File paths are returned relative to `cwd` when inside it. Outcomes ledgers (`kind: outcomes`)
 * are returned apart, in `ledgers`, so that `check` and `build` never read one as an assessment.
 */
export function discoverAssessments(paths: readonly string[], cwd: string): Discovered {
  const problems: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
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
      problems.push(diagnostic("input-missing", "missing", { file: input, line: 0, column: 0 }, { path: input }));
      continue;
    }
    if (!isDir) {
      found.add(show(abs));
      continue;
    }
    const walked = walkFiles(abs, { accept: isAssessmentFile, skipFolder: (name) => name.startsWith(".") || name === "node_modules" });
    const before = found.size;
    for (const f of walked.files) found.add(show(f));
    for (const link of walked.skipped) warnings.push(linkWarning(link, show(link.path)));
    if (found.size === before) {
      problems.push(diagnostic("input-empty", "empty", { file: input, line: 0, column: 0 }, { path: input }));
    }
  }
  const sorted = [...found].sort((a, b) => a.localeCompare(b));
  const ledgers = sorted.filter((f) => isLedgerFile(resolve(cwd, f)));
  const files = ledgers.length === 0 ? sorted : sorted.filter((f) => !ledgers.includes(f));
  return { files, ledgers, problems, warnings };
}
