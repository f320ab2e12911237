/**
 * Interrupting a notebook check cell (Jupyter's ■) cancels the check: its sandbox stops,
 * nothing is recorded, and nothing is printed later. Before, the check ran on for ~20 s,
 * then overwrote progress with a stale result and printed into whatever cell ran next.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSolutionsProject,
  removeSolutionsProject,
} from "../../src/jupyter/solutions-project";
import { TslabKernel } from "../../src/jupyter/tslab-kernel";

let copy = "";
let kernel: TslabKernel | undefined;

beforeAll(async () => {
  copy = createSolutionsProject();
  const file = path.join(copy, "labs", "01-gradient-descent.ts");
  // mseLoss never returns: its check can only end by its time limit, or by a cancel.
  fs.writeFileSync(
    file,
    fs
      .readFileSync(file, "utf8")
      .replace(
        /export function mseLoss\(([^)]*)\): number \{/,
        "export function mseLoss($1): number {\n  for (;;) {}",
      ),
  );
  kernel = await TslabKernel.start({ root: copy, env: { ML_LABS_TYPECHECK: "0" } });
});
afterAll(async () => {
  await kernel?.shutdown();
  if (copy) removeSolutionsProject(copy);
});

describe("interrupting a check cell", () => {
  it("stops the check, records nothing and prints nothing afterwards", async () => {
    const k = kernel as TslabKernel;
    const setup = await k.execute(
      'import { labHelpers } from "./src/notebook";\nconst gd = labHelpers("01-gradient-descent");',
      60_000,
    );
    expect(setup.status, setup.stderr).toBe("ok");
    // The runner interrupts (SIGINT) a cell that exceeds its timeout, as Jupyter's ■ does.
    const interrupted = await k.execute('await gd.check("mse-loss");', 2_500);
    expect(interrupted.status).toBe("timeout");
    // Past the check's own 10 s limit (+1 s): a check that was not cancelled would be done by now.
    await new Promise((r) => setTimeout(r, 12_000));
    const later = await k.execute('console.log("next cell");', 10_000);
    expect(later.stdout, `${later.status} ${later.stderr} ${later.errorText}`).toBe("next cell\n");
    expect(later.displayCount).toBe(0);
    const progressFile = path.join(copy, ".progress", "progress.json");
    const saved = fs.existsSync(progressFile) ? fs.readFileSync(progressFile, "utf8") : "";
    expect(saved).not.toContain("mse-loss");
  }, 90_000);
});
