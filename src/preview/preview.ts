/**
 * `yardstick preview` as a library: a session over a file or folder, the loopback server, and
 * folder watchers that re-render on every save and push the result to the open pages.
 */
import { basename, dirname, join, resolve } from "node:path";
import { existsSync, readdirSync, statSync } from "node:fs";
import { CONFIG_FILE_NAME, findConfigFile } from "../config/load.js";
import { isAssessmentFile } from "../project/discover.js";
import { startPreviewServer, type PreviewServer } from "./server.js";
import { PreviewSession } from "./session.js";
import type { BriefState, PreviewRenderer } from "./types.js";
import { DEFAULT_DEBOUNCE_MS, FolderWatcher } from "./watch.js";

/** Something that happened, for the command to print. */
export type PreviewEvent =
  | { type: "rendered"; brief: BriefState; trigger: "start" | "save" | "config" }
  | { type: "removed"; key: string }
  | { type: "failed"; message: string };

/** Options for {@link startPreview}. */
export interface StartPreviewOptions {
  /** Absolute path of the assessment file or folder to serve. */
  target: string;
  cwd: string;
  renderer: PreviewRenderer;
  address: "127.0.0.1" | "::1";
  /** Port, or ports tried in order while they are in use (0 picks any free port). */
  port: number | readonly number[];
  debounceMs?: number;
  onEvent?: (event: PreviewEvent) => void;
}

/** A running preview. */
export interface RunningPreview {
  url: string;
  port: number;
  session: PreviewSession;
  server: PreviewServer;
  /** Waits for the refresh in progress (tests). */
  settled(): Promise<void>;
  /** Stops watching, ends the event streams and closes the server. */
  close(): Promise<void>;
}

/** Splits dependency paths into folders to watch whole (templates) and files to watch by name (configs). */
function splitDependencies(paths: readonly string[]): { folders: string[]; files: string[] } {
  const folders = new Set<string>();
  const files = new Set<string>();
  for (const p of paths) {
    if (!existsSync(p)) continue;
    if (!statSync(p).isDirectory()) {
      files.add(p);
      continue;
    }
    folders.add(p);
    for (const d of readdirSync(p, { withFileTypes: true })) if (d.isDirectory() && !d.name.startsWith(".")) folders.add(join(p, d.name));
  }
  return { folders: [...folders], files: [...files] };
}

/** Starts serving and watching; resolves when the first render is done and the server listens. */
export async function startPreview(options: StartPreviewOptions): Promise<RunningPreview> {
  const target = resolve(options.target);
  const session = new PreviewSession({ target, cwd: options.cwd, renderer: options.renderer });
  const first = await session.refresh();
  for (const brief of first.changed) options.onEvent?.({ type: "rendered", brief, trigger: "start" });
  const ports = typeof options.port === "number" ? [options.port] : options.port;
  let started: PreviewServer | undefined;
  for (const [i, port] of ports.entries()) {
    try {
      started = await startPreviewServer({ session, address: options.address, port });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || i === ports.length - 1) throw error;
    }
  }
  if (!started) throw new Error("startPreview: no port to try");
  const server = started;

  const configStart = session.mode === "dir" ? target : dirname(target);
  let inFlight: Promise<unknown> = Promise.resolve();
  let closed = false;

  const watcher = new FolderWatcher<"source" | "config" | "templates">((tags) => {
    if (closed) return;
    const force = tags.has("config") || tags.has("templates");
    const known = new Set(session.list().map((b) => b.key));
    inFlight = session.refresh(force).then((r) => {
      if (closed) return;
      for (const brief of r.changed) options.onEvent?.({ type: "rendered", brief, trigger: force ? "config" : "save" });
      const now = new Set(session.list().map((b) => b.key));
      for (const key of known) if (!now.has(key)) options.onEvent?.({ type: "removed", key });
      server.publish(r.changed, r.indexChanged);
      syncWatches();
    }, (error: unknown) => {
      // A bug, not the analyst's fault: say so and keep serving the last good briefs.
      options.onEvent?.({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    });
  }, options.debounceMs ?? DEFAULT_DEBOUNCE_MS);

  const syncWatches = (): void => {
    const targetName = basename(target);
    watcher.set({
      tag: "source",
      folders: session.folders(),
      // In a folder, any YAML file or new sub-folder; for one file, only that file's name.
      filter: session.mode === "dir" ? (name) => isAssessmentFile(name) || !name.includes(".") : (name) => name === targetName,
    });
    const configFile = findConfigFile(configStart);
    const deps = splitDependencies([...(options.renderer.dependencies?.() ?? []), ...(configFile ? [configFile] : [])]);
    const configNames = new Set([CONFIG_FILE_NAME, ...deps.files.map((f) => basename(f))]);
    // Also where a config file could be created later: next to the served folder and above it.
    const configHomes = configFile ? [] : [configStart, dirname(configStart)];
    watcher.set({ tag: "config", folders: [...new Set([...deps.files.map((f) => dirname(f)), ...configHomes])], filter: (name) => configNames.has(name) });
    watcher.set({ tag: "templates", folders: deps.folders });
  };
  syncWatches();

  return {
    url: server.url,
    port: server.port,
    session,
    server,
    settled: async () => {
      await inFlight;
    },
    async close() {
      closed = true;
      watcher.close();
      await server.close();
      await options.renderer.close?.();
    },
  };
}
