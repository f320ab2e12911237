import { describe, expect, it } from "vitest";
import { TodoError } from "../../../src/grading/todo";
import { SkipTracker, stubFrom } from "../../../src/jupyter/kernel/todo-skips";

const root = "/project";
const todoAt = (frame: string) => {
  const err = new TodoError();
  err.stack = `TodoError: Not implemented yet\n    at todo (${root}/src/grading/todo.js:19:11)\n    at ${frame}\n    at evalmachine.<anonymous>:5:23`;
  return err;
};

describe("stubFrom", () => {
  it("finds the lab function nearest the throw, methods included", () => {
    expect(
      stubFrom(todoAt(`Object.mseLoss (${root}/labs/01-gradient-descent.js:11:28)`).stack!, root),
    ).toEqual({
      labId: "01-gradient-descent",
      functionName: "mseLoss",
    });
    expect(
      stubFrom(todoAt(`LinearSVC.fit (${root}/labs/08-svm.js:40:5)`).stack!, root)?.functionName,
    ).toBe("LinearSVC.fit");
    expect(stubFrom(todoAt("evalmachine.<anonymous>:1:1").stack!, root)).toBeUndefined();
  });
});

describe("SkipTracker", () => {
  const finder = (labId: string, fn: string) =>
    labId === "01-gradient-descent" && fn === "mseLoss" ? "mse-loss" : undefined;

  it("skips dependants in a chain and forgets a name once a cell declares it and runs", () => {
    const skips = new SkipTracker(root, finder);
    expect(skips.skipIfBlocked("const loss = 1;")).toBeUndefined(); // nothing skipped yet
    expect(
      skips.skipForTodo(
        "const loss = lab.mseLoss(X, y, w);",
        todoAt(`Object.mseLoss (${root}/labs/01-gradient-descent.js:1:1)`),
      ),
    ).toBe(
      "⏭ Skipped: needs exercise `mse-loss` (mseLoss) — implement it in labs/01-gradient-descent.ts, then re-run this cell.",
    );
    expect(skips.skipIfBlocked("const doubled = 2 * loss;")).toBe(
      "⏭ Skipped: needs `loss` from an earlier cell, which needs exercise `mse-loss` (mseLoss) — implement it in labs/01-gradient-descent.ts, then re-run from that cell.",
    );
    expect(skips.skipIfBlocked("console.log(doubled);")).toContain(
      "needs `doubled` from an earlier cell",
    );
    expect(skips.skipIfBlocked("console.log(record.loss);")).toBeUndefined();
    skips.cellRan("const loss = 4;");
    expect(skips.skipIfBlocked("console.log(loss);")).toBeUndefined();
    expect(skips.skipIfBlocked("console.log(doubled);")).toBeDefined(); // still waiting
  });

  it("says less, but still one line, when the stub is not in a lab file", () => {
    const skips = new SkipTracker(root, finder);
    expect(skips.skipForTodo("const v = todo();", todoAt("evalmachine.<anonymous>:1:1"))).toBe(
      "⏭ Skipped: needs an exercise that is not implemented yet — implement it in your labs/ file, then re-run this cell.",
    );
  });
});
