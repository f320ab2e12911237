/**
 * `npm run lab`: start Jupyter on notebooks/ with this project's TypeScript kernel.
 * `npm run kernel:install`: register the kernel for your own Jupyter / VS Code instead.
 * Run `npm run lab -- --help` for all options.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  availableFrontEnds,
  findOnPath,
  JUPYTER_MISSING_HELP,
  type JupyterFrontEnd,
} from "../jupyter/find-jupyter";
import {
  KERNEL_DISPLAY_NAME,
  kernelDir,
  projectJupyterDir,
  userJupyterDataDir,
  writeKernelSpec,
} from "../jupyter/kernelspec";
import { fromRoot } from "../project-root";

const USAGE = `Usage: npm run lab [-- options] [-- jupyter options]

  (no options)        start Jupyter on notebooks/ with the "${KERNEL_DISPLAY_NAME}" kernel
                      (JupyterLab if installed, else the classic Notebook)
  --notebook | --lab  choose the front end
  --install-kernel    register the kernel for your user's Jupyter and VS Code (npm run kernel:install)
  --uninstall-kernel  remove that registration
  -h, --help          this text

Any other option goes to Jupyter, e.g. npm run lab -- --no-browser --port 8899`;

interface LabArgs {
  action: "start" | "install" | "uninstall" | "help";
  frontEnd?: JupyterFrontEnd;
  jupyterArgs: string[];
}

function parseLabArgs(argv: string[]): LabArgs {
  const args: LabArgs = { action: "start", jupyterArgs: [] };
  for (const arg of argv) {
    if (arg === "--install-kernel") args.action = "install";
    else if (arg === "--uninstall-kernel") args.action = "uninstall";
    else if (arg === "--help" || arg === "-h") args.action = "help";
    else if (arg === "--lab") args.frontEnd = "lab";
    else if (arg === "--notebook") args.frontEnd = "notebook";
    else args.jupyterArgs.push(arg);
  }
  return args;
}

/** Register the kernel (absolute paths of this clone) in the user's Jupyter data folder. */
function installKernel(): number {
  const dir = writeKernelSpec(userJupyterDataDir());
  const file = path.join(dir, "kernel.json");
  console.log(`Wrote ${file}:\n\n${fs.readFileSync(file, "utf8")}`);
  console.log(`Jupyter and VS Code now list the kernel "${KERNEL_DISPLAY_NAME}".`);
  console.log(`It runs this clone (${fromRoot()}); run this command again if you move the folder.`);
  console.log(`To remove it: npm run lab -- --uninstall-kernel   (or delete ${dir})`);
  return 0;
}

function uninstallKernel(): number {
  const dir = kernelDir(userJupyterDataDir());
  if (!fs.existsSync(dir)) {
    console.log(`Nothing to remove: ${dir} does not exist.`);
    return 0;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`Removed ${dir}.`);
  return 0;
}

/** Write the project-local kernelspec, then run Jupyter with it on JUPYTER_PATH. */
async function startJupyter(args: LabArgs): Promise<number> {
  const jupyterDir = projectJupyterDir();
  writeKernelSpec(jupyterDir);
  const installed = availableFrontEnds();
  const frontEnd = args.frontEnd ?? installed[0];
  if (frontEnd === undefined || !installed.includes(frontEnd)) {
    if (args.frontEnd && installed.length > 0) {
      console.error(
        `jupyter-${args.frontEnd} is not installed; installed: ${installed.join(", ")}.`,
      );
    } else {
      console.error(JUPYTER_MISSING_HELP);
    }
    return 1;
  }
  // Call jupyter-lab / jupyter-notebook directly: pipx installs them without a `jupyter` command.
  const command = findOnPath(`jupyter-${frontEnd}`)!;
  const env = { ...process.env, JUPYTER_PATH: prependPath(jupyterDir, process.env.JUPYTER_PATH) };
  const jupyterArgs = [`--notebook-dir=${fromRoot("notebooks")}`, ...args.jupyterArgs];
  console.log(
    `Starting ${path.basename(command)} with the kernel "${KERNEL_DISPLAY_NAME}" (Ctrl+C to stop).`,
  );
  if (process.getuid?.() === 0 && !jupyterArgs.includes("--allow-root")) {
    console.log("You are root: Jupyter refuses to start unless you add  -- --allow-root");
  }
  const child = spawn(command, jupyterArgs, { stdio: "inherit", env });
  // Ctrl+C reaches Jupyter too (same terminal); we wait for it to finish shutting down.
  process.on("SIGINT", () => {});
  return new Promise((resolve) => {
    child.on("error", (err) => {
      console.error(`Could not start ${command}: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** `dir` first, so this project's kernel wins over a same-named one registered elsewhere. */
function prependPath(dir: string, existing: string | undefined): string {
  return existing ? `${dir}${path.delimiter}${existing}` : dir;
}

async function main(argv: string[]): Promise<number> {
  const args = parseLabArgs(argv);
  switch (args.action) {
    case "help":
      console.log(USAGE);
      return 0;
    case "install":
      return installKernel();
    case "uninstall":
      return uninstallKernel();
    case "start":
      return startJupyter(args);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
