/**
 * The code catalogue: every code written anywhere in src/ is in it, docs/codes.md is generated
 * from it, and `rules:` configures the built-in codes marked configurable.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue } from "../src/check/catalogue.js";
import { checkText } from "../src/check/check.js";
import { applyCodeSettings, unknownRuleDiagnostics } from "../src/check/code-settings.js";
import { CODES_DOC_PATH, renderCodesDoc } from "../src/check/codes-doc.js";
import { defaultConfig } from "../src/config/load.js";
import { BUILTIN_CODES, diagnostic, fillPlaceholders, formatMessage } from "../src/diagnostics/codes.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { RULES } from "../src/lint/rules/index.js";

const ROOT = resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith(".ts") ? [path] : [];
  });
}

/** Every code written in src/: `ruleId: "…"`, `diagnostic("…"`, and the values of code tables such as YAML_RULES. */
function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(join(ROOT, "src"))) {
    if (file.includes(`${join("src", "lint", "rules")}`)) continue; // rules get their id from meta
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/ruleId(?:\s*===?\s*|:\s*)"([a-z0-9-]+)"/g)) found.set(m[1]!, file);
    for (const m of text.matchAll(/\bdiagnostic\(\s*"([a-z0-9-]+)"/g)) found.set(m[1]!, file);
    for (const m of text.matchAll(/:\s*"(yaml-[a-z-]+)"/g)) found.set(m[1]!, file);
    for (const m of text.matchAll(/"(yaml-[a-z-]+)"\)\)/g)) found.set(m[1]!, file);
    // Codes passed to a module's own helper: problem(file, "code", …), note(pos, "code", …).
    for (const m of text.matchAll(/\b(?:problem|note)\([^,()]+(?:\([^()]*\))?[^,()]*,\s*"([a-z0-9-]+)"/g)) found.set(m[1]!, file);
  }
  return found;
}

describe("the code catalogue", () => {
  it("lists every code written in src/ (add a line to src/diagnostics/codes.ts for a new one)", () => {
    const known = new Set(catalogue().map((e) => e.id));
    const missing = [...codesInSource()].filter(([id]) => !known.has(id)).map(([id, file]) => `${id} (${file.slice(ROOT.length + 1)})`);
    expect(missing).toEqual([]);
    expect(codesInSource().size).toBeGreaterThan(30);
  });

  it("has unique ids, kebab-case, each with a severity, a description and a docs anchor that exists", () => {
    const all = catalogue();
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    const rulesDoc = readFileSync(join(ROOT, "docs/rules.md"), "utf8");
    const codesDoc = readFileSync(join(ROOT, CODES_DOC_PATH), "utf8");
    for (const e of all) {
      expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(["error", "warning", "info"]).toContain(e.severity);
      expect(e.description.length).toBeGreaterThan(10);
      const [doc, anchor] = e.docs.split("#");
      expect((doc === "docs/rules.md" ? rulesDoc : codesDoc).includes(doc === "docs/rules.md" ? `## ${anchor}\n` : `### ${anchor}\n`), e.docs).toBe(true);
    }
    expect(all.filter((e) => e.kind === "rule")).toHaveLength(RULES.length);
  });

  it("docs/codes.md is up to date (run npm run docs)", () => {
    expect(readFileSync(join(ROOT, CODES_DOC_PATH), "utf8") === renderCodesDoc(), "docs/codes.md is stale: run npm run docs").toBe(true);
  });
});

describe("messages as data", () => {
  it("fills placeholders and keeps the message id on the diagnostic", () => {
    expect(fillPlaceholders("cannot write {path} ({reason})", { path: "out/a.md", reason: "ENOSPC" })).toBe("cannot write out/a.md (ENOSPC)");
    expect(fillPlaceholders("{missing} stays", {})).toBe("{missing} stays");
    const d = diagnostic("output-unwritable", "output", { file: "a.yaml", line: 0, column: 0 }, { path: "out/a.md", reason: "ENOSPC" });
    expect(d).toEqual({ file: "a.yaml", line: 0, column: 0, ruleId: "output-unwritable", severity: "error", messageId: "output", message: "cannot write out/a.md (ENOSPC)" });
  });

  it("refuses an unknown code or message id (a bug, not a diagnostic)", () => {
    expect(() => formatMessage("output-unwritable", "nope")).toThrow(/no message `nope`/);
    expect(() => diagnostic("no-such-code", "x", { file: "", line: 0, column: 0 })).toThrow(/unknown diagnostic code/);
  });

  it("every built-in code has its messages as data (a template per message id)", () => {
    const without = BUILTIN_CODES.filter((c) => Object.keys(c.messages ?? {}).length === 0).map((c) => c.id);
    expect(without).toEqual([]);
  });

  it("every diagnostic of a built-in code in src/ is made by diagnostic(code, messageId, …) with a message that exists", () => {
    const calls: string[] = [];
    const literal: string[] = [];
    for (const file of sources(join(ROOT, "src"))) {
      if (file.includes(join("src", "lint", "rules")) || file.endsWith(join("diagnostics", "codes.ts"))) continue;
      const text = readFileSync(file, "utf8");
      const where = file.slice(ROOT.length + 1);
      for (const m of text.matchAll(/\bdiagnostic\(\s*"([a-z0-9-]+)",\s*"([a-zA-Z][a-zA-Z0-9]*)"/g)) calls.push(`${m[1]}.${m[2]} (${where})`);
      // The importer's note(pos, code, messageId, …) builds through diagnostic() too.
      for (const m of text.matchAll(/\bnote\([^,()]+(?:\([^()]*\))?[^,()]*,\s*"([a-z0-9-]+)",\s*"([a-zA-Z][a-zA-Z0-9]*)"/g)) calls.push(`${m[1]}.${m[2]} (${where})`);
      // A hand-written object literal with a built-in code's id (`ruleId: "yaml-syntax",`) has no message id.
      for (const m of text.matchAll(/\bruleId:\s*"([a-z0-9-]+)"\s*[,}]/g)) if (BUILTIN_CODES.some((c) => c.id === m[1])) literal.push(`${m[1]} (${where})`);
    }
    expect(literal).toEqual([]);
    expect(calls.length).toBeGreaterThan(60);
    const missing = calls.filter((call) => {
      const [code, messageId] = call.split(" ")[0]!.split(".") as [string, string];
      return BUILTIN_CODES.find((c) => c.id === code)?.messages?.[messageId] === undefined;
    });
    expect(missing).toEqual([]);
  });

  it("every placeholder of every message is a plain name", () => {
    for (const c of BUILTIN_CODES) for (const text of Object.values(c.messages ?? {})) for (const m of text.matchAll(/\{([^}]*)\}/g)) expect(m[1]).toMatch(/^[a-zA-Z][a-zA-Z0-9]*$/);
  });
});

describe("rules: for built-in codes", () => {
  const blocked: Diagnostic = { file: "a.yaml", line: 0, column: 0, ruleId: "render-blocked-request", severity: "warning", message: "the brief tried to load https://x" };

  it("turns a configurable code off or changes its severity", () => {
    expect(applyCodeSettings([blocked], { "render-blocked-request": "off" })).toEqual([]);
    expect(applyCodeSettings([blocked], { "render-blocked-request": "error" })).toEqual([{ ...blocked, severity: "error" }]);
    expect(applyCodeSettings([blocked], {})).toEqual([blocked]);
  });

  it("never turns off a code that stops a file from being read", () => {
    const syntax: Diagnostic = { ...blocked, ruleId: "yaml-syntax", severity: "error" };
    expect(applyCodeSettings([syntax], { "yaml-syntax": "off" })).toEqual([syntax]);
  });

  it("accepts configurable codes in rules:, and says why a fixed one is ignored", () => {
    const dir = resolve(ROOT, "test/fixtures");
    const config = { ...defaultConfig(dir), file: join(dir, "yardstick.config.yaml") };
    config.data = { ...config.data, rules: { "render-blocked-request": "off", "yaml-syntax": "off", "render-blockd-request": "warn" } };
    const text = 'rules:\n  render-blocked-request: off\n  yaml-syntax: off\n  render-blockd-request: warn\n';
    const ids = catalogue();
    const found = unknownRuleDiagnostics(config, { configurable: ids.filter((e) => e.configurable).map((e) => e.id), fixed: ids.filter((e) => !e.configurable).map((e) => e.id) }, text);
    expect(found.map((d) => [d.ruleId, d.messageId, d.line])).toEqual([
      ["config-rule-fixed", "fixed", 3],
      ["config-unknown-rule", "unknown", 4],
    ]);
    expect(found[1]!.hint).toBe("did you mean `render-blocked-request`?");
  });

  it("is the same `rules:` that turns a lint rule off", () => {
    const config = defaultConfig(ROOT);
    const yaml = readFileSync(join(ROOT, "assessments/isk-2022-07.yaml"), "utf8");
    const all = checkText(yaml, "isk.yaml", { ...config, data: { ...config.data, rules: {} } });
    const off = checkText(yaml, "isk.yaml", { ...config, data: { ...config.data, rules: { "judgment-without-confidence": "off" } } });
    expect(all.diagnostics.some((d) => d.ruleId === "judgment-without-confidence")).toBe(true);
    expect(off.diagnostics.some((d) => d.ruleId === "judgment-without-confidence")).toBe(false);
  });
});
