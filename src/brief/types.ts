/**
 * The view model of a brief: computed once by `toBrief()` and used by every renderer
 * (Markdown, HTML/PDF, JSON, text) and by the "changes since the previous edition" section.
 *
 * Free text is held as mdast (parsed with remark-parse). Block text (summary) is a list of block
 * nodes; inline text (statements, evidence, notes) is a list of phrasing nodes that can never open
 * a block (heading, list, table, code) whatever characters it holds. Raw HTML written by analysts
 * is held as literal text, never as `html` nodes.
 */
import type { BlockContent, PhrasingContent } from "mdast";
import type { Confidence, Tlp } from "../schema/assessment.js";

/** A date as ISO text and as formatted for the brief. */
export interface BriefDate {
  iso: string;
  /** Formatted with the config's `dateFormat` (default `dd/mm/yy`). */
  text: string;
}

/** The handling marking banner. */
export interface BriefMarking {
  classification?: string;
  tlp?: Tlp;
  caveats: string[];
  /** The banner as one line, e.g. "OFFICIAL · TLP:CLEAR". */
  text: string;
}

/** Where a likelihood term sits on its scale, for the sentence and the yardstick graphic. */
export interface BriefTerm {
  /** The wording used (the analyst's form: canonical or alias). */
  text: string;
  /** The canonical label of the band. */
  label: string;
  min: number;
  max: number;
  /** "80–90 %", "≤5 %", "≥95 %". */
  range: string;
  /** 0-based position of the band on its scale, and the number of bands. */
  index: number;
  count: number;
}

/** A source as listed in the brief's Sources section. */
export interface BriefSource {
  /** 1-based number in the Sources list. */
  number: number;
  id: string;
  /** Anchor for links, e.g. "source-3". */
  anchor: string;
  title?: string;
  /** What the brief prints as the source's name: its title, or "Untitled source". */
  label: string;
  /** True when the source has no title (the entry then says what else is known of it). */
  untitled: boolean;
  url?: string;
  publisher?: string;
  date?: BriefDate;
  /** Public text about the source, printed in the Sources list. */
  description?: PhrasingContent[];
  /** The analyst's internal note: present only when the config says `show.notes: true`. */
  note?: string;
  reliability?: string;
  credibility?: number;
  /** Admiralty grade such as "B2", when graded. */
  grade?: string;
  /** Words for the grade, e.g. "usually reliable; probably true". */
  gradeText?: string;
  /** True when the source has details worth listing (title, URL, publisher, date or grade). */
  detailed: boolean;
  /** True when some evidence item cites it. */
  cited: boolean;
  /** What a citation of it reads inside its brackets: "3" (numbered) or "source" (word). */
  citedAs: string;
  /**
   * Where a citation of it links: "#source-3" (its Sources entry), or its URL in the word style;
   * undefined when there is nowhere to go (no URL and no Sources list).
   */
  href?: string;
}

/** One evidence bullet. */
export interface BriefEvidence {
  id?: string;
  /**
   * The bullet's content: the analyst's text with every citation (inline `[@id]` and the trailing
   * `source`) as one linked parenthetical, "[3]" or "(source)"; the trailing one carries the
   * item's date: "[3, 05/07/22]" (see {@link citationNodes}).
   */
  content: PhrasingContent[];
  /** Plain text of `content`. */
  text: string;
  date?: BriefDate;
  /** Numbers of the sources cited, in order. */
  sources: number[];
  /** False for an unsourced item. */
  sourced: boolean;
  /**
   * The item's portion mark, "(OS)", "[TLP:AMBER]" or "(OS) [TLP:AMBER]", from its effective level
   * (its own marking or its judgment's, raised by the sources it cites); present only with
   * `show.portionMarks` and a marked level.
   */
  portionMark?: string;
  /** The analyst's internal note: present only with `show.notes: true`. */
  note?: PhrasingContent[];
}

/** A recorded outcome. */
export interface BriefOutcome {
  occurred: boolean;
  resolved: BriefDate;
  /** "Occurred (recorded 10/07/23)" or "Did not occur (…)". */
  text: string;
  note?: PhrasingContent[];
}

/** One key judgment. */
export interface BriefJudgment {
  id: string;
  /** 1-based. */
  number: number;
  /** "Key Judgment 1". */
  heading: string;
  /** Anchor for links, e.g. "kj-attacks-afghanistan". */
  anchor: string;
  term: BriefTerm;
  /** Words before the term ("It is ", "There is a "). */
  lead: string;
  /** Words after the term up to the statement (" that "). */
  link: string;
  /** The term's range printed beside it, " (80–90 %)", with `show.ranges: inline`. */
  inlineRange?: string;
  /** The statement, inline Markdown, ending with a full stop. */
  statement: PhrasingContent[];
  /** The whole sentence as plain text: "It is highly likely that IS-K will …". */
  sentence: string;
  /** The judgment's portion mark (its own marking or the assessment's), printed before the sentence; present only with `show.portionMarks` and a marked level. */
  portionMark?: string;
  confidence?: { level: Confidence; text: string };
  horizon?: BriefDate;
  evidence: BriefEvidence[];
  outcome?: BriefOutcome;
  /** The analyst's internal note: present only with `show.notes: true`. */
  note?: PhrasingContent[];
}

/** The "Changes since the previous edition" section, when the previous edition is known. */
export interface BriefChanges {
  /** Id (or path) of the previous edition. */
  previous: string;
  /** One-line headline, e.g. "3 judgments changed: 1 ▲, 1 ▼, 1 new; cutoff 09/07/22 → 30/12/22". */
  headline: string;
  /** One inline item per change. */
  items: PhrasingContent[][];
}

/** Labels of the brief's fixed text, so a house style can be changed in one place. */
export interface BriefLabels {
  summary: string;
  keyJudgment: string;
  sources: string;
  cutoff: string;
  changes: string;
  /** Prefix of the confidence line: "Confidence: moderate." */
  confidence: string;
  /** Prefix of the horizon line: "Horizon: 09/07/23." */
  horizon: string;
  /** Prefix of the outcome line. */
  outcome: string;
  /** Prefix of a judgment's note. */
  note: string;
  /** Words of a citation in the word style: "(source)". */
  source: string;
  /** Title-block labels. */
  reference: string;
  issued: string;
  /** The cut-off date's label in the title block ("Cut-off"). */
  cutoffDate: string;
  authors: string;
  marking: string;
  /** Prefix of the Markdown likelihood line: "Likelihood: highly likely, 80–90 %". */
  likelihood: string;
  /** Name of a source without a title. */
  untitled: string;
  /** Names one entry of the Sources list in a link's alternate text: "Source 3: …". */
  sourceEntry: string;
  /** Page footer: "Page 1 of 2". */
  page: string;
  of: string;
}

/** One entry of the title block: "Reference: isk-2022-07". */
export interface BriefMetaItem {
  key: "reference" | "issued" | "cutoff" | "authors";
  label: string;
  value: string;
}

/** Which optional parts the brief prints (the config's `show`). */
export interface BriefShow {
  /** The title block under the title. */
  meta: boolean;
  /** Each judgment's place on the yardstick. */
  yardstick: boolean;
  /** The Sources list (when anything is cited or listed with details). */
  sources: boolean;
  /** Internal notes. */
  notes: boolean;
}

/** Everything a renderer needs to draw a brief. */
export interface Brief {
  id: string;
  title: string;
  /** The banner: the assessment's own marking or, when it sets none, the highest of its portions' markings. */
  marking?: BriefMarking;
  authors: string[];
  issued?: BriefDate;
  cutoff: BriefDate;
  /** "Intelligence cut-off 09/07/22". */
  cutoffLine: string;
  /** The title block: reference, issued, cut-off, authors (the marking is `marking`). */
  meta: BriefMetaItem[];
  /** How citations read: "[3]" (numbered) or "(source)" (word). */
  citations: "numbered" | "word";
  show: BriefShow;
  scale: { id: string; name: string; reference?: string; terms: Array<{ label: string; min: number; max: number; range: string }> };
  summary: BlockContent[];
  judgments: BriefJudgment[];
  /** Every source, numbered in order of first citation, then uncited ones. */
  sources: BriefSource[];
  /** True when the brief has a Sources section: something is cited (or listed with details), and `show.sources` is on. */
  showSources: boolean;
  keywords: string[];
  changes?: BriefChanges;
  labels: BriefLabels;
  /** yardstick version that built the view model. */
  generator: string;
}
