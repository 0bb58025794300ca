/**
 * `docx.reference`: a Word document whose styles the briefs use (Pandoc's reference-doc habit).
 * Only its word/styles.xml is read, with size limits, and nothing else from the file is used.
 */
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { strFromU8, unzipSync } from "fflate";

/** Largest reference document accepted, and largest styles.xml inside it. */
export const MAX_REFERENCE_BYTES = 20 * 1024 * 1024;
export const MAX_STYLES_BYTES = 5 * 1024 * 1024;

/** A reference document that cannot be used: the message names the file and the reason. */
export class ReferenceDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReferenceDocumentError";
  }
}

/** Absolute path of the configured reference document, or undefined. */
export function referencePath(config: { data: { docx?: { reference?: string } }; dir: string }): string | undefined {
  const ref = config.data.docx?.reference;
  return ref === undefined ? undefined : resolve(config.dir, ref);
}

/** The word/styles.xml of a .docx given as bytes. */
export function stylesFromDocx(bytes: Uint8Array, shown: string): string {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== "word/styles.xml") return false;
        if (f.originalSize > MAX_STYLES_BYTES) throw new ReferenceDocumentError(`the reference document ${shown} has a styles.xml larger than ${MAX_STYLES_BYTES} bytes`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ReferenceDocumentError) throw error;
    throw new ReferenceDocumentError(`the reference document ${shown} is not a .docx (zip) file`);
  }
  const styles = entries["word/styles.xml"];
  if (!styles) throw new ReferenceDocumentError(`the reference document ${shown} has no word/styles.xml`);
  if (styles.length > MAX_STYLES_BYTES) throw new ReferenceDocumentError(`the reference document ${shown} has a styles.xml larger than ${MAX_STYLES_BYTES} bytes`);
  const xml = strFromU8(styles);
  if (!/<w:styles\b/.test(xml) || !xml.includes("</w:styles>")) throw new ReferenceDocumentError(`the reference document ${shown} has a word/styles.xml that is not a Word styles part`);
  return xml;
}

/** Reads the styles of a reference document from disk. */
export function readReferenceStyles(path: string, shown: string = path): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ReferenceDocumentError(`the reference document ${shown} is not a file`);
    size = st.size;
  } catch (error) {
    if (error instanceof ReferenceDocumentError) throw error;
    throw new ReferenceDocumentError(`the reference document ${shown} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (size > MAX_REFERENCE_BYTES) throw new ReferenceDocumentError(`the reference document ${shown} is larger than ${MAX_REFERENCE_BYTES} bytes`);
  return stylesFromDocx(readFileSync(path), shown);
}
