/**
 * Loading an assessment from YAML text with positions: every YAML and schema problem becomes a
 * diagnostic at the file:line:column of the offending node.
 */
import { basename, extname } from "node:path";
import { LineCounter, isAlias, parseAllDocuments, visit, type Document, type YAMLError } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { Assessment, FORMAT_VERSION, SLUG_PATTERN } from "./assessment.js";
import { nodeSpan, spanForPath, spanOf } from "./positions.js";
import { zodIssuesToDiagnostics } from "./zod-issues.js";

/** Largest file accepted by default (1 MiB): assessments are a few kilobytes. */
export const DEFAULT_MAX_BYTES = 1_048_576;

/** Most aliases a document may expand, to stop "billion laughs" alias bombs. */
export const MAX_ALIAS_COUNT = 100;

/** Options for {@link parseAssessment}. */
export interface ParseOptions {
  /** Largest accepted size in bytes. */
  maxBytes?: number;
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
}

const YAML_RULES: Record<string, string> = {
  DUPLICATE_KEY: "yaml-duplicate-key",
  TAB_AS_INDENT: "yaml-tab-indent",
  MULTIPLE_DOCS: "yaml-multiple-documents",
};

const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: "each key may appear once in a mapping; merge the two entries or rename one",
  TAB_AS_INDENT: "indent with spaces; YAML does not allow tabs for indentation",
  BAD_INDENT: "check the indentation: items of the same list or mapping line up under each other",
  MISSING_CHAR: "a quote, bracket or brace is not closed",
  MULTILINE_IMPLICIT_KEY: "a key must fit on one line; is a `:` missing after the previous key, or is a quote not closed?",
  BLOCK_AS_IMPLICIT_KEY: "a key must fit on one line; is a `:` missing after the previous key?",
  UNEXPECTED_TOKEN: "text containing `: ` or starting with a special character needs quotes or a `|` block",
  BAD_SCALAR_START: "text starting with a special character (`@`, backtick, `%`, `|`, `>`) needs quotes",
  BAD_DQ_ESCAPE: "inside double quotes, a backslash starts an escape; use single quotes or `\\\\`",
};

function firstLine(message: string): string {
  const line = message.split("\n")[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "").trim();
}

function yamlErrorDiagnostic(file: string, lc: LineCounter, error: YAMLError, severity: "error" | "warning"): Diagnostic {
  const span = spanOf(lc, error.pos[0], error.pos[1]);
  let message = firstLine(error.message);
  if (error.code === "DUPLICATE_KEY") message = message.replace(/^Map keys must be unique/, "duplicate key: map keys must be unique");
  if (error.code === "TAB_AS_INDENT") message = "tab used for indentation";
  return {
    file,
    ...span,
    ruleId: YAML_RULES[error.code] ?? (severity === "error" ? "yaml-syntax" : "yaml-warning"),
    severity,
    message: message.charAt(0).toLowerCase() + message.slice(1),
    hint: YAML_HINTS[error.code],
  };
}

function decode(input: string | Uint8Array, file: string): { text: string; problem?: Diagnostic } {
  if (typeof input === "string") return { text: input.replace(/^\uFEFF/, "") };
  const head = input.subarray(0, 8192);
  const binary = (msg: string): { text: string; problem: Diagnostic } => ({
    text: "",
    problem: { file, line: 0, column: 0, ruleId: "file-binary", severity: "error", message: msg, hint: "an assessment is a UTF-8 YAML text file" },
  });
  if (head.includes(0)) return binary("this is a binary file, not YAML text");
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(input).replace(/^\uFEFF/, "") };
  } catch {
    return binary("the file is not valid UTF-8 text");
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
        {
          file,
          line: 0,
          column: 0,
          ruleId: "file-too-large",
          severity: "error",
          message: `the file is ${size.toLocaleString("en-GB")} bytes, over the limit of ${maxBytes.toLocaleString("en-GB")}`,
          hint: "split the assessment, or raise `maxFileBytes` in yardstick.config.yaml",
        },
      ],
    };
  }
  const { text, problem } = decode(input, file);
  if (problem) return { file, text, lineCounter, diagnostics: [problem] };

  const diagnostics: Diagnostic[] = [];
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[0];
  if (!doc || (doc.contents === null && doc.errors.length === 0)) {
    diagnostics.push({
      file,
      line: 1,
      column: 1,
      ruleId: "file-empty",
      severity: "error",
      message: "the file holds no assessment (it is empty or only comments)",
      hint: "start from `yardstick new ID`, or copy an example from assessments/",
    });
    return { file, text, lineCounter, diagnostics };
  }
  for (const extra of list.slice(1)) {
    const start = extra.range[0];
    diagnostics.push({
      file,
      ...spanOf(lineCounter, start, start),
      ruleId: "yaml-multiple-documents",
      severity: "error",
      message: "the file holds more than one YAML document",
      hint: "keep one assessment per file; remove the `---` line and what follows, or move it to its own file",
    });
    break;
  }
  for (const e of doc.errors) diagnostics.push(yamlErrorDiagnostic(file, lineCounter, e, "error"));
  for (const w of doc.warnings) diagnostics.push(yamlErrorDiagnostic(file, lineCounter, w, "warning"));
  const fatal = doc.errors.some((e) => e.code !== "DUPLICATE_KEY");
  if (fatal) return { file, text, lineCounter, doc, diagnostics };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
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
    diagnostics.push({
      file,
      ...span,
      ruleId: "yaml-alias-bomb",
      severity: "error",
      message: "aliases here expand to an excessive size (a YAML \"billion laughs\" pattern)",
      hint: `an assessment needs few or no aliases (\`*name\`); at most ${MAX_ALIAS_COUNT} alias expansions are allowed`,
    });
    return { file, text, lineCounter, doc, diagnostics };
  }
  return { file, text, lineCounter, doc, value, diagnostics };
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
    diagnostics.push({
      file,
      ...(span ?? { line: 1, column: 1 }),
      ruleId: "yaml-not-mapping",
      severity: "error",
      message: `the top level of an assessment must be a mapping of keys (\`title: …\`), not ${Array.isArray(value) ? "a list" : "a single value"}`,
      hint: "start from `yardstick new ID`, or copy an example from assessments/",
    });
    return parsed;
  }
  const record = value as Record<string, unknown>;
  const version = record.yardstick;
  if (typeof version === "number" && Number.isInteger(version) && version > FORMAT_VERSION) {
    diagnostics.push({
      file,
      ...spanForPath(doc, lineCounter, ["yardstick"]),
      ruleId: "format-version",
      severity: "error",
      message: `format version ${version} is newer than this yardstick supports (version ${FORMAT_VERSION})`,
      hint: "upgrade yardstick (npm install yardstick@latest) to read this file",
    });
    return parsed;
  }
  if (version !== undefined && version !== FORMAT_VERSION) {
    diagnostics.push({
      file,
      ...spanForPath(doc, lineCounter, ["yardstick"]),
      ruleId: "format-version",
      severity: "error",
      message: `\`yardstick\` is the format version and must be ${FORMAT_VERSION}, not \`${String(version)}\``,
      hint: `write \`yardstick: ${FORMAT_VERSION}\``,
    });
  }
  const result = Assessment.safeParse(value, { reportInput: true });
  if (!result.success) {
    const mapped = zodIssuesToDiagnostics(result.error.issues, { file, doc, lineCounter, schema: Assessment, value });
    diagnostics.push(...mapped.filter((d) => !(d.ruleId === "schema-invalid-value" && d.message.startsWith("`yardstick`"))));
    return parsed;
  }
  const data = result.data;
  let id = data.id;
  if (id === undefined) {
    const fromName = idFromFileName(file);
    if (SLUG_PATTERN.test(fromName)) {
      id = fromName;
    } else {
      diagnostics.push({
        file,
        line: 1,
        column: 1,
        ruleId: "id-from-file-name",
        severity: "error",
        message: `the file name \`${basename(file)}\` is not a kebab-case id, and the assessment has no \`id\``,
        hint: "add `id: some-kebab-case-id`, or rename the file",
      });
      return parsed;
    }
  }
  if (diagnostics.some((d) => d.severity === "error")) return parsed;
  return { ...parsed, assessment: { ...data, id } };
}
