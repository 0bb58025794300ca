/**
 * The classification ladders a project uses, from `classifications:` in the config.
 */
import type { ConfigData } from "../config/schema.js";
import { LADDER_PRESETS, normalizeClassification, type ClassificationLadder, type ClassificationLevel } from "./levels.js";

/** The ladders named by the config: presets, and the config's own levels as one ladder "custom". */
export function laddersFor(config: Pick<ConfigData, "classifications">): ClassificationLadder[] {
  const entries = typeof config.classifications === "string" ? [config.classifications] : config.classifications;
  const ladders: ClassificationLadder[] = [];
  const custom: ClassificationLevel[] = [];
  for (const e of entries) {
    if (typeof e === "string") ladders.push(LADDER_PRESETS[e]!);
    else custom.push({ name: normalizeClassification(e.name), abbreviation: e.abbreviation });
  }
  if (custom.length > 0) ladders.unshift({ id: "custom", name: "the project's classifications", levels: custom });
  return ladders;
}
