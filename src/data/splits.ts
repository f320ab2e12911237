/**
 * Train/test splits and cross-validation folds: the fixed ones shipped in
 * datasets/splits/ (so every learner, check and reference number uses the same rows), and
 * seeded ones for a learner's own experiments.
 */
import { DataError, readFileOrThrow, unknownName } from "./errors";
import { seededRandom, shuffled } from "./random";
import { datasetPath } from "./registry";
import { type Dataset, type LoadDatasetOptions, loadDataset, subsetDataset } from "./tabular";

/** Names in datasets/splits/splits.json ("auto_mpg" is accepted for "auto_mpg_complete"). */
export const FIXED_SPLIT_NAMES = [
  "iris",
  "wine",
  "breast_cancer",
  "digits",
  "diabetes",
  "auto_mpg_complete",
  "spam_assassin",
  "austen_passages",
  "arrests",
] as const;
/** Names in datasets/splits/cv5_folds.json. */
export const CV_FOLD_NAMES = ["iris", "wine", "breast_cancer", "digits"] as const;

const TEXT_SPLITS = new Set(["spam_assassin", "austen_passages"]);

/** 0-based row indices of a fixed split; `n` is the number of rows they refer to. */
export interface SplitIndices {
  n: number;
  train: number[];
  test: number[];
}

function readJson(file: string): Record<string, unknown> {
  const text = readFileOrThrow(datasetPath("splits", file)).toString("utf8");
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new DataError(`datasets/splits/${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function canonicalSplitName(name: string): string {
  return name === "auto_mpg" ? "auto_mpg_complete" : name;
}

/**
 * The fixed train/test row indices of a dataset (sklearn train_test_split, test_size 0.2,
 * random_state 42, stratified for classification; lists keep sklearn's shuffled order).
 * For auto_mpg the indices count only the 392 rows with mpg and horsepower present.
 */
export function loadSplitIndices(name: string): SplitIndices {
  const key = canonicalSplitName(name);
  const all = readJson("splits.json");
  const entry = Object.hasOwn(all, key) ? (all[key] as SplitIndices) : undefined;
  if (!entry) throw unknownName("fixed split", name, FIXED_SPLIT_NAMES);
  return { n: entry.n, train: entry.train.slice(), test: entry.test.slice() };
}

/**
 * The fixed train/test split of a tabular dataset, identical for every learner and check.
 * Rows come in the split's order (shuffled), not file order. `categorical: "onehot"`
 * appends auto_mpg's origin as 0/1 columns (see loadDataset).
 * @example const { train, test } = loadFixedSplit("diabetes"); // 353 / 89 rows
 */
export function loadFixedSplit(
  name: string,
  options: Pick<LoadDatasetOptions, "categorical"> = {},
): { train: Dataset; test: Dataset } {
  const key = canonicalSplitName(name);
  if (TEXT_SPLITS.has(key)) {
    throw new DataError(
      `"${name}" is a text dataset: use loadTextSplit("${name}") instead of loadFixedSplit`,
    );
  }
  const indices = loadSplitIndices(key);
  const datasetName = key === "auto_mpg_complete" ? "auto_mpg" : key;
  const dataset = loadDataset(datasetName, { dropMissing: true, categorical: options.categorical });
  if (dataset.x.length !== indices.n) {
    throw new DataError(
      `datasets/splits/splits.json: split "${key}" is for ${indices.n} rows but the dataset has ${dataset.x.length}`,
    );
  }
  return {
    train: subsetDataset(dataset, indices.train),
    test: subsetDataset(dataset, indices.test),
  };
}

/**
 * The 5 fixed cross-validation folds of a dataset (StratifiedKFold(5, shuffle, seed 42)):
 * folds[k] lists the validation row indices of fold k (ascending); the rest is fold k's
 * training set (see `foldsToSplits`).
 */
export function loadCvFolds(name: string): number[][] {
  const all = readJson("cv5_folds.json");
  const folds = name !== "method" && Object.hasOwn(all, name) ? all[name] : undefined;
  if (!Array.isArray(folds)) throw unknownName("cross-validation folds", name, CV_FOLD_NAMES);
  return (folds as number[][]).map((fold) => fold.slice());
}

/** Validation index lists → { trainIdx, validIdx } pairs, as `kFold` returns them. */
export function foldsToSplits(folds: number[][]): FoldSplit[] {
  const n = folds.reduce((sum, fold) => sum + fold.length, 0);
  return folds.map((validIdx) => {
    const inValid = new Set(validIdx);
    const trainIdx: number[] = [];
    for (let i = 0; i < n; i++) if (!inValid.has(i)) trainIdx.push(i);
    return { trainIdx, validIdx: validIdx.slice() };
  });
}

export interface TrainTestSplitOptions {
  /** Fraction of rows for the test set (0 < testSize < 1), or a row count (an integer ≥ 1). */
  testSize: number;
  seed: number;
  /** Keep each class's share of rows the same in both parts (default false). */
  stratify?: boolean;
}

export interface TrainTestSplit<T> {
  xTrain: T[];
  xTest: T[];
  yTrain: number[];
  yTest: number[];
  /** Positions in the input of the training rows, in the order they appear in xTrain. */
  trainIdx: number[];
  testIdx: number[];
}

/**
 * A seeded random train/test split, like sklearn's train_test_split. The test set has
 * ceil(testSize · n) rows; with `stratify`, each class gets its share (largest remainder).
 * @example const s = trainTestSplit(ds.x, ds.y, { testSize: 0.2, seed: 42, stratify: true });
 */
export function trainTestSplit<T>(
  x: T[],
  y: number[],
  options: TrainTestSplitOptions,
): TrainTestSplit<T> {
  const n = x.length;
  if (y.length !== n) throw new DataError(`trainTestSplit: x has ${n} rows but y has ${y.length}`);
  const { testSize, seed } = options;
  const nTest = testSize > 0 && testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (!Number.isInteger(nTest) || nTest < 1 || nTest >= n) {
    throw new DataError(
      `trainTestSplit: testSize must be a fraction between 0 and 1 or a row count from 1 to ${n - 1}, got ${testSize}`,
    );
  }
  const random = seededRandom(seed);
  let testIdx: number[];
  if (options.stratify) {
    const classes = groupByClass(y);
    const quotas = largestRemainder(
      classes.map((members) => (members.length * nTest) / n),
      nTest,
    );
    testIdx = [];
    classes.forEach((members, c) => {
      testIdx.push(...shuffled(members, random).slice(0, quotas[c]));
    });
    testIdx = shuffled(testIdx, random);
  } else {
    testIdx = shuffled(
      Array.from({ length: n }, (_, i) => i),
      random,
    ).slice(0, nTest);
  }
  const inTest = new Set(testIdx);
  const trainIdx = shuffled(
    Array.from({ length: n }, (_, i) => i).filter((i) => !inTest.has(i)),
    random,
  );
  return {
    xTrain: trainIdx.map((i) => x[i]!),
    xTest: testIdx.map((i) => x[i]!),
    yTrain: trainIdx.map((i) => y[i]!),
    yTest: testIdx.map((i) => y[i]!),
    trainIdx,
    testIdx,
  };
}

export interface FoldSplit {
  /** Training row indices (ascending). */
  trainIdx: number[];
  /** Validation row indices (ascending). */
  validIdx: number[];
}

export interface KFoldOptions {
  seed: number;
  /** Shuffle before cutting folds (default true; false gives contiguous blocks, seed unused). */
  shuffle?: boolean;
  /** Class ids per row: each fold then gets each class's share of rows (stratified k-fold). */
  stratifyBy?: number[];
}

/**
 * k-fold cross-validation over rows 0..n-1: k folds whose sizes differ by at most one;
 * every row is in exactly one validation set.
 * @example for (const { trainIdx, validIdx } of kFold(ds.x.length, 5, { seed: 42 })) { ... }
 */
export function kFold(n: number, k: number, options: KFoldOptions): FoldSplit[] {
  if (!Number.isInteger(k) || k < 2)
    throw new DataError(`kFold: k must be an integer ≥ 2, got ${k}`);
  if (!Number.isInteger(n) || n < k)
    throw new DataError(`kFold: cannot make ${k} folds from ${n} rows`);
  const shuffle = options.shuffle ?? true;
  const random = seededRandom(options.seed);
  const all = Array.from({ length: n }, (_, i) => i);
  let order: number[];
  if (options.stratifyBy) {
    if (options.stratifyBy.length !== n) {
      throw new DataError(
        `kFold: stratifyBy has ${options.stratifyBy.length} labels for ${n} rows`,
      );
    }
    // Deal each class's rows round-robin over the folds, continuing across classes.
    const classes = groupByClass(options.stratifyBy);
    order = ([] as number[]).concat(
      ...classes.map((members) => (shuffle ? shuffled(members, random) : members)),
    );
  } else {
    order = shuffle ? shuffled(all, random) : all;
  }
  const folds: number[][] = Array.from({ length: k }, () => []);
  if (options.stratifyBy) {
    order.forEach((row, i) => {
      folds[i % k]!.push(row);
    });
  } else {
    // Contiguous blocks of the (shuffled) order; the first n % k folds get one extra row.
    let start = 0;
    for (let f = 0; f < k; f++) {
      const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
      folds[f] = order.slice(start, start + size);
      start += size;
    }
  }
  return folds.map((fold) => {
    const validIdx = fold.slice().sort((a, b) => a - b);
    const inValid = new Set(validIdx);
    return { trainIdx: all.filter((i) => !inValid.has(i)), validIdx };
  });
}

/** Row indices grouped by label, groups in ascending label order. */
function groupByClass(labels: number[]): number[][] {
  const groups = new Map<number, number[]>();
  labels.forEach((label, i) => {
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label)!.push(i);
  });
  return [...groups.keys()].sort((a, b) => a - b).map((label) => groups.get(label)!);
}

/** Integer parts of `shares` that add up to `total`, rounding the largest remainders up. */
function largestRemainder(shares: number[], total: number): number[] {
  const counts = shares.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const remainder = (i: number) => shares[i]! - Math.floor(shares[i]!);
  const order = shares.map((_, i) => i).sort((a, b) => remainder(b) - remainder(a) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    counts[i] += 1;
    left--;
  }
  return counts;
}
