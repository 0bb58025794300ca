/**
 * Editions, part of the build's check stage: an assessment names the edition it replaces with
 * `supersedes` (an id among the inputs of a build, or a path relative to the file). The build
 * finds that edition here (among the inputs already checked, else on disk, checked once) and puts
 * a "Changes since the previous edition" section in the brief.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { resolveLabels } from "../brief/labels.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/codes.js";
import type { BriefChanges } from "../brief/types.js";
import type { Assessment } from "../schema/assessment.js";
import { SLUG_PATTERN } from "../schema/assessment.js";
import { spanForPath } from "../schema/positions.js";
import type { LoadedAssessment } from "../schema/load.js";
import { isAssessmentFile } from "../project/discover.js";
import { checkFile, type CheckOptions } from "../check/check.js";
import { ConfigResolver, type ResolvedConfig } from "../config/load.js";
import { changesSection } from "../diff/changes-section.js";
import { diffAssessments, type DiffOptions } from "../diff/report.js";

/** An input of the build that may be the previous edition (a `CheckedFile` fits). */
export interface EditionCandidate {
  /** Path of the file (absolute, or relative to the same folder as the others). */
  file: string;
  /** The assessment, when the file is valid. */
  assessment?: Assessment;
}

/** Where the previous edition was found, or why not. */
export type PreviousEdition =
  | { kind: "candidate"; reference: string; candidate: EditionCandidate }
  /** A file outside the build's inputs: the caller loads and checks it (e.g. `checkFile`). */
  | { kind: "file"; reference: string; file: string }
  | { kind: "missing"; reference: string; diagnostic: Diagnostic };

/** Options for {@link findPreviousEdition}. */
export interface FindEditionOptions {
  /** A path in `supersedes` must resolve inside this folder (default: the folder of `file`'s parent). */
  root?: string;
  /** The loaded file, to position the diagnostic at `supersedes`. */
  loaded?: Pick<LoadedAssessment, "doc" | "lineCounter">;
  /** Where `supersedes` is written, when the loaded file is not at hand (plain data from the check stage). */
  supersedesAt?: SupersedesAt;
  /** Whether a file exists (tests inject it). */
  exists?: (path: string) => boolean;
}

/** A position of the `supersedes` key's value. */
export type SupersedesAt = { line: number; column: number; endLine?: number; endColumn?: number };

function supersedesSpan(loaded: Pick<LoadedAssessment, "doc" | "lineCounter"> | undefined, at: SupersedesAt | undefined): SupersedesAt {
  if (loaded?.doc) return spanForPath(loaded.doc, loaded.lineCounter, ["supersedes"]);
  return at ?? { line: 0, column: 0 };
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Finds the edition an assessment supersedes: first an input whose assessment id equals
 * `supersedes`, then a path relative to the file (a `.yaml`/`.yml` file inside `root`): an input
 * at that path, or a file on disk. Returns undefined when the assessment names no previous edition.
 */
export function findPreviousEdition(assessment: Assessment, file: string, candidates: readonly EditionCandidate[], options: FindEditionOptions = {}): PreviousEdition | undefined {
  const reference = assessment.supersedes;
  if (reference === undefined) return undefined;
  const missing = (messageId: "self" | "outside" | "noFile" | "noId", hint: string): PreviousEdition => {
    const span = supersedesSpan(options.loaded, options.supersedesAt);
    return { kind: "missing", reference, diagnostic: diagnostic("supersedes-not-found", messageId, { file, ...span }, { reference }, hint) };
  };
  const self = resolve(file);
  if (reference === assessment.id) return missing("self", "name the id or path of the previous edition");

  if (SLUG_PATTERN.test(reference)) {
    const byId = candidates.find((c) => c.assessment?.id === reference && resolve(c.file) !== self);
    if (byId) return { kind: "candidate", reference, candidate: byId };
  }

  if (isAssessmentFile(reference) && !isAbsolute(reference) && !reference.includes("\0")) {
    const target = resolve(dirname(self), reference);
    const root = resolve(options.root ?? dirname(dirname(self)));
    if (!inside(root, target)) {
      return missing("outside", "name the previous edition by its id, or by a path inside the project");
    }
    if (target === self) return missing("self", "name the id or path of the previous edition");
    const byPath = candidates.find((c) => resolve(c.file) === target);
    if (byPath) return { kind: "candidate", reference, candidate: byPath };
    if ((options.exists ?? existsSync)(target)) return { kind: "file", reference, file: target };
    return missing("noFile", "check the path; it is relative to this file");
  }
  return missing("noId", "build the previous edition together with this one, or give its path (e.g. `supersedes: ../2022/isk-2022-07.yaml`)");
}

/**
 * The chain of ids when following `supersedes` from `previous` (among the inputs) leads back to
 * `start`, else undefined.
 */
function supersedesCycle(start: CheckedInput, previous: EditionCandidate, inputs: readonly CheckedInput[], root: string | undefined): string[] | undefined {
  const chain = [start.assessment!.id];
  const seen = new Set<string>([resolve(start.file)]);
  let current: EditionCandidate | undefined = previous;
  while (current?.assessment) {
    chain.push(current.assessment.id);
    if (resolve(current.file) === resolve(start.file)) return chain;
    if (seen.has(resolve(current.file)) || current.assessment.supersedes === undefined) return undefined;
    seen.add(resolve(current.file));
    const next = findPreviousEdition(current.assessment, current.file, inputs, { root });
    current = next?.kind === "candidate" ? next.candidate : undefined;
  }
  return undefined;
}

/** The assessment without its analyst's notes (judgments, evidence, outcomes, sources). */
export function withoutNotes(a: Assessment): Assessment {
  const strip = <T extends { note?: string }>(o: T): T => {
    const { note: _note, ...rest } = o;
    return rest as T;
  };
  return {
    ...a,
    sources: a.sources.map(strip),
    judgments: a.judgments.map((j) => ({
      ...strip(j),
      ...(j.outcome ? { outcome: strip(j.outcome) } : {}),
      evidence: j.evidence.map((e) => (typeof e === "string" ? e : { ...strip(e), ...(e.source !== undefined && typeof e.source !== "string" ? { source: strip(e.source) } : {}) })),
    })),
  };
}

/**
 * The brief's changes section comparing a previous edition with this one. Notes are internal:
 * unless `notes` (the config's `show.notes`), a change to a note is no change to the brief.
 */
export function previousEditionChanges(previous: Assessment, current: Assessment, reference: string, options: DiffOptions, notes = false, cutoffWord = "cut-off"): BriefChanges {
  return changesSection(notes ? diffAssessments(previous, current, options) : diffAssessments(withoutNotes(previous), withoutNotes(current), options), reference, cutoffWord);
}

/** A checked input of a build (a `CheckedFile` fits). */
export interface CheckedInput extends EditionCandidate {
  config: ResolvedConfig;
  loaded?: Pick<LoadedAssessment, "doc" | "lineCounter">;
  /** Where `supersedes` is written (when `loaded` is not given). */
  supersedesAt?: SupersedesAt;
}

/** The changes section of one input, or why it has none. */
export interface EditionResult {
  /** The previous edition's file, when found. */
  previousFile?: string;
  changes?: BriefChanges;
  diagnostics: Diagnostic[];
}

/**
 * For every valid input that names `supersedes`: finds the previous edition (among the inputs,
 * or on disk, checked like any input) and computes its "Changes since the previous edition"
 * section. Keyed by the input's `file`. Problems are warnings: a missing previous edition never
 * stops a build. Note for caching: the section depends on the previous edition's text too.
 */
export function resolveEditions(inputs: readonly CheckedInput[], options: { root?: string; configs?: ConfigResolver; checkOptions?: CheckOptions } = {}): Map<string, EditionResult> {
  const out = new Map<string, EditionResult>();
  const configs = options.configs ?? new ConfigResolver();
  for (const input of inputs) {
    const a = input.assessment;
    if (!a || a.supersedes === undefined) continue;
    const found = findPreviousEdition(a, input.file, inputs, { root: options.root, loaded: input.loaded, supersedesAt: input.supersedesAt });
    if (!found) continue;
    if (found.kind === "missing") {
      out.set(input.file, { diagnostics: [found.diagnostic] });
      continue;
    }
    const previousFile = found.kind === "candidate" ? found.candidate.file : found.file;
    const cycle = found.kind === "candidate" ? supersedesCycle(input, found.candidate, inputs, options.root) : undefined;
    if (cycle) {
      const span = input.loaded?.doc ? spanForPath(input.loaded.doc, input.loaded.lineCounter, ["supersedes"]) : { line: 0, column: 0 };
      out.set(input.file, {
        diagnostics: [diagnostic("supersedes-cycle", "cycle", { file: input.file, ...span }, { cycle: cycle.join(" → ") }, "an edition supersedes an earlier one only; remove `supersedes` from the first edition")],
      });
      continue;
    }
    const previous = found.kind === "candidate" ? found.candidate.assessment : checkFile(found.file, configs, options.checkOptions).assessment;
    if (!previous) {
      const span = supersedesSpan(input.loaded, input.supersedesAt);
      out.set(input.file, {
        previousFile,
        diagnostics: [diagnostic("supersedes-invalid", "hasErrors", { file: input.file, ...span }, { reference: found.reference }, `run yardstick check ${previousFile}`)],
      });
      continue;
    }
    const changes = previousEditionChanges(previous, a, found.reference, { scales: input.config.scales, dateFormat: input.config.data.dateFormat }, input.config.data.show?.notes === true, resolveLabels(input.config.data.labels).cutoffDate.toLowerCase());
    out.set(input.file, { previousFile, changes, diagnostics: [] });
  }
  return out;
}
