import type { LabDefinition } from "../grading/types";
import { gradientDescentLab } from "./labs/01-gradient-descent";
import { linearAlgebraLab } from "./labs/02-linear-algebra";
import { probabilityStatisticsLab } from "./labs/03-probability-statistics";
import { dataPreparationLab } from "./labs/04-data-preparation";
import { linearLogisticRegressionLab } from "./labs/05-linear-logistic-regression";
import { decisionTreesLab } from "./labs/06-decision-trees";
import { randomForestsLab } from "./labs/07-random-forests";
import { supportVectorMachinesLab } from "./labs/08-support-vector-machines";
import { kmeansClusteringLab } from "./labs/09-kmeans-clustering";
import { evaluationTuningLab } from "./labs/10-evaluation-tuning";

/** A lab of any module type (each lab's checks are typed against its own module). */
export type AnyLab = LabDefinition<never>;

/**
 * The course, in the order a learner should meet it. To add a lab: write
 * `solutions/<id>.ts` (with BEGIN/END SOLUTION markers), its checks in
 * `src/course/labs/<id>.ts`, add it here, then `npm run labs -- stubs` creates `labs/<id>.ts`.
 */
export const course: AnyLab[] = [gradientDescentLab, linearAlgebraLab, probabilityStatisticsLab, dataPreparationLab, linearLogisticRegressionLab, decisionTreesLab, randomForestsLab, supportVectorMachinesLab, kmeansClusteringLab, evaluationTuningLab];

/** Finds a lab by full id ("01-gradient-descent"), number ("01", "1") or name ("gradient-descent"). */
export function findLab(query: string): AnyLab {
  const q = query.trim().toLowerCase();
  const found =
    course.find((l) => l.id === q) ??
    course.find((l) => /^\d+$/.test(q) && Number(l.id.split("-")[0]) === Number(q)) ??
    course.find((l) => l.id.replace(/^\d+-/, "") === q);
  if (!found) {
    throw new Error(`No lab called "${query}". Labs: ${course.map((l) => l.id).join(", ")}`);
  }
  return found;
}

/** Finds an exercise in a lab, with a helpful error listing the valid ids. */
export function findExercise(lab: AnyLab, exerciseId: string): AnyLab["exercises"][number] {
  const ex = lab.exercises.find((e) => e.id === exerciseId);
  if (!ex) {
    throw new Error(
      `Lab ${lab.id} has no exercise "${exerciseId}". Exercises: ${lab.exercises.map((e) => e.id).join(", ")}`,
    );
  }
  return ex;
}
