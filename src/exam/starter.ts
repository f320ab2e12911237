/**
 * The exam's starter files (certificate style: a header that fixes the dataset, input shape
 * and output layer, and a `solutionModel()` to complete) and the reference solutions, which
 * live in solutions/exam/<variant>.ts and are shown only after the exam is finished.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fromRoot } from "../project-root";
import { examDir } from "./paths";
import { EXAM_TASKS } from "./tasks";
import type { ExamTask, ExamVariant } from "./tasks/types";

/** How a file in the exam folder imports the project's src/ (the folder can be anywhere). */
function srcImport(): string {
  const rel = path.relative(examDir(), fromRoot("src")).split(path.sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

export function starterFile(
  task: ExamTask,
  variant: ExamVariant,
  all: readonly ExamTask[],
): string {
  const total = all.reduce((s, t) => s + t.weight, 0);
  const src = srcImport();
  const rule = "─".repeat(88);
  const header = [
    rule,
    `Task ${task.number} of ${all.length} · ${task.category} · weight ${task.weight} of ${total}`,
    `Variant: ${variant.title}`,
    "",
    ...variant.header,
    "",
    `Rules: TF.js built-in layers only (no Lambda or custom layers); weights ≤ ${(variant.contract.maxBytes / 1e6).toFixed(1)} MB;`,
    `training must finish within ${variant.trainSeconds} s on this machine. No hints and no solutions until you finish.`,
    `Submit: npm run exam -- submit ${task.number}   (runs solutionModel() and scores the model it returns, 0–5)`,
    rule,
  ].map((l) => `// ${l}`.trimEnd());
  return `${header.join("\n")}
import { examData } from "${src}/exam/data";
import { tf } from "${src}/tf";

export async function solutionModel(): Promise<tf.LayersModel> {
  const data = examData("${task.id}");
  // YOUR CODE HERE: build a model that ends with the output layer above, compile and train it
  // on \`data\`, and return the trained model.
  void data;
  throw new Error("Task ${task.number} is not written yet.");
}
`;
}

/** A variant's reference solution, with imports rewritten for the exam folder. */
export function referenceSolution(variantId: string): string {
  const variant = EXAM_TASKS.flatMap((t) => t.variants).find((v) => v.id === variantId);
  if (!variant) throw new Error(`No exam variant "${variantId}".`);
  const text = fs.readFileSync(fromRoot("solutions", "exam", `${variant.reference}.ts`), "utf8");
  return text.replaceAll('from "../../src/', `from "${srcImport()}/`);
}
