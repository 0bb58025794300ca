/**
 * The bundled fonts installed once for the browser: TrueType files and a fonts.conf that lists
 * that folder only (no host font can be found through it), reused by later runs, with a fallback
 * when the cache folder cannot be written.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FONT_FACES } from "../src/render/html/assets.js";
import { installFonts } from "../src/render/pdf/fonts.js";

const work = mkdtempSync(join(tmpdir(), "yardstick-fonts-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("installFonts", () => {
  it("writes every bundled face as TrueType and a fonts.conf with that folder only", async () => {
    const fonts = await installFonts({ cacheDir: join(work, "cache") });
    expect(fonts.installed).toBe(true);
    const ttfs = readdirSync(fonts.dir).filter((f) => f.endsWith(".ttf"));
    expect(ttfs.length).toBe(new Set(FONT_FACES.map((f) => f.file)).size);
    for (const f of ttfs) {
      const head = readFileSync(join(fonts.dir, f)).subarray(0, 4).toString("hex");
      expect(["00010000", "4f54544f"], f).toContain(head); // TrueType or CFF OpenType, not WOFF2
    }
    const conf = readFileSync(fonts.configFile, "utf8");
    expect([...conf.matchAll(/<dir>([^<]*)<\/dir>/g)].map((m) => m[1])).toEqual([fonts.dir]);
    expect(conf).not.toMatch(/<include|\/usr\/share\/fonts|\/etc\/fonts/);
    for (const family of ["YS Sans", "YS Serif", "YS Banner", "sans-serif", "serif", "monospace"]) expect(conf).toContain(`<family>${family}</family>`);
  });

  it("is reused by the next run, not written again", async () => {
    const first = await installFonts({ cacheDir: join(work, "again") });
    const second = await installFonts({ cacheDir: join(work, "again") });
    expect(second.dir).toBe(first.dir);
    expect(second.installed).toBe(false);
  });

  it("falls back to a folder of this user in the temporary folder when the cache cannot be written", async () => {
    const blocked = join(work, "not-a-folder");
    writeFileSync(blocked, "a file where the cache folder would be");
    const fonts = await installFonts({ cacheDir: join(blocked, "cache") });
    expect(fonts.dir.startsWith(join(tmpdir(), `yardstick-${process.getuid?.() ?? "user"}`))).toBe(true);
    expect(existsSync(fonts.configFile)).toBe(true);
  });

  it.skipIf(spawnSync("fc-list", ["--version"]).status !== 0)("gives fontconfig the bundled faces and nothing else, ≥ and Arabic covered", async () => {
    const fonts = await installFonts({ cacheDir: join(work, "fc") });
    const env = { ...process.env, FONTCONFIG_FILE: fonts.configFile };
    const listed = spawnSync("fc-list", ["--format", "%{file}\\n"], { env, encoding: "utf8" }).stdout.trim().split("\n");
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((f) => f.startsWith(fonts.dir))).toBe(true);
    const covering = (ch: number) => spawnSync("fc-list", [`:charset=${ch.toString(16)}`, "--format", "%{family}\\n"], { env, encoding: "utf8" }).stdout.trim();
    expect(covering(0x2265)).not.toBe(""); // ≥
    expect(covering(0x2264)).not.toBe(""); // ≤
    expect(covering(0x0627)).not.toBe(""); // Arabic alef
    expect(spawnSync("fc-match", ["YS Sans", "--format", "%{file}"], { env, encoding: "utf8" }).stdout).toMatch(/noto-sans-latin-400-normal\.ttf$/);
  });
});
