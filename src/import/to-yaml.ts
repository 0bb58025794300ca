/**
 * A draft → the text of an assessment file: the schema modeline, the fields in the format's
 * order, and what maps to no field kept as comments. Built as a yaml Document, serialised once.
 */
import { Document, isMap, isSeq, type YAMLMap } from "yaml";
import type { Draft, DraftSource, TextPart } from "./draft.js";

/** Options for {@link draftToYaml}. */
export interface ToYamlOptions {
  id: string;
  /** The `$schema` path for the modeline, relative to the file's folder. */
  schemaPath: string;
  /** The input file's name, for the header comment. */
  from: string;
}

function slug(text: string, words = 5): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\\./g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .slice(0, words)
    .join("-")
    .slice(0, 48)
    .replace(/-+$/, "");
}

function unique(base: string, fallback: string, used: Set<string>): string {
  const start = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(base) ? base : fallback;
  let id = start;
  for (let i = 2; used.has(id); i++) id = `${start}-${i}`;
  used.add(id);
  return id;
}

function sourceIds(sources: readonly DraftSource[]): Map<string, string> {
  const used = new Set<string>();
  const ids = new Map<string, string>();
  sources.forEach((s, i) => ids.set(s.key, unique(s.title ? slug(s.title) : "", `source-${i + 1}`, used)));
  return ids;
}

/** The evidence text, inline citations written `[@id]` with one space around them. */
function joinParts(parts: readonly TextPart[], ids: ReadonlyMap<string, string>): string {
  let out = "";
  for (const p of parts) {
    const piece = typeof p === "string" ? p : `[@${ids.get(p.cite)}]`;
    const needsSpace = out !== "" && !/\s$/.test(out) && !/^[\s.,;:!?)]/.test(piece);
    out += needsSpace ? ` ${piece}` : piece;
  }
  return out.trim();
}

/** The assessment file's text. */
export function draftToYaml(draft: Draft, options: ToYamlOptions): string {
  const ids = sourceIds(draft.sources);
  const judgmentIds = new Set<string>();
  const data: Record<string, unknown> = { yardstick: 1, id: options.id, title: draft.title ?? "TODO: title" };
  if (draft.marking) data.marking = draft.marking;
  if (draft.authors?.length) data.authors = draft.authors;
  if (draft.issued) data.issued = draft.issued;
  if (draft.cutoff) data.cutoff = draft.cutoff;
  data.scale = draft.scale;
  data.summary = draft.summary.length > 0 ? `${draft.summary.join("\n\n")}\n` : "TODO: summary\n";
  data.judgments = draft.judgments.map((j, i) => {
    const out: Record<string, unknown> = { id: unique(slug(j.statement ?? "", 5), `kj-${i + 1}`, judgmentIds) };
    if (j.likelihood) out.likelihood = j.likelihood;
    out.statement = j.statement ?? "TODO: the judgment's statement";
    if (j.confidence) out.confidence = j.confidence;
    if (j.horizon) out.horizon = j.horizon;
    out.evidence = j.evidence.map((e) => {
      const textValue = joinParts(e.parts, ids);
      if (!e.source && !e.date) return textValue;
      return { text: textValue, ...(e.source ? { source: ids.get(e.source) } : {}), ...(e.date ? { date: e.date } : {}) };
    });
    if (j.notes.length > 0) out.note = j.notes.join("\n\n");
    return out;
  });
  if (draft.sources.length > 0) {
    data.sources = draft.sources.map((s) => {
      const out: Record<string, unknown> = { id: ids.get(s.key) };
      for (const k of ["title", "url", "publisher", "date", "reliability", "credibility", "description", "note"] as const) {
        if (s[k] !== undefined) out[k] = s[k];
      }
      return out;
    });
  }
  const doc = new Document(data);
  doc.commentBefore = ` yaml-language-server: $schema=${options.schemaPath}\n Imported by \`yardstick import\` from ${options.from}: check the terms, sources and dates against the original.`;
  if (draft.unmapped.length > 0) {
    doc.comment = [" Not mapped to any field (kept from the original):", ...draft.unmapped.map((u) => ` line ${u.pos.line}: ${u.text.replace(/[\r\n]+/g, " ")}`)].join("\n");
  }
  const judgments = (doc.contents as YAMLMap).get("judgments", true);
  if (isSeq(judgments)) {
    judgments.items.forEach((item, i) => {
      if (i > 0 && isMap(item)) item.spaceBefore = true;
    });
  }
  return doc.toString({ lineWidth: 0 });
}
