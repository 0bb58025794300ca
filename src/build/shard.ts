/**
 * `--shard i/n`: split a build's inputs deterministically across CI jobs, the way vitest does.
 *
 * Files are ordered by the sha1 of their project-relative path (posix separators), and shard i of
 * n takes the i-th of n contiguous, balanced slices of that order (sizes differ by at most one;
 * the first `files % n` shards get the extra file). Ordering by hash rather than by name spreads
 * neighbouring files (one region's editions, say) over the shards and keeps each file's shard
 * stable when unrelated files are added. The shards of 1/n … n/n are disjoint and together are
 * the whole set, on every machine, whatever order the files were listed in.
 */
import { createHash } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";

/** A parsed `--shard`: 1-based index and count. */
export interface Shard {
  index: number;
  count: number;
}

/** Why a `--shard` value was refused (the CLI turns it into a usage error). */
export class ShardSyntaxError extends Error {
  constructor(readonly value: string) {
    super(`invalid --shard \`${value}\`: expected i/n with 1 ≤ i ≤ n, e.g. 2/3`);
    this.name = "ShardSyntaxError";
  }
}

/** Parses `i/n` (whole numbers, 1 ≤ i ≤ n). Throws {@link ShardSyntaxError}. */
export function parseShard(value: string): Shard {
  const m = /^\s*([0-9]{1,6})\s*\/\s*([0-9]{1,6})\s*$/.exec(value);
  if (!m) throw new ShardSyntaxError(value);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new ShardSyntaxError(value);
  return { index, count };
}

/** `[start, end)` of shard `index` of `count` over `total` items: balanced contiguous slices (vitest's rule). */
export function shardRange(total: number, shard: Shard): [number, number] {
  const base = Math.floor(total / shard.count);
  const remainder = total % shard.count;
  if (shard.index <= remainder) return [(base + 1) * (shard.index - 1), (base + 1) * shard.index];
  const start = remainder * (base + 1) + (shard.index - remainder - 1) * base;
  return [start, start + base];
}

/** The key a file is ordered by: its path relative to `root`, with `/` separators. */
export function shardKey(file: string, root: string): string {
  const rel = isAbsolute(file) ? relative(root, file) : file;
  return rel.split(sep).join("/");
}

/**
 * The files of one shard, in their original order. `root` is the folder paths are made relative
 * to before hashing (the project folder), so absolute and relative listings shard alike.
 */
export function selectShard<T extends string>(files: readonly T[], shard: Shard, root: string): T[] {
  const unique = [...new Set(files)];
  const ordered = unique
    .map((file) => ({ file, hash: createHash("sha1").update(shardKey(file, root)).digest("hex") }))
    .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const [start, end] = shardRange(ordered.length, shard);
  const picked = new Set(ordered.slice(start, end).map((o) => o.file));
  return unique.filter((f) => picked.has(f));
}
