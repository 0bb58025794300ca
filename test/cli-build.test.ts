/**
 * `yardstick build`: checks first, renders valid files into --out, skips invalid ones (their
 * earlier outputs untouched), writes atomically and never outside --out.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";
import { outputPath } from "../src/project/outputs.js";

const ROOT = resolve(import.meta.dirname, "..");
const ISK = readFileSync(join(ROOT, "assessments/isk-2022-07.yaml"), "utf8");
const AFG = readFileSync(join(ROOT, "assessments/afghanistan-threats-2022-12.yaml"), "utf8");

let dir: string;

function io(): CliIO & { out: string; err: string } {
  const o = {
    out: "",
    err: "",
    stdout(t: string) {
      o.out += t;
    },
    stderr(t: string) {
      o.err += t;
    },
    cwd: dir,
    env: {},
    isTTY: false,
  };
  return o;
}

/** Every file under the temporary folder, relative, with its size and mtime. */
function tree(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.set(relative(dir, p), `${st.size}:${st.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "yardstick-build-"));
  mkdirSync(join(dir, "assessments"));
  writeFileSync(join(dir, "assessments/isk-2022-07.yaml"), ISK);
  writeFileSync(join(dir, "assessments/afghanistan-threats-2022-12.yaml"), AFG);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("yardstick build", () => {
  it("writes a .md and a .pdf per assessment into out/ by default", async () => {
    const cli = io();
    const code = await run(["build", "--as-of", "2024-01-01"], cli);
    expect(code, cli.out + cli.err).toBe(0);
    const written = readdirSync(join(dir, "out")).filter((f) => /\.(md|pdf)$/.test(f));
    expect(written.sort()).toEqual(["afghanistan-threats-2022-12.md", "afghanistan-threats-2022-12.pdf", "isk-2022-07.md", "isk-2022-07.pdf"]);
    const md = readFileSync(join(dir, "out/isk-2022-07.md"), "utf8");
    expect(md.startsWith("# IS-K and the Taliban\n")).toBe(true);
    expect(md).toContain("It is **highly likely** that IS-K will continue");
    expect(md.trimEnd().endsWith("Intelligence cut-off 09/07/22")).toBe(true);
    expect(cli.out).toMatch(/^2 briefs: 2 built · written md 2, pdf 2 to out · /m);
  });

  it("writes the formats asked for, the normalised assessment as JSON", async () => {
    const code = await run(["build", "assessments/isk-2022-07.yaml", "--format", "md,json", "--out", "dist-briefs", "--as-of", "2024-01-01"], io());
    expect(code).toBe(0);
    expect(readdirSync(join(dir, "dist-briefs")).sort()).toEqual(["isk-2022-07.json", "isk-2022-07.md", "manifest.json"]);
    const json = JSON.parse(readFileSync(join(dir, "dist-briefs/isk-2022-07.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 4)).toEqual(["yardstick", "id", "title", "cutoff"]);
    expect(json.sources).toHaveLength(14);
  });

  it("skips an invalid file with exit 1 and leaves its previous output untouched", async () => {
    // Markdown only: what is kept or written does not depend on the format (and no browser starts).
    expect(await run(["build", "--format", "md", "--as-of", "2024-01-01"], io())).toBe(0);
    const before = readFileSync(join(dir, "out/isk-2022-07.md"));
    const beforeStat = statSync(join(dir, "out/isk-2022-07.md")).mtimeMs;
    const otherStat = statSync(join(dir, "out/afghanistan-threats-2022-12.md")).mtimeMs;
    writeFileSync(join(dir, "assessments/isk-2022-07.yaml"), ISK.replace("likelihood: likely", "likelihood: very likely").replace("title: IS-K and the Taliban", "title: Changed"));
    await new Promise((r) => setTimeout(r, 20));
    const cli = io();
    const code = await run(["build", "--format", "md", "--as-of", "2024-01-01"], cli);
    expect(code).toBe(1);
    expect(cli.out).toMatch(/assessments\/isk-2022-07\.yaml:\d+:\d+\s+error/);
    expect(cli.out).toContain("1 skipped");
    expect(readFileSync(join(dir, "out/isk-2022-07.md")).equals(before)).toBe(true);
    expect(statSync(join(dir, "out/isk-2022-07.md")).mtimeMs).toBe(beforeStat);
    // Unchanged, so kept as it was (incremental build).
    expect(statSync(join(dir, "out/afghanistan-threats-2022-12.md")).mtimeMs).toBe(otherStat);
  });

  it("with --strict, a file with warnings is not rendered", async () => {
    const cli = io();
    const code = await run(["build", "--strict", "--format", "md", "--as-of", "2024-01-01", "--report", "json"], cli);
    const report = JSON.parse(cli.out) as { diagnostics: Array<{ file: string; severity: string }> };
    const warned = new Set(report.diagnostics.filter((d) => d.severity === "warning").map((d) => d.file));
    expect(code).toBe(warned.size > 0 ? 1 : 0);
    const written = existsSync(join(dir, "out")) ? readdirSync(join(dir, "out")) : [];
    for (const f of ["assessments/isk-2022-07.yaml", "assessments/afghanistan-threats-2022-12.yaml"]) {
      const id = f.replace(/^assessments\/|\.yaml$/g, "");
      expect(written.includes(`${id}.md`)).toBe(!warned.has(f));
    }
  });

  it("builds neither of two assessments with the same id", async () => {
    writeFileSync(join(dir, "assessments/copy.yaml"), ISK);
    const cli = io();
    const code = await run(["build", "--format", "md", "--as-of", "2024-01-01"], cli);
    expect(code).toBe(1);
    expect(cli.out).toContain("duplicate-output-id");
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["afghanistan-threats-2022-12.md", "manifest.json"]);
  });

  it("writes nothing outside --out and leaves no temporary files", async () => {
    writeFileSync(join(dir, "assessments/evil.yaml"), ISK.replace("id: isk-2022-07", "id: ../../evil"));
    const before = tree();
    const code = await run(["build", "--format", "md,json", "--out", "o", "--as-of", "2024-01-01"], io());
    expect(code).toBe(1);
    const after = tree();
    const changed = [...after].filter(([p, v]) => before.get(p) !== v).map(([p]) => p);
    expect(changed.sort()).toEqual(["o/afghanistan-threats-2022-12.json", "o/afghanistan-threats-2022-12.md", "o/isk-2022-07.json", "o/isk-2022-07.md", "o/manifest.json"]);
    expect([...before.keys()].every((p) => after.has(p))).toBe(true);
  });

  it("names output paths only inside the output folder", () => {
    expect(outputPath("/o", "isk-2022-07", "md")).toBe(resolve("/o/isk-2022-07.md"));
    for (const id of ["../x", "a/b", "..", "", "/etc/passwd", "A"]) expect(outputPath("/o", id, "md")).toBeUndefined();
    expect(outputPath("/o", "x", "../md")).toBeUndefined();
  });

  it("rejects unknown output formats as a usage error", async () => {
    const cli = io();
    expect(await run(["build", "--format", "md,odt"], cli)).toBe(2);
    expect(cli.err).toContain("unknown output format `odt`");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("gives the same outputs and manifest hashes from worker threads as in-process (compiled CLI)", async () => {
    const bin = join(ROOT, "bin/yardstick.js");
    if (!existsSync(join(ROOT, "dist/build/worker.js"))) throw new Error("run `npm run build` first");
    const many = join(dir, "many");
    mkdirSync(many);
    // --jobs 2 asks for two threads whatever the count (by default, threads start at 200 files).
    for (let i = 0; i < 24; i++) writeFileSync(join(many, `a-${i}.yaml`), ISK.replace("id: isk-2022-07", `id: a-${i}`));
    copyFileSync(join(dir, "assessments/afghanistan-threats-2022-12.yaml"), join(many, "afghanistan-threats-2022-12.yaml"));
    const result = await new Promise<{ code: number; stdout: string }>((done) => {
      execFile(process.execPath, [bin, "build", many, "--format", "md,json,html", "--jobs", "2", "--out", join(dir, "par"), "--as-of", "2024-01-01", "--report", "json"], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
        done({ code: error ? Number(error.code) : 0, stdout }),
      );
    });
    expect(result.code, result.stdout.slice(0, 500)).toBe(0);
    expect(readdirSync(join(dir, "par")).filter((f) => f.endsWith(".md"))).toHaveLength(25);
    // In-process, one thread: briefs the worker rendered right after checking them, and one with a
    // previous edition (rendered on the main thread in both builds), give the same bytes and hashes.
    expect(await run(["build", "many", "--format", "md,json,html", "--jobs", "1", "--out", "seq", "--as-of", "2024-01-01"], io())).toBe(0);
    const names = readdirSync(join(dir, "seq")).filter((f) => f !== "manifest.json");
    expect(names).toHaveLength(75);
    for (const name of names) expect(readFileSync(join(dir, "par", name), "utf8"), name).toBe(readFileSync(join(dir, "seq", name), "utf8"));
    expect(readFileSync(join(dir, "par/a-7.md"), "utf8")).toContain("# IS-K and the Taliban");
    const hashes = (folder: string) => (JSON.parse(readFileSync(join(dir, folder, "manifest.json"), "utf8")) as { briefs: Array<{ id: string; inputHash: string }> }).briefs.map((b) => [b.id, b.inputHash]);
    expect(hashes("par")).toHaveLength(25);
    expect(hashes("par").every(([, h]) => /^[0-9a-f]{64}$/.test(h!))).toBe(true);
    expect(hashes("par")).toEqual(hashes("seq"));
  });
});

describe("yardstick build output folder", () => {
  it("uses the config's `out` (relative to the config file) when --out is not given", async () => {
    writeFileSync(join(dir, "yardstick.config.yaml"), "out: briefs/latest\n");
    mkdirSync(join(dir, "sub"));
    const cli = io();
    cli.cwd = join(dir, "sub");
    expect(await run(["build", "../assessments/isk-2022-07.yaml", "--format", "md", "--as-of", "2024-01-01"], cli)).toBe(0);
    expect(readdirSync(join(dir, "briefs/latest")).sort()).toEqual(["isk-2022-07.md", "manifest.json"]);
    expect(existsSync(join(dir, "sub/out"))).toBe(false);
  });
});
