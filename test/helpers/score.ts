/**
 * Helpers for the score tests: small archives written to a temporary folder from plain data.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { collectForecasts, type Collected } from "../../src/score/collect.js";
import { loadArchive } from "../../src/score/load.js";
import { scoreReport, type ScoreOptions } from "../../src/score/report.js";
import type { EditionsMode, ScoreReport } from "../../src/score/types.js";

/** A judgment for a fixture. */
export interface J {
  id: string;
  likelihood: string;
  probability?: number | string;
  horizon?: string;
  confidence?: string;
  /** [occurred, resolved] */
  outcome?: [boolean, string];
}

/** An assessment for a fixture. */
export interface A {
  id: string;
  cutoff: string;
  issued?: string;
  scale?: string;
  supersedes?: string;
  authors?: string[];
  judgments: J[];
}

/** The YAML text of a fixture assessment. */
export function assessmentYaml(a: A): string {
  const doc: Record<string, unknown> = {
    yardstick: 1,
    id: a.id,
    title: `Test ${a.id}`,
    ...(a.authors ? { authors: a.authors } : {}),
    ...(a.issued ? { issued: a.issued } : {}),
    cutoff: a.cutoff,
    ...(a.scale ? { scale: a.scale } : {}),
    ...(a.supersedes ? { supersedes: a.supersedes } : {}),
    summary: "A summary.",
    judgments: a.judgments.map((j) => ({
      id: j.id,
      likelihood: j.likelihood,
      ...(j.probability !== undefined ? { probability: j.probability } : {}),
      statement: `Event ${j.id} will happen.`,
      ...(j.confidence ? { confidence: j.confidence } : {}),
      ...(j.horizon ? { horizon: j.horizon } : {}),
      ...(j.outcome ? { outcome: { occurred: j.outcome[0], resolved: j.outcome[1] } } : {}),
    })),
  };
  return stringify(doc);
}

/** The YAML text of a ledger. */
export function ledgerYaml(entries: Array<{ assessment: string; judgment: string; occurred: boolean; resolved: string }>): string {
  return stringify({ yardstick: 1, kind: "outcomes", outcomes: entries });
}

/** Writes files (name → text) into a new temporary folder; returns its path. */
export function writeArchive(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ys-score-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Writes assessments (and optional extra files) and scores the folder. */
export function scoreArchive(
  assessments: A[],
  options: Partial<ScoreOptions> & { extra?: Record<string, string>; editions?: EditionsMode } = {},
): { report: ScoreReport; collected: Collected; dir: string; diagnostics: ReturnType<typeof loadArchive>["diagnostics"] } {
  const files: Record<string, string> = { ...(options.extra ?? {}) };
  for (const a of assessments) files[`${a.id}.yaml`] = assessmentYaml(a);
  const dir = writeArchive(files);
  const asOf = options.asOf ?? "2026-01-01";
  const archive = loadArchive([dir], { cwd: dir, checkAsOf: asOf > "2026-06-01" ? asOf : "2026-06-01" });
  if (archive.inputProblems.length > 0) throw new Error(archive.inputProblems.map((d) => d.message).join("; "));
  const editions = options.editions ?? "latest";
  const collected = collectForecasts(archive.entries, archive.ledger, { editions, asOf });
  const report = scoreReport(collected, { editions, asOf, seed: options.seed ?? 1, resamples: options.resamples ?? 200, minN: options.minN ?? 10, by: options.by });
  return { report, collected, dir, diagnostics: [...archive.diagnostics, ...collected.diagnostics] };
}
