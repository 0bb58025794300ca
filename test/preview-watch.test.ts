import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FolderWatcher } from "../src/preview/watch.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "yardstick-watch-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("FolderWatcher", () => {
  it("folds a burst of writes into one report, after the quiet time", async () => {
    const dir = tempDir();
    const reports: string[][] = [];
    const w = new FolderWatcher<"source">((tags) => reports.push([...tags]), 150);
    cleanups.push(() => w.close());
    w.set({ tag: "source", folders: [dir] });
    for (let i = 0; i < 5; i++) {
      writeFileSync(join(dir, "a.yaml"), `v${i}`);
      await sleep(10);
    }
    expect(reports).toEqual([]);
    await sleep(450);
    expect(reports).toEqual([["source"]]);
  });

  it("sees an editor's write-then-rename save, and ignores names the filter rejects", async () => {
    const dir = tempDir();
    const reports: string[][] = [];
    const w = new FolderWatcher<"source" | "config">((tags) => reports.push([...tags].sort()), 30);
    cleanups.push(() => w.close());
    w.set({ tag: "source", folders: [dir], filter: (n) => n.endsWith(".yaml") });
    writeFileSync(join(dir, "notes.txt"), "x");
    await sleep(150);
    expect(reports).toEqual([]);
    writeFileSync(join(dir, ".a.yaml.swp"), "tmp");
    renameSync(join(dir, ".a.yaml.swp"), join(dir, "a.yaml"));
    await sleep(150);
    expect(reports).toEqual([["source"]]);
  });

  it("reports nothing after close", async () => {
    const dir = tempDir();
    const reports: string[][] = [];
    const w = new FolderWatcher<"source">((tags) => reports.push([...tags]), 30);
    w.set({ tag: "source", folders: [dir] });
    writeFileSync(join(dir, "a.yaml"), "x");
    w.close();
    await sleep(120);
    expect(reports).toEqual([]);
    expect(w.watched()).toEqual([]);
  });
});
