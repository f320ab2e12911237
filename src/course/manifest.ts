import * as path from "node:path";
import type { UnitRef } from "../grading/sandbox";
import type { LabDefinition, UnitKind } from "../grading/types";
import { requireTs } from "../require-ts";

/** A lab of any module type (each lab's checks are typed against its own module). */
export type AnyLab = LabDefinition<never>;

/** One line of the course: where a unit's definition lives. Loading it is deferred. */
interface UnitEntry {
  id: string;
  kind: UnitKind;
  /** The module under src/course/labs/ that defines the unit, and its export. */
  module: string;
  exportName: string;
}

/**
 * The course, in the order a learner should meet it. To add a lab: write
 * `solutions/<id>.ts` (with BEGIN/END SOLUTION markers), its checks in
 * `src/course/labs/<id>.ts`, and add one line here. Units load only when used, so a notebook
 * or a check sandbox pays for one lab's checks, not all of them.
 */
const UNITS: UnitEntry[] = [
  {
    id: "01-gradient-descent",
    kind: "lab",
    module: "01-gradient-descent",
    exportName: "gradientDescentLab",
  },
  {
    id: "02-linear-algebra",
    kind: "lab",
    module: "02-linear-algebra",
    exportName: "linearAlgebraLab",
  },
  {
    id: "03-probability-statistics",
    kind: "lab",
    module: "03-probability-statistics",
    exportName: "probabilityStatisticsLab",
  },
  {
    id: "04-data-preparation",
    kind: "lab",
    module: "04-data-preparation",
    exportName: "dataPreparationLab",
  },
  {
    id: "05-linear-logistic-regression",
    kind: "lab",
    module: "05-linear-logistic-regression",
    exportName: "linearLogisticRegressionLab",
  },
  {
    id: "06-decision-trees",
    kind: "lab",
    module: "06-decision-trees",
    exportName: "decisionTreesLab",
  },
  {
    id: "07-random-forests",
    kind: "lab",
    module: "07-random-forests",
    exportName: "randomForestsLab",
  },
  {
    id: "08-support-vector-machines",
    kind: "lab",
    module: "08-support-vector-machines",
    exportName: "supportVectorMachinesLab",
  },
  {
    id: "09-kmeans-clustering",
    kind: "lab",
    module: "09-kmeans-clustering",
    exportName: "kmeansClusteringLab",
  },
  {
    id: "10-evaluation-tuning",
    kind: "lab",
    module: "10-evaluation-tuning",
    exportName: "evaluationTuningLab",
  },
  {
    id: "11-tensorflow-basics",
    kind: "lab",
    module: "11-tensorflow-basics",
    exportName: "tensorflowBasicsLab",
  },
  {
    id: "12-regression-network",
    kind: "lab",
    module: "12-regression-network",
    exportName: "regressionNetworkLab",
  },
  {
    id: "13-image-classification",
    kind: "lab",
    module: "13-image-classification",
    exportName: "imageClassificationLab",
  },
  {
    id: "14-transfer-learning",
    kind: "lab",
    module: "14-transfer-learning",
    exportName: "transferLearningLab",
  },
  {
    id: "15-natural-language",
    kind: "lab",
    module: "15-natural-language",
    exportName: "naturalLanguageLab",
  },
  {
    id: "16-time-series",
    kind: "lab",
    module: "16-time-series",
    exportName: "timeSeriesLab",
  },
  {
    id: "17-serving",
    kind: "lab",
    module: "17-serving",
    exportName: "servingLab",
  },
  {
    id: "18-monitoring",
    kind: "lab",
    module: "18-monitoring",
    exportName: "monitoringLab",
  },
  {
    id: "19-experiment-tracking",
    kind: "lab",
    module: "19-experiment-tracking",
    exportName: "experimentTrackingLab",
  },
  {
    id: "20-responsible-ai",
    kind: "lab",
    module: "20-responsible-ai",
    exportName: "responsibleAiLab",
  },
];

/** The ids of every unit, in course order (loads nothing). */
export const unitIds: readonly string[] = UNITS.map((u) => u.id);

const loaded = new Map<string, AnyLab>();

/** Where a sandbox can load a unit's definition. */
export function unitRef(unitId: string): UnitRef {
  const entry = entryFor(unitId);
  return { path: path.join(__dirname, "labs", `${entry.module}.ts`), exportName: entry.exportName };
}

function entryFor(unitId: string): UnitEntry {
  const entry = UNITS.find((u) => u.id === unitId);
  if (!entry) throw new Error(`No unit called "${unitId}". Units: ${unitIds.join(", ")}`);
  return entry;
}

function load(entry: UnitEntry): AnyLab {
  let unit = loaded.get(entry.id);
  if (!unit) {
    const ref = unitRef(entry.id);
    const mod = requireTs(ref.path) as Record<string, AnyLab | undefined>;
    unit = mod[ref.exportName];
    if (!unit || unit.id !== entry.id)
      throw new Error(
        `src/course/labs/${entry.module}.ts does not export the unit ${entry.id} as ${entry.exportName}.`,
      );
    loaded.set(entry.id, unit);
  }
  return unit;
}

/** Every unit, loaded (for the CLI's overview and the course self-check). */
export function allLabs(): AnyLab[] {
  return UNITS.map(load);
}

/** The id a query names: full id ("01-gradient-descent"), number ("01", "1") or name ("gradient-descent"). */
export function resolveUnitId(query: string): string {
  const q = query.trim().toLowerCase();
  const found =
    UNITS.find((u) => u.id === q) ??
    UNITS.find((u) => /^\d+$/.test(q) && Number(u.id.split("-")[0]) === Number(q)) ??
    UNITS.find((u) => u.id.replace(/^\d+-/, "") === q);
  if (!found) throw new Error(`No lab called "${query}". Labs: ${unitIds.join(", ")}`);
  return found.id;
}

/** Finds a lab by full id, number or name, and loads only that one. */
export function findLab(query: string): AnyLab {
  return load(entryFor(resolveUnitId(query)));
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
