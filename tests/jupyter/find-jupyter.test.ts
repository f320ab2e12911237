import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  availableFrontEnds,
  findOnPath,
  JUPYTER_MISSING_HELP,
} from "../../src/jupyter/find-jupyter";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "find-jupyter-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function makeBin(name: string, mode: number): void {
  const dir = path.join(tmp, "bin");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), "#!/bin/sh\n", { mode });
}

describe.skipIf(process.platform === "win32")("finding Jupyter without Python", () => {
  makeBin("jupyter-notebook", 0o755);
  makeBin("jupyter-lab", 0o644); // not executable: must not count
  const env = { PATH: [path.join(tmp, "empty"), path.join(tmp, "bin")].join(path.delimiter) };

  it("finds executables on PATH and skips non-executable files", () => {
    expect(findOnPath("jupyter-notebook", env)).toBe(path.join(tmp, "bin", "jupyter-notebook"));
    expect(findOnPath("jupyter-lab", env)).toBeUndefined();
    expect(findOnPath("jupyter-notebook", { PATH: "" })).toBeUndefined();
  });

  it("lists the installed front ends, JupyterLab first", () => {
    expect(availableFrontEnds(env)).toEqual(["notebook"]);
    expect(availableFrontEnds({ PATH: "" })).toEqual([]);
  });

  it("tells learners how to get Jupyter on Debian, with pip, or with VS Code", () => {
    expect(JUPYTER_MISSING_HELP).toContain("sudo apt-get install jupyter-notebook");
    expect(JUPYTER_MISSING_HELP).toContain("pip install notebook");
    expect(JUPYTER_MISSING_HELP).toContain("npm run kernel:install");
  });
});
