/**
 * Output hygiene: text from input can neither forge a GitHub annotation (a newline then
 * `::error`) nor reach the terminal as an escape sequence, in any report format or in `diff`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";
import { escapeControl, formatGithub, formatHuman } from "../src/diagnostics/reporter.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";

const ROOT = resolve(import.meta.dirname, "..");
const ISK = readFileSync(join(ROOT, "assessments/isk-2022-07.yaml"), "utf8");
const FORGED = "x\n::error file=.github/workflows/ci.yml,line=1::owned";
const ESC = "\u001b]0;pwned\u0007\u001b[2J";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ys-hygiene-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function io(): CliIO & { out: string; err: string } {
  const o = { out: "", err: "", stdout: (t: string) => void (o.out += t), stderr: (t: string) => void (o.err += t), cwd: dir, env: {}, isTTY: false };
  return o;
}

/** No output line may start a workflow command unless it is one of ours, and no control character but newline may appear. */
function assertClean(text: string): void {
  for (const line of text.split("\n")) {
    if (line.startsWith("::")) expect(line).toMatch(/^::(error|warning|notice) file=[^\n]*::/);
    // Workflow commands count only at the start of a line: the forged one must stay inside another.
    expect(line.trimStart().startsWith("::error file=.github")).toBe(false);
  }
  // eslint-disable-next-line no-control-regex
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
}

describe("escapeControl", () => {
  it("makes newlines, ESC, bidi overrides and lone surrogates visible, and keeps other text", () => {
    expect(escapeControl("a\nb\r\u001b[31m\u202e\ud800z")).toBe("a\\nb\\r\\e[31m\\u{202e}\\u{d800}z");
    expect(escapeControl("Taliban’s 😀 ولاية\ttab")).toBe("Taliban’s 😀 ولاية\ttab");
  });
});

describe("the reporter", () => {
  const d: Diagnostic = { file: `a${ESC}.yaml`, line: 2, column: 3, ruleId: "r", severity: "error", message: `bad ${FORGED}`, hint: `try ${ESC}` };

  it("human: one line per diagnostic, no escape sequence, with the code frame escaped too", () => {
    const out = formatHuman([d], { sourceOf: () => `line one\nti${ESC}tle: ${FORGED}\n` });
    assertClean(out);
    expect(out).toContain("bad x\\n::error file=.github/workflows/ci.yml,line=1::owned");
  });

  it("github: message data escapes % CR LF as %25 %0D %0A, properties also : and ,", () => {
    const out = formatGithub([{ ...d, file: "a,b:c.yaml", message: "100% sure\r\nnext" }]);
    expect(out).toBe("::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=yardstick r::100%25 sure%0D%0Anext (try \\e]0;pwned\\u{0007}\\e[2J)\n");
    assertClean(formatGithub([d]));
  });
});

describe("the CLI with hostile text in an assessment", () => {
  const hostile = ISK.replace("title: IS-K and the Taliban", `title: "IS-K ${FORGED.replace(/\n/g, "\\n")} ${ESC.replace(/\u001b/g, "\\e").replace(/\u0007/g, "\\a")}"`).replace(
    "likelihood: highly likely",
    `likelihood: "highly\\nlikely ${ESC.replace(/\u001b/g, "\\e").replace(/\u0007/g, "\\a")}"`,
  );

  it("check --format github and human print nothing forged", async () => {
    writeFileSync(join(dir, "isk.yaml"), hostile);
    for (const format of ["github", "human"]) {
      const o = io();
      const code = await run(["check", "--format", format, "isk.yaml"], o);
      expect(code).toBe(1);
      assertClean(o.out + o.err);
      expect(o.out).toContain("unknown-likelihood");
    }
  });

  it("build progress lines print a hostile file name escaped", async () => {
    const name = "isk\u001b[2J\n::error file=x::owned.yaml";
    writeFileSync(join(dir, name), ISK.replace("id: isk-2022-07", "id: isk-hostile"));
    const o = io();
    expect(await run(["build", "--format", "md", name], o)).toBe(0);
    assertClean(o.out + o.err);
    expect(o.err).toContain("isk\\e[2J\\n::error file=x::owned.yaml");
  });

  it("diff prints titles and terms escaped", async () => {
    writeFileSync(join(dir, "old.yaml"), ISK);
    writeFileSync(join(dir, "new.yaml"), ISK.replace("title: IS-K and the Taliban", `title: "IS-K ${FORGED.replace(/\n/g, "\\n")} ${ESC.replace(/\u001b/g, "\\e").replace(/\u0007/g, "\\a")}"`));
    const o = io();
    await run(["diff", "old.yaml", "new.yaml"], o);
    assertClean(o.out + o.err);
    expect(o.out).toContain("\\n::error file=.github");
  });
});
