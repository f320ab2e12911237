/**
 * The kernel's fast start (src/jupyter/kernel/fast-start.ts) in a throwaway copy of the
 * project: project imports are checked against cached declarations, yet a cell's own type
 * errors are still reported and the learner's lab file keeps its types and is re-read after
 * an edit.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_DIR } from "../../src/jupyter/kernel/declaration-cache";
import {
  createSolutionsProject,
  removeSolutionsProject,
} from "../../src/jupyter/solutions-project";
import { TslabKernel } from "../../src/jupyter/tslab-kernel";

const CELL_MS = 180_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A project module whose body has a type error that does not change what it exports. */
const BROKEN_INSIDE =
  'export function probe(): number {\n  const wrong: number = "text";\n  return 7;\n}\n';

describe("kernel fast start", () => {
  let copy = "";
  beforeAll(() => {
    copy = createSolutionsProject();
    fs.writeFileSync(path.join(copy, "src", "zz-probe.ts"), BROKEN_INSIDE);
    fs.writeFileSync(path.join(copy, "labs", "zz-learner.ts"), "export const answer = 41;\n");
  });
  afterAll(() => {
    if (copy) removeSolutionsProject(copy);
  });

  it("builds the declaration cache once, saying so in the first cell", async () => {
    const kernel = await TslabKernel.start({ root: copy });
    try {
      const out = await kernel.execute(
        'import { labHelpers } from "./src/notebook";\nconsole.log(typeof labHelpers);',
        CELL_MS,
      );
      expect(out.stdout).toContain("Preparing type information");
      expect(out).toMatchObject({ status: "ok", stderr: "" });
      expect(out.stdout).toContain("function\n");
    } finally {
      await kernel.shutdown();
    }
    expect(fs.readdirSync(path.join(copy, CACHE_DIR))).toHaveLength(1);
  }, 300_000);

  it("with the cache: reports the cell's own type errors against a module's declared types", async () => {
    const kernel = await TslabKernel.start({ root: copy });
    try {
      const bad = await kernel.execute(
        'import { labHelpers } from "./src/notebook";\nconst h: number = labHelpers("01-gradient-descent");',
        CELL_MS,
      );
      expect(bad.stdout).not.toContain("Preparing type information");
      expect(bad.status).toBe("error");
      expect(`${bad.stderr}${bad.errorText}`).toContain("is not assignable to type 'number'");
      await sleep(400);
      // The module's own body is not re-checked: its declaration says `probe(): number`.
      const probe = await kernel.execute(
        'import { probe } from "./src/zz-probe";\nconsole.log(probe() + 1);',
        CELL_MS,
      );
      expect(probe).toMatchObject({ status: "ok", stdout: "8\n", stderr: "" });
    } finally {
      await kernel.shutdown();
    }
  }, 300_000);

  it("keeps the learner's lab file live: its types and an edit are seen when the cell is re-run", async () => {
    const kernel = await TslabKernel.start({ root: copy });
    const lab = path.join(copy, "labs", "zz-learner.ts");
    try {
      const first = await kernel.execute(
        'import * as mine from "./labs/zz-learner";\nconsole.log(mine.answer + 1);',
        CELL_MS,
      );
      expect(first).toMatchObject({ status: "ok", stdout: "42\n" });
      fs.writeFileSync(lab, 'export const answer = "forty-two";\n');
      await sleep(1_500); // tslab notices file changes by watching
      const typed = await kernel.execute(
        'import * as mine from "./labs/zz-learner";\nconst n: number = mine.answer;',
        CELL_MS,
      );
      expect(typed.status).toBe("error");
      expect(`${typed.stderr}${typed.errorText}`).toContain(
        "Type 'string' is not assignable to type 'number'.",
      );
      await sleep(400);
      const again = await kernel.execute(
        'import * as mine from "./labs/zz-learner";\nconsole.log(mine.answer);',
        CELL_MS,
      );
      expect(again).toMatchObject({ status: "ok", stdout: "forty-two\n" });
    } finally {
      await kernel.shutdown();
    }
  }, 300_000);

  it("ML_LABS_FAST_START=0 is plain tslab: the module's sources are checked again", async () => {
    const kernel = await TslabKernel.start({ root: copy, env: { ML_LABS_FAST_START: "0" } });
    try {
      const out = await kernel.execute('import { probe } from "./src/zz-probe";', CELL_MS);
      expect(out.status).toBe("error");
      expect(`${out.stderr}${out.errorText}`).toContain("src/zz-probe.ts");
    } finally {
      await kernel.shutdown();
    }
  }, 300_000);
});
