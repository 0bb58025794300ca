/**
 * The change report as GitHub-flavoured Markdown, ready to paste as a pull-request comment:
 * a headline, a table of judgments with ▲/▼ and both ranges, then details. Built as an mdast
 * tree and stringified once with remark-stringify and remark-gfm.
 */
import type { ListItem, PhrasingContent, Root, RootContent, TableCell, TableRow } from "mdast";
import { unified } from "unified";
import remarkGfm from "remark-gfm";
import remarkStringify from "remark-stringify";
import type { ChangeReport, EvidenceChange, JudgmentChange, SourceChange } from "../types.js";
import { code, strong, text, wordDiffNodes } from "./mdast.js";
import { arrow, confidenceText, evidenceTail, outcomeText, percentText, probabilityText, sourceName, termText, termWithProbability, valueText, likelihoodText } from "./describe.js";

function cell(children: PhrasingContent[] | string): TableCell {
  return { type: "tableCell", children: typeof children === "string" ? [text(children)] : children };
}

function row(cells: TableCell[]): TableRow {
  return { type: "tableRow", children: cells };
}

function item(children: PhrasingContent[], sub?: ListItem[]): ListItem {
  const content: ListItem["children"] = [{ type: "paragraph", children }];
  if (sub && sub.length > 0) content.push({ type: "list", ordered: false, spread: false, children: sub });
  return { type: "listItem", spread: false, children: content };
}

function list(items: ListItem[]): RootContent {
  return { type: "list", ordered: false, spread: false, children: items };
}

function labelled(label: string, rest: PhrasingContent[]): PhrasingContent[] {
  return [strong(`${label}:`), text(" "), ...rest];
}

function summaryTable(r: ChangeReport): RootContent {
  const header = row([cell("#"), cell("Judgment"), cell("Before"), cell("After"), cell("Change")]);
  const rows = r.judgments.map((j): TableRow => {
    if (j.kind === "added") return row([cell(`KJ${j.new.number}`), cell([code(j.id)]), cell("—"), cell(termText(j.new.term)), cell("new")]);
    if (j.kind === "removed") return row([cell(`(KJ${j.old.number})`), cell([code(j.id)]), cell(termText(j.old.term)), cell("—"), cell("withdrawn")]);
    const num = j.old.number === j.new.number ? `KJ${j.new.number}` : `KJ${j.new.number} (was ${j.old.number})`;
    let change = j.kind === "changed" ? "revised" : "unchanged";
    if (j.likelihood && !j.likelihood.wordingOnly) {
      change = arrow(j.likelihood.direction) || "≈";
      if (j.likelihood.delta !== undefined && j.likelihood.old.scale !== j.likelihood.new.scale) change += ` (${j.likelihood.delta > 0 ? "+" : ""}${j.likelihood.delta} pts)`;
    } else if (j.probability && j.probability.direction !== "same" && j.probability.delta !== undefined) {
      change = `${arrow(j.probability.direction)} (${j.probability.delta > 0 ? "+" : ""}${j.probability.delta} pts)`;
    }
    return row([cell(num), cell([code(j.id)]), cell(termWithProbability(j.old.term, j.old.probability)), cell(termWithProbability(j.new.term, j.new.probability)), cell(change)]);
  });
  return { type: "table", align: ["left", "left", "left", "left", "center"], children: [header, ...rows] };
}

function evidenceItem(e: EvidenceChange): ListItem {
  if (e.kind === "added") {
    const moved: PhrasingContent[] = e.movedFrom !== undefined ? [text(" (moved from "), code(e.movedFrom), text(")")] : [];
    return item([strong("added:"), text(` ${e.item.text}${evidenceTail(e.item)}`), ...moved]);
  }
  if (e.kind === "removed") {
    const moved: PhrasingContent[] = e.movedTo !== undefined ? [text(" (moved to "), code(e.movedTo), text(")")] : [];
    return item([strong("removed:"), text(" "), { type: "delete", children: [text(e.item.text)] }, text(evidenceTail(e.item)), ...moved]);
  }
  const what: string[] = [];
  if (e.text) what.push("reworded");
  if (e.source) what.push("re-sourced");
  if (e.date) what.push("re-dated");
  if (e.note) what.push("note changed");
  const children: PhrasingContent[] = [strong(`${what.join(", ")}:`), text(" "), ...(e.text ? wordDiffNodes(e.text.words) : [text(e.new.text)])];
  if (e.source) children.push(text(` (source ${sourceName(e.source.old)} → ${sourceName(e.source.new)})`));
  if (e.date) children.push(text(` (dated ${e.date.old ?? "none"} → ${e.date.new ?? "none"})`));
  if (e.note) children.push(text(` (note ${valueText(e.note)})`));
  return item(children);
}

function judgmentBlocks(j: JudgmentChange): RootContent[] {
  if (j.kind === "unchanged") return [];
  if (j.kind === "added") {
    return [
      { type: "heading", depth: 4, children: [text(`Key Judgment ${j.new.number} `), code(j.id), text(" — new")] },
      { type: "paragraph", children: [text(j.new.sentence)] },
      list([
        item(labelled("Likelihood", [text(termText(j.new.term))])),
        ...(j.new.probability !== undefined ? [item(labelled("Probability", [text(percentText(j.new.probability))]))] : []),
        ...(j.new.confidence ? [item(labelled("Confidence", [text(j.new.confidence)]))] : []),
        item(
          [strong("Evidence:"), ...(j.evidence.length === 0 ? [text(" none")] : [])],
          j.evidence.map((e) => item([text(`${e.text}${evidenceTail(e)}`)])),
        ),
      ]),
    ];
  }
  if (j.kind === "removed") {
    return [
      { type: "heading", depth: 4, children: [text(`Key Judgment ${j.old.number} `), code(j.id), text(" — withdrawn")] },
      { type: "paragraph", children: [{ type: "delete", children: [text(j.old.sentence)] }] },
    ];
  }
  const num = j.old.number === j.new.number ? `${j.new.number}` : `${j.new.number} (was ${j.old.number})`;
  const items: ListItem[] = [];
  if (j.likelihood) items.push(item(labelled("Likelihood", [text(likelihoodText(j.likelihood))])));
  if (j.probability) items.push(item(labelled("Probability", [text(probabilityText(j.probability))])));
  if (j.confidence) items.push(item(labelled("Confidence", [text(confidenceText(j.confidence))])));
  if (j.statement) items.push(item(labelled("Statement", wordDiffNodes(j.statement.words))));
  if (j.likelihood || j.statement) items.push(item(labelled("Now reads", [{ type: "emphasis", children: [text(j.new.sentence)] }])));
  if (j.horizon) items.push(item(labelled("Horizon", [text(valueText(j.horizon))])));
  if (j.outcome) items.push(item(labelled("Outcome", [text(outcomeText(j.outcome))])));
  if (j.note) items.push(item(labelled("Note", [text(valueText(j.note))])));
  if (j.evidence.length > 0) items.push(item([strong("Evidence:")], j.evidence.map(evidenceItem)));
  return [{ type: "heading", depth: 4, children: [text(`Key Judgment ${num} `), code(j.id)] }, list(items)];
}

function sourceItem(s: SourceChange): ListItem {
  if (s.kind === "added") {
    const v = s.source;
    return item([strong("added"), text(" "), code(v.id), text(`${v.title ? `: ${v.title}` : ""}${v.grade ? ` (${v.grade})` : ""}`)]);
  }
  if (s.kind === "removed") return item([strong("removed"), text(" "), code(s.source.id), text(s.source.title ? `: ${s.source.title}` : "")]);
  const bits: string[] = [];
  if (s.grade) bits.push(`regraded ${valueText(s.grade)}`);
  if (s.title) bits.push(`retitled “${s.title.old ?? ""}” → “${s.title.new ?? ""}”`);
  if (s.url) bits.push(`URL ${valueText(s.url)}`);
  if (s.publisher) bits.push(`publisher ${valueText(s.publisher)}`);
  if (s.date) bits.push(`date ${valueText(s.date)}`);
  if (s.note) bits.push(`note ${valueText(s.note)}`);
  return item([code(s.id), text(`: ${bits.join("; ")}`)]);
}

/** The mdast of one report (also used when several reports share one comment). */
export function reportTree(r: ChangeReport, depth: 2 | 3 = 3): RootContent[] {
  const out: RootContent[] = [];
  const where = r.old.label !== undefined || r.new.label !== undefined ? [text(" ("), code(r.old.label ?? "none"), text(" → "), code(r.new.label ?? "none"), text(")")] : [];
  out.push({ type: "heading", depth, children: [code(r.new.id), text(`: ${r.new.title}`)] });
  if (where.length > 0) out.push({ type: "paragraph", children: [text("Compared"), ...where] });
  out.push({ type: "paragraph", children: [strong(r.headline)] });
  for (const w of r.warnings) out.push({ type: "blockquote", children: [{ type: "paragraph", children: [text("⚠️ "), strong("Warning:"), text(` ${w}`)] }] });
  if (!r.changed) return out;
  if (r.judgments.length > 0) out.push(summaryTable(r));
  for (const j of r.judgments) out.push(...judgmentBlocks(j));
  if (r.sources.length > 0) out.push({ type: "heading", depth: 4, children: [text("Sources")] }, list(r.sources.map(sourceItem)));
  const other: ListItem[] = [];
  if (r.cutoff) other.push(item(labelled("Cutoff", [text(`${r.cutoff.oldText ?? "none"} → ${r.cutoff.newText ?? "none"}`)])));
  if (r.issued) other.push(item(labelled("Issued", [text(`${r.issued.oldText ?? "none"} → ${r.issued.newText ?? "none"}`)])));
  if (r.scale) other.push(item(labelled("Scale", [text(valueText(r.scale))])));
  if (r.marking) other.push(item(labelled("Marking", [text(`${r.marking.old.text} → ${r.marking.new.text}${r.marking.loosened ? " (loosened)" : ""}`)])));
  for (const pm of r.portionMarkings) other.push(item(labelled(`Marking of ${pm.what}`, [text(`${pm.old.text} → ${pm.new.text}${pm.loosened ? " (loosened)" : ""}`)])));
  if (r.id) other.push(item(labelled("Id", [text(valueText(r.id))])));
  if (r.title) other.push(item(labelled("Title", [text(valueText(r.title))])));
  if (r.supersedes) other.push(item(labelled("Supersedes", [text(valueText(r.supersedes))])));
  if (r.authors) other.push(item(labelled("Authors", [text(`${(r.authors.old ?? []).join(", ") || "none"} → ${(r.authors.new ?? []).join(", ") || "none"}`)])));
  if (r.summary) other.push(item(labelled("Summary", wordDiffNodes(r.summary.words))));
  if (other.length > 0) out.push({ type: "heading", depth: 4, children: [text("Assessment")] }, list(other));
  return out;
}

/** Stringifies an mdast tree as GFM. */
export function stringifyMarkdown(tree: Root): string {
  return unified().use(remarkGfm).use(remarkStringify, { bullet: "-", emphasis: "*", strong: "*", rule: "-", fences: true }).stringify(tree);
}

/** Formats change reports as one Markdown document (a pull-request comment). */
export function formatMarkdown(reports: readonly ChangeReport[]): string {
  const children: RootContent[] = [];
  if (reports.length !== 1) {
    const changed = reports.filter((r) => r.changed).length;
    children.push({ type: "heading", depth: 2, children: [text(`yardstick diff: ${changed} of ${reports.length} assessments changed`)] });
  }
  reports.forEach((r, i) => {
    if (i > 0) children.push({ type: "thematicBreak" });
    children.push(...reportTree(r, 3));
  });
  return stringifyMarkdown({ type: "root", children });
}
