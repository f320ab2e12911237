import { fromRoot } from "../project-root";

/** Where a lab's files live; the lab id is the shared file name. */
export function labFilePath(labId: string): string {
  return fromRoot("labs", `${labId}.ts`);
}

export function solutionFilePath(labId: string): string {
  return fromRoot("solutions", `${labId}.ts`);
}

export function notebookPath(labId: string): string {
  return fromRoot("notebooks", `${labId}.ipynb`);
}
