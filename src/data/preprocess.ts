/**
 * Preprocessing a learner would otherwise rewrite in every lab, with scikit-learn's
 * conventions: `fit` learns from the training rows only and returns the object, `transform`
 * applies what was learned, and using an unfitted object is an error.
 *
 * Matrices are row-major `number[][]`: x[i][j] is feature j of sample i.
 */
import { DataError } from "./errors";

type Cell = number | null | undefined;

function isMissing(value: Cell): boolean {
  return value === null || value === undefined || Number.isNaN(value);
}

/** Checks `x` is a non-empty rectangular matrix and returns its column count. */
function columnCount(x: readonly (readonly Cell[])[], where: string, expected?: number): number {
  if (!Array.isArray(x) || x.length === 0)
    throw new DataError(`${where}: x is empty (expected [nSamples][nFeatures])`);
  const first = x[0];
  if (!Array.isArray(first)) {
    throw new DataError(
      `${where}: x must be a matrix (an array of rows), but x[0] is ${typeof first}`,
    );
  }
  const cols = expected ?? first.length;
  if (expected !== undefined && first.length !== expected) {
    throw new DataError(`${where}: expected ${expected} columns, got ${first.length}`);
  }
  for (let i = 1; i < x.length; i++) {
    if (!Array.isArray(x[i]) || x[i]!.length !== cols) {
      throw new DataError(
        `${where}: row ${i} has ${Array.isArray(x[i]) ? x[i]!.length : "no"} values, expected ${cols}`,
      );
    }
  }
  return cols;
}

function requireComplete(x: readonly (readonly Cell[])[], where: string): void {
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < x[i]!.length; j++) {
      const value = x[i]![j];
      if (isMissing(value)) {
        throw new DataError(
          `${where}: x[${i}][${j}] is missing (${value}); impute or drop missing values first`,
        );
      }
    }
  }
}

function notFitted(name: string): DataError {
  return new DataError(`${name} is not fitted: call fit(xTrain) first`);
}

/**
 * Standardisation: each column minus its training mean, divided by its training standard
 * deviation (population std, as sklearn). A constant column gets std 1, so it maps to 0.
 * @example const scaler = new StandardScaler().fit(train.x); const xs = scaler.transform(test.x);
 */
export class StandardScaler {
  private state?: { mean: number[]; std: number[] };

  /** Learns each column's mean and standard deviation from `x` ([nSamples][nFeatures]). */
  fit(x: number[][]): this {
    const cols = columnCount(x, "StandardScaler.fit");
    requireComplete(x, "StandardScaler.fit");
    const n = x.length;
    const mean = new Array<number>(cols).fill(0);
    for (const row of x) for (let j = 0; j < cols; j++) mean[j] += row[j]!;
    for (let j = 0; j < cols; j++) mean[j] /= n;
    const std = mean.map((m, j) => {
      if (x.every((row) => row[j] === x[0]![j])) return 1;
      let sum = 0;
      for (const row of x) sum += (row[j]! - m) ** 2;
      return Math.sqrt(sum / n) || 1;
    });
    this.state = { mean: Object.freeze(mean) as number[], std: Object.freeze(std) as number[] };
    return this;
  }

  /** (x − mean) / std, column by column. */
  transform(x: number[][]): number[][] {
    const { mean, std } = this.fitted();
    columnCount(x, "StandardScaler.transform", mean.length);
    return x.map((row) => row.map((v, j) => (v - mean[j]!) / std[j]!));
  }

  fitTransform(x: number[][]): number[][] {
    return this.fit(x).transform(x);
  }

  /** Back to the original units: x · std + mean. */
  inverseTransform(x: number[][]): number[][] {
    const { mean, std } = this.fitted();
    columnCount(x, "StandardScaler.inverseTransform", mean.length);
    return x.map((row) => row.map((v, j) => v * std[j]! + mean[j]!));
  }

  /** Training mean of each column (read-only). */
  get mean(): number[] {
    return this.fitted().mean;
  }

  /** Training standard deviation of each column (1 for constant columns; read-only). */
  get std(): number[] {
    return this.fitted().std;
  }

  private fitted(): { mean: number[]; std: number[] } {
    if (!this.state) throw notFitted("StandardScaler");
    return this.state;
  }
}

/**
 * Min-max scaling: each column mapped linearly so its training minimum goes to
 * featureRange[0] and its maximum to featureRange[1] (default [0, 1]). Test values outside
 * the training range land outside featureRange (no clipping). A constant column maps to
 * featureRange[0].
 */
export class MinMaxScaler {
  readonly featureRange: [number, number];
  private state?: { dataMin: number[]; dataMax: number[] };

  constructor(options: { featureRange?: [number, number] } = {}) {
    this.featureRange = options.featureRange ?? [0, 1];
    if (!(this.featureRange[0] < this.featureRange[1])) {
      throw new DataError(
        `MinMaxScaler: featureRange must be [low, high] with low < high, got [${this.featureRange}]`,
      );
    }
  }

  fit(x: number[][]): this {
    const cols = columnCount(x, "MinMaxScaler.fit");
    requireComplete(x, "MinMaxScaler.fit");
    const dataMin = new Array<number>(cols).fill(Number.POSITIVE_INFINITY);
    const dataMax = new Array<number>(cols).fill(Number.NEGATIVE_INFINITY);
    for (const row of x) {
      for (let j = 0; j < cols; j++) {
        if (row[j]! < dataMin[j]!) dataMin[j] = row[j]!;
        if (row[j]! > dataMax[j]!) dataMax[j] = row[j]!;
      }
    }
    this.state = {
      dataMin: Object.freeze(dataMin) as number[],
      dataMax: Object.freeze(dataMax) as number[],
    };
    return this;
  }

  transform(x: number[][]): number[][] {
    const { dataMin, dataMax } = this.fitted();
    columnCount(x, "MinMaxScaler.transform", dataMin.length);
    const [low, high] = this.featureRange;
    return x.map((row) =>
      row.map(
        (v, j) => low + ((v - dataMin[j]!) / (dataMax[j]! - dataMin[j]! || 1)) * (high - low),
      ),
    );
  }

  fitTransform(x: number[][]): number[][] {
    return this.fit(x).transform(x);
  }

  inverseTransform(x: number[][]): number[][] {
    const { dataMin, dataMax } = this.fitted();
    columnCount(x, "MinMaxScaler.inverseTransform", dataMin.length);
    const [low, high] = this.featureRange;
    return x.map((row) =>
      row.map(
        (v, j) => dataMin[j]! + ((v - low) / (high - low)) * (dataMax[j]! - dataMin[j]! || 1),
      ),
    );
  }

  /** Training minimum of each column (read-only). */
  get dataMin(): number[] {
    return this.fitted().dataMin;
  }

  /** Training maximum of each column (read-only). */
  get dataMax(): number[] {
    return this.fitted().dataMax;
  }

  private fitted(): { dataMin: number[]; dataMax: number[] } {
    if (!this.state) throw notFitted("MinMaxScaler");
    return this.state;
  }
}

/**
 * Text labels ↔ integer ids 0..k-1, classes in sorted order (as sklearn).
 * @example new LabelEncoder().fit(["b", "a", "b"]).transform(["a", "b"]) // [0, 1]
 */
export class LabelEncoder {
  private state?: { classes: string[]; ids: Map<string, number> };

  fit(values: string[]): this {
    if (!Array.isArray(values) || values.length === 0)
      throw new DataError("LabelEncoder.fit: no values given");
    values.forEach((v, i) => {
      if (typeof v !== "string") {
        throw new DataError(
          `LabelEncoder.fit: value ${i} is ${v === null ? "missing (null)" : typeof v}, expected a string`,
        );
      }
    });
    const classes = [...new Set(values)].sort();
    this.state = {
      classes: Object.freeze(classes) as string[],
      ids: new Map(classes.map((c, i) => [c, i])),
    };
    return this;
  }

  transform(values: string[]): number[] {
    const { classes, ids } = this.fitted();
    return values.map((v) => {
      const id = ids.get(v);
      if (id === undefined) {
        throw new DataError(
          `LabelEncoder.transform: unknown label "${v}". Known: ${classes.join(", ")}`,
        );
      }
      return id;
    });
  }

  fitTransform(values: string[]): number[] {
    return this.fit(values).transform(values);
  }

  inverseTransform(ids: number[]): string[] {
    const { classes } = this.fitted();
    return ids.map((id) => {
      if (!Number.isInteger(id) || id < 0 || id >= classes.length) {
        throw new DataError(
          `LabelEncoder.inverseTransform: ${id} is not a class id (0..${classes.length - 1})`,
        );
      }
      return classes[id]!;
    });
  }

  /** The class names; classes[id] is the label of id (read-only). */
  get classes(): string[] {
    return this.fitted().classes;
  }

  private fitted(): { classes: string[]; ids: Map<string, number> } {
    if (!this.state) throw new DataError("LabelEncoder is not fitted: call fit(labels) first");
    return this.state;
  }
}

/**
 * One-hot rows: oneHot([2, 0], 3) → [[0, 0, 1], [1, 0, 0]].
 * @param ids class ids, integers in 0..numClasses-1
 * @param numClasses number of columns (default: largest id + 1)
 */
export function oneHot(ids: number[], numClasses?: number): number[][] {
  ids.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0) {
      throw new DataError(`oneHot: ids[${i}] = ${id} is not a class id (a non-negative integer)`);
    }
  });
  const k = numClasses ?? (ids.length === 0 ? 0 : Math.max(...ids) + 1);
  if (!Number.isInteger(k) || k < 1)
    throw new DataError(`oneHot: numClasses must be a positive integer, got ${k}`);
  return ids.map((id, i) => {
    if (id >= k) throw new DataError(`oneHot: ids[${i}] = ${id} is not a class id in 0..${k - 1}`);
    const row = new Array<number>(k).fill(0);
    row[id] = 1;
    return row;
  });
}

export type ImputeStrategy = "mean" | "median" | "most_frequent" | "constant";

/**
 * Fills missing values (null, undefined or NaN) column by column with a statistic learned
 * from the training rows: the mean, the median, the most frequent value (smallest on ties),
 * or a constant `fillValue` (default 0).
 * @example new SimpleImputer({ strategy: "median" }).fit(train).transform(test)
 */
export class SimpleImputer {
  readonly strategy: ImputeStrategy;
  readonly fillValue: number;
  private stats?: number[];

  constructor(options: { strategy?: ImputeStrategy; fillValue?: number } = {}) {
    this.strategy = options.strategy ?? "mean";
    this.fillValue = options.fillValue ?? 0;
    if (!["mean", "median", "most_frequent", "constant"].includes(this.strategy)) {
      throw new DataError(
        `SimpleImputer: unknown strategy "${this.strategy}". Available: mean, median, most_frequent, constant`,
      );
    }
  }

  fit(x: (number | null)[][]): this {
    const cols = columnCount(x, "SimpleImputer.fit");
    const stats: number[] = [];
    for (let j = 0; j < cols; j++) {
      if (this.strategy === "constant") {
        stats.push(this.fillValue);
        continue;
      }
      const present = x.map((row) => row[j]).filter((v): v is number => !isMissing(v));
      if (present.length === 0) {
        throw new DataError(
          `SimpleImputer.fit: column ${j} has no values, so its ${this.strategy} is undefined`,
        );
      }
      stats.push(statistic(present, this.strategy));
    }
    this.stats = Object.freeze(stats) as number[];
    return this;
  }

  transform(x: (number | null)[][]): number[][] {
    const stats = this.statistics;
    columnCount(x, "SimpleImputer.transform", stats.length);
    return x.map((row) => row.map((v, j) => (isMissing(v) ? stats[j]! : (v as number))));
  }

  fitTransform(x: (number | null)[][]): number[][] {
    return this.fit(x).transform(x);
  }

  /** The fill value of each column (read-only). */
  get statistics(): number[] {
    if (!this.stats) throw notFitted("SimpleImputer");
    return this.stats;
  }
}

function statistic(values: number[], strategy: Exclude<ImputeStrategy, "constant">): number {
  switch (strategy) {
    case "mean":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "median": {
      const s = values.slice().sort((a, b) => a - b);
      const mid = Math.floor(s.length / 2);
      return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
    }
    case "most_frequent": {
      const counts = new Map<number, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      let best = Number.NaN;
      let bestCount = 0;
      for (const [v, c] of counts) {
        if (c > bestCount || (c === bestCount && v < best)) {
          best = v;
          bestCount = c;
        }
      }
      return best;
    }
  }
}

export interface PolynomialOptions {
  /** Start with a column of ones (default true). */
  includeBias?: boolean;
  /** Only products of distinct features: a·b but not a² (default false). */
  interactionOnly?: boolean;
}

/** The feature-index combinations of each output column, in sklearn's order. */
function polynomialTerms(
  nFeatures: number,
  degree: number,
  options: PolynomialOptions,
): number[][] {
  if (!Number.isInteger(degree) || degree < 1) {
    throw new DataError(`polynomialFeatures: degree must be an integer ≥ 1, got ${degree}`);
  }
  const terms: number[][] = (options.includeBias ?? true) ? [[]] : [];
  const step = options.interactionOnly ? 1 : 0;
  let previous: number[][] = [[]];
  for (let d = 1; d <= degree; d++) {
    const next: number[][] = [];
    for (const term of previous) {
      const from = term.length === 0 ? 0 : term[term.length - 1]! + step;
      for (let j = from; j < nFeatures; j++) next.push([...term, j]);
    }
    terms.push(...next);
    previous = next;
  }
  return terms;
}

/**
 * Polynomial and interaction features, in scikit-learn's column order. For [a, b] and
 * degree 2: [1, a, b, a², a·b, b²] (without the 1 if includeBias is false; without a² and
 * b² if interactionOnly).
 * @returns [nSamples][nOutputFeatures]
 */
export function polynomialFeatures(
  x: number[][],
  degree: number,
  options: PolynomialOptions = {},
): number[][] {
  const cols = columnCount(x, "polynomialFeatures");
  const terms = polynomialTerms(cols, degree, options);
  return x.map((row) => terms.map((term) => term.reduce((product, j) => product * row[j]!, 1)));
}

/** Names of polynomialFeatures' columns, e.g. ["1", "a", "b", "a^2", "a b", "b^2"]. */
export function polynomialFeatureNames(
  names: string[],
  degree: number,
  options: PolynomialOptions = {},
): string[] {
  return polynomialTerms(names.length, degree, options).map((term) => {
    if (term.length === 0) return "1";
    const parts: string[] = [];
    for (let k = 0; k < term.length; ) {
      let power = 1;
      while (term[k + power] === term[k]) power++;
      parts.push(power === 1 ? names[term[k]!]! : `${names[term[k]!]}^${power}`);
      k += power;
    }
    return parts.join(" ");
  });
}

/**
 * Picks columns from records (as `loadRecords` returns them) as a matrix for the
 * preprocessing classes; missing values stay null.
 * @throws DataError when a column is absent or holds text.
 */
export function recordsToMatrix(
  records: Record<string, number | string | null>[],
  columns: string[],
): (number | null)[][] {
  if (records.length > 0) {
    for (const c of columns) {
      if (!(c in records[0]!)) {
        throw new DataError(
          `Column "${c}" not found in the records. Columns: ${Object.keys(records[0]!).join(", ")}`,
        );
      }
    }
  }
  return records.map((record, i) =>
    columns.map((c) => {
      const v = record[c];
      if (typeof v === "string") {
        throw new DataError(
          `recordsToMatrix: column "${c}" holds text ("${v}" in record ${i}); encode it first`,
        );
      }
      return v ?? null;
    }),
  );
}
