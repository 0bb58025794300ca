/**
 * The catalogue of built-in diagnostic codes: every problem yardstick reports that is not a lint
 * rule (YAML, schema, files, config, build, render). Each code has a default severity, a one-line
 * description, a docs anchor (docs/codes.md), whether `rules:` in the config may change it, and —
 * for codes whose wording is data — its messages with `{placeholder}`s (ESLint's `meta.messages`).
 *
 * Adding a code is one entry here (plus `npm run docs`): the catalogue test fails on any code
 * written in `src/` that is not listed, and docs/codes.md is generated from this list and
 * the rules (src/check/catalogue.ts joins them).
 */
import type { Diagnostic, Severity } from "./diagnostic.js";

/** The stage of the pipeline that reports a code (docs group codes by it). */
export type CodeStage = "input" | "yaml" | "schema" | "config" | "editions" | "build" | "render" | "preview" | "import";

/** One built-in code. */
export interface BuiltinCode {
  /** kebab-case id, shown in output and usable in `rules:`. */
  id: string;
  /** Default severity. */
  severity: Severity;
  /** One line: what the code reports. */
  description: string;
  stage: CodeStage;
  /**
   * True when `rules: { <id>: off | warn | error }` may change it. Codes that stop a file from
   * being read at all (syntax, encoding, schema shape) are not configurable: turning them off
   * would build from nothing.
   */
  configurable: boolean;
  /** Messages by message id, with `{name}` placeholders filled by {@link formatMessage}. */
  messages?: Readonly<Record<string, string>>;
}

const code = (id: string, severity: Severity, stage: CodeStage, configurable: boolean, description: string, messages?: Record<string, string>): BuiltinCode =>
  messages ? { id, severity, stage, configurable, description, messages } : { id, severity, stage, configurable, description };

/** Every built-in code, in docs order. One line per code. */
export const BUILTIN_CODES: readonly BuiltinCode[] = [
  code("input-missing", "error", "input", false, "A path given on the command line does not exist.", { missing: "no such file or folder: {path}" }),
  code("input-empty", "error", "input", false, "A folder given on the command line holds no assessment files.", { empty: "no assessment files (*.yaml) in {path}" }),
  code("file-unreadable", "error", "input", false, "The file could not be read (permissions, a folder, a vanished file).", { cannotRead: "cannot read the file ({reason})", noSuchFile: "no such file", noSuchConfig: "no such config file", noSuchPath: "no such file: {path}", git: "{reason}" }),
  code("file-too-large", "error", "input", false, "The file is larger than the input limit (`maxFileBytes`).", { over: "the file is {size} bytes, over the limit of {limit} bytes", overUnknown: "the file is more than {limit} bytes", git: "{reason}" }),
  code("file-binary", "error", "input", false, "The file is binary (NUL bytes), not YAML text.", { binary: "this is a binary file, not YAML text", nul: "the file holds a NUL character here: it is not YAML text" }),
  code("file-encoding", "error", "input", false, "The file is not valid UTF-8.", { notUtf8: "the file is not valid UTF-8 text (here is a byte of another encoding)" }),
  code("file-empty", "error", "input", false, "The file holds no assessment (empty, or only comments).", { empty: "the file holds no assessment (it is empty or only comments)" }),
  code("file-not-regular", "error", "input", false, "The path is not a regular file (a folder, FIFO, device or socket).", { link: "cannot read the file: it is a symbolic link, which is not followed here", socket: "cannot read the file: it is a socket, not a regular file", folder: "cannot read the file: it is a folder, not a file", kind: "cannot read the file: it is {kind}, not a regular file" }),
  code("input-link", "warning", "input", false, "A symbolic link was not followed (out of the folder given, broken, or a loop).", { outside: "not followed: the symbolic link points out of the folder given{target}", loop: "not followed: the symbolic link leads back to a folder that holds it{target}", broken: "not followed: the symbolic link points nowhere" }),
  code("file-removed", "error", "preview", false, "A file the preview was showing was removed or renamed.", { removed: "this file is no longer served (moved, renamed or deleted)" }),
  code("yaml-syntax", "error", "yaml", false, "The YAML cannot be parsed (indentation, unclosed quotes, stray characters).", { parser: "{detail}", unclosedQuote: "the quote `{quote}` opened here is never closed", unclosedFlow: "the `{open}` opened here is never closed", overIndented: "this line is indented further than the line above it", tooDeep: "the text is nested too deeply to read" }),
  code("yaml-warning", "warning", "yaml", true, "The YAML parser warned about something it could still read.", { parser: "{detail}" }),
  code("yaml-unknown-tag", "error", "yaml", false, "A YAML tag (`!!js/function`, …) that an assessment cannot hold.", { parser: "{detail}" }),
  code("yaml-duplicate-key", "error", "yaml", false, "A key appears twice in one mapping.", { parser: "{detail}", twice: "the key `{key}` is written twice in this mapping (first on line {line})" }),
  code("yaml-tab-indent", "error", "yaml", false, "A line is indented with a tab.", { tab: "tab used for indentation" }),
  code("yaml-multiple-documents", "error", "yaml", false, "The file holds more than one YAML document (`---`).", { parser: "{detail}", several: "the file holds more than one YAML document" }),
  code("yaml-not-mapping", "error", "yaml", false, "The top level is not a mapping of keys.", { notMapping: "the top level of an assessment must be a mapping of keys (`title: …`), not {actual}" }),
  code("yaml-alias-undefined", "error", "yaml", false, "An alias (`*name`) refers to no anchor defined before it.", { undefined: "the alias `*{name}` refers to no anchor `&{name}` defined before it" }),
  code("yaml-alias-bomb", "error", "yaml", false, "Aliases expand to an excessive size (a \"billion laughs\" pattern).", { tooLarge: "aliases here expand the document to more than {limit} characters, the size limit of a file (a YAML \"billion laughs\" pattern)", tooMany: "aliases here expand to an excessive size (a YAML \"billion laughs\" pattern)" }),
  code("format-version", "error", "schema", false, "The `yardstick:` format version is missing, wrong or newer than this yardstick.", { newer: "format version {version} is newer than this yardstick supports (version {supported})", wrong: "`yardstick` is the format version and must be {supported}, not `{version}`" }),
  code("schema-missing-key", "error", "schema", false, "A required key is missing.", { missing: "missing required key `{key}`", missingIn: "missing required key `{key}` in `{parent}`", formatVersion: "missing required key `yardstick` (the format version)" }),
  code("schema-unknown-key", "error", "schema", false, "A key the format does not define (usually a typo).", { unknown: "unknown key `{key}`", unknownIn: "unknown key `{key}` in `{parent}`" }),
  code("schema-invalid-type", "error", "schema", false, "A value has the wrong type (a list where text belongs, …).", { type: "`{path}` must be {expected}, not {actual}" }),
  code("schema-invalid-value", "error", "schema", false, "A value is of the right type but not allowed (a bad date, id or enum value).", { notOneOf: "`{path}` is `{value}`, which is not one of {allowed}", dateFormat: "`{path}` is `{value}`, a date not written YYYY-MM-DD", durationFormat: "`{path}` is `{value}`, not a duration as yardstick writes it", notCalendarDay: "`{path}` is `{value}`, which is not a day of the calendar", invalid: "`{path}` {problem}" }),
  code("schema-too-few", "error", "schema", false, "A list has fewer items than required (e.g. no judgments).", { tooFew: "`{path}` {problem}" }),
  code("canonical-form", "warning", "schema", true, "A value is another case or spacing of a canonical form (`Likely`, `tlp:green`); it is read as that form, and `--fix` writes it so.", { canonical: "`{written}` is read as `{value}`; write it that way" }),
  code("id-from-file-name", "error", "schema", false, "No `id` is given and the file name is not a kebab-case id.", { noId: "the file name `{name}` is not a kebab-case id, and the assessment has no `id`" }),
  code("config-scale-name", "error", "config", false, "A custom scale in the config takes the name of a built-in scale.", { taken: "the scale name `{id}` is taken by a built-in scale" }),
  code("config-scale-range", "error", "config", false, "A custom scale term has its minimum above its maximum.", { minAboveMax: "term `{term}` has min {min} above max {max}" }),
  code("config-unknown-rule", "warning", "config", true, "`rules:` in the config names no known rule or code.", { unknown: "unknown rule `{id}` in `rules:`" }),
  code("config-rule-fixed", "warning", "config", false, "`rules:` in the config tries to change a code that cannot be configured.", {
    fixed: "`{id}` cannot be configured in `rules:` (it stops the file from being read); the setting is ignored",
  }),
  code("config-templates", "error", "config", false, "The config's templates folder cannot be used (missing, not a folder, unreadable).", { unusable: "the templates folder `{folder}` {problem} ({path})" }),
  code("templates-missing", "error", "config", false, "The templates folder named in the config does not exist.", { missing: "{reason}" }),
  code("supersedes-not-found", "warning", "editions", true, "The previous edition named by `supersedes` is not among the inputs or on disk.", {
    self: "an assessment cannot supersede itself",
    outside: "`supersedes: {reference}` points outside the project",
    noFile: "the previous edition `{reference}` does not exist",
    noId: "no assessment with id `{reference}` among the inputs",
  }),
  code("supersedes-cycle", "warning", "editions", true, "`supersedes` goes round in a circle of editions.", { cycle: "`supersedes` goes round in a circle: {cycle}" }),
  code("supersedes-invalid", "warning", "editions", true, "The previous edition named by `supersedes` has errors, so no \"changes\" section is shown.", {
    hasErrors: 'the previous edition `{reference}` has errors, so the brief has no "changes" section',
  }),
  code("unknown-format", "error", "build", false, "An output format that does not exist was asked for.", { unknown: "unknown output format `{format}`" }),
  code("duplicate-output-id", "error", "build", false, "Two inputs have the same id, so both would write the same outputs.", {
    duplicate: "the id `{id}` is also used by {others}; both would write the same outputs, so neither is built",
  }),
  code("output-path", "error", "build", false, "The id does not make a file name inside the output folder.", {
    outside: "the id `{id}` does not make a file name inside the output folder",
    reserved: "the id `{id}` cannot name output files: {reason}",
  }),
  code("output-unwritable", "error", "build", false, "The output folder, an output or the manifest could not be written.", {
    folder: "cannot create the output folder ({reason})",
    lock: "cannot write the build's lock file in the output folder ({reason}); nothing was written",
    output: "cannot write {path} ({reason})",
    manifest: "cannot write the manifest ({reason})",
    flush: "cannot flush the written outputs to disk ({reason})",
  }),
  code("output-locked", "error", "build", false, "Another build is writing into the same output folder.", {
    locked: "another build (process {pid}) is writing into this folder; waited {seconds} s for it to finish",
  }),
  code("build-interrupted", "error", "build", false, "The build was stopped (Ctrl-C or SIGTERM); what was written is kept.", {
    interrupted: "the build was stopped by {signal}: {done} of {total} briefs finished; what was written is kept",
  }),
  code("renderer-unavailable", "error", "render", false, "A format's renderer cannot run here (no browser, or one that cannot start).", { unavailable: "{format}: {reason}" }),
  code("render-failed", "error", "render", false, "A brief could not be rendered in a format.", { failed: "the {format} brief could not be rendered: {reason}", preview: "the brief could not be rendered: {reason}" }),
  code("release-refused", "error", "build", false, "A tearline release (`--release`) of a brief cannot be made: the level cannot be read, or the title or summary is above it.", {
    level: "no release at `{level}`: {reason}",
    refused: "no release at `{level}`: {reason}",
  }),
  code("render-timeout", "error", "render", false, "One brief took longer to print than the per-operation limit (YARDSTICK_PDF_TIMEOUT); the others go on.", { failed: "the {format} brief could not be rendered: {reason}" }),
  code("render-too-large", "error", "render", false, "A brief is too large to print as one PDF; its other formats are still written.", { failed: "the {format} brief could not be rendered: {reason}" }),
  code("renderer-crashed", "error", "render", false, "The browser died during the build: the PDFs of this and later briefs were not printed (those printed are kept).", { failed: "the {format} brief could not be rendered: {reason}", notWritten: "the PDF brief was not written: {reason}" }),
  code("renderer-unresponsive", "error", "render", false, "The browser stopped answering during the build and was stopped: the PDFs of this and later briefs were not printed.", { notWritten: "the PDF brief was not written: {reason}" }),
  code("render-clipped-content", "warning", "render", true, "Text runs past the printed column (a word or URL too long to wrap) and is cut off in the PDF.", { clipped: "text wider than the page's text column is cut off in the PDF: \"{text}\"" }),
  code("stix-previous-ignored", "warning", "render", true, "The file in the output folder is not this assessment's STIX bundle, so its objects start a new version history.", { notThisBundle: "{path} is not this assessment's STIX bundle, so the new bundle's objects start a new version history" }),
  code("render-blocked-request", "warning", "render", true, "The brief tried to load something from outside (blocked: PDFs are printed offline).", { blocked: "the brief tried to load {url}; rendering is offline, so the request was refused" }),
  code("write-failed", "error", "input", false, "`check --fix` could not write the fixed file (a link, a full disk); the file is unchanged.", { notWritten: "--fix could not write the file: {reason}; it is unchanged" }),
  code("outcome-duplicate", "error", "schema", false, "An outcomes ledger records the same judgment twice.", { twice: "the outcome of `{judgment}` in `{assessment}` is recorded twice (first at line {line})" }),
  code("outcome-conflict", "error", "schema", false, "Two records of one judgment's outcome disagree; the question stays unresolved.", { conflict: "the outcome of `{question}` is recorded as {here} here but as {there} at {place}" }),
  code("outcome-unknown-judgment", "warning", "schema", true, "An outcomes ledger entry names no judgment of the scored archive.", { noJudgment: "no judgment `{judgment}` in assessment `{assessment}`", noAssessment: "no assessment `{assessment}` among the inputs", notIssued: "no assessment `{assessment}` among the inputs issued by {asOf}" }),
  code("import-unreadable", "error", "import", false, "The file given to `import` cannot be read as its format (e.g. not a .docx).", { notDocx: "the file is not a Word document (.docx) that can be read" }),
  code("file-unwritable", "error", "import", false, "The imported assessment could not be written.", { cannotWrite: "cannot write the file ({reason})" }),
  code("import-exists", "error", "import", false, "An assessment of the imported name already exists; `import` never overwrites.", { exists: "an assessment of this name already exists; `import` never overwrites a file" }),
  code("import-no-title", "warning", "import", false, "No title was found in the imported brief.", { noTitle: "no title found; the imported file says `TODO: title`" }),
  code("import-no-summary", "warning", "import", false, "No summary was found in the imported brief.", { noSummary: "no summary found; the imported file says `TODO: summary`" }),
  code("import-no-judgments", "warning", "import", false, "No key judgment was found in the imported brief.", { noJudgments: "no key judgment found (\"Key Judgment 1\", \"KJ1\", a \"Key Judgments\" list …)" }),
  code("import-no-cutoff", "error", "import", false, "No intelligence cut-off line was found; none is invented.", { noCutoff: "no intelligence cut-off line found (\"Intelligence cut off 09/07/22\"); none is invented" }),
  code("import-no-sentence", "warning", "import", false, "A key judgment has no estimative sentence.", { noSentence: "Key Judgment {number} has no estimative sentence" }),
  code("import-no-term", "warning", "import", false, "A judgment's sentence has no term of a probability yardstick.", { noTerm: "this judgment's sentence has no term of a probability yardstick" }),
  code("import-two-terms", "warning", "import", false, "A sentence holds more than one estimative term; the first was used.", { twoTerms: "the sentence holds more than one estimative term ({terms}); the first one was used" }),
  code("import-other-scale-term", "warning", "import", false, "A term belongs to another probability scale than the one imported to.", { otherScale: "`{term}` is a term of {scales}, not of {scale}" }),
  code("import-rephrased", "warning", "import", false, "A sentence was rephrased into the house form; the original is kept in a note.", { rephrased: "the sentence was rephrased to read \"It is {term} that {statement}\"; the original is kept in the judgment's note" }),
  code("import-unreadable-date", "warning", "import", false, "A date does not read in the date order given (`--date-order`).", { evidenceDate: "`{value}` is not a date in {order} order; it is left out", cutoff: "the cut-off `{value}` is not a date in {order} order", issued: "`{value}` is not a date in {order} order; the issue date is left out" }),
  code("import-unmapped", "warning", "import", false, "A line or heading maps to no field; it is kept as a comment.", { reference: "the reference is not a kebab-case id; it is kept as a comment", line: "this line maps to no field of an assessment; it is kept as a comment", heading: "a heading that is neither the summary nor a key judgment; it is kept as a comment", sourceLine: "a line in the Sources list that is not an entry; it is kept as a comment", underJudgment: "text under a key judgment that is neither its estimative sentence nor evidence; it is kept in the judgment's note" }),
  code("import-orphan-item", "warning", "import", false, "A bullet before any key judgment or summary; it is kept as a comment.", { orphan: "a bullet before any key judgment or summary; it is kept as a comment" }),
  code("import-missing-source-entry", "warning", "import", false, "A citation has no entry in the Sources list.", { noEntry: "citation [{number}] has no entry in the Sources list" }),
  code("import-generated-section", "info", "import", false, "The \"changes\" section is made by `build`, so it is not imported.", { changes: "the \"Changes since the previous edition\" section is made by `build` from `supersedes`; it is not imported" }),
  code("import-tlp-white", "warning", "import", false, "TLP:WHITE (TLP 1.0) was imported as TLP:CLEAR (TLP 2.0).", { white: "TLP:WHITE is TLP 1.0; it was imported as TLP 2.0's TLP:CLEAR" }),
];

const byId = new Map(BUILTIN_CODES.map((c) => [c.id, c]));

/** The built-in code with this id, or undefined. */
export function builtinCode(id: string): BuiltinCode | undefined {
  return byId.get(id);
}

/** Values of a message's `{placeholder}`s. */
export type MessageData = Readonly<Record<string, string | number>>;

/** A placeholder in a message template (`{name}`), of built-in codes and lint rules alike. */
export const MESSAGE_PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** The placeholder names of a message template, in order of appearance. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(MESSAGE_PLACEHOLDER)].map((m) => m[1]!);
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written. */
export function fillPlaceholders(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(MESSAGE_PLACEHOLDER, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** The message `messageId` of a built-in code, filled with `data`. Throws on an unknown id (a bug). */
export function formatMessage(codeId: string, messageId: string, data: Readonly<Record<string, string | number>> = {}): string {
  const template = byId.get(codeId)?.messages?.[messageId];
  if (template === undefined) throw new Error(`no message \`${messageId}\` for the code \`${codeId}\``);
  return fillPlaceholders(template, data);
}

/** Where a diagnostic points. */
export type DiagnosticAt = Pick<Diagnostic, "file" | "line" | "column"> & Partial<Pick<Diagnostic, "endLine" | "endColumn">>;

/**
 * A diagnostic of a built-in code from its message id: severity from the catalogue, the message
 * from its template, and `messageId` kept so tests assert the id rather than the wording.
 */
export function diagnostic(codeId: string, messageId: string, at: DiagnosticAt, data: Readonly<Record<string, string | number>> = {}, hint?: string): Diagnostic {
  const entry = byId.get(codeId);
  if (!entry) throw new Error(`unknown diagnostic code \`${codeId}\``);
  const d: Diagnostic = { ...at, ruleId: codeId, severity: entry.severity, message: formatMessage(codeId, messageId, data), messageId };
  if (hint !== undefined) d.hint = hint;
  return d;
}

/** A position for problems of the build itself, not of one file. */
export const NOWHERE: DiagnosticAt = { file: "", line: 0, column: 0 };
