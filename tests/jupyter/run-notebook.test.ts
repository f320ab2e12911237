import { describe, expect, it } from "vitest";
import { formatRunFailure, runNotebook } from "../../src/jupyter/run-notebook";
import { fromRoot } from "../../src/project-root";
import { isRunning } from "./process-alive";

// These start real tslab kernels (about 1.5-3 s each on 2 cores).
const fixture = (name: string) => fromRoot("tests", "fixtures", "notebooks", name);

describe("runNotebook (real tslab kernel)", () => {
  it("runs every code cell of a passing notebook from the project root", async () => {
    const result = await runNotebook(fixture("passing.ipynb"));
    expect(result.ok, formatRunFailure(result)).toBe(true);
    // cells[5] is empty and skipped; markdown cells are not executed.
    expect(result.cells.map((c) => [c.index, c.status])).toEqual([
      [1, "ok"],
      [2, "ok"],
      [4, "ok"],
    ]);
    expect(result.cells[0].stdout).toBe("cwd is the project root: true\n");
    expect(result.cells[1].stdout).toBe("answer = 42\n");
    expect(result.cells[2].stdout).toBe("awaited\n");
    expect(result.failure).toBeUndefined();
    expect(formatRunFailure(result)).toBe("");
    expect(result.kernelStartMs).toBeGreaterThan(0);
    expect(result.totalMs).toBeGreaterThan(result.kernelStartMs);
    expect(isRunning(result.kernelPid)).toBe(false);
  });

  it("stops at the failing cell and reports its index, source and error", async () => {
    const result = await runNotebook(fixture("failing-cell.ipynb"));
    expect(result.ok).toBe(false);
    expect(result.cells.map((c) => c.index)).toEqual([1, 3]);
    expect(result.failure).toMatchObject({ index: 3, status: "error", stdout: "about to fail\n" });
    expect(result.failure?.stderr).toContain("Error: deliberate failure in cells[3]");
    expect(result.notRun).toEqual([4, 5]);
    expect(result.cells.some((c) => c.stdout.includes("must not run"))).toBe(false);

    const report = formatRunFailure(result);
    expect(report).toContain("failing-cell.ipynb: cell 4 of 6 (cells[3]) failed");
    expect(report).toContain('throw new Error("deliberate failure in cells[3]");');
    expect(report).toContain("Error: deliberate failure in cells[3]");
    expect(report).toContain("2 later code cell(s) did not run.");
    expect(report).not.toContain("node_modules/tslab"); // kernel-internal stack frames are dropped
  });

  it("interrupts a cell that never ends, reports the timeout and kills the kernel", async () => {
    const result = await runNotebook(fixture("hanging-cell.ipynb"), { cellTimeoutMs: 2_000 });
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ index: 2, status: "timeout" });
    expect(result.failure?.durationMs).toBeGreaterThanOrEqual(2_000);
    expect(result.notRun).toEqual([3]);
    expect(formatRunFailure(result)).toContain("cell 3 of 4 (cells[2]) timed out");
    expect(isRunning(result.kernelPid)).toBe(false);
  });

  it("records the MIME types of rich displays", async () => {
    const result = await runNotebook(fixture("display-html.ipynb"));
    expect(result.ok, formatRunFailure(result)).toBe(true);
    expect(result.cells.map((c) => c.displayMimeTypes)).toEqual([["text/html"], ["text/plain"]]);
  });
});
