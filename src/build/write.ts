/**
 * The write stage: a brief's rendered outputs go through the guarded writer of
 * src/project/outputs.ts (atomic, inside the output folder); each output kept or written becomes a
 * manifest record. A write that fails keeps the previous file and fails the brief.
 */
import { diagnostic } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { writeAtomic } from "../project/outputs.js";
import type { OutputRecord } from "./plan.js";
import type { FormatOutcome, RenderStage } from "./render.js";

/** The error code of a failed system call ("ENOSPC"), for messages. */
export function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error ? String((error as NodeJS.ErrnoException).code) : "unknown error";
}

/** What writing a brief's outputs did. */
export interface Written {
  /** Absolute paths written now. */
  written: string[];
  /** Absolute paths kept as they were. */
  kept: string[];
  /** Manifest records of every output (incremental builds). */
  records: OutputRecord[];
  /** Render warnings of the outputs, and write failures. */
  diagnostics: Diagnostic[];
  /** False when a write failed. */
  ok: boolean;
}

/** Writes the rendered outcomes of one brief; kept ones are recorded as they are. */
export async function writeOutcomes(stage: RenderStage, file: string, outcomes: readonly FormatOutcome[]): Promise<Written> {
  const out: Written = { written: [], kept: [], records: [], diagnostics: [], ok: true };
  for (const o of outcomes) {
    if (o.kind === "kept") {
      out.kept.push(o.path);
      if (stage.plan) out.records.push(stage.plan.kept(file, o.output, out.diagnostics));
    } else if (o.kind === "rendered") {
      out.diagnostics.push(...o.warnings);
      try {
        await writeAtomic(o.path, o.data, { deferFolderSync: stage.unsyncedFolders });
        out.written.push(o.path);
        if (stage.plan && o.inputHash !== undefined) out.records.push(stage.plan.written(o.format, o.path, o.data, o.inputHash, o.warnings));
      } catch (error) {
        out.diagnostics.push(diagnostic("output-unwritable", "output", { file, line: 0, column: 0 }, { path: o.path, reason: errorCode(error) }));
        out.ok = false;
      }
    }
  }
  return out;
}
