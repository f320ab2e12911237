/**
 * Run All on unfinished labs (real kernel, in a copy of the project with fresh stubs in labs/):
 * a cell that calls a todo() stub, and every cell that needs what it declares, shows one
 * friendly line and counts as ok; a real mistake is still an error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatRunFailure, runNotebook } from "../../src/jupyter/run-notebook";
import { createStubsProject, removeSolutionsProject } from "../../src/jupyter/solutions-project";
import { TslabKernel } from "../../src/jupyter/tslab-kernel";
import { fromRoot } from "../../src/project-root";

const fixture = (name: string) => fromRoot("tests", "fixtures", "notebooks", name);
const TODO_LINE =
  "⏭ Skipped: needs exercise `mse-loss` (mseLoss) — implement it in labs/01-gradient-descent.ts, then re-run this cell.";
const needs = (name: string) =>
  `⏭ Skipped: needs \`${name}\` from an earlier cell, which needs exercise \`mse-loss\` (mseLoss) — implement it in labs/01-gradient-descent.ts, then re-run from that cell.`;

describe("friendly skips on the stubs (real tslab kernel)", () => {
  let copy = "";
  beforeAll(() => {
    copy = createStubsProject();
  });
  afterAll(() => {
    if (copy) removeSolutionsProject(copy);
  });

  it("skips the todo cell and its dependants with one line each, and runs everything else", async () => {
    const result = await runNotebook(fixture("todo-skips.ipynb"), { cwd: copy });
    expect(result.ok, formatRunFailure(result)).toBe(true);
    const byIndex = new Map(result.cells.map((c) => [c.index, c]));
    expect(result.cells).toHaveLength(10);
    // cells[2] printed before the stub threw; then one line, no stack trace, no error.
    expect(byIndex.get(2)).toMatchObject({
      stdout: "printed before the stub throws\n",
      stderr: "",
      errorText: "",
    });
    expect(byIndex.get(2)?.displayTexts).toEqual([TODO_LINE]);
    // cells[3] uses `twice` and `loss`, both declared by the skipped cell: the first is named.
    expect(byIndex.get(3)?.displayTexts).toEqual([needs("twice")]);
    // The chain goes on: `doubled` was never declared either.
    expect(byIndex.get(4)?.displayTexts).toEqual([needs("doubled")]);
    expect(byIndex.get(5)?.stdout).toBe("property names are not uses: 3\n");
    expect(byIndex.get(6)?.stdout).toBe("a parameter is not a use: 2\n");
    // Declaring `loss` again (as after implementing the exercise) makes it usable.
    expect(byIndex.get(7)?.stdout).toBe("loss redefined\n");
    expect(byIndex.get(8)?.stdout).toBe("loss is usable again: 10\n");
    expect(byIndex.get(9)?.displayTexts).toEqual([needs("tripled")]);
    expect(byIndex.get(10)?.displayTexts).toEqual(["last cell"]);
    for (const cell of result.cells) {
      expect(`${cell.stdout}${cell.stderr}${cell.displayTexts.join("")}`).not.toMatch(
        / {4}at |TodoError|Cannot find name/,
      );
    }
  }, 120_000);

  it("still reports a real error, with a short traceback, and stops there", async () => {
    const result = await runNotebook(fixture("todo-then-error.ipynb"), { cwd: copy });
    expect(result.ok).toBe(false);
    expect(result.cells[0]).toMatchObject({ index: 1, status: "ok" });
    expect(result.cells[0].displayTexts).toEqual([
      "⏭ Skipped: needs exercise `is-diverging` (isDiverging) — implement it in labs/01-gradient-descent.ts, then re-run this cell.",
    ]);
    expect(result.failure).toMatchObject({
      index: 2,
      status: "error",
      stdout: "before the mistake\n",
    });
    expect(result.failure?.errorText).toBe(
      "RangeError: a real mistake\n    at helper (this cell)\n    at this cell",
    );
    expect(result.notRun).toEqual([3]);
    expect(formatRunFailure(result)).toContain("RangeError: a real mistake");
  }, 120_000);

  it("runs the cell once the learner implements the exercise and re-runs it", async () => {
    const kernel = await TslabKernel.start({ root: copy });
    const labFile = path.join(copy, "labs", "01-gradient-descent.ts");
    const stub = fs.readFileSync(labFile, "utf8");
    try {
      const importCell =
        'import * as lab from "./labs/01-gradient-descent";\nimport { Matrix } from "ml-matrix";';
      const lossCell =
        "const loss = lab.mseLoss(new Matrix([[1, 2]]), new Matrix([[3]]), new Matrix([[1], [0]]));";
      expect((await kernel.execute(importCell, 60_000)).status).toBe("ok");
      expect((await kernel.execute(lossCell, 60_000)).displayTexts).toEqual([TODO_LINE]);
      expect((await kernel.execute("loss", 60_000)).displayTexts).toEqual([needs("loss")]);

      fs.copyFileSync(fromRoot("solutions", "01-gradient-descent.ts"), labFile);
      expect((await kernel.execute(importCell, 60_000)).status).toBe("ok");
      expect(await kernel.execute(lossCell, 60_000)).toMatchObject({
        status: "ok",
        displayTexts: [],
      });
      expect(await kernel.execute("loss", 60_000)).toMatchObject({
        status: "ok",
        displayTexts: ["4"],
      });
    } finally {
      fs.writeFileSync(labFile, stub);
      await kernel.shutdown();
    }
  }, 120_000);
});
