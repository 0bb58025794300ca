/**
 * Runs rules over a loaded assessment and turns their findings into positioned diagnostics.
 */
import { isScalar, type Node } from "yaml";
import type { Assessment } from "../schema/assessment.js";
import { scalarFix } from "../schema/fix-text.js";
import type { Salvaged } from "../schema/salvage.js";
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import type { ConfigData } from "../config/schema.js";
import type { LoadedAssessment } from "../schema/load.js";
import { locate, spanForPath, spanOf, type DocPath, type Span } from "../schema/positions.js";
import { DEFAULT_SCALE_ID, type Scale } from "../schema/scales.js";
import { findingMessage, needsBroken, type Finding, type Rule } from "./rule.js";
import { RULES } from "./rules/index.js";

/** Options for {@link runRules}. */
export interface LintOptions {
  config: ConfigData;
  scales: Readonly<Record<string, Scale>>;
  /** Today, as YYYY-MM-DD. */
  asOf: string;
  /** Rules to run instead of the built-in set (tests use this). */
  rules?: readonly Rule[];
}

/** The severity a rule runs at under a config, or undefined when it is off. */
export function effectiveSeverity(rule: Rule, config: ConfigData): Severity | undefined {
  const setting = config.rules[rule.meta.id];
  if (setting === "off") return undefined;
  if (setting === "warn") return "warning";
  if (setting === "error") return "error";
  return rule.meta.severity;
}

/** Every offset at which `target` occurs in `text` (overlapping occurrences included). */
function occurrences(text: string, target: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(target); i !== -1; i = text.indexOf(target, i + 1)) out.push(i);
  return out;
}

/** Occurrences of a target in a scalar's decoded value and in its raw text, computed once per run. */
type OccurrenceCache = WeakMap<Node, Map<string, { value: number[]; raw: number[] }>>;

function narrow(loaded: LoadedAssessment, finding: Finding, path: DocPath, cache: OccurrenceCache): Span | undefined {
  if (!finding.within || !loaded.doc) return undefined;
  const { node } = locate(loaded.doc, path);
  if (!node || !isScalar(node) || typeof node.value !== "string" || !node.range) return undefined;
  const value = node.value;
  const target = value.slice(finding.within.offset, finding.within.offset + finding.within.length);
  if (target === "") return undefined;
  let byTarget = cache.get(node);
  if (!byTarget) cache.set(node, (byTarget = new Map()));
  let found = byTarget.get(target);
  if (!found) {
    found = { value: occurrences(value, target), raw: occurrences(loaded.text.slice(node.range[0], node.range[1]), target) };
    byTarget.set(target, found);
  }
  // The target is the nth occurrence in the value; the nth occurrence in the raw text is where it is written.
  let lo = 0;
  let hi = found.value.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (found.value[mid]! < finding.within.offset) lo = mid + 1;
    else hi = mid;
  }
  const nth = lo;
  const at = found.raw[nth];
  if (at === undefined) return undefined;
  const start = node.range[0] + at;
  return spanOf(loaded.lineCounter, start, start + target.length);
}

/**
 * A path in the valid part of a file as a path in the file: list indexes of the valid part are
 * mapped back to the items' places in the file.
 */
export function pathInFile(path: DocPath, partial: Pick<Salvaged, "origins" | "renamed">): DocPath {
  const { origins, renamed } = partial;
  if (origins.size === 0 && renamed.size === 0) return path;
  const out: Array<string | number> = [];
  let here = "";
  for (const segment of path) {
    const from = typeof segment === "number" ? origins.get(here) : undefined;
    here = here === "" ? String(segment) : `${here}.${String(segment)}`;
    out.push(typeof segment === "number" ? (from?.[segment] ?? segment) : (renamed.get(here) ?? segment));
  }
  return out;
}

/** Fields that get a placeholder when broken; a rule that reads one without needing it is a bug. */
const PLACEHOLDER_FIELDS = ["yardstick", "title", "summary", "cutoff"];

/** The assessment a rule sees: reading a broken placeholder field throws (the rule's `needs` is wrong). */
function guarded(assessment: Assessment, broken: ReadonlySet<string>, rule: Rule): Assessment {
  const placeholders = PLACEHOLDER_FIELDS.filter((f) => broken.has(f));
  if (placeholders.length === 0) return assessment;
  return new Proxy(assessment, {
    get(target, key, receiver) {
      if (typeof key === "string" && placeholders.includes(key)) throw new Error(`rule ${rule.meta.id} reads \`${key}\`, which is broken, without listing it in \`needs\``);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/**
 * Runs every enabled rule on the valid part of a loaded assessment (the whole assessment when it
 * is valid), skipping the rules that need something that was left out.
 */
export function runRules(loaded: LoadedAssessment, options: LintOptions): Diagnostic[] {
  const { partial, doc } = loaded;
  if (!partial || !doc) return [];
  const { assessment, broken } = partial;
  const out: Diagnostic[] = [];
  const scale = broken.has("scale") ? undefined : options.scales[assessment.scale ?? DEFAULT_SCALE_ID];
  const cache: OccurrenceCache = new WeakMap();
  for (const rule of options.rules ?? RULES) {
    const severity = effectiveSeverity(rule, options.config);
    if (!severity) continue;
    if (needsBroken(rule.meta.needs, broken) !== undefined) continue;
    rule.check({
      file: loaded.file,
      assessment: guarded(assessment, broken, rule),
      scale,
      scales: options.scales,
      config: options.config,
      asOf: options.asOf,
      brokenFields: new Set(PLACEHOLDER_FIELDS.filter((f) => broken.has(f))),
      report(finding) {
        const path = pathInFile(finding.path, partial);
        const span = narrow(loaded, finding, path, cache) ?? spanForPath(doc, loaded.lineCounter, path, finding.at ?? "value");
        const message = findingMessage(rule.meta, finding.messageId, finding.data);
        const d: Diagnostic = { file: loaded.file, ...span, ruleId: rule.meta.id, severity, message, hint: finding.hint, messageId: finding.messageId };
        if (finding.fix) {
          const found = locate(doc, path);
          const node = finding.at === "key" ? found.key : found.node;
          const written = node && isScalar(node) ? String(node.value) : "";
          const fix = found.depth === path.length ? scalarFix(node, finding.fix.replacement, `\`${written}\` → \`${finding.fix.replacement}\``) : undefined;
          if (fix) d.fix = fix;
        }
        out.push(d);
      },
    });
  }
  return out;
}

/** The node at a path, for rules that need the YAML node itself. */
export function nodeAt(loaded: LoadedAssessment, path: ReadonlyArray<string | number>): Node | undefined {
  return loaded.doc ? locate(loaded.doc, path).node : undefined;
}
