import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startPreview, type RunningPreview } from "../src/preview/preview.js";
import { createBriefRenderer } from "../src/preview/render.js";
import type { PreviewRenderer } from "../src/preview/types.js";
import { run } from "../src/cli/main.js";
import type { CliIO } from "../src/cli/context.js";

/**
 * A stand-in renderer so the server is tested on its own: a file whose first line is `BROKEN`
 * gets an error at 2:3; anything else becomes a page holding its text.
 */
function fakeRenderer(): PreviewRenderer & { calls: string[]; prints: string[]; failPrint: boolean } {
  const calls: string[] = [];
  const r: PreviewRenderer & { calls: string[]; prints: string[]; failPrint: boolean } = {
    calls,
    prints: [],
    failPrint: false,
    async render(file, source) {
      calls.push(file);
      const text = Buffer.from(source).toString("utf8");
      if (text.startsWith("BROKEN")) {
        return { diagnostics: [{ file, line: 2, column: 3, ruleId: "yaml-syntax", severity: "error", message: "a quote is not closed", hint: "close it" }] };
      }
      const safe = text.replace(/[<>&]/g, "_");
      const pdf = async () => {
        r.prints.push(safe);
        if (r.failPrint) throw Object.assign(new Error("no browser found"), { hint: "install chromium" });
        return new TextEncoder().encode(`%PDF-1.7 ${safe}`);
      };
      return { html: `<!DOCTYPE html><html><body><main>${safe}</main></body></html>`, diagnostics: [], title: safe.split("\n")[0], pdf };
    },
  };
  return r;
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as they are (no URL normalisation, any Host header) and reads the whole response. */
function raw(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(":");
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
    socket.write(request);
  });
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawResponse> {
  const all = { Host: `127.0.0.1:${port}`, Connection: "close", ...headers };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`);
  return raw(port, `${method} ${path} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
}

/** An open event stream; `next(pred)` waits for a matching event. */
function events(port: number): Promise<{ socket: Socket; next: (pred: (e: { event: string; data: unknown }) => boolean, timeoutMs?: number) => Promise<{ event: string; data: unknown }>; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let buffer = Buffer.alloc(0);
    const seen: Array<{ event: string; data: unknown }> = [];
    const waiters: Array<() => void> = [];
    let headerDone = false;
    const ended = new Promise<void>((done) => socket.on("close", () => done()));
    socket.on("error", reject);
    socket.on("data", (c: Buffer) => {
      buffer = Buffer.concat([buffer, c]);
      if (!headerDone) {
        const i = buffer.indexOf("\r\n\r\n");
        if (i === -1) return;
        headerDone = true;
        buffer = buffer.subarray(i + 4);
      }
      // Chunked transfer encoding: sizes count bytes, so parse bytes.
      for (;;) {
        const eol = buffer.indexOf("\r\n");
        if (eol === -1) break;
        const size = parseInt(buffer.subarray(0, eol).toString("latin1"), 16);
        if (Number.isNaN(size) || buffer.length < eol + 2 + size + 2) break;
        const chunk = buffer.subarray(eol + 2, eol + 2 + size).toString("utf8");
        buffer = buffer.subarray(eol + 2 + size + 2);
        for (const block of chunk.split("\n\n")) {
          const ev = /^event: (.+)$/m.exec(block);
          const data = /^data: (.+)$/m.exec(block);
          if (ev && data) seen.push({ event: ev[1]!, data: JSON.parse(data[1]!) });
        }
      }
      for (const w of waiters.splice(0)) w();
    });
    socket.on("connect", () => {
      socket.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`);
      resolve({
        socket,
        ended,
        next(pred, timeoutMs = 5000) {
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(seen.map((s) => s.event))}`)), timeoutMs);
            const check = () => {
              const i = seen.findIndex(pred);
              if (i >= 0) {
                clearTimeout(timer);
                ok(seen.splice(i, 1)[0]!);
              } else waiters.push(check);
            };
            check();
          });
        },
      });
    });
  });
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "yardstick-preview-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function serve(target: string, renderer: PreviewRenderer = fakeRenderer()): Promise<RunningPreview> {
  const preview = await startPreview({ target, cwd: target, renderer, address: "127.0.0.1", port: 0, debounceMs: 30 });
  cleanups.push(() => preview.close());
  return preview;
}

describe("preview server guards", () => {
  it("refuses foreign Host headers with 403 (DNS rebinding)", async () => {
    const p = await serve(folder({ "a.yaml": "Alpha" }));
    for (const host of ["evil.example", `evil.example:${p.port}`, `127.0.0.1:${p.port + 1}`, `127.0.0.1.nip.io:${p.port}`, `0.0.0.0:${p.port}`]) {
      const r = await get(p.port, "/brief/a/content", { Host: host });
      expect(r.status, host).toBe(403);
      expect(r.body).not.toContain("Alpha");
    }
    for (const host of [`127.0.0.1:${p.port}`, `localhost:${p.port}`, `[::1]:${p.port}`]) {
      expect((await get(p.port, "/brief/a/content", { Host: host })).status, host).toBe(200);
    }
    const noHost = await raw(p.port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    expect([400, 403]).toContain(noHost.status);
    const http10 = await raw(p.port, "GET /brief/a/content HTTP/1.0\r\n\r\n");
    expect([400, 403]).toContain(http10.status);
    expect(http10.body).not.toContain("Alpha");
  });

  it("refuses other origins and cross-site subresource requests", async () => {
    const p = await serve(folder({ "a.yaml": "Alpha" }));
    expect((await get(p.port, "/events", { Origin: "http://evil.example" })).status).toBe(403);
    expect((await get(p.port, "/brief/a/content", { "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "iframe" })).status).toBe(403);
    expect((await get(p.port, "/brief/a", { "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document" })).status).toBe(200);
  });

  it("answers traversal and unknown paths with 404, never with a file", async () => {
    const dir = folder({ "a.yaml": "Alpha" });
    writeFileSync(join(dir, "secret.txt"), "TOPSECRET");
    const p = await serve(dir);
    const paths = [
      "/brief/../../etc/passwd",
      "/brief/%2e%2e/%2e%2e/etc/passwd",
      "/brief/..%2f..%2fetc%2fpasswd",
      "/brief/a/../../secret.txt",
      "/brief/a/content/..%2fsecret.txt",
      "/brief/..\\..\\secret.txt",
      "/secret.txt",
      "/a.yaml",
      "/brief/a.yaml",
      "/brief/secret",
      "/brief/A",
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/brief/a%00",
      "/_/../secret.txt",
      "/node_modules/",
    ];
    for (const path of paths) {
      const r = await get(p.port, path);
      expect([400, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain("TOPSECRET");
      expect(r.body, path).not.toContain("root:");
    }
    const nul = await raw(p.port, `GET /brief/a\u0000 HTTP/1.1\r\nHost: 127.0.0.1:${p.port}\r\nConnection: close\r\n\r\n`);
    expect([400, 404]).toContain(nul.status);
  });

  it("serves GET and HEAD only (405 otherwise)", async () => {
    const p = await serve(folder({ "a.yaml": "Alpha" }));
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const r = await get(p.port, "/brief/a", { "Content-Length": "0" }, method);
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe("GET, HEAD");
    }
    const head = await get(p.port, "/brief/a/content", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("sends its security headers and no CORS header", async () => {
    const p = await serve(folder({ "a.yaml": "Alpha" }));
    for (const path of ["/", "/brief/a", "/brief/a/content", "/_/preview.js", "/nope"]) {
      const r = await get(p.port, path, { Origin: `http://127.0.0.1:${p.port}` });
      expect(r.headers["x-content-type-options"], path).toBe("nosniff");
      expect(r.headers["referrer-policy"], path).toBe("no-referrer");
      expect(r.headers["content-security-policy"], path).toMatch(/frame-ancestors/);
      expect(Object.keys(r.headers).filter((k) => k.startsWith("access-control-")), path).toEqual([]);
    }
    const page = await get(p.port, "/brief/a");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'; script-src 'self'");
    expect(page.body).toContain('<script src="/_/preview.js"');
    expect(page.body).not.toMatch(/<script>(?!<)/); // no inline script
    const content = await get(p.port, "/brief/a/content");
    expect(content.headers["content-security-policy"]).not.toContain("script-src");
    expect(content.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(content.body).toContain("<main>Alpha</main>");
    expect((await get(p.port, "/_/preview.js")).headers["content-type"]).toBe("text/javascript; charset=utf-8");
  });
});

describe("preview live updates", () => {
  it("pushes a re-render on save, keeps the last good brief when the file breaks, and recovers", async () => {
    const dir = folder({ "a.yaml": "Alpha\n", "b.yaml": "Beta\n" });
    const renderer = fakeRenderer();
    const p = await serve(dir, renderer);
    expect(renderer.calls).toHaveLength(2);
    const index = await get(p.port, "/");
    expect(index.body).toContain('href="/brief/a"');
    expect(index.body).toContain('href="/brief/b"');

    const stream = await events(p.port);
    cleanups.push(() => void stream.socket.destroy());
    const state = await stream.next((e) => e.event === "state");
    expect((state.data as { briefs: Array<{ key: string }> }).briefs.map((b) => b.key)).toEqual(["a", "b"]);

    writeFileSync(join(dir, "a.yaml"), "Alpha two\n");
    const updated = (await stream.next((e) => e.event === "update")).data as { key: string; goodVersion: number; errors: number };
    expect(updated).toMatchObject({ key: "a", goodVersion: 2, errors: 0 });
    expect((await get(p.port, "/brief/a/content")).body).toContain("Alpha two");

    writeFileSync(join(dir, "a.yaml"), "BROKEN\n  'x\n");
    const broken = (await stream.next((e) => e.event === "update")).data as { goodVersion: number; errors: number; diagnostics: Array<{ file: string; line: number; column: number; frame?: string[] }> };
    expect(broken).toMatchObject({ goodVersion: 2, errors: 1 });
    expect(broken.diagnostics[0]).toMatchObject({ file: "a.yaml", line: 2, column: 3 });
    expect(broken.diagnostics[0]!.frame?.[0]).toContain("'x");
    await stream.next((e) => e.event === "index");
    // The page keeps showing the last good brief.
    expect((await get(p.port, "/brief/a/content")).body).toContain("Alpha two");

    writeFileSync(join(dir, "a.yaml"), "Alpha three\n");
    expect((await stream.next((e) => e.event === "update")).data).toMatchObject({ goodVersion: 3, errors: 0 });
    expect((await get(p.port, "/brief/a/content")).body).toContain("Alpha three");
    // b was never re-rendered: only changed files are.
    expect(renderer.calls.filter((f) => f.endsWith("b.yaml"))).toHaveLength(1);

    writeFileSync(join(dir, "c.yaml"), "Gamma\n");
    expect((await stream.next((e) => e.event === "index" && (e.data as { keys: string[] }).keys.includes("c"))).data).toEqual({ keys: ["a", "b", "c"] });
    unlinkSync(join(dir, "b.yaml"));
    await stream.next((e) => e.event === "index" && !(e.data as { keys: string[] }).keys.includes("b"));
    expect((await get(p.port, "/brief/b")).status).toBe(404);

    await p.close();
    await stream.ended;
  });

  it("prints the last good brief to PDF on request, once per good version", async () => {
    const dir = folder({ "a.yaml": "Alpha\n" });
    const renderer = fakeRenderer();
    const p = await serve(dir, renderer);
    renderer.failPrint = true;
    const failed = await get(p.port, "/brief/a/pdf");
    expect(failed.status).toBe(503);
    expect(failed.body).toContain("no browser found");
    expect(failed.body).toContain("install chromium");
    renderer.failPrint = false;
    const pdf = await get(p.port, "/brief/a/pdf");
    expect(pdf.status).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toBe('inline; filename="a.pdf"');
    expect(pdf.headers["x-frame-options"]).toBe("DENY");
    expect(pdf.body).toBe("%PDF-1.7 Alpha\n");
    expect((await get(p.port, "/brief/a/pdf")).body).toBe("%PDF-1.7 Alpha\n");
    expect(renderer.prints).toEqual(["Alpha\n", "Alpha\n"]); // the failed try, then one print

    const stream = await events(p.port);
    cleanups.push(() => void stream.socket.destroy());
    await stream.next((e) => e.event === "state");
    writeFileSync(join(dir, "a.yaml"), "BROKEN\n");
    await stream.next((e) => e.event === "update");
    expect((await get(p.port, "/brief/a/pdf")).body).toBe("%PDF-1.7 Alpha\n");
    writeFileSync(join(dir, "a.yaml"), "Alpha two\n");
    await stream.next((e) => e.event === "update" && (e.data as { errors: number }).errors === 0);
    expect((await get(p.port, "/brief/a/pdf")).body).toBe("%PDF-1.7 Alpha two\n");
    expect(renderer.prints).toHaveLength(3);
    expect((await get(p.port, "/brief/zzz/pdf")).status).toBe(404);
  });

  it("serves one file at /brief/KEY and redirects / to it", async () => {
    const dir = folder({ "only.yaml": "BROKEN\nx\n" });
    const p = await serve(join(dir, "only.yaml"));
    const root = await get(p.port, "/");
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe("/brief/only");
    // Never valid yet: a stand-in page says so, and there is no PDF.
    expect((await get(p.port, "/brief/only/content")).body).toContain("No brief yet");
    expect((await get(p.port, "/brief/only/pdf")).status).toBe(404);
    const page = await get(p.port, "/brief/only");
    expect(page.body).toContain('"errors":1');
  });
});

describe("preview with the real renderer", () => {
  const ASSESSMENT = "yardstick: 1\ntitle: Config follow\ncutoff: 2022-07-09\nsummary: S.\njudgments:\n  - id: j\n    likelihood: likely\n    statement: it happens.\n";

  it("re-renders every brief when yardstick.config.yaml changes, and shows config errors", async () => {
    const root = folder({ "yardstick.config.yaml": "dateFormat: yyyy-mm-dd\n" });
    const dir = join(root, "assessments");
    mkdirSync(dir);
    writeFileSync(join(dir, "a.yaml"), ASSESSMENT);
    const p = await startPreview({ target: dir, cwd: root, renderer: createBriefRenderer({ asOf: "2023-01-01" }), address: "127.0.0.1", port: 0, debounceMs: 30 });
    cleanups.push(() => p.close());
    expect((await get(p.port, "/brief/a/content")).body).toContain("Intelligence cut-off 2022-07-09");
    const stream = await events(p.port);
    cleanups.push(() => void stream.socket.destroy());
    await stream.next((e) => e.event === "state");

    writeFileSync(join(root, "yardstick.config.yaml"), "dateFormat: d mmmm yyyy\n");
    await stream.next((e) => e.event === "update" && (e.data as { goodVersion: number }).goodVersion === 2);
    expect((await get(p.port, "/brief/a/content")).body).toContain("Intelligence cut-off 9 July 2022");

    writeFileSync(join(root, "yardstick.config.yaml"), "dateFormat: d mmmm yyyy\npageSize: A5\n");
    const bad = (await stream.next((e) => e.event === "update" && (e.data as { errors: number }).errors > 0)).data as { diagnostics: Array<{ file: string; line: number }> };
    expect(bad.diagnostics.find((d) => d.file === "yardstick.config.yaml")).toMatchObject({ line: 2 });
    expect((await get(p.port, "/brief/a/content")).body).toContain("Intelligence cut-off 9 July 2022");
  });
});

describe("preview follows template edits", () => {
  it("re-renders when a template in the config's templates folder changes", async () => {
    const root = folder({ "yardstick.config.yaml": "templates: house\n" });
    mkdirSync(join(root, "house"));
    writeFileSync(join(root, "house", "brief.css"), "body { color: #111; } /* house-v1 */\n");
    writeFileSync(join(root, "a.yaml"), "yardstick: 1\ntitle: T\ncutoff: 2022-07-09\nsummary: S.\njudgments:\n  - id: j\n    likelihood: likely\n    statement: it happens.\n");
    const p = await startPreview({ target: root, cwd: root, renderer: createBriefRenderer({ asOf: "2023-01-01" }), address: "127.0.0.1", port: 0, debounceMs: 30 });
    cleanups.push(() => p.close());
    expect((await get(p.port, "/brief/a/content")).body).toContain("house-v1");
    const stream = await events(p.port);
    cleanups.push(() => void stream.socket.destroy());
    await stream.next((e) => e.event === "state");
    writeFileSync(join(root, "house", "brief.css"), "body { color: #222; } /* house-v2 */\n");
    await stream.next((e) => e.event === "update" && (e.data as { goodVersion: number }).goodVersion === 2);
    expect((await get(p.port, "/brief/a/content")).body).toContain("house-v2");
  });
});

describe("yardstick preview (CLI)", () => {
  function io(cwd: string): CliIO & { out: string; err: string; interrupt: () => void } {
    let handler: (() => void) | undefined;
    const o = {
      out: "",
      err: "",
      stdout: (t: string) => void (o.out += t),
      stderr: (t: string) => void (o.err += t),
      cwd,
      env: {},
      isTTY: false,
      onInterrupt(h: () => void) {
        handler = h;
        return () => (handler = undefined);
      },
      interrupt: () => handler?.(),
    };
    return o;
  }

  it("refuses a non-loopback --host (exit 2) and a missing path", async () => {
    const dir = folder({ "a.yaml": "x" });
    for (const host of ["0.0.0.0", "192.168.1.1", "example.com"]) {
      const o = io(dir);
      expect(await run(["preview", "a.yaml", "--host", host], o)).toBe(2);
      expect(o.err).toContain("refusing to serve");
    }
    const o = io(dir);
    expect(await run(["preview", "missing.yaml"], o)).toBe(2);
    expect(o.err).toContain("no such file");
  });

  it("serves until Ctrl-C, then closes and exits 0", async () => {
    const dir = folder({});
    writeFileSync(join(dir, "a.yaml"), "yardstick: 1\ntitle: T\ncutoff: 2022-01-01\nsummary: S.\njudgments:\n  - id: j\n    likelihood: likely\n    statement: it happens.\n");
    const o = io(dir);
    const done = run(["preview", "a.yaml", "--port", "0", "--as-of", "2022-01-02"], o);
    const deadline = Date.now() + 10_000;
    while (!/127\.0\.0\.1:(\d+)/.test(o.out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(o.out)?.[1]);
    expect(port).toBeGreaterThan(0);
    const r = await get(port, "/brief/a/content");
    expect(r.status).toBe(200);
    expect(r.body).toContain("that it happens.");
    o.interrupt();
    expect(await done).toBe(0);
    await expect(get(port, "/")).rejects.toThrow();
  });
});
