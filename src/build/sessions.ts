/**
 * The renderers of one build: one session per format, opened on first use (a build where every
 * output is up to date loads no renderer and launches no browser), or early for formats that are
 * slow to open (the browser launches while the files are checked). A format whose renderer cannot
 * run here ({@link RendererUnavailableError}) is reported once and dropped; the others still write.
 */
import type { FormatSession, FormatSessionOptions, OutputFormat, RenderInput } from "../render/output-format.js";
import { RendererUnavailableError } from "../render/output-format.js";

/** A session that opens on its first render. */
export interface LazySession extends FormatSession {
  /** Whether the real session was opened. */
  opened(): boolean;
}

/** Wraps `open` so it runs on the first `render`, once; `close` closes only what was opened. */
export function lazySession(open: () => Promise<FormatSession>): LazySession {
  let session: Promise<FormatSession> | undefined;
  return {
    async render(input: RenderInput) {
      session ??= open();
      return (await session).render(input);
    },
    async close() {
      if (!session) return;
      let s: FormatSession;
      try {
        s = await session;
      } catch {
        return; // It never opened: nothing to close; the render that opened it reported the error.
      }
      await s.close();
    },
    opened: () => session !== undefined,
  };
}

type Opened = { session: FormatSession; error?: undefined } | { session?: undefined; error: unknown };

/** The sessions of one build, by format. */
export class SessionPool {
  private readonly opening = new Map<string, Promise<Opened>>();
  private readonly unavailable = new Map<string, RendererUnavailableError>();

  constructor(private readonly options: FormatSessionOptions) {}

  /** Starts opening a format's session now (no-op when it is already opening). */
  start(format: OutputFormat): void {
    void this.open(format);
  }

  private open(format: OutputFormat): Promise<Opened> {
    let p = this.opening.get(format.id);
    if (!p) {
      p = format.createSession(this.options).then(
        (session) => ({ session }),
        (error: unknown) => ({ error }),
      );
      this.opening.set(format.id, p);
    }
    return p;
  }

  /**
   * The session of a format, or undefined when its renderer is unavailable (recorded, see
   * {@link unavailableFormats}). Any other failure to open is a bug and is thrown.
   */
  async get(format: OutputFormat): Promise<FormatSession | undefined> {
    if (this.unavailable.has(format.id)) return undefined;
    const opened = await this.open(format);
    if (opened.session) return opened.session;
    if (opened.error instanceof RendererUnavailableError) {
      this.drop(format, opened.error);
      return undefined;
    }
    throw opened.error;
  }

  /** Marks a format unavailable (its renderer failed in a way that is the machine's, not the brief's). */
  drop(format: OutputFormat, error: RendererUnavailableError): void {
    if (!this.unavailable.has(format.id)) this.unavailable.set(format.id, error);
  }

  /** Whether a format was dropped. */
  isUnavailable(format: OutputFormat): boolean {
    return this.unavailable.has(format.id);
  }

  /** The formats dropped, with why. */
  unavailableFormats(): Array<{ format: string; error: RendererUnavailableError }> {
    return [...this.unavailable].map(([format, error]) => ({ format, error }));
  }

  /** Closes every session that opened. Safe to call more than once. */
  async close(): Promise<void> {
    const all = [...this.opening.values()];
    this.opening.clear();
    await Promise.all(all.map(async (p) => (await p).session?.close()));
  }
}
