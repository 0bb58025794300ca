/**
 * Recognises a brief's structure in its blocks: title block, summary, key judgments (sentence,
 * term, confidence, horizon, evidence with citations), the Sources list and the cut-off line.
 * Whatever maps to no field is kept (in a note or a comment) and reported as a warning at its
 * place in the input. Nothing is invented: no source, date or term that the brief does not give.
 */
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic, type MessageData } from "../diagnostics/codes.js";
import type { Scale } from "../schema/scales.js";
import type { Block, InputPosition, ReadBlocks } from "./blocks.js";
import { findCites, type Cite } from "./citations.js";
import { DATE_PATTERN, parseDate, type DateOrder } from "./dates.js";
import type { Draft, DraftEvidence, DraftJudgment, DraftSource, TextPart } from "./draft.js";
import { parseSentence, type FoundTerm } from "./sentence.js";

/** Options for {@link recognise}. */
export interface RecogniseOptions {
  /** The input file, for diagnostics. */
  file: string;
  /** Every scale the project knows (built-in and custom). */
  scales: Readonly<Record<string, Scale>>;
  /** The scale asked for (`--scale`); otherwise the one that fits the terms found. */
  scale?: string;
  dateOrder: DateOrder;
  /** Plain text (not Markdown): characters with a meaning in Markdown are escaped. */
  plainText: boolean;
}

const KJ_HEADING = /^(?:key\s+judge?ments?|kj|judge?ment)\s*#?\s*(\d{1,3})\b\s*[.:)–—-]?\s*(.*)$/i;
const KJ_LIST_HEADING = /^key\s+judge?ments?\s*[.:]?$/i;
const SUMMARY_HEADING = /^(?:executive\s+)?summary|^bluf\b|^bottom\s+line(?:\s+up\s+front)?|^key\s+points?\s*[.:]?$/i;
const SOURCES_HEADING = /^(?:sources|references|bibliography|source\s+list)\s*[.:]?$/i;
const CHANGES_HEADING = /^changes\s+since\s+the\s+previous\s+edition\s*[.:]?$/i;
const CUTOFF = /^(?:intelligence|information|reporting)?\s*cut[\s-]?off(?:\s+date)?\s*(?:[:–—-]|\bis\b|\bon\b)?\s*(.*?)\.?$/i;
const MARKING = /^(?:(?<cls>OFFICIAL(?:[- ]SENSITIVE)?|UNCLASSIFIED|CONFIDENTIAL|RESTRICTED|TOP\s+SECRET|SECRET)\s*(?:[·|/,–—-]\s*)?)?(?:TLP\s*:\s*(?<tlp>CLEAR|WHITE|GREEN|AMBER\+STRICT|AMBER|RED))?$/i;
const LABELLED = /^(reference|ref\.?|issued|date\s+issued|published|date|authors?|prepared\s+by|by|confidence|horizon|note|outcome|likelihood|(?:intelligence\s+)?cut[\s-]?off)\s*:\s*(.+?)$/i;

/**
 * Splits a line of labelled facts into its parts: "Reference: x · Issued: 12/07/22 · Cut-off: 09/07/22"
 * (yardstick's title block; a hard line break ends a part too) and "Likelihood: likely, 55–75 %
 * (PHIA probability yardstick). Confidence: low. Horizon: 31/12/23." (its fact line). Returns the
 * line itself when it is not such a line.
 */
function labelledParts(line: string): string[] {
  const parts = line
    .split(/\s+·\s+|\\\s+|(?<=\.)\s+(?=(?:Likelihood|Confidence|Horizon|Note|Outcome)\s*:)/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 1 && parts.every((p) => LABELLED.test(p)) ? parts : [line];
}
const GRADE = /\b([A-F])([1-6])\b(?:\s*[—–-]\s*[^.]*\.?)?/;

/** Markdown emphasis and surrounding bold markers removed, for matching labels. */
function bare(text: string): string {
  return text.replace(/^\s*(\*\*|__|\*|_)(.*)\1\s*$/, "$2").replace(/\*\*/g, "").trim();
}

/** Markdown inline text as the plain text a reader sees (for fields that are not Markdown). */
function markdownToPlain(text: string): string {
  if (!/[\\`*_[\]<>&!]/.test(text)) return text;
  return toString(unified().use(remarkParse).parse(text) as Root).replace(/\s+/g, " ").trim();
}

/** Characters with a meaning in Markdown, escaped so plain text reads back as itself. */
function escapePlain(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, "\\$1");
}

/** Recognises the brief. Returns the draft and the warnings against the input. */
export function recognise(read: ReadBlocks, options: RecogniseOptions): { draft: Draft; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const note = (pos: InputPosition, code: string, messageId: string, data: MessageData = {}, hint?: string) =>
    diagnostics.push(diagnostic(code, messageId, { file: options.file, line: pos.line, column: pos.column }, data, hint));
  /** For Markdown fields (summary, statements, evidence, notes). */
  const text = (t: string) => (options.plainText ? escapePlain(t) : t);
  /** For plain-text fields (title, reference, authors, source titles and publishers). */
  const plain = (t: string) => (options.plainText ? t : markdownToPlain(t));
  const scaleList = Object.values(options.scales);
  const draft: Draft = { scale: options.scale ?? "phia", summary: [], judgments: [], sources: [], unmapped: [] };
  const foundTerms: Array<{ term: FoundTerm; judgment: DraftJudgment }> = [];
  const sourceEntries = new Map<number, DraftSource>();
  const wordCounter = { next: 1 };
  const cited = new Map<string, DraftSource>();
  type State = "start" | "summary" | "judgment" | "judgment-list" | "sources" | "changes";
  let state: State = "start";
  let judgment: DraftJudgment | undefined;
  let sawSentence = false;

  const startJudgment = (n: number, pos: InputPosition): DraftJudgment => {
    const j: DraftJudgment = { n, pos, evidence: [], notes: [] };
    draft.judgments.push(j);
    judgment = j;
    sawSentence = false;
    state = "judgment";
    return j;
  };

  const takeSentence = (j: DraftJudgment, raw: string, pos: InputPosition): boolean => {
    const parsed = parseSentence(raw, scaleList);
    if (!parsed) return false;
    sawSentence = true;
    j.statement = text(parsed.statement);
    if (parsed.confidence) j.confidence = parsed.confidence;
    if (parsed.term) foundTerms.push({ term: parsed.term, judgment: j });
    else note(pos, "import-no-term", "noTerm", {}, "add `likelihood:` to the imported judgment; the sentence is kept as its statement");
    if (parsed.rephrased) {
      j.notes.push(`Imported from: “${text(bare(raw))}”`);
      note(pos, "import-rephrased", "rephrased", { term: parsed.term?.text ?? "…", statement: parsed.statement });
    }
    const others = parsed.otherTerms;
    if (others.length > 0) note(pos, "import-two-terms", "twoTerms", { terms: [parsed.term?.text, ...others.map((o) => o.text)].filter(Boolean).join(", ") });
    return true;
  };

  const evidenceFrom = (raw: string, pos: InputPosition): DraftEvidence => {
    const cites = findCites(raw, read.definitions, options.dateOrder, wordCounter);
    const parts: TextPart[] = [];
    let at = 0;
    let source: string | undefined;
    let date: string | undefined;
    const trimmedEnd = raw.replace(/[\s.;,]+$/, "").length;
    for (const c of cites) {
      const key = sourceKey(c);
      const isLast = c === cites[cites.length - 1] && c.end >= trimmedEnd;
      // "text (source)." → "text.": the marker's own space goes with it.
      const before = isLast ? raw.slice(at, c.start).trimEnd() : raw.slice(at, c.start);
      if (before) parts.push(text(before));
      if (isLast) {
        source = key;
        if (c.date) date = c.date;
      } else parts.push({ cite: key });
      if (c.badDate) note(pos, "import-unreadable-date", "evidenceDate", { value: c.badDate, order: options.dateOrder }, "set --date-order (dmy, mdy or ymd)");
      at = c.end;
    }
    let tail = raw.slice(at);
    // An unsourced item's date stands alone at its end: "text. (05/07/22)".
    if (cites.length === 0) {
      const own = new RegExp(String.raw`\s*\((${DATE_PATTERN})\)\s*$`, "i").exec(tail);
      const iso = own ? parseDate(own[1]!, options.dateOrder) : undefined;
      if (own && iso) {
        date = iso;
        tail = tail.slice(0, own.index);
      }
    }
    if (tail.trim()) parts.push(text(tail));
    // Tidy the joins: "text. (source) more" → "text. [@id] more".
    const cleaned = tidy(parts);
    return { parts: cleaned, ...(source ? { source } : {}), ...(date ? { date } : {}), pos };
  };

  const sourceKey = (c: Cite): string => {
    let key: string;
    if (c.ref.kind === "number") key = `n:${c.ref.n}`;
    else if (c.ref.url) key = `url:${c.ref.url}`;
    else key = `w:${c.ref.index}`;
    if (!cited.has(key)) {
      const s: DraftSource = { key };
      if (c.ref.url) s.url = c.ref.url;
      cited.set(key, s);
    }
    return key;
  };

  /**
   * One entry of a Sources list: "Title. Publisher, 05/03/22. B2 — usually reliable; probably
   * true. A public description. <https://…>" (yardstick's own layout), or any "Title. Rest" line.
   */
  const sourceEntry = (b: Block, n: number) => {
    let t = bare(b.text)
      .replace(/^\\?\[?\s*\d{1,4}\s*\\?\]?[.)]?\s+/, "")
      .replace(/<a\s+id="[^"]*"\s*><\/a>\s*/gi, "");
    const s: DraftSource = { key: `n:${n}` };
    const link = /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/.exec(t);
    if (link) {
      s.url = link[2]!;
      t = t.replace(link[0], link[1]!);
    }
    const bareUrl = /<?(https?:\/\/[^\s>]+?)>?[.,;]?(?=\s|$)/.exec(t);
    if (bareUrl) {
      s.url ??= bareUrl[1]!;
      t = (t.slice(0, bareUrl.index) + t.slice(bareUrl.index + bareUrl[0].length)).trim();
    }
    const segments = t.split(/(?<=[^\s.])\.\s+/).map((x) => x.replace(/\.$/, "").trim()).filter(Boolean);
    const description: string[] = [];
    segments.forEach((seg, i) => {
      if (i === 0) {
        if (/^untitled source\b/i.test(seg)) return; // "Untitled source, cited in Key Judgment 2": no title
        s.title = plain(seg);
        return;
      }
      const grade = /^([A-F])([1-6])(?:\s*[—–-]\s*.*)?$/.exec(seg);
      if (grade && s.reliability === undefined) {
        s.reliability = grade[1]!;
        s.credibility = Number(grade[2]);
        return;
      }
      const dated = new RegExp(`^(.*?)(?:,\\s*)?(${DATE_PATTERN})$`, "i").exec(seg);
      const iso = dated ? parseDate(dated[2]!, options.dateOrder) : undefined;
      if (s.publisher === undefined && s.date === undefined && description.length === 0 && s.reliability === undefined && (iso || i === 1)) {
        if (iso) {
          s.date = iso;
          if (dated![1]!.trim()) s.publisher = plain(dated![1]!.trim().replace(/,$/, ""));
        } else s.publisher = plain(seg);
        return;
      }
      description.push(seg);
    });
    if (description.length > 0) s.description = text(`${description.join(". ")}.`);
    sourceEntries.set(n, s);
  };

  let sourceNumber = 0;
  const blocks = read.blocks.flatMap((b) => {
    const parts = b.kind === "item" ? [] : labelledParts(bare(b.text));
    return parts.length > 1 ? parts.map((part) => ({ ...b, text: part })) : [b];
  });
  for (const b of blocks) {
    const line = bare(b.text);
    // The cut-off line can stand anywhere (usually last).
    const cut = CUTOFF.exec(line);
    if (cut && /cut[\s-]?off/i.test(line) && b.kind !== "item" && line.length < 80) {
      const iso = parseDate(cut[1]!.trim(), options.dateOrder);
      if (iso) draft.cutoff = iso;
      else note(b.pos, "import-unreadable-date", "cutoff", { value: cut[1]!.trim(), order: options.dateOrder }, "set --date-order (dmy, mdy or ymd), or add `cutoff:` by hand");
      continue;
    }
    const kj = KJ_HEADING.exec(line);
    if (kj && b.kind !== "item") {
      const j = startJudgment(Number(kj[1]), b.pos);
      if (kj[2]!.trim()) takeSentence(j, kj[2]!.trim(), b.pos);
      continue;
    }
    if (b.kind !== "item" && KJ_LIST_HEADING.test(line)) {
      state = "judgment-list";
      continue;
    }
    if (b.kind !== "item" && SUMMARY_HEADING.test(line) && line.length < 40) {
      state = "summary";
      continue;
    }
    if (b.kind !== "item" && SOURCES_HEADING.test(line)) {
      state = "sources";
      continue;
    }
    if (b.kind !== "item" && CHANGES_HEADING.test(line)) {
      state = "changes";
      note(b.pos, "import-generated-section", "changes");
      continue;
    }
    if (state === "changes") continue;
    if (state === "start" || state === "summary") {
      const marking = MARKING.exec(line);
      if (line && marking && (marking.groups?.cls || marking.groups?.tlp)) {
        const tlp = marking.groups.tlp?.toUpperCase();
        draft.marking = { ...(marking.groups.cls ? { classification: marking.groups.cls.toUpperCase().replace(/\s+/g, " ") } : {}), ...(tlp ? { tlp: tlp === "WHITE" ? "CLEAR" : tlp } : {}) };
        if (tlp === "WHITE") note(b.pos, "import-tlp-white", "white");
        continue;
      }
      const labelled = LABELLED.exec(line);
      if (labelled && state === "start") {
        const [, label, value] = labelled;
        const l = label!.toLowerCase();
        if (/^ref/.test(l)) {
          // yardstick's briefs print the assessment's id as their reference.
          if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value!.trim())) draft.id = value!.trim();
          else {
            draft.unmapped.push({ text: b.text, pos: b.pos });
            note(b.pos, "import-unmapped", "reference");
          }
        }
        else if (/author|by/.test(l)) draft.authors = value!.split(/\s*(?:,|;|\band\b)\s*/).filter(Boolean).map((v) => plain(v));
        else if (/issued|published|date/.test(l)) {
          const iso = parseDate(value!.replace(/\.$/, ""), options.dateOrder);
          if (iso) draft.issued = iso;
          else note(b.pos, "import-unreadable-date", "issued", { value: value!, order: options.dateOrder });
        } else {
          draft.unmapped.push({ text: b.text, pos: b.pos });
          note(b.pos, "import-unmapped", "line");
        }
        continue;
      }
      if (state === "start" && draft.title === undefined && draft.summary.length === 0 && (b.kind === "heading" || (line.length <= 150 && !/[.!?:;]$/.test(line)))) {
        draft.title = plain(b.text);
        continue;
      }
      if (b.kind === "item") {
        if (state === "summary" || draft.summary.length > 0) draft.summary.push(`${b.ordered ? "1." : "-"} ${text(b.text)}`);
        else {
          draft.unmapped.push({ text: b.text, pos: b.pos });
          note(b.pos, "import-orphan-item", "orphan");
        }
        continue;
      }
      if (b.kind === "heading" && state === "start" && draft.title !== undefined) {
        draft.unmapped.push({ text: b.text, pos: b.pos });
        note(b.pos, "import-unmapped", "heading");
        continue;
      }
      draft.summary.push(text(b.text));
      continue;
    }
    if (state === "judgment-list") {
      const j = startJudgment(draft.judgments.length + 1, b.pos);
      state = "judgment-list";
      if (!takeSentence(j, b.text, b.pos)) {
        j.statement = text(b.text);
        note(b.pos, "import-no-term", "noTerm", {}, "add `likelihood:` to the imported judgment");
      }
      continue;
    }
    if (state === "sources") {
      if (b.kind === "item" || /^\\?\[?\d{1,4}\\?\]?[.)]?\s/.test(line)) {
        const explicit = /^\\?\[?\s*(\d{1,4})\s*\\?\]?[.)]?\s/.exec(line);
        sourceNumber = explicit ? Number(explicit[1]) : sourceNumber + 1;
        if (b.kind === "item" && b.ordered && !explicit) sourceNumber = sourceEntries.size + 1;
        sourceEntry(b, b.kind === "item" && !explicit ? sourceNumber : sourceNumber);
      } else {
        draft.unmapped.push({ text: b.text, pos: b.pos });
        note(b.pos, "import-unmapped", "sourceLine");
      }
      continue;
    }
    // Inside a key judgment.
    const j = judgment!;
    if (b.kind === "item") {
      if (!sawSentence && j.statement === undefined && takeSentence(j, b.text, b.pos)) continue;
      j.evidence.push(evidenceFrom(b.text, b.pos));
      continue;
    }
    if (!sawSentence && takeSentence(j, b.text, b.pos)) continue;
    const labelled = LABELLED.exec(line);
    if (labelled) {
      const label = labelled[1]!.toLowerCase();
      const value = labelled[2]!.replace(/\.$/, "").trim();
      if (label === "confidence" && /^(low|moderate|medium|med|high)$/i.test(value)) {
        j.confidence = /^(medium|med)$/i.test(value) ? "moderate" : (value.toLowerCase() as DraftJudgment["confidence"]);
        continue;
      }
      if (label === "horizon") {
        const iso = parseDate(value, options.dateOrder);
        if (iso) {
          j.horizon = iso;
          continue;
        }
      }
      if (label === "note") {
        j.notes.push(text(value));
        continue;
      }
      if (label === "likelihood") {
        // The fact line repeats the sentence's term with its band: it adds nothing, unless the sentence had no term.
        const written = value.split(",")[0]!.trim();
        if (!foundTerms.some((f) => f.judgment === j)) {
          const parsed = parseSentence(`It is ${written} that x`, scaleList);
          if (parsed?.term) foundTerms.push({ term: parsed.term, judgment: j });
        }
        continue;
      }
    }
    const confidence = /^(?:we\s+have\s+|with\s+)?(low|moderate|medium|high)\s+confidence\b/i.exec(line);
    if (confidence && line.length < 120) {
      j.confidence = /medium/i.test(confidence[1]!) ? "moderate" : (confidence[1]!.toLowerCase() as DraftJudgment["confidence"]);
      continue;
    }
    j.notes.push(text(b.text));
    note(b.pos, "import-unmapped", "underJudgment");
  }

  chooseScale(draft, foundTerms, options, note);
  resolveSources(draft, cited, sourceEntries, read, note);
  for (const j of draft.judgments) {
    if (j.statement === undefined) note(j.pos, "import-no-sentence", "noSentence", { number: j.n }, "add `likelihood:` and `statement:` to the imported judgment");
  }
  if (draft.judgments.length === 0) note({ line: 1, column: 1 }, "import-no-judgments", "noJudgments");
  if (draft.title === undefined) note({ line: 1, column: 1 }, "import-no-title", "noTitle");
  if (draft.summary.length === 0) note({ line: 1, column: 1 }, "import-no-summary", "noSummary");
  if (draft.cutoff === undefined) note({ line: 1, column: 1 }, "import-no-cutoff", "noCutoff", {}, "add `cutoff: YYYY-MM-DD` to the imported file");
  return { draft, diagnostics: sortDiagnostics(diagnostics) };
}

/** Merges adjacent strings; a citation between two strings keeps one space on each side. */
function tidy(parts: TextPart[]): TextPart[] {
  const out: TextPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else out.push(p);
  }
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    if (typeof p !== "string") continue;
    let s = p;
    if (i === 0) s = s.trimStart();
    if (i === out.length - 1) s = s.trimEnd();
    out[i] = s;
  }
  return out.filter((p) => p !== "");
}

function chooseScale(
  draft: Draft,
  found: ReadonlyArray<{ term: FoundTerm; judgment: DraftJudgment }>,
  options: RecogniseOptions,
note: (pos: InputPosition, code: string, messageId: string, data?: MessageData, hint?: string) => void,
): void {
  const ids = Object.keys(options.scales);
  let scale = options.scale;
  if (!scale) {
    // The scale on which most terms resolve; the default scale (phia) wins ties.
    let best = "phia";
    let bestCount = -1;
    for (const id of ["phia", ...ids.filter((i) => i !== "phia")]) {
      const count = found.filter((f) => f.term.scales.includes(id)).length;
      if (count > bestCount) {
        best = id;
        bestCount = count;
      }
    }
    scale = best;
  }
  draft.scale = scale;
  for (const f of found) {
    f.judgment.likelihood = f.term.text;
    if (!f.term.scales.includes(scale)) {
      note(f.judgment.pos, "import-other-scale-term", "otherScale", { term: f.term.text, scales: f.term.scales.join(", ") || "no known scale", scale }, "choose the scale with --scale, or pick the nearest term of this scale by hand");
    }
  }
}

function resolveSources(
  draft: Draft,
  cited: ReadonlyMap<string, DraftSource>,
  entries: ReadonlyMap<number, DraftSource>,
  read: ReadBlocks,
note: (pos: InputPosition, code: string, messageId: string, data?: MessageData, hint?: string) => void,
): void {
  const out: DraftSource[] = [];
  const seen = new Set<string>();
  for (const [key, s] of cited) {
    const n = key.startsWith("n:") ? Number(key.slice(2)) : undefined;
    const entry = n !== undefined ? entries.get(n) : undefined;
    if (entry) {
      out.push({ ...entry, ...(entry.url ? {} : s.url ? { url: s.url } : {}) });
    } else if (n !== undefined) {
      const def = read.definitions.get(String(n));
      out.push({ key, ...(s.url ? { url: s.url } : {}), ...(def?.title ? { title: def.title } : {}), note: `Cited as [${n}] in the original brief, which has no Sources entry ${n}.` });
      const where = draft.judgments.flatMap((j) => j.evidence).find((e) => e.source === key || e.parts.some((p) => typeof p !== "string" && p.cite === key));
      note(where?.pos ?? { line: 1, column: 1 }, "import-missing-source-entry", "noEntry", { number: n });
    } else {
      out.push({ ...s, note: s.url ? "Cited as a linked “(source)” in the original brief." : "Cited as “(source)” in the original brief, with no link or title." });
    }
    seen.add(key);
  }
  for (const [n, entry] of [...entries].sort((a, b) => a[0] - b[0])) {
    if (!seen.has(`n:${n}`)) out.push(entry);
  }
  draft.sources = out;
}
