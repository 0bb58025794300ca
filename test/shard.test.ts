/**
 * `--shard i/n`: parsing, and shards that are disjoint, balanced and together the whole set.
 */
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseShard, selectShard, shardRange, ShardSyntaxError } from "../src/build/shard.js";

const ROOT = "/repo";
const files = Array.from({ length: 50 }, (_, i) => `assessments/brief-${String(i).padStart(3, "0")}.yaml`);

describe("parseShard", () => {
  it("reads i/n", () => {
    expect(parseShard("1/3")).toEqual({ index: 1, count: 3 });
    expect(parseShard("3/3")).toEqual({ index: 3, count: 3 });
    expect(parseShard(" 2 / 5 ")).toEqual({ index: 2, count: 5 });
  });

  it.each(["0/3", "4/3", "1/0", "3", "a/b", "1/3/4", "-1/3", "1.5/3", "", "/3", "1/"])("refuses %j with the expected form", (value) => {
    expect(() => parseShard(value)).toThrow(ShardSyntaxError);
    expect(() => parseShard(value)).toThrow("expected i/n with 1 ≤ i ≤ n");
  });
});

describe("shardRange", () => {
  it("gives balanced contiguous slices covering every index once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 40 }), (total, count) => {
        const ranges = Array.from({ length: count }, (_, i) => shardRange(total, { index: i + 1, count }));
        expect(ranges[0]![0]).toBe(0);
        expect(ranges.at(-1)![1]).toBe(total);
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
        const sizes = ranges.map(([a, b]) => b - a);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("selectShard", () => {
  it("1/3, 2/3 and 3/3 are disjoint and together the whole set", () => {
    const shards = [1, 2, 3].map((index) => selectShard(files, { index, count: 3 }, ROOT));
    expect(shards.map((s) => s.length).sort()).toEqual([16, 17, 17]);
    const all = shards.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...files].sort());
  });

  it("does not depend on the order the files were listed in, nor on absolute or relative paths", () => {
    const shuffled = [...files].reverse();
    const absolute = files.map((f) => join(ROOT, f));
    for (const index of [1, 2, 3]) {
      const a = selectShard(files, { index, count: 3 }, ROOT);
      expect([...selectShard(shuffled, { index, count: 3 }, ROOT)].sort()).toEqual([...a].sort());
      expect(selectShard(absolute, { index, count: 3 }, ROOT).map((f) => f.slice(ROOT.length + 1))).toEqual(a);
    }
  });

  it("spreads neighbouring files rather than cutting the sorted list in three", () => {
    const first = selectShard(files, { index: 1, count: 3 }, ROOT);
    expect(first).not.toEqual(files.slice(0, first.length));
  });

  it("keeps most files in their shard when a file is added", () => {
    const more = [...files, "assessments/zzz-new.yaml"];
    let moved = 0;
    for (const f of files) {
      const before = [1, 2, 3].find((i) => selectShard(files, { index: i, count: 3 }, ROOT).includes(f));
      const after = [1, 2, 3].find((i) => selectShard(more, { index: i, count: 3 }, ROOT).includes(f));
      if (before !== after) moved += 1;
    }
    expect(moved).toBeLessThanOrEqual(2);
  });

  it("partitions any set for any count (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z0-9/-]{1,20}\.yaml$/), { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (list, count) => {
        const shards = Array.from({ length: count }, (_, i) => selectShard(list, { index: i + 1, count }, ROOT));
        const all = shards.flat();
        expect(all.length).toBe(list.length);
        expect(new Set(all)).toEqual(new Set(list));
      }),
    );
  });

  it("gives empty shards when there are more shards than files", () => {
    const two = files.slice(0, 2);
    const shards = [1, 2, 3, 4].map((index) => selectShard(two, { index, count: 4 }, ROOT));
    expect(shards.filter((s) => s.length === 0)).toHaveLength(2);
    expect(shards.flat().sort()).toEqual(two);
  });
});
