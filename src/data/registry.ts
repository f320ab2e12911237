/**
 * Every dataset shipped in datasets/, by name: which file, which column is the target,
 * what the class ids mean, and which columns are not numeric features. datasets/README.md
 * documents sources, licences and units.
 */
import { fromRoot } from "../project-root";
import { unknownName } from "./errors";

export type TabularName =
  | "iris"
  | "wine"
  | "breast_cancer"
  | "digits"
  | "diabetes"
  | "auto_mpg"
  | "airquality"
  | "mtcars"
  | "arrests";
export type TextName = "spam_assassin" | "austen_passages";
export type TimeSeriesName = "sunspots_monthly" | "co2_monthly" | "air_passengers";

export interface TabularSpec {
  name: TabularName;
  /** Path inside datasets/, e.g. "tabular/iris.csv". */
  file: string;
  kind: "classification" | "regression";
  /** The column `y` comes from. */
  target: string;
  /** Class names, index = class id (classification only). */
  labelNames?: string[];
  /** Text columns left out of `x` (names, duplicates of the target). */
  exclude: string[];
  /** Categorical text columns: left out of `x` unless `categorical: "onehot"` is asked for. */
  categorical: string[];
  /** Whether `loadDataset` drops rows with a missing feature or target unless told otherwise. */
  dropMissingByDefault: boolean;
}

export const TABULAR_DATASETS: Readonly<Record<TabularName, TabularSpec>> = {
  iris: {
    name: "iris",
    file: "tabular/iris.csv",
    kind: "classification",
    target: "target",
    labelNames: ["setosa", "versicolor", "virginica"],
    exclude: ["species"],
    categorical: [],
    dropMissingByDefault: true,
  },
  wine: {
    name: "wine",
    file: "tabular/wine.csv",
    kind: "classification",
    target: "target",
    labelNames: ["class_0", "class_1", "class_2"],
    exclude: [],
    categorical: [],
    dropMissingByDefault: true,
  },
  breast_cancer: {
    name: "breast_cancer",
    file: "tabular/breast_cancer.csv",
    kind: "classification",
    target: "target",
    labelNames: ["malignant", "benign"],
    exclude: [],
    categorical: [],
    dropMissingByDefault: true,
  },
  digits: {
    name: "digits",
    file: "tabular/digits.csv",
    kind: "classification",
    target: "target",
    labelNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    exclude: [],
    categorical: [],
    dropMissingByDefault: true,
  },
  diabetes: {
    name: "diabetes",
    file: "tabular/diabetes.csv",
    kind: "regression",
    target: "target",
    exclude: [],
    categorical: [],
    dropMissingByDefault: true,
  },
  auto_mpg: {
    name: "auto_mpg",
    file: "tabular/auto_mpg.csv",
    kind: "regression",
    target: "mpg",
    exclude: ["name"],
    categorical: ["origin"],
    dropMissingByDefault: true,
  },
  airquality: {
    name: "airquality",
    file: "tabular/airquality.csv",
    kind: "regression",
    target: "Ozone",
    exclude: [],
    categorical: [],
    dropMissingByDefault: true,
  },
  mtcars: {
    name: "mtcars",
    file: "tabular/mtcars.csv",
    kind: "regression",
    target: "mpg",
    exclude: ["model"],
    categorical: [],
    dropMissingByDefault: true,
  },
  arrests: {
    name: "arrests",
    file: "tabular/arrests.csv",
    kind: "classification",
    target: "target",
    labelNames: ["not released with a summons", "released with a summons"],
    exclude: ["released"],
    categorical: ["colour", "sex", "employed", "citizen"],
    dropMissingByDefault: true,
  },
};

/** Count tables: one row per cell of a cross-tabulation, read with `loadRecords`. */
export type CountTableName = "ucb_admissions";

export const COUNT_TABLES: Readonly<Record<CountTableName, { file: string; countColumn: string }>> =
  {
    ucb_admissions: { file: "tabular/ucb_admissions.csv", countColumn: "count" },
  };

export interface TextSpec {
  name: TextName;
  file: string;
  /** Columns joined with a newline to make one text. */
  textColumns: string[];
  labelColumn: string;
  labelNames: string[];
}

export const TEXT_DATASETS: Readonly<Record<TextName, TextSpec>> = {
  spam_assassin: {
    name: "spam_assassin",
    file: "text/spam_assassin.csv",
    textColumns: ["subject", "body"],
    labelColumn: "label",
    labelNames: ["ham", "spam"],
  },
  austen_passages: {
    name: "austen_passages",
    file: "text/austen_passages.csv",
    textColumns: ["text"],
    labelColumn: "target",
    labelNames: [
      "Sense & Sensibility",
      "Pride & Prejudice",
      "Mansfield Park",
      "Emma",
      "Northanger Abbey",
      "Persuasion",
    ],
  },
};

export interface TimeSeriesSpec {
  name: TimeSeriesName;
  file: string;
  /** The value column (the other one is `date`, "YYYY-MM"). */
  valueColumn: string;
  unit: string;
}

export const TIME_SERIES: Readonly<Record<TimeSeriesName, TimeSeriesSpec>> = {
  sunspots_monthly: {
    name: "sunspots_monthly",
    file: "timeseries/sunspots_monthly.csv",
    valueColumn: "sunspots",
    unit: "monthly mean sunspot number",
  },
  co2_monthly: {
    name: "co2_monthly",
    file: "timeseries/co2_monthly.csv",
    valueColumn: "co2_ppm",
    unit: "ppm CO2 (Mauna Loa)",
  },
  air_passengers: {
    name: "air_passengers",
    file: "timeseries/air_passengers.csv",
    valueColumn: "passengers",
    unit: "thousands of airline passengers per month",
  },
};

export const TABULAR_NAMES = Object.keys(TABULAR_DATASETS) as TabularName[];
export const TEXT_NAMES = Object.keys(TEXT_DATASETS) as TextName[];
export const TIME_SERIES_NAMES = Object.keys(TIME_SERIES) as TimeSeriesName[];
export const COUNT_TABLE_NAMES = Object.keys(COUNT_TABLES) as CountTableName[];
/** Every dataset whose rows `loadRecords` / `loadDataFrame` can read. */
export const CSV_DATASET_NAMES: string[] = [
  ...TABULAR_NAMES,
  ...TIME_SERIES_NAMES,
  ...TEXT_NAMES,
  ...COUNT_TABLE_NAMES,
];

/** Absolute path of a file under datasets/. */
export function datasetPath(...parts: string[]): string {
  return fromRoot("datasets", ...parts);
}

function has(table: object, name: string): boolean {
  return Object.hasOwn(table, name);
}

function lookup<K extends string, V>(table: Readonly<Record<K, V>>, kind: string, name: string): V {
  if (!has(table, name)) {
    throw unknownName(kind, name, Object.keys(table));
  }
  return table[name as K];
}

/** @throws DataError `Unknown dataset "irsi". Available: iris, wine, ...` */
export function tabularSpec(name: string): TabularSpec {
  return lookup(TABULAR_DATASETS, "dataset", name);
}

export function textSpec(name: string): TextSpec {
  return lookup(TEXT_DATASETS, "text dataset", name);
}

export function timeSeriesSpec(name: string): TimeSeriesSpec {
  return lookup(TIME_SERIES, "time series", name);
}

/** The CSV file of any dataset name (tabular, time series or text). */
export function csvFileOf(name: string): string {
  if (has(TABULAR_DATASETS, name)) return datasetPath(TABULAR_DATASETS[name as TabularName].file);
  if (has(TIME_SERIES, name)) return datasetPath(TIME_SERIES[name as TimeSeriesName].file);
  if (has(TEXT_DATASETS, name)) return datasetPath(TEXT_DATASETS[name as TextName].file);
  if (has(COUNT_TABLES, name)) return datasetPath(COUNT_TABLES[name as CountTableName].file);
  throw unknownName("dataset", name, CSV_DATASET_NAMES);
}
