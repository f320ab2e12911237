/**
 * The learner's data for the current exam: `examData("task1")` returns the training data of
 * the variant this exam chose for task 1 (the starter file's header describes it). Held-out
 * data is never returned here.
 */
export { type ImageFolder, readImageFolder } from "./image-files";

import { examDir, examPaths } from "./paths";
import { readRecords } from "./records";
import { taskById, variantById } from "./tasks";

export interface ExamData {
  task1: { xs: number[]; ys: number[] };
  task2: { images: Uint8Array; labels: number[]; n: number };
  task3: { folder: string; classNames: string[]; size: number; channels: number };
  task4: {
    texts: string[];
    labels: number[];
    classNames: string[];
    vocabSize: number;
    maxLength: number;
    /** Token ids padded/truncated at the end to maxLength, with the exam's fixed vocabulary. */
    encode: (texts: string[]) => number[][];
  };
  task5: { values: number[]; windowSize: number; min: number; max: number };
}

/** The training data of `taskId` in the running exam. */
export function examData<K extends keyof ExamData>(taskId: K): ExamData[K] {
  const started = readRecords(examPaths.records()).records.find((r) => r.type === "started");
  if (!started || started.type !== "started") {
    throw new Error("No exam is running: start one with `npm run exam -- start`.");
  }
  const task = taskById(taskId);
  const variantId = started.variants[task.id];
  if (!variantId) throw new Error(`This exam has no ${taskId}.`);
  return variantById(task, variantId).trainingData(examDir()) as ExamData[K];
}
