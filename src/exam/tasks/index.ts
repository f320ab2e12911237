/**
 * The mock exam's tasks, in order of rising difficulty. Categories 3–5 (real-world images,
 * text, time series) are added as their labs land; the exam uses every task listed here.
 */
import { fashionTask } from "./fashion";
import { regressionTask } from "./regression";
import { textTask } from "./text";
import { timeSeriesTask } from "./timeseries";
import type { ExamTask, ExamVariant } from "./types";

export const EXAM_TASKS: readonly ExamTask[] = [
  regressionTask,
  fashionTask,
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
