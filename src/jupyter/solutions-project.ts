/**
 * A throwaway copy of the project with the reference solutions in `labs/` (or the untouched
 * stubs), so notebooks can be run end to end without touching the learner's own lab files.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { makeStub } from "../course/stubs";
import { projectRoot } from "../project-root";

/** What goes in the copy's `labs/`: the reference solutions, or the stubs made from them. */
export type LabsContent = "solutions" | "stubs";

/** Copied as they are (missing ones are skipped). */
const COPIED = [
  "src",
  "notebooks",
  "solutions",
  "package.json",
  "tsconfig.json",
  "tsconfig.labs.json",
];
/** Shared through symlinks: large, and only read. */
const LINKED = ["node_modules", "datasets"];

/** Copies not yet removed; deleted on exit (e.g. after Ctrl+C) so none is left in tmp. */
const liveCopies = new Set<string>();
let exitHookInstalled = false;

/**
 * Create a temp copy of the project at `sourceRoot` (default: this project) in which
 * `labs/<id>.ts` is `solutions/<id>.ts` for every solution, call `fn(copyRoot)`, then delete
 * the copy (symlinks are unlinked first, so their targets are never touched).
 */
export async function withSolutionsProject<T>(
  fn: (copyRoot: string) => Promise<T>,
  sourceRoot: string = projectRoot(),
): Promise<T> {
  return withProjectCopy("solutions", fn, sourceRoot);
}

/** `withSolutionsProject`, with the solutions or fresh stubs in the copy's `labs/`. */
export async function withProjectCopy<T>(
  labs: LabsContent,
  fn: (copyRoot: string) => Promise<T>,
  sourceRoot: string = projectRoot(),
): Promise<T> {
  const copyRoot = createProjectCopy(sourceRoot, labs);
  try {
    return await fn(copyRoot);
  } finally {
    removeSolutionsProject(copyRoot);
  }
}

/** Build the copy described in `withSolutionsProject` and return its folder. */
export function createSolutionsProject(sourceRoot: string = projectRoot()): string {
  return createProjectCopy(sourceRoot, "solutions");
}

/** Like `createSolutionsProject`, but `labs/` holds fresh stubs (every exercise `todo()`). */
export function createStubsProject(sourceRoot: string = projectRoot()): string {
  return createProjectCopy(sourceRoot, "stubs");
}

function createProjectCopy(sourceRoot: string, labs: LabsContent): string {
  const copyRoot = fs.mkdtempSync(path.join(os.tmpdir(), "ml-cert-labs-solutions-"));
  liveCopies.add(copyRoot);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const copy of liveCopies) removeSolutionsProject(copy);
    });
  }
  try {
    for (const entry of COPIED) {
      const from = path.join(sourceRoot, entry);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(copyRoot, entry), { recursive: true });
    }
    for (const entry of LINKED) {
      const from = path.join(sourceRoot, entry);
      // "junction" makes directory links work on Windows without admin rights; ignored elsewhere.
      if (fs.existsSync(from)) fs.symlinkSync(from, path.join(copyRoot, entry), "junction");
    }
    const labsDir = path.join(copyRoot, "labs");
    fs.mkdirSync(labsDir);
    const solutionsDir = path.join(sourceRoot, "solutions");
    const solutions = fs.existsSync(solutionsDir) ? fs.readdirSync(solutionsDir) : [];
    for (const file of solutions.filter((f) => f.endsWith(".ts"))) {
      const from = path.join(solutionsDir, file);
      const to = path.join(labsDir, file);
      if (labs === "solutions") fs.copyFileSync(from, to);
      else fs.writeFileSync(to, makeStub(fs.readFileSync(from, "utf8"), `solutions/${file}`));
    }
    return copyRoot;
  } catch (err) {
    removeSolutionsProject(copyRoot);
    throw err;
  }
}

/** Delete a copy made by `createSolutionsProject` or `createStubsProject`, unlinking its symlinks first. */
export function removeSolutionsProject(copyRoot: string): void {
  for (const entry of LINKED) {
    const link = path.join(copyRoot, entry);
    try {
      if (fs.lstatSync(link).isSymbolicLink()) fs.unlinkSync(link);
    } catch {
      // not there
    }
  }
  fs.rmSync(copyRoot, { recursive: true, force: true });
  liveCopies.delete(copyRoot);
}
