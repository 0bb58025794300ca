/**
 * The preview's own HTML pages: the frame around one brief (toolbar, the brief in a script-less
 * frame, the diagnostics overlay), the index of a folder, and the stand-in shown before a file
 * has ever been valid. Every dynamic value is escaped; page state travels as JSON data that the
 * preview script reads, never as markup.
 */
import type { BriefState } from "./types.js";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** JSON safe inside `<script type="application/json">`: no `<`, `>`, `&` or line separators survive raw. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "ok", "2 warnings", "1 error, 2 warnings". */
export function statusText(s: Pick<BriefState, "errors" | "warnings">): string {
  if (s.errors === 0 && s.warnings === 0) return "ok";
  const parts: string[] = [];
  if (s.errors > 0) parts.push(plural(s.errors, "error"));
  if (s.warnings > 0) parts.push(plural(s.warnings, "warning"));
  return parts.join(", ");
}

/** CSS class of a status: ok, warn or error. */
export function statusClass(s: Pick<BriefState, "errors" | "warnings">): "ok" | "warn" | "error" {
  return s.errors > 0 ? "error" : s.warnings > 0 ? "warn" : "ok";
}

function head(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/_/preview.css">
<script src="/_/preview.js" defer></script>
</head>`;
}

/** The page around one brief. */
export function briefPage(state: BriefState, options: { mode: "file" | "dir" }): string {
  const title = `${state.title ?? state.file} · yardstick preview`;
  const back = options.mode === "dir" ? `<a class="ys-back" href="/">All briefs</a>` : "";
  return `${head(title)}
<body class="ys-brief-page" data-key="${escapeHtml(state.key)}">
<header class="ys-bar">
${back}<span class="ys-file">${escapeHtml(state.file)}</span>
<span id="ys-status" class="ys-status ys-${statusClass(state)}">${escapeHtml(statusText(state))}</span>
<a id="ys-pdf" class="ys-pdf" href="/brief/${escapeHtml(state.key)}/pdf" target="_blank" rel="noopener noreferrer" title="the last good brief printed by the PDF renderer: the real pages">PDF</a>
<span id="ys-live" class="ys-live" title="live: the page follows every save">live</span>
</header>
<main id="ys-stage" class="ys-stage">
<iframe id="ys-frame" class="ys-frame" title="${escapeHtml(state.title ?? "brief")}" sandbox="allow-same-origin" src="/brief/${escapeHtml(state.key)}/content?v=${state.goodVersion}"></iframe>
</main>
<aside id="ys-overlay" class="ys-overlay" role="alert" aria-live="assertive" hidden></aside>
<script type="application/json" id="ys-state">${jsonForScript(state)}</script>
</body>
</html>
`;
}

/** The index of a served folder: every brief with its status. */
export function indexPage(folder: string, briefs: readonly BriefState[]): string {
  const rows = briefs
    .map(
      (b) => `<tr>
<td><a href="/brief/${escapeHtml(b.key)}">${escapeHtml(b.title ?? b.key)}</a></td>
<td class="ys-path">${escapeHtml(b.file)}</td>
<td><span class="ys-status ys-${statusClass(b)}">${escapeHtml(statusText(b))}</span></td>
</tr>`,
    )
    .join("\n");
  const body =
    briefs.length === 0
      ? `<p class="ys-empty">No assessments (<code>*.yaml</code>) in this folder yet. Start one with <code>yardstick new my-assessment</code>.</p>`
      : `<table class="ys-index"><thead><tr><th>Brief</th><th>File</th><th>Status</th></tr></thead><tbody>
${rows}
</tbody></table>`;
  return `${head(`${folder} · yardstick preview`)}
<body class="ys-index-page">
<header class="ys-bar"><span class="ys-file">${escapeHtml(folder)}</span><span id="ys-live" class="ys-live">live</span></header>
<main class="ys-list">
<h1>Briefs in ${escapeHtml(folder)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** Shown in the frame while a file has never been valid. */
export function noBriefYetPage(state: BriefState): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>No brief yet</title>
<style>html{background:#e5e7eb;font:16px/1.5 system-ui,sans-serif;color:#374151}main{max-width:36rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:6px}</style>
</head><body><main><h1>No brief yet</h1><p>${escapeHtml(state.file)} has ${escapeHtml(statusText(state))}. Fix ${state.errors === 1 ? "it" : "them"} and save: the brief appears here.</p></main></body></html>
`;
}

/** Plain error pages (403, 404, 405, 503). */
export function errorPage(status: number, message: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${status}</title></head><body><h1>${status}</h1><p>${escapeHtml(message)}</p></body></html>
`;
}
