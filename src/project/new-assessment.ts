/**
 * `yardstick new`: the text of a new assessment file, and writing it without ever overwriting.
 *
 * The file passes `yardstick check` as written: one real judgment whose text is an obvious
 * `TODO` placeholder, and a commented example of a complete judgment with sourced evidence.
 */
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, unlinkSync, writeSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { stringify } from "yaml";
import { MAX_ID_LENGTH, SLUG_PATTERN } from "../schema/assessment.js";
import { BUILT_IN_SCALES, DEFAULT_SCALE_ID, type Scale } from "../schema/scales.js";

/** Where the JSON Schema lives inside a project (and inside the yardstick package). */
export const SCHEMA_RELATIVE_PATH = "schema/assessment.schema.json";

/** Longest title accepted on the command line. */
export const MAX_TITLE_LENGTH = 200;

/** Why an id cannot name a new assessment, or undefined when it can. */
export function newIdProblem(id: string): string | undefined {
  if (id.length === 0) return "the id is empty";
  if (id.length > MAX_ID_LENGTH) return `the id is longer than ${MAX_ID_LENGTH} characters`;
  if (!SLUG_PATTERN.test(id)) return `\`${id}\` is not a kebab-case id (lower-case letters, digits and single hyphens, e.g. isk-2023-01)`;
  return undefined;
}

/** Why a title cannot be used, or undefined when it can. */
export function titleProblem(title: string): string | undefined {
  if (title.trim().length === 0) return "the title is empty";
  if (title.length > MAX_TITLE_LENGTH) return `the title is longer than ${MAX_TITLE_LENGTH} characters`;
  if (/[\u0000-\u001f\u007f]/.test(title)) return "the title holds a line break or another control character";
  return undefined;
}

/** A readable default title from an id: `isk-2023-01` → "Isk 2023 01". */
export function titleFromId(id: string): string {
  const words = id.split("-").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The JSON Schema shipped with the running yardstick (in its package, or this repository's `schema/`). */
export const PACKAGE_SCHEMA_FILE = fileURLToPath(new URL(`../../${SCHEMA_RELATIVE_PATH}`, import.meta.url));

/** A path from `fromDir` to `file`, `/`-separated; absolute when there is no relative way (another drive). */
function relativePath(fromDir: string, file: string): string {
  const rel = relative(fromDir, file);
  return isAbsolute(rel) ? file.split(sep).join("/") : rel.split(sep).join("/");
}

/**
 * The `$schema` path for the modeline, relative to the folder the file goes in, always naming a
 * file that exists: the nearest `schema/assessment.schema.json` at or above that folder (the
 * project's own copy), or the one in a `node_modules/yardstick` at or above it (the installed
 * package), else the schema of the running yardstick itself.
 */
export function schemaPathFor(targetDir: string, packageSchema: string = PACKAGE_SCHEMA_FILE): string {
  const from = resolve(targetDir);
  for (let dir = from; ; ) {
    for (const candidate of [join(dir, SCHEMA_RELATIVE_PATH), join(dir, "node_modules", "yardstick", SCHEMA_RELATIVE_PATH)]) {
      if (existsSync(candidate)) return relativePath(from, candidate);
    }
    const parent = dirname(dir);
    if (parent === dir) return relativePath(from, packageSchema);
    dir = parent;
  }
}

/** What goes into a new assessment. */
export interface NewAssessmentInput {
  id: string;
  title: string;
  /** Today, YYYY-MM-DD: the cutoff. */
  cutoff: string;
  scale: Scale;
  /** `$schema` path for the modeline. */
  schemaPath: string;
}

/** A YAML scalar on one line, quoted only when needed. */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** The middle term of a scale: a neutral placeholder likelihood. */
function placeholderTerm(scale: Scale): { text: string; phrase: string } {
  const term = scale.terms[Math.floor((scale.terms.length - 1) / 2)] ?? scale.terms[0];
  const form = term?.forms[0];
  if (!form) throw new Error(`scale ${scale.id} has no terms`);
  return form;
}

/** The text of a new assessment file. */
export function newAssessmentText(input: NewAssessmentInput): string {
  const placeholder = placeholderTerm(input.scale);
  const terms = input.scale.terms.map((t) => t.label).join(", ");
  const strongest = input.scale.terms[input.scale.terms.length - 2]?.label ?? placeholder.text;
  return `# yaml-language-server: $schema=${input.schemaPath}
# Written by \`yardstick new\`. Replace every TODO, then watch the brief as you save:
#   npx yardstick preview <this file>
yardstick: 1
id: ${input.id}
title: ${scalar(input.title)}
cutoff: ${input.cutoff} # intelligence cutoff: the date of the newest information used
scale: ${input.scale.id} # terms: ${terms}
summary: |
  TODO: the bottom line, in one or two short paragraphs of Markdown.
judgments:
  - id: first-judgment # kebab-case, stable across editions
    likelihood: ${placeholder.text}
    statement: ${scalar("TODO: who will do what, and by when.")} # reads "${placeholder.phrase} that …"
    confidence: low # low | moderate | high
    horizon: 12 months # when it can be judged: a duration after the cutoff, or a date
    evidence:
      - ${scalar("TODO: what supports the judgment (a plain string is an unsourced item).")}
  # A complete judgment, for reference:
  # - id: attacks-continue
  #   likelihood: ${strongest}
  #   statement: the group will continue its attacks over the next 12 months.
  #   confidence: moderate
  #   horizon: 12 months # or a date, YYYY-MM-DD
  #   evidence:
  #     - text: The group claimed three attacks in the last month.
  #       source: example-report # an id from \`sources\` below
  #       date: ${input.cutoff}
  #     - An unsourced item is a plain string.
# sources:
#   - id: example-report
#     title: Monthly security report
#     url: https://example.org/report
#     publisher: Example Institute
#     date: ${input.cutoff}
#     reliability: B # Admiralty A–F
#     credibility: 2 # Admiralty 1–6
`;
}

/** Options for {@link createAssessment}. */
export interface CreateAssessmentOptions {
  id: string;
  title?: string;
  /** Scale id; `phia` when absent. */
  scale?: string;
  /** Scales that may be named (built-in, plus custom ones from the config). */
  scales?: Readonly<Record<string, Scale>>;
  /** Absolute folder the file goes in; created when missing. */
  dir: string;
  /** Today as YYYY-MM-DD (injectable for tests). */
  today: string;
}

/** The outcome of {@link createAssessment}. */
export type CreateAssessmentResult =
  | { ok: true; file: string; text: string }
  | { ok: false; reason: "invalid-id" | "invalid-title" | "unknown-scale" | "exists" | "write-failed"; message: string; hint?: string; file?: string };

/** Writes `text` to `file` only if `file` does not exist: temp file + hard link (atomic, no clobber). */
function writeExclusive(file: string, text: string): void {
  const tmp = join(dirname(file), `.${randomBytes(6).toString("hex")}.yardstick-new.tmp`);
  const fd = openSync(tmp, "wx", 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw error;
    // Filesystems without hard links: an exclusive create is the next best thing.
    const out = openSync(file, "wx", 0o644);
    try {
      writeSync(out, text);
    } finally {
      closeSync(out);
    }
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
}

/** Writes `text` to `file` only if it does not exist yet (atomic, no clobber); throws EEXIST otherwise. */
export function writeNewFile(file: string, text: string): void {
  writeExclusive(file, text);
}

/** Validates the input and writes `DIR/ID.yaml`; never overwrites an existing file. */
export function createAssessment(options: CreateAssessmentOptions): CreateAssessmentResult {
  const idProblem = newIdProblem(options.id);
  if (idProblem) return { ok: false, reason: "invalid-id", message: idProblem, hint: "an id names the file and the brief: use lower-case words joined by hyphens, e.g. `yardstick new isk-2023-01`" };
  const title = options.title?.trim() ?? titleFromId(options.id);
  const tProblem = titleProblem(title);
  if (tProblem) return { ok: false, reason: "invalid-title", message: tProblem, hint: "give a one-line title, e.g. --title \"IS-K and the Taliban\"" };
  const scales = options.scales ?? BUILT_IN_SCALES;
  const scaleId = options.scale ?? DEFAULT_SCALE_ID;
  const scale = Object.hasOwn(scales, scaleId) ? scales[scaleId] : undefined;
  if (!scale) return { ok: false, reason: "unknown-scale", message: `unknown scale \`${scaleId}\``, hint: `use one of: ${Object.keys(scales).join(", ")}` };
  const dir = resolve(options.dir);
  const file = join(dir, `${options.id}.yaml`);
  const text = newAssessmentText({ id: options.id, title, cutoff: options.today, scale, schemaPath: schemaPathFor(dir) });
  try {
    mkdirSync(dir, { recursive: true });
    writeExclusive(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return { ok: false, reason: "exists", file, message: `${file} already exists; yardstick new never overwrites a file`, hint: "pick another id, or edit the existing file" };
    return { ok: false, reason: "write-failed", file, message: `cannot write ${file} (${code ?? "unknown error"})` };
  }
  return { ok: true, file, text };
}
