/**
 * The only Handlebars helpers templates may use, registered in one place. Templates are
 * compiled with `knownHelpersOnly`, so anything else is a template error, not a lookup.
 */
import type Handlebars from "handlebars";

/** Names of the helpers below, for the compiler's `knownHelpers`. */
export const HELPER_NAMES = ["join", "plural"] as const;

/** Registers yardstick's helpers on a Handlebars environment. */
export function registerHelpers(hbs: typeof Handlebars): void {
  /** `{{join list ", "}}`: the items of a list joined (each escaped by Handlebars). */
  hbs.registerHelper("join", (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.map(String).join(typeof separator === "string" ? separator : ", ") : "",
  );
  /** `{{plural count "source" "sources"}}`. */
  hbs.registerHelper("plural", (count: unknown, one: unknown, many: unknown) => (count === 1 ? String(one) : String(many)));
}
