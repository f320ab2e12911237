import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { MutantResult, PartialStrykerOptions } from "@stryker-mutator/api/core";

export type StrykerClass = new (
  options: PartialStrykerOptions,
) => { runMutationTest(): Promise<MutantResult[]> };

/**
 * StrykerJS's `Stryker` class, loaded from its own module rather than the package entry point
 * (which also loads Stryker's CLI). StrykerJS is pinned to 9.x, the last line that supports
 * Node 20 (this project's engine); loading the class directly also keeps 10.x usable on Node 20.
 */
export async function loadStryker(): Promise<StrykerClass> {
  const root = path.dirname(require.resolve("@stryker-mutator/core/package.json"));
  const mod = (await import(pathToFileURL(path.join(root, "dist", "src", "stryker.js")).href)) as {
    Stryker: StrykerClass;
  };
  return mod.Stryker;
}
