/** The mock exam's five tasks, in order of rising difficulty (and weight, 1–5). */
import { fashionTask } from "./fashion";
import { imagesTask } from "./images";
import { regressionTask } from "./regression";
import { textTask } from "./text";
import { timeSeriesTask } from "./timeseries";
import type { ExamTask, ExamVariant } from "./types";

export const EXAM_TASKS: readonly ExamTask[] = [
  regressionTask,
  fashionTask,
  imagesTask,
  textTask,
  timeSeriesTask,
];

export function taskById(taskId: string): ExamTask {
  const task = EXAM_TASKS.find((t) => t.id === taskId || String(t.number) === taskId);
  if (!task) {
    throw new Error(
      `No exam task "${taskId}". Tasks: ${EXAM_TASKS.map((t) => t.number).join(", ")}.`,
    );
  }
  return task;
}

export function variantById(task: ExamTask, variantId: string): ExamVariant {
  const v = task.variants.find((x) => x.id === variantId);
  if (!v)
    throw new Error(
      `Task ${task.number} has no variant "${variantId}": ${task.variants.map((x) => x.id).join(", ")}.`,
    );
  return v;
}
