/**
 * What the importer recognised in a brief, before it becomes YAML: plain data in the order the
 * assessment format writes it, with the input positions needed for messages.
 */
import type { Confidence } from "../schema/assessment.js";
import type { InputPosition } from "./blocks.js";

/** A piece of evidence text: literal Markdown, or an inline citation of a source (by key). */
export type TextPart = string | { cite: string };

/** One evidence bullet. */
export interface DraftEvidence {
  parts: TextPart[];
  /** Key of the source cited at the end of the bullet. */
  source?: string;
  date?: string;
  pos: InputPosition;
}

/** One key judgment. */
export interface DraftJudgment {
  /** The number in its heading ("Key Judgment 2" → 2), or its place in the brief. */
  n: number;
  pos: InputPosition;
  likelihood?: string;
  statement?: string;
  confidence?: Confidence;
  /** ISO date. */
  horizon?: string;
  evidence: DraftEvidence[];
  /** Text under the judgment that maps to no field, kept in the judgment's `note`. */
  notes: string[];
}

/** One source: from the Sources list, or made for a citation marker. */
export interface DraftSource {
  /** "n:3" (numbered list entry 3), "url:https://…" (a linked "(source)"), "w:5" (the fifth unlinked "(source)"). */
  key: string;
  title?: string;
  url?: string;
  publisher?: string;
  date?: string;
  reliability?: string;
  credibility?: number;
  description?: string;
  note?: string;
}

/** The whole brief. */
export interface Draft {
  /** The assessment's id, when the brief prints it (yardstick's "Reference:"). */
  id?: string;
  title?: string;
  authors?: string[];
  issued?: string;
  cutoff?: string;
  marking?: { classification?: string; tlp?: string };
  scale: string;
  /** Summary paragraphs (Markdown). */
  summary: string[];
  judgments: DraftJudgment[];
  sources: DraftSource[];
  /** Text outside any judgment that maps to no field: kept as YAML comments. */
  unmapped: Array<{ text: string; pos: InputPosition }>;
}
