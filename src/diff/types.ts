/**
 * The change report: what changed between two editions of an assessment, as data. Computed once
 * by `diffAssessments()` and drawn by the formatters (human, markdown, json) and by the brief's
 * "Changes since the previous edition" section.
 */
import type { Confidence, Outcome, Tlp } from "../schema/assessment.js";

/** One run of a word-level diff: kept, inserted or deleted text (whitespace included). */
export interface WordRun {
  op: "equal" | "insert" | "delete";
  text: string;
}

/** A text that changed, with its word-level diff. */
export interface TextChange {
  old: string;
  new: string;
  words: WordRun[];
}

/** A value that changed; `undefined` on one side means absent there. */
export interface ValueChange<T> {
  old?: T;
  new?: T;
}

/** A date that moved, as ISO and as formatted for people. */
export interface DateChange {
  old?: string;
  new?: string;
  oldText?: string;
  newText?: string;
  /** Days from old to new (positive when later), when both are set. */
  days?: number;
}

/** Which way a judgment moved on the probability scale. */
export type Direction = "up" | "down" | "same";

/** A likelihood term as written, with its band on its scale. */
export interface TermInfo {
  /** The scale the term was read on. */
  scale: string;
  /** The wording as written in the assessment. */
  text: string;
  /** Canonical label of the band; the written text when the term is unknown. */
  label: string;
  /** Range as "55–75 %", or "?" when the term is unknown on its scale. */
  range: string;
  min?: number;
  max?: number;
  /** Midpoint of the range, used to compare bands (also across scales). */
  midpoint?: number;
}

/** A judgment's likelihood moved (or its scale changed). */
export interface LikelihoodChange {
  old: TermInfo;
  new: TermInfo;
  direction: Direction;
  /** Difference of the range midpoints, in percentage points (new − old). */
  delta?: number;
  /** True when only the wording changed: the same band on the same scale (e.g. an alias). */
  wordingOnly: boolean;
}

/**
 * A change of the exact probability stated beside the term (`probability:`), as a fraction 0–1.
 * Reported like a likelihood move: up or down, with the difference in percentage points.
 */
export interface ProbabilityChange {
  old?: number;
  new?: number;
  /** "up"/"down" when both are set; "same" when one side is absent. */
  direction: Direction;
  /** new − old in percentage points (rounded to 0.01), when both are set. */
  delta?: number;
}

/** A change of analytic confidence. */
export interface ConfidenceChange {
  old?: Confidence;
  new?: Confidence;
  /** "up"/"down" when both are set; "same" when one side is absent. */
  direction: Direction;
}

/** How an evidence item is shown in the report. */
export interface EvidenceView {
  id?: string;
  text: string;
  /** Id of the listed source it cites, or the id/title of a source written in place. */
  source?: string;
  /** ISO date, and as formatted for people. */
  date?: string;
  dateText?: string;
}

/** An evidence item added, removed or changed under a judgment. */
export type EvidenceChange =
  /** `movedFrom`: the id of the judgment the item was under in the old edition. */
  | { kind: "added"; item: EvidenceView; movedFrom?: string }
  /** `movedTo`: the id of the judgment the item is under in the new edition. */
  | { kind: "removed"; item: EvidenceView; movedTo?: string }
  | {
      kind: "changed";
      old: EvidenceView;
      new: EvidenceView;
      /** How the two items were paired: the same `id`, or similar text. */
      matchedBy: "id" | "text";
      /** Word similarity of the two texts, 0–1. */
      similarity: number;
      text?: TextChange;
      source?: ValueChange<string>;
      date?: DateChange;
      note?: ValueChange<string>;
    };

/** An outcome recorded, changed or removed. */
export interface OutcomeChange {
  kind: "recorded" | "changed" | "removed";
  old?: Outcome;
  new?: Outcome;
}

/** A judgment as it stands in one edition. */
export interface JudgmentView {
  id: string;
  /** 1-based number in its edition ("Key Judgment 2"). */
  number: number;
  term: TermInfo;
  statement: string;
  /** The brief's sentence: "It is highly likely that …". */
  sentence: string;
  /** The exact probability stated beside the term (0–1), when there is one. */
  probability?: number;
  confidence?: Confidence;
  evidenceCount: number;
}

/** A judgment added, withdrawn, changed or unchanged. */
export type JudgmentChange =
  | { kind: "added"; id: string; new: JudgmentView; evidence: EvidenceView[] }
  | { kind: "removed"; id: string; old: JudgmentView }
  | {
      kind: "changed" | "unchanged";
      id: string;
      old: JudgmentView;
      new: JudgmentView;
      likelihood?: LikelihoodChange;
      probability?: ProbabilityChange;
      confidence?: ConfidenceChange;
      statement?: TextChange;
      horizon?: ValueChange<string>;
      note?: ValueChange<string>;
      outcome?: OutcomeChange;
      evidence: EvidenceChange[];
    };

/** How a source is shown in the report. */
export interface SourceView {
  id: string;
  title?: string;
  url?: string;
  publisher?: string;
  date?: string;
  /** Admiralty grade such as "B2", "B" or "2", when graded. */
  grade?: string;
}

/** A listed source added, removed or changed. */
export type SourceChange =
  | { kind: "added"; source: SourceView }
  | { kind: "removed"; source: SourceView }
  | {
      kind: "changed";
      id: string;
      old: SourceView;
      new: SourceView;
      /** Admiralty grade regraded ("B2" → "C3"). */
      grade?: ValueChange<string>;
      title?: ValueChange<string>;
      url?: ValueChange<string>;
      publisher?: ValueChange<string>;
      date?: ValueChange<string>;
      note?: ValueChange<string>;
    };

/** A handling marking as written. */
export interface MarkingView {
  classification?: string;
  tlp?: Tlp;
  caveats: string[];
  /** One line, e.g. "OFFICIAL · TLP:AMBER". "none" when there is no marking. */
  text: string;
}

/** A change of handling marking. */
export interface MarkingChange {
  old: MarkingView;
  new: MarkingView;
  /** True when the marking got less restrictive: reviewers must confirm the release. */
  loosened: boolean;
  /** Why it counts as loosened, one reason a line ("TLP:AMBER → TLP:GREEN"). */
  reasons: string[];
}

/** A change of one portion's marking. */
export interface PortionMarkingChange extends MarkingChange {
  /** Which portion: "judgment `routes`", "evidence item 2 of judgment `routes`", "source `liaison`", "title", "summary". */
  what: string;
}

/** What kind of pair was compared. */
export type ReportStatus = "modified" | "added" | "withdrawn";

/** Identifies one side of the comparison. */
export interface EditionInfo {
  id: string;
  title: string;
  scale: string;
  cutoff: string;
  /** Where it came from, as the user named it ("HEAD~1:assessments/x.yaml"), when known. */
  label?: string;
}

/** Counts behind the headline. */
export interface ChangeCounts {
  /** Judgments added or changed. */
  judgmentsChanged: number;
  up: number;
  down: number;
  /** Changed judgments that did not move on the scale. */
  revised: number;
  added: number;
  removed: number;
  evidenceAdded: number;
  evidenceRemoved: number;
  evidenceChanged: number;
  sourcesAdded: number;
  sourcesRemoved: number;
  sourcesChanged: number;
}

/** Everything that changed between two editions of an assessment. */
export interface ChangeReport {
  /** Version of this report's shape. */
  version: 1;
  status: ReportStatus;
  old: EditionInfo;
  new: EditionInfo;
  /** True when anything at all differs. */
  changed: boolean;
  /** One line: "3 judgments changed: 1 ▲, 1 ▼, 1 new; 1 withdrawn; cutoff 09/07/22 → 30/12/22". */
  headline: string;
  counts: ChangeCounts;
  /** Warnings a reviewer must not miss (a loosened marking). */
  warnings: string[];
  id?: ValueChange<string>;
  title?: ValueChange<string>;
  cutoff?: DateChange;
  issued?: DateChange;
  scale?: ValueChange<string>;
  supersedes?: ValueChange<string>;
  authors?: ValueChange<string[]>;
  summary?: TextChange;
  marking?: MarkingChange;
  /** Portion markings that changed, in document order. */
  portionMarkings: PortionMarkingChange[];
  /** Every judgment of both editions: in the new edition's order, withdrawn ones where they stood. */
  judgments: JudgmentChange[];
  sources: SourceChange[];
}
