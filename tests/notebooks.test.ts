/**
 * Every lab notebook in notebooks/ is committed clean and runs top to bottom with the reference
 * solutions in place with every check passed (in a temporary copy of the project: labs/ is not
 * touched). "Run All" on the stubs is tests/notebooks-stubs.test.ts: a separate file, so vitest
 * runs the two halves side by side on two cores.
 */
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSavedOutputs, readNotebook } from "../src/jupyter/notebook-file";
import { formatRunFailure, runNotebook } from "../src/jupyter/run-notebook";
import { createSolutionsProject, removeSolutionsProject } from "../src/jupyter/solutions-project";
import { fromRoot } from "../src/project-root";
import { CELL_TIMEOUT_MS, NOTEBOOK_TIMEOUT_MS, notebooks } from "./notebooks-shared";

describe("notebooks/", () => {
  it("has notebooks to test", () => {
    expect(notebooks.length).toBeGreaterThan(0);
  });

  it.each(notebooks)("%s is committed without outputs", (name) => {
    const problems = findSavedOutputs(readNotebook(fromRoot("notebooks", name)));
    const report = problems.map((p) => `${name} cells[${p.cellIndex}]: ${p.problem}`).join("\n");
    expect(report, "run `npm run notebooks -- strip` before committing").toBe("");
  });
});

describe("notebooks run top to bottom with the reference solutions", () => {
  let copy = "";
  beforeAll(() => {
    copy = createSolutionsProject();
  });
  afterAll(() => {
    if (copy) removeSolutionsProject(copy);
  });

  it.each(notebooks)(
    "%s",
    async (name) => {
      const result = await runNotebook(path.join(copy, "notebooks", name), {
        cwd: copy,
        cellTimeoutMs: CELL_TIMEOUT_MS,
        // A check card that is not "passed" throws, so a broken solution or worker fails here.
        env: { ML_LABS_STRICT_CHECKS: "1" },
      });
      expect(result.ok, formatRunFailure(result)).toBe(true);
      expect(result.notRun).toEqual([]);
    },
    NOTEBOOK_TIMEOUT_MS,
  );
});
