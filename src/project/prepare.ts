/**
 * The first phase of a build, run in-process or in worker threads: check files and render them in
 * the "pure" formats (Markdown, JSON) into memory. Nothing is written here.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Assessment } from "../schema/assessment.js";
import { spanForPath, type Span } from "../schema/positions.js";
import { getFormat, type FormatSession, type OutputFormat } from "../render/formats.js";
import { checkFiles, type CheckOptions } from "./check.js";
import { todayIso } from "../schema/dates.js";
import { checkKey } from "./fast-path.js";
import { lazySession } from "./open-on-use.js";
import type { ManifestOutput } from "./manifest.js";
import { briefInputHash, decideFromBrief, type IncrementalPlan } from "./output-cache.js";

/** Options of the prepare phase: plain data, so they can be posted to a worker. */
export interface PrepareOptions extends CheckOptions {
  configFile?: string;
  strict?: boolean;
  /** Ids of pure formats to render. */
  formats: readonly string[];
  /** Keep each valid assessment in the result (for formats rendered later, outside the worker). */
  keepAssessments?: boolean;
  /** Incremental build: outputs whose content hash and bytes match the manifest are kept, not rendered. */
  incremental?: IncrementalPlan;
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
  /** Incremental builds: the hash of the brief's inputs (not for deferred files: it needs the changes section). */
  briefHash?: string;
  /** Incremental builds: the check key (see the manifest). */
  checkKey?: string;
  /** Incremental builds: content hash of each output rendered here, by format id. */
  hashes?: Record<string, string>;
  /** Incremental builds: outputs kept as they are in the output folder, by format id. */
  kept?: Record<string, ManifestOutput>;
  /** Done without checking (the fast path of an incremental build). */
  fast?: boolean;
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
    // Opened on first use: a build where every output is up to date loads no renderer.
    for (const format of formats) sessions.push({ format, session: lazySession(() => format.createSession({})) });
    let toBrief: typeof import("../brief/to-brief.js").toBrief | undefined;
    const needsBrief = formats.some((f) => f.needsBrief);
    const plan = options.incremental;
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
        if (plan) prepared.checkKey = checkKey({ text: loaded.text, config: c.config, asOf: options.asOf ?? todayIso(), strict: options.strict === true, version: plan.version });
        if (c.assessment.supersedes !== undefined) {
          prepared.deferred = true;
          prepared.assessment = c.assessment;
          out.push(prepared);
          continue;
        }
        if (plan) prepared.briefHash = briefInputHash(plan, c.assessment, c.config);
        let brief: ReturnType<NonNullable<typeof toBrief>> | undefined;
        for (const { format, session } of sessions) {
          if (plan) {
            const decision = decideFromBrief(plan, c.assessment.id, format.id, prepared.briefHash!, c.config);
            if (decision.reuse) {
              (prepared.kept ??= {})[format.id] = decision.reuse;
              continue;
            }
            (prepared.hashes ??= {})[format.id] = decision.inputHash;
          }
          if (needsBrief && !brief) {
            toBrief ??= (await import("../brief/to-brief.js")).toBrief;
            brief = toBrief(c.assessment, c.config);
          }
          try {
            prepared.rendered[format.id] = await session.render({ brief: brief!, assessment: c.assessment, config: c.config });
          } catch (error) {
            // A broken or missing template is the user's to fix: a diagnostic, not a crash.
            if (!(error instanceof Error && (error.name === "TemplateError" || error.name === "TemplateFolderError"))) throw error;
            prepared.diagnostics.push({ file: c.file, line: 0, column: 0, ruleId: "render-failed", severity: "error", message: `the ${format.id} brief could not be rendered: ${error.message}` });
            prepared.valid = false;
            prepared.rendered = {};
            break;
          }
        }
      }
      out.push(prepared);
    }
  } finally {
    await Promise.all(sessions.map(({ session }) => session.close()));
  }
  return { files: out, configDiagnostics };
}
