import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { MutantResult, PartialStrykerOptions } from "@stryker-mutator/api/core";

export type StrykerClass = new (
  options: PartialStrykerOptions,
) => { runMutationTest(): Promise<MutantResult[]> };

/**
 * StrykerJS's `Stryker` class. Loaded from its own module rather than the package entry
 * point: the entry point also loads Stryker's CLI, which refuses to start on Node < 22 for
 * StrykerJS 10, while the programmatic API runs on Node 20 (this project's engine).
 */
export async function loadStryker(): Promise<StrykerClass> {
  const root = path.dirname(require.resolve("@stryker-mutator/core/package.json"));
  const mod = (await import(pathToFileURL(path.join(root, "dist", "src", "stryker.js")).href)) as {
    Stryker: StrykerClass;
  };
  return mod.Stryker;
}
