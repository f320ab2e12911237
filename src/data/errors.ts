import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "../project-root";

/**
 * The one error type of the data layer. Its message names the file, column, row or shape
 * that is wrong, so a learner can fix the input without reading a stack trace.
 */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataError";
  }
}

/**
 * A path as a learner would type it: relative to the project root with forward slashes
 * (`datasets/tabular/iris.csv`) when inside the project, absolute otherwise.
 */
export function displayPath(filePath: string): string {
  const absolute = resolveFromRoot(filePath);
  const relative = path.relative(projectRoot(), absolute);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return absolute;
  return relative.split(path.sep).join("/");
}

/** An absolute path; a relative one is taken from the project root (never the working directory). */
export function resolveFromRoot(filePath: string): string {
  return path.resolve(projectRoot(), filePath);
}

/**
 * Reads a whole file (a relative path is taken from the project root), turning "no such
 * file" into a DataError that says what to do.
 */
export function readFileOrThrow(filePath: string): Buffer {
  filePath = resolveFromRoot(filePath);
  try {
    return fs.readFileSync(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new DataError(
        `File not found: ${displayPath(filePath)} (run from a full clone; datasets ship with the repo)`,
      );
    }
    if (code === "EISDIR")
      throw new DataError(`Expected a file but found a folder: ${displayPath(filePath)}`);
    throw new DataError(`Could not read ${displayPath(filePath)}: ${(error as Error).message}`);
  }
}

/** "Unknown dataset "irsi". Available: iris, wine, ..." */
export function unknownName(kind: string, name: string, available: readonly string[]): DataError {
  return new DataError(`Unknown ${kind} "${name}". Available: ${available.join(", ")}`);
}
