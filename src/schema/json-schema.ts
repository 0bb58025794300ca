/**
 * The JSON Schema of the assessment format, generated from the zod schemas, for editors
 * (yaml-language-server) and other tools.
 */
import { z } from "zod";
import { Assessment } from "./assessment.js";

/** Where the committed copy lives, relative to the package root. */
export const JSON_SCHEMA_PATH = "schema/assessment.schema.json";

/** The JSON Schema (draft-07, the dialect editors support best) of an assessment file. */
export function assessmentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Assessment, { target: "draft-7", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return schema;
}

/** The JSON Schema as the text committed to the repository (2-space indent, final newline). */
export function assessmentJsonSchemaText(): string {
  return `${JSON.stringify(assessmentJsonSchema(), null, 2)}\n`;
}
