/**
 * Every lab notebook in notebooks/ is committed clean and runs top to bottom with the
 * reference solutions in place (in a temporary copy of the project: labs/ is not touched).
 */
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSavedOutputs, listNotebooks, readNotebook } from "../src/jupyter/notebook-file";
import { formatRunFailure, runNotebook } from "../src/jupyter/run-notebook";
import { createSolutionsProject, removeSolutionsProject } from "../src/jupyter/solutions-project";
import { fromRoot } from "../src/project-root";

const notebooks = listNotebooks(fromRoot("notebooks")).map((file) => path.basename(file));
/** Per notebook: kernel start + every cell (training cells are slow on 2 cores). */
const NOTEBOOK_TIMEOUT_MS = 5 * 60_000;
const CELL_TIMEOUT_MS = 3 * 60_000;

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
      });
      expect(result.ok, formatRunFailure(result)).toBe(true);
      expect(result.notRun).toEqual([]);
    },
    NOTEBOOK_TIMEOUT_MS,
  );
});
