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
import type { FormatSession, FormatSessionOptions, OutputFormat } from "../render/output-format.js";
import { getFormat } from "../render/formats.js";
import type { CheckedBrief, CheckStageOptions, Prerendered } from "./check.js";
import { briefInputHash } from "./plan.js";

/** What a thread needs to render the pure formats: plain data, so it can be posted to a worker. */
export interface PrerenderOptions {
  /** The build's formats (those not pure are left to the render stage). */
  formats: readonly string[];
  /** The options their sessions open with (the environment, the output folder). */
  session: Pick<FormatSessionOptions, "env" | "outDir">;
}

/**
 * Renders the pure formats among `options.formats` for every valid brief that needs no other
 * file. One per thread: its sessions (and the modules behind them) are opened once, by
 * {@link Prerenderer.warm} — a worker does that while the main thread is still planning.
 */
export class Prerenderer {
  private readonly formats: OutputFormat[];
  private readonly sessions = new Map<string, FormatSession | undefined>();
  private toBrief: typeof import("../brief/to-brief.js").toBrief | undefined;

  constructor(private readonly options: PrerenderOptions) {
    this.formats = options.formats.map((id) => getFormat(id)).filter((f): f is OutputFormat => f?.pure === true);
  }

  /** Opens the sessions and loads the view model's modules. */
  async warm(): Promise<void> {
    if (this.formats.length === 0) return;
    this.toBrief ??= (await import("../brief/to-brief.js")).toBrief;
    for (const format of this.formats) {
      // A session that cannot open is simply left to the render stage, which reports why.
      if (!this.sessions.has(format.id)) this.sessions.set(format.id, await format.createSession({ ...this.options.session }).catch(() => undefined));
    }
  }

  /** Renders what it can of `files`, setting `prerendered` on each (with the brief hash, for an incremental build's `plan`). */
  async render(files: CheckedBrief[], configs: ConfigResolver, plan?: CheckStageOptions["plan"]): Promise<void> {
    if (this.formats.length === 0) return;
    await this.warm();
    const toBrief = this.toBrief!;
    for (const checked of files) {
      const assessment = checked.assessment;
      if (!checked.valid || !assessment || assessment.supersedes !== undefined) continue;
      const config = configs.forFile(checked.file);
      const brief = this.formats.some((f) => f.needsBrief) ? toBrief(assessment, config) : undefined;
      const done: Prerendered = { outputs: {} };
      if (plan) done.briefHash = briefInputHash(plan, assessment, config);
      for (const format of this.formats) {
        const open = this.sessions.get(format.id);
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
  }

  async close(): Promise<void> {
    for (const open of this.sessions.values()) await open?.close();
    this.sessions.clear();
  }
}
