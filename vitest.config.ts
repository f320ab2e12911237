import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Notebook runs and training tests are slow on 2 cores; unit tests stay fast.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
