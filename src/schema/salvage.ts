/**
 * The valid part of an invalid assessment, so that one broken node never hides the checks of the
 * nodes that are fine. Each judgment, evidence item and source is validated on its own; a broken
 * optional field is left out, a broken item is left out of its list, a broken required top-level
 * field gets a placeholder. What was left out is recorded as abstract paths (`judgments[].confidence`,
 * `sources[]`, `cutoff`) so that the lint engine can skip the rules that need it (see
 * `RuleMeta.needs`). Unknown keys are dropped, or read as the one key they are a typo of.
 */
import { z } from "zod";
import { Assessment, Evidence, EvidenceObject, InlineSource, Judgment, Slug, Source } from "./assessment.js";
import { onlyTypoCandidate } from "./suggest.js";

/** The valid part of an assessment, with what was left out. */
export interface Salvaged {
  /** The assessment built from the valid parts (placeholders where required fields are broken). */
  assessment: Assessment;
  /** Abstract paths of what was left out or replaced: `cutoff`, `judgments[]`, `judgments[].horizon`. */
  broken: ReadonlySet<string>;
  /**
   * For each list in `assessment` whose items were left out (keyed by its path there, such as
   * `judgments` or `judgments.2.evidence`), the index each remaining item has in the file.
   */
  origins: ReadonlyMap<string, readonly number[]>;
  /** Keys read as the key they are a typo of: path in `assessment` (`judgments.0.statement`) → key written. */
  renamed: ReadonlyMap<string, string>;
}

type AnySchema = z.core.$ZodType;
type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isOptional(schema: AnySchema): boolean {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault;
}

function unwrapped(schema: AnySchema): AnySchema {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = (s as unknown as { unwrap(): AnySchema }).unwrap();
  return s;
}

/** Placeholders for required top-level fields; never read by a rule that runs (see the engine). */
const PLACEHOLDERS: Readonly<Record<string, unknown>> = { yardstick: 1, title: "(untitled)", summary: "(no summary)", cutoff: "1970-01-01" };

class Salvager {
  readonly broken = new Set<string>();
  readonly origins = new Map<string, number[]>();
  readonly renamed = new Map<string, string>();

  /** Keys of `raw` that the object accepts, unknown keys read as their one close candidate or dropped. */
  private known(raw: Plain, shape: Readonly<Record<string, AnySchema>>, concrete?: string): Plain {
    const out: Plain = {};
    const allowed = Object.keys(shape);
    for (const [key, value] of Object.entries(raw)) {
      if (Object.hasOwn(shape, key)) out[key] = value;
    }
    for (const [key, value] of Object.entries(raw)) {
      if (Object.hasOwn(shape, key)) continue;
      const meant = onlyTypoCandidate(key, allowed);
      if (meant !== undefined && !Object.hasOwn(out, meant)) {
        out[meant] = value;
        if (concrete !== undefined) this.renamed.set(concrete === "" ? meant : `${concrete}.${meant}`, key);
      }
    }
    return out;
  }

  /**
   * The valid fields of an object; undefined when a required field is broken. `lists` handles
   * the fields whose items are validated one by one.
   */
  object(raw: unknown, schema: z.ZodObject, abstract: string, concrete: string, lists: Readonly<Record<string, (value: unknown, abstract: string, concrete: string) => unknown[] | undefined>> = {}): Plain | undefined {
    if (!isPlain(raw)) return undefined;
    const shape = schema.shape as Readonly<Record<string, AnySchema>>;
    const fields = this.known(raw, shape, concrete);
    const out: Plain = {};
    for (const [key, field] of Object.entries(shape)) {
      const sub = abstract === "" ? key : `${abstract}.${key}`;
      const at = concrete === "" ? key : `${concrete}.${key}`;
      const value = fields[key];
      const list = lists[key];
      if (list) {
        const items = value === undefined ? [] : list(value, sub, at);
        if (items !== undefined) {
          out[key] = items;
          continue;
        }
      } else {
        const inner = unwrapped(field);
        if (inner instanceof z.ZodObject && isPlain(value)) {
          const nested = this.object(value, inner, sub, at);
          if (nested !== undefined) {
            out[key] = nested;
            continue;
          }
        } else {
          const parsed = z.safeParse(field, value);
          if (parsed.success) {
            if (parsed.data !== undefined) out[key] = parsed.data;
            continue;
          }
        }
      }
      // The field is broken.
      if (isOptional(field)) {
        this.broken.add(sub);
        if (list) out[key] = [];
        continue;
      }
      if (abstract !== "") return undefined;
      this.broken.add(sub);
      out[key] = list ? [] : PLACEHOLDERS[key];
    }
    return out;
  }

  /** The valid items of a list, recording where each came from. */
  list(value: unknown, abstract: string, concrete: string, item: (raw: unknown, abstract: string, concrete: string) => unknown): unknown[] | undefined {
    if (!Array.isArray(value)) return undefined;
    const kept: unknown[] = [];
    const from: number[] = [];
    value.forEach((raw, i) => {
      const got = item(raw, `${abstract}[]`, `${concrete}.${kept.length}`);
      if (got === undefined) return;
      kept.push(got);
      from.push(i);
    });
    if (kept.length < value.length) {
      this.broken.add(`${abstract}[]`);
      this.origins.set(concrete, from);
    }
    return kept;
  }

  evidenceItem(raw: unknown, abstract: string, concrete: string): unknown {
    if (typeof raw === "string") {
      const parsed = z.safeParse(Evidence, raw);
      return parsed.success ? parsed.data : undefined;
    }
    const item = this.object(raw, EvidenceObject, abstract, concrete);
    if (item === undefined || !isPlain(raw)) return item;
    // `source` is an id or a source written in place.
    const source = item.source === undefined ? (this.known(raw, EvidenceObject.shape).source as unknown) : undefined;
    if (source !== undefined) {
      const inline = isPlain(source) ? this.object(source, InlineSource, `${abstract}.source`, `${concrete}.source`) : typeof source === "string" && z.safeParse(Slug, source).success ? source : undefined;
      if (inline !== undefined) {
        this.broken.delete(`${abstract}.source`);
        item.source = inline;
      }
    }
    return item;
  }

  judgment(raw: unknown, abstract: string, concrete: string): unknown {
    return this.object(raw, Judgment, abstract, concrete, {
      evidence: (v, a, c) => this.list(v, a, c, (r, ia, ic) => this.evidenceItem(r, ia, ic)),
    });
  }

  source(raw: unknown, abstract: string, concrete: string): unknown {
    return this.object(raw, Source, abstract, concrete);
  }
}

/** A schema for the salvaged value: the assessment without the "at least one judgment" rule. */
const Salvageable = Assessment.extend({ judgments: z.array(Judgment) });

/**
 * The valid part of a plain value that failed the assessment schema. `id` is filled in with
 * `fallbackId` when absent or broken. Undefined when the value is not a mapping.
 */
export function salvage(value: unknown, fallbackId: string): Salvaged | undefined {
  if (!isPlain(value)) return undefined;
  const s = new Salvager();
  const built = s.object(value, Assessment, "", "", {
    judgments: (v, a, c) => s.list(v, a, c, (r, ia, ic) => s.judgment(r, ia, ic)),
    sources: (v, a, c) => s.list(v, a, c, (r, ia, ic) => s.source(r, ia, ic)),
  });
  const parsed = Salvageable.safeParse(built);
  if (!parsed.success) return undefined;
  return { assessment: { ...parsed.data, id: parsed.data.id ?? fallbackId }, broken: s.broken, origins: s.origins, renamed: s.renamed };
}
