import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatRunFailure, runNotebook } from "../../src/jupyter/run-notebook";

// A real tslab kernel (TypeScript 5.0, CommonJS, top-level await only in cells): importing
// src/tf, selecting the backend, training a CNN and an Embedding+LSTM, saving and loading.
describe("src/tf inside the tslab notebook kernel", () => {
  it("runs the one-line setup, trains and round-trips a model", async () => {
    const result = await runNotebook(path.join(__dirname, "fixtures", "tf-in-tslab.ipynb"));
    expect(result.ok, formatRunFailure(result)).toBe(true);
    const out = result.cells.map((c) => c.stdout).join("");
    // Printed once even though ready() ran twice.
    expect(out.match(/^tfjs backend: /gm)).toHaveLength(1);
    expect(out).toMatch(/^backend (wasm|native)$/m);
    expect(out).toContain("cnn loss finite true");
    expect(out).toContain("lstm loss finite true");
    expect(out).toContain("round trip equal true");
  }, 120_000);
});
