/**
 * The change report as terminal text. Colour comes only from the palette passed in; without
 * colour, word changes are marked `[-old-]{+new+}` as `git diff --word-diff` does.
 */
import { escapeControl, PLAIN, type Palette } from "../../diagnostics/reporter.js";
import type { ChangeReport, EvidenceChange, JudgmentChange, SourceChange, TextChange, WordRun } from "../types.js";
import { arrow, confidenceText, evidenceTail, likelihoodText, outcomeText, percentText, probabilityText, sourceName, termText, valueText } from "./describe.js";

/** Options for {@link formatHuman}. */
export interface HumanDiffOptions {
  palette?: Palette;
  /** Mark word changes with `[-…-]{+…+}`; default: when the palette adds no colour. */
  markers?: boolean;
}

/**
 * Makes analyst text safe for a terminal: control characters (newlines, escape sequences), bidi
 * overrides and lone surrogates are shown as visible escapes (the reporter's {@link escapeControl}).
 */
export function terminalSafe(text: string): string {
  return escapeControl(text);
}

interface Ctx {
  p: Palette;
  markers: boolean;
}

function words(runs: readonly WordRun[], c: Ctx): string {
  return runs
    .map((r) => {
      const t = terminalSafe(r.text);
      if (r.op === "equal") return t;
      if (r.op === "insert") return c.markers ? c.p.green(`{+${t}+}`) : c.p.green(t);
      return c.markers ? c.p.red(`[-${t}-]`) : c.p.red(t);
    })
    .join("");
}

function textDiff(label: string, t: TextChange, c: Ctx, indent: string): string[] {
  return [`${indent}${label}: ${words(t.words, c)}`];
}

function evidenceLines(e: EvidenceChange, c: Ctx, indent: string): string[] {
  const s = terminalSafe;
  if (e.kind === "added") {
    const moved = e.movedFrom !== undefined ? ` (moved from ${s(e.movedFrom)})` : "";
    return [`${indent}${c.p.green("+")} ${c.p.green(s(e.item.text))}${c.p.dim(s(evidenceTail(e.item)) + moved)}`];
  }
  if (e.kind === "removed") {
    const moved = e.movedTo !== undefined ? ` (moved to ${s(e.movedTo)})` : "";
    return [`${indent}${c.p.red("-")} ${c.p.red(s(e.item.text))}${c.p.dim(s(evidenceTail(e.item)) + moved)}`];
  }
  const out: string[] = [];
  const what: string[] = [];
  if (e.text) what.push("reworded");
  if (e.source) what.push("re-sourced");
  if (e.date) what.push("re-dated");
  if (e.note) what.push("note changed");
  out.push(`${indent}${c.p.yellow("~")} ${what.join(", ")}: ${e.text ? words(e.text.words, c) : s(e.new.text)}`);
  if (e.source) out.push(`${indent}    source: ${s(sourceName(e.source.old))} → ${s(sourceName(e.source.new))}`);
  if (e.date) out.push(`${indent}    date: ${e.date.old ?? "none"} → ${e.date.new ?? "none"}`);
  if (e.note) out.push(`${indent}    note: ${s(valueText(e.note))}`);
  return out;
}

function judgmentLines(j: JudgmentChange, c: Ctx): string[] {
  const s = terminalSafe;
  if (j.kind === "added") {
    return [
      c.p.bold(`Key Judgment ${j.new.number} (${j.id}) ${c.p.green("new")}`),
      `  ${c.p.green(s(j.new.sentence))}`,
      `  likelihood: ${s(termText(j.new.term))}${j.new.probability !== undefined ? `; probability: ${percentText(j.new.probability)}` : ""}${j.new.confidence ? `; confidence: ${j.new.confidence}` : ""}`,
      ...(j.evidence.length > 0 ? ["  evidence:", ...j.evidence.flatMap((item) => evidenceLines({ kind: "added", item }, c, "    "))] : []),
    ];
  }
  if (j.kind === "removed") {
    return [c.p.bold(`Key Judgment ${j.old.number} (${j.id}) ${c.p.red("withdrawn")}`), `  ${c.p.red(s(j.old.sentence))}`];
  }
  if (j.kind === "unchanged") return [];
  const numbering = j.old.number === j.new.number ? `${j.new.number}` : `${j.new.number} (was ${j.old.number})`;
  const out = [c.p.bold(`Key Judgment ${numbering} (${j.id})`)];
  if (j.likelihood) {
    const line = `  likelihood: ${s(likelihoodText(j.likelihood))}`;
    out.push(j.likelihood.direction === "up" ? c.p.green(line) : j.likelihood.direction === "down" ? c.p.red(line) : line);
  }
  if (j.probability) {
    const line = `  probability: ${probabilityText(j.probability)}`;
    out.push(j.probability.direction === "up" ? c.p.green(line) : j.probability.direction === "down" ? c.p.red(line) : line);
  }
  if (j.confidence) out.push(`  confidence: ${confidenceText(j.confidence)}`);
  if (j.statement) out.push(...textDiff("statement", j.statement, c, "  "));
  if (j.likelihood || j.statement) out.push(`  ${c.p.dim("now reads:")} ${s(j.new.sentence)}`);
  if (j.horizon) out.push(`  horizon: ${s(valueText(j.horizon))}`);
  if (j.outcome) out.push(`  ${s(outcomeText(j.outcome))}`);
  if (j.note) out.push(`  note: ${s(valueText(j.note))}`);
  if (j.evidence.length > 0) {
    out.push("  evidence:");
    for (const e of j.evidence) out.push(...evidenceLines(e, c, "    "));
  }
  return out;
}

function sourceLines(sc: SourceChange, c: Ctx): string[] {
  const s = terminalSafe;
  if (sc.kind === "added") {
    const v = sc.source;
    return [`  ${c.p.green("+")} ${s(v.id)}${v.title ? `: ${s(v.title)}` : ""}${v.grade ? ` [${v.grade}]` : ""}`];
  }
  if (sc.kind === "removed") return [`  ${c.p.red("-")} ${s(sc.source.id)}${sc.source.title ? `: ${s(sc.source.title)}` : ""}`];
  const bits: string[] = [];
  if (sc.grade) bits.push(`regraded ${valueText(sc.grade)}`);
  if (sc.title) bits.push(`retitled "${sc.title.old ?? ""}" → "${sc.title.new ?? ""}"`);
  if (sc.url) bits.push(`URL ${valueText(sc.url)}`);
  if (sc.publisher) bits.push(`publisher ${valueText(sc.publisher)}`);
  if (sc.date) bits.push(`date ${valueText(sc.date)}`);
  if (sc.note) bits.push(`note ${valueText(sc.note)}`);
  return [`  ${c.p.yellow("~")} ${s(sc.id)}: ${s(bits.join("; "))}`];
}

function tableLines(r: ChangeReport, c: Ctx): string[] {
  const rows = r.judgments.map((j) => {
    if (j.kind === "added") return [`KJ${j.new.number}`, j.id, "new", termText(j.new.term)];
    if (j.kind === "removed") return [`(KJ${j.old.number})`, j.id, "withdrawn", termText(j.old.term)];
    const num = j.old.number === j.new.number ? `KJ${j.new.number}` : `KJ${j.new.number} (was ${j.old.number})`;
    if (j.likelihood && !j.likelihood.wordingOnly) return [num, j.id, arrow(j.likelihood.direction) || "≈", `${termText(j.likelihood.old)} → ${termText(j.likelihood.new)}`];
    if (j.probability && j.probability.direction !== "same") return [num, j.id, arrow(j.probability.direction), `${termText(j.new.term)}, probability ${probabilityText(j.probability, false)}`];
    return [num, j.id, j.kind === "changed" ? "revised" : "=", termText(j.new.term)];
  });
  const w0 = Math.max(...rows.map((x) => x[0]!.length));
  const w1 = Math.max(...rows.map((x) => x[1]!.length));
  const w2 = Math.max(...rows.map((x) => x[2]!.length));
  return rows.map(([a, b, k, d]) => {
    const kind = k === "▲" || k === "new" ? c.p.green(k.padEnd(w2)) : k === "▼" || k === "withdrawn" ? c.p.red(k.padEnd(w2)) : k!.padEnd(w2);
    return `  ${a!.padEnd(w0)}  ${terminalSafe(b!).padEnd(w1)}  ${kind}  ${terminalSafe(d!)}`;
  });
}

function reportLines(r: ChangeReport, c: Ctx): string[] {
  const s = terminalSafe;
  const out: string[] = [];
  out.push(c.p.bold(`${s(r.new.id)}: ${s(r.new.title)}`));
  if (r.old.label !== undefined || r.new.label !== undefined) out.push(c.p.dim(`  ${s(r.old.label ?? "(none)")} → ${s(r.new.label ?? "(none)")}`));
  out.push(r.changed ? c.p.bold(s(r.headline)) : c.p.dim(s(r.headline)));
  for (const w of r.warnings) out.push(c.p.yellow(`⚠ ${s(w)}`));
  if (!r.changed) return out;
  if (r.judgments.length > 0) out.push("", c.p.bold("Judgments"), ...tableLines(r, c));
  for (const j of r.judgments) {
    const lines = judgmentLines(j, c);
    if (lines.length > 0) out.push("", ...lines);
  }
  if (r.sources.length > 0) out.push("", c.p.bold("Sources"), ...r.sources.flatMap((x) => sourceLines(x, c)));
  const other: string[] = [];
  if (r.cutoff) other.push(`  cutoff: ${r.cutoff.oldText ?? "none"} → ${r.cutoff.newText ?? "none"}${r.cutoff.days !== undefined ? ` (${r.cutoff.days > 0 ? "+" : ""}${r.cutoff.days} days)` : ""}`);
  if (r.issued) other.push(`  issued: ${r.issued.oldText ?? "none"} → ${r.issued.newText ?? "none"}`);
  if (r.scale) other.push(`  scale: ${valueText(r.scale)}`);
  if (r.marking) other.push(`  marking: ${s(r.marking.old.text)} → ${s(r.marking.new.text)}${r.marking.loosened ? c.p.yellow(" (loosened)") : ""}`);
  for (const pm of r.portionMarkings) other.push(`  marking of ${s(pm.what)}: ${s(pm.old.text)} → ${s(pm.new.text)}${pm.loosened ? c.p.yellow(" (loosened)") : ""}`);
  if (r.id) other.push(`  id: ${s(valueText(r.id))}`);
  if (r.title) other.push(`  title: ${s(valueText(r.title))}`);
  if (r.supersedes) other.push(`  supersedes: ${s(valueText(r.supersedes))}`);
  if (r.authors) other.push(`  authors: ${s((r.authors.old ?? []).join(", ") || "none")} → ${s((r.authors.new ?? []).join(", ") || "none")}`);
  if (r.summary) other.push(...textDiff("summary", r.summary, c, "  "));
  if (other.length > 0) out.push("", c.p.bold("Assessment"), ...other);
  return out;
}

/** Formats change reports for a terminal, one block per report. */
export function formatHuman(reports: readonly ChangeReport[], options: HumanDiffOptions = {}): string {
  const p = options.palette ?? PLAIN;
  const c: Ctx = { p, markers: options.markers ?? p === PLAIN };
  return reports.map((r) => reportLines(r, c).join("\n") + "\n").join("\n");
}
