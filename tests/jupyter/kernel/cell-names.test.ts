import { describe, expect, it } from "vitest";
import { declaredNames, freeNames } from "../../../src/jupyter/kernel/cell-names";

describe("declaredNames", () => {
  it("lists top-level variables (also destructured), functions, classes, imports and types", () => {
    const code = [
      'import { Matrix, solve as solveIt } from "ml-matrix";',
      'import * as lab from "./labs/01-gradient-descent";',
      "const a = 1, { b, c: [d] } = obj;",
      "let e;",
      "function f() { const inner = 1; }",
      "class G {}",
      "interface H {}",
      "type I = number;",
      "for (const notTopLevel of []) {}",
    ].join("\n");
    expect(declaredNames(code).sort()).toEqual(
      ["G", "H", "I", "Matrix", "a", "b", "d", "e", "f", "lab", "solveIt"].sort(),
    );
  });
});

describe("freeNames", () => {
  it("finds names from earlier cells, not property names, locals or the cell's own declarations", () => {
    const code = [
      "const local = meanY + record.baseline;",
      "const o = { baseline: 1, meanY };",
      "const f = (w: number) => w + local;",
      "function g(x: Matrix) { const y = x; return y; }",
      "label: for (;;) { break label; }",
    ].join("\n");
    expect(freeNames(code)).toEqual(["meanY", "record", "Matrix"]);
  });

  it("sees uses inside nested functions and template strings", () => {
    const cell = "const show = () => `$" + "{trained.w}`;";
    expect(freeNames(cell)).toEqual(["trained"]);
  });
});
