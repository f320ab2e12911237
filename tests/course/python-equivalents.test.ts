/**
 * "The same in Python" tables (src/course/python/): every lab has one, every notebook shows it
 * as generated, every Python name was checked, and every row with a fixture is proven: our
 * TypeScript side, run here on the same small inputs, reproduces the value Python computed
 * (tests/fixtures/python-equivalents.json, written by datasets/_build/python_equivalents.py).
 */
import * as fs from "node:fs";
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import * as gd from "../../solutions/01-gradient-descent";
import * as la from "../../solutions/02-linear-algebra";
import * as ps from "../../solutions/03-probability-statistics";
import * as dp from "../../solutions/04-data-preparation";
import * as lr from "../../solutions/05-linear-logistic-regression";
import * as dt from "../../solutions/06-decision-trees";
import * as rf from "../../solutions/07-random-forests";
import * as svm from "../../solutions/08-support-vector-machines";
import * as km from "../../solutions/09-kmeans-clustering";
import * as ev from "../../solutions/10-evaluation-tuning";
import * as rn from "../../solutions/12-regression-network";
import * as nl from "../../solutions/15-natural-language";
import * as ts from "../../solutions/16-time-series";
import * as mon from "../../solutions/18-monitoring";
import { unitIds } from "../../src/course/manifest";
import { PYTHON_TABLES, pythonCellOf, renderPythonTable } from "../../src/course/python";
import { MinMaxScaler, StandardScaler } from "../../src/data";
import { readNotebook } from "../../src/jupyter/notebook-file";
import { fromRoot } from "../../src/project-root";
import { ready, tf } from "../../src/tf";

interface Fixture {
  namesChecked: string[];
  namesMissing: string[];
  values: Record<string, unknown>;
}
const fixture = JSON.parse(
  fs.readFileSync(fromRoot("tests/fixtures/python-equivalents.json"), "utf8"),
) as Fixture;
const CHECKED_LIBRARIES = ["numpy", "scipy", "sklearn", "torch"];
const REBUILD =
  "npx tsx scripts/python-names.ts | /usr/bin/python3 datasets/_build/python_equivalents.py && npm run format";

// The inputs datasets/_build/python_equivalents.py uses, repeated literally.
const X = [
  [1, 1],
  [1, 2],
  [1, 3],
  [1, 5],
];
const y = [1, 2, 2, 4];
const w = [0.5, 0.5];
const D = [
  [2, 0],
  [0, 1],
  [3, 4],
  [1, 1],
  [4, 3],
];
const v = [2, 4, 4, 4, 5, 5, 7, 9];
const u = [1, 3, 2, 5, 4, 6, 8, 7];
const labelsTrue = [0, 1, 2, 2, 1, 0, 1, 2];
const labelsPred = [0, 2, 2, 2, 1, 0, 0, 1];
const binaryTrue = [0, 0, 1, 1, 0, 1, 1, 0];
const scores = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.55];
const clusters = [
  [0, 0],
  [0, 1],
  [1, 0],
  [5, 5],
  [5, 6],
  [6, 5],
];
const clusterLabels = [0, 0, 0, 1, 1, 1];
const train = [
  [1, 10],
  [2, 20],
  [4, 60],
];
const test = [[3, 30]];

const col = (values: number[]) => Matrix.columnVector(values);
const predictions = new Matrix(X).mmul(col(w)).to1DArray();
const pca = () => new la.PCA({ nComponents: 2 }).fit(D);

/** Our side of each fixture: the lab's reference solution or the library call the row names. */
const OURS: Record<string, () => unknown> = {
  "01/mse": () => gd.mseLoss(new Matrix(X), col(y), col(w)),
  "01/gradient": () => gd.mseGradient(new Matrix(X), col(y), col(w)).to1DArray(),
  "01/normal-equation": () => gd.normalEquation(new Matrix(X), col(y)).to1DArray(),
  "02/dot": () => la.dot([1, 2, 3], [4, -5, 6]),
  "02/norm": () => la.norm([1, 2, 3]),
  "02/matmul": () =>
    la.matMul(
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6, 7],
        [8, 9, 10],
      ],
    ),
  "02/cov": () => la.covarianceMatrix(new Matrix(D)).to2DArray(),
  "02/pca-explained-variance": () => pca().explainedVariance,
  "02/pca-ratio": () => pca().explainedVarianceRatio,
  "03/mean": () => ps.mean(v),
  "03/var-ddof1": () => ps.variance(v),
  "03/pearson": () => ps.pearsonCorrelation(v, u),
  "03/quantile": () => ps.quantile(v, 0.3),
  "03/norm-logpdf-sum": () => ps.gaussianLogLikelihood(v, 5, 4),
  "04/standard-scaler": () => new StandardScaler().fit(train).transform(test),
  "04/min-max-scaler": () => new MinMaxScaler().fit(train).transform(test),
  "04/iqr-flags": () => dp.iqrOutlierFlags(v).map(Number),
  "05/ridge": () => lr.ridgeClosedForm(new Matrix(X), col(y), 0.25).to1DArray(),
  "05/lasso": () =>
    lr.lassoCoordinateDescent(new Matrix(X), col(y), { alpha: 0.2, iterations: 5000 }).to1DArray(),
  "05/sigmoid": () => lr.sigmoid(0.7),
  "05/log-loss": () => lr.binaryCrossEntropy(binaryTrue, scores),
  "05/logsumexp": () => lr.logSumExp([1000, 1001, 999]),
  "05/softmax": () => lr.softmax([1, 2, 3]),
  "06/gini": () => dt.gini([3, 1, 2]),
  "06/entropy-bits": () => dt.entropy([3, 1, 2]),
  "07/majority": () => rf.majorityVote([2, 0, 2, 1, 0, 2], 3),
  "08/rbf-kernel": () =>
    svm.kernelMatrix(
      [
        [0, 1],
        [1, 1],
      ],
      [
        [1, 0],
        [2, 2],
        [0, 0],
      ],
      0.5,
    ),
  "08/hinge": () => svm.hingeLosses([2, 0.3, 0.5, -1.5], [1, -1, 1, -1]),
  "09/silhouette": () => km.silhouetteScore(clusters, clusterLabels),
  "09/ari": () => km.adjustedRandIndex(labelsTrue, labelsPred),
  "09/inertia": () => {
    const centroids = km.updateCentroids(clusters, clusterLabels, [clusters[0], clusters[3]]);
    return km.inertia(clusters, centroids, km.assignClusters(clusters, centroids));
  },
  "10/confusion": () => ev.confusionMatrix(labelsTrue, labelsPred, 3),
  "10/macro-f1": () => ev.macroF1(labelsTrue, labelsPred, 3),
  "10/roc-auc": () => ev.rocAuc(binaryTrue, scores),
  "10/r2": () => ev.regressionMetrics(y, predictions).r2,
  "10/mae": () => ev.regressionMetrics(y, predictions).mae,
  "11/autograd-mse": () =>
    tf.tidy(() => {
      const Xt = tf.tensor2d(X);
      const yt = tf.tensor1d(y);
      const loss = (wt: tf.Tensor) =>
        tf.mean(tf.square(tf.sub(tf.matMul(Xt, wt), yt.reshape([-1, 1]))));
      return tf
        .grad(loss)(tf.tensor2d(w, [2, 1]))
        .arraySync();
    }),
  "11/one-hot": () => tf.tidy(() => tf.oneHot(tf.tensor1d([2, 0, 1], "int32"), 3).arraySync()),
  "12/normalizer-std": () => rn.fitNormalizer(train).std,
  "13/conv-params": () =>
    tf.tidy(() =>
      tf
        .sequential({
          layers: [tf.layers.conv2d({ filters: 16, kernelSize: 3, inputShape: [28, 28, 1] })],
        })
        .countParams(),
    ),
  "13/dense-params": () =>
    tf.tidy(() =>
      tf.sequential({ layers: [tf.layers.dense({ units: 128, inputShape: [784] })] }).countParams(),
    ),
  "15/tfidf": () => {
    const idf = nl.fitIdf([[2, 3], [2], [3, 4, 4]], 5);
    return nl
      .tfidf(
        [
          [2, 3, 3],
          [4, 0, 0],
        ],
        idf,
      )
      .map((row) => row.slice(2));
  },
  "15/cross-entropy": () =>
    nl.crossEntropy(
      [
        [0.1, 0.6, 0.3],
        [0.5, 0.25, 0.25],
        [0.2, 0.2, 0.6],
      ],
      [1, 0, 2],
    ),
  "18/ks-statistic": () =>
    mon.ksStatistic([0.1, 0.5, 0.9, 1.3, 2.0, 2.2, 3.1], [0.4, 0.6, 1.0, 2.5, 2.7, 3.5, 3.9, 4.0]),
  "18/js-distance": () => mon.jensenShannonDistance([1, 2, 3, 4], [4, 3, 2, 2]),
  "16/windows-x": () => ts.makeWindows([1, 2, 3, 4, 5, 6, 7, 8], { windowSize: 3 }).x,
  "16/windows-y": () => ts.makeWindows([1, 2, 3, 4, 5, 6, 7, 8], { windowSize: 3 }).y.flat(),
  "16/huber": () =>
    tf.tidy(
      () => ts.huberLoss(tf.tensor1d([0, 0, 0]), tf.tensor1d([0.5, 3, -0.2]), 1).dataSync()[0],
    ),
};

/** Our values may come as nested arrays, booleans as numbers; TF.js computes in float32. */
function expectSame(key: string, ours: unknown, python: unknown): void {
  const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [Number(x)]);
  const a = flat(ours);
  const b = flat(python);
  expect(a.length, `${key}: our value has ${a.length} numbers, Python's ${b.length}`).toBe(
    b.length,
  );
  const float32 = /^1[1-6]\//.test(key) && key !== "15/tfidf" && key !== "15/cross-entropy";
  a.forEach((value, i) => {
    const tolerance = (float32 ? 1e-5 : 1e-9) * Math.max(1, Math.abs(b[i]));
    expect(
      Math.abs(value - b[i]),
      `${key}[${i}]: ours ${value}, Python ${b[i]}`,
    ).toBeLessThanOrEqual(tolerance);
  });
}

const rows = Object.entries(PYTHON_TABLES).flatMap(([lab, table]) =>
  table.rows.map((row) => ({ lab, row })),
);

describe("The same in Python", () => {
  it("every lab in the course has a table of at least six rows, and no table names a missing lab", () => {
    const labs = unitIds.filter((id) => /^\d\d-/.test(id));
    for (const lab of labs) {
      expect(
        PYTHON_TABLES[lab]?.rows.length ?? 0,
        `${lab} needs a table in src/course/python/`,
      ).toBeGreaterThanOrEqual(6);
    }
    expect(Object.keys(PYTHON_TABLES).filter((id) => !unitIds.includes(id))).toEqual([]);
  });

  it.each(Object.keys(PYTHON_TABLES))("notebooks/%s.ipynb shows its table as generated", (lab) => {
    const notebook = readNotebook(fromRoot(`notebooks/${lab}.ipynb`));
    expect(
      pythonCellOf(notebook),
      `notebooks/${lab}.ipynb: the table is missing or stale; run \`npm run notebooks -- python\``,
    ).toBe(renderPythonTable(PYTHON_TABLES[lab]));
  });

  it("every numpy, scipy, scikit-learn and torch name was found in the installed libraries", () => {
    expect(fixture.namesMissing).toEqual([]);
    const names = rows.flatMap(({ row }) => row.names ?? []);
    const unchecked = names.filter(
      (n) => CHECKED_LIBRARIES.includes(n.split(".")[0]) && !fixture.namesChecked.includes(n),
    );
    expect(unchecked, `new names: rebuild the fixture with\n  ${REBUILD}`).toEqual([]);
  });

  it("every fixture belongs to a row and has our side to compare", () => {
    const used = rows.flatMap(({ row }) => (row.fixture ? [row.fixture] : []));
    expect(Object.keys(fixture.values).sort()).toEqual([...new Set(used)].sort());
    expect(Object.keys(OURS).sort()).toEqual(Object.keys(fixture.values).sort());
  });

  it.each(
    Object.keys(fixture.values),
  )("%s: our TypeScript reproduces Python's value", async (key) => {
    await ready({ quiet: true });
    expectSame(key, await OURS[key](), fixture.values[key]);
  });

  it("a wrong convention is caught (numpy's default ddof=0 is not our sample variance)", () => {
    const populationVariance = ps.variance(v, 0);
    expect(() =>
      expectSame("03/var-ddof1", populationVariance, fixture.values["03/var-ddof1"]),
    ).toThrow();
  });
});
