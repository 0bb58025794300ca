/**
 * The build's stages and faults, in-process with test formats: a renderer that is unavailable,
 * render warnings configured off, reserved output names, Ctrl-C mid-build, the lock on the output
 * folder (serialised concurrent builds, stale locks).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildFiles } from "../src/build/index.js";
import { acquireLock, LOCK_FILE } from "../src/build/lock.js";
import { readManifest } from "../src/build/manifest.js";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";
import { registerFormat, RendererUnavailableError, type OutputFormat } from "../src/render/formats.js";

const ROOT = resolve(import.meta.dirname, "..");
const ISK = readFileSync(join(ROOT, "assessments/isk-2022-07.yaml"), "utf8");
const deps = { templates: false, fonts: false, env: [] };

/** Hooks the test formats call; reset before each test. */
const hooks: { onRender?: (id: string) => void } = {};

const text = (id: string): OutputFormat => ({
  id,
  extension: `${id.replace(/-/g, "")}.txt`,
  description: "test format",
  needsBrief: true,
  dependsOn: deps,
  async createSession() {
    return {
      async render({ brief, file, diagnostics }) {
        hooks.onRender?.(brief.id);
        diagnostics?.push({ file: file ?? "", line: 0, column: 0, ruleId: "render-blocked-request", severity: "warning", message: "the brief tried to load https://example.org/x.png (blocked)" });
        return brief.title;
      },
      close: async () => {},
    };
  },
});
registerFormat(text("test-text"));
registerFormat({
  ...text("test-nobrowser"),
  async createSession() {
    throw new RendererUnavailableError("no renderer here", "install one");
  },
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "yardstick-stages-"));
  delete hooks.onRender;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function inputs(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const file = join(dir, `a-${i}.yaml`);
    writeFileSync(file, ISK.replace("id: isk-2022-07", `id: a-${i}`));
    return file;
  });
}

const incremental = () => ({ projectRoot: dir, env: {} });

describe("formats and codes", () => {
  it("drops a format whose renderer is unavailable with one diagnostic, and writes the others", async () => {
    const files = inputs(3);
    const result = await buildFiles(files, { outDir: join(dir, "out"), formats: ["md", "test-nobrowser"], asOf: "2024-01-01" });
    expect(result.environment.map((d) => [d.ruleId, d.messageId, d.message, d.hint])).toEqual([["renderer-unavailable", "unavailable", "test-nobrowser: no renderer here", "install one"]]);
    expect(result.files.map((f) => f.status)).toEqual(["built", "built", "built"]);
    expect(readdirSync(join(dir, "out")).filter((f) => f.endsWith(".md"))).toHaveLength(3);
  });

  it("reports render warnings, unless `rules:` turns the code off", async () => {
    const [file] = inputs(1);
    const on = await buildFiles([file!], { outDir: join(dir, "on"), formats: ["test-text"], asOf: "2024-01-01" });
    expect(on.files[0]!.diagnostics.filter((d) => d.ruleId === "render-blocked-request")).toHaveLength(1);
    writeFileSync(join(dir, "yardstick.config.yaml"), "rules:\n  render-blocked-request: off\n");
    const off = await buildFiles([file!], { outDir: join(dir, "off"), formats: ["test-text"], asOf: "2024-01-01" });
    expect(off.configDiagnostics).toEqual([]);
    expect(off.files[0]!.diagnostics.filter((d) => d.ruleId === "render-blocked-request")).toEqual([]);
    expect(off.files[0]!.status).toBe("built");
  });

  it("never lets an assessment with `id: manifest` overwrite the build's manifest", async () => {
    const file = join(dir, "manifest.yaml");
    writeFileSync(file, ISK.replace("id: isk-2022-07", "id: manifest"));
    const [other] = inputs(1);
    const result = await buildFiles([file, other!], { outDir: join(dir, "out"), formats: ["md", "json"], asOf: "2024-01-01", incremental: incremental() });
    const bad = result.files[0]!;
    expect(bad.status).toBe("skipped");
    // Refused when checked (a reserved id) or at the latest when its outputs are named.
    expect(bad.diagnostics.some((d) => d.severity === "error" && d.line === 6)).toBe(true);
    expect(readManifest(join(dir, "out"))!.briefs.map((b) => b.id)).toEqual(["a-0"]);
  });
});

describe("interrupts", () => {
  it("stops at Ctrl-C: keeps what was written, blames no file, lists only finished briefs", async () => {
    const files = inputs(6);
    const stop = new AbortController();
    let rendered = 0;
    hooks.onRender = () => {
      rendered += 1;
      if (rendered === 2) stop.abort("SIGINT");
    };
    const out = join(dir, "out");
    const result = await buildFiles(files, { outDir: out, formats: ["test-text"], asOf: "2024-01-01", concurrency: 1, signal: stop.signal, incremental: incremental() });
    expect(result.interrupted).toBe("SIGINT");
    expect(result.files.map((f) => f.status)).toEqual(["built", "interrupted", "interrupted", "interrupted", "interrupted", "interrupted"]);
    expect(result.files.flatMap((f) => f.diagnostics).filter((d) => d.severity === "error")).toEqual([]);
    expect(result.environment.map((d) => [d.ruleId, d.message])).toEqual([["build-interrupted", "the build was stopped by SIGINT: 1 of 6 briefs finished; what was written is kept"]]);
    expect(readManifest(out)!.briefs.map((b) => b.id)).toEqual(["a-0"]);
    expect(existsSync(join(out, "a-0.testtext.txt"))).toBe(true);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it("the CLI exits 130 on SIGINT and 143 on SIGTERM, with one summary line", async () => {
    inputs(4);
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
      const handlers: Array<(s?: string) => void> = [];
      const io: CliIO & { out: string; err: string } = {
        out: "",
        err: "",
        stdout(t) {
          io.out += t;
        },
        stderr(t) {
          io.err += t;
        },
        cwd: dir,
        env: {},
        isTTY: false,
        onInterrupt(h) {
          handlers.push(h);
          return () => handlers.splice(handlers.indexOf(h), 1);
        },
      };
      hooks.onRender = () => {
        for (const h of [...handlers]) h(signal);
      };
      const exit = await run(["build", ".", "--format", "test-text", "--force", "--as-of", "2024-01-01", "--out", `out-${signal}`], io);
      expect(exit, io.out + io.err).toBe(code);
      expect(io.out).toMatch(new RegExp(`^4 briefs: .*not reached.* · stopped by ${signal} · \\d+\\.\\d s$`, "m"));
      expect(io.out).not.toContain("render-failed");
      expect(handlers).toEqual([]);
    }
  });
});

describe("the output folder's lock", () => {
  it("serialises two shard builds into one folder: the manifest lists the briefs of both", async () => {
    const files = inputs(6);
    const out = join(dir, "out");
    const [a, b] = await Promise.all([
      buildFiles(files.slice(0, 3), { outDir: out, formats: ["md"], asOf: "2024-01-01", incremental: incremental(), lockTimeoutMs: 30_000 }),
      buildFiles(files.slice(3), { outDir: out, formats: ["md"], asOf: "2024-01-01", incremental: incremental(), lockTimeoutMs: 30_000 }),
    ]);
    expect(a.failed || b.failed).toBe(false);
    expect(readManifest(out)!.briefs.map((x) => x.id)).toEqual(["a-0", "a-1", "a-2", "a-3", "a-4", "a-5"]);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it("gives up on a live lock after the timeout, with a diagnostic naming the process", async () => {
    const files = inputs(1);
    const out = join(dir, "out");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(out);
    const held = await acquireLock(out);
    try {
      const result = await buildFiles(files, { outDir: out, formats: ["md"], asOf: "2024-01-01", lockTimeoutMs: 200 });
      expect(result.failed).toBe(true);
      expect(result.environment.map((d) => [d.ruleId, d.messageId])).toEqual([["output-locked", "locked"]]);
      expect(result.environment[0]!.message).toContain(`process ${process.pid}`);
      expect(readdirSync(out)).toEqual([LOCK_FILE]);
    } finally {
      held.release();
    }
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });

  it("takes over a stale lock left by a process that is gone", async () => {
    const files = inputs(1);
    const out = join(dir, "out");
    const { mkdirSync } = await import("node:fs");
    const { hostname } = await import("node:os");
    mkdirSync(out);
    // PIDs above the kernel's pid_max (4194304 at most) never run.
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: 4_194_305, host: hostname() }));
    const result = await buildFiles(files, { outDir: out, formats: ["md"], asOf: "2024-01-01", lockTimeoutMs: 5_000 });
    expect(result.failed).toBe(false);
    expect(readdirSync(out).sort()).toEqual(["a-0.md"]);
  });
});

describe("a build whose only format cannot render here", () => {
  it("skips every brief (nothing written, none counted as built) and reports the renderer once", async () => {
    const files = inputs(2);
    const result = await buildFiles(files, { outDir: join(dir, "out"), formats: ["test-nobrowser"], asOf: "2024-01-01", incremental: incremental() });
    expect(result.files.map((f) => f.status)).toEqual(["skipped", "skipped"]);
    expect(result.environment.map((d) => d.ruleId)).toEqual(["renderer-unavailable"]);
    expect(readManifest(join(dir, "out"))?.briefs ?? []).toEqual([]);
  });
});
