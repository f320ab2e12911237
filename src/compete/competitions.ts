/**
 * The practice competitions: each builds its files from bundled data, deterministically (a
 * fixed seed), so every clone gets the same split and the same hidden answers.
 *
 * The hidden answers are in this repository (the datasets and this file): you can peek. This
 * is practice: peeking only spoils your own estimate of how good your model is.
 */
import { readCsv } from "../data/csv";
import { FASHION_MNIST_LABELS, readIdx } from "../data/images";
import { seededRandom, shuffled } from "../data/random";
import { trainTestSplit } from "../data/splits";
import { fitLeastSquares } from "../math/least-squares";
import { KNeighborsClassifier } from "../ml/k-nearest-neighbors";
import { StandardScaledModel } from "../ml/scaled-model";
import type { MetricName } from "./metrics";

/** The competitions' split seed (the labs' fixed splits use 42). */
const SEED = 1616;
/** Share of the test rows scored on the public leaderboard. */
export const PUBLIC_FRACTION = 0.3;

export type TaskKind = "classification" | "probability" | "regression";

export interface CompetitionFiles {
  /** id, the features…, the target column. */
  train: { header: string[]; rows: string[][] };
  /** id and the features; no target. */
  test: { header: string[]; rows: string[][] };
  /** Hidden: the answer per test id, and whether it counts on the public leaderboard. */
  solution: { id: string; value: number; isPublic: boolean }[];
}

export interface RecordedScores {
  public: number;
  private: number;
}

export interface Competition {
  name: string;
  title: string;
  kind: TaskKind;
  metric: MetricName;
  /** The prediction column of a submission (and the target column of train.csv). */
  target: string;
  /** Allowed predictions for classification (integers). */
  labels?: number[];
  /** What each label means (for the description). */
  labelNames?: string[];
  /** Markdown: the problem, the data, the columns. The common parts are added by `descriptionOf`. */
  about: string;
  /** The sample submission: a trivial baseline computed from train.csv only. */
  baselineNote: string;
  /** The reference: a model of this course, and how it was built. */
  referenceNote: string;
  /** Scores measured by `npm run compete -- scores` (and re-checked by tests/compete). */
  recorded: { baseline: RecordedScores; reference: RecordedScores };
  build(): CompetitionFiles;
  /** Baseline predictions for the test rows (same order as files.test.rows). */
  baseline(files: CompetitionFiles): number[];
  /** The reference model's predictions for the test rows. */
  reference(files: CompetitionFiles): number[];
}

/** Ids are numbers from `first` in a shuffled order, so they say nothing about the source row. */
function assignIds(n: number, first: number): string[] {
  return Array.from({ length: n }, (_, i) => String(first + i));
}

function publicFlags(n: number, seed: number): boolean[] {
  const order = shuffled(
    Array.from({ length: n }, (_, i) => i),
    seededRandom(seed),
  );
  const flags = new Array<boolean>(n).fill(false);
  for (const i of order.slice(0, Math.round(PUBLIC_FRACTION * n))) flags[i] = true;
  return flags;
}

/** Splits rows (raw string cells) into the three files. `y` is the target per row. */
function splitRows(options: {
  header: string[];
  rows: string[][];
  y: number[];
  target: string;
  stratify: boolean;
  firstId: number;
  formatTarget?: (v: number) => string;
}): CompetitionFiles {
  const { header, rows, y, target } = options;
  const s = trainTestSplit(rows, y, { testSize: 0.3, seed: SEED, stratify: options.stratify });
  const trainIds = assignIds(s.xTrain.length, options.firstId);
  const testIds = assignIds(s.xTest.length, options.firstId + s.xTrain.length);
  const flags = publicFlags(s.xTest.length, SEED + 1);
  const fmt = options.formatTarget ?? String;
  return {
    train: {
      header: ["id", ...header, target],
      rows: s.xTrain.map((row, i) => [trainIds[i]!, ...row, fmt(s.yTrain[i]!)]),
    },
    test: { header: ["id", ...header], rows: s.xTest.map((row, i) => [testIds[i]!, ...row]) },
    solution: s.yTest.map((value, i) => ({ id: testIds[i]!, value, isPublic: flags[i]! })),
  };
}

/** The numeric matrix of some columns (missing cells → NaN). */
function numericColumns(
  header: string[],
  rows: string[][],
  columns: readonly string[],
): number[][] {
  const idx = columns.map((c) => header.indexOf(c));
  return rows.map((row) => idx.map((j) => (row[j] === "" ? Number.NaN : Number(row[j]))));
}

function median(values: number[]): number {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function targetOf(files: CompetitionFiles): number[] {
  const j = files.train.header.length - 1;
  return files.train.rows.map((r) => Number(r[j]));
}

// ---------------------------------------------------------------------------------------------

const CANCER_FEATURES = (() => {
  const table = readCsv("datasets/tabular/breast_cancer.csv");
  return table.header.filter((h) => h !== "target");
})();

const breastCancer: Competition = {
  name: "breast-cancer",
  title: "Malignant or benign? Probabilities for fine-needle aspirates",
  kind: "probability",
  metric: "log-loss",
  target: "malignant",
  about: `Each row describes the cell nuclei in a digitised image of a fine-needle aspirate of a
breast mass (Wisconsin Diagnostic Breast Cancer data, the \`breast_cancer\` set of the labs, split
differently here: 70 % train / 30 % test, stratified, seed ${SEED}). Predict the **probability**
that the mass is **malignant** (\`malignant\` = 1; benign = 0).

Columns: \`id\`, then 30 measurements — ten nucleus features (\`radius\`, \`texture\`, \`perimeter\`,
\`area\`, \`smoothness\`, \`compactness\`, \`concavity\`, \`concave_points\`, \`symmetry\`,
\`fractal_dimension\`), each as \`mean_*\`, \`*_error\` and \`worst_*\`. train.csv ends with \`malignant\`.

Log loss punishes confident mistakes hard: predicting 0.999 for a malignant mass costs −ln(0.001)
≈ 6.9 on that row, while an honest 0.7 costs 0.36. Predictions are clipped to [1e-15, 1 − 1e-15].`,
  baselineNote: "every row gets the share of malignant masses in train.csv",
  referenceNote:
    "src/ml StandardScaledModel(KNeighborsClassifier({ k: 15 })) on all 30 columns; its class-1 share among the 15 neighbours is smoothed to (count + 1) / (k + 2) so that no probability is 0 or 1",
  recorded: {
    baseline: { public: 0.660299405811691, private: 0.6615843289589909 },
    reference: { public: 0.2189828943018795, private: 0.1538075365379475 },
  },
  build() {
    const table = readCsv("datasets/tabular/breast_cancer.csv");
    const t = table.header.indexOf("target");
    const keep = table.header.map((_, j) => j).filter((j) => j !== t);
    // sklearn's target is 1 = benign; here 1 = malignant, the class a screening cares about.
    const y = table.rows.map((r) => 1 - Number(r[t]));
    return splitRows({
      header: keep.map((j) => table.header[j]!),
      rows: table.rows.map((r) => keep.map((j) => r[j]!)),
      y,
      target: "malignant",
      stratify: true,
      firstId: 1,
    });
  },
  baseline(files) {
    const y = targetOf(files);
    const share = y.reduce((a, b) => a + b, 0) / y.length;
    return files.test.rows.map(() => share);
  },
  reference(files) {
    const k = 15;
    const x = numericColumns(files.train.header, files.train.rows, CANCER_FEATURES);
    const model = new StandardScaledModel(new KNeighborsClassifier({ k })).fit(x, targetOf(files));
    const xt = numericColumns(files.test.header, files.test.rows, CANCER_FEATURES);
    const c1 = model.model.classes.indexOf(1);
    return model.predictProba(xt).map((p) => (Math.round(p[c1]! * k) + 1) / (k + 2));
  },
};

// ---------------------------------------------------------------------------------------------

const MPG_NUMERIC = [
  "cylinders",
  "displacement",
  "horsepower",
  "weight",
  "acceleration",
  "model_year",
] as const;
const ORIGINS = ["Europe", "Japan", "USA"] as const;

function mpgDesign(header: string[], rows: string[][], medians: number[]): number[][] {
  const o = header.indexOf("origin");
  return numericColumns(header, rows, MPG_NUMERIC).map((r, i) => [
    ...r.map((v, j) => (Number.isFinite(v) ? v : medians[j]!)),
    // USA is the reference level: the intercept stands for it.
    ...ORIGINS.slice(0, 2).map((c) => (rows[i]![o] === c ? 1 : 0)),
  ]);
}

const autoMpg: Competition = {
  name: "auto-mpg",
  title: "Fuel economy of 1970s–80s cars",
  kind: "regression",
  metric: "rmse",
  target: "mpg",
  about: `Predict a car's fuel economy in miles per US gallon from its engine and body. The data is
the labs' Auto MPG set (the 398 cars whose \`mpg\` is known), split differently: 70 % train / 30 %
test, seed ${SEED}, and given to you **raw**, as a Kaggle file would be: \`horsepower\` has empty
cells, \`origin\` is text (USA, Europe, Japan), \`name\` is free text.

Columns: \`id\`, \`cylinders\`, \`displacement\` (cubic inches), \`horsepower\` (hp; some empty),
\`weight\` (lb), \`acceleration\` (s from 0 to 60 mph), \`model_year\`, \`origin\`, \`name\`; train.csv
ends with \`mpg\`. Whatever you do to fill the gaps or encode \`origin\`, learn it from train.csv only.`,
  baselineNote: "every row gets the mean mpg of train.csv",
  referenceNote:
    "src/math fitLeastSquares (ordinary least squares, lab 05's linear regression) on the six numeric columns (horsepower's gaps filled with the training median) plus origin one-hot (Europe, Japan; USA = the intercept); name is not used",
  recorded: {
    baseline: { public: 8.088886848363568, private: 6.885718721081716 },
    reference: { public: 3.5334893215017695, private: 3.108463440769263 },
  },
  build() {
    const table = readCsv("datasets/tabular/auto_mpg.csv");
    const m = table.header.indexOf("mpg");
    const rows = table.rows.filter((r) => r[m] !== "");
    const keep = table.header.map((_, j) => j).filter((j) => j !== m);
    return splitRows({
      header: keep.map((j) => table.header[j]!),
      rows: rows.map((r) => keep.map((j) => r[j]!)),
      y: rows.map((r) => Number(r[m])),
      target: "mpg",
      stratify: false,
      firstId: 1,
    });
  },
  baseline(files) {
    const y = targetOf(files);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    return files.test.rows.map(() => mean);
  },
  reference(files) {
    const { header, rows } = files.train;
    const x = numericColumns(header, rows, MPG_NUMERIC);
    const medians = MPG_NUMERIC.map((_, j) => median(x.map((r) => r[j]!)));
    const fit = fitLeastSquares(mpgDesign(header, rows, medians), targetOf(files));
    return fit.predict(mpgDesign(files.test.header, files.test.rows, medians));
  },
};

// ---------------------------------------------------------------------------------------------

const FASHION_DIR = "datasets/competitions/fashion-new";
const PIXELS = Array.from({ length: 784 }, (_, i) => `p${i}`);

/** 2×2 average pooling of 28×28 rows of pixel strings → 196 values in [0, 1]. */
function pooled(header: string[], rows: string[][]): number[][] {
  const first = header.indexOf("p0");
  return rows.map((row) => {
    const out = new Array<number>(196).fill(0);
    for (let r = 0; r < 28; r++)
      for (let c = 0; c < 28; c++)
        out[(r >> 1) * 14 + (c >> 1)]! += Number(row[first + r * 28 + c]) / (4 * 255);
    return out;
  });
}

const fashionNew: Competition = {
  name: "fashion-new",
  title: "Fashion-MNIST, images you have never seen",
  kind: "classification",
  metric: "macro-f1",
  target: "label",
  labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  labelNames: [...FASHION_MNIST_LABELS],
  about: `3,000 Fashion-MNIST images (300 per class) that are **not** in the labs' subset nor in the
images the checks grade on: new pictures, drawn from the original 60,000-image training file.
2,000 are yours to train on, 1,000 are the test (stratified split, seed ${SEED}).

Each row is one 28 × 28 grey image, row by row: \`p0\` … \`p783\` (0 = background … 255; pixel
(row, col) is \`p[28·row + col]\`). train.csv ends with \`label\`, an integer 0–9:
${FASHION_MNIST_LABELS.map((n, i) => `${i} ${n}`).join(", ")}.

To train a CNN, turn a row into a [28, 28, 1] tensor and divide by 255 (lab 13 shows how).
Macro-F1 averages the F1 of the ten classes, so a model that never predicts "Shirt" is
punished even if it is right on everything else.`,
  baselineNote: "every row gets the most common label of train.csv (the smallest on ties)",
  referenceNote:
    "src/ml KNeighborsClassifier({ k: 5 }) on 2×2-averaged pixels (14 × 14 = 196 values, /255), no CNN — a CNN from lab 13 should beat it",
  recorded: {
    baseline: { public: 0.016326530612244896, private: 0.01896551724137931 },
    reference: { public: 0.787336339777754, private: 0.7570920733141829 },
  },
  build() {
    const images = readIdx(`${FASHION_DIR}/images-idx3-ubyte.gz`).data;
    const labels = [...readIdx(`${FASHION_DIR}/labels-idx1-ubyte.gz`).data];
    const rows = labels.map((_, i) =>
      Array.from(images.subarray(i * 784, (i + 1) * 784), (v) => String(v)),
    );
    return splitRows({
      header: PIXELS,
      rows,
      y: labels,
      target: "label",
      stratify: true,
      firstId: 1,
    });
  },
  baseline(files) {
    const y = targetOf(files);
    const counts = new Array<number>(10).fill(0);
    for (const v of y) counts[v]!++;
    const majority = counts.indexOf(Math.max(...counts));
    return files.test.rows.map(() => majority);
  },
  reference(files) {
    const model = new KNeighborsClassifier({ k: 5 }).fit(
      pooled(files.train.header, files.train.rows),
      targetOf(files),
    );
    return model.predict(pooled(files.test.header, files.test.rows));
  },
};

export const COMPETITIONS: readonly Competition[] = [breastCancer, autoMpg, fashionNew];

export function competitionByName(name: string | undefined): Competition {
  const c = COMPETITIONS.find((x) => x.name === name);
  if (!c) {
    const names = COMPETITIONS.map((x) => x.name).join(", ");
    throw new Error(
      name
        ? `No competition named "${name}". There are: ${names}.`
        : `Which competition? One of: ${names} (\`npm run compete -- list\`).`,
    );
  }
  return c;
}

const built = new Map<string, CompetitionFiles>();

/** The competition's files (built once per process). */
export function filesOf(c: Competition): CompetitionFiles {
  let f = built.get(c.name);
  if (!f) {
    f = c.build();
    built.set(c.name, f);
  }
  return f;
}
