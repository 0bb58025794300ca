/**
 * `yardstick schema`: prints the JSON Schema of the assessment format.
 */
import type { Command } from "commander";
import { assessmentJsonSchemaText } from "../../schema/json-schema.js";
import type { CliContext } from "../context.js";

export function registerSchema(program: Command, ctx: CliContext): void {
  program
    .command("schema")
    .description("print the JSON Schema of the assessment format (for editors: yaml-language-server)")
    .action(() => {
      ctx.io.stdout(assessmentJsonSchemaText());
    });
}
