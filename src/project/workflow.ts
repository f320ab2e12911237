/**
 * The steps of "a project of your own" (npm run labs -- new-project): load any reasonable CSV,
 * profile its columns, decide what to predict and how to score it, split without leakage,
 * prepare features from the training rows only, and compare a baseline with models of the labs.
 * The scaffolded notebook calls these; each step is small enough to read and change.
 */

import { accuracyScore, macroF1, rmse } from "../compete/metrics";
import { type CsvTable, isMissingCell, isNumberCell, readCsv } from "../data/csv";
import { DataError, displayPath } from "../data/errors";
import { kFold, trainTestSplit } from "../data/splits";
import { fitLeastSquares } from "../math/least-squares";
import { DecisionTreeClassifier } from "../ml/decision-tree";
import { KNeighborsClassifier } from "../ml/k-nearest-neighbors";
import { confusionMatrix } from "../ml/metrics";

// ----------------------------------------------------------------------------------- loading

/**
 * Reads a CSV file (a relative path is taken from the project root). Errors name the file and
 * the line, and say what to check.
 */
export function loadProjectCsv(file: string): CsvTable {
  let table: CsvTable;
  try {
    table = readCsv(file);
  } catch (error) {
    const message = (error as Error).message;
    throw new DataError(
      `Could not load ${displayPath(file)}: ${message.replace(`${displayPath(file)} `, "")}.${
        /fields/.test(message)
          ? ' Check that line: a comma inside a value needs the value in double quotes ("a, b"), and the file must use commas, not semicolons or tabs.'
          : /no such file|not found|ENOENT/i.test(message)
            ? " Check the path in DATA_FILE (relative paths start at the project root)."
            : ""
      }`,
    );
  }
  if (table.header.length === 1 && /[;\t|]/.test(table.header[0]!)) {
    const sep = table.header[0]!.includes(";")
      ? "semicolons"
      : table.header[0]!.includes("\t")
        ? "tabs"
        : "| characters";
    throw new DataError(
      `${table.file} line 1: the header is one column, "${table.header[0]}": the file seems to separate values with ${sep}. Save it as comma-separated CSV (in a spreadsheet: "CSV, comma delimited").`,
    );
  }
  if (table.rows.length < 10)
    throw new DataError(
      `${table.file} has ${table.rows.length} data rows: too few to train and test a model (at least 10 are needed; a few hundred is better).`,
    );
  const empty = table.header.findIndex((h) => h.trim() === "");
  if (empty >= 0 && table.header.filter((h) => h.trim() === "").length > 1)
    throw new DataError(
      `${table.file} line 1: ${table.header.filter((h) => h.trim() === "").length} columns have no name. Give every column a name in the header line.`,
    );
  const seen = new Set<string>();
  for (const h of table.header) {
    if (seen.has(h))
      throw new DataError(
        `${table.file} line 1: the column name "${h}" appears twice; names must be unique.`,
      );
    seen.add(h);
  }
  return table;
}

// ---------------------------------------------------------------------------------- profiling

export type ColumnRole = "target" | "numeric" | "categorical" | "id" | "constant" | "text";

export interface ColumnProfile {
  name: string;
  /** Position in the CSV header. */
  index: number;
  kind: "number" | "text";
  role: ColumnRole;
  missing: number;
  distinct: number;
  /** Why the column has its role (shown in the notebook and the report). */
  note: string;
  /** Cells that were not numbers in a mostly numeric column (treated as missing). */
  nonNumeric: number;
}

/** A cell with surrounding spaces trimmed; "", NA, NaN, null, "?" count as missing. */
function cellMissing(cell: string): boolean {
  const s = cell.trim();
  return isMissingCell(s) || s === "?" || s.toLowerCase() === "null" || s.toLowerCase() === "nan";
}

const ID_NAME = /^(id|_?index|row|rownum|row_?id|unnamed:? ?\d*|.+[_ -]id)$/i;

/**
 * A column with a different value on every row is an identifier when its name says so
 * (`id`, `customer_id`, `userId`), when it is a run of whole numbers (a row number), or when it
 * is text without spaces (codes such as "A-1043"). Unique measurements (e.g. areas) are kept.
 */
function looksLikeId(name: string, numeric: boolean, cells: string[]): boolean {
  if (ID_NAME.test(name) || /^[a-z]+Id$/.test(name)) return true;
  if (numeric) return cells.every((c) => Number.isInteger(Number(c))) && isRunOfIntegers(cells);
  return cells.every((c) => !/\s/.test(c));
}

/** The role of every column. `target` must be one of the header names. */
export function profileColumns(table: CsvTable, target: string): ColumnProfile[] {
  if (!table.header.includes(target))
    throw new DataError(
      `The target column "${target}" is not in ${table.file}. Its columns are: ${table.header.join(", ")}. Set TARGET to one of them.`,
    );
  const n = table.rows.length;
  return table.header.map((name, index): ColumnProfile => {
    const cells = table.rows.map((r) => r[index]!.trim());
    const present = cells.filter((c) => !cellMissing(c));
    const numbers = present.filter((c) => isNumberCell(c));
    const missing = n - present.length;
    const distinct = new Set(present).size;
    // Mostly numbers, with a few stray cells (e.g. "n/a", "-"): a numeric column with gaps.
    const numeric = present.length > 0 && numbers.length >= 0.9 * present.length;
    const nonNumeric = numeric ? present.length - numbers.length : 0;
    const base = {
      name,
      index,
      kind: numeric ? ("number" as const) : ("text" as const),
      missing: missing + nonNumeric,
      distinct,
      nonNumeric,
    };
    if (name === target) return { ...base, role: "target", note: "what we predict" };
    if (distinct <= 1)
      return { ...base, role: "constant", note: "one value only: carries no information, dropped" };
    if (missing === 0 && distinct === n && looksLikeId(name, numeric, present))
      return {
        ...base,
        role: "id",
        note: "a different value on every row (an identifier): it cannot generalise, dropped",
      };
    if (numeric)
      return {
        ...base,
        role: "numeric",
        note:
          nonNumeric > 0
            ? `numbers; ${nonNumeric} cell(s) that are not numbers treated as missing`
            : "numbers",
      };
    if (distinct <= 20 && distinct <= 0.5 * present.length)
      return { ...base, role: "categorical", note: `${distinct} categories: one-hot encoded` };
    return {
      ...base,
      role: "text",
      note: `free text or too many categories (${distinct} distinct values): not used here (text needs the tokenizers of the text labs)`,
    };
  });
}

/** True when the values are the integers a…a+n−1 in some order (a row number). */
function isRunOfIntegers(cells: string[]): boolean {
  const v = cells.map(Number);
  const min = Math.min(...v);
  return Math.max(...v) - min === v.length - 1;
}

/** Missing cells per column (the target included). */
export function missingCounts(profiles: ColumnProfile[]): Record<string, number> {
  return Object.fromEntries(profiles.map((p) => [p.name, p.missing]));
}

/** mean, std, min, median, max of each numeric column (the target too, if numeric). */
export function numericSummary(
  table: CsvTable,
  profiles: ColumnProfile[],
): { columns: string[]; index: string[]; values: number[][] } {
  const cols = profiles.filter(
    (p) => p.kind === "number" && (p.role === "numeric" || p.role === "target"),
  );
  const values = cols.map((p) => {
    const v = numericValues(table, p.index)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const std = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, v.length - 1));
    const mid = Math.floor(v.length / 2);
    const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
    return [v.length, mean, std, v[0]!, median, v[v.length - 1]!];
  });
  return {
    columns: ["count", "mean", "std", "min", "median", "max"],
    index: cols.map((p) => p.name),
    values,
  };
}

function numericValues(table: CsvTable, index: number): number[] {
  return table.rows.map((r) => {
    const c = r[index]!.trim();
    return cellMissing(c) || !isNumberCell(c) ? Number.NaN : Number(c);
  });
}

// --------------------------------------------------------------------------------- the task

export type Task = "classification" | "regression";

/**
 * Classification when the target is text, or whole numbers with at most 10 distinct values
 * (0/1, 1–5 ratings, class ids); regression otherwise. Override with TASK in the notebook.
 */
export function detectTask(table: CsvTable, target: ColumnProfile): { task: Task; reason: string } {
  if (target.kind === "text")
    return {
      task: "classification",
      reason: `"${target.name}" holds text (${target.distinct} distinct values): classes`,
    };
  const v = numericValues(table, target.index).filter(Number.isFinite);
  const integers = v.every(Number.isInteger);
  if (integers && target.distinct <= 10)
    return {
      task: "classification",
      reason: `"${target.name}" holds ${target.distinct} distinct whole numbers: treated as classes (set TASK = "regression" if they are amounts)`,
    };
  return {
    task: "regression",
    reason: `"${target.name}" holds numbers with ${target.distinct} distinct values: a regression (set TASK = "classification" if they are categories)`,
  };
}

export interface Target {
  task: Task;
  /** Rows of the table that have a target (rows with a missing target are dropped). */
  rows: number[];
  /** The target per kept row: a class id 0…K−1, or the number. */
  y: number[];
  /** Classification: the class names, y = their index. */
  classNames: string[];
  dropped: number;
}

export function prepareTarget(table: CsvTable, target: ColumnProfile, task: Task): Target {
  const cells = table.rows.map((r) => r[target.index]!.trim());
  const rows = cells.map((_, i) => i).filter((i) => !cellMissing(cells[i]!));
  if (task === "regression") {
    const bad = rows.find((i) => !isNumberCell(cells[i]!));
    if (bad !== undefined)
      throw new DataError(
        `${table.file} line ${table.lines[bad]}, column "${target.name}": "${cells[bad]}" is not a number, so "${target.name}" cannot be a regression target. Set TASK = "classification", or clean the column.`,
      );
    return {
      task,
      rows,
      y: rows.map((i) => Number(cells[i])),
      classNames: [],
      dropped: cells.length - rows.length,
    };
  }
  const names = [...new Set(rows.map((i) => cells[i]!))];
  const allNumbers = names.every(isNumberCell);
  names.sort(allNumbers ? (a, b) => Number(a) - Number(b) : undefined);
  if (names.length < 2)
    throw new DataError(
      `The target "${target.name}" has only one class (${names[0]}): there is nothing to predict.`,
    );
  const id = new Map(names.map((c, k) => [c, k]));
  return {
    task,
    rows,
    y: rows.map((i) => id.get(cells[i]!)!),
    classNames: names,
    dropped: cells.length - rows.length,
  };
}

// ----------------------------------------------------------------------------- the split

export interface Split {
  /** Table row numbers of the training and the test rows. */
  train: number[];
  test: number[];
  yTrain: number[];
  yTest: number[];
  stratified: boolean;
}

/**
 * A random train/test split of the rows that have a target, made before anything is learned
 * from the data. Stratified for classification when every class has at least 2 rows.
 */
export function splitTrainTest(
  target: Target,
  options: { testSize?: number; seed: number },
): Split {
  const counts = new Map<number, number>();
  for (const v of target.y) counts.set(v, (counts.get(v) ?? 0) + 1);
  const stratified = target.task === "classification" && [...counts.values()].every((c) => c >= 2);
  const s = trainTestSplit(target.rows, target.y, {
    testSize: options.testSize ?? 0.2,
    seed: options.seed,
    stratify: stratified,
  });
  return { train: s.xTrain, test: s.xTest, yTrain: s.yTrain, yTest: s.yTest, stratified };
}

// ----------------------------------------------------------------------- feature preparation

/**
 * Turns table rows into a numeric matrix: numeric columns get their gaps filled with the
 * training median and are standardised with the training mean and std; categorical columns
 * are one-hot encoded with the categories seen in training (an unseen or missing category is
 * all zeros). Everything is learned in `fit`, from the training rows only: nothing about the
 * test rows leaks into the features.
 */
export class FeaturePipeline {
  readonly columns: ColumnProfile[];
  featureNames: string[] = [];
  private numeric: { p: ColumnProfile; median: number; mean: number; std: number }[] = [];
  private categorical: { p: ColumnProfile; categories: string[] }[] = [];
  private fitted = false;

  constructor(
    private readonly table: CsvTable,
    profiles: ColumnProfile[],
  ) {
    this.columns = profiles.filter((p) => p.role === "numeric" || p.role === "categorical");
    if (this.columns.length === 0)
      throw new DataError(
        `No column of ${table.file} can be used as a feature (every column is the target, an id, constant or free text). See the column table above.`,
      );
  }

  fit(rows: readonly number[]): this {
    this.numeric = this.columns
      .filter((p) => p.role === "numeric")
      .map((p) => {
        const all = numericValues(this.table, p.index);
        const v = rows
          .map((r) => all[r]!)
          .filter(Number.isFinite)
          .sort((a, b) => a - b);
        const mid = Math.floor(v.length / 2);
        const median = v.length === 0 ? 0 : v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
        const filled = rows.map((r) => (Number.isFinite(all[r]!) ? all[r]! : median));
        const mean = filled.reduce((a, b) => a + b, 0) / filled.length;
        const std = Math.sqrt(filled.reduce((s, x) => s + (x - mean) ** 2, 0) / filled.length);
        return { p, median, mean, std: std > 1e-12 ? std : 1 };
      });
    this.categorical = this.columns
      .filter((p) => p.role === "categorical")
      .map((p) => {
        const counts = new Map<string, number>();
        for (const r of rows) {
          const c = this.table.rows[r]![p.index]!.trim();
          if (!cellMissing(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
        }
        const categories = [...counts.keys()].sort(
          (a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1),
        );
        return { p, categories };
      });
    this.featureNames = [
      ...this.numeric.map((c) => c.p.name),
      ...this.categorical.flatMap((c) => c.categories.map((k) => `${c.p.name}=${k}`)),
    ];
    this.fitted = true;
    return this;
  }

  transform(rows: readonly number[]): number[][] {
    if (!this.fitted) throw new Error("FeaturePipeline: call fit(trainRows) before transform().");
    const numericCols = this.numeric.map((c) => ({ c, all: numericValues(this.table, c.p.index) }));
    return rows.map((r) => [
      ...numericCols.map(
        ({ c, all }) => ((Number.isFinite(all[r]!) ? all[r]! : c.median) - c.mean) / c.std,
      ),
      ...this.categorical.flatMap((c) => {
        const v = this.table.rows[r]![c.p.index]!.trim();
        return c.categories.map((k) => (k === v ? 1 : 0));
      }),
    ]);
  }
}

// --------------------------------------------------------------------------- models, metrics

export interface ModelSpec {
  name: string;
  /** How it is built (for the report). */
  about: string;
  fitPredict(xTrain: number[][], yTrain: number[], xTest: number[][]): number[];
}

/** The trivial baseline every model must beat: the majority class, or the training mean. */
export function baselineModel(task: Task): ModelSpec {
  return task === "classification"
    ? {
        name: "baseline (majority class)",
        about: "predicts the most common training class for every row",
        fitPredict: (_x, y, xt) => {
          const counts = new Map<number, number>();
          for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
          const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
          return xt.map(() => best);
        },
      }
    : {
        name: "baseline (training mean)",
        about: "predicts the mean training target for every row",
        fitPredict: (_x, y, xt) => {
          const mean = y.reduce((a, b) => a + b, 0) / y.length;
          return xt.map(() => mean);
        },
      };
}

/** Above this many training rows k-NN is left out (each prediction scans every training row). */
export const KNN_MAX_TRAIN = 5000;

/** Models of the labs for the task (k-NN and a decision tree; linear least squares). */
export function labModels(task: Task, nTrain: number): ModelSpec[] {
  if (task === "classification") {
    const k = Math.max(1, Math.min(15, Math.floor(nTrain / 10) | 1));
    const tree: ModelSpec = {
      name: "decision tree (depth ≤ 5)",
      about: "src/ml DecisionTreeClassifier({ maxDepth: 5, minSamplesSplit: 5 }) (lab 06)",
      fitPredict: (x, y, xt) =>
        new DecisionTreeClassifier({ maxDepth: 5, minSamplesSplit: 5 }).fit(x, y).predict(xt),
    };
    // k-NN compares every test row with every training row: too slow beyond a few thousand.
    if (nTrain > KNN_MAX_TRAIN) return [tree];
    return [
      {
        name: `k-NN (k = ${k})`,
        about: `src/ml KNeighborsClassifier({ k: ${k} }) on the standardised features (lab 10)`,
        fitPredict: (x, y, xt) =>
          new KNeighborsClassifier({ k: Math.min(k, x.length) }).fit(x, y).predict(xt),
      },
      tree,
    ];
  }
  return [
    {
      name: "linear regression",
      about:
        "src/math fitLeastSquares (ordinary least squares, lab 05) on the standardised features",
      fitPredict: (x, y, xt) => fitLeastSquares(x, y).predict(xt),
    },
  ];
}

export interface Scores {
  [metric: string]: number;
}

/** The metrics of the task: accuracy and macro-F1, or RMSE, MAE and R². */
export function scoresOf(task: Task, yTrue: number[], yPred: number[]): Scores {
  if (task === "classification")
    return { accuracy: accuracyScore(yTrue, yPred), "macro-F1": macroF1(yTrue, yPred) };
  const mean = yTrue.reduce((a, b) => a + b, 0) / yTrue.length;
  const ssTot = yTrue.reduce((s, v) => s + (v - mean) ** 2, 0);
  const ssRes = yTrue.reduce((s, v, i) => s + (v - yPred[i]!) ** 2, 0);
  return {
    RMSE: rmse(yTrue, yPred),
    MAE: yTrue.reduce((s, v, i) => s + Math.abs(v - yPred[i]!), 0) / yTrue.length,
    R2: ssTot > 0 ? 1 - ssRes / ssTot : 0,
  };
}

/** The metric models are chosen by, and whether higher is better. */
export function mainMetric(task: Task): { name: string; higherIsBetter: boolean } {
  return task === "classification"
    ? { name: "macro-F1", higherIsBetter: true }
    : { name: "RMSE", higherIsBetter: false };
}

/**
 * k-fold cross-validation on the training rows only: the pipeline is fitted inside each fold
 * on that fold's training part (fitting it once on all rows would leak the validation rows).
 */
export function crossValidate(
  table: CsvTable,
  profiles: ColumnProfile[],
  split: Split,
  model: ModelSpec,
  task: Task,
  options: { folds?: number; seed: number },
): { mean: number; perFold: number[] } {
  const k = Math.min(options.folds ?? 5, split.train.length);
  const counts = new Map<number, number>();
  for (const v of split.yTrain) counts.set(v, (counts.get(v) ?? 0) + 1);
  const canStratify = task === "classification" && [...counts.values()].every((c) => c >= k);
  const folds = kFold(split.train.length, k, {
    seed: options.seed,
    stratifyBy: canStratify ? split.yTrain : undefined,
  });
  const metric = mainMetric(task).name;
  const perFold = folds.map(({ trainIdx, validIdx }) => {
    const tr = trainIdx.map((i) => split.train[i]!);
    const va = validIdx.map((i) => split.train[i]!);
    const pipe = new FeaturePipeline(table, profiles).fit(tr);
    const pred = model.fitPredict(
      pipe.transform(tr),
      trainIdx.map((i) => split.yTrain[i]!),
      pipe.transform(va),
    );
    return scoresOf(
      task,
      validIdx.map((i) => split.yTrain[i]!),
      pred,
    )[metric]!;
  });
  return { mean: perFold.reduce((a, b) => a + b, 0) / perFold.length, perFold };
}

export { confusionMatrix };

/** Counts of `values` in `bins` equal-width bins, labelled by their lower edge. */
export function histogram(values: number[], bins = 20): Record<string, number> {
  const v = values.filter(Number.isFinite);
  const min = Math.min(...v);
  const max = Math.max(...v);
  const width = (max - min) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const x of v) counts[Math.min(bins - 1, Math.floor((x - min) / width))]!++;
  return Object.fromEntries(
    counts.map((c, i) => [Number((min + i * width).toPrecision(3)).toString(), c]),
  );
}

/** The feature most correlated (|Pearson r|) with y on the given rows. */
export function strongestFeature(
  x: number[][],
  y: number[],
  names: string[],
): { name: string; index: number; r: number } | undefined {
  let best: { name: string; index: number; r: number } | undefined;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  names.forEach((name, j) => {
    const col = x.map((row) => row[j]!);
    const mx = col.reduce((a, b) => a + b, 0) / col.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    col.forEach((v, i) => {
      sxy += (v - mx) * (y[i]! - my);
      sxx += (v - mx) ** 2;
      syy += (y[i]! - my) ** 2;
    });
    const r = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
    if (!best || Math.abs(r) > Math.abs(best.r)) best = { name, index: j, r };
  });
  return best;
}
