import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../../src/project-root";

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe("datasets/ folder", () => {
  const root = fromRoot("datasets");
  const files = filesUnder(root).map((f) => path.relative(root, f).split(path.sep).join("/"));
  const dataFiles = files.filter((f) =>
    /^(tabular|timeseries|text|splits|models|heldout|exam)\/|^images\//.test(f),
  );

  it("stays small enough to ship with the repo (under 15 MB)", () => {
    const bytes = files.reduce((sum, f) => sum + fs.statSync(path.join(root, f)).size, 0);
    expect(bytes).toBeLessThan(15e6);
  });

  it("documents every data file in datasets/README.md", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    expect(dataFiles.length).toBeGreaterThanOrEqual(19);
    for (const f of dataFiles) {
      // The Fashion-MNIST pair is written as train-{images-idx3,labels-idx1}-ubyte.gz.
      const documented =
        readme.includes(f) ||
        readme.includes(path.basename(path.dirname(f))) ||
        readme.includes(path.basename(f));
      expect(documented, `${f} is not mentioned in datasets/README.md`).toBe(true);
    }
  });
});
