/** Where the exam keeps its files: `exam/` at the project root (git-ignored), or ML_LABS_EXAM_DIR. */
import * as path from "node:path";
import { fromRoot } from "../project-root";

export function examDir(): string {
  return process.env.ML_LABS_EXAM_DIR ?? fromRoot("exam");
}

export const examPaths = {
  records: () => path.join(examDir(), "records.jsonl"),
  taskFile: (taskId: string) => path.join(examDir(), `${taskId}.ts`),
  submission: (taskId: string, attempt: number) =>
    path.join(examDir(), "submissions", taskId, `attempt-${attempt}`),
  report: () => path.join(examDir(), "report.html"),
  /** Finished exams are moved here when a new one starts (nothing of the learner's is deleted). */
  archive: () => path.join(path.dirname(examDir()), ".progress", "exams"),
};
