/**
 * Watching folders for saves, with a trailing debounce: editors write a file in several steps
 * (truncate + write, or write a temp file and rename it), and `fs.watch` may report each step,
 * or the same step twice. Folders are watched rather than files, so a rename-over save is seen.
 */
import { watch, type FSWatcher } from "node:fs";
import { basename } from "node:path";

/** Default quiet time after the last event before reacting. */
export const DEFAULT_DEBOUNCE_MS = 100;

/** A group of watched folders: a change in any of them reports the group's tag. */
export interface WatchGroup<Tag extends string> {
  tag: Tag;
  folders: readonly string[];
  /** Only names passing the filter count (a null name, which some platforms give, always counts). */
  filter?: (name: string) => boolean;
}

/** Watches groups of folders and reports, after a quiet time, which groups changed. */
export class FolderWatcher<Tag extends string> {
  private readonly watchers = new Map<string, { watcher: FSWatcher; tag: Tag }>();
  private pending = new Set<Tag>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly onChange: (tags: ReadonlySet<Tag>) => void,
    private readonly debounceMs = DEFAULT_DEBOUNCE_MS,
  ) {}

  /** Starts watching the group's folders that are not watched yet and stops watching the ones it no longer names. */
  set(group: WatchGroup<Tag>): void {
    if (this.closed) return;
    const wanted = new Set(group.folders);
    for (const [id, w] of this.watchers) {
      if (w.tag === group.tag && !wanted.has(id.slice(group.tag.length + 1))) {
        w.watcher.close();
        this.watchers.delete(id);
      }
    }
    for (const folder of wanted) {
      const id = `${group.tag}:${folder}`;
      if (this.watchers.has(id)) continue;
      let watcher: FSWatcher;
      try {
        watcher = watch(folder, { persistent: true }, (_event, name) => {
          const n = name === null ? null : basename(String(name));
          if (n !== null && group.filter && !group.filter(n)) return;
          this.trigger(group.tag);
        });
      } catch {
        continue; // a folder that vanished or cannot be watched: the next set() tries again
      }
      watcher.on("error", () => {
        watcher.close();
        this.watchers.delete(id);
        this.trigger(group.tag);
      });
      this.watchers.set(id, { watcher, tag: group.tag });
    }
  }

  /** Folders watched now (for tests and diagnostics). */
  watched(): string[] {
    return [...this.watchers.keys()];
  }

  private trigger(tag: Tag): void {
    if (this.closed) return;
    this.pending.add(tag);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const tags = this.pending;
      this.pending = new Set();
      this.onChange(tags);
    }, this.debounceMs);
  }

  /** Stops every watcher and any pending report. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.watcher.close();
    this.watchers.clear();
  }
}
