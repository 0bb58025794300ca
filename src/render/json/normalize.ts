/**
 * The normalised assessment as JSON: id filled in, defaults applied, keys in the schema's order,
 * two-space indentation and a final newline, so the same assessment always gives the same bytes.
 */
import { z } from "zod";
import { Assessment } from "../../schema/assessment.js";

type Shape = Record<string, z.ZodType>;

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    const def = (s as unknown as { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[] } }).def;
    if ((def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "pipe") && def.innerType) s = def.innerType;
    else return s;
  }
}

function shapeOf(schema: z.ZodType): Shape | undefined {
  const s = unwrap(schema);
  return s instanceof z.ZodObject ? (s.shape as Shape) : undefined;
}

function ordered(value: unknown, schema: z.ZodType | undefined): unknown {
  if (Array.isArray(value)) {
    const s = schema ? unwrap(schema) : undefined;
    const element = s instanceof z.ZodArray ? (s.element as z.ZodType) : undefined;
    return value.map((v) => ordered(v, element));
  }
  if (value === null || typeof value !== "object") return value;
  let shape = schema ? shapeOf(schema) : undefined;
  if (!shape && schema) {
    const s = unwrap(schema);
    if (s instanceof z.ZodUnion) shape = (s.options as z.ZodType[]).map(shapeOf).find((x): x is Shape => x !== undefined);
  }
  const obj = value as Record<string, unknown>;
  const keys = shape ? [...Object.keys(shape).filter((k) => k in obj), ...Object.keys(obj).filter((k) => !(k in shape)).sort()] : Object.keys(obj).sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = ordered(obj[k], shape?.[k]);
  return out;
}

/** The assessment as pretty-printed JSON with a stable key order. */
export function normalizedJson(a: Assessment): string {
  return `${JSON.stringify(ordered(a, Assessment), null, 2)}\n`;
}
