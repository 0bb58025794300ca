/**
 * The first phase of a build, run in-process or in worker threads: check files and render them in
 * the "pure" formats (Markdown, JSON) into memory. Nothing is written here.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Assessment } from "../schema/assessment.js";
import { spanForPath, type Span } from "../schema/positions.js";
import { getFormat, type FormatSession, type OutputFormat } from "../render/formats.js";
import { checkFiles, type CheckOptions } from "./check.js";

/** Options of the prepare phase: plain data, so they can be posted to a worker. */
export interface PrepareOptions extends CheckOptions {
  configFile?: string;
  strict?: boolean;
  /** Ids of pure formats to render. */
  formats: readonly string[];
  /** Keep each valid assessment in the result (for formats rendered later, outside the worker). */
  keepAssessments?: boolean;
}

/** One checked (and, when valid, rendered) file. Plain data, clonable between threads. */
export interface PreparedFile {
  file: string;
  /** The file's text when it has diagnostics (to show them in context), else "". */
  text: string;
  id?: string;
  /** Where the `id` is written (or 1:1), for the duplicate-id diagnostic. */
  idSpan: Pick<Span, "line" | "column"> & Partial<Span>;
  diagnostics: Diagnostic[];
  /** The assessment, when the file is valid (no errors; no warnings with `strict`) and kept. */
  assessment?: Assessment;
  /** True when the file is valid: no errors, and no warnings with `strict`. */
  valid: boolean;
  /** Rendered outputs by format id. */
  rendered: Record<string, string | Uint8Array>;
  /**
   * True when the assessment names the edition it `supersedes`: its brief needs the other
   * inputs (the "changes" section), so it is rendered after every file is prepared.
   */
  deferred?: boolean;
}

/** The result of preparing a list of files. */
export interface Prepared {
  files: PreparedFile[];
  configDiagnostics: Diagnostic[];
}

/** Checks files and renders the valid ones in the given pure formats, in memory. */
export async function prepareFiles(files: readonly string[], options: PrepareOptions): Promise<Prepared> {
  const { files: checked, configDiagnostics } = checkFiles(files, options);
  const formats = options.formats.map((id) => getFormat(id)).filter((f): f is OutputFormat => f !== undefined);
  const sessions: Array<{ format: OutputFormat; session: FormatSession }> = [];
  const out: PreparedFile[] = [];
  try {
    for (const format of formats) sessions.push({ format, session: await format.createSession({}) });
    const toBrief = formats.some((f) => f.needsBrief) ? (await import("../brief/to-brief.js")).toBrief : undefined;
    for (const c of checked) {
      const loaded = c.loaded;
      const hasIdKey = loaded.doc !== undefined && loaded.value !== null && typeof loaded.value === "object" && "id" in (loaded.value as object);
      const prepared: PreparedFile = {
        file: c.file,
        text: c.diagnostics.length > 0 ? loaded.text : "",
        idSpan: loaded.doc && hasIdKey ? spanForPath(loaded.doc, loaded.lineCounter, ["id"]) : { line: 1, column: 1 },
        diagnostics: c.diagnostics,
        valid: false,
        rendered: {},
      };
      if (loaded.assessment) prepared.id = loaded.assessment.id;
      const valid = c.assessment !== undefined && !c.diagnostics.some((d) => d.severity === "error" || (options.strict === true && d.severity === "warning"));
      if (valid && c.assessment) {
        prepared.valid = true;
        if (options.keepAssessments === true) prepared.assessment = c.assessment;
        if (c.assessment.supersedes !== undefined) {
          prepared.deferred = true;
          prepared.assessment = c.assessment;
          out.push(prepared);
          continue;
        }
        const brief = toBrief ? toBrief(c.assessment, c.config) : undefined;
        for (const { format, session } of sessions) {
          prepared.rendered[format.id] = await session.render({ brief: brief!, assessment: c.assessment, config: c.config });
        }
      }
      out.push(prepared);
    }
  } finally {
    await Promise.all(sessions.map(({ session }) => session.close()));
  }
  return { files: out, configDiagnostics };
}
