/**
 * The render stage: for one brief and one format, the one keep-or-render decision. The output is
 * kept when the plan says the file in the output folder was rendered from the same content hash
 * and is still as written; otherwise it is rendered in the format's session. Nothing is written
 * here (see write.ts).
 */
import type { Brief } from "../brief/types.js";
import type { ResolvedConfig } from "../config/load.js";
import { applyCodeSettings } from "../check/code-settings.js";
import { builtinCode, diagnostic } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { RendererUnavailableError, type OutputFormat } from "../render/output-format.js";
import { outputNameProblem, outputPath } from "../project/outputs.js";
import type { Assessment } from "../schema/assessment.js";
import type { At } from "./check.js";
import { basename } from "node:path";
import { LOCK_FILE } from "./lock.js";
import { MANIFEST_FILE, type ManifestOutput } from "./manifest.js";
import type { IncrementalBuild } from "./plan.js";
import type { PrerenderedOutput } from "./check.js";
import type { SessionPool } from "./sessions.js";

/** One valid brief, ready to render. */
export interface BriefJob {
  file: string;
  id: string;
  idAt: At;
  assessment: Assessment;
  config: ResolvedConfig;
  /** The "changes since the previous edition" section, when the assessment supersedes one. */
  changes?: Brief["changes"];
  /** Incremental builds: the hash of the brief's inputs (computed on first use). */
  briefHash?: string;
  /** The view model (built on first use, shared by every format). */
  brief?: Brief;
  /** Outputs already rendered where the brief was checked (prerender.ts), by format id. */
  prerendered?: Readonly<Record<string, PrerenderedOutput>>;
  /**
   * A tearline release (`--release TLP:GREEN`): `assessment` is the released one, outputs are
   * named `<id>.<release>.<ext>` and recorded as the format `<format>@<release>`.
   */
  release?: string;
}

/** What became of one format of a brief. */
export type FormatOutcome =
  | { kind: "kept"; format: string; path: string; output: ManifestOutput }
  | { kind: "rendered"; format: string; path: string; data: string | Uint8Array; inputHash?: string; warnings: Diagnostic[] }
  /** The format's renderer cannot run here: reported once for the build, not on the brief. */
  | { kind: "unavailable"; format: string; diagnostics: Diagnostic[] }
  | { kind: "failed"; format: string; diagnostics: Diagnostic[] };

/** What the render stage uses. */
export interface RenderStage {
  outDir: string;
  sessions: SessionPool;
  plan?: IncrementalBuild;
  /** Folders written into whose entries are flushed once, at the end of the build (see the guarded writer). */
  unsyncedFolders: Set<string>;
}

/** Names in the output folder that are the build's own, never an output. */
const RESERVED_NAMES: ReadonlySet<string> = new Set([MANIFEST_FILE, LOCK_FILE]);

let toBriefModule: Promise<typeof import("../brief/to-brief.js")> | undefined;

/** Keeps or renders one format of a brief. */
export async function renderFormat(stage: RenderStage, job: BriefJob, format: OutputFormat): Promise<FormatOutcome> {
  const path = outputPath(stage.outDir, job.id, format.extension, job.release);
  const key = job.release === undefined ? format.id : `${format.id}@${job.release}`;
  const reserved = (reason: string): FormatOutcome => ({ kind: "failed", format: format.id, diagnostics: [diagnostic("output-path", "reserved", { file: job.file, ...job.idAt }, { id: job.id, reason }, "give the assessment another `id`")] });
  if (!path) {
    const reason = outputNameProblem(job.id);
    if (reason !== undefined) return reserved(reason);
    return { kind: "failed", format: format.id, diagnostics: [diagnostic("output-path", "outside", { file: job.file, ...job.idAt }, { id: job.id })] };
  }
  const name = basename(path).toLowerCase();
  if (RESERVED_NAMES.has(name)) return reserved(`${name} is the build's own file`);
  let inputHash: string | undefined;
  if (stage.plan) {
    job.briefHash ??= stage.plan.briefHash(job.assessment, job.config, job.changes);
    // A release prints with its format's options (browser, epoch).
    stage.plan.plan.renderOptions[key] ??= stage.plan.plan.renderOptions[format.id] ?? {};
    const decision = stage.plan.decide(job.id, key, job.briefHash, job.config);
    if (decision.reuse) return { kind: "kept", format: key, path, output: decision.reuse };
    inputHash = decision.inputHash;
  }
  const rendered = (data: string | Uint8Array, warnings: readonly Diagnostic[]): FormatOutcome => {
    const out: FormatOutcome = { kind: "rendered", format: key, path, data, warnings: applyCodeSettings(warnings, job.config.data.rules) };
    if (inputHash !== undefined) out.inputHash = inputHash;
    return out;
  };
  const ready = job.release === undefined ? job.prerendered?.[format.id] : undefined;
  if (ready) return rendered(ready.data, ready.warnings);
  const dropped = (warnings: readonly Diagnostic[] = []): FormatOutcome => {
    const affected = stage.sessions.unavailableError(format)?.affects(job.file);
    return { kind: "unavailable", format: format.id, diagnostics: affected ? [...warnings, affected] : [...warnings] };
  };
  if (stage.sessions.isUnavailable(format)) return dropped();
  const session = await stage.sessions.get(format);
  if (!session) return dropped();
  if (format.needsBrief && !job.brief) {
    toBriefModule ??= import("../brief/to-brief.js");
    const { toBrief } = await toBriefModule;
    job.brief = toBrief(job.assessment, job.config, { changes: job.changes });
  }
  const warnings: Diagnostic[] = [];
  try {
    // A format that needs no view model gets none (JSON renders the assessment).
    const brief = job.brief as Brief;
    return rendered(await session.render({ brief, assessment: job.assessment, config: job.config, file: job.file, diagnostics: warnings }), warnings);
  } catch (error) {
    if (error instanceof RendererUnavailableError) {
      stage.sessions.drop(format, error);
      return dropped(warnings);
    }
    const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    // A renderer's own code and hint (the PDF format's render-timeout, render-too-large), else render-failed.
    const coded = error as { ruleId?: unknown; hint?: unknown };
    const own = typeof coded.ruleId !== "string" ? undefined : coded.ruleId;
    if (own !== undefined && builtinCode(own)?.messages?.failed !== undefined) {
      const at = { file: job.file, line: 0, column: 0 };
      return { kind: "failed", format: format.id, diagnostics: [...warnings, diagnostic(own, "failed", at, { format: format.id, reason }, typeof coded.hint === "string" ? coded.hint : undefined)] };
    }
    return { kind: "failed", format: format.id, diagnostics: [...warnings, diagnostic("render-failed", "failed", { file: job.file, line: 0, column: 0 }, { format: format.id, reason })] };
  }
}
