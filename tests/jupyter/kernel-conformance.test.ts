/**
 * The standard Jupyter kernel test suite (jupyter_kernel_test, Debian python3-jupyter-kernel-test)
 * against the project kernelspec: tests/jupyter/kernel_conformance.py. Skipped, and says so, on
 * a machine without a Python that has jupyter_kernel_test.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KERNEL_NAME, kernelSpec, writeKernelSpec } from "../../src/jupyter/kernelspec";
import { fromRoot } from "../../src/project-root";

/** The first Python that can import the suite (Debian's, even when pyenv shadows python3). */
function findSuitePython(): string | undefined {
  for (const python of ["/usr/bin/python3", "python3"]) {
    const probe = spawnSync(python, ["-c", "import jupyter_kernel_test"], { stdio: "ignore" });
    if (probe.status === 0) return python;
  }
  return undefined;
}

const python = findSuitePython();
if (!python)
  console.warn(
    "No python3 with jupyter_kernel_test: skipping the kernel conformance suite (apt-get install python3-jupyter-kernel-test).",
  );

/** The suite tests we leave unset on purpose (see the docstring of kernel_conformance.py). */
const EXPECTED_SKIPS = ["test_clear_output", "test_pager"];

describe.runIf(python)("jupyter_kernel_test suite against the ml-cert-labs kernel", () => {
  let jupyterDir = "";
  beforeAll(() => {
    jupyterDir = fs.mkdtempSync(path.join(os.tmpdir(), "ml-cert-labs-jupyter-"));
    writeKernelSpec(jupyterDir, kernelSpec(fromRoot()));
  });
  afterAll(() => {
    if (jupyterDir) fs.rmSync(jupyterDir, { recursive: true, force: true });
  });

  it("passes every test it defines", () => {
    const run = spawnSync(python as string, ["-m", "unittest", "-v", "kernel_conformance"], {
      cwd: __dirname,
      env: { ...process.env, JUPYTER_PATH: jupyterDir, ML_LABS_KERNEL_NAME: KERNEL_NAME },
      encoding: "utf8",
      timeout: 240_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toMatch(/^OK \(skipped=2\)$/m);
    const skipped = [...output.matchAll(/^(test_\w+) \(.*\) \.\.\. skipped/gm)].map((m) => m[1]);
    expect(skipped.sort()).toEqual(EXPECTED_SKIPS);
    expect(output).toMatch(/^Ran 12 tests/m);
  }, 300_000);
});
