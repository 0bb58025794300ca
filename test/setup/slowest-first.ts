/**
 * The order test files start in: the slowest first, across both projects, so the long files
 * (the npm install, the browser suites) overlap the many short ones instead of finishing last
 * on one core. Durations come from vitest's cache of the previous run; a file never run before
 * (a fresh clone) is placed by the hint list below, then by size like vitest's own order.
 */
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Files known to take the longest, longest first (measured), for a run without a cache. */
const KNOWN_SLOW = [
  "test/pdf.test.ts",
  "test/adoption-e2e.test.ts",
  "test/pdf-faults.test.ts",
  "test/pdf-bundled.test.ts",
  "test/workflow.test.ts",
  "test/pdf-cli.test.ts",
  "test/score-cli.test.ts",
  "test/markdown-property.test.ts",
  "test/cli-build.test.ts",
  "test/reliability-cli.test.ts",
  "test/diff-cli.test.ts",
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const weight = (spec: TestSpecification): number => {
      const file = relative(root, spec.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`);
      if (cached) return cached.duration;
      const hint = KNOWN_SLOW.indexOf(file);
      if (hint >= 0) return 1e9 - hint;
      return this.ctx.cache.getFileStats(`${spec.project.name}:${file}`)?.size ?? 0;
    };
    const weights = new Map(files.map((f) => [f, weight(f)]));
    return [...files].sort((a, b) => weights.get(b)! - weights.get(a)!);
  }
}
