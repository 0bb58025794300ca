/**
 * The preview's model: the served assessment files, each with its last good HTML and its current
 * diagnostics. A refresh re-reads the files and re-renders only those whose bytes changed (or all
 * of them after a config or template edit); an invalid file keeps its last good brief.
 */
import { statSync } from "node:fs";
import { inputDiagnostic, InputError, readInput } from "../io/read.js";
import { basename, dirname, relative, resolve } from "node:path";
import { countDiagnostics, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnostic } from "../diagnostics/codes.js";
import { codeFrame } from "../diagnostics/reporter.js";
import { discoverAssessments } from "../project/discover.js";
import { keyForFileName } from "./guards.js";
import type { BriefState, PreviewDiagnostic, PreviewRenderer } from "./types.js";

/** Most diagnostics sent to the page per file; the rest are counted. */
export const MAX_SHOWN_DIAGNOSTICS = 50;

/** Largest file the preview reads at all (the loader's own, configurable limit is lower). */
export const MAX_READ_BYTES = 16 * 1024 * 1024;

/** One served file. */
interface Entry {
  key: string;
  file: string;
  shown: string;
  source?: Buffer;
  html?: string;
  /** Prints the last good brief to PDF. */
  printPdf?: () => Promise<Uint8Array>;
  /** The PDF of one good version, once asked for. */
  pdf?: { goodVersion: number; bytes: Promise<Uint8Array> };
  state: BriefState;
}

/** Options for {@link PreviewSession}. */
export interface SessionOptions {
  /** Absolute path of the served file or folder. */
  target: string;
  /** Folder paths are shown relative to. */
  cwd: string;
  renderer: PreviewRenderer;
  /** Clock for render timings (injectable for tests). */
  now?: () => number;
}

/** What one refresh changed. */
export interface RefreshResult {
  /** Briefs that were re-rendered. */
  changed: BriefState[];
  /** True when the list of briefs or any status changed (the index page must update). */
  indexChanged: boolean;
}

function showPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel.startsWith("..") || rel === "" ? abs : rel;
}

function readSource(file: string): { bytes: Buffer } | { problem: Diagnostic } {
  try {
    return { bytes: readInput(file, { maxBytes: MAX_READ_BYTES, limitHint: "an assessment is a few kilobytes: is this the right file?" }) };
  } catch (error) {
    if (error instanceof InputError && error.ruleId !== "file-unreadable") return { problem: inputDiagnostic(file, error) };
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    return { problem: diagnostic("file-unreadable", "cannotRead", { file, line: 0, column: 0 }, { reason: code }, code === "ENOENT" ? "the file was moved or deleted; the preview shows its last good brief" : undefined) };
  }
}

/** Serves the briefs of one file or folder and keeps them current. */
export class PreviewSession {
  /** `file` when one assessment is served, `dir` for a folder (with an index page). */
  readonly mode: "file" | "dir";
  private readonly entries = new Map<string, Entry>();
  private readonly byFile = new Map<string, string>();
  private running: Promise<RefreshResult> | undefined;
  private queued: { force: boolean } | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SessionOptions) {
    this.mode = statSync(options.target).isDirectory() ? "dir" : "file";
    this.now = options.now ?? (() => performance.now());
  }

  /** The served file or folder, as shown to the user. */
  get shownTarget(): string {
    return showPath(this.options.cwd, this.options.target);
  }

  /** Every brief, in file order. */
  list(): BriefState[] {
    return [...this.entries.values()].sort((a, b) => a.shown.localeCompare(b.shown)).map((e) => e.state);
  }

  /** One brief's state, or undefined for an unknown key. */
  state(key: string): BriefState | undefined {
    return this.entries.get(key)?.state;
  }

  /** One brief's last good HTML, or undefined (unknown key, or never valid yet). */
  html(key: string): string | undefined {
    return this.entries.get(key)?.html;
  }

  /**
   * The PDF of a brief's last good version, printed on first request and kept until the next
   * good version; undefined for an unknown key or a file that was never valid.
   */
  pdf(key: string): Promise<Uint8Array> | undefined {
    const entry = this.entries.get(key);
    if (!entry?.printPdf) return undefined;
    if (entry.pdf?.goodVersion !== entry.state.goodVersion) {
      const bytes = entry.printPdf();
      const cached = { goodVersion: entry.state.goodVersion, bytes };
      entry.pdf = cached;
      // A failed print is not kept: the next request tries again.
      bytes.catch(() => {
        if (entry.pdf === cached) entry.pdf = undefined;
      });
    }
    return entry.pdf?.bytes;
  }

  /** Folders holding served files (to watch), and the served folder itself. */
  folders(): string[] {
    const dirs = new Set<string>();
    if (this.mode === "dir") dirs.add(this.options.target);
    for (const e of this.entries.values()) dirs.add(dirname(e.file));
    return [...dirs];
  }

  /** Absolute paths of the served files. */
  files(): string[] {
    return [...this.entries.values()].map((e) => e.file);
  }

  /**
   * Re-reads the files and re-renders those that changed (every one with `force`, after a config
   * or template edit). Calls made while a refresh runs are folded into one more refresh after it.
   */
  refresh(force = false): Promise<RefreshResult> {
    if (this.running) {
      this.queued = { force: force || (this.queued?.force ?? false) };
      return this.running;
    }
    const run = async (): Promise<RefreshResult> => {
      const all: RefreshResult = { changed: [], indexChanged: false };
      let next: { force: boolean } | undefined = { force };
      while (next) {
        this.queued = undefined;
        const r = await this.refreshOnce(next.force);
        for (const state of r.changed) if (!all.changed.includes(state)) all.changed.push(state);
        all.indexChanged ||= r.indexChanged;
        next = this.queued;
      }
      return all;
    };
    this.running = run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private discover(): string[] {
    if (this.mode === "file") return [this.options.target];
    const found = discoverAssessments([this.options.target], this.options.cwd);
    return found.files.map((f) => resolve(this.options.cwd, f));
  }

  private async refreshOnce(force: boolean): Promise<RefreshResult> {
    if (force) this.options.renderer.reset?.();
    const files = this.discover();
    let indexChanged = false;
    const present = new Set(files);
    for (const [file, key] of [...this.byFile]) {
      if (!present.has(file)) {
        this.byFile.delete(file);
        this.entries.delete(key);
        indexChanged = true;
      }
    }
    const changed: BriefState[] = [];
    for (const file of files) {
      let key = this.byFile.get(file);
      if (key === undefined) {
        key = keyForFileName(basename(file), new Set(this.entries.keys()));
        const shown = showPath(this.options.cwd, file);
        this.byFile.set(file, key);
        this.entries.set(key, { key, file, shown, state: { key, file: shown, version: 0, goodVersion: 0, errors: 0, warnings: 0, diagnostics: [], renderMs: 0 } });
        indexChanged = true;
      }
      const entry = this.entries.get(key)!;
      const read = readSource(file);
      if ("bytes" in read) {
        const source = read.bytes;
        if (!force && entry.source && entry.source.equals(source) && entry.state.version > 0) continue;
        entry.source = source;
        const before = { errors: entry.state.errors, warnings: entry.state.warnings, title: entry.state.title };
        await this.render(entry, source);
        if (before.errors !== entry.state.errors || before.warnings !== entry.state.warnings || before.title !== entry.state.title) indexChanged = true;
      } else {
        if (entry.source === undefined && entry.state.version > 0 && entry.state.errors > 0) continue;
        entry.source = undefined;
        this.setDiagnostics(entry, [{ ...read.problem, file: entry.shown }], 0);
        indexChanged = true;
      }
      changed.push(entry.state);
    }
    return { changed, indexChanged };
  }

  private async render(entry: Entry, source: Buffer): Promise<void> {
    const start = this.now();
    let diagnostics: Diagnostic[];
    let html: string | undefined;
    let title: string | undefined;
    let printPdf: (() => Promise<Uint8Array>) | undefined;
    try {
      const result = await this.options.renderer.render(entry.file, source);
      diagnostics = result.diagnostics;
      html = result.html;
      title = result.title;
      printPdf = result.pdf;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      diagnostics = [diagnostic("render-failed", "preview", { file: entry.file, line: 0, column: 0 }, { reason: message }, "if you edited a template, check it; otherwise this is a bug in yardstick")];
    }
    if (html !== undefined && html !== entry.html) {
      entry.html = html;
      entry.printPdf = printPdf;
      entry.state.goodVersion++;
    }
    if (title !== undefined) entry.state.title = title;
    const shownDiagnostics = diagnostics.map((d) => (resolve(this.options.cwd, d.file) === entry.file ? { ...d, file: entry.shown } : { ...d, file: showPath(this.options.cwd, resolve(this.options.cwd, d.file)) }));
    this.setDiagnostics(entry, shownDiagnostics, this.now() - start, source.toString("utf8"));
  }

  private setDiagnostics(entry: Entry, diagnostics: Diagnostic[], ms: number, text?: string): void {
    const counts = countDiagnostics(diagnostics);
    const shown: PreviewDiagnostic[] = sortDiagnostics(diagnostics)
      .slice(0, MAX_SHOWN_DIAGNOSTICS)
      .map((d) => (text !== undefined && d.file === entry.shown && d.line > 0 ? { ...d, frame: codeFrame(text, d) } : d));
    entry.state.version++;
    entry.state.errors = counts.errors;
    entry.state.warnings = counts.warnings;
    entry.state.diagnostics = shown;
    entry.state.renderMs = Math.round(ms);
  }
}
