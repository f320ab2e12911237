import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createSolutionsProject,
  createStubsProject,
  removeSolutionsProject,
  withSolutionsProject,
} from "../../src/jupyter/solutions-project";

/** A miniature project: the learner has edited labs/01-a.ts. */
function makeSourceProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "solutions-src-"));
  const files: Record<string, string> = {
    "package.json": '{"name":"ml-cert-labs"}',
    "tsconfig.json": "{}",
    "src/helper.ts": "export const x = 1;",
    "notebooks/01-a.ipynb": "{}",
    "solutions/01-a.ts": "export const answer = 42;",
    "solutions/02-b.ts": "export const answer = 7;",
    "labs/01-a.ts": "export const answer = 0; // the learner's work",
    "datasets/data.csv": "a,b\n1,2\n",
    "node_modules/pkg/index.js": "module.exports = 1;",
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const source = makeSourceProject();
afterAll(() => fs.rmSync(source, { recursive: true, force: true }));

describe("withSolutionsProject", () => {
  it("runs in a copy whose labs/ are the reference solutions, then deletes it", async () => {
    let seen = "";
    const result = await withSolutionsProject(async (copy) => {
      seen = copy;
      expect(copy).not.toBe(source);
      expect(fs.readdirSync(path.join(copy, "labs")).sort()).toEqual(["01-a.ts", "02-b.ts"]);
      expect(fs.readFileSync(path.join(copy, "labs", "01-a.ts"), "utf8")).toBe(
        "export const answer = 42;",
      );
      expect(fs.readFileSync(path.join(copy, "src", "helper.ts"), "utf8")).toBe(
        "export const x = 1;",
      );
      for (const f of ["package.json", "tsconfig.json", "notebooks/01-a.ipynb"]) {
        expect(fs.existsSync(path.join(copy, f))).toBe(true);
      }
      for (const linked of ["node_modules", "datasets"]) {
        expect(fs.lstatSync(path.join(copy, linked)).isSymbolicLink()).toBe(true);
      }
      expect(fs.readFileSync(path.join(copy, "datasets", "data.csv"), "utf8")).toContain("1,2");
      return "done";
    }, source);
    expect(result).toBe("done");
    expect(fs.existsSync(seen)).toBe(false);
    // The learner's files and the shared folders are untouched.
    expect(fs.readFileSync(path.join(source, "labs", "01-a.ts"), "utf8")).toContain(
      "the learner's work",
    );
    expect(fs.existsSync(path.join(source, "datasets", "data.csv"))).toBe(true);
    expect(fs.existsSync(path.join(source, "node_modules", "pkg", "index.js"))).toBe(true);
  });

  it("deletes the copy when the callback throws, and passes the error on", async () => {
    let seen = "";
    await expect(
      withSolutionsProject(async (copy) => {
        seen = copy;
        throw new Error("boom");
      }, source),
    ).rejects.toThrow("boom");
    expect(fs.existsSync(seen)).toBe(false);
    expect(fs.existsSync(path.join(source, "datasets", "data.csv"))).toBe(true);
  });

  it("removing a copy never follows its symlinks", () => {
    const copy = createSolutionsProject(source);
    removeSolutionsProject(copy);
    expect(fs.existsSync(copy)).toBe(false);
    expect(fs.readdirSync(path.join(source, "node_modules", "pkg"))).toEqual(["index.js"]);
  });
});

describe("createStubsProject", () => {
  it("puts fresh stubs made from the solutions in labs/, not the learner's files", () => {
    const source = makeSourceProject();
    fs.writeFileSync(
      path.join(source, "solutions", "01-a.ts"),
      "export function f(): number {\n  // BEGIN SOLUTION\n  return 42;\n  // END SOLUTION\n}\n",
    );
    const copy = createStubsProject(source);
    try {
      expect(fs.readFileSync(path.join(copy, "labs", "01-a.ts"), "utf8")).toBe(
        "export function f(): number {\n  return todo();\n}\n",
      );
      expect(fs.readFileSync(path.join(source, "labs", "01-a.ts"), "utf8")).toContain(
        "the learner's work",
      );
    } finally {
      removeSolutionsProject(copy);
      fs.rmSync(source, { recursive: true, force: true });
    }
  });
});
