/**
 * Tabular datasets as plain arrays (`Dataset`: x, y, names), raw records, or danfo
 * DataFrames. Everything is synchronous except the danfo conversion (danfo loads lazily:
 * it takes about a second to import).
 */
import * as path from "node:path";
import type { DataFrame } from "danfojs-node";
import {
  type CsvRecord,
  type CsvTable,
  columnIndex,
  isMissingCell,
  numericColumn,
  readCsv,
  stringColumn,
  toColumns,
  toRecords,
} from "./csv";
import { DataError, resolveFromRoot } from "./errors";
import { csvFileOf, datasetPath, type TabularName, tabularSpec } from "./registry";

/** Numeric features and a numeric target, rows in file order. */
export interface Dataset {
  name: string;
  /** Column names of `x`, in order. */
  featureNames: string[];
  /** Column name of `y`. */
  targetName: string;
  /** Classification only: labelNames[classId] is the name of class `classId`. */
  labelNames?: string[];
  /** [nSamples][nFeatures] */
  x: number[][];
  /** [nSamples]: class ids for classification, values for regression. */
  y: number[];
  /** rowIndices[i] is the 0-based data row of the file that row i came from (rows may be dropped). */
  rowIndices?: number[];
}

export interface LoadDatasetOptions {
  /**
   * Drop rows with a missing feature or target (default true). With false, missing
   * values are NaN in `x` and `y`: use `loadRecords` or `SimpleImputer` to handle them.
   */
  dropMissing?: boolean;
  /**
   * Text category columns (auto_mpg's `origin`): "drop" leaves them out of `x` (default);
   * "onehot" appends one 0/1 column per category, named e.g. `origin_Europe` (categories
   * in alphabetical order).
   */
  categorical?: "drop" | "onehot";
}

/**
 * A bundled tabular dataset as numeric arrays.
 *
 * | name | rows (after dropping missing) | features | target |
 * |---|---|---|---|
 * | iris | 150 | 4 (cm) | species id 0..2 |
 * | wine | 178 | 13 | cultivar 0..2 |
 * | breast_cancer | 569 | 30 | 0 malignant, 1 benign |
 * | digits | 1797 | 64 pixels 0..16 | digit 0..9 |
 * | diabetes | 442 | 10 (raw units) | progression after one year |
 * | auto_mpg | 392 (406 with dropMissing: false) | 6 numeric; origin dropped or one-hot | mpg |
 * | airquality | 111 (153) | Solar.R, Wind, Temp, Month, Day | Ozone (ppb) |
 * | mtcars | 32 | 10 | mpg |
 *
 * @throws DataError `Unknown dataset "irsi". Available: iris, wine, ...`
 */
export function loadDataset(name: TabularName | string, options: LoadDatasetOptions = {}): Dataset {
  const spec = tabularSpec(name);
  const table = readCsv(datasetPath(spec.file));
  const oneHot = options.categorical === "onehot";
  const skip = new Set([spec.target, ...spec.exclude, ...spec.categorical]);
  return buildDataset(table, {
    name: spec.name,
    target: spec.target,
    features: table.header.filter((column) => !skip.has(column)),
    oneHotColumns: oneHot ? spec.categorical : [],
    labelNames: spec.labelNames,
    dropMissing: options.dropMissing ?? spec.dropMissingByDefault,
  });
}

export interface CsvDatasetOptions {
  /** The label / target column. Text labels are encoded as ids in alphabetical order. */
  target: string;
  /** Feature columns (default: every other column whose cells are all numbers or missing). */
  features?: string[];
  /** Drop rows with a missing feature or target (default true). */
  dropMissing?: boolean;
  /** Name stored in the Dataset (default: the file name without extension). */
  name?: string;
}

/**
 * Any CSV file with a header as a Dataset. A relative `filePath` is taken from the project
 * root (e.g. "datasets/tabular/iris.csv").
 * @throws DataError `Column "species2" not found in datasets/tabular/iris.csv. Columns: ...`
 */
export function loadCsvDataset(filePath: string, options: CsvDatasetOptions): Dataset {
  const absolute = resolveFromRoot(filePath);
  const table = readCsv(absolute);
  columnIndex(table, options.target);
  const columns = toColumns(table);
  const features =
    options.features ??
    columns.filter((c) => c.kind === "number" && c.name !== options.target).map((c) => c.name);
  const targetColumn = columns.find((c) => c.name === options.target)!;
  let labelNames: string[] | undefined;
  if (targetColumn.kind === "string") {
    labelNames = [...new Set(targetColumn.values.filter((v): v is string => v !== null))].sort();
  }
  return buildDataset(table, {
    name: options.name ?? path.basename(absolute, path.extname(absolute)),
    target: options.target,
    features,
    oneHotColumns: [],
    labelNames,
    targetIsText: targetColumn.kind === "string",
    dropMissing: options.dropMissing ?? true,
  });
}

interface BuildOptions {
  name: string;
  target: string;
  features: string[];
  oneHotColumns: string[];
  labelNames?: string[];
  targetIsText?: boolean;
  dropMissing: boolean;
}

function buildDataset(table: CsvTable, o: BuildOptions): Dataset {
  const y = o.targetIsText
    ? encodeTextColumn(table, o.target, o.labelNames!)
    : numericColumn(table, o.target);
  const featureColumns = o.features.map((f) => numericColumn(table, f));
  const featureNames = o.features.slice();
  for (const column of o.oneHotColumns) {
    const values = stringColumn(table, column);
    const categories = [...new Set(values.filter((v): v is string => v !== null))].sort();
    for (const category of categories) {
      featureNames.push(`${column}_${category}`);
      featureColumns.push(values.map((v) => (v === null ? Number.NaN : v === category ? 1 : 0)));
    }
  }
  const x: number[][] = [];
  const yKept: number[] = [];
  const rowIndices: number[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const row = featureColumns.map((column) => column[r]!);
    if (o.dropMissing && (Number.isNaN(y[r]!) || row.some(Number.isNaN))) continue;
    x.push(row);
    yKept.push(y[r]!);
    rowIndices.push(r);
  }
  const dataset: Dataset = {
    name: o.name,
    featureNames,
    targetName: o.target,
    x,
    y: yKept,
    rowIndices,
  };
  if (o.labelNames) dataset.labelNames = o.labelNames.slice();
  return dataset;
}

function encodeTextColumn(table: CsvTable, column: string, classes: string[]): number[] {
  const j = columnIndex(table, column);
  return table.rows.map((row) => (isMissingCell(row[j]!) ? Number.NaN : classes.indexOf(row[j]!)));
}

/**
 * The rows of any bundled CSV dataset (tabular, time series or text) as objects:
 * numbers for numeric columns, strings otherwise, null where a value is missing.
 * @example loadRecords("auto_mpg")[38] // { mpg: 25, ..., horsepower: null, ..., origin: "USA", name: "ford pinto" }
 */
export function loadRecords(name: string): CsvRecord[] {
  return toRecords(readCsv(csvFileOf(name)));
}

type Danfo = typeof import("danfojs-node");

/** danfojs-node, loaded on first use (importing it takes about a second). */
export function requireDanfo(): Danfo {
  return require("danfojs-node") as Danfo;
}

/**
 * Any bundled CSV dataset as a danfo DataFrame, columns in file order. Missing values are
 * NaN in numeric columns and null in text columns, which danfo's isNa / fillNa / dropNa
 * understand.
 */
export async function loadDataFrame(name: string): Promise<DataFrame> {
  const columns = toColumns(readCsv(csvFileOf(name)));
  const dfd = requireDanfo();
  const data: Record<string, (number | string | null)[]> = {};
  for (const column of columns) data[column.name] = column.values;
  return new dfd.DataFrame(data, { columns: columns.map((c) => c.name) });
}

/** A Dataset as a danfo DataFrame: one column per feature, then the target. */
export async function datasetToDataFrame(dataset: Dataset): Promise<DataFrame> {
  if (dataset.featureNames.includes(dataset.targetName)) {
    throw new DataError(
      `Dataset "${dataset.name}": target "${dataset.targetName}" is also a feature name`,
    );
  }
  const dfd = requireDanfo();
  const data: Record<string, number[]> = {};
  dataset.featureNames.forEach((feature, j) => {
    data[feature] = dataset.x.map((row) => row[j]!);
  });
  data[dataset.targetName] = dataset.y.slice();
  return new dfd.DataFrame(data, { columns: [...dataset.featureNames, dataset.targetName] });
}

/** The rows `indices` of a dataset (in that order), as a new Dataset. */
export function subsetDataset(dataset: Dataset, indices: readonly number[]): Dataset {
  const n = dataset.x.length;
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new DataError(
        `Row index ${i} is out of range for dataset "${dataset.name}" (${n} rows)`,
      );
    }
  }
  const subset: Dataset = {
    name: dataset.name,
    featureNames: dataset.featureNames.slice(),
    targetName: dataset.targetName,
    x: indices.map((i) => dataset.x[i]!.slice()),
    y: indices.map((i) => dataset.y[i]!),
  };
  if (dataset.labelNames) subset.labelNames = dataset.labelNames.slice();
  if (dataset.rowIndices) subset.rowIndices = indices.map((i) => dataset.rowIndices![i]!);
  return subset;
}
