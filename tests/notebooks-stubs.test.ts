/**
 * "Run All" on the untouched stubs reaches the last cell of every notebook with one friendly
 * line per skipped cell (in a temporary copy of the project: labs/ is not touched). The
 * solutions half is tests/notebooks.test.ts.
 */
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitIds } from "../src/course/manifest";
import { formatRunFailure, runNotebook } from "../src/jupyter/run-notebook";
import { createStubsProject, removeSolutionsProject } from "../src/jupyter/solutions-project";
import { CELL_TIMEOUT_MS, NOTEBOOK_TIMEOUT_MS, notebooks } from "./notebooks-shared";

/** The one line a cell shows instead of running when it needs an unimplemented exercise. */
const SKIP_LINE =
  /^⏭ Skipped: needs (exercise `[\w-]+` \([\w.]+\)|`\w+` from an earlier cell, which needs exercise `[\w-]+` \([\w.]+\)) — implement it in labs\/[\w-]+\.ts, then re-run (this cell|from that cell)\.$/;
/** What must never reach a learner running the stubs: stack traces and follow-on errors. */
const NOISE =
  / {4}at |TodoError|Cannot find name|is not defined|Cannot read properties|Not implemented yet/;

describe("Run All on the untouched stubs reaches the last cell, skipping with one line", () => {
  let copy = "";
  beforeAll(() => {
    copy = createStubsProject();
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
      const problems: string[] = [];
      for (const cell of result.cells) {
        const output = [cell.stdout, cell.stderr, ...cell.displayTexts].join("\n");
        if (NOISE.test(output)) problems.push(`cells[${cell.index}] output:\n${output}`);
        if (cell.stderr !== "")
          problems.push(`cells[${cell.index}] wrote to stderr:\n${cell.stderr}`);
        for (const line of cell.displayTexts.filter((t) => t.startsWith("⏭"))) {
          if (!SKIP_LINE.test(line))
            problems.push(`cells[${cell.index}] unexpected skip line: ${line}`);
        }
      }
      expect(problems.join("\n\n")).toBe("");
      // Some cells of every lab notebook are skipped, and the skip lines are all there is of
      // them (guides such as exam-guide.ipynb and 00-start-here.ipynb use no exercise).
      const isLab = unitIds.includes(path.basename(name, ".ipynb"));
      expect(result.cells.some((c) => c.displayTexts.some((t) => SKIP_LINE.test(t)))).toBe(isLab);
    },
    NOTEBOOK_TIMEOUT_MS,
  );
});
