import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  cellSource,
  findSavedOutputs,
  listNotebooks,
  type Notebook,
  readNotebook,
  serializeNotebook,
  stripOutputs,
} from "../../src/jupyter/notebook-file";

function notebookWithOutputs(): Notebook {
  return {
    metadata: { kernelspec: { name: "ml-cert-labs" } },
    nbformat: 4,
    nbformat_minor: 5,
    cells: [
      { cell_type: "markdown", metadata: {}, source: ["# Title\n", "text"] },
      {
        cell_type: "code",
        metadata: { tags: ["keep-me"] },
        source: "console.log(1)",
        execution_count: 3,
        outputs: [{ output_type: "stream", name: "stdout", text: ["1\n"] }],
      },
      { cell_type: "code", metadata: {}, source: [], execution_count: null, outputs: [] },
      { cell_type: "code", metadata: {}, source: "2", execution_count: 7, outputs: [] },
    ],
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nbfile-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("notebook files", () => {
  it("joins a cell's source lines", () => {
    expect(cellSource(notebookWithOutputs().cells[0])).toBe("# Title\ntext");
    expect(cellSource(notebookWithOutputs().cells[1])).toBe("console.log(1)");
  });

  it("finds saved outputs and execution counts by cell index", () => {
    expect(findSavedOutputs(notebookWithOutputs())).toEqual([
      { cellIndex: 1, problem: "1 saved output(s)" },
      { cellIndex: 1, problem: "execution_count is 3, not null" },
      { cellIndex: 3, problem: "execution_count is 7, not null" },
    ]);
  });

  it("strips outputs and counts but keeps metadata and sources", () => {
    const original = notebookWithOutputs();
    const { notebook, changedCells } = stripOutputs(original);
    expect(changedCells).toEqual([1, 3]);
    expect(findSavedOutputs(notebook)).toEqual([]);
    expect(notebook.cells[1]).toMatchObject({
      metadata: { tags: ["keep-me"] },
      source: "console.log(1)",
    });
    expect(notebook.metadata).toEqual(original.metadata);
    expect(original.cells[1].outputs).toHaveLength(1); // the input is not modified
  });

  it("serializes like Jupyter: sorted keys, one-space indent, final newline", () => {
    const text = serializeNotebook(stripOutputs(notebookWithOutputs()).notebook);
    expect(text.endsWith("}\n")).toBe(true);
    expect(
      text.startsWith('{\n "cells": [\n  {\n   "cell_type": "markdown",\n   "metadata": {},'),
    ).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual([
      "cells",
      "metadata",
      "nbformat",
      "nbformat_minor",
    ]);
  });

  it.each([
    ["not JSON", "{ nope", /Cannot read notebook .*bad\.ipynb/],
    [
      "not nbformat 4",
      JSON.stringify({ cells: [], nbformat: 3 }),
      /bad\.ipynb is not a Jupyter notebook in nbformat 4/,
    ],
    [
      "a cell without a type",
      JSON.stringify({ cells: [{}], nbformat: 4 }),
      /bad\.ipynb: cells\[0\] has no valid cell_type/,
    ],
  ])("gives a clear error for a file that is %s", (_name, text, error) => {
    const file = path.join(tmp, "bad.ipynb");
    fs.writeFileSync(file, text);
    expect(() => readNotebook(file)).toThrow(error);
  });

  it("lists .ipynb files of a folder in name order, and none for a missing folder", () => {
    for (const f of ["b.ipynb", "a.ipynb", "notes.md"]) fs.writeFileSync(path.join(tmp, f), "{}");
    expect(listNotebooks(tmp).map((f) => path.basename(f))).toEqual([
      "a.ipynb",
      "b.ipynb",
      "bad.ipynb",
    ]);
    expect(listNotebooks(path.join(tmp, "missing"))).toEqual([]);
  });
});
