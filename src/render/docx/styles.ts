/**
 * The Word brief's named styles and list numbering. Every piece of formatting in the document is
 * one of these styles, so an analyst restyles a brief in Word's style pane (or with a reference
 * document, `docx.reference`), never by hunting for direct formatting.
 */
import { AlignmentType, LevelFormat, LineRuleType, type INumberingOptions, type IStylesOptions } from "docx";
import type { Tlp } from "../../schema/assessment.js";

/** Style ids (the `w:styleId` values) used by the brief. Paragraph styles first, then character styles. */
export const STYLE = {
  title: "Title",
  heading: "Heading1",
  body: "BodyText",
  meta: "BriefMeta",
  sentence: "JudgmentSentence",
  judgmentMeta: "JudgmentMeta",
  evidence: "Evidence",
  note: "JudgmentNote",
  outcome: "Outcome",
  changesHeadline: "ChangesHeadline",
  change: "ChangeItem",
  source: "SourceEntry",
  quote: "BlockQuote",
  code: "SourceCode",
  list: "ListBullet",
  listNumber: "ListNumber",
  banner: "MarkingBanner",
  footer: "BriefFooter",
  cutoff: "CutoffLine",
  // character styles
  term: "LikelihoodTerm",
  citation: "Citation",
  hyperlink: "Hyperlink",
  evidenceDate: "EvidenceDate",
  grade: "SourceGrade",
  label: "MetaLabel",
  classification: "Classification",
  portionMark: "PortionMark",
  inlineCode: "InlineCode",
  strong: "Strong",
  emphasis: "Emphasis",
  deleted: "Deleted",
} as const;

/** TLP 2.0 colours (FIRST, "Traffic Light Protocol (TLP) FIRST Standards Definitions and Usage Guidance", 2022): the label in colour on black. */
export const TLP_COLOURS: Readonly<Record<Tlp, string>> = {
  CLEAR: "FFFFFF",
  GREEN: "33FF00",
  AMBER: "FFC000",
  "AMBER+STRICT": "FFC000",
  RED: "FF2B2B",
};

/** The character style of a TLP label ("TlpAmber"), one per colour. */
export function tlpStyle(tlp: Tlp): string {
  return { CLEAR: "TlpClear", GREEN: "TlpGreen", AMBER: "TlpAmber", "AMBER+STRICT": "TlpAmber", RED: "TlpRed" }[tlp];
}

/** Numbering references. */
export const NUMBERING = { evidence: "evidence-bullets", bullets: "text-bullets", numbers: "text-numbers", sources: "source-numbers" } as const;

const INK = "1B1F24";
const MUTED = "5B6470";
const ACCENT = "1D3A5F";
const ACCENT_SOFT = "E8EEF6";
const RULE = "C9CED6";
const BODY_FONT = "Calibri";
const TITLE_FONT = "Cambria";

/** Twentieths of a point per millimetre. */
export const TWIP_PER_MM = 1440 / 25.4;
const mm = (n: number) => Math.round(n * TWIP_PER_MM);

/** The style definitions, for `new Document({ styles })`. */
export function briefStyles(language: string): IStylesOptions {
  const tlpCharacter = (id: string, name: string, colour: string) => ({
    id,
    name,
    basedOn: "DefaultParagraphFont",
    quickFormat: false,
    run: { bold: true, color: colour, shading: { type: "clear" as const, color: "auto", fill: "000000" } },
  });
  return {
    default: {
      document: { run: { font: BODY_FONT, size: 20, color: INK, language: { value: language } }, paragraph: { spacing: { after: 80, line: 264 } } },
      title: { run: { font: TITLE_FONT, size: 44, bold: true, color: INK }, paragraph: { spacing: { after: 120, line: 240, lineRule: LineRuleType.AUTO } } },
      heading1: {
        run: { font: BODY_FONT, size: 24, bold: true, color: ACCENT },
        paragraph: { spacing: { before: 280, after: 80 }, keepNext: true, keepLines: true, outlineLevel: 0 },
      },
      hyperlink: { run: { color: ACCENT, underline: { type: "single" } } },
    },
    paragraphStyles: [
      { id: STYLE.body, name: "Body Text", basedOn: "Normal", quickFormat: true, paragraph: { spacing: { after: 100 } } },
      {
        id: STYLE.meta,
        name: "Brief Meta",
        basedOn: "Normal",
        run: { size: 17 },
        paragraph: { spacing: { after: 0 } },
      },
      { id: STYLE.sentence, name: "Judgment Sentence", basedOn: "Normal", next: STYLE.judgmentMeta, quickFormat: true, run: { size: 21 }, paragraph: { spacing: { before: 40, after: 40 }, keepNext: true } },
      { id: STYLE.judgmentMeta, name: "Judgment Meta", basedOn: "Normal", next: STYLE.evidence, run: { size: 16, color: MUTED }, paragraph: { spacing: { after: 60 }, keepNext: true } },
      { id: STYLE.evidence, name: "Evidence", basedOn: "ListParagraph", quickFormat: true, paragraph: { spacing: { after: 40 }, keepLines: true, numbering: { reference: NUMBERING.evidence, level: 0 } } },
      { id: STYLE.note, name: "Judgment Note", basedOn: "Normal", run: { italics: true }, paragraph: { spacing: { after: 60 } } },
      { id: STYLE.outcome, name: "Outcome", basedOn: "Normal", run: { size: 18 }, paragraph: { spacing: { before: 60, after: 60 } } },
      { id: STYLE.changesHeadline, name: "Changes Headline", basedOn: "Normal", run: { bold: true }, paragraph: { shading: { type: "clear", color: "auto", fill: ACCENT_SOFT } } },
      { id: STYLE.change, name: "Change Item", basedOn: "ListParagraph", paragraph: { shading: { type: "clear", color: "auto", fill: ACCENT_SOFT }, spacing: { after: 20 } } },
      { id: STYLE.source, name: "Source Entry", basedOn: "Normal", run: { size: 18 }, paragraph: { spacing: { after: 40 } } },
      { id: STYLE.quote, name: "Block Quote", basedOn: "Normal", run: { italics: true, color: MUTED }, paragraph: { indent: { left: mm(6) } } },
      { id: STYLE.code, name: "Source Code", basedOn: "Normal", run: { font: "Consolas", size: 18 }, paragraph: { spacing: { after: 0 } } },
      { id: STYLE.list, name: "List Bullet", basedOn: "ListParagraph", paragraph: { spacing: { after: 40 } } },
      { id: STYLE.listNumber, name: "List Number", basedOn: "ListParagraph", paragraph: { spacing: { after: 40 } } },
      {
        id: STYLE.banner,
        name: "Marking Banner",
        basedOn: "Normal",
        run: { size: 16, bold: true, allCaps: true, characterSpacing: 10 },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 } },
      },
      {
        id: STYLE.footer,
        name: "Brief Footer",
        basedOn: "Normal",
        run: { size: 15, color: "333333" },
        paragraph: { spacing: { before: 40, after: 40 }, border: { top: { style: "single", size: 4, color: "999999", space: 2 } } },
      },
      { id: STYLE.cutoff, name: "Cutoff Line", basedOn: "Normal", run: { size: 18, color: MUTED }, paragraph: { spacing: { before: 240 }, border: { top: { style: "single", size: 4, color: RULE, space: 4 } } } },
    ],
    characterStyles: [
      { id: STYLE.term, name: "Likelihood Term", basedOn: "DefaultParagraphFont", quickFormat: true, run: { bold: true, color: ACCENT, shading: { type: "clear", color: "auto", fill: ACCENT_SOFT } } },
      { id: STYLE.citation, name: "Citation", basedOn: "Hyperlink", run: { color: ACCENT } },
      { id: STYLE.evidenceDate, name: "Evidence Date", basedOn: "DefaultParagraphFont", run: { size: 17, color: MUTED } },
      { id: STYLE.grade, name: "Source Grade", basedOn: "DefaultParagraphFont", run: { bold: true } },
      { id: STYLE.label, name: "Meta Label", basedOn: "DefaultParagraphFont", run: { color: MUTED } },
      { id: STYLE.classification, name: "Classification", basedOn: "DefaultParagraphFont", run: { bold: true, allCaps: true } },
      { id: STYLE.portionMark, name: "Portion Mark", basedOn: "DefaultParagraphFont", run: { bold: true } },
      { id: STYLE.inlineCode, name: "Inline Code", basedOn: "DefaultParagraphFont", run: { font: "Consolas", size: 18 } },
      { id: STYLE.strong, name: "Strong", basedOn: "DefaultParagraphFont", quickFormat: true, run: { bold: true } },
      { id: STYLE.emphasis, name: "Emphasis", basedOn: "DefaultParagraphFont", quickFormat: true, run: { italics: true } },
      { id: STYLE.deleted, name: "Deleted Text", basedOn: "DefaultParagraphFont", run: { strike: true } },
      tlpCharacter("TlpClear", "TLP CLEAR", TLP_COLOURS.CLEAR),
      tlpCharacter("TlpGreen", "TLP GREEN", TLP_COLOURS.GREEN),
      tlpCharacter("TlpAmber", "TLP AMBER", TLP_COLOURS.AMBER),
      tlpCharacter("TlpRed", "TLP RED", TLP_COLOURS.RED),
    ],
  };
}

/** List numbering: evidence bullets, bullets and numbers of free text, the numbered Sources list. */
export function briefNumbering(): INumberingOptions {
  const indent = (level: number) => ({ left: mm(5 + 5 * level), hanging: mm(4) });
  const bullets = ["•", "◦", "▪"];
  return {
    config: [
      {
        reference: NUMBERING.evidence,
        levels: [{ level: 0, format: LevelFormat.BULLET, text: "•", alignment: AlignmentType.LEFT, style: { paragraph: { indent: indent(0) }, run: { color: ACCENT } } }],
      },
      {
        reference: NUMBERING.bullets,
        levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.BULLET, text: bullets[level]!, alignment: AlignmentType.LEFT, style: { paragraph: { indent: indent(level) } } })),
      },
      {
        reference: NUMBERING.numbers,
        levels: [0, 1, 2].map((level) => ({
          level,
          format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level]!,
          text: `%${level + 1}.`,
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: indent(level) } },
        })),
      },
      {
        reference: NUMBERING.sources,
        levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: mm(7), hanging: mm(7) } } } }],
      },
    ],
  };
}
