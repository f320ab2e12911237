import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Notebook runs and training tests are slow on 2 cores; unit tests stay fast.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // A committed it.only / describe.only would silently shrink CI: fail the run instead.
    // (biome's noFocusedTests cannot be used here: it reads every model's `.fit(` as jasmine's fit.)
    allowOnly: false,
  },
});
