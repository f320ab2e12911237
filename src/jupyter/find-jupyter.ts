import * as fs from "node:fs";
import * as path from "node:path";

/** The Jupyter front ends `npm run lab` can start, best first. */
export type JupyterFrontEnd = "lab" | "notebook";

/**
 * The full path of an executable found on PATH, or undefined. Jupyter subcommands are
 * separate executables (`jupyter-lab`, `jupyter-notebook`), so this needs no Python.
 */
export function findOnPath(
  command: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter((d) => d !== "");
  const exts = platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

/** Which front ends are installed: JupyterLab if present, else the classic Notebook. */
export function availableFrontEnds(env: NodeJS.ProcessEnv = process.env): JupyterFrontEnd[] {
  const found: JupyterFrontEnd[] = [];
  if (findOnPath("jupyter-lab", env)) found.push("lab");
  if (findOnPath("jupyter-notebook", env)) found.push("notebook");
  return found;
}

/** What to tell a learner whose machine has no Jupyter. */
export const JUPYTER_MISSING_HELP = `Jupyter is not installed (no \`jupyter-lab\` or \`jupyter-notebook\` on your PATH).
Pick one way to get it:

  • Debian / Ubuntu:  sudo apt-get install jupyter-notebook
      (the classic Notebook; JupyterLab is not packaged in Debian 12)
  • Any system with Python:  pip install notebook   (or: pipx install notebook)
  • VS Code, no Python needed: install the "Jupyter" extension, run
      npm run kernel:install
    then open a notebook in notebooks/ and pick the kernel "TypeScript (ml-cert-labs)".

Then run \`npm run lab\` again.`;
