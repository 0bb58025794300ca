/**
 * Content hashes for incremental builds: stable serialisation, and every input that changes an
 * output changes its hash (and nothing else does).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/load.js";
import { clearHashCache, hashFolder, outputHash, sha256, stableStringify, templateFingerprint, type OutputHashInput } from "../src/build/hash.js";

describe("stableStringify", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(stableStringify({ b: 1, a: { d: [1, { z: 1, y: undefined, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":2,"z":1}]},"b":1}');
  });

  it("serialises equal data in any key order to the same text", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(stableStringify(reversed)).toBe(stableStringify(obj));
        expect(JSON.parse(stableStringify(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });

  it("hashes bytes, Maps and Sets as data", () => {
    expect(stableStringify(new Uint8Array([1, 2]))).toBe(JSON.stringify({ $bytes: sha256(new Uint8Array([1, 2])) }));
    expect(stableStringify(new Map([["b", 1], ["a", 2]]))).toBe('{"a":2,"b":1}');
    expect(stableStringify(new Set([3, 1, 2]))).toBe(stableStringify(new Set([1, 2, 3])));
  });

  it("refuses circular structures", () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => stableStringify(a)).toThrow(/circular/);
  });
});

describe("outputHash", () => {
  let dir: string;
  let builtin: string;
  const assessment = { id: "x", title: "T", judgments: [{ id: "j", likelihood: "likely", statement: "s" }] };
  const base = (over: Partial<OutputHashInput> = {}): OutputHashInput => ({
    assessment,
    config: defaultConfig(dir),
    format: "pdf",
    version: "1.0.0",
    builtinTemplatesDir: builtin,
    ...over,
  });

  beforeEach(() => {
    clearHashCache();
    dir = mkdtempSync(join(tmpdir(), "yardstick-hash-"));
    builtin = join(dir, "templates");
    mkdirSync(join(builtin, "partials"), { recursive: true });
    writeFileSync(join(builtin, "brief.hbs"), "<h1>{{title}}</h1>");
    writeFileSync(join(builtin, "partials", "judgment.hbs"), "<p>{{sentence}}</p>");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is the same for the same inputs, whatever the key order", () => {
    const reordered = { judgments: [{ statement: "s", likelihood: "likely", id: "j" }], title: "T", id: "x" };
    expect(outputHash(base())).toBe(outputHash(base({ assessment: reordered })));
    expect(outputHash(base())).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with the assessment, the config, the version, the format and render options", () => {
    const h = outputHash(base());
    const config = defaultConfig(dir);
    const letter = { ...config, data: { ...config.data, pageSize: "Letter" as const } };
    const variants = [
      base({ assessment: { ...assessment, title: "T2" } }),
      base({ config: letter }),
      base({ version: "1.0.1" }),
      base({ format: "html" }),
      base({ options: { sourceDateEpoch: "0" } }),
      base({ extra: { previous: "abc" } }),
    ];
    const hashes = variants.map((v) => outputHash(v));
    for (const other of hashes) expect(other).not.toBe(h);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("changes when a template file (or a partial) changes, for templated formats only", () => {
    const pdf = outputHash(base());
    const md = outputHash(base({ format: "md" }));
    clearHashCache();
    writeFileSync(join(builtin, "partials", "judgment.hbs"), "<p class=j>{{sentence}}</p>");
    expect(outputHash(base())).not.toBe(pdf);
    expect(outputHash(base({ format: "md" }))).toBe(md);
    expect(templateFingerprint("md", defaultConfig(dir), builtin)).toBeUndefined();
  });

  it("includes the config's override templates folder", () => {
    const overrides = join(dir, "house");
    mkdirSync(overrides);
    writeFileSync(join(overrides, "brief.css"), "h1 { color: red }");
    const config = defaultConfig(dir);
    const withOverride = { ...config, data: { ...config.data, templates: "house" } };
    const before = outputHash(base({ config: withOverride }));
    expect(before).not.toBe(outputHash(base()));
    clearHashCache();
    writeFileSync(join(overrides, "brief.css"), "h1 { color: blue }");
    expect(outputHash(base({ config: withOverride }))).not.toBe(before);
  });

  it("hashes folders by relative path and content, skipping dot-files", () => {
    writeFileSync(join(builtin, ".DS_Store"), "junk");
    const files = hashFolder(builtin);
    expect(Object.keys(files)).toEqual(["brief.hbs", "partials/judgment.hbs"]);
    expect(files["brief.hbs"]).toBe(sha256("<h1>{{title}}</h1>"));
  });

  it("walks a folder link that loops back up the tree once, instead of forever", () => {
    symlinkSync(builtin, join(builtin, "partials", "loop"));
    const files = hashFolder(builtin);
    expect(Object.keys(files).sort()).toEqual(["brief.hbs", "partials/judgment.hbs"]);
  });
});

describe("stableStringify with hostile keys", () => {
  it("keeps a __proto__ key as data", () => {
    const obj = JSON.parse('{"__proto__":{"polluted":1},"a":1}') as Record<string, unknown>;
    expect(stableStringify(obj)).toBe('{"__proto__":{"polluted":1},"a":1}');
    expect(stableStringify(obj)).not.toBe(stableStringify({ a: 1 }));
  });
});
