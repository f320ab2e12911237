/**
 * `npm run labs -- new-project <name> [--data file.csv --target column --task …]`: a folder
 * projects/<name>/ (git-ignored; ML_LABS_PROJECTS_DIR moves it, e.g. for tests) with a copy of
 * the data and a notebook that walks through the whole workflow on it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { displayPath } from "../data/errors";
import { fromRoot } from "../project-root";
import { projectNotebook } from "./template";
import { loadProjectCsv, profileColumns } from "./workflow";

export function projectsDir(): string {
  return process.env.ML_LABS_PROJECTS_DIR ?? fromRoot("projects");
}

export interface NewProjectOptions {
  /** The learner's CSV; a relative path is taken from where they ran npm (INIT_CWD). */
  data?: string;
  target?: string;
  task?: string;
}

export interface NewProject {
  dir: string;
  notebook: string;
  dataFile: string;
  target: string;
  /** Things the learner should know (a default target, the example data). */
  notes: string[];
}

/** Without --data: a small real dataset with gaps, so the notebook runs at once. */
const EXAMPLE = { file: "datasets/tabular/airquality.csv", target: "Ozone" };

export function newProject(name: string, options: NewProjectOptions = {}): NewProject {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name ?? ""))
    throw new Error(
      `"${name ?? ""}" cannot be a project name: use letters, digits, - and _ (e.g. house-prices).`,
    );
  const task = options.task ?? "auto";
  if (!["auto", "classification", "regression"].includes(task))
    throw new Error(`--task must be classification, regression or auto, not "${task}".`);
  const dir = path.join(projectsDir(), name);
  if (fs.existsSync(dir))
    throw new Error(
      `${displayPath(dir)} already exists: pick another name, or open ${displayPath(path.join(dir, "project.ipynb"))}. (Nothing was changed.)`,
    );
  if (options.target !== undefined && options.data === undefined)
    throw new Error("--target needs --data: the CSV file the target column is in.");
  const notes: string[] = [];
  const source = options.data
    ? path.resolve(process.env.INIT_CWD ?? process.cwd(), options.data)
    : fromRoot(EXAMPLE.file);
  if (!fs.existsSync(source)) throw new Error(`--data: there is no file ${options.data}.`);
  if (fs.statSync(source).isDirectory())
    throw new Error(`--data: ${options.data} is a folder, not a CSV file.`);
  const table = loadProjectCsv(source);
  let target = options.data ? options.target : EXAMPLE.target;
  if (target === undefined) {
    target = table.header[table.header.length - 1]!;
    notes.push(
      `No --target given: predicting the last column, "${target}". Change TARGET in the first cell if that is wrong.`,
    );
  }
  profileColumns(table, target); // throws, naming the columns, when the target is not one of them
  if (!options.data)
    notes.push(
      `No --data given: the project uses an example, ${EXAMPLE.file} (predicting ${EXAMPLE.target}). Put your CSV in the folder and change DATA_FILE and TARGET in the first cell.`,
    );

  fs.mkdirSync(path.join(dir, "data"), { recursive: true });
  const dataFile = path.join(dir, "data", path.basename(source));
  fs.copyFileSync(source, dataFile);
  const notebook = path.join(dir, "project.ipynb");
  fs.writeFileSync(
    notebook,
    projectNotebook({
      name,
      dataFile: displayPath(dataFile),
      target,
      task: task as "auto" | "classification" | "regression",
      projectDir: displayPath(dir),
    }),
  );
  fs.writeFileSync(
    path.join(dir, "README.md"),
    `# ${name}\n\nA project of my own: predicting \`${target}\` from \`data/${path.basename(source)}\`.\n\n- \`project.ipynb\`: the whole workflow (open it with \`npm run lab\`, kernel "TypeScript (ml-cert-labs)")\n- \`report/report.md\`: the report the notebook writes, with its figures\n`,
  );
  return { dir, notebook, dataFile, target, notes };
}

/** The `new-project` subcommand of `npm run labs`. */
export function newProjectCommand(name: string | undefined, options: NewProjectOptions): number {
  if (!name)
    throw new Error(
      "Usage: npm run labs -- new-project <name> [--data file.csv --target column] [--task classification|regression]",
    );
  const p = newProject(name, options);
  console.log(
    `Created ${displayPath(p.dir)}/: project.ipynb, data/${path.basename(p.dataFile)}, README.md`,
  );
  for (const note of p.notes) console.log(`  ${note}`);
  console.log(`Open ${displayPath(p.notebook)} in Jupyter (npm run lab) and Run All.`);
  return 0;
}
