import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commonFirstImports } from "../../../src/jupyter/kernel/fast-start";

let root = "";
const notebook = (name: string, ...cells: string[]) =>
  fs.writeFileSync(
    path.join(root, "notebooks", name),
    JSON.stringify({
      cells: [
        { cell_type: "markdown", source: 'import x from "./md"' },
        ...cells.map((c) => ({ cell_type: "code", source: c.split(/(?<=\n)/) })),
      ],
    }),
  );

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "first-imports-"));
  fs.mkdirSync(path.join(root, "notebooks"));
  notebook(
    "01.ipynb",
    'import { a } from "./src/notebook";\nimport * as lab from "./labs/01";\nimport { M } from "ml-matrix";\nimport type { T } from "vega-lite";',
    'import { late } from "./src/late";',
  );
  notebook(
    "02.ipynb",
    'import { a } from "./src/notebook";\nimport * as lab from "./labs/02";\nimport { b } from "./src/rare";',
  );
  notebook("03.ipynb", 'import { a } from "./src/notebook";\nimport { M } from "ml-matrix";');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("commonFirstImports", () => {
  it("keeps imports of most first cells that are packages or declared project modules", () => {
    const declared = (s: string) => s.startsWith("./src/");
    // labs/ are never declared; ./src/rare is in 1 of 3; ./src/late is not in a first cell; type-only imports load nothing.
    expect(commonFirstImports(root, declared)).toEqual(["./src/notebook", "ml-matrix"]);
  });

  it("finds nothing without notebooks", () => {
    expect(commonFirstImports(path.join(root, "none"), () => true)).toEqual([]);
  });
});
