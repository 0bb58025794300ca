/**
 * The guarded reader and the safe folder walk: regular files only, a byte limit checked while
 * reading, links followed only inside the folder given, loops ended.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError, readInput } from "../src/io/read.js";
import { walkFiles } from "../src/io/walk.js";
import { discoverAssessments } from "../src/project/discover.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ys-io-read-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function refusal(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("readInput", () => {
  it("reads a regular file", () => {
    writeFileSync(join(dir, "a.yaml"), "title: x\n");
    expect(readInput(join(dir, "a.yaml")).toString()).toBe("title: x\n");
  });

  it("refuses a FIFO before reading (no writer: a blocking read would hang)", () => {
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    const e = refusal(() => readInput(join(dir, "pipe.yaml")));
    expect([e.ruleId, e.messageId, e.data]).toEqual(["file-not-regular", "kind", { kind: "a named pipe (FIFO)" }]);
  });

  it("refuses /dev/zero and a link to it without reading a byte", () => {
    symlinkSync("/dev/zero", join(dir, "zero.yaml"));
    for (const path of ["/dev/zero", join(dir, "zero.yaml")]) {
      const e = refusal(() => readInput(path));
      expect([e.ruleId, e.messageId, e.data]).toEqual(["file-not-regular", "kind", { kind: "a character device" }]);
    }
  });

  it("refuses a folder and names a missing file", () => {
    const folder = refusal(() => readInput(dir));
    expect([folder.ruleId, folder.messageId, folder.data]).toEqual(["file-not-regular", "kind", { kind: "a folder" }]);
    const missing = refusal(() => readInput(join(dir, "nope.yaml")));
    expect([missing.code, missing.ruleId, missing.messageId]).toEqual(["ENOENT", "file-unreadable", "noSuchFile"]);
  });

  it("refuses a file over the limit with its size, and accepts one exactly at it", () => {
    writeFileSync(join(dir, "big.yaml"), Buffer.alloc(2048, 0x61));
    const e = refusal(() => readInput(join(dir, "big.yaml"), { maxBytes: 2047 }));
    expect([e.ruleId, e.messageId, e.data]).toEqual(["file-too-large", "over", { size: "2,048", limit: "2,047" }]);
    // What the user reads: the size found and the limit, in bytes.
    expect(e.message).toBe("the file is 2,048 bytes, over the limit of 2,047 bytes");
    expect(readInput(join(dir, "big.yaml"), { maxBytes: 2048 }).byteLength).toBe(2048);
  });

  it("refuses a symbolic link when asked not to follow one", () => {
    writeFileSync(join(dir, "a.yaml"), "x");
    symlinkSync(join(dir, "a.yaml"), join(dir, "l.yaml"));
    expect(refusal(() => readInput(join(dir, "l.yaml"), { noFollow: true })).messageId).toBe("link");
  });
});

describe("walkFiles / discoverAssessments", () => {
  const accept = { accept: (n: string) => n.endsWith(".yaml"), skipFolder: (n: string) => n.startsWith(".") };

  it("skips a link to / and a link to a file outside, with warnings naming them", () => {
    const root = join(dir, "assessments");
    mkdirSync(root);
    writeFileSync(join(root, "a.yaml"), "x");
    writeFileSync(join(dir, "outside.yaml"), "secret: 1");
    symlinkSync("/", join(root, "everything"));
    symlinkSync(join(dir, "outside.yaml"), join(root, "o.yaml"));
    const found = discoverAssessments(["assessments"], dir);
    expect(found.files).toEqual(["assessments/a.yaml"]);
    expect(found.problems).toEqual([]);
    expect(found.warnings.map((w) => [w.file, w.ruleId, w.severity])).toEqual([
      ["assessments/everything", "input-link", "warning"],
      ["assessments/o.yaml", "input-link", "warning"],
    ].sort());
    expect(found.warnings.map((w) => w.messageId)).toEqual(["outside", "outside"]);
  });

  it("ends a link loop and lists each real file once (a link inside the root is followed)", () => {
    const root = join(dir, "r");
    mkdirSync(join(root, "sub"), { recursive: true });
    writeFileSync(join(root, "sub", "a.yaml"), "x");
    symlinkSync("..", join(root, "sub", "loop"));
    symlinkSync(join(root, "sub"), join(root, "alias"));
    symlinkSync(join(root, "sub", "a.yaml"), join(root, "b.yaml"));
    const walked = walkFiles(root, accept);
    expect(walked.files.map((f) => relative(root, f))).toEqual([join("sub", "a.yaml")]);
    expect(walked.skipped.map((s) => [relative(root, s.path), s.reason])).toContainEqual([join("sub", "loop"), "loop"]);
  });

  it("reads a file reached only through a link inside the root", () => {
    const root = join(dir, "r");
    mkdirSync(join(root, ".hidden"), { recursive: true });
    writeFileSync(join(root, ".hidden", "a.yaml"), "x");
    symlinkSync(join(root, ".hidden", "a.yaml"), join(root, "b.yaml"));
    expect(walkFiles(root, accept).files.map((f) => relative(root, f))).toEqual(["b.yaml"]);
  });
});
