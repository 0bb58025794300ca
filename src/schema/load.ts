/**
 * Loading an assessment from YAML text with positions: every YAML and schema problem becomes a
 * diagnostic at the file:line:column of the offending node.
 */
import { basename, extname } from "node:path";
import { LineCounter, isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type YAMLError } from "yaml";
import { diagnostic, type MessageData } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { Assessment, FORMAT_VERSION, SLUG_PATTERN } from "./assessment.js";
import { canonicalise } from "./canonical.js";
import { nodeSpan, spanForPath, spanOf } from "./positions.js";
import { salvage, type Salvaged } from "./salvage.js";
import { renameTypoKeys } from "./typo-keys.js";
import { BUILT_IN_SCALES, type Scale } from "./scales.js";
import { duplicateKeys, expandedSize } from "./yaml-walk.js";
import { unknownKeyIssues, zodIssuesToDiagnostics } from "./zod-issues.js";

/** Largest file accepted by default (1 MiB): assessments are a few kilobytes. */
export const DEFAULT_MAX_BYTES = 1_048_576;

/** Most aliases a document may expand, to stop "billion laughs" alias bombs. */
export const MAX_ALIAS_COUNT = 100;

/** Options for {@link parseAssessment}. */
export interface ParseOptions {
  /** Largest accepted size in bytes; also the most characters the document may expand to through aliases. */
  maxBytes?: number;
  /** The scales likelihood terms and `scale:` are read against (default: the built-in ones). */
  scales?: Readonly<Record<string, Scale>>;
}

/** A parsed YAML file, before or after schema validation. */
export interface ParsedYaml {
  file: string;
  /** The decoded text ("" when the file could not be decoded). */
  text: string;
  lineCounter: LineCounter;
  /** The YAML document, when the text parsed far enough to have one. */
  doc?: Document;
  /** The plain value of the document, when it parsed without errors. */
  value?: unknown;
  diagnostics: Diagnostic[];
}

/** An assessment file after loading: the typed assessment when it is valid. */
export interface LoadedAssessment extends ParsedYaml {
  assessment?: Assessment;
  /**
   * The valid part of the file, with what was left out, whenever the top level is a mapping: the
   * lint rules run on it so that a broken node never hides the checks of the nodes that are fine.
   */
  partial?: Salvaged;
}

const YAML_RULES: Record<string, string> = {
  DUPLICATE_KEY: "yaml-duplicate-key",
  TAB_AS_INDENT: "yaml-tab-indent",
  MULTIPLE_DOCS: "yaml-multiple-documents",
  TAG_RESOLVE_FAILED: "yaml-unknown-tag",
};

const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: "each key may appear once in a mapping; merge the two entries or rename one",
  TAB_AS_INDENT: "indent with spaces; YAML does not allow tabs for indentation",
  BAD_INDENT: "check the indentation: items of the same list or mapping line up under each other",
  MISSING_CHAR: "a quote, bracket or brace is not closed",
  RESOURCE_EXHAUSTION: "an assessment needs only a few levels of lists and mappings; look for runaway `[`, `{` or `-`",
  MULTILINE_IMPLICIT_KEY: "a key must fit on one line; is a `:` missing after the previous key, or is a quote not closed?",
  BLOCK_AS_IMPLICIT_KEY: "a key must fit on one line; is a `:` missing after the previous key?",
  UNEXPECTED_TOKEN: "text containing `: ` or starting with a special character needs quotes or a `|` block",
  BAD_SCALAR_START: "text starting with a special character (`@`, backtick, `%`, `|`, `>`) needs quotes",
  TAG_RESOLVE_FAILED: "an assessment holds plain values only: remove the `!tag` (such as `!!js/function`) before the value",
  BAD_DQ_ESCAPE: "inside double quotes, a backslash starts an escape; use single quotes or `\\\\`",
};

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "").trim();
}

/** The key of the last top-level pair starting before `offset`. */
function topLevelKeyBefore(doc: Document | undefined, offset: number): Node | undefined {
  const root = doc?.contents;
  if (!root || !isMap(root)) return undefined;
  let found: Node | undefined;
  for (const item of root.items) {
    const key = isPair(item) ? (item.key as Node | null) : null;
    if (key?.range && key.range[0] <= offset) found = key;
  }
  return found;
}

/**
 * An unclosed quote or flow collection is reported by the parser at the end of the text; the
 * useful place is where it opens. Finds the quoted scalar or flow collection ending at the error.
 */
function openerOf(doc: Document | undefined, error: YAMLError): { node: Node; messageId: string; data: MessageData; hint: string } | undefined {
  if (!doc) return undefined;
  const unclosed = error.code === "MISSING_CHAR" || (error.code === "BAD_INDENT" && /^Flow (sequence|mapping)/.test(error.message));
  if (!unclosed) return undefined;
  let found: { node: Node; messageId: string; data: MessageData; hint: string } | undefined;
  visit(doc, {
    Node(_key, node) {
      const range = node.range;
      if (!range || range[1] !== error.pos[0]) return undefined;
      if (isScalar(node) && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE")) {
        const q = node.type === "QUOTE_DOUBLE" ? '"' : "'";
        found = { node, messageId: "unclosedQuote", data: { quote: q }, hint: `end the text with \`${q}\`, or drop the quotes and use a \`|\` block for long text` };
        return visit.BREAK;
      }
      if (isCollection(node) && node.flow) {
        const [open, close] = isSeq(node) ? ["[", "]"] : ["{", "}"];
        found = { node, messageId: "unclosedFlow", data: { open: open! }, hint: `end it with \`${close}\`, or write it in block style (one \`- item\` or \`key: value\` per line)` };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * A value followed by an over-indented line (`likelihood: likely` then `    statement: …` indented
 * further) makes the parser read both lines as one key. Returns the offset of the first
 * character of the over-indented line, when that is what happened.
 */
function overIndented(text: string, lc: LineCounter, error: YAMLError): number | undefined {
  if (error.code !== "BLOCK_AS_IMPLICIT_KEY" && error.code !== "MULTILINE_IMPLICIT_KEY") return undefined;
  const { line } = lc.linePos(error.pos[0]);
  const starts = lc.lineStarts;
  const here = starts[line - 1];
  const next = starts[line];
  if (here === undefined || next === undefined) return undefined;
  const indentOf = (from: number) => /^ */.exec(text.slice(from))?.[0].length ?? 0;
  const nextLine = text.slice(next, starts[line + 1] ?? text.length);
  if (nextLine.trim() === "" || nextLine.trimStart().startsWith("#") || !/^\s*[^\s:]+:(\s|$)/.test(nextLine)) return undefined;
  return indentOf(next) > indentOf(here) ? next + indentOf(next) : undefined;
}

function yamlErrorDiagnostic(file: string, text: string, lc: LineCounter, error: YAMLError, severity: "error" | "warning", doc?: Document): Diagnostic {
  const opener = openerOf(doc, error);
  if (opener?.node.range) {
    const start = opener.node.range[0];
    return diagnostic("yaml-syntax", opener.messageId, { file, ...spanOf(lc, start, start + 1) }, opener.data, opener.hint);
  }
  const over = overIndented(text, lc, error);
  if (over !== undefined) {
    return diagnostic("yaml-syntax", "overIndented", { file, ...spanOf(lc, over, over + 1) }, {}, "keys of one mapping line up under each other; if the line continues the text above, quote that text or use a `|` block");
  }
  let span = spanOf(lc, error.pos[0], error.pos[1]);
  if (error.code === "RESOURCE_EXHAUSTION") {
    // Where the parser ran out of stack depends on the stack size: name the top-level key instead.
    const key = topLevelKeyBefore(doc, error.pos[0]);
    span = key?.range ? spanOf(lc, key.range[0], key.range[1]) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
  }
  // The code by the parser's error code; the kind of problem (error or warning) picks the fallback.
  const code = YAML_RULES[error.code] ?? (severity === "error" ? "yaml-syntax" : "yaml-warning");
  const hint = YAML_HINTS[error.code];
  if (error.code === "TAB_AS_INDENT") return diagnostic(code, "tab", { file, ...span }, {}, hint);
  if (error.code === "RESOURCE_EXHAUSTION") return diagnostic(code, "tooDeep", { file, ...span }, {}, hint);
  let detail = firstLine(error.message);
  if (error.code === "DUPLICATE_KEY") detail = detail.replace(/^Map keys must be unique/, "duplicate key: map keys must be unique");
  return diagnostic(code, "parser", { file, ...span }, { detail: detail.charAt(0).toLowerCase() + detail.slice(1) }, hint);
}

/** A NUL character anywhere in the text, as a positioned diagnostic. */
function nulProblem(text: string, file: string): Diagnostic | undefined {
  const at = text.indexOf("\0");
  if (at === -1) return undefined;
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - (before.lastIndexOf("\n") + 1) + 1;
  return diagnostic("file-binary", "nul", { file, line, column }, {}, "an assessment is a UTF-8 YAML text file; remove the NUL bytes (a copy from a binary file or a broken editor?)");
}

function decode(input: string | Uint8Array, file: string): { text: string; problem?: Diagnostic } {
  if (typeof input === "string") {
    const text = input.replace(/^\uFEFF/, "");
    return { text, problem: nulProblem(text, file) };
  }
  const head = input.subarray(0, 8192);
  if (head.includes(0)) return { text: "", problem: diagnostic("file-binary", "binary", { file, line: 0, column: 0 }, {}, "an assessment is a UTF-8 YAML text file") };
  let decoded: string | undefined;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(input).replace(/^\uFEFF/, "");
  } catch {
    decoded = undefined;
  }
  if (decoded !== undefined) return { text: decoded, problem: nulProblem(decoded, file) };
  {
    // Point at the first byte that is not UTF-8 (shown as U+FFFD by a lenient decoder).
    const lossy = new TextDecoder("utf-8").decode(input);
    const at = Math.max(0, lossy.indexOf("\uFFFD"));
    const before = lossy.slice(0, at);
    const line = before.split("\n").length;
    const column = at - (before.lastIndexOf("\n") + 1) + 1;
    return { text: lossy, problem: diagnostic("file-encoding", "notUtf8", { file, line, column }, {}, "save the file as UTF-8 in your editor") };
  }
}

/**
 * Parses YAML text into a document and a plain value, reporting every YAML-level problem:
 * syntax errors, tabs, duplicate keys, several documents, alias bombs, empty or binary files.
 */
export function parseYaml(input: string | Uint8Array, file: string, options: ParseOptions = {}): ParsedYaml {
  const lineCounter = new LineCounter();
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes) {
    return {
      file,
      text: "",
      lineCounter,
      diagnostics: [
        diagnostic("file-too-large", "over", { file, line: 0, column: 0 }, { size: size.toLocaleString("en-GB"), limit: maxBytes.toLocaleString("en-GB") }, "split the assessment, or raise `maxFileBytes` in yardstick.config.yaml"),
      ],
    };
  }
  const { text, problem } = decode(input, file);
  if (problem) return { file, text, lineCounter, diagnostics: [problem] };

  const diagnostics: Diagnostic[] = [];
  // Duplicate keys are found below in linear time; the parser's own check is quadratic.
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[0];
  if (!doc || (doc.contents === null && doc.errors.length === 0)) {
    diagnostics.push(diagnostic("file-empty", "empty", { file, line: 1, column: 1 }, {}, "start from `yardstick new ID`, or copy an example from assessments/"));
    return { file, text, lineCounter, diagnostics };
  }
  for (const extra of list.slice(1)) {
    const start = extra.range[0];
    diagnostics.push(diagnostic("yaml-multiple-documents", "several", { file, ...spanOf(lineCounter, start, start) }, {}, "keep one assessment per file; remove the `---` line and what follows, or move it to its own file"));
    break;
  }
  // One syntax error usually sets off others on the same line; the first says what is wrong.
  // A tab in the indentation throws off everything after it: report the tabs alone.
  const reportedLines = new Set<number>();
  const tabs = doc.errors.some((e) => e.code === "TAB_AS_INDENT");
  for (const e of doc.errors) {
    if (tabs && e.code !== "TAB_AS_INDENT" && e.code !== "DUPLICATE_KEY") continue;
    const d = yamlErrorDiagnostic(file, text, lineCounter, e, "error", doc);
    if (d.ruleId !== "yaml-duplicate-key" && reportedLines.has(d.line)) continue;
    reportedLines.add(d.line);
    diagnostics.push(d);
  }
  // An unknown tag (`!!js/function`, `!custom`) asks for a type yardstick does not have: an error, not a guess.
  for (const w of doc.warnings) diagnostics.push(yamlErrorDiagnostic(file, text, lineCounter, w, w.code === "TAG_RESOLVE_FAILED" ? "error" : "warning"));
  diagnostics.push(...duplicateKeyDiagnostics(file, lineCounter, doc));
  const fatal = doc.errors.some((e) => e.code !== "DUPLICATE_KEY");
  if (fatal) return { file, text, lineCounter, doc, diagnostics };

  const expansion = expandedSize(doc.contents as Node | null, maxBytes);
  if (expansion.aliases > 0 && expansion.size > maxBytes) {
    const at = (expansion.over && nodeSpan(lineCounter, expansion.over)) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
    diagnostics.push(diagnostic("yaml-alias-bomb", "tooLarge", { file, ...at }, { limit: maxBytes.toLocaleString("en-GB") }, "an assessment needs few or no aliases (`*name`); write the text once, or split the assessment"));
    return { file, text, lineCounter, doc, diagnostics };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
    const unresolved = error instanceof ReferenceError ? firstUnresolvedAlias(doc) : undefined;
    if (unresolved) {
      const name = isAlias(unresolved) ? unresolved.source : "";
      diagnostics.push(diagnostic("yaml-alias-undefined", "undefined", { file, ...(nodeSpan(lineCounter, unresolved) ?? { line: 1, column: 1 }) }, { name }, "define the anchor (`&name`) before using the alias, or, if the text starts with `*`, put it in quotes"));
      return { file, text, lineCounter, doc, diagnostics };
    }
    let span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    visit(doc, {
      Alias(_key, node) {
        if (isAlias(node)) {
          span = nodeSpan(lineCounter, node) ?? span;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    diagnostics.push(diagnostic("yaml-alias-bomb", "tooMany", { file, ...span }, {}, `an assessment needs few or no aliases (\`*name\`); at most ${MAX_ALIAS_COUNT} alias expansions are allowed`));
    return { file, text, lineCounter, doc, diagnostics };
  }
  return { file, text, lineCounter, doc, value, diagnostics };
}

/** Each key written twice in one mapping: an error at the second, the first as related information. */
function duplicateKeyDiagnostics(file: string, lineCounter: LineCounter, doc: Document): Diagnostic[] {
  return duplicateKeys(doc.contents as Node | null).map(({ key, first, second }) => {
    const at = nodeSpan(lineCounter, second) ?? { line: 1, column: 1 };
    const was = nodeSpan(lineCounter, first) ?? { line: 1, column: 1 };
    const d = diagnostic("yaml-duplicate-key", "twice", { file, ...at }, { key, line: was.line }, YAML_HINTS.DUPLICATE_KEY);
    d.related = [{ file, ...was, message: `\`${key}\` is first written here` }];
    return d;
  });
}

/** The first alias in the document that names no anchor defined before it. */
function firstUnresolvedAlias(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) === undefined) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function idFromFileName(file: string): string {
  return basename(file, extname(file));
}

/**
 * Loads an assessment: YAML problems, then the format version, then the schema. Collects every
 * problem in the file rather than stopping at the first. The returned `assessment` is set only
 * when the file has no errors.
 */
export function parseAssessment(input: string | Uint8Array, file: string, options: ParseOptions = {}): LoadedAssessment {
  const parsed = parseYaml(input, file, options);
  const { doc, lineCounter, value, diagnostics } = parsed;
  if (!doc || value === undefined || diagnostics.some((d) => d.severity === "error" && d.ruleId !== "yaml-duplicate-key")) {
    return parsed;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const span = doc.contents ? nodeSpan(lineCounter, doc.contents) : undefined;
    diagnostics.push(diagnostic("yaml-not-mapping", "notMapping", { file, ...(span ?? { line: 1, column: 1 }) }, { actual: Array.isArray(value) ? "a list" : "a single value" }, "start from `yardstick new ID`, or copy an example from assessments/"));
    return parsed;
  }
  const record = value as Record<string, unknown>;
  const version = record.yardstick;
  if (typeof version === "number" && Number.isInteger(version) && version > FORMAT_VERSION) {
    diagnostics.push(diagnostic("format-version", "newer", { file, ...spanForPath(doc, lineCounter, ["yardstick"]) }, { version, supported: FORMAT_VERSION }, "upgrade yardstick (npm install yardstick@latest) to read this file"));
    return parsed;
  }
  if (version === undefined) {
    const { line, column } = spanForPath(doc, lineCounter, ["yardstick"]);
    diagnostics.push(diagnostic("schema-missing-key", "formatVersion", { file, line, column }, {}, `add \`yardstick: ${FORMAT_VERSION}\` at the top`));
  } else if (version !== FORMAT_VERSION) {
    diagnostics.push(diagnostic("format-version", "wrong", { file, ...spanForPath(doc, lineCounter, ["yardstick"]) }, { supported: FORMAT_VERSION, version: String(version) }, `write \`yardstick: ${FORMAT_VERSION}\``));
  }
  // Values written in another case or spacing of one canonical form are read as that form.
  diagnostics.push(...canonicalise(record, { file, doc, lineCounter, scales: options.scales ?? BUILT_IN_SCALES }));
  const fromName = idFromFileName(file);
  const fallbackId = SLUG_PATTERN.test(fromName) ? fromName : "assessment";
  const result = Assessment.safeParse(record, { reportInput: true });
  if (!result.success) {
    const ctx = { file, doc, lineCounter, schema: Assessment, value: record };
    const mapped = zodIssuesToDiagnostics(result.error.issues, ctx);
    // What sits under a misspelt key is checked too, as if the key were spelt right.
    const renamed = renameTypoKeys(record, Assessment);
    if (renamed) {
      const again = Assessment.safeParse(renamed.value, { reportInput: true });
      const issues = [...unknownKeyIssues(renamed.renames), ...(again.success ? [] : again.error.issues)];
      const seen = new Set(mapped.map((d) => `${d.ruleId}\u0000${d.line}:${d.column}`));
      for (const d of zodIssuesToDiagnostics(issues, { ...ctx, toFile: renamed.toFile })) {
        if (seen.has(`${d.ruleId}\u0000${d.line}:${d.column}`)) continue;
        seen.add(`${d.ruleId}\u0000${d.line}:${d.column}`);
        mapped.push(d);
      }
    }
    diagnostics.push(...mapped.filter((d) => !(d.ruleId === "schema-invalid-value" && d.message.startsWith("`yardstick`"))));
    return { ...parsed, partial: salvage(record, fallbackId) };
  }
  const data = result.data;
  const whole = (id: string): Salvaged => ({ assessment: { ...data, id }, broken: new Set(), origins: new Map(), renamed: new Map() });
  let id = data.id;
  if (id === undefined) {
    if (SLUG_PATTERN.test(fromName)) {
      id = fromName;
    } else {
      diagnostics.push(diagnostic("id-from-file-name", "noId", { file, line: 1, column: 1 }, { name: basename(file) }, "add `id: some-kebab-case-id`, or rename the file"));
      return { ...parsed, partial: whole(fallbackId) };
    }
  }
  const partial = whole(id);
  if (diagnostics.some((d) => d.severity === "error")) return { ...parsed, partial };
  return { ...parsed, assessment: partial.assessment, partial };
}
