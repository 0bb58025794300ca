/**
 * Making a packed .docx deterministic, and applying a reference document's styles.
 *
 * As the `docx` package packs it, a document differs between two runs: the core properties carry
 * the time of the run, hyperlink relationships get random ids, and the zip entries carry the time
 * they were written. This rewrites those parts and zips the package again with fflate, entries in a
 * fixed order with a fixed date, so the same brief always gives the same bytes.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

/** What the package is normalised to. */
export interface PackageOptions {
  /** Stamped as dcterms:created/modified and as every zip entry's date. */
  date: Date;
  /** BCP 47 tag written as dc:language. */
  language: string;
  /** A reference document's word/styles.xml, used instead of the built-in styles. */
  referenceStyles?: string;
}

/** Core property timestamp: W3CDTF to the second, UTC. */
export function w3cdtf(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function fixCore(xml: string, options: PackageOptions): string {
  const stamp = w3cdtf(options.date);
  let out = xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, (_m, open: string, _name: string, close: string) => `${open}${stamp}${close}`);
  if (!/<dc:language>/.test(out)) out = out.replace(/<dcterms:created\b/, `<dc:language>${escapeXml(options.language)}</dc:language><dcterms:created`);
  return out;
}

const STYLE_ELEMENT = /<w:style\b[^>]*?w:styleId="([^"]+)"[^>]*?(?:\/>|>[\s\S]*?<\/w:style>)/g;

/**
 * The reference document's styles, with every style the brief uses but the reference lacks added
 * from the built-in ones, so a reference made from any Word document still has each brief style
 * (Word would otherwise fall back to Normal).
 */
export function mergeStyles(reference: string, builtin: string): string {
  const have = new Set([...reference.matchAll(STYLE_ELEMENT)].map((m) => m[1]));
  const missing = [...builtin.matchAll(STYLE_ELEMENT)].filter((m) => !have.has(m[1])).map((m) => m[0]);
  const end = reference.lastIndexOf("</w:styles>");
  if (end < 0) throw new Error("the reference document's styles.xml has no </w:styles>");
  return `${reference.slice(0, end)}${missing.join("")}${reference.slice(end)}`;
}

/**
 * Keeps one definition per style id, the last: the `docx` package's defaults include a paragraph
 * style "Strong", and the brief defines Word's character style "Strong" after it; ids must be unique.
 */
export function dedupeStyles(xml: string): string {
  const last = new Map<string, number>();
  for (const m of xml.matchAll(STYLE_ELEMENT)) last.set(m[1]!, m.index);
  return xml.replace(STYLE_ELEMENT, (whole: string, id: string, offset: number) => (last.get(id) === offset ? whole : ""));
}

/** Renames relationship ids that are not `rId<number>` (the random ones) in order of appearance. */
function stableRelationshipIds(files: Record<string, string>): void {
  const rename = new Map<string, string>();
  for (const name of Object.keys(files).sort()) {
    if (!name.endsWith(".rels")) continue;
    for (const m of files[name]!.matchAll(/\bId="([^"]+)"/g)) {
      const id = m[1]!;
      if (!/^rId\d+$/.test(id) && !rename.has(id)) rename.set(id, `rIdLink${rename.size + 1}`);
    }
  }
  if (rename.size === 0) return;
  for (const name of Object.keys(files)) {
    if (!name.endsWith(".xml") && !name.endsWith(".rels")) continue;
    files[name] = files[name]!.replace(/\b(Id|r:id)="([^"]+)"/g, (m, attr: string, id: string) => {
      const to = rename.get(id);
      return to ? `${attr}="${to}"` : m;
    });
  }
}

/**
 * Numbers bookmarks 1, 2, 3 … in document order (the `docx` package gives each bookmark its own
 * counter, so every one would be id 1): a start takes the next number, an end the innermost open one.
 */
function numberBookmarks(xml: string): string {
  let next = 0;
  const open: number[] = [];
  return xml.replace(/<w:bookmark(Start|End)\b([^>]*?)\bw:id="[^"]*"/g, (_m, kind: string, between: string) => {
    const id = kind === "Start" ? (open.push(++next), next) : (open.pop() ?? 0);
    return `<w:bookmark${kind}${between}w:id="${id}"`;
  });
}

/**
 * The zip entry date: DOS dates run from 1980, and zip writers (fflate too) take them in local
 * time, so the date is rebuilt from its UTC fields to give the same bytes in every time zone.
 */
function zipDate(date: Date): Date {
  const t = Math.min(Math.max(date.getTime(), Date.UTC(1980, 0, 1, 12)), Date.UTC(2099, 11, 31));
  const u = new Date(t);
  return new Date(u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate(), u.getUTCHours(), u.getUTCMinutes(), u.getUTCSeconds());
}

/** Rewrites a packed .docx into its deterministic form. */
export function normalisePackage(packed: Uint8Array, options: PackageOptions): Uint8Array {
  const entries = unzipSync(packed);
  const text: Record<string, string> = {};
  const binary: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith(".xml") || name.endsWith(".rels")) text[name] = strFromU8(data);
    else binary[name] = data;
  }
  if (text["docProps/core.xml"] !== undefined) text["docProps/core.xml"] = fixCore(text["docProps/core.xml"], options);
  if (text["word/styles.xml"] !== undefined) {
    const builtin = dedupeStyles(text["word/styles.xml"]);
    text["word/styles.xml"] = options.referenceStyles !== undefined ? mergeStyles(options.referenceStyles, builtin) : builtin;
  }
  stableRelationshipIds(text);
  if (text["word/document.xml"] !== undefined) text["word/document.xml"] = numberBookmarks(text["word/document.xml"]);
  const mtime = zipDate(options.date);
  const names = [...Object.keys(text), ...Object.keys(binary)].sort((a, b) => (a === "[Content_Types].xml" ? -1 : b === "[Content_Types].xml" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const zippable: Zippable = {};
  for (const name of names) zippable[name] = [text[name] !== undefined ? strToU8(text[name]) : binary[name]!, { mtime, level: 6 }];
  return zipSync(zippable);
}
