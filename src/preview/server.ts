/**
 * The preview's HTTP server (node:http): loopback only, every request through the guards in
 * `guards.ts`, briefs looked up by route key in the session (never by a path from the URL).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isAllowedFetchSite, isAllowedHost, isAllowedOrigin, routeRequest, securityHeaders, type ResponseKind } from "./guards.js";
import { PREVIEW_CSS, PREVIEW_JS } from "./client.js";
import { briefPage, errorPage, indexPage, noBriefYetPage } from "./pages.js";
import type { PreviewSession } from "./session.js";
import { SseHub, sseMessage } from "./sse.js";
import type { BriefState } from "./types.js";

/** Options for {@link startPreviewServer}. */
export interface PreviewServerOptions {
  session: PreviewSession;
  /** A loopback address (see `loopbackBindAddress`). */
  address: "127.0.0.1" | "::1";
  /** 0 picks a free port. */
  port: number;
}

/** A running preview server. */
export interface PreviewServer {
  port: number;
  /** `http://127.0.0.1:PORT/` (or `http://[::1]:PORT/`). */
  url: string;
  /** Tells the pages that briefs changed. */
  publish(changed: readonly BriefState[], indexChanged: boolean): void;
  /** Number of open event streams. */
  clients(): number;
  /** Ends the event streams, closes every connection and the server. */
  close(): Promise<void>;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, kind: ResponseKind, type: string, body: string, extra: Record<string, string> = {}): void {
  const bytes = Buffer.from(body, "utf8");
  res.writeHead(status, { ...securityHeaders(kind), "Content-Type": type, "Content-Length": String(bytes.byteLength), ...extra });
  res.end(req.method === "HEAD" ? undefined : bytes);
}

const HTML = "text/html; charset=utf-8";

/** Starts the server and resolves once it listens. */
export function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { session } = options;
  const hub = new SseHub();
  let port = options.port;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const h = req.headers;
    const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
    if (!isAllowedHost(h.host, port)) {
      send(req, res, 403, "error", HTML, errorPage(403, "This preview answers only on 127.0.0.1, localhost or [::1] with its own port."));
      return;
    }
    if (!isAllowedOrigin(one(h.origin), port) || !isAllowedFetchSite(one(h["sec-fetch-site"]), one(h["sec-fetch-mode"]), one(h["sec-fetch-dest"]))) {
      send(req, res, 403, "error", HTML, errorPage(403, "Requests from other sites are refused."));
      return;
    }
    const route = routeRequest(req.method, req.url);
    switch (route.kind) {
      case "method-not-allowed":
        send(req, res, 405, "error", HTML, errorPage(405, "Only GET and HEAD are served."), { Allow: "GET, HEAD" });
        return;
      case "index": {
        if (session.mode === "file") {
          const first = session.list()[0];
          if (first) {
            send(req, res, 302, "error", HTML, errorPage(302, "See the brief."), { Location: `/brief/${first.key}` });
            return;
          }
        }
        send(req, res, 200, "page", HTML, indexPage(session.shownTarget, session.list()));
        return;
      }
      case "brief": {
        const state = session.state(route.key);
        if (!state) break;
        send(req, res, 200, "page", HTML, briefPage(state, { mode: session.mode }));
        return;
      }
      case "content": {
        const state = session.state(route.key);
        if (!state) break;
        send(req, res, 200, "content", HTML, session.html(route.key) ?? noBriefYetPage(state));
        return;
      }
      case "pdf": {
        const state = session.state(route.key);
        if (!state) break;
        const pending = session.pdf(route.key);
        if (!pending) {
          send(req, res, 404, "error", HTML, errorPage(404, "No PDF: this file has never been valid, or PDFs are not available in this preview."));
          return;
        }
        pending.then(
          (bytes) => {
            if (res.destroyed) return;
            res.writeHead(200, { ...securityHeaders("pdf"), "Content-Type": "application/pdf", "Content-Length": String(bytes.byteLength), "Content-Disposition": `inline; filename="${route.key}.pdf"` });
            res.end(req.method === "HEAD" ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
          },
          (error: unknown) => {
            if (res.destroyed) return;
            const message = error instanceof Error ? error.message : String(error);
            const hint = error instanceof Error && "hint" in error && typeof error.hint === "string" ? ` ${error.hint}` : "";
            send(req, res, 503, "error", HTML, errorPage(503, `The PDF could not be printed: ${message}.${hint}`));
          },
        );
        return;
      }
      case "asset":
        if (route.name === "preview.js") send(req, res, 200, "asset", "text/javascript; charset=utf-8", PREVIEW_JS);
        else send(req, res, 200, "asset", "text/css; charset=utf-8", PREVIEW_CSS);
        return;
      case "favicon":
        res.writeHead(204, securityHeaders("error"));
        res.end();
        return;
      case "events": {
        if (!hub.hasRoom()) {
          send(req, res, 503, "error", HTML, errorPage(503, "Too many open preview pages."), { "Retry-After": "5" });
          return;
        }
        res.writeHead(200, { ...securityHeaders("events"), "Content-Type": "text/event-stream; charset=utf-8", Connection: "keep-alive", "X-Accel-Buffering": "no" });
        if (req.method === "HEAD") {
          res.end();
          return;
        }
        res.flushHeaders();
        req.socket.setNoDelay(true);
        req.socket.setTimeout(0);
        hub.add(res, `retry: 1000\n\n${sseMessage("state", { briefs: session.list() })}`);
        return;
      }
      case "not-found":
        break;
    }
    send(req, res, 404, "error", HTML, errorPage(404, "Not found."));
  };

  const server: Server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      if (!res.headersSent) send(req, res, 500, "error", HTML, errorPage(500, error instanceof Error ? error.message : "internal error"));
      else res.end();
    }
  });
  server.keepAliveTimeout = 5_000;

  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen({ host: options.address, port: options.port, exclusive: true }, () => {
      server.off("error", reject);
      port = (server.address() as AddressInfo).port;
      const host = options.address === "::1" ? "[::1]" : options.address;
      resolvePromise({
        port,
        url: `http://${host}:${port}/`,
        publish(changed, indexChanged) {
          for (const s of changed) hub.broadcast("update", s);
          if (indexChanged) hub.broadcast("index", { keys: session.list().map((b) => b.key) });
        },
        clients: () => hub.size,
        close() {
          hub.close();
          return new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
        },
      });
    });
  });
}
