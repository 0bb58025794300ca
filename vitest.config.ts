import { defineConfig } from "vitest/config";
import SlowestFirst from "./test/setup/slowest-first.js";

/**
 * Two projects: `unit` (fast, no browser: run it while you work with `npm run test:unit`) and
 * `browser` (files that launch Chromium, spawn the compiled CLI or run the CI workflow). `npm test`
 * runs both, in one queue, slowest file first. A global setup compiles dist/ first (incremental),
 * so no test sees a stale build.
 */
const BROWSER = [
  "test/pdf.test.ts",
  "test/portion-marks-pdf.test.ts",
  "test/pdf-cli.test.ts",
  "test/preview-e2e.test.ts",
  "test/preview-hostile.test.ts",
  "test/cli-build.test.ts",
  "test/workflow.test.ts",
  "test/build-integration.test.ts",
];

export default defineConfig({
  test: {
    globalSetup: ["test/setup/build-dist.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Browser tests mostly wait on Chromium and child processes: two files at a time keep both cores busy.
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
    // Test files share their worker's module graph (no test mocks modules or leaves global state
    // behind): src/ and its packages are imported once per worker rather than once per file,
    // which halves the unit files' CPU time. A test that needs a fresh module graph would say so
    // in its own project.
    isolate: false,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts", "src/**/*.test.ts"], exclude: BROWSER } },
      { extends: true, test: { name: "browser", include: BROWSER } },
    ],
  },
});
