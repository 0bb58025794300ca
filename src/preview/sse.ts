/**
 * Server-sent events: the open event streams of the preview pages, a broadcast to all of them,
 * and a heartbeat so a dead connection is noticed.
 */
import type { ServerResponse } from "node:http";

/** Most event streams open at once; more get 503 (a runaway page cannot exhaust the server). */
export const MAX_SSE_CLIENTS = 64;

/** Seconds between heartbeats. */
export const HEARTBEAT_MS = 15_000;

/** One SSE message as text: `event: NAME` and the data as JSON on one line. */
export function sseMessage(event: string, data: unknown): string {
  if (!/^[a-z-]+$/.test(event)) throw new Error(`bad event name ${event}`);
  // JSON.stringify never emits a raw line break, so the data fits one `data:` line.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The open event streams. */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = HEARTBEAT_MS) {
    this.heartbeat = setInterval(() => this.send(": ping\n\n"), heartbeatMs);
    this.heartbeat.unref();
  }

  /** Number of open streams. */
  get size(): number {
    return this.clients.size;
  }

  /** True when another stream may be opened. */
  hasRoom(): boolean {
    return this.clients.size < MAX_SSE_CLIENTS;
  }

  /** Adopts a response whose headers are sent; it leaves the hub when the connection closes. */
  add(res: ServerResponse, first?: string): void {
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
    if (first) res.write(first);
  }

  /** Sends an event to every open stream. */
  broadcast(event: string, data: unknown): void {
    this.send(sseMessage(event, data));
  }

  private send(text: string): void {
    for (const res of this.clients) {
      if (!res.writableEnded) res.write(text);
    }
  }

  /** Ends every stream and stops the heartbeat. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
