import type { DataFrame } from "danfojs-node";
import { type CsvRecord, loadDataFrame, loadRecords, trainTestSplit } from "../../data";
import { requireDanfo } from "../../data/tabular";
import { fail } from "../../grading/check-failure";
import {
  diagnose,
  expectClose,
  expectGridClose,
  expectMessageNames,
  expectThat,
  expectToThrow,
  formatNumber,
  describe as show,
} from "../../grading/expect";
import { defineLab } from "../../grading/types";
import { fitLeastSquares, meanSquaredError } from "../../math/least-squares";

type Lab = typeof import("../../../solutions/04-data-preparation");
type Cell = number | string | null;

/*
 * Expected values are computed with plain loops over the raw CSV records (loadRecords), not
 * with the lab's helpers, so a check and a solution cannot share a mistake.
 */

const NUMERIC = ["cylinders", "displacement", "horsepower", "weight", "acceleration", "model_year"];

function frame(columns: Record<string, Cell[]>): DataFrame {
  const dfd = requireDanfo();
  return new dfd.DataFrame(columns, { columns: Object.keys(columns) });
}

/** A learner's frame as plain columns; fails clearly when it is not a DataFrame. */
function readFrame(
  got: unknown,
  what: string,
): { columns: string[]; data: Record<string, Cell[]>; rows: number } {
  const df = got as DataFrame | undefined;
  if (!df || !Array.isArray(df.columns) || typeof df.column !== "function") {
    fail({
      message: `${what} should be a danfo DataFrame.`,
      got: show(got),
      likelyCause: "Build the result with frameFrom(columns, order).",
    });
  }
  const data: Record<string, Cell[]> = {};
  for (const name of df.columns) data[name] = (df.column(name).values as Cell[]).slice();
  return {
    columns: [...df.columns],
    data,
    rows: df.columns.length > 0 ? data[df.columns[0]].length : 0,
  };
}

/** Both views danfo keeps of a frame (row data and column data), to detect mutation. */
function snapshot(df: DataFrame): string {
  const replacer = (_k: string, v: unknown) =>
    typeof v === "number" && Number.isNaN(v) ? "NaN" : v;
  const byColumn = df.columns.map((c) => df.column(c).values);
  return JSON.stringify({ columns: df.columns, rows: df.values, byColumn }, replacer);
}

function expectUnchanged(before: string, df: DataFrame, what: string): void {
  expectThat(snapshot(df) === before, {
    message: `${what} changed a DataFrame it was given.`,
    likelyCause:
      "In danfo 1.2, copy() is shallow and fillNa / addColumn can write into the original: read columns with columnValues and build a new frame with frameFrom.",
  });
}

function expectColumns(got: string[], want: string[], what: string, likelyCause?: string): void {
  expectThat(got.length === want.length && got.every((c, i) => c === want[i]), {
    message: `${what} has the wrong columns.`,
    expected: want.join(", "),
    got: got.join(", "),
    likelyCause,
  });
}

function expectColumnClose(
  got: Cell[] | undefined,
  want: number[],
  what: string,
  likelyCause?: string,
  tolerance = 1e-9,
): void {
  expectGridClose(
    (got ?? []).map((v) => (typeof v === "number" ? v : Number.NaN)),
    want,
    {
      what,
      tolerance,
      likelyCause,
      shapeCause: "Keep every row: the output must have as many rows as the input.",
    },
  );
}

function loopMedian(xs: number[]): number {
  const s = xs.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function loopQuantile(xs: number[], q: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
}

/** Tukey's rule with quartiles from `quartile(sorted, p)`: the right one or a learner's variant. */
function tukeyFlags(
  values: number[],
  k: number,
  quartile: (s: number[], p: number) => number,
): boolean[] {
  const s = values.slice().sort((a, b) => a - b);
  const q1 = quartile(s, 0.25);
  const q3 = quartile(s, 0.75);
  return values.map((v) => v < q1 - k * (q3 - q1) || v > q3 + k * (q3 - q1));
}

const nearestRank = (s: number[], p: number) => s[Math.round((s.length - 1) * p)];

/** numpy's "weibull" / Excel QUARTILE.EXC positions: h = (n + 1)·p − 1, clamped. */
const exclusiveQuartile = (s: number[], p: number) => {
  const h = Math.min(Math.max((s.length + 1) * p - 1, 0), s.length - 1);
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
};

/** Flags of the (wrong) mean ± k·std rule, to recognise it. */
function sigmaRule(values: number[], k: number): boolean[] {
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
  return values.map((v) => Math.abs(v - m) > k * sd);
}

function sameFlags(a: boolean[], b: boolean[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

/** The auto-mpg split the notebook uses: rows with a known mpg, 20% test, seed 42. */
async function autoMpgSplit(): Promise<{
  train: DataFrame;
  test: DataFrame;
  trainRows: CsvRecord[];
  testRows: CsvRecord[];
}> {
  const records = loadRecords("auto_mpg");
  const labelled = records.map((_, i) => i).filter((i) => records[i].mpg !== null);
  const split = trainTestSplit(
    labelled,
    labelled.map(() => 0),
    { testSize: 0.2, seed: 42 },
  );
  const cars = await loadDataFrame("auto_mpg");
  return {
    train: cars.iloc({ rows: split.xTrain }),
    test: cars.iloc({ rows: split.xTest }),
    trainRows: split.xTrain.map((i) => records[i]),
    testRows: split.xTest.map((i) => records[i]),
  };
}

/** The expected auto-mpg pipeline, by loops over the raw training records: x for one record. */
function expectedPipeline(trainRows: CsvRecord[]): {
  row: (r: CsvRecord) => number[];
  wantNames: string[];
} {
  const medians = Object.fromEntries(
    NUMERIC.map((c) => [c, loopMedian(trainRows.map((r) => num(r[c])))]),
  );
  const filled = (r: CsvRecord, c: string) => (r[c] === null ? medians[c] : num(r[c]));
  const stats = NUMERIC.map((c) => {
    const xs = trainRows.map((r) => filled(r, c));
    const m = xs.reduce((s, v) => s + v, 0) / xs.length;
    return { m, s: Math.sqrt(xs.reduce((acc, v) => acc + (v - m) ** 2, 0) / xs.length) };
  });
  const origins = [...new Set(trainRows.map((r) => String(r.origin)))].sort();
  return {
    row: (r) => [
      ...NUMERIC.map((c, j) => (filled(r, c) - stats[j].m) / stats[j].s),
      ...origins.map((o) => (r.origin === o ? 1 : 0)),
    ],
    wantNames: [...NUMERIC, ...origins.map((o) => `origin_${o}`)],
  };
}

/** Records as a frame the way loadDataFrame builds one (NaN for gaps in numeric columns). */
function frameOfRecords(rows: CsvRecord[], columns: string[]): DataFrame {
  return frame(
    Object.fromEntries(
      columns.map((c) => [
        c,
        rows.map((r) => (r[c] === null && NUMERIC.includes(c) ? Number.NaN : r[c])),
      ]),
    ),
  );
}

const num = (v: Cell | undefined) => (v === null || v === undefined ? Number.NaN : Number(v));

export const dataPreparationLab = defineLab<Lab>({
  id: "04-data-preparation",
  title: "Data preparation & feature engineering",
  summary:
    "Find and fill gaps, encode categories and scale features — learning every statistic from the training rows only.",
  exercises: [
    {
      id: "count-missing",
      title: "Count missing values",
      points: 1,
      exports: ["countMissing"],
      timeoutMs: 20_000,
      hints: [
        "Missing looks different by column type: NaN in numbers, null in text. Which test catches both?",
        "For each name in df.columns, count the values v of columnValues(df, name) with isMissing(v). (With danfo: df.isNa().sum({ axis: 0 }).)",
        "filter(isMissing) keeps exactly the missing values, so the length of what it returns is the count. Collect one count per name of df.columns into a plain object: a column with nothing missing still gets 0.",
      ],
      check: async (lab) => {
        const tiny = frame({ a: [1, Number.NaN, 3], b: ["x", null, null], c: [1, 2, 3] });
        const got = lab.countMissing(tiny) as Record<string, number> | undefined;
        const keys = got && typeof got === "object" ? Object.keys(got) : [];
        expectThat(
          ["a", "b", "c"].every((k) => keys.includes(k)),
          {
            message: "countMissing should return one entry per COLUMN name.",
            expected: "{ a: 1, b: 2, c: 0 }",
            got: show(got),
            likelyCause: keys.includes("0")
              ? "The keys are row numbers: danfo's sum() adds along each ROW unless you pass { axis: 0 }."
              : "Include every column, also those with 0 missing values.",
          },
        );
        const g = got as Record<string, number>;
        expectThat(g.a === 1 && g.b === 2 && g.c === 0, {
          message:
            "countMissing on a = [1, NaN, 3], b = ['x', null, null], c = [1, 2, 3] is wrong.",
          expected: "{ a: 1, b: 2, c: 0 }",
          got: show(got),
          likelyCause:
            g.b === 0
              ? "Text columns mark gaps with null, which Number.isNaN does not catch: use isMissing."
              : g.b === 3
                ? "The global isNaN('x') is true (it converts strings): use isMissing."
                : g.a === 2 && g.c === 3
                  ? "You counted the values that are PRESENT: count the missing ones."
                  : undefined,
        });
        const cars = await loadDataFrame("auto_mpg");
        const records = loadRecords("auto_mpg");
        const want: Record<string, number> = {};
        for (const name of cars.columns)
          want[name] = records.filter((r) => r[name] === null).length;
        const carsGot = lab.countMissing(cars) as Record<string, number>;
        for (const name of cars.columns) {
          expectThat(carsGot?.[name] === want[name], {
            message: `countMissing(auto_mpg) is wrong for column "${name}".`,
            expected: String(want[name]),
            got: show(carsGot?.[name]),
          });
        }
      },
    },
    {
      id: "median-impute",
      title: "Median imputation, learned on train",
      points: 2,
      exports: ["imputeMedian", "Imputed"],
      timeoutMs: 20_000,
      hints: [
        "Which rows may the median come from, if the test set stands for data you have not seen yet? And what happens to a test row with a gap?",
        "median = middle of the sorted non-missing TRAINING values (mean of the two middle ones for an even count). Replace missing values in both frames with it; keep all rows.",
        "Work on copies of both frames' columns (columnsOf) and replace missing values column by column with the TRAINING median, also in the test frame. Keep the columns' order with frameFrom(…, df.columns), and throw a clear error for a column with no training values.",
      ],
      check: async (lab) => {
        const train = frame({ h: [1, Number.NaN, 3, 10], k: [5, 6, 7, 8] });
        const test = frame({ h: [Number.NaN, 5], k: [9, 10] });
        const before = [snapshot(train), snapshot(test)];
        const got = lab.imputeMedian(train, test, ["h"]);
        const median = got?.medians?.h;
        expectClose(median, 3, {
          what: "medians.h for train h = [1, NaN, 3, 10]",
          likelyCause: diagnose(median, [
            {
              value: 4,
              cause:
                "That is the median of train AND test rows: learn it from the training rows only (test data must not leak in).",
            },
            {
              value: 14 / 3,
              cause: "That is the mean: use the median (robust to the outlier 10).",
            },
            { value: 2, cause: "Skip the missing values before taking the median." },
            {
              value: 10,
              cause:
                "sort() without a comparator sorts numbers as text (10 before 3): use sort((a, b) => a - b).",
            },
          ]),
        });
        const tr = readFrame(got.train, "imputeMedian(...).train");
        const te = readFrame(got.test, "imputeMedian(...).test");
        expectThat(te.rows === 2 && tr.rows === 4, {
          message: "imputeMedian must keep every row.",
          expected: "4 train rows and 2 test rows",
          got: `${tr.rows} train rows and ${te.rows} test rows`,
          likelyCause:
            "Fill the gaps; never drop rows (a test row with a gap still needs a prediction).",
        });
        expectColumnClose(tr.data.h, [1, 3, 3, 10], "train h after imputing");
        expectColumnClose(
          te.data.h,
          [3, 5],
          "test h after imputing",
          te.data.h?.[0] === 5
            ? "The test gap got the TEST median: use the training median for both frames."
            : undefined,
        );
        expectColumnClose(
          te.data.k,
          [9, 10],
          "test k (a column not in `columns`)",
          "Leave the other columns as they are.",
        );
        expectUnchanged(before[0], train, "imputeMedian");
        expectUnchanged(before[1], test, "imputeMedian");

        // Two columns, an even number of known training values (6 = mean of 4 and 8), and
        // values that sort differently as text ("10" < "2").
        const train2 = frame({
          u: [4, Number.NaN, 10, 8, 2, Number.NaN],
          v: [10, 30, Number.NaN, 20, 40, 50],
          w: [1, 2, 3, 4, 5, 6],
        });
        const test2 = frame({ u: [Number.NaN, 0], v: [Number.NaN, Number.NaN], w: [7, 8] });
        const two = lab.imputeMedian(train2, test2, ["u", "v"]);
        const medianU = two?.medians?.u;
        expectClose(medianU, 6, {
          what: "medians.u for train u = [4, NaN, 10, 8, 2, NaN] (4 known values)",
          likelyCause: diagnose(medianU, [
            {
              value: 4,
              cause:
                "With an even count the median is the MEAN of the two middle values (4 and 8).",
            },
            {
              value: 8,
              cause:
                "With an even count the median is the MEAN of the two middle values (4 and 8).",
            },
            {
              value: 3,
              cause:
                "sort() without a comparator sorts numbers as text (10 before 2): use sort((a, b) => a - b).",
            },
          ]),
        });
        expectClose(two.medians?.v, 30, {
          what: "medians.v (the second column in `columns`)",
          likelyCause: "Impute EVERY column listed in `columns`, not only the first.",
        });
        const tr2 = readFrame(two.train, "imputeMedian(..., ['u', 'v']).train");
        const te2 = readFrame(two.test, "imputeMedian(..., ['u', 'v']).test");
        expectColumnClose(tr2.data.u, [4, 6, 10, 8, 2, 6], "train u after imputing");
        expectColumnClose(
          te2.data.u,
          [6, 0],
          "test u after imputing",
          "Fill only the missing test values, with the training median.",
        );
        expectColumnClose(
          te2.data.v,
          [30, 30],
          "test v after imputing",
          "Impute EVERY column listed in `columns`, not only the first.",
        );
        expectColumnClose(
          tr2.data.w,
          [1, 2, 3, 4, 5, 6],
          "train w (a column not in `columns`)",
          "Leave the other columns as they are.",
        );
        // A column with no training value has no median: filling NaN would hide the problem.
        const noValues = expectToThrow(
          () =>
            lab.imputeMedian(
              frame({ u: [1, 2, 3], v: [Number.NaN, Number.NaN, Number.NaN] }),
              frame({ u: [4], v: [5] }),
              ["u", "v"],
            ),
          "imputeMedian should throw when a column has no training values (train v is all NaN): it has no median.",
          "Throw an Error naming the column when no training value is known (the median of nothing is NaN).",
        );
        expectMessageNames(
          noValues,
          /\bv\b/,
          "imputeMedian with train v all missing",
          'Name the column, e.g. `imputeMedian: column "v" has no training values.`',
        );

        const split = await autoMpgSplit();
        const hp = split.trainRows.map((r) => num(r.horsepower));
        const real = lab.imputeMedian(split.train, split.test, ["horsepower"]);
        expectClose(real.medians?.horsepower, loopMedian(hp), {
          what: "medians.horsepower on the auto-mpg training rows",
        });
        const realTest = readFrame(real.test, "imputeMedian(auto-mpg).test");
        expectColumnClose(
          realTest.data.horsepower,
          split.testRows.map((r) => (r.horsepower === null ? loopMedian(hp) : num(r.horsepower))),
          "auto-mpg test horsepower after imputing",
        );
      },
    },
    {
      id: "one-hot",
      title: "One-hot encoding with training categories",
      points: 2,
      exports: ["oneHotEncode", "Encoded"],
      timeoutMs: 20_000,
      hints: [
        "Train and test must end up with exactly the same columns, in the same order. Whose categories decide which columns exist?",
        "categories = [...new Set(train values without missing)].sort(). For each frame: drop `column`, then add a column column + '_' + c = (value === c ? 1 : 0) for every category c.",
        "Common mistakes: taking categories from train AND test (a category seen only in test gets no column, so its rows are all zeros), forgetting to sort them, and letting a missing value match a category: compare String(v) with the category only when the value is not missing. The new frame's column order is the other columns, then one new column per category.",
      ],
      check: async (lab) => {
        const train = frame({ x: [1, 2, 3], origin: ["b", "a", "b"] });
        const test = frame({ x: [4, 5, 6], origin: ["c", "a", null] });
        const before = [snapshot(train), snapshot(test)];
        const got = lab.oneHotEncode(train, test, "origin");
        const cats = got?.categories ?? [];
        expectThat(Array.isArray(cats) && cats.join(",") === "a,b", {
          message: "categories should be the sorted distinct TRAINING values.",
          expected: '["a", "b"]',
          got: show(cats),
          likelyCause: cats.includes("c")
            ? "'c' only occurs in the test set: learn the categories from the training rows."
            : cats.length > 2
              ? "List each category once (use a Set)."
              : cats.join(",") === "b,a"
                ? "Sort the categories."
                : cats.length < 2
                  ? "Keep EVERY training category (k columns for k categories; none dropped)."
                  : undefined,
        });
        const tr = readFrame(got.train, "oneHotEncode(...).train");
        const te = readFrame(got.test, "oneHotEncode(...).test");
        const want = ["x", "origin_a", "origin_b"];
        const cause = (cols: string[]) =>
          cols.includes("origin")
            ? "Remove the original text column once it is encoded."
            : cols.length === 2
              ? "Keep one column for EVERY category (k columns, no dropped category)."
              : cols.includes("origin_c")
                ? "The columns come from the test set's own categories: use the training categories for both frames."
                : new Set(cols).size < cols.length
                  ? "A category appears twice: one column per distinct category."
                  : "Name the columns <column>_<category> (e.g. origin_a), after the other columns, in category order.";
        expectColumns(tr.columns, want, "The encoded train frame", cause(tr.columns));
        expectColumns(te.columns, want, "The encoded test frame", cause(te.columns));
        expectColumnClose(tr.data.origin_a, [0, 1, 0], "train origin_a");
        expectColumnClose(tr.data.origin_b, [1, 0, 1], "train origin_b");
        expectColumnClose(
          te.data.origin_a,
          [0, 1, 0],
          "test origin_a",
          "An unseen or missing category gets 0 in every indicator column.",
        );
        expectColumnClose(
          te.data.origin_b,
          [0, 0, 0],
          "test origin_b",
          "An unseen or missing category gets 0 in every indicator column.",
        );
        expectColumnClose(te.data.x, [4, 5, 6], "test x (not encoded)");
        expectUnchanged(before[0], train, "oneHotEncode");
        expectUnchanged(before[1], test, "oneHotEncode");

        // The encoded column first, and a gap in the TRAINING values: a gap is not a category.
        const train2 = frame({ color: ["red", null, "blue", "red"], y: [1, 2, 3, 4] });
        const test2 = frame({ color: ["blue", "green"], y: [5, 6] });
        const two = lab.oneHotEncode(train2, test2, "color");
        const cats2 = Array.isArray(two?.categories) ? two.categories.map(String) : [];
        expectThat(cats2.join(",") === "blue,red", {
          message: "categories for train color = [red, null, blue, red] should be [blue, red].",
          expected: '["blue", "red"]',
          got: show(two?.categories),
          likelyCause: cats2.some((c) => c === "null" || c === "NaN" || c === "undefined")
            ? "A missing training value is not a category: skip values where isMissing(v)."
            : undefined,
        });
        const tr2 = readFrame(two.train, "oneHotEncode(color first).train");
        const te2 = readFrame(two.test, "oneHotEncode(color first).test");
        const firstCause = (cols: string[]) =>
          cols[0]?.startsWith("color_")
            ? "Append the indicator columns AFTER the other columns (here after y), do not put them where the original column was."
            : cause(cols);
        expectColumns(
          tr2.columns,
          ["y", "color_blue", "color_red"],
          "The encoded train frame (color was the first column)",
          firstCause(tr2.columns),
        );
        expectColumns(
          te2.columns,
          ["y", "color_blue", "color_red"],
          "The encoded test frame (color was the first column)",
          firstCause(te2.columns),
        );
        expectColumnClose(
          tr2.data.color_red,
          [1, 0, 0, 1],
          "train color_red",
          "A missing value gets 0 in every indicator column.",
        );
        expectColumnClose(
          tr2.data.color_blue,
          [0, 0, 1, 0],
          "train color_blue",
          "A missing value gets 0 in every indicator column.",
        );
        expectColumnClose(te2.data.color_blue, [1, 0], "test color_blue");

        const split = await autoMpgSplit();
        const real = lab.oneHotEncode(split.train, split.test, "origin");
        expectThat((real.categories ?? []).join(",") === "Europe,Japan,USA", {
          message: "auto-mpg origin categories should be Europe, Japan, USA.",
          got: show(real.categories),
        });
        const realTest = readFrame(real.test, "oneHotEncode(auto-mpg).test");
        expectColumnClose(
          realTest.data.origin_Japan,
          split.testRows.map((r) => (r.origin === "Japan" ? 1 : 0)),
          "auto-mpg test origin_Japan",
        );
      },
    },
    {
      id: "scale-train-only",
      title: "Standardise with training statistics",
      points: 2,
      exports: ["standardize", "Scaled"],
      timeoutMs: 20_000,
      hints: [
        "A scaler is a tiny model: fit on train, apply to both. What would it mean if the test set's own mean shaped its scaled values?",
        "For each column: mean and POPULATION std (divide by n) of the training values; z = (x − mean)/std for train and test. Use 1 when std is 0.",
        "Per column, compute mean and population std from numericValues(train, name) only, store them (a std of 0 is stored as 1), and map both frames' values through (v − mean)/std. Common mistake: computing the test set's own mean and std: the test rows must use the training ones.",
      ],
      check: async (lab) => {
        const train = frame({ x: [1, 2, 3, 4], c: [7, 7, 7, 7], t: ["p", "q", "r", "s"] });
        const test = frame({ x: [5, 3], c: [7, 8], t: ["u", "v"] });
        const before = [snapshot(train), snapshot(test)];
        const got = lab.standardize(train, test, ["x", "c"]);
        const sd = Math.sqrt(1.25);
        expectClose(got?.mean?.x, 2.5, {
          what: "mean.x for train x = [1, 2, 3, 4]",
          likelyCause: diagnose(got?.mean?.x, [
            {
              value: 3,
              cause: "That mean includes the test rows: learn it from the training rows only.",
            },
          ]),
        });
        expectClose(got.std?.x, sd, {
          what: "std.x for train x = [1, 2, 3, 4]",
          likelyCause: diagnose(got.std?.x, [
            {
              value: Math.sqrt(5 / 3),
              cause:
                "That divides by n − 1 (danfo's std()): use the population std, dividing by n, like StandardScaler.",
            },
            { value: 1.25, cause: "That is the variance: take its square root." },
          ]),
        });
        expectClose(got.std?.c, 1, {
          what: "std.c for a constant column",
          likelyCause: "A constant column has std 0: use 1 instead, so it maps to 0 (not NaN).",
        });
        const tr = readFrame(got.train, "standardize(...).train");
        const te = readFrame(got.test, "standardize(...).test");
        expectColumnClose(
          tr.data.x,
          [1, 2, 3, 4].map((v) => (v - 2.5) / sd),
          "train x after standardising",
        );
        const testX = te.data.x;
        expectColumnClose(
          testX,
          [(5 - 2.5) / sd, (3 - 2.5) / sd],
          "test x after standardising",
          typeof testX?.[0] === "number" && Math.abs(testX[0] - 1) < 1e-9
            ? "You scaled the test set with ITS OWN mean and std: use the training statistics (that is the whole point)."
            : "z = (x − train mean) / train std.",
        );
        expectColumnClose(te.data.c, [0, 1], "test c (constant in train)");
        expectColumns(
          te.columns,
          ["x", "c", "t"],
          "The standardised test frame",
          "Keep all columns, in their order; only the listed ones change.",
        );
        expectUnchanged(before[0], train, "standardize");
        expectUnchanged(before[1], test, "standardize");

        const split = await autoMpgSplit();
        const w = split.trainRows.map((r) => num(r.weight));
        const m = w.reduce((s, v) => s + v, 0) / w.length;
        const s = Math.sqrt(w.reduce((acc, v) => acc + (v - m) ** 2, 0) / w.length);
        const real = readFrame(
          lab.standardize(split.train, split.test, ["weight"]).test,
          "standardize(auto-mpg).test",
        );
        expectColumnClose(
          real.data.weight,
          split.testRows.map((r) => (num(r.weight) - m) / s),
          "auto-mpg test weight after standardising",
        );
      },
    },
    {
      id: "iqr-outliers",
      title: "Outliers by the IQR rule",
      points: 1,
      exports: ["iqrOutlierFlags"],
      hints: [
        "Quartiles need sorted values, but the flags must come back in the ORIGINAL order. Is a value exactly on a fence an outlier?",
        "Q1, Q3 = the 0.25 and 0.75 quantiles (h = (n − 1)·q, interpolate); IQR = Q3 − Q1; flag v < Q1 − k·IQR or v > Q3 + k·IQR.",
        "Write a small q(p) helper over a sorted copy (the same interpolation as lab 03's quantile) and take Q1 = q(0.25), Q3 = q(0.75). Then map over the ORIGINAL values, not the sorted copy, with strict comparisons against the two fences: a value exactly on a fence is not an outlier.",
      ],
      check: (lab) => {
        const flags = (got: unknown) => (Array.isArray(got) ? got.map(Boolean) : []);
        const shuffledInput = [5, 100, 1, 9, 2, 8, 3, 7, 4, 6];
        const got = flags(lab.iqrOutlierFlags([...shuffledInput]));
        const want = shuffledInput.map((v) => v === 100);
        expectThat(got.length === want.length && got.every((f, i) => f === want[i]), {
          message:
            "iqrOutlierFlags([5, 100, 1, 9, 2, 8, 3, 7, 4, 6]) should flag only 100 (Q1 3.25, Q3 7.75, fences −3.5 and 14.5).",
          expected: JSON.stringify(want),
          got: JSON.stringify(got),
          likelyCause:
            got[9] === true
              ? "Return the flags in the ORIGINAL order of the values, not sorted order."
              : undefined,
        });
        // A tight cluster: IQR = 0, so every value other than 10 is outside the fences.
        const tight = [10, 10, 10, 12, 10, 10, 8, 10, 20, 10, 10];
        const gotTight = flags(lab.iqrOutlierFlags([...tight]));
        const wantTight = tight.map((v) => v !== 10);
        expectThat(sameFlags(gotTight, wantTight), {
          message:
            "iqrOutlierFlags([10, 10, 10, 12, 10, 10, 8, 10, 20, 10, 10]): Q1 = Q3 = 10, so 12, 8 and 20 are outliers.",
          expected: JSON.stringify(wantTight),
          got: JSON.stringify(gotTight),
          likelyCause: sameFlags(gotTight, sigmaRule(tight, 1.5))
            ? "That is the mean ± k·std rule: use the quartiles, Q1 − k·IQR and Q3 + k·IQR."
            : gotTight.every(Boolean)
              ? "The 10s sit exactly on the fences: use strict comparisons, v < lower or v > upper."
              : "Q1 and Q3 are the interpolated 0.25 and 0.75 quantiles of the sorted values.",
        });
        // 14.5 sits exactly on the upper fence: not an outlier.
        const fence = [1, 2, 3, 4, 5, 6, 7, 8, 9, 14.5];
        const gotFence = flags(lab.iqrOutlierFlags([...fence]));
        expectThat(gotFence.length === 10 && gotFence.every((f) => !f), {
          message: "A value exactly on the fence (14.5 = Q3 + 1.5·IQR here) is not an outlier.",
          expected: "no flags",
          got: JSON.stringify(gotFence),
          likelyCause: "Use strict comparisons: v < lower or v > upper.",
        });
        // Interpolated quartiles 12.5 and 37.5 put the upper fence at 75, so 80 is an outlier;
        // rounded (nearest-rank) or (n + 1)·p quartiles would move the fence past it.
        const six = [30, 80, 0, 20, 10, 40];
        const gotSix = flags(lab.iqrOutlierFlags([...six]));
        const wantSix = six.map((v) => v === 80);
        // Both wrong quartile rules can give the same flags here: name each one that matches.
        const wrongQuartiles = [
          sameFlags(gotSix, tukeyFlags(six, 1.5, nearestRank))
            ? "do not round h to the nearest rank"
            : "",
          sameFlags(gotSix, tukeyFlags(six, 1.5, exclusiveQuartile))
            ? "do not use h = (n + 1)·q − 1"
            : "",
        ].filter(Boolean);
        expectThat(sameFlags(gotSix, wantSix), {
          message:
            "iqrOutlierFlags([30, 80, 0, 20, 10, 40]) should flag 80 (Q1 12.5, Q3 37.5, upper fence 75).",
          expected: JSON.stringify(wantSix),
          got: JSON.stringify(gotSix),
          likelyCause:
            wrongQuartiles.length > 0
              ? `Interpolate the quartiles at h = (n − 1)·q (1.25 lies between s[1] and s[2]): ${wrongQuartiles.join(", and ")}.`
              : "Q1 and Q3 are the interpolated 0.25 and 0.75 quantiles of the sorted values.",
        });
        // Airquality ozone: a skewed real column.
        const ozone = loadRecords("airquality")
          .map((r) => r.Ozone)
          .filter((v): v is number => typeof v === "number");
        const q1 = loopQuantile(ozone, 0.25);
        const q3 = loopQuantile(ozone, 0.75);
        for (const k of [1.5, 1]) {
          const wantOz = ozone.map((v) => v < q1 - k * (q3 - q1) || v > q3 + k * (q3 - q1));
          const gotOz = flags(lab.iqrOutlierFlags([...ozone], k));
          expectThat(sameFlags(gotOz, wantOz), {
            message: `iqrOutlierFlags(airquality Ozone, k = ${k}) flags the wrong values.`,
            expected: `${wantOz.filter(Boolean).length} outliers (Q1 ${formatNumber(q1)}, Q3 ${formatNumber(q3)})`,
            got: `${gotOz.filter(Boolean).length} flagged`,
            likelyCause: sameFlags(gotOz, sigmaRule(ozone, k))
              ? "That is the mean ± k·std rule: use the quartiles, Q1 − k·IQR and Q3 + k·IQR."
              : "Q1/Q3 are interpolated quantiles (h = (n − 1)·q) of the sorted values; use k from the argument.",
          });
        }
      },
    },
    {
      id: "polynomial-features",
      title: "Squares and feature crosses",
      points: 2,
      exports: ["addQuadraticFeatures"],
      timeoutMs: 20_000,
      hints: [
        "With columns a, b, c, which products of two columns exist? Is a*b different from b*a?",
        "Loop i over the columns and j from i to the end: i = j gives a + '^2', i < j gives a + '*' + b. Append them after the existing columns.",
        "Each new column is the row-by-row product of the two columns' numericValues, e.g. a.map((v, r) => v * b[r]). Start from a copy of the columns (columnsOf) and an order that begins with df.columns; append each new name in loop order and build the result with frameFrom.",
      ],
      check: async (lab) => {
        const df = frame({ a: [1, 2], b: [3, 4], t: ["x", "y"] });
        const before = snapshot(df);
        const got = readFrame(
          lab.addQuadraticFeatures(df, ["a", "b"]),
          "addQuadraticFeatures(df, ['a', 'b'])",
        );
        const want = ["a", "b", "t", "a^2", "a*b", "b^2"];
        expectColumns(
          got.columns,
          want,
          "addQuadraticFeatures(df, ['a', 'b'])",
          !got.columns.includes("a*b")
            ? "Include the feature CROSSES (a*b), not only the squares."
            : got.columns.includes("b*a")
              ? "a*b and b*a are the same feature: take each pair once (j from i)."
              : !got.columns.includes("a")
                ? "Keep the original columns too."
                : "Order: the original columns, then for each i ≤ j: a^2, a*b, b^2.",
        );
        expectColumnClose(got.data["a^2"], [1, 4], "a^2");
        expectColumnClose(got.data["a*b"], [3, 8], "a*b");
        expectColumnClose(got.data["b^2"], [9, 16], "b^2");
        expectUnchanged(before, df, "addQuadraticFeatures");
        const three = readFrame(
          lab.addQuadraticFeatures(frame({ p: [1, 2, 3], q: [0, 1, 2], r: [2, 2, 5] }), [
            "p",
            "q",
            "r",
          ]),
          "addQuadraticFeatures with three columns",
        );
        expectColumns(
          three.columns,
          ["p", "q", "r", "p^2", "p*q", "p*r", "q^2", "q*r", "r^2"],
          "addQuadraticFeatures with three columns",
        );
        expectColumnClose(three.data["q*r"], [0, 2, 10], "q*r");
        // `columns` in a different order than the frame's (and a subset of it): follow `columns`.
        const reordered = readFrame(
          lab.addQuadraticFeatures(frame({ a: [1, 2], b: [3, 4], c: [5, 6] }), ["c", "a"]),
          "addQuadraticFeatures(df, ['c', 'a'])",
        );
        expectColumns(
          reordered.columns,
          ["a", "b", "c", "c^2", "c*a", "a^2"],
          "addQuadraticFeatures(df, ['c', 'a'])",
          reordered.columns.includes("b^2")
            ? "Only the columns listed in `columns` get squares and crosses."
            : reordered.columns.includes("a*c")
              ? "Pairs follow the order of `columns` (c before a here), not the frame's column order."
              : "The original columns, then for each i ≤ j of `columns` in the order given: c^2, c*a, a^2.",
        );
        expectColumnClose(reordered.data["c*a"], [5, 12], "c*a");
      },
    },
    {
      id: "prepare-auto-mpg",
      title: "The full preparation pipeline",
      points: 3,
      exports: ["prepareAutoMpg", "PreparedData", "AUTO_MPG_NUMERIC"],
      timeoutMs: 30_000,
      hints: [
        "Chain your exercises in the order that makes sense: can you scale a column that still has gaps? Which columns are features, and which is the target?",
        "imputeMedian(train, test, AUTO_MPG_NUMERIC) → oneHotEncode(…, 'origin') → standardize(…, AUTO_MPG_NUMERIC). featureNames = [...AUTO_MPG_NUMERIC, ...categories.map((c) => 'origin_' + c)].",
        "The three steps return columns; the model wants rows. For each frame, take numericValues of every feature name (a list of columns), then transpose: row i holds entry i of every column, in featureNames order. mpg is never scaled or used as a feature: it is y.",
      ],
      check: async (lab) => {
        const split = await autoMpgSplit();
        const trainRows = split.trainRows;
        const testRows = split.testRows;
        const { row, wantNames } = expectedPipeline(trainRows);

        const before = [snapshot(split.train), snapshot(split.test)];
        const got = lab.prepareAutoMpg(split.train, split.test);
        const names = Array.isArray(got?.featureNames) ? got.featureNames : [];
        expectColumns(
          names,
          wantNames,
          "prepareAutoMpg(...).featureNames",
          names.includes("name") || names.includes("mpg")
            ? "'name' is not a feature and 'mpg' is the target: keep both out of x."
            : names.filter((n) => n.startsWith("origin_")).length === 2
              ? "Keep all three origin columns (no dropped category)."
              : "The 6 numeric features in AUTO_MPG_NUMERIC order, then origin_Europe, origin_Japan, origin_USA.",
        );
        const testCount = Array.isArray(got.xTest) ? got.xTest.length : 0;
        expectThat(
          testCount === testRows.length &&
            Array.isArray(got.yTest) &&
            got.yTest.length === testRows.length,
          {
            message: "prepareAutoMpg must keep every test row.",
            expected: `${testRows.length} test rows`,
            got: `${testCount} rows in xTest, ${Array.isArray(got.yTest) ? got.yTest.length : "no"} in yTest`,
            likelyCause:
              "Dropping test rows with gaps makes the score look better than it is: impute them with the training median.",
          },
        );
        expectGridClose(
          got.yTrain,
          trainRows.map((r) => num(r.mpg)),
          { what: "yTrain (the mpg column)" },
        );
        expectGridClose(
          got.yTest,
          testRows.map((r) => num(r.mpg)),
          { what: "yTest (the mpg column)" },
        );
        expectGridClose(got.xTrain, trainRows.map(row), {
          what: "xTrain",
          tolerance: 1e-8,
          likelyCause:
            "Impute → one-hot → standardise the numeric columns with training statistics (population std).",
        });
        const wantTest = testRows.map(row);
        const gotTest = got.xTest;
        // Diagnose the classic leak: the test columns standardised with their own statistics.
        const weightIdx = NUMERIC.indexOf("weight");
        const testWeights = gotTest.map((r) => r[weightIdx]);
        const ownMean = testWeights.reduce((s, v) => s + v, 0) / testWeights.length;
        expectGridClose(gotTest, wantTest, {
          what: "xTest",
          tolerance: 1e-8,
          likelyCause:
            Math.abs(ownMean) < 1e-9
              ? "The test columns have mean exactly 0: they were scaled with the TEST statistics. Use the training mean and std."
              : "Use the training medians, categories, means and stds for the test rows.",
        });
        expectUnchanged(before[0], split.train, "prepareAutoMpg");
        expectUnchanged(before[1], split.test, "prepareAutoMpg");
        // And the point of it all: a linear model on the prepared data.
        const fit = fitLeastSquares(got.xTrain, got.yTrain);
        const mse = meanSquaredError(got.yTest, fit.predict(got.xTest));
        expectThat(mse < 12, {
          message: "Least squares on your prepared features should reach a test MSE below 12 mpg².",
          got: formatNumber(mse),
        });
        // "Be general": gaps in other numeric columns too, in train and in test.
        const gap = (rows: CsvRecord[], holes: [number, string][]) =>
          rows.map((r, i) => {
            const copy = { ...r };
            for (const [at, column] of holes) if (at === i) copy[column] = null;
            return copy;
          });
        const gappyTrain = gap(trainRows, [
          [0, "weight"],
          [1, "weight"],
          [2, "cylinders"],
          [3, "model_year"],
          [4, "displacement"],
        ]);
        const gappyTest = gap(testRows, [
          [0, "acceleration"],
          [1, "weight"],
          [2, "cylinders"],
        ]);
        const order = split.train.columns;
        const gappy = expectedPipeline(gappyTrain);
        const got2 = lab.prepareAutoMpg(
          frameOfRecords(gappyTrain, order),
          frameOfRecords(gappyTest, order),
        );
        const gapCause =
          "Impute EVERY column of AUTO_MPG_NUMERIC with its training median (here weight, cylinders, … have gaps too), not only horsepower.";
        expectGridClose(got2?.xTrain, gappyTrain.map(gappy.row), {
          what: "xTrain when weight, cylinders, model_year and displacement also have gaps",
          tolerance: 1e-8,
          likelyCause: gapCause,
        });
        expectGridClose(got2.xTest, gappyTest.map(gappy.row), {
          what: "xTest when acceleration, weight and cylinders also have gaps",
          tolerance: 1e-8,
          likelyCause: gapCause,
        });
      },
    },
  ],
});
