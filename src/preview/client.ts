/**
 * The preview pages' own script and stylesheet, served as same-origin files (`/_/preview.js`,
 * `/_/preview.css`) under a CSP that allows no other script. The script listens to the event
 * stream, swaps in the re-rendered brief without losing the scroll position, and draws the
 * diagnostics overlay with DOM text nodes only (no markup from data).
 */

import { diagnostic } from "../diagnostics/codes.js";

/** The overlay's diagnostic for a file that is no longer served (the script fills in `file`). */
const FILE_REMOVED = JSON.stringify(diagnostic("file-removed", "removed", { file: "", line: 0, column: 0 }));

/** `/_/preview.js`: plain ES2017, no modules, no dependencies. */
export const PREVIEW_JS = String.raw`(function () {
  "use strict";
  var body = document.body;
  var key = body.getAttribute("data-key");
  var current = null;
  var loading = null;
  var warningsOpen = false;
  var stateEl = document.getElementById("ys-state");
  if (stateEl) {
    try { current = JSON.parse(stateEl.textContent || "null"); } catch (e) { current = null; }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function plural(n, w) { return n + " " + w + (n === 1 ? "" : "s"); }
  function statusText(s) {
    if (!s.errors && !s.warnings) return "ok";
    var parts = [];
    if (s.errors) parts.push(plural(s.errors, "error"));
    if (s.warnings) parts.push(plural(s.warnings, "warning"));
    return parts.join(", ");
  }
  function statusClass(s) { return s.errors ? "error" : s.warnings ? "warn" : "ok"; }
  function position(d) {
    return d.line > 0 ? d.file + ":" + d.line + ":" + d.column : d.file;
  }

  function renderOverlay(s) {
    var overlay = document.getElementById("ys-overlay");
    if (!overlay) return;
    while (overlay.firstChild) overlay.removeChild(overlay.firstChild);
    if (!s || (!s.errors && !s.warnings)) {
      overlay.hidden = true;
      overlay.className = "ys-overlay";
      body.removeAttribute("data-overlay");
      return;
    }
    var errors = s.errors > 0;
    overlay.className = "ys-overlay " + (errors ? "ys-has-errors" : "ys-has-warnings") + (!errors && !warningsOpen ? " ys-collapsed" : "");
    var head = el("div", "ys-overlay-head");
    head.appendChild(el("strong", "ys-count", statusText(s)));
    head.appendChild(el("span", "ys-note", errors ? (s.goodVersion > 0 ? "the page shows the last good brief" : "no brief yet") : "the brief is up to date"));
    if (!errors) {
      var toggle = el("button", "ys-toggle", warningsOpen ? "hide" : "show");
      toggle.type = "button";
      toggle.addEventListener("click", function () {
        warningsOpen = !warningsOpen;
        overlay.classList.toggle("ys-collapsed", !warningsOpen);
        toggle.textContent = warningsOpen ? "hide" : "show";
      });
      head.appendChild(toggle);
    }
    overlay.appendChild(head);
    var list = el("ol", "ys-diagnostics");
    s.diagnostics.forEach(function (d) {
      var item = el("li", "ys-d ys-sev-" + d.severity);
      var line = el("div", "ys-d-head");
      line.appendChild(el("code", "ys-pos", position(d)));
      line.appendChild(el("span", "ys-sev", d.severity));
      line.appendChild(el("span", "ys-msg", d.message));
      line.appendChild(el("span", "ys-rule", d.ruleId));
      item.appendChild(line);
      if (d.frame && d.frame.length) item.appendChild(el("pre", "ys-src", d.frame.join("\n")));
      if (d.hint) item.appendChild(el("div", "ys-hint", "hint: " + d.hint));
      list.appendChild(item);
    });
    var more = s.errors + s.warnings - s.diagnostics.filter(function (d) { return d.severity !== "info"; }).length;
    if (more > 0) list.appendChild(el("li", "ys-more", "… and " + more + " more (run yardstick check)"));
    overlay.appendChild(list);
    overlay.hidden = false;
    body.setAttribute("data-overlay", errors ? "errors" : "warnings");
  }

  function swapFrame(version) {
    var stage = document.getElementById("ys-stage");
    var shown = document.getElementById("ys-frame");
    if (!stage || !shown) return;
    if (loading && loading.parentNode) loading.parentNode.removeChild(loading);
    var next = document.createElement("iframe");
    next.className = "ys-frame ys-loading";
    next.title = shown.title;
    next.setAttribute("sandbox", "allow-same-origin");
    next.src = "/brief/" + encodeURIComponent(key) + "/content?v=" + encodeURIComponent(version);
    loading = next;
    next.addEventListener("load", function () {
      if (loading !== next) return;
      loading = null;
      var from = document.getElementById("ys-frame");
      try {
        if (from && from.contentWindow && next.contentWindow) next.contentWindow.scrollTo(from.contentWindow.scrollX, from.contentWindow.scrollY);
      } catch (e) { /* not readable: start at the top */ }
      next.classList.remove("ys-loading");
      if (from && from.parentNode) from.parentNode.removeChild(from);
      next.id = "ys-frame";
      body.setAttribute("data-shown-version", String(version));
    });
    stage.appendChild(next);
  }

  function apply(s) {
    var prev = current;
    current = s;
    body.setAttribute("data-version", String(s.version));
    body.setAttribute("data-good-version", String(s.goodVersion));
    var status = document.getElementById("ys-status");
    if (status) {
      status.textContent = statusText(s);
      status.className = "ys-status ys-" + statusClass(s);
    }
    document.title = (s.title || s.file) + " · yardstick preview";
    renderOverlay(s);
    if (!prev || prev.goodVersion !== s.goodVersion) swapFrame(s.goodVersion);
  }

  function gone() {
    current = null;
    renderOverlay({ errors: 1, warnings: 0, goodVersion: 1, diagnostics: [Object.assign(${FILE_REMOVED}, { file: key })] });
  }

  if (key && current) {
    body.setAttribute("data-version", String(current.version));
    body.setAttribute("data-good-version", String(current.goodVersion));
    renderOverlay(current);
    var first = document.getElementById("ys-frame");
    var firstVersion = current.goodVersion;
    if (first) first.addEventListener("load", function () { body.setAttribute("data-shown-version", String(firstVersion)); });
  }

  var live = document.getElementById("ys-live");
  if (typeof EventSource === "undefined") return;
  var events = new EventSource("/events");
  events.addEventListener("open", function () {
    if (live) { live.textContent = "live"; live.className = "ys-live"; }
  });
  events.addEventListener("error", function () {
    if (live) { live.textContent = "disconnected"; live.className = "ys-live ys-off"; }
  });
  events.addEventListener("state", function (ev) {
    var data = JSON.parse(ev.data);
    if (!key) return;
    var mine = null;
    data.briefs.forEach(function (b) { if (b.key === key) mine = b; });
    if (!mine) gone();
    else if (!current || current.version !== mine.version || current.goodVersion !== mine.goodVersion) apply(mine);
  });
  events.addEventListener("update", function (ev) {
    var s = JSON.parse(ev.data);
    if (key && s.key === key) apply(s);
  });
  events.addEventListener("index", function (ev) {
    var data = JSON.parse(ev.data);
    if (!key) { window.location.reload(); return; }
    if (data.keys.indexOf(key) === -1) gone();
  });
})();
`;

/** `/_/preview.css`: the toolbar, the grey stage around the brief and the overlay. */
export const PREVIEW_CSS = `html,body{margin:0;height:100%}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#525659;color:#111827}
.ys-bar{position:fixed;top:0;left:0;right:0;height:40px;box-sizing:border-box;display:flex;align-items:center;gap:14px;padding:0 16px;background:#1f2937;color:#e5e7eb;z-index:2}
.ys-bar a{color:#93c5fd;text-decoration:none}
.ys-bar a:hover{text-decoration:underline}
.ys-file{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
.ys-status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
.ys-status.ys-ok{background:#dcfce7;color:#166534}
.ys-status.ys-warn{background:#fef3c7;color:#92400e}
.ys-status.ys-error{background:#fee2e2;color:#991b1b}
.ys-pdf{margin-left:auto;font-size:12px;font-weight:600;padding:1px 8px;border:1px solid #4b5563;border-radius:4px}
.ys-live{font-size:12px;color:#86efac}
.ys-index-page .ys-live{margin-left:auto}
.ys-live::before{content:"";display:inline-block;width:8px;height:8px;margin-right:6px;border-radius:50%;background:currentColor}
.ys-live.ys-off{color:#fca5a5}
.ys-stage{position:fixed;top:40px;left:0;right:0;bottom:0}
.ys-frame{position:absolute;top:0;left:0;width:100%;height:100%;border:0;background:#525659}
.ys-frame.ys-loading{visibility:hidden}
.ys-overlay{position:fixed;z-index:3;top:56px;left:50%;transform:translateX(-50%);width:min(920px,calc(100% - 32px));max-height:calc(100% - 80px);overflow:auto;box-sizing:border-box;padding:14px 18px;background:#fff;border-top:5px solid #dc2626;border-radius:6px;box-shadow:0 12px 40px rgba(0,0,0,.45)}
.ys-overlay[hidden]{display:none}
.ys-overlay.ys-has-warnings{top:auto;bottom:16px;left:auto;right:16px;transform:none;width:min(560px,calc(100% - 32px));max-height:40%;border-top-color:#d97706}
.ys-overlay.ys-collapsed .ys-diagnostics{display:none}
.ys-overlay-head{display:flex;align-items:baseline;gap:12px;margin-bottom:6px}
.ys-count{font-size:15px}
.ys-has-errors .ys-count{color:#b91c1c}
.ys-has-warnings .ys-count{color:#b45309}
.ys-note{color:#6b7280}
.ys-toggle{margin-left:auto;font:inherit;font-size:12px;padding:1px 10px;border:1px solid #d1d5db;border-radius:4px;background:#f9fafb;cursor:pointer}
.ys-diagnostics{list-style:none;margin:0;padding:0}
.ys-d{padding:8px 0;border-top:1px solid #e5e7eb}
.ys-d-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:8px}
.ys-pos{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;font-weight:600}
.ys-sev{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.ys-sev-error .ys-sev{color:#b91c1c}
.ys-sev-warning .ys-sev{color:#b45309}
.ys-sev-info .ys-sev{color:#1d4ed8}
.ys-rule{margin-left:auto;color:#6b7280;font-size:12px}
.ys-msg{flex:1 1 20em}
.ys-src{margin:6px 0 0;padding:8px 10px;background:#111827;color:#f3f4f6;border-radius:4px;font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-x:auto;white-space:pre}
.ys-hint{margin-top:4px;color:#065f46}
.ys-more{padding-top:8px;color:#6b7280}
.ys-index-page{background:#f3f4f6;height:auto;min-height:100%}
.ys-list{max-width:960px;margin:0 auto;padding:64px 24px 32px}
.ys-list h1{font-size:20px;font-weight:600}
.ys-index{width:100%;border-collapse:collapse;background:#fff;border-radius:6px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.1)}
.ys-index th,.ys-index td{text-align:left;padding:10px 14px;border-bottom:1px solid #e5e7eb}
.ys-index th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#6b7280;background:#f9fafb}
.ys-index a{color:#1d4ed8;text-decoration:none;font-weight:600}
.ys-path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;color:#4b5563}
.ys-empty{color:#4b5563}
`;
