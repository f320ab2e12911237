/**
 * The kernel in a real Jupyter: `jupyter nbconvert --execute` runs the first lab through the
 * project kernelspec, exactly as `npm run lab` registers it. CI installs Jupyter (Debian's
 * jupyter-nbconvert); on a machine without it this test is skipped, and says so.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOnPath } from "../../src/jupyter/find-jupyter";
import { kernelSpec, projectJupyterDir, writeKernelSpec } from "../../src/jupyter/kernelspec";
import {
  createSolutionsProject,
  createStubsProject,
  removeSolutionsProject,
} from "../../src/jupyter/solutions-project";

const nbconvert = findOnPath("jupyter-nbconvert");
if (!nbconvert)
  console.warn(
    "jupyter-nbconvert not found: skipping the real-Jupyter kernel test (apt-get install jupyter-nbconvert).",
  );

/**
 * Runs notebook 01 through real Jupyter (nbconvert --execute) on the project kernel in `copy`.
 * Asynchronous on purpose: a synchronous call blocks the vitest worker's event loop, and two
 * such tests in a row (~80 s on a busy 2-core machine) outlast vitest's fixed 60 s RPC timeout
 * ("Timeout calling onTaskUpdate"), which fails the run although every test passed.
 */
async function executeNotebook(
  copy: string,
  out: string,
  env: NodeJS.ProcessEnv = {},
): Promise<void> {
  await promisify(execFile)(
    nbconvert as string,
    [
      "--to",
      "notebook",
      "--execute",
      "--ExecutePreprocessor.timeout=300",
      "--output",
      out,
      "notebooks/01-gradient-descent.ipynb",
    ],
    {
      cwd: copy,
      env: { ...process.env, JUPYTER_PATH: projectJupyterDir(copy), ...env },
      timeout: 240_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

describe.runIf(nbconvert)("real Jupyter runs a lab notebook on the ml-cert-labs kernel", () => {
  let copy = "";
  beforeAll(() => {
    copy = createSolutionsProject();
    writeKernelSpec(projectJupyterDir(copy), kernelSpec(copy));
  });
  afterAll(() => {
    if (copy) removeSolutionsProject(copy);
  });

  it("nbconvert --execute succeeds, with plots and check results in the outputs", async () => {
    const out = path.join(copy, "executed.ipynb");
    await executeNotebook(copy, out, { ML_LABS_STRICT_CHECKS: "1" });
    const outputs = (
      JSON.parse(fs.readFileSync(out, "utf8")) as {
        cells: { outputs?: { data?: Record<string, unknown> }[] }[];
      }
    ).cells.flatMap((c) => c.outputs ?? []);
    const mimes = outputs.flatMap((o) => Object.keys(o.data ?? {}));
    expect(mimes).toContain("image/svg+xml");
    const html = outputs.map((o) => String(o.data?.["text/html"] ?? "")).join("\n");
    expect(html).toContain("✔ Passed");
    expect(html).toContain("12/12 points");
  }, 300_000);
});

interface SavedCell {
  cell_type: string;
  execution_count?: number | null;
  outputs?: {
    output_type: string;
    text?: string | string[];
    data?: Record<string, unknown>;
    traceback?: string[];
  }[];
}

describe.runIf(nbconvert)("real Jupyter: Run All on the untouched stubs", () => {
  let copy = "";
  beforeAll(() => {
    copy = createStubsProject();
    writeKernelSpec(projectJupyterDir(copy), kernelSpec(copy));
  });
  afterAll(() => {
    if (copy) removeSolutionsProject(copy);
  });

  it("nbconvert --execute (no --allow-errors) reaches the last cell, with one line per skipped cell", async () => {
    const out = path.join(copy, "executed-stubs.ipynb");
    await executeNotebook(copy, out);
    const code = (JSON.parse(fs.readFileSync(out, "utf8")) as { cells: SavedCell[] }).cells.filter(
      (c) => c.cell_type === "code",
    );
    // Every cell ran and got its In [n] number, in order.
    expect(code.map((c) => c.execution_count)).toEqual(code.map((_, i) => i + 1));
    const outputs = code.flatMap((c) => c.outputs ?? []);
    expect(outputs.filter((o) => o.output_type === "error")).toEqual([]);
    const text = outputs
      .map((o) => [o.text ?? "", String(o.data?.["text/plain"] ?? "")].flat().join(""))
      .join("\n");
    expect(text).toContain("⏭ Skipped: needs exercise `mse-loss` (mseLoss)");
    expect(text).not.toMatch(/ {4}at |TodoError|Cannot find name/);
  }, 300_000);
});
