/**
 * Rendering where a large build checks: in the check stage's worker threads, the pure formats
 * (`OutputFormat.pure`: Markdown, JSON, HTML — no browser, nothing shared) are rendered right
 * after a brief is checked, so the main thread is left with the keep-or-render decision and the
 * writing. Only briefs whose bytes need nothing from another file are rendered here (not those
 * with `supersedes`, whose "changes" section comes from the previous edition), and only the brief
 * itself (releases are rendered in the render stage). The decision stays in render.ts: a
 * prerendered output is used only when that decision is "render"; a format that fails here is
 * simply rendered again there, where its problem is reported.
 */
import type { ConfigResolver } from "../config/load.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FormatSession, OutputFormat } from "../render/output-format.js";
import { getFormat } from "../render/formats.js";
import type { CheckedBrief, CheckStageOptions } from "./check.js";
import { briefInputHash } from "./plan.js";

/** One format's bytes, rendered in the check stage. */
export interface PrerenderedOutput {
  data: string | Uint8Array;
  /** What the renderer reported (before the config's `rules:` settings are applied). */
  warnings: Diagnostic[];
}

/** What the check stage rendered of one brief. Plain data. */
export interface Prerendered {
  /** Incremental builds: the brief hash (without a "changes" section). */
  briefHash?: string;
  /** By format id. */
  outputs: Record<string, PrerenderedOutput>;
}

/** Renders the pure formats `options.prerender` names for every valid brief that needs no other file. */
export async function prerender(files: CheckedBrief[], configs: ConfigResolver, options: CheckStageOptions): Promise<void> {
  const formats = (options.prerender ?? []).map((id) => getFormat(id)).filter((f): f is OutputFormat => f?.pure === true);
  if (formats.length === 0) return;
  const sessions = new Map<string, FormatSession | undefined>();
  const session = async (format: OutputFormat): Promise<FormatSession | undefined> => {
    if (!sessions.has(format.id)) sessions.set(format.id, await format.createSession({}).catch(() => undefined));
    return sessions.get(format.id);
  };
  const { toBrief } = await import("../brief/to-brief.js");
  try {
    for (const checked of files) {
      const assessment = checked.assessment;
      if (!checked.valid || !assessment || assessment.supersedes !== undefined) continue;
      const config = configs.forFile(checked.file);
      const brief = formats.some((f) => f.needsBrief) ? toBrief(assessment, config) : undefined;
      const done: Prerendered = { outputs: {} };
      if (options.plan) done.briefHash = briefInputHash(options.plan, assessment, config);
      for (const format of formats) {
        const open = await session(format);
        if (!open) continue;
        const warnings: Diagnostic[] = [];
        try {
          // A format that needs no view model gets none (as in render.ts).
          const data = await open.render({ brief: brief as NonNullable<typeof brief>, assessment, config, file: checked.file, diagnostics: warnings });
          done.outputs[format.id] = { data, warnings };
        } catch {
          // Rendered again in the render stage, which reports why it fails.
        }
      }
      checked.prerendered = done;
    }
  } finally {
    for (const open of sessions.values()) await open?.close();
  }
}
