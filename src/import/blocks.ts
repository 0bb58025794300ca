/**
 * The importer's view of a brief: a flat list of blocks (headings, paragraphs, bullets), each
 * with the place in the input it came from. Every reader (text, Markdown, Word) produces this
 * list; the structure of the brief is recognised from it in one place (`structure.ts`).
 */

/** Where a block starts in the input: a line and column in text, a paragraph index in Word. */
export interface InputPosition {
  /** 1-based line (text and Markdown), or the 1-based paragraph index (Word). */
  line: number;
  /** 1-based column; 1 for Word paragraphs. */
  column: number;
}

/** A link found in a block's text. */
export interface BlockLink {
  /** The link's text as it appears in `Block.text`. */
  text: string;
  url: string;
}

/** One unit of the brief. */
export interface Block {
  /** "heading": a heading or a line that can only be one; "item": a list item; "paragraph": anything else. */
  kind: "heading" | "paragraph" | "item";
  /** True when the item was in a numbered list. */
  ordered?: boolean;
  /**
   * The text, one line, Markdown inline syntax kept for Markdown input (the assessment's free
   * text is Markdown too); links appear as `[text](url)`.
   */
  text: string;
  pos: InputPosition;
}

/** Reference-style link definitions (`[3]: https://… "Title"`) found in a Markdown input. */
export type LinkDefinitions = ReadonlyMap<string, { url: string; title?: string }>;

/** What a reader gives back. */
export interface ReadBlocks {
  blocks: Block[];
  definitions: LinkDefinitions;
  /** "line:column" for text inputs, "paragraph" for Word: how positions read in messages. */
  positions: "line" | "paragraph";
}
