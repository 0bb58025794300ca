import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  isAllowedFetchSite,
  isAllowedHost,
  isAllowedOrigin,
  isRouteKey,
  keyForFileName,
  loopbackBindAddress,
  routeRequest,
  securityHeaders,
} from "../src/preview/guards.js";
import { escapeHtml, jsonForScript } from "../src/preview/pages.js";
import { openerFor } from "../src/cli/commands/preview.js";

describe("bind address", () => {
  it("accepts loopback names only", () => {
    expect(loopbackBindAddress("127.0.0.1")).toBe("127.0.0.1");
    expect(loopbackBindAddress("localhost")).toBe("127.0.0.1");
    expect(loopbackBindAddress("LOCALHOST")).toBe("127.0.0.1");
    expect(loopbackBindAddress("::1")).toBe("::1");
    expect(loopbackBindAddress("[::1]")).toBe("::1");
    for (const h of ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com", "127.0.0.1.nip.io", "localhost.evil.com", ""]) {
      expect(loopbackBindAddress(h), h).toBeUndefined();
    }
  });
});

describe("Host header (DNS rebinding)", () => {
  it("answers only its own loopback names with its own port", () => {
    for (const h of ["127.0.0.1:4178", "localhost:4178", "LocalHost:4178", "[::1]:4178"]) expect(isAllowedHost(h, 4178), h).toBe(true);
    for (const h of [undefined, "", "127.0.0.1", "localhost", "127.0.0.1:4179", "evil.com:4178", "attacker.example:4178", "127.0.0.1.evil.com:4178", "localhost:4178.evil.com", "0.0.0.0:4178", "[::]:4178", "127.0.0.2:4178", "localhost :4178"]) {
      expect(isAllowedHost(h, 4178), String(h)).toBe(false);
    }
  });

  it("refuses any random host name", () => {
    fc.assert(
      fc.property(fc.domain(), fc.integer({ min: 1, max: 65535 }), (domain, port) => {
        fc.pre(domain !== "localhost");
        expect(isAllowedHost(`${domain}:${port}`, port)).toBe(false);
      }),
    );
  });

  it("checks Origin against the same list", () => {
    expect(isAllowedOrigin(undefined, 8000)).toBe(true);
    expect(isAllowedOrigin("http://127.0.0.1:8000", 8000)).toBe(true);
    expect(isAllowedOrigin("http://localhost:8000", 8000)).toBe(true);
    for (const o of ["null", "http://evil.com", "https://127.0.0.1:8000", "http://127.0.0.1:8001", "http://localhost:8000.evil.com"]) expect(isAllowedOrigin(o, 8000), o).toBe(false);
  });

  it("refuses cross-site subresource requests but lets a cross-site link navigate", () => {
    expect(isAllowedFetchSite(undefined, undefined, undefined)).toBe(true);
    expect(isAllowedFetchSite("same-origin", "cors", "empty")).toBe(true);
    expect(isAllowedFetchSite("none", "navigate", "document")).toBe(true);
    expect(isAllowedFetchSite("cross-site", "navigate", "document")).toBe(true);
    expect(isAllowedFetchSite("cross-site", "no-cors", "image")).toBe(false);
    expect(isAllowedFetchSite("cross-site", "cors", "empty")).toBe(false);
    expect(isAllowedFetchSite("cross-site", "navigate", "iframe")).toBe(false);
    expect(isAllowedFetchSite("same-site", "no-cors", "script")).toBe(false);
  });
});

describe("routing", () => {
  it("routes the fixed shapes", () => {
    expect(routeRequest("GET", "/")).toEqual({ kind: "index" });
    expect(routeRequest("HEAD", "/")).toEqual({ kind: "index" });
    expect(routeRequest("GET", "/brief/isk-2022-07")).toEqual({ kind: "brief", key: "isk-2022-07" });
    expect(routeRequest("GET", "/brief/isk-2022-07/content?v=3")).toEqual({ kind: "content", key: "isk-2022-07" });
    expect(routeRequest("GET", "/brief/isk-2022-07/pdf")).toEqual({ kind: "pdf", key: "isk-2022-07" });
    expect(routeRequest("GET", "/events")).toEqual({ kind: "events" });
    expect(routeRequest("GET", "/_/preview.js")).toEqual({ kind: "asset", name: "preview.js" });
    expect(routeRequest("GET", "/_/preview.css?x")).toEqual({ kind: "asset", name: "preview.css" });
  });

  it("serves GET and HEAD only", () => {
    for (const m of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get", undefined]) {
      expect(routeRequest(m, "/").kind, String(m)).toBe("method-not-allowed");
    }
  });

  it("never matches traversal, encodings, backslashes, NUL or absolute URLs", () => {
    const attacks = [
      "/brief/../../etc/passwd",
      "/brief/..%2f..%2fetc%2fpasswd",
      "/brief/%2e%2e/%2e%2e/etc/passwd",
      "/brief/%2E%2E",
      "/brief/..",
      "/brief/.",
      "/brief/isk%2d2022",
      "/brief/isk-2022-07/../../x",
      "/brief/isk-2022-07/content/../../x",
      "/brief\\..\\..\\etc\\passwd",
      "/brief/..\\..\\etc",
      "/brief/isk%00",
      "/brief/isk\u0000",
      "/brief/ISK-2022-07",
      "/brief/isk-2022-07/",
      "/brief//isk",
      "//etc/passwd",
      "/assessments/isk-2022-07.yaml",
      "/etc/passwd",
      "/../package.json",
      "/_/../package.json",
      "/_/preview.js/..",
      "/templates/brief.hbs",
      "http://127.0.0.1/brief/x",
      "*",
      "",
      `/brief/${"a".repeat(81)}`,
      `/${"a".repeat(3000)}`,
    ];
    for (const url of attacks) {
      const r = routeRequest("GET", url);
      expect(r.kind === "not-found" || r.kind === "index", url).toBe(true);
      if (r.kind === "index") expect(url.startsWith("/?") || url === "/").toBe(true);
    }
  });

  it("only ever yields slug keys, whatever the URL", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "z", "0", "-", ".", "/", "%", "2", "e", "f", "\\", "\u0000", "?", "content", "A"), maxLength: 40 }), (tail) => {
        const r = routeRequest("GET", `/brief/${tail}`);
        if (r.kind === "brief" || r.kind === "content" || r.kind === "pdf") {
          expect(isRouteKey(r.key)).toBe(true);
          expect(r.key).toMatch(/^[a-z0-9-]+$/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("keys for files", () => {
  it("derives slugs from file names and de-duplicates them", () => {
    expect(keyForFileName("isk-2022-07.yaml", new Set())).toBe("isk-2022-07");
    expect(keyForFileName("My Draft (v2).YML", new Set())).toBe("my-draft-v2");
    expect(keyForFileName("...yaml", new Set())).toBe("assessment");
    expect(keyForFileName("isk.yaml", new Set(["isk", "isk-2"]))).toBe("isk-3");
    expect(isRouteKey(keyForFileName(`${"É".repeat(300)}x.yaml`, new Set()))).toBe(true);
  });
});

describe("response headers", () => {
  it("sends no CORS header and locks framing, sniffing and referrers", () => {
    for (const kind of ["page", "content", "pdf", "asset", "events", "error"] as const) {
      const h = securityHeaders(kind);
      expect(Object.keys(h).some((k) => k.toLowerCase().startsWith("access-control-"))).toBe(false);
      expect(h["X-Content-Type-Options"]).toBe("nosniff");
      expect(h["Referrer-Policy"]).toBe("no-referrer");
      expect(h["Cross-Origin-Resource-Policy"]).toBe("same-origin");
    }
    expect(securityHeaders("page")["X-Frame-Options"]).toBe("DENY");
    expect(securityHeaders("page")["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(securityHeaders("page")["Content-Security-Policy"]).toContain("script-src 'self'");
    // The brief itself runs no script at all, as in the PDF; only the preview page may frame it.
    const content = securityHeaders("content")["Content-Security-Policy"];
    expect(content).not.toContain("script-src");
    expect(content).toContain("default-src 'none'");
    expect(content).toContain("frame-ancestors 'self'");
  });
});

describe("page escaping", () => {
  it("escapes markup and keeps JSON inert inside a script element", () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe("&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;");
    const json = jsonForScript({ m: "</script><script>alert(1)</script>\u2028" });
    expect(json).not.toContain("<");
    expect(json).not.toContain("\u2028");
    expect(JSON.parse(json)).toEqual({ m: "</script><script>alert(1)</script>\u2028" });
  });
});

describe("--open", () => {
  it("runs the platform opener without a shell string", () => {
    expect(openerFor("linux", "http://127.0.0.1:1/")).toEqual({ file: "xdg-open", args: ["http://127.0.0.1:1/"] });
    expect(openerFor("darwin", "http://127.0.0.1:1/")).toEqual({ file: "open", args: ["http://127.0.0.1:1/"] });
    expect(openerFor("win32", "http://127.0.0.1:1/?a&b").args.at(-1)).toBe("http://127.0.0.1:1/?a^&b");
  });
});
