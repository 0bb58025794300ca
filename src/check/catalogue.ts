/**
 * Every diagnostic code yardstick can report, in one list: the lint rules (src/lint/rules/) and
 * the built-in codes (src/diagnostics/codes.ts). What `rules:` in the config accepts, what
 * docs/codes.md lists, and what the catalogue test holds every code written in `src/` against.
 */
import { BUILTIN_CODES, type CodeStage } from "../diagnostics/codes.js";
import type { Severity } from "../diagnostics/diagnostic.js";
import type { Rule } from "../lint/rule.js";
import { RULES } from "../lint/rules/index.js";

/** One code of the catalogue. */
export interface CatalogueEntry {
  id: string;
  /** "rule" for a lint rule, else the stage that reports it. */
  kind: "rule" | CodeStage;
  severity: Severity;
  description: string;
  /** Whether `rules: { <id>: off | warn | error }` may change it. */
  configurable: boolean;
  /** Where it is documented (relative to the repository root). */
  docs: string;
}

/** The docs anchor of a heading `## id`. */
function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-");
}

/** The whole catalogue: rules first (in their docs order), then the built-in codes. */
export function catalogue(rules: readonly Rule[] = RULES): CatalogueEntry[] {
  return [
    ...rules.map((r): CatalogueEntry => ({ id: r.meta.id, kind: "rule", severity: r.meta.severity, description: r.meta.description, configurable: true, docs: `docs/rules.md#${anchor(r.meta.id)}` })),
    ...BUILTIN_CODES.map((c): CatalogueEntry => ({ id: c.id, kind: c.stage, severity: c.severity, description: c.description, configurable: c.configurable, docs: `docs/codes.md#${anchor(c.id)}` })),
  ];
}

/** Ids `rules:` accepts (configurable codes), and those it knows but refuses. */
export function configurableIds(rules: readonly Rule[] = RULES): { configurable: string[]; fixed: string[] } {
  const all = catalogue(rules);
  return { configurable: all.filter((e) => e.configurable).map((e) => e.id), fixed: all.filter((e) => !e.configurable).map((e) => e.id) };
}
