import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  KERNEL_DISPLAY_NAME,
  KERNEL_NAME,
  kernelSpec,
  launcherPath,
  userJupyterDataDir,
  writeKernelSpec,
} from "../../src/jupyter/kernelspec";
import { projectRoot } from "../../src/project-root";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kernelspec-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("kernelspec", () => {
  it("starts this project's launcher with absolute paths and the current node", () => {
    const spec = kernelSpec();
    expect(spec.argv).toEqual([process.execPath, launcherPath(), "{connection_file}"]);
    expect(path.isAbsolute(spec.argv[1])).toBe(true);
    expect(fs.existsSync(spec.argv[1])).toBe(true);
    expect(spec.argv[1].startsWith(projectRoot())).toBe(true);
    expect(spec).toMatchObject({
      display_name: "TypeScript (ml-cert-labs)",
      language: "typescript",
      interrupt_mode: "signal",
    });
  });

  it("writes kernels/ml-cert-labs/kernel.json under a Jupyter data folder", () => {
    const dir = writeKernelSpec(tmp, kernelSpec("/some/clone", "/opt/node"));
    expect(dir).toBe(path.join(tmp, "kernels", KERNEL_NAME));
    const written = JSON.parse(fs.readFileSync(path.join(dir, "kernel.json"), "utf8"));
    expect(written.argv).toEqual([
      "/opt/node",
      path.join("/some/clone", "src", "jupyter", "tslab-launcher.cjs"),
      "{connection_file}",
    ]);
    expect(written.display_name).toBe(KERNEL_DISPLAY_NAME);
  });

  it.each([
    ["JUPYTER_DATA_DIR wins", { JUPYTER_DATA_DIR: "/data/j" }, "linux", "/data/j"],
    ["XDG_DATA_HOME on Linux", { XDG_DATA_HOME: "/xdg" }, "linux", "/xdg/jupyter"],
    ["~/.local/share on Linux", {}, "linux", "/home/u/.local/share/jupyter"],
    ["~/Library on macOS", {}, "darwin", "/home/u/Library/Jupyter"],
  ] as const)("finds the user's Jupyter data folder: %s", (_name, env, platform, expected) => {
    expect(userJupyterDataDir(env, platform, "/home/u")).toBe(expected);
  });
});
