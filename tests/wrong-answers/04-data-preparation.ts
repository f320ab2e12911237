import type { DataFrame } from "danfojs-node";
import * as solution from "../../solutions/04-data-preparation";
import { requireDanfo } from "../../src/data/tabular";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const { columnValues, columnsOf, frameFrom, isMissing, numericValues } = solution;

/** Both frames stacked (the leak: statistics learned from train AND test). */
function stacked(train: DataFrame, test: DataFrame): DataFrame {
  const cols = columnsOf(train);
  const more = columnsOf(test);
  for (const name of train.columns) cols[name] = [...cols[name], ...more[name]];
  return frameFrom(cols, train.columns);
}

/** Keeps only the rows of df where `keep` is true. */
function filterRows(df: DataFrame, keep: boolean[]): DataFrame {
  const cols = columnsOf(df);
  for (const name of df.columns) cols[name] = cols[name].filter((_, i) => keep[i]);
  return frameFrom(cols, df.columns);
}

function mean(xs: number[]): number {
  return xs.reduce((s, v) => s + v, 0) / xs.length;
}

/** Median imputation with the median computed by `median` (from the known training values). */
function imputeWith(
  median: (known: number[]) => number,
  onlyFirstColumn = false,
): Lab["imputeMedian"] {
  return (train, test, columns) => {
    const used = onlyFirstColumn ? columns.slice(0, 1) : columns;
    const medians = Object.fromEntries(
      used.map((c) => [c, median(numericValues(train, c).filter((v) => !Number.isNaN(v)))]),
    );
    const fill = (df: DataFrame) => {
      const cols = columnsOf(df);
      for (const c of used) cols[c] = cols[c].map((v) => (isMissing(v) ? medians[c] : v));
      return frameFrom(cols, df.columns);
    };
    return { train: fill(train), test: fill(test), medians };
  };
}

/** Tukey's rule with the quartiles computed by `quartile(sorted, p)`. */
function iqrWith(
  quartile: (s: number[], p: number) => number,
  sort: (values: number[]) => number[] = (v) => v.slice().sort((a, b) => a - b),
  upperOnly = false,
): Lab["iqrOutlierFlags"] {
  return (values, k = 1.5) => {
    const s = sort(values);
    const q1 = quartile(s, 0.25);
    const q3 = quartile(s, 0.75);
    const iqr = q3 - q1;
    return values.map((v) => (!upperOnly && v < q1 - k * iqr) || v > q3 + k * iqr);
  };
}

const interpolated = (s: number[], p: number) => {
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
};

export const wrongAnswers: WrongAnswer<Lab>[] = [
  {
    exercise: "count-missing",
    mistake: "danfo sum() without axis: per-row counts",
    impl: {
      countMissing: (df) => {
        const rows = df.isNa().sum().values as number[];
        return Object.fromEntries(rows.map((v, i) => [String(i), v]));
      },
    },
    expectMessage: /axis: 0/,
  },
  {
    exercise: "count-missing",
    mistake: "Number.isNaN misses null in text columns",
    impl: {
      countMissing: (df) =>
        Object.fromEntries(
          df.columns.map((c) => [c, columnValues(df, c).filter((v) => Number.isNaN(v)).length]),
        ),
    },
    expectMessage: /null/,
  },
  {
    exercise: "count-missing",
    mistake: "global isNaN counts every string",
    impl: {
      countMissing: (df) =>
        Object.fromEntries(
          df.columns.map((c) => [
            c,
            columnValues(df, c).filter((v) => v === null || Number.isNaN(Number(v))).length,
          ]),
        ),
    },
    expectMessage: /global isNaN/,
  },
  {
    exercise: "count-missing",
    mistake: "counts present values",
    impl: {
      countMissing: (df) =>
        Object.fromEntries(
          df.columns.map((c) => [c, columnValues(df, c).filter((v) => !isMissing(v)).length]),
        ),
    },
    expectMessage: /PRESENT/,
  },
  {
    exercise: "count-missing",
    mistake: "leaves out columns without gaps",
    impl: {
      countMissing: (df) => {
        const all = solution.countMissing(df);
        return Object.fromEntries(Object.entries(all).filter(([, v]) => v > 0));
      },
    },
    expectMessage: /every column/,
  },
  {
    exercise: "median-impute",
    mistake: "median of train AND test rows (leakage)",
    impl: {
      imputeMedian: (train, test, columns) => {
        const { medians } = solution.imputeMedian(stacked(train, test), test, columns);
        const fill = (df: DataFrame) => {
          const cols = columnsOf(df);
          for (const c of columns) cols[c] = cols[c].map((v) => (isMissing(v) ? medians[c] : v));
          return frameFrom(cols, df.columns);
        };
        return { train: fill(train), test: fill(test), medians };
      },
    },
    expectMessage: /training rows only/,
  },
  {
    exercise: "median-impute",
    mistake: "mean instead of median",
    impl: {
      imputeMedian: (train, test, columns) => {
        const medians = Object.fromEntries(
          columns.map((c) => [c, mean(numericValues(train, c).filter((v) => !Number.isNaN(v)))]),
        );
        const fill = (df: DataFrame) => {
          const cols = columnsOf(df);
          for (const c of columns) cols[c] = cols[c].map((v) => (isMissing(v) ? medians[c] : v));
          return frameFrom(cols, df.columns);
        };
        return { train: fill(train), test: fill(test), medians };
      },
    },
    expectMessage: /mean/,
  },
  {
    exercise: "median-impute",
    mistake: "test gaps filled with the test median",
    impl: {
      imputeMedian: (train, test, columns) => {
        const onTrain = solution.imputeMedian(train, train, columns);
        const onTest = solution.imputeMedian(test, test, columns);
        return { train: onTrain.train, test: onTest.test, medians: onTrain.medians };
      },
    },
    expectMessage: /TEST median/,
  },
  {
    exercise: "median-impute",
    mistake: "drops rows with gaps",
    impl: {
      imputeMedian: (train, test, columns) => {
        const r = solution.imputeMedian(train, test, columns);
        const complete = (df: DataFrame) => columnValues(df, columns[0]).map((v) => !isMissing(v));
        return {
          ...r,
          train: filterRows(train, complete(train)),
          test: filterRows(test, complete(test)),
        };
      },
    },
    expectMessage: /never drop rows/,
  },
  {
    exercise: "median-impute",
    mistake: "fills the input frames in place",
    impl: {
      imputeMedian: (train, test, columns) => {
        const r = solution.imputeMedian(train, test, columns);
        train.fillNa(
          columns.map((c) => r.medians[c]),
          { columns, inplace: true },
        );
        test.fillNa(
          columns.map((c) => r.medians[c]),
          { columns, inplace: true },
        );
        return { ...r, train, test };
      },
    },
    expectMessage: /imputeMedian changed its argument train/,
  },
  {
    exercise: "one-hot",
    mistake: "categories from each frame separately (getDummies per frame)",
    impl: {
      oneHotEncode: (train, test, column) => {
        const trainEnc = solution.oneHotEncode(train, train, column);
        const testEnc = solution.oneHotEncode(test, test, column);
        return { train: trainEnc.train, test: testEnc.test, categories: trainEnc.categories };
      },
    },
    expectMessage: /training categories for both/,
  },
  {
    exercise: "one-hot",
    mistake: "drops the first category",
    impl: {
      oneHotEncode: (train, test, column) => {
        const r = solution.oneHotEncode(train, test, column);
        const dropped = `${column}_${r.categories[0]}`;
        const drop = (df: DataFrame) =>
          frameFrom(
            columnsOf(df),
            df.columns.filter((c) => c !== dropped),
          );
        return { train: drop(r.train), test: drop(r.test), categories: r.categories.slice(1) };
      },
    },
    expectMessage: /none dropped/,
  },
  {
    exercise: "one-hot",
    mistake: "categories from train and test together",
    impl: {
      oneHotEncode: (train, test, column) => {
        const r = solution.oneHotEncode(stacked(train, test), test, column);
        const enc = solution.oneHotEncode(stacked(train, test), train, column);
        return { train: enc.test, test: r.test, categories: r.categories };
      },
    },
    expectMessage: /only occurs in the test set/,
  },
  {
    exercise: "one-hot",
    mistake: "categories in order of appearance (not sorted)",
    impl: {
      oneHotEncode: (train, test, column) => {
        const r = solution.oneHotEncode(train, test, column);
        return {
          ...r,
          categories: [
            ...new Set(
              columnValues(train, column)
                .filter((v) => !isMissing(v))
                .map(String),
            ),
          ],
        };
      },
    },
    expectMessage: /Sort the categories/,
  },
  {
    exercise: "one-hot",
    mistake: "keeps the original column",
    impl: {
      oneHotEncode: (train, test, column) => {
        const r = solution.oneHotEncode(train, test, column);
        const keep = (orig: DataFrame, enc: DataFrame) => {
          const cols = columnsOf(enc);
          cols[column] = columnValues(orig, column);
          return frameFrom(cols, [
            ...enc.columns.slice(0, orig.columns.indexOf(column)),
            column,
            ...enc.columns.slice(orig.columns.indexOf(column)),
          ]);
        };
        return { ...r, train: keep(train, r.train), test: keep(test, r.test) };
      },
    },
    expectMessage: /Remove the original/,
  },
  {
    exercise: "scale-train-only",
    mistake: "test scaled with its own statistics",
    impl: {
      standardize: (train, test, columns) => {
        const r = solution.standardize(train, train, columns);
        return { ...r, test: solution.standardize(test, test, columns).test };
      },
    },
    expectMessage: /ITS OWN mean/,
  },
  {
    exercise: "scale-train-only",
    mistake: "sample std (n − 1), as danfo's std()",
    impl: {
      standardize: (train, test, columns) => {
        const n = train.shape[0];
        const r = solution.standardize(train, test, columns);
        const std = Object.fromEntries(columns.map((c) => [c, r.std[c] * Math.sqrt(n / (n - 1))]));
        return { ...r, std };
      },
    },
    expectMessage: /divides by n − 1/,
  },
  {
    exercise: "scale-train-only",
    mistake: "statistics from train and test together",
    impl: {
      standardize: (train, test, columns) => {
        const both = solution.standardize(stacked(train, test), test, columns);
        return { ...both, train: solution.standardize(stacked(train, test), train, columns).test };
      },
    },
    expectMessage: /training rows only/,
  },
  {
    exercise: "scale-train-only",
    mistake: "constant column divided by 0",
    impl: {
      standardize: (train, test, columns) => {
        const r = solution.standardize(train, test, columns);
        const std = { ...r.std };
        for (const c of columns)
          if (numericValues(train, c).every((v, _i, a) => v === a[0])) std[c] = 0;
        return { ...r, std };
      },
    },
    expectMessage: /constant column/,
  },
  {
    exercise: "iqr-outliers",
    mistake: "mean ± k·std instead of quartiles",
    impl: {
      iqrOutlierFlags: (values, k = 1.5) => {
        const m = mean(values);
        const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
        return values.map((v) => Math.abs(v - m) > k * sd);
      },
    },
    expectMessage: /mean ± k·std/,
  },
  {
    exercise: "iqr-outliers",
    mistake: "a value on the fence counts as an outlier",
    impl: {
      iqrOutlierFlags: (values, k = 1.5) => {
        const s = values.slice().sort((a, b) => a - b);
        const q = (p: number) => {
          const h = (s.length - 1) * p;
          const lo = Math.floor(h);
          return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
        };
        const iqr = q(0.75) - q(0.25);
        return values.map((v) => v <= q(0.25) - k * iqr || v >= q(0.75) + k * iqr);
      },
    },
    expectMessage: /strict/,
  },
  {
    exercise: "iqr-outliers",
    mistake: "flags in sorted order",
    impl: {
      iqrOutlierFlags: (values, k = 1.5) =>
        solution.iqrOutlierFlags(
          values.slice().sort((a, b) => a - b),
          k,
        ),
    },
    expectMessage: /ORIGINAL order/,
  },
  {
    exercise: "iqr-outliers",
    mistake: "ignores k",
    impl: { iqrOutlierFlags: (values) => solution.iqrOutlierFlags(values, 1.5) },
  },
  {
    exercise: "polynomial-features",
    mistake: "squares only, no crosses",
    impl: {
      addQuadraticFeatures: (df, columns) => {
        const cols = columnsOf(df);
        for (const c of columns) cols[`${c}^2`] = numericValues(df, c).map((v) => v * v);
        return frameFrom(cols, [...df.columns, ...columns.map((c) => `${c}^2`)]);
      },
    },
    expectMessage: /CROSSES/,
  },
  {
    exercise: "polynomial-features",
    mistake: "both a*b and b*a",
    impl: {
      addQuadraticFeatures: (df, columns) => {
        const out = solution.addQuadraticFeatures(df, columns);
        const cols = columnsOf(out);
        const order = [...out.columns];
        for (let i = 1; i < columns.length; i++) {
          const name = `${columns[i]}*${columns[0]}`;
          cols[name] = cols[`${columns[0]}*${columns[i]}`];
          order.push(name);
        }
        return frameFrom(cols, order);
      },
    },
    expectMessage: /same feature/,
  },
  {
    exercise: "polynomial-features",
    mistake: "drops the original columns",
    impl: {
      addQuadraticFeatures: (df, columns) => {
        const out = solution.addQuadraticFeatures(df, columns);
        return frameFrom(columnsOf(out), out.columns.slice(df.columns.length));
      },
    },
    expectMessage: /original columns/,
  },
  {
    exercise: "prepare-auto-mpg",
    mistake: "drops test rows with missing horsepower",
    impl: {
      prepareAutoMpg: (train, test) => {
        const keep = columnValues(test, "horsepower").map((v) => !isMissing(v));
        return solution.prepareAutoMpg(train, filterRows(test, keep));
      },
    },
    expectMessage: /Dropping test rows/,
  },
  {
    exercise: "prepare-auto-mpg",
    mistake: "test scaled with its own statistics",
    impl: {
      prepareAutoMpg: (train, test) => {
        const onTrain = solution.prepareAutoMpg(train, train);
        const onTest = solution.prepareAutoMpg(test, test);
        return { ...onTrain, xTest: onTest.xTest, yTest: onTest.yTest };
      },
    },
    expectMessage: /TEST statistics/,
  },
  {
    exercise: "prepare-auto-mpg",
    mistake: "forgets to standardise",
    impl: {
      prepareAutoMpg: (train, test) => {
        const imputed = solution.imputeMedian(train, test, solution.AUTO_MPG_NUMERIC);
        const enc = solution.oneHotEncode(imputed.train, imputed.test, "origin");
        const names = [...solution.AUTO_MPG_NUMERIC, ...enc.categories.map((c) => `origin_${c}`)];
        const x = (df: DataFrame) => {
          const cols = names.map((n) => numericValues(df, n));
          return cols[0].map((_, i) => cols.map((c) => c[i]));
        };
        return {
          xTrain: x(enc.train),
          yTrain: numericValues(enc.train, "mpg"),
          xTest: x(enc.test),
          yTest: numericValues(enc.test, "mpg"),
          featureNames: names,
        };
      },
    },
    expectMessage: /standardise the numeric columns/,
  },
  {
    exercise: "prepare-auto-mpg",
    mistake: "one origin column dropped",
    impl: {
      prepareAutoMpg: (train, test) => {
        const r = solution.prepareAutoMpg(train, test);
        const d = r.featureNames.length - 1;
        return {
          ...r,
          featureNames: r.featureNames.slice(0, d),
          xTrain: r.xTrain.map((row) => row.slice(0, d)),
          xTest: r.xTest.map((row) => row.slice(0, d)),
        };
      },
    },
    expectMessage: /all three origin columns/,
  },
  {
    exercise: "prepare-auto-mpg",
    mistake: "imputes with the median of all rows",
    impl: {
      prepareAutoMpg: (train, test) => {
        const dfd = requireDanfo();
        const both = stacked(train, test);
        const median = solution.imputeMedian(both, both, ["horsepower"]).medians.horsepower;
        const fill = (df: DataFrame) => {
          const cols = columnsOf(df);
          cols.horsepower = cols.horsepower.map((v) => (isMissing(v) ? median : v));
          return new dfd.DataFrame(cols, { columns: df.columns });
        };
        return solution.prepareAutoMpg(fill(train), fill(test));
      },
    },
  },
  {
    exercise: "median-impute",
    mistake: "even count: the upper middle value, not the mean of the two",
    impl: {
      imputeMedian: imputeWith(
        (known) => known.sort((a, b) => a - b)[Math.floor(known.length / 2)],
      ),
    },
    expectMessage: /two middle values/,
  },
  {
    exercise: "median-impute",
    mistake: "sort() without a comparator",
    impl: {
      imputeMedian: imputeWith((known) => {
        const s = known.sort();
        const mid = Math.floor(s.length / 2);
        return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
      }),
    },
    expectMessage: /as text/,
  },
  {
    exercise: "median-impute",
    mistake: "imputes only the first listed column",
    impl: {
      imputeMedian: imputeWith(
        (known) =>
          solution.imputeMedian(frameFrom({ k: known }), frameFrom({ k: known }), ["k"]).medians.k,
        true,
      ),
    },
    expectMessage: /EVERY column/,
  },
  {
    exercise: "one-hot",
    mistake: "a missing training value becomes a category",
    impl: {
      oneHotEncode: (train, test, column) => {
        const categories = [...new Set(columnValues(train, column).map(String))].sort();
        const encode = (df: DataFrame) => {
          const values = columnValues(df, column);
          const cols = columnsOf(df);
          delete cols[column];
          const order = df.columns.filter((c) => c !== column);
          for (const c of categories) {
            cols[`${column}_${c}`] = values.map((v) => (String(v) === c ? 1 : 0));
            order.push(`${column}_${c}`);
          }
          return frameFrom(cols, order);
        };
        return { train: encode(train), test: encode(test), categories };
      },
    },
    expectMessage: /not a category/,
  },
  {
    exercise: "one-hot",
    mistake: "indicator columns where the original column was",
    impl: {
      oneHotEncode: (train, test, column) => {
        const r = solution.oneHotEncode(train, test, column);
        const at = train.columns.indexOf(column);
        const reorder = (df: DataFrame) => {
          const indicators = df.columns.filter((c) => c.startsWith(`${column}_`));
          const others = df.columns.filter((c) => !c.startsWith(`${column}_`));
          return frameFrom(columnsOf(df), [
            ...others.slice(0, at),
            ...indicators,
            ...others.slice(at),
          ]);
        };
        return { ...r, train: reorder(r.train), test: reorder(r.test) };
      },
    },
    expectMessage: /AFTER the other columns/,
  },
  {
    exercise: "iqr-outliers",
    mistake: "sort() without a comparator",
    impl: { iqrOutlierFlags: iqrWith(interpolated, (v) => v.slice().sort()) },
  },
  {
    exercise: "iqr-outliers",
    mistake: "nearest-rank quartiles (no interpolation)",
    impl: { iqrOutlierFlags: iqrWith((s, p) => s[Math.round((s.length - 1) * p)]) },
    expectMessage: /nearest rank/,
  },
  {
    exercise: "iqr-outliers",
    mistake: "h = (n + 1)·p − 1 quartiles (Excel's QUARTILE.EXC)",
    impl: {
      iqrOutlierFlags: iqrWith((s, p) => {
        const h = Math.min(Math.max((s.length + 1) * p - 1, 0), s.length - 1);
        const lo = Math.floor(h);
        return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
      }),
    },
    expectMessage: /\(n \+ 1\)/,
  },
  {
    exercise: "iqr-outliers",
    mistake: "only the upper fence",
    impl: { iqrOutlierFlags: iqrWith(interpolated, undefined, true) },
  },
  {
    exercise: "polynomial-features",
    mistake: "pairs in the frame's column order, not the order of `columns`",
    impl: {
      addQuadraticFeatures: (df, columns) =>
        solution.addQuadraticFeatures(
          df,
          df.columns.filter((c) => columns.includes(c)),
        ),
    },
    expectMessage: /order of `columns`/,
  },
  {
    exercise: "prepare-auto-mpg",
    mistake: "imputes horsepower only",
    impl: {
      prepareAutoMpg: (train, test) => {
        const imputed = solution.imputeMedian(train, test, ["horsepower"]);
        const encoded = solution.oneHotEncode(imputed.train, imputed.test, "origin");
        const scaled = solution.standardize(encoded.train, encoded.test, solution.AUTO_MPG_NUMERIC);
        const featureNames = [
          ...solution.AUTO_MPG_NUMERIC,
          ...encoded.categories.map((c) => `origin_${c}`),
        ];
        const toMatrix = (df: DataFrame) => {
          const cols = featureNames.map((name) => numericValues(df, name));
          return cols[0].map((_, i) => cols.map((col) => col[i]));
        };
        return {
          xTrain: toMatrix(scaled.train),
          yTrain: numericValues(scaled.train, "mpg"),
          xTest: toMatrix(scaled.test),
          yTest: numericValues(scaled.test, "mpg"),
          featureNames,
        };
      },
    },
    expectMessage: /EVERY column of AUTO_MPG_NUMERIC/,
  },
  {
    exercise: "median-impute",
    mistake: "a column with no training values gets a NaN median instead of an error",
    impl: {
      imputeMedian: (train, test, columns) => {
        const known = (name: string) => numericValues(train, name).filter((v) => !Number.isNaN(v));
        const usable = columns.filter((name) => known(name).length > 0);
        const result = solution.imputeMedian(train, test, usable);
        for (const name of columns) if (!usable.includes(name)) result.medians[name] = Number.NaN;
        return result;
      },
    },
    expectMessage: /no training values/,
  },
];
