/**
 * The kernel in a real Jupyter: `jupyter nbconvert --execute` runs the first lab through the
 * project kernelspec, exactly as `npm run lab` registers it. CI installs Jupyter (Debian's
 * jupyter-nbconvert); on a machine without it this test is skipped, and says so.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOnPath } from "../../src/jupyter/find-jupyter";
import { kernelSpec, projectJupyterDir, writeKernelSpec } from "../../src/jupyter/kernelspec";
import { createSolutionsProject, removeSolutionsProject } from "../../src/jupyter/solutions-project";

const nbconvert = findOnPath("jupyter-nbconvert");
if (!nbconvert) console.warn("jupyter-nbconvert not found: skipping the real-Jupyter kernel test (apt-get install jupyter-nbconvert).");

describe.runIf(nbconvert)("real Jupyter runs a lab notebook on the ml-cert-labs kernel", () => {
  let copy = "";
  beforeAll(() => {
    copy = createSolutionsProject();
    writeKernelSpec(projectJupyterDir(copy), kernelSpec(copy));
  });
  afterAll(() => {
    if (copy) removeSolutionsProject(copy);
  });

  it("nbconvert --execute succeeds, with plots and check results in the outputs", () => {
    const out = path.join(copy, "executed.ipynb");
    execFileSync(
      nbconvert as string,
      ["--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300", "--output", out, "notebooks/01-gradient-descent.ipynb"],
      { cwd: copy, env: { ...process.env, JUPYTER_PATH: projectJupyterDir(copy) }, stdio: "pipe", timeout: 240_000 },
    );
    const outputs = (JSON.parse(fs.readFileSync(out, "utf8")) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] }).cells.flatMap(
      (c) => c.outputs ?? [],
    );
    const mimes = outputs.flatMap((o) => Object.keys(o.data ?? {}));
    expect(mimes).toContain("image/svg+xml");
    const html = outputs.map((o) => String(o.data?.["text/html"] ?? "")).join("\n");
    expect(html).toContain("✔ Passed");
    expect(html).toContain("12/12 points");
  }, 300_000);
});
