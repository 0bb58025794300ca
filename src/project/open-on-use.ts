/**
 * A format session opened on first use: a build where every brief is up to date never loads the
 * renderer (nor launches a browser).
 */
import type { FormatSession, RenderInput } from "../render/formats.js";

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
