/**
 * Lab 04 — Data preparation & feature engineering with danfo: your exercises.
 *
 * Work through `notebooks/04-data-preparation.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's
 * check cell or `npm run labs -- check 04`.
 *
 * The rule behind every exercise: anything LEARNED from data (a median, a category list, a
 * mean and standard deviation) is learned from the TRAINING rows only, then applied
 * unchanged to both train and test. And no function may change the DataFrames it is given.
 *
 * Missing values: danfo shows them as NaN in numeric columns and null in text columns.
 */
import type { DataFrame } from "danfojs-node";
import { requireDanfo } from "../src/data/tabular";
import { todo } from "../src/grading/todo";

// ---------------------------------------------------------------------------------------
// Helpers (given — you do not need to change these).
// danfo 1.2's copy() is shallow and fillNa({ columns }) can write into the original frame,
// so the exercises read columns into plain arrays and build NEW frames with `frameFrom`.
// ---------------------------------------------------------------------------------------

/** A value is missing when it is null, undefined or NaN. */
export function isMissing(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))
  );
}

/** A copy of one column's values. Throws a clear error naming the columns if it is absent. */
export function columnValues(df: DataFrame, name: string): (number | string | null)[] {
  if (!df.columns.includes(name)) {
    throw new Error(`Column "${name}" not found. Columns: ${df.columns.join(", ")}`);
  }
  return (df.column(name).values as (number | string | null)[]).slice();
}

/** One numeric column as numbers (missing → NaN). */
export function numericValues(df: DataFrame, name: string): number[] {
  return columnValues(df, name).map((v) => (isMissing(v) ? Number.NaN : Number(v)));
}

/** A new DataFrame from plain columns, in the order given (all columns the same length). */
export function frameFrom(
  columns: Record<string, (number | string | null)[]>,
  order: string[] = Object.keys(columns),
): DataFrame {
  const dfd = requireDanfo();
  const data: Record<string, (number | string | null)[]> = {};
  for (const name of order) {
    if (!Array.isArray(columns[name])) {
      throw new Error(
        `frameFrom: no values for column "${name}". Columns given: ${Object.keys(columns).join(", ")}`,
      );
    }
    data[name] = columns[name].slice();
  }
  return new dfd.DataFrame(data, { columns: order });
}

/** All columns of a frame as plain arrays, keyed by name (a starting point for a new frame). */
export function columnsOf(df: DataFrame): Record<string, (number | string | null)[]> {
  const out: Record<string, (number | string | null)[]> = {};
  for (const name of df.columns) out[name] = columnValues(df, name);
  return out;
}

// ---------------------------------------------------------------------------------------
// Exercises
// ---------------------------------------------------------------------------------------

/**
 * Exercise 1 — count the missing values in every column.
 *
 * TODO: return { column name → number of missing values } for ALL columns (0 included).
 * Use isMissing (NaN in numeric columns, null in text ones), or danfo's
 * df.isNa().sum({ axis: 0 }) — careful, without { axis: 0 } danfo sums along each ROW.
 *   e.g. columns a = [1, NaN, 3], b = ["x", null, null]  →  { a: 1, b: 2 }
 */
export function countMissing(df: DataFrame): Record<string, number> {
  return todo();
}

/** Two frames prepared with statistics learned from the first. */
export interface Imputed {
  train: DataFrame;
  test: DataFrame;
  /** The median of each imputed column, learned from the TRAINING rows. */
  medians: Record<string, number>;
}

/**
 * Exercise 2 — median imputation without leakage.
 *
 * TODO: for each column in `columns`: the median of the non-missing TRAINING values; fill the
 * missing entries of that column in BOTH frames with it. Keep every row (never drop test rows)
 * and return new frames (columnsOf + frameFrom) — do not change train or test.
 * Median: sort the values ascending; the middle one, or the mean of the two middle ones.
 *   e.g. train h = [1, NaN, 3, 10], test h = [NaN, 5]  →  median 3: train [1, 3, 3, 10], test [3, 5]
 */
export function imputeMedian(train: DataFrame, test: DataFrame, columns: string[]): Imputed {
  return todo();
}

/** Two frames one-hot encoded with the categories seen in the first. */
export interface Encoded {
  train: DataFrame;
  test: DataFrame;
  /** The TRAINING categories, sorted: one indicator column each. */
  categories: string[];
}

/**
 * Exercise 3 — one-hot encode a categorical column with the TRAINING categories.
 *
 * TODO: categories = the distinct non-missing values of train[column], sorted. In both frames,
 * remove `column` and append one column per category, named `${column}_${category}`, holding
 * 1 where the row has that category and 0 elsewhere. A test value never seen in training (or
 * missing) gets all zeros — the columns must be exactly the same in train and test.
 *   e.g. train origin = [b, a, b], test origin = [c, a]  →  categories [a, b];
 *        train origin_a = [0, 1, 0], origin_b = [1, 0, 1];  test origin_a = [0, 1], origin_b = [0, 0]
 */
export function oneHotEncode(train: DataFrame, test: DataFrame, column: string): Encoded {
  return todo();
}

/** Two frames standardised with the training mean and standard deviation. */
export interface Scaled {
  train: DataFrame;
  test: DataFrame;
  /** Per column, from the TRAINING rows. */
  mean: Record<string, number>;
  /** Per column, from the TRAINING rows: population standard deviation (divide by n). */
  std: Record<string, number>;
}

/**
 * Exercise 4 — standardise without leakage: z = (x − mean) / std.
 *
 * TODO: for each column in `columns`, learn the mean and the POPULATION standard deviation
 * (divide by n, like scikit-learn's StandardScaler; note danfo's std() divides by n − 1) from
 * the TRAINING rows, and transform both frames with them. A constant column (std 0) gets
 * std 1. Other columns pass through unchanged; return new frames.
 *   e.g. train x = [1, 2, 3, 4], test x = [5]  →  mean 2.5, std √1.25 ≈ 1.118;  test z = [2.236]
 */
export function standardize(train: DataFrame, test: DataFrame, columns: string[]): Scaled {
  return todo();
}

/**
 * Exercise 5 — flag outliers with Tukey's IQR rule.
 *
 * TODO: Q1 and Q3 are the 0.25 and 0.75 quantiles with linear interpolation (as in lab 03:
 * sort a copy, h = (n − 1)·q, interpolate between s[⌊h⌋] and s[⌊h⌋ + 1]); IQR = Q3 − Q1.
 * A value is an outlier when it lies STRICTLY outside [Q1 − k·IQR, Q3 + k·IQR].
 * Return one boolean per value, in the original order.
 *   e.g. [1, 2, 3, 4, 5, 6, 7, 8, 9, 100] → Q1 3.25, Q3 7.75, fences [−3.5, 14.5] → only 100 is flagged
 */
export function iqrOutlierFlags(values: number[], k = 1.5): boolean[] {
  return todo();
}

/**
 * Exercise 6 — degree-2 polynomial features (squares and feature crosses).
 *
 * TODO: return a new frame with all of df's columns, then, for each pair i ≤ j of `columns`
 * (in the order given): `${a}^2` = a·a when i = j, and `${a}*${b}` = a·b when i < j.
 *   e.g. columns [a, b] → adds a^2, a*b, b^2;   a = [1, 2], b = [3, 4] → a^2 [1, 4], a*b [3, 8], b^2 [9, 16]
 */
export function addQuadraticFeatures(df: DataFrame, columns: string[]): DataFrame {
  return todo();
}

/** Model-ready matrices. */
export interface PreparedData {
  xTrain: number[][];
  yTrain: number[];
  xTest: number[][];
  yTest: number[];
  /** The name of each column of x. */
  featureNames: string[];
}

/** The numeric auto-mpg features, in the order the prepared matrices use. */
export const AUTO_MPG_NUMERIC = [
  "cylinders",
  "displacement",
  "horsepower",
  "weight",
  "acceleration",
  "model_year",
];

/**
 * Exercise 7 — the whole preparation of auto-mpg, from raw frames to matrices.
 *
 * TODO: using your exercises 2–4, on (train, test) frames with the raw auto_mpg columns:
 *   1. imputeMedian on AUTO_MPG_NUMERIC (only horsepower has gaps, but be general);
 *   2. oneHotEncode "origin";
 *   3. standardize AUTO_MPG_NUMERIC (not the 0/1 indicator columns);
 *   4. featureNames = AUTO_MPG_NUMERIC followed by the origin_… columns; x = those columns
 *      row by row; y = the "mpg" column. The "name" column is not a feature.
 * Every train and test row must survive: the test set has as many rows as it started with.
 */
export function prepareAutoMpg(train: DataFrame, test: DataFrame): PreparedData {
  return todo();
}
