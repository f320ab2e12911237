import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findSavedOutputs, readNotebook } from "../../src/jupyter/notebook-file";
import { fromRoot } from "../../src/project-root";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jupyter-cli-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Run a CLI the way npm does (through tsx), with a controlled environment. */
function cli(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["--import", "tsx", fromRoot("src", "cli", script), ...args], {
    cwd: fromRoot(),
    env: { ...process.env, JUPYTER_DATA_DIR: "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm run lab", () => {
  it("--install-kernel writes the user kernelspec and says how to remove it; --uninstall-kernel removes it", () => {
    const env = { XDG_DATA_HOME: tmp, HOME: tmp };
    const install = cli("lab.ts", ["--install-kernel"], env);
    expect(install.status, install.stderr).toBe(0);
    const file = path.join(tmp, "jupyter", "kernels", "ml-cert-labs", "kernel.json");
    expect(install.stdout).toContain(`Wrote ${file}`);
    expect(install.stdout).toContain("npm run lab -- --uninstall-kernel");
    expect(JSON.parse(fs.readFileSync(file, "utf8")).argv[1]).toBe(
      fromRoot("src", "jupyter", "tslab-launcher.cjs"),
    );

    const uninstall = cli("lab.ts", ["--uninstall-kernel"], env);
    expect(uninstall.status, uninstall.stderr).toBe(0);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it("without Jupyter, writes the project kernelspec and explains how to get Jupyter", () => {
    const result = cli("lab.ts", [], { PATH: path.join(tmp, "no-such-bin") });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("sudo apt-get install jupyter-notebook");
    expect(result.stderr).toContain("npm run kernel:install");
    const spec = JSON.parse(
      fs.readFileSync(fromRoot(".jupyter", "kernels", "ml-cert-labs", "kernel.json"), "utf8"),
    );
    expect(spec.display_name).toBe("TypeScript (ml-cert-labs)");
  });
});

describe("npm run notebooks", () => {
  it("strip removes outputs and keeps the rest", () => {
    const file = path.join(tmp, "dirty.ipynb");
    const nb = readNotebook(fromRoot("tests", "fixtures", "notebooks", "passing.ipynb"));
    nb.cells[1].outputs = [{ output_type: "stream", name: "stdout", text: ["x\n"] }];
    nb.cells[1].execution_count = 4;
    fs.writeFileSync(file, JSON.stringify(nb));
    const result = cli("notebooks.ts", ["strip", file]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("removed outputs from 1 cell(s)");
    const cleaned = readNotebook(file);
    expect(findSavedOutputs(cleaned)).toEqual([]);
    expect(cleaned.cells.map((c) => c.source)).toEqual(nb.cells.map((c) => c.source));
    expect(cleaned.metadata).toEqual(nb.metadata);
  });

  it("run --as-is prints each cell and fails with the failing cell's report", () => {
    const failing = fromRoot("tests", "fixtures", "notebooks", "failing-cell.ipynb");
    const result = cli("notebooks.ts", ["run", "--as-is", failing]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/✔ cells\[1\] +\d+\.\d\d s {2}console\.log\("first cell ran"\);/);
    expect(result.stdout).toContain("✘ cells[3]");
    expect(result.stdout).toContain("cell 4 of 6 (cells[3]) failed");
    expect(result.stdout).toContain("0 of 1 notebook(s) ran without errors.");
  });

  it("names the notebooks it knows when a name matches none", () => {
    const result = cli("notebooks.ts", ["run", "no-such-notebook"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No notebook matches "no-such-notebook"');
  });
});
