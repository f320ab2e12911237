import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../../src/project-root";

const FIXTURE = path.join(__dirname, "fixtures", "print-backend.ts");
const nativeInstalled = (() => {
  try {
    require.resolve("tfjs-node-native");
    return true;
  } catch {
    return false;
  }
})();

/** Runs the fixture in a fresh process (backend choice is once per process). */
function run(backendVar: string | undefined) {
  const env = { ...process.env };
  delete env.ML_LABS_BACKEND;
  if (backendVar !== undefined) env.ML_LABS_BACKEND = backendVar;
  const r = spawnSync(
    process.execPath,
    [fromRoot("node_modules", "tsx", "dist", "cli.mjs"), FIXTURE],
    {
      env,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  const lines = r.stdout.split("\n").filter((l) => l.startsWith("tfjs backend:"));
  const infoLine = r.stdout.split("\n").find((l) => l.startsWith("INFO "));
  return {
    status: r.status,
    lines,
    stdout: r.stdout,
    stderr: r.stderr,
    info: infoLine ? JSON.parse(infoLine.slice(5)) : undefined,
  };
}

describe("backend selection", () => {
  it("picks native, else wasm, and says so once per process", () => {
    const r = run(undefined);
    expect(r.status).toBe(0);
    expect(r.lines).toHaveLength(1);
    if (nativeInstalled) {
      expect(r.info.choice).toBe("native");
    } else {
      expect(r.lines[0]).toBe(
        "tfjs backend: wasm (native TensorFlow not installed — optional: `npm install` with internet gets it)",
      );
      expect(r.info.patchedKernels).toContain("Conv2DBackpropFilter");
    }
  });

  it("ML_LABS_BACKEND=cpu forces the cpu backend, without tfjs's long banner", () => {
    const r = run("cpu");
    expect(r.status).toBe(0);
    expect(r.lines).toEqual(["tfjs backend: cpu (chosen by ML_LABS_BACKEND=cpu)"]);
    expect(r.info.tfjsBackend).toBe("cpu");
    expect(r.stdout + r.stderr).not.toContain("Hi, looks like");
  });

  it("rejects an unknown ML_LABS_BACKEND value with the valid choices", () => {
    const r = run("gpu");
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(
      "ML_LABS_BACKEND=gpu is not a backend. Use one of: native, wasm, cpu",
    );
  });

  it.skipIf(nativeInstalled)(
    "explains how to get native TensorFlow when it is forced but absent",
    () => {
      const r = run("native");
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(
        /Native TensorFlow \(the optional package tfjs-node-native\) is not installed/,
      );
    },
  );
});
