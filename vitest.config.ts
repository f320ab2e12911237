import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Notebook runs and training tests are slow on 2 cores; unit tests stay fast.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    setupFiles: ["tests/setup/yield-event-loop.ts"],
    // vitest's default is one worker fewer than the cores: on a 2-core machine that is ONE, and
    // the notebook runs (tests/notebooks*.test.ts, each mostly one busy kernel) would queue
    // behind each other. One worker per core runs the solutions and stubs halves side by side.
    poolOptions: { forks: { maxForks: availableParallelism(), minForks: 1 } },
    // A committed it.only / describe.only would silently shrink CI: fail the run instead.
    // (biome's noFocusedTests cannot be used here: it reads every model's `.fit(` as jasmine's fit.)
    allowOnly: false,
  },
});
