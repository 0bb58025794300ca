/**
 * The preview server's guards, as pure functions: which address it may bind, which Host and
 * Origin headers it answers, how a request URL maps to a route (by assessment key only, never
 * by a path taken from the URL), and the security headers of every response.
 *
 * The threat: a hostile web page open in a browser on the same machine. It can make the browser
 * send requests to 127.0.0.1 (links, images, forms, fetch in no-cors mode) and can point its own
 * domain name at 127.0.0.1 (DNS rebinding). It must neither read a brief nor reach a file.
 */

/** Longest request target accepted; anything longer is not one of ours. */
export const MAX_URL_LENGTH = 2048;

/** Longest route key (keys are kebab-case slugs derived from file names). */
export const MAX_KEY_LENGTH = 80;

const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The address to bind for a `--host` value, or undefined when the value is not a loopback name.
 * Only `127.0.0.1`, `localhost` (bound as 127.0.0.1) and `::1` are accepted.
 */
export function loopbackBindAddress(host: string): "127.0.0.1" | "::1" | undefined {
  const h = host.trim().toLowerCase();
  if (h === "127.0.0.1" || h === "localhost") return "127.0.0.1";
  if (h === "::1" || h === "[::1]") return "::1";
  return undefined;
}

/** The Host header values the server answers on `port`. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/**
 * True when a Host header names this server on loopback: `127.0.0.1:PORT`, `localhost:PORT` or
 * `[::1]:PORT`. Any other name (a rebinding attacker's domain) is refused.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return allowedHosts(port).includes(host.toLowerCase());
}

/** True when an Origin header is absent or one of this server's own origins. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

/**
 * Fetch metadata check: a request a cross-site page made the browser send is refused, except a
 * top-level navigation (following a link to the preview is harmless: the page cannot read it).
 * Browsers that send no `Sec-Fetch-Site` pass (the Host check still applies).
 */
export function isAllowedFetchSite(site: string | undefined, mode: string | undefined, dest: string | undefined): boolean {
  if (site === undefined || site === "same-origin" || site === "none") return true;
  return mode === "navigate" && (dest === "document" || dest === undefined);
}

/** What a request asks for. Keys are matched against the served assessments by the caller. */
export type Route =
  | { kind: "index" }
  | { kind: "brief"; key: string }
  | { kind: "content"; key: string }
  | { kind: "pdf"; key: string }
  | { kind: "events" }
  | { kind: "asset"; name: "preview.js" | "preview.css" }
  | { kind: "favicon" }
  | { kind: "not-found" }
  | { kind: "method-not-allowed" };

/** True for a well-formed route key. */
export function isRouteKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(key);
}

/**
 * Maps a method and a raw request target to a route. Only GET and HEAD are served. The path is
 * matched as raw text against a fixed set of shapes whose only variable part is a kebab-case key:
 * nothing is percent-decoded, and `..`, `%2e`, backslashes, NUL or any other character outside a
 * slug simply fails to match (404). The query string is ignored (it only busts caches).
 */
export function routeRequest(method: string | undefined, rawUrl: string | undefined): Route {
  if (method !== "GET" && method !== "HEAD") return { kind: "method-not-allowed" };
  if (rawUrl === undefined || rawUrl.length > MAX_URL_LENGTH || !rawUrl.startsWith("/")) return { kind: "not-found" };
  const q = rawUrl.indexOf("?");
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  if (path === "/") return { kind: "index" };
  if (path === "/events") return { kind: "events" };
  if (path === "/_/preview.js") return { kind: "asset", name: "preview.js" };
  if (path === "/_/preview.css") return { kind: "asset", name: "preview.css" };
  if (path === "/favicon.ico") return { kind: "favicon" };
  const m = /^\/brief\/([^/]+)(\/content|\/pdf)?$/.exec(path);
  if (m && isRouteKey(m[1]!)) {
    if (m[2] === "/content") return { kind: "content", key: m[1]! };
    if (m[2] === "/pdf") return { kind: "pdf", key: m[1]! };
    return { kind: "brief", key: m[1]! };
  }
  return { kind: "not-found" };
}

/** Which kind of response the headers are for. */
export type ResponseKind = "page" | "content" | "pdf" | "asset" | "events" | "error";

/** The Content-Security-Policy of the preview's own pages: its script file, its styles, nothing else. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The Content-Security-Policy of a rendered brief: no script at all (as in the PDF), inline styles
 * and inlined fonts and images only, and framed only by the preview page itself.
 */
export const CONTENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/**
 * Security headers for a response. No CORS header is ever sent, so other origins cannot read
 * anything; `Cross-Origin-Resource-Policy: same-origin` also stops them embedding it.
 */
export function securityHeaders(kind: ResponseKind): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
    "X-Frame-Options": kind === "content" ? "SAMEORIGIN" : "DENY",
    // A PDF gets no default-src: browsers' PDF viewers are themselves pages that such a policy would break.
    "Content-Security-Policy": kind === "content" ? CONTENT_CSP : kind === "page" ? PAGE_CSP : kind === "pdf" ? "frame-ancestors 'none'" : "default-src 'none'; frame-ancestors 'none'",
  };
  return headers;
}

/**
 * A route key for an assessment file name: the name without extension, lower-cased, runs of
 * other characters turned into single hyphens; `taken` keys get a `-2`, `-3`… suffix.
 */
export function keyForFileName(fileName: string, taken: ReadonlySet<string>): string {
  const stem = fileName.replace(/\.ya?ml$/i, "");
  let base = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_KEY_LENGTH - 4)
    .replace(/-+$/, "");
  if (base === "") base = "assessment";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const key = `${base}-${n}`;
    if (!taken.has(key)) return key;
  }
}
