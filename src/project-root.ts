import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGE_NAME = "ml-cert-labs";
let cachedRoot: string | undefined;

/**
 * The project root: the nearest folder above this file whose package.json is ours.
 * Everything on disk (datasets, labs, progress) is found from here, so code works the
 * same from a notebook kernel, the CLI, vitest or a copy of the project in a temp folder.
 */
export function projectRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      const name = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name;
      if (name === PACKAGE_NAME) {
        cachedRoot = dir;
        return dir;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`Could not find the ${PACKAGE_NAME} project root above ${__dirname}.`);
    }
    dir = parent;
  }
}

/** A path inside the project, e.g. `fromRoot("datasets", "tabular", "iris.csv")`. */
export function fromRoot(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}
