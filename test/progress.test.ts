/**
 * Build progress: the mode chosen for terminal / CI / --quiet, the bar's frames, plain CI lines,
 * and the summary line.
 */
import { describe, expect, it } from "vitest";
import { barLine, briefLine, briefProgressOf, createProgress, fitLeft, isCI, progressMode } from "../src/cli/progress.js";

function sink() {
  const chunks: string[] = [];
  return { chunks, write: (s: string) => void chunks.push(s), text: () => chunks.join("") };
}

/** What a terminal shows after the writes: `\r` returns to the start of the line, later text overwrites. */
function screen(text: string): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let col = 0;
  for (const ch of text) {
    if (ch === "\n") {
      lines.push(line.join("").trimEnd());
      line = [];
      col = 0;
    } else if (ch === "\r") col = 0;
    else {
      line[col] = ch;
      col += 1;
    }
  }
  if (line.length > 0) lines.push(line.join("").trimEnd());
  return lines;
}

describe("progressMode", () => {
  it("uses the bar on a terminal, plain lines in CI or off a terminal, nothing per brief with --quiet", () => {
    expect(progressMode({ isTTY: true, env: {} })).toBe("bar");
    expect(progressMode({ isTTY: true, env: { CI: "true" } })).toBe("lines");
    expect(progressMode({ isTTY: true, env: { CI: "1" } })).toBe("lines");
    expect(progressMode({ isTTY: true, env: { CI: "false" } })).toBe("bar");
    expect(progressMode({ isTTY: true, env: { TERM: "dumb" } })).toBe("lines");
    expect(progressMode({ isTTY: false, env: {} })).toBe("lines");
    expect(progressMode({ isTTY: true, env: {}, quiet: true })).toBe("quiet");
    expect(progressMode({ isTTY: false, env: { CI: "true" }, quiet: true })).toBe("quiet");
    expect(isCI({ CI: "0" })).toBe(false);
    expect(isCI({ CI: "" })).toBe(false);
  });
});

describe("barLine", () => {
  it("is exactly one column narrower than the terminal, whatever the file name", () => {
    for (const columns of [20, 40, 80, 200]) {
      for (const file of ["a.yaml", "assessments/very/deep/folder/structure/with-a-long-file-name-indeed.yaml", "تقييم-عربي.yaml"]) {
        const line = barLine(7, 50, file, columns);
        expect([...line].length).toBe(columns - 1);
        expect(line).toContain("7/50");
        expect(line).not.toContain("\n");
      }
    }
  });

  it("fills the bar in proportion and keeps the end of a long path", () => {
    expect(barLine(0, 10, undefined, 80)).toMatch(/^\[-+\] 0\/10 *$/);
    expect(barLine(10, 10, undefined, 80)).toMatch(/^\[#+\] 10\/10 *$/);
    const half = barLine(5, 10, undefined, 81);
    expect(half.split("#").length - 1).toBe(half.split("-").length - 1);
    expect(barLine(1, 2, "assessments/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/brief.yaml", 60).trimEnd()).toMatch(/…[^ ]*brief\.yaml$/);
    expect(fitLeft("abcdef", 4)).toBe("…def");
    expect(fitLeft("abc", 4)).toBe("abc");
  });
});

describe("createProgress", () => {
  it("in CI prints one plain line per brief, with no carriage returns (the summary is the report's)", () => {
    const out = sink();
    let t = 0;
    const p = createProgress({ mode: "lines", write: out.write, now: () => t });
    p.start(3);
    p.begin("assessments/a.yaml");
    p.done({ file: "assessments/a.yaml", outcome: "built", formats: ["md", "pdf"], warnings: 2 });
    p.done({ file: "assessments/b.yaml", outcome: "unchanged", formats: ["md", "pdf"] });
    p.done({ file: "assessments/c.yaml", outcome: "skipped", errors: 1 });
    t = 2345;
    p.finish();
    expect(out.text()).not.toContain("\r");
    expect(out.text().split("\n").filter(Boolean)).toEqual([
      "[1/3] built assessments/a.yaml (md, pdf; 2 warnings)",
      "[2/3] unchanged assessments/b.yaml (md, pdf)",
      "[3/3] skipped assessments/c.yaml (1 error)",
    ]);
    expect(p.totals()).toMatchObject({ briefs: 3, built: 1, unchanged: 1, skipped: 1, pdfs: 2, warnings: 2, errors: 1 });
  });

  it("with --quiet prints nothing", () => {
    const out = sink();
    const p = createProgress({ mode: "quiet", write: out.write, now: () => 0 });
    p.start(2);
    p.done({ file: "a.yaml", outcome: "built", formats: ["md"] });
    p.done({ file: "b.yaml", outcome: "built", formats: ["md"] });
    p.finish();
    expect(out.text()).toBe("");
  });

  it("on a terminal redraws one line with the current file, and leaves only the logged lines", () => {
    const out = sink();
    let t = 0;
    const p = createProgress({ mode: "bar", write: out.write, columns: 60, now: () => t, redrawInterval: 0 });
    p.start(2);
    p.begin("assessments/first.yaml");
    expect(screen(out.text()).at(-1)).toContain("0/2 assessments/first.yaml");
    p.done({ file: "assessments/first.yaml", outcome: "built", formats: ["pdf"] });
    p.begin("assessments/second.yaml");
    expect(screen(out.text()).at(-1)).toContain("1/2 assessments/second.yaml");
    p.log("assessments/second.yaml:3:1 warning something");
    p.done({ file: "assessments/second.yaml", outcome: "built", formats: ["pdf"] });
    t = 1000;
    p.finish();
    expect(out.text()).toContain("\r");
    for (const chunk of out.chunks) if (chunk.startsWith("\r[")) expect([...chunk].length).toBe(60);
    // The bar is cleared: only the logged line stays; the cursor waits on the empty line for the report.
    expect(screen(out.text())).toEqual(["assessments/second.yaml:3:1 warning something", ""]);
  });

  it("throttles redraws of the bar but always draws the last state", () => {
    const out = sink();
    const p = createProgress({ mode: "bar", write: out.write, columns: 80, now: () => 0, redrawInterval: 1000 });
    p.start(100);
    for (let i = 0; i < 100; i++) {
      p.begin(`f${i}.yaml`);
      p.done({ file: `f${i}.yaml`, outcome: "built", formats: ["md"] });
    }
    const frames = out.chunks.filter((c) => c.startsWith("\r["));
    expect(frames.length).toBeLessThanOrEqual(3);
    expect(frames.at(-1)).toContain("100/100");
  });

  it("numbers CI lines within the total", () => {
    expect(briefLine(3, 120, { file: "x.yaml", outcome: "built", formats: ["md"] })).toBe("[  3/120] built x.yaml (md)");
  });
});

describe("briefProgressOf", () => {
  it("says built, unchanged or skipped, with the formats and counts", () => {
    const warn = { severity: "warning" };
    const err = { severity: "error" };
    expect(briefProgressOf("a.yaml", { status: "built", outputs: ["/o/a.md", "/o/a.pdf"], reused: [], diagnostics: [warn, { severity: "info" }] })).toEqual({ file: "a.yaml", outcome: "built", formats: ["md", "pdf"], warnings: 1, errors: 0 });
    expect(briefProgressOf("a.yaml", { status: "built", outputs: [], reused: ["/o/a.md", "/o/a.pdf"], diagnostics: [] }).outcome).toBe("unchanged");
    expect(briefProgressOf("a.yaml", { status: "built", outputs: ["/o/a.pdf"], reused: ["/o/a.md"], diagnostics: [] })).toMatchObject({ outcome: "built", formats: ["pdf", "md"] });
    expect(briefProgressOf("a.yaml", { status: "skipped", outputs: [], diagnostics: [err, err] })).toMatchObject({ outcome: "skipped", errors: 2 });
  });
});

describe("clear", () => {
  it("removes the bar so other output starts on a clean line", () => {
    const out = sink();
    const p = createProgress({ mode: "bar", write: out.write, columns: 40, now: () => 0, redrawInterval: 0 });
    p.start(1);
    p.begin("a.yaml");
    p.clear();
    out.write("diagnostics\n");
    expect(screen(out.text())).toEqual(["diagnostics"]);
  });
});
