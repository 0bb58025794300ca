/**
 * mdast builders shared by the Markdown formatter and the brief's changes section. Analyst text
 * always goes into `text` nodes, so whatever characters it holds it is escaped when stringified
 * and can never open a block, a link or raw HTML.
 */
import type { Delete, InlineCode, PhrasingContent, Strong, Text } from "mdast";
import type { WordRun } from "../types.js";

/** A text node. */
export function text(value: string): Text {
  return { type: "text", value };
}

/** A strong node around text. */
export function strong(value: string | PhrasingContent[]): Strong {
  return { type: "strong", children: typeof value === "string" ? [text(value)] : value };
}

/** A strikethrough (GFM delete) node around text. */
export function del(value: string): Delete {
  return { type: "delete", children: [text(value)] };
}

/** Inline code (ids). */
export function code(value: string): InlineCode {
  return { type: "inlineCode", value };
}

/**
 * A word diff as phrasing: deleted words as ~~old~~, inserted words as **new**. Whitespace at the
 * edges of a changed run is kept outside the markers, where emphasis needs it.
 */
export function wordDiffNodes(runs: readonly WordRun[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const push = (node: PhrasingContent) => {
    const last = out[out.length - 1];
    if (node.type === "text" && last?.type === "text") last.value += node.value;
    else out.push(node);
  };
  for (const r of runs) {
    if (r.op === "equal") {
      push(text(r.text));
      continue;
    }
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(r.text);
    const [lead, core, trail] = [m?.[1] ?? "", m?.[2] ?? r.text, m?.[3] ?? ""];
    if (lead) push(text(lead));
    if (core) push(r.op === "insert" ? strong(core) : del(core));
    if (trail) push(text(trail));
  }
  return out;
}
