import { describe, expect, it } from "vitest";
import {
  compileErrorFrom,
  kernelErrorFrom,
  learnerFrames,
} from "../../../src/jupyter/kernel/traceback";
import { fromRoot } from "../../../src/project-root";

const root = fromRoot();

describe("learnerFrames", () => {
  it("keeps the cell, labs/ and src/ frames and drops tslab, node, packages and the kernel", () => {
    const stack = [
      "Error: boom",
      `    at todo (${root}/src/grading/todo.ts:19:11)`,
      `    at Object.mseLoss (${root}/labs/01-gradient-descent.js:11:28)`,
      "    at f (evalmachine.<anonymous>:3:22)",
      "    at evalmachine.<anonymous>:5:22",
      "    at evalmachine.<anonymous>:7:3",
      "    at sigintHandlersWrap (node:vm:280:12)",
      `    at Object.execute (${root}/node_modules/tslab/dist/executor.js:160:38)`,
      `    at ExecuteEngine.run (${root}/src/jupyter/kernel/execute-request.ts:84:49)`,
      "    at async Promise.all (index 0)",
    ].join("\n");
    expect(learnerFrames(stack, root)).toEqual([
      "    at todo (src/grading/todo.ts:19:11)",
      // tslab compiles lab files in memory: the .ts file is named, its line would be wrong.
      "    at mseLoss (labs/01-gradient-descent.ts)",
      "    at f (this cell)",
      "    at this cell",
    ]);
  });
});

describe("kernelErrorFrom", () => {
  it("gives name, message and a traceback that starts with both", () => {
    const err = new RangeError("too far");
    err.stack = "RangeError: too far\n    at evalmachine.<anonymous>:1:1";
    expect(kernelErrorFrom(err, root)).toEqual({
      ename: "RangeError",
      evalue: "too far",
      traceback: ["RangeError: too far", "    at this cell"],
    });
  });

  it("describes a thrown non-Error value", () => {
    expect(kernelErrorFrom("oops", root)).toMatchObject({
      ename: "Error",
      evalue: 'uncaught value: "oops"',
    });
  });
});

describe("compileErrorFrom", () => {
  it("puts every diagnostic in the traceback and the first in evalue", () => {
    const e = compileErrorFrom([
      "1:7 - Type 'string' is not assignable to type 'number'.",
      "2:1 - Cannot find name 'z'.",
    ]);
    expect(e.ename).toBe("TypeScript");
    expect(e.evalue).toBe(
      "2 compile errors: 1:7 - Type 'string' is not assignable to type 'number'.",
    );
    expect(e.traceback).toHaveLength(3);
  });
});
