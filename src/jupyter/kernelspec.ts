import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { projectRoot } from "../project-root";

/** The kernel's id in Jupyter (folder name under `kernels/`, and notebooks' `metadata.kernelspec.name`). */
export const KERNEL_NAME = "ml-cert-labs";
/** What front ends show in their kernel picker. */
export const KERNEL_DISPLAY_NAME = "TypeScript (ml-cert-labs)";
export const KERNEL_LANGUAGE = "typescript";

/** The contents of a Jupyter `kernel.json` (only the fields we write). */
export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "signal";
  metadata: { debugger: boolean };
}

/** The plain-JS launcher that starts tslab from the project root (see tslab-launcher.cjs). */
export function launcherPath(root: string = projectRoot()): string {
  return path.join(root, "src", "jupyter", "tslab-launcher.cjs");
}

/**
 * The kernelspec for this clone. Paths are absolute because front ends substitute only
 * `{connection_file}` and may start kernels with a different PATH (no nvm, no npx); the
 * node binary is the one running now, which is the one `npm install` used.
 */
export function kernelSpec(
  root: string = projectRoot(),
  nodePath: string = process.execPath,
): KernelSpec {
  return {
    argv: [nodePath, launcherPath(root), "{connection_file}"],
    display_name: KERNEL_DISPLAY_NAME,
    language: KERNEL_LANGUAGE,
    // Jupyter interrupts by sending SIGINT; the launcher runs tslab in-process, so it gets it.
    interrupt_mode: "signal",
    metadata: { debugger: false },
  };
}

/** `<root>/.jupyter`: the folder `npm run lab` puts on JUPYTER_PATH (it is gitignored). */
export function projectJupyterDir(root: string = projectRoot()): string {
  return path.join(root, ".jupyter");
}

/**
 * Write `<jupyterDir>/kernels/ml-cert-labs/kernel.json` and return that kernel folder.
 * `jupyterDir` is a Jupyter data folder: one on JUPYTER_PATH, or the user's data dir.
 */
export function writeKernelSpec(jupyterDir: string, spec: KernelSpec = kernelSpec()): string {
  const dir = kernelDir(jupyterDir);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), `${JSON.stringify(spec, null, 2)}\n`);
  return dir;
}

/** `<jupyterDir>/kernels/ml-cert-labs`. */
export function kernelDir(jupyterDir: string): string {
  return path.join(jupyterDir, "kernels", KERNEL_NAME);
}

/**
 * The user's Jupyter data folder, where Jupyter and VS Code look for user kernels
 * (same rules as jupyter_core): $JUPYTER_DATA_DIR, else ~/Library/Jupyter on macOS,
 * %APPDATA%\jupyter on Windows, $XDG_DATA_HOME/jupyter or ~/.local/share/jupyter elsewhere.
 */
export function userJupyterDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  if (platform === "darwin") return path.join(home, "Library", "Jupyter");
  if (platform === "win32") {
    return path.join(env.APPDATA ?? path.join(home, "AppData", "Roaming"), "jupyter");
  }
  return path.join(env.XDG_DATA_HOME || path.join(home, ".local", "share"), "jupyter");
}
