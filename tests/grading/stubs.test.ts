import { describe, expect, it } from "vitest";
import { makeStub } from "../../src/course/stubs";

describe("makeStub", () => {
  it("replaces solution blocks with `return todo();`, keeps TODO comments and signatures", () => {
    const solution = [
      'import { helper } from "./h"; // solution-only',
      '// stub: import { todo } from "./todo";',
      "export function f(x: number): number {",
      "  // TODO: double x",
      "  // BEGIN SOLUTION",
      "  return helper(2 * x);",
      "  // END SOLUTION",
      "}",
      "// BEGIN SOLUTION-ONLY",
      "const secret = 1;",
      "// END SOLUTION-ONLY",
    ].join("\n");
    expect(makeStub(solution, "s.ts")).toBe(
      [
        'import { todo } from "./todo";',
        "export function f(x: number): number {",
        "  // TODO: double x",
        "  return todo();",
        "}",
      ].join("\n"),
    );
  });

  it.each([
    { src: "// BEGIN SOLUTION\nx", error: "s.ts:1: BEGIN SOLUTION is never closed." },
    { src: "x\n// END SOLUTION", error: "s.ts:2: END SOLUTION without a matching BEGIN SOLUTION." },
    {
      src: "// BEGIN SOLUTION\n// BEGIN SOLUTION-ONLY",
      error: "s.ts:2: BEGIN SOLUTION-ONLY inside the SOLUTION block opened at line 1.",
    },
  ])("rejects unbalanced markers: $error", ({ src, error }) => {
    expect(() => makeStub(src, "s.ts")).toThrow(error);
  });
});
