/**
 * Turns zod issues into positioned diagnostics with fix hints.
 */
import { z } from "zod";
import type { Document, LineCounter } from "yaml";
import { diagnostic } from "../diagnostics/codes.js";
import type { Diagnostic, Fix } from "../diagnostics/diagnostic.js";
import { scalarFix } from "./fix-text.js";
import { ENUM_FIELDS, readDate, readDuration, readEnum, type Reading } from "./lenient.js";
import { locate, spanForPath, type DocPath } from "./positions.js";
import { closest, didYouMean, onlyTypoCandidate } from "./suggest.js";

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** Formats a path as `judgments[1].likelihood`. */
export function formatPath(path: DocPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out === "" ? "the document" : out;
}

function describeValue(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "text";
  if (typeof value === "number") return Number.isNaN(value) ? "`.nan` (not a number)" : Number.isFinite(value) ? "a number" : "an infinite value (`.inf`)";
  if (typeof value === "boolean") return "true/false";
  return typeof value;
}

const EXPECTED_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
};

/** Strips optional/default/nullable wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodReadonly) {
      s = (s as unknown as { unwrap(): AnySchema }).unwrap();
    } else {
      return s;
    }
  }
}

/** The object schemas a path may point into (several where a union offers more than one). */
function objectsAt(schema: AnySchema, path: DocPath): z.ZodObject[] {
  let current: AnySchema[] = [schema];
  for (const seg of path) {
    const next: AnySchema[] = [];
    for (const raw of current) {
      const s = unwrap(raw);
      if (s instanceof z.ZodUnion) {
        for (const o of s.options as AnySchema[]) {
          const u = unwrap(o);
          if (typeof seg === "number" && u instanceof z.ZodArray) next.push(u.element as AnySchema);
          if (typeof seg === "string" && u instanceof z.ZodObject && seg in u.shape) next.push(u.shape[seg] as AnySchema);
        }
      } else if (typeof seg === "number" && s instanceof z.ZodArray) {
        next.push(s.element as AnySchema);
      } else if (typeof seg === "string" && s instanceof z.ZodObject && seg in s.shape) {
        next.push(s.shape[seg] as AnySchema);
      } else if (typeof seg === "string" && s instanceof z.ZodRecord) {
        next.push(s.valueType as AnySchema);
      }
    }
    current = next;
  }
  const objects: z.ZodObject[] = [];
  for (const raw of current) {
    const s = unwrap(raw);
    if (s instanceof z.ZodObject) objects.push(s);
    if (s instanceof z.ZodUnion) for (const o of s.options as AnySchema[]) if (unwrap(o) instanceof z.ZodObject) objects.push(unwrap(o) as z.ZodObject);
  }
  return objects;
}

/** The keys an object at `path` accepts. */
export function allowedKeys(schema: AnySchema, path: DocPath): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((o) => Object.keys(o.shape)))];
}

function valueAt(root: unknown, path: DocPath): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** Picks the union branch that best explains a failure: the one whose issues don't reject the value's type outright. */
function bestBranch(errors: Issue[][]): Issue[] {
  const scored = errors.map((branch) => {
    // Branch issues' paths are relative to the union: an empty path rejects the value itself.
    const rootTypeMismatch = branch.some((i) => i.code === "invalid_type" && i.path.length === 0);
    return { branch, score: (rootTypeMismatch ? 1000 : 0) + branch.length };
  });
  scored.sort((a, b) => a.score - b.score);
  return scored[0]?.branch ?? [];
}

/** Flattens union issues into the issues of their most plausible branch. */
function flatten(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const branch = bestBranch(issue.errors);
      out.push(...flatten(branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue)));
    } else {
      out.push(issue);
    }
  }
  return out;
}

interface MapContext {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  schema: AnySchema;
  /** The plain JS value that was validated. */
  value: unknown;
  /** The path written in the file of a path in `value`, when keys of `value` were renamed. */
  toFile?: (path: DocPath) => DocPath;
}

/** "unknown key" issues for keys found outside zod (under a misspelt key zod did not enter). */
export function unknownKeyIssues(keys: ReadonlyArray<{ parent: DocPath; key: string }>): Issue[] {
  return keys.map(({ parent, key }) => ({ code: "unrecognized_keys", keys: [key], path: [...parent], message: `Unrecognized key: "${key}"`, input: undefined }) as Issue);
}

/** Converts zod issues to diagnostics positioned at the offending YAML nodes. */
export function zodIssuesToDiagnostics(issues: readonly Issue[], ctx: MapContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of flatten(issues)) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    out.push(...issueToDiagnostics(issue, path, ctx));
  }
  return dropExplainedMissing(out);
}

/**
 * `judgements:` for `judgments:` yields both "unknown key `judgements`" (did you mean
 * `judgments`?) and "missing required key `judgments`"; the first says it all.
 */
function dropExplainedMissing(diagnostics: Diagnostic[]): Diagnostic[] {
  const suggested = new Set<string>();
  for (const d of diagnostics) {
    const m = d.ruleId === "schema-unknown-key" ? /^did you mean `([^`]+)`\?$/.exec(d.hint ?? "") : null;
    if (m) suggested.add(`${parentOf(d.message)}\u0000${m[1]}`);
  }
  if (suggested.size === 0) return diagnostics;
  return diagnostics.filter((d) => {
    if (d.ruleId !== "schema-missing-key") return true;
    const m = /^missing required key `([^`]+)`/.exec(d.message);
    return !(m && suggested.has(`${parentOf(d.message)}\u0000${m[1]}`));
  });
}

/** The "in `judgments[0]`" part of a message, naming the mapping ("" for the top level). */
function parentOf(message: string): string {
  return / in `([^`]+)`$/.exec(message)?.[1] ?? "";
}

/** A diagnostic with its fix, when there is one. */
function withFix(d: Diagnostic, fix: Fix | undefined): Diagnostic {
  if (fix) d.fix = fix;
  return d;
}

function at(ctx: MapContext, path: DocPath, prefer: "value" | "key" = "value") {
  const span = spanForPath(ctx.doc, ctx.lineCounter, ctx.toFile ? ctx.toFile(path) : path, prefer);
  return { file: ctx.file, ...span };
}

function issueToDiagnostics(issue: Issue, path: DocPath, ctx: MapContext): Diagnostic[] {
  const name = path.length > 0 ? String(path[path.length - 1]) : "";
  const where = formatPath(path);
  const actual = valueAt(ctx.value, ctx.toFile ? ctx.toFile(path) : path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeys(ctx.schema, path);
      const holder = valueAt(ctx.value, ctx.toFile ? ctx.toFile(path) : path);
      const present = holder !== null && typeof holder === "object" ? new Set(Object.keys(holder)) : new Set<string>();
      const listed = `allowed keys here: ${allowed.map((k) => `\`${k}\``).join(", ")}`;
      return issue.keys.map((key) => {
        const hint = didYouMean(key, allowed) ?? listed;
        // Renaming is safe only when one key is meant and it is not written already.
        const meant = onlyTypoCandidate(key, allowed);
        const fix = meant !== undefined && !present.has(meant) ? scalarFix(locate(ctx.doc, ctx.toFile ? ctx.toFile([...path, key]) : [...path, key]).key, meant, `\`${key}\` → \`${meant}\``) : undefined;
        return withFix(diagnostic("schema-unknown-key", path.length > 0 ? "unknownIn" : "unknown", at(ctx, [...path, key], "key"), { key, parent: where }, hint), fix);
      });
    }
    case "invalid_type": {
      if (actual === undefined) {
        // The key is absent: point at the start of the mapping that lacks it, not the whole mapping.
        const { file, line, column } = at(ctx, path);
        return [diagnostic("schema-missing-key", path.length > 1 ? "missingIn" : "missing", { file, line, column }, { key: name, parent: formatPath(path.slice(0, -1)) }, missingKeyHint(name))];
      }
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      let hint: string | undefined;
      if (issue.expected === "boolean" && typeof actual === "string") hint = "write `true` or `false`";
      else if (issue.expected === "string" && typeof actual === "number") hint = "put the value in quotes to make it text";
      else if (issue.expected === "array" && typeof actual === "string") hint = `write a list: \`${name}: [${actual}]\``;
      return [diagnostic("schema-invalid-type", "type", at(ctx, path), { path: where, expected, actual: describeValue(actual) }, hint)];
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => String(v));
      if (name === "yardstick" && path.length === 1) return [];
      const written = String(actual);
      const field = ENUM_FIELDS[name];
      const reading: Reading = field && typeof actual === "string" ? readEnum(written, field) : { kind: "unknown" };
      const suggestion = reading.kind === "suggest" ? reading.value : closest(written, allowed);
      const d = diagnostic("schema-invalid-value", "notOneOf", at(ctx, path), { path: where, value: written, allowed: allowed.map((v) => `\`${v}\``).join(", ") }, suggestion ? `did you mean \`${suggestion}\`?` : undefined);
      return [withFix(d, readingFix(ctx, path, written, reading))];
    }
    case "too_small": {
      if (issue.origin === "array") {
        return [diagnostic("schema-too-few", "tooFew", at(ctx, path), { path: where, problem: issue.message })];
      }
      return [diagnostic("schema-invalid-value", "invalid", at(ctx, path), { path: where, problem: plainMessage(issue) })];
    }
    case "invalid_format": {
      if (typeof actual === "string") {
        const reading = readDate(actual);
        const again = reading.kind === "suggest" ? reading : name === "horizon" ? readDuration(actual) : reading;
        if (again.kind === "suggest") {
          const d = diagnostic("schema-invalid-value", again.value.includes("-") ? "dateFormat" : "durationFormat", at(ctx, path), { path: where, value: actual }, `did you mean \`${again.value}\`?`);
          return [withFix(d, readingFix(ctx, path, actual, again))];
        }
      }
      if (issue.format === "date" && typeof actual === "string" && /^\d{4}-\d{2}-\d{2}$/.test(actual.trim())) {
        return [diagnostic("schema-invalid-value", "notCalendarDay", at(ctx, path), { path: where, value: actual }, "check the day and month (YYYY-MM-DD)")];
      }
      const hint = issue.format === "date" && !issue.message.includes("duration") ? "write the date as YYYY-MM-DD, e.g. `2022-07-09`" : undefined;
      return [diagnostic("schema-invalid-value", "invalid", at(ctx, path), { path: where, problem: plainMessage(issue) }, hint)];
    }
    default:
      return [diagnostic("schema-invalid-value", "invalid", at(ctx, path), { path: where, problem: plainMessage(issue) })];
  }
}

/** The fix for a value read as a suggestion with one safe answer. */
function readingFix(ctx: MapContext, path: DocPath, written: string, reading: Reading) {
  if (reading.kind !== "suggest" || !reading.fixable) return undefined;
  return scalarFix(locate(ctx.doc, ctx.toFile ? ctx.toFile(path) : path).node, reading.value, `\`${written}\` → \`${reading.value}\``);
}

/** zod's own messages for built-in checks start with "Invalid …" or "Too …"; ours start lower-case. */
function plainMessage(issue: Issue): string {
  const m = issue.message;
  if (/^[a-z]/.test(m)) return m;
  if (issue.code === "too_big" && issue.origin === "string") return `is too long (at most ${String(issue.maximum)} characters)`;
  if (issue.code === "too_small" && issue.origin === "string") return "must not be empty";
  return `is invalid: ${m}`;
}

const MISSING_HINTS: Record<string, string> = {
  yardstick: "add `yardstick: 1` (the format version) at the top",
  title: "add a `title:` line",
  cutoff: "add `cutoff: YYYY-MM-DD`, the intelligence cutoff date",
  summary: "add a `summary: |` block with one or more paragraphs",
  judgments: "add a `judgments:` list with at least one key judgment",
  likelihood: "add `likelihood:` with a term of the scale, e.g. `likely`",
  statement: "add `statement:`, the clause after \"It is {term} that\"",
  id: "add a kebab-case `id:`",
  text: "add `text:` with the evidence item",
  occurred: "add `occurred: true` or `occurred: false`",
  resolved: "add `resolved: YYYY-MM-DD`",
};

function missingKeyHint(name: string): string | undefined {
  return MISSING_HINTS[name];
}
