import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSolutionsProject } from "../../src/jupyter/solutions-project";
import { TslabKernel } from "../../src/jupyter/tslab-kernel";
import { fromRoot } from "../../src/project-root";
import { isRunning } from "./process-alive";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("TslabKernel (real tslab kernel)", () => {
  let kernel: TslabKernel;
  beforeAll(async () => {
    kernel = await TslabKernel.start({ env: { ML_CERT_LABS_TEST_VAR: "from-test" } });
  });
  afterAll(async () => {
    await kernel?.shutdown();
  });

  it("runs in the project root with the extra environment", async () => {
    const out = await kernel.execute(
      "console.log(process.cwd(), process.env.ML_CERT_LABS_TEST_VAR)",
      30_000,
    );
    // The first cell may also show a "⏳ …" status line (e.g. while the type cache is rebuilt).
    const stdout = out.stdout.replace(/^⏳.*\n/gm, "");
    expect({ ...out, stdout }).toMatchObject({
      status: "ok",
      stdout: `${fromRoot()} from-test\n`,
      stderr: "",
    });
  });

  it("reports a type error as an error message, and runs the next request at once", async () => {
    const bad = await kernel.execute('const n: number = "text";', 30_000);
    expect(bad.status).toBe("error");
    expect(bad.stderr).toBe("");
    expect(bad.errorText).toContain("Type 'string' is not assignable to type 'number'.");
    // tslab used to abort every request for ~200 ms after an error; now only queued ones are.
    const next = await kernel.execute('console.log("right after")', 30_000);
    expect(next).toMatchObject({ status: "ok", stdout: "right after\n" });
  });

  it("numbers cells and sends the last expression as execute_result", async () => {
    const first = await kernel.execute("6 * 7", 30_000);
    const second = await kernel.execute('"plain " + "text"', 30_000);
    expect(first).toMatchObject({ status: "ok", stdout: "", displayTexts: ["42"] });
    expect(second).toMatchObject({ status: "ok", displayTexts: ["plain text"] });
    expect(second.executionCount).toBe((first.executionCount ?? 0) + 1);
  });

  it("shows a thrown error with the learner's frames only", async () => {
    const out = await kernel.execute(
      'function boom(): never {\n  throw new TypeError("no");\n}\nboom();',
      30_000,
    );
    expect(out.status).toBe("error");
    expect(out.errorText).toBe("TypeError: no\n    at boom (this cell)\n    at this cell");
  });

  it("interrupts a pending await on timeout and stays usable", async () => {
    const out = await kernel.execute(
      "await new Promise((resolve) => setTimeout(resolve, 60_000));",
      1_000,
    );
    expect(out.status).toBe("timeout");
    expect(out.errorText).toContain("Interrupted");
    expect((await kernel.execute("1 + 1", 30_000)).displayTexts).toEqual(["2"]);
  });

  it("shuts down even when the notebook left a timer running", async () => {
    const other = await TslabKernel.start();
    await other.execute("setInterval(() => {}, 1000);", 30_000);
    await other.shutdown(500);
    expect(other.isAlive).toBe(false);
    expect(isRunning(other.pid)).toBe(false);
  });
});

describe("kernel in a solutions copy", () => {
  it("compiles root-relative imports from the copy, not from this project", async () => {
    await withSolutionsProject(async (copy) => {
      const k = await TslabKernel.start({ root: copy });
      try {
        const out = await k.execute(
          'import { projectRoot } from "./src/project-root";\nconsole.log(projectRoot());',
          120_000, // a fresh copy builds its declaration cache first
        );
        expect(out.status).toBe("ok");
        // A fresh copy has no declaration cache yet: the cell may first say it is preparing one.
        expect(out.stdout.replace(/^⏳ Preparing type information.*\n/, "")).toBe(
          `${fs.realpathSync(copy)}\n`,
        );
      } finally {
        await k.shutdown();
      }
    });
  });
});

describe.skipIf(process.platform === "win32")("no orphan kernels", () => {
  it("a kernel exits by itself when the process that started it is killed", async () => {
    const parent = spawn(
      process.execPath,
      ["--import", "tsx", path.join(__dirname, "kernel-orphan-parent.ts")],
      {
        cwd: fromRoot(),
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const [kernelPid, connectionFile] = await new Promise<[number, string]>((resolve, reject) => {
      let out = "";
      parent.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const match = /kernel-pid (\d+) (\S+)\n/.exec(out);
        if (match) resolve([Number(match[1]), match[2]]);
      });
      parent.once("exit", () => reject(new Error(`helper exited early: ${out}`)));
    });
    expect(isRunning(kernelPid)).toBe(true);
    expect(fs.existsSync(connectionFile)).toBe(true);
    parent.kill("SIGKILL");
    const deadline = Date.now() + 5_000;
    while (isRunning(kernelPid) && Date.now() < deadline) await sleep(100);
    expect(isRunning(kernelPid)).toBe(false);
    // It also removed the temp folder that held its connection file.
    expect(fs.existsSync(path.dirname(connectionFile))).toBe(false);
  });
});
