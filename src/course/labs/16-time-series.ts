/*
 * Calibration (reference solution, wasm backend, 2 busy cores; train = first 80 %, min-max
 * fitted on the training period, one-step forecasts of the whole validation period):
 *   sunspots_monthly: naive MAE 13.153 (0.0518 normalised), seasonal naive (12) 27.06,
 *     moving average (12) 16.66.
 *     Dense(32, 16) on 30-month windows, 10 epochs, Adam 1e-3, batch 32, seeds 1–5:
 *     val MAE 12.348 / 12.835 / 12.306 / 12.655 / 12.659 = 6.1 / 2.4 / 6.4 / 3.8 / 3.8 % better
 *     than naive (0.0485–0.0506 normalised; the certificate's top mark is ≤ 0.12), 3–7 s each;
 *     seeds 11–13: 7.6 / 6.3 / 7.8 % (the check trains with seed 11).
 *     Conv1D(32) + LSTM(32) on 30-month windows, 10 epochs, seeds 1–3: 0.9 / 5.8 / 4.2 % better,
 *     19–36 s each (too slow and too close to naive to grade by training: graded by its
 *     architecture, trained in the notebook).
 *   co2_monthly: naive MAE 1.188 ppm (0.0281), seasonal naive 1.385, moving average (12) 2.080.
 *     Dense(32, 16) on 12-month windows, 40 epochs, Adam 3e-3, seeds 1–5: val MAE
 *     0.513 / 0.410 / 0.448 / 0.639 / 0.553 ppm = 56.8 / 65.5 / 62.3 / 46.2 / 53.4 % better than
 *     naive (0.0097–0.0151 normalised), 2–6 s each; seeds 11–13: 65.3 / 56.4 / 48.8 % (the
 *     check trains with seed 12). (Conv1D + LSTM on CO₂ fails to beat naive
 *     on 2 of 3 seeds: its tanh state cannot follow the trend beyond the training range.)
 * Bands ("improvement" = 1 − model MAE / naive MAE on the validation period):
 *   sunspots: full ≥ 1 % (the reference's worst seed is 2.4 %), zero at −5 % (worse than naive).
 *   CO₂: full ≥ 30 % (the reference's worst seed is 46 %), zero at 0 %.
 *   The score is the mean of the two bands. Known-wrong answers: labels off by one (the model
 *   learns to copy its input) scores 0 % / 8.8 % better → 0.57, rejected and named.
 *   Whole-series scaling, training on validation windows, ignored epochs or callbacks fail
 *   before any band (spied fit arguments and the returned scaler).
 * Check times (busy machine): train-forecaster 4–15 s, every other check < 1.5 s.
 */

import { seededRandom } from "../../data/random";
import { forecastMae, loadTimeSeries, naiveForecast } from "../../data/timeseries";
import { bandFraction } from "../../grading/bands";
import { fail } from "../../grading/check-failure";
import { expectThat, formatNumber, describe as show } from "../../grading/expect";
import {
  describeLayers,
  expectModel,
  expectNoLeak,
  expectParamCount,
  layersOf,
  probeLoss,
  summarizeModel,
} from "../../grading/expect-model";
import { spyOnFit } from "../../grading/fit-spy";
import { checkCallbacks } from "../../grading/training";
import { defineLab } from "../../grading/types";
import { ready, tf } from "../../tf";
import { convLstmForecaster, denseForecaster } from "../../tf/models/timeseries";
import { withSeed } from "../../tf/seed";

type Lab = typeof import("../../../solutions/16-time-series");
type Windows = { x: number[][]; y: number[][] };
type MinMax = { min: number; max: number };

/*
 * Expected values come from plain loops written here (and from src/data's baselines), not
 * from the reference solution.
 */

const same = (a: number, b: number, tol = 1e-9) =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

const listsMatch = (got: unknown, want: number[], tol = 1e-9) =>
  Array.isArray(got) &&
  got.length === want.length &&
  want.every((w, i) => typeof got[i] === "number" && same(got[i] as number, w, tol));

const shortList = (v: unknown) =>
  Array.isArray(v)
    ? `[${v
        .slice(0, 8)
        .map((n) => (typeof n === "number" ? formatNumber(n) : show(n)))
        .join(", ")}${v.length > 8 ? `, … (${v.length} values)` : ""}]`
    : show(v);

/** Fails unless `got` equals `want` (NaN = NaN); names the first mistake whose output matches. */
function expectList(
  got: unknown,
  want: number[],
  what: string,
  mistakes: { value: number[]; cause: string }[] = [],
  fallback?: string,
  tol = 1e-9,
): void {
  if (listsMatch(got, want, tol)) return;
  const cause = mistakes.find((m) => listsMatch(got, m.value, tol))?.cause;
  // Show the lists from just before the first difference (a warm-up of NaNs says little).
  const first = Array.isArray(got)
    ? want.findIndex((w, i) => typeof got[i] !== "number" || !same(got[i] as number, w, tol))
    : -1;
  const from = Array.isArray(got) && got.length === want.length && first > 2 ? first - 1 : 0;
  const prefix = from > 0 ? `from t = ${from}: ` : "";
  fail({
    message: cause ? `${what}: ${cause}` : `${what} returned the wrong values.`,
    expected: `${prefix}${shortList(want.slice(from))}`,
    got: `${prefix}${shortList(Array.isArray(got) ? got.slice(from) : got)}`,
    likelyCause: cause ?? fallback,
  });
}

function refWindows(series: number[], windowSize: number, horizon = 1, shift = 1): Windows {
  const x: number[][] = [];
  const y: number[][] = [];
  for (let s = 0; s + windowSize + horizon <= series.length; s += shift) {
    x.push(series.slice(s, s + windowSize));
    y.push(series.slice(s + windowSize, s + windowSize + horizon));
  }
  return { x, y };
}

const minMaxOf = (v: number[]): MinMax => ({ min: Math.min(...v), max: Math.max(...v) });
const scaleBy = (v: number[], s: MinMax) => v.map((x) => (x - s.min) / (s.max - s.min));

function gridsMatch(got: unknown, want: number[][], tol = 1e-9): boolean {
  return (
    Array.isArray(got) &&
    got.length === want.length &&
    want.every((r, i) => listsMatch(got[i], r, tol))
  );
}

const shortGrid = (g: unknown) =>
  Array.isArray(g)
    ? `${g.length} rows: ${g
        .slice(0, 3)
        .map((r) => shortList(r))
        .join(", ")}${g.length > 3 ? ", …" : ""}`
    : show(g);

function expectWindows(
  got: unknown,
  want: Windows,
  what: string,
  causes: { value: Windows; cause: string }[],
) {
  const w = got as Partial<Windows> | null;
  if (!w || !Array.isArray(w.x) || !Array.isArray(w.y)) {
    fail({ message: `${what} should return { x, y } (arrays of windows).`, got: show(got) });
  }
  if (gridsMatch(w.x, want.x) && gridsMatch(w.y, want.y)) return;
  const cause = causes.find((c) => gridsMatch(w.x, c.value.x) && gridsMatch(w.y, c.value.y))?.cause;
  const part = gridsMatch(w.x, want.x) ? "y" : "x";
  fail({
    message: cause ? `${what}: ${cause}` : `${what}: the ${part} windows are wrong.`,
    expected: `${part}: ${shortGrid(want[part])}`,
    got: `${part}: ${shortGrid(w[part])}`,
    likelyCause:
      cause ??
      (w.x.length !== want.x.length
        ? `Expected ${want.x.length} windows, got ${w.x.length}: a window needs windowSize inputs and horizon labels inside the series; the next one starts shift values later.`
        : "x[i] = series[start .. start + windowSize), y[i] = the horizon values right after it."),
  });
}

/** A trending, seasonal series with distinct values: later values exceed the training max. */
function trendSeries(n: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from(
    { length: n },
    (_, t) => 100 + 2 * t + 15 * Math.sin((2 * Math.PI * t) / 12) + 3 * random(),
  );
}

function huberLoop(yTrue: number[], yPred: number[], delta: number): number {
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const e = Math.abs(yPred[i] - yTrue[i]);
    s += e <= delta ? 0.5 * e * e : delta * (e - 0.5 * delta);
  }
  return s / yTrue.length;
}

/** A model that forecasts the mean of its window: weights fixed, no training. */
function meanModel(windowSize: number, rank: 2 | 3): tf.LayersModel {
  const model = tf.sequential();
  if (rank === 3) model.add(tf.layers.flatten({ inputShape: [windowSize, 1] }));
  model.add(
    tf.layers.dense({
      units: 1,
      ...(rank === 2 ? { inputShape: [windowSize] } : {}),
      kernelInitializer: tf.initializers.constant({ value: 1 / windowSize }),
      biasInitializer: tf.initializers.constant({ value: 0.01 }),
    }),
  );
  return model;
}

/** The model's input shape (without the batch) as text. */
const inputShapeOf = (m: tf.LayersModel) => `[${m.inputs[0].shape.slice(1).join(", ")}]`;

/** One-step validation MAE of `model` on `series`, computed here with the training-period scaler. */
function modelValidationMae(model: tf.LayersModel, series: number[], windowSize: number) {
  const split = Math.floor(series.length * 0.8);
  const s = minMaxOf(series.slice(0, split));
  const scaled = scaleBy(series, s);
  const w = refWindows(scaled.slice(split - windowSize), windowSize);
  const rank = model.inputs[0].shape.length;
  const out = tf.tidy(() => {
    const x = tf.tensor(
      w.x.flat(),
      rank === 3 ? [w.x.length, windowSize, 1] : [w.x.length, windowSize],
    );
    return model.predict(x) as tf.Tensor;
  });
  const pred = Array.from(out.dataSync());
  out.dispose();
  let sum = 0;
  let copy = 0;
  for (let i = 0; i < pred.length; i++) {
    sum += Math.abs(pred[i] - w.y[i][0]);
    copy += Math.abs(pred[i] - w.x[i][windowSize - 1]);
  }
  const normalised = sum / pred.length;
  // How far the forecasts are from simply repeating each window's last value.
  const copyGap = copy / pred.length;
  return { normalised, original: normalised * (s.max - s.min), copyGap };
}

export const timeSeriesLab = defineLab<Lab>({
  id: "16-time-series",
  title: "Time series forecasting",
  summary:
    "Forecast monthly series (sunspots, CO₂) with windows, a time-ordered split and training-period normalisation; beat naive baselines with dense and Conv1D + LSTM networks, a Huber loss and a learning-rate sweep.",
  exercises: [
    {
      id: "min-max",
      title: "Min-max scaling fitted on the training period",
      points: 1,
      exports: ["fitMinMax", "scale", "unscale"],
      hints: [
        "fitMinMax only looks at the values it is given (the training period). scale maps min → 0 and max → 1; unscale undoes exactly that.",
        "scale: subtract min, then divide by the range (max − min). unscale: multiply by the range, then add min back. Do not clip: validation values above the training max scale above 1.",
        "Test the round trip yourself: unscale(scale(v, s), s) must give v back for any v, also values outside [min, max].",
      ],
      check: (lab) => {
        const train = [5, -2, 9, 3, 7];
        const s = lab.fitMinMax(train);
        expectThat(!!s && s.min === -2 && s.max === 9, {
          message: "fitMinMax([5, -2, 9, 3, 7]) should return { min: -2, max: 9 }.",
          expected: "{ min: -2, max: 9 }",
          got: show(s),
          likelyCause:
            "min is the smallest training value, max the largest (not the first and last).",
        });
        const scaler = { min: 10, max: 50 };
        const values = [10, 30, 50, 70, 0];
        const want = [0, 0.5, 1, 1.5, -0.25];
        expectList(
          lab.scale(values, scaler),
          want,
          "scale([10, 30, 50, 70, 0], { min: 10, max: 50 })",
          [
            {
              value: values.map((v) => v / 40),
              cause: "divides by the range without subtracting min first.",
            },
            {
              value: values.map((v) => (v - 10) / 50),
              cause: "divides by max instead of the range (max − min).",
            },
            {
              value: [0, 0.5, 1, 1, 0],
              cause:
                "clips to [0, 1]: validation values outside the training range must keep their distance (1.5, −0.25), or the model cannot see them.",
            },
          ],
          "(v − min) / (max − min) for every value.",
        );
        const back = lab.unscale([0, 0.5, 1, 1.5, -0.25], scaler);
        expectList(
          back,
          values,
          "unscale([0, 0.5, 1, 1.5, −0.25], { min: 10, max: 50 })",
          [
            {
              value: [0, 0.5, 1, 1.5, -0.25].map((v) => v * 40),
              cause:
                "forgets to add min back after multiplying by the range: that is not the inverse of scale.",
            },
            {
              value: [0, 0.5, 1, 1.5, -0.25].map((v) => v * 50 + 10),
              cause: "multiplies by max instead of the range (max − min).",
            },
            {
              value: [0, 0.5, 1, 1.5, -0.25].map((v) => (v - 10) / 40),
              cause: "scales again instead of inverting.",
            },
          ],
          "v · (max − min) + min: the inverse of scale.",
        );
      },
    },
    {
      id: "windows",
      title: "Sliding windows: features and labels",
      points: 1,
      exports: ["makeWindows"],
      hints: [
        "Window i starts at i · shift. Its inputs are windowSize consecutive values; its labels are the horizon values that come right AFTER them.",
        "Loop start = 0, shift, 2·shift, … while start + windowSize + horizon ≤ series.length; slice the inputs and then the labels (the label slice begins where the input slice ends).",
        "Check [1, 2, 3, 4, 5] with windowSize 3: two windows, [1, 2, 3] → [4] and [2, 3, 4] → [5]. If you got [3] as the first label, the label is the window's last input, not the next value.",
      ],
      check: (lab) => {
        const series = [3, 1, 4, 1.5, 9, 2, 6, 5.5, 8, 7];
        const cases: {
          o: { windowSize: number; horizon?: number; shift?: number };
          text: string;
        }[] = [
          { o: { windowSize: 3 }, text: "windowSize 3" },
          { o: { windowSize: 4, horizon: 2 }, text: "windowSize 4, horizon 2" },
          { o: { windowSize: 2, horizon: 1, shift: 3 }, text: "windowSize 2, horizon 1, shift 3" },
          { o: { windowSize: 3, horizon: 3, shift: 2 }, text: "windowSize 3, horizon 3, shift 2" },
        ];
        for (const { o, text } of cases) {
          const ws = o.windowSize;
          const h = o.horizon ?? 1;
          const sh = o.shift ?? 1;
          const want = refWindows(series, ws, h, sh);
          const offByOne: Windows = {
            x: want.x,
            y: want.x.map((_, i) => series.slice(i * sh + ws - 1, i * sh + ws - 1 + h)),
          };
          const noShift = refWindows(series, ws, h, 1);
          const lastDropped = { x: want.x.slice(0, -1), y: want.y.slice(0, -1) };
          expectWindows(lab.makeWindows(series, o), want, `makeWindows(series, { ${text} })`, [
            {
              value: offByOne,
              cause:
                "labels off by one: y starts at the window's LAST input; it must be the value(s) that follow the window.",
            },
            ...(sh > 1
              ? [{ value: noShift, cause: "ignores shift: window i must start at i · shift." }]
              : []),
            {
              value: lastDropped,
              cause:
                "drops the last whole window: the loop condition should be start + windowSize + horizon ≤ length.",
            },
          ]);
        }
      },
    },
    {
      id: "prepare-data",
      title: "A time-ordered split, normalised on the training period",
      points: 2,
      exports: ["prepareForecastData"],
      hints: [
        "Order matters: split first (by time), fit the scaler on the training part only, scale the whole series with it, and only then make windows.",
        "Training windows come from the scaled values before the split. Validation windows predict every value from the split on; their inputs are the windowSize values before each label, so start the validation slice windowSize values before the split.",
        "Do not shuffle here (model.fit shuffles training windows for you). The first validation label must be series[split] (scaled), and every training label must come before the split.",
      ],
      check: (lab) => {
        for (const [n, ws, frac] of [
          [60, 5, undefined],
          [47, 4, 0.7],
        ] as const) {
          const series = trendSeries(n, n);
          const split = Math.floor(n * (frac ?? 0.8));
          const s = minMaxOf(series.slice(0, split));
          const scaled = scaleBy(series, s);
          const what = `prepareForecastData(a ${n}-month trending series, windowSize ${ws}${frac ? `, ${frac}` : ""})`;
          const got =
            frac === undefined
              ? lab.prepareForecastData(series, ws)
              : lab.prepareForecastData(series, ws, frac);
          expectThat(!!got && got.split === split, {
            message: `${what}: split should be floor(${n} · ${frac ?? 0.8}) = ${split}.`,
            expected: `split ${split}`,
            got: `split ${show(got?.split)}`,
            likelyCause: frac
              ? "Use the trainFraction argument (default TRAIN_FRACTION)."
              : "split = Math.floor(series.length · trainFraction).",
          });
          const whole = minMaxOf(series);
          const isWhole = got.scaler?.min === whole.min && got.scaler?.max === whole.max;
          expectThat(!!got.scaler && same(got.scaler.min, s.min) && same(got.scaler.max, s.max), {
            message: isWhole
              ? `${what}: the scaler was fitted on the whole series (normalising with the whole series leaks the validation period's range into training).`
              : `${what}: the scaler is not the training period's min and max.`,
            expected: `{ min: ${formatNumber(s.min)}, max: ${formatNumber(s.max)} } (series[0 .. ${split}))`,
            got: show(got.scaler),
            likelyCause:
              "fitMinMax(series.slice(0, split)): the validation period must not influence the scaling.",
          });
          const wantTrain = refWindows(scaled.slice(0, split), ws);
          const wantValid = refWindows(scaled.slice(split - ws), ws);
          const trainLabels = (got.train?.y ?? []).map((y) => y?.[0]);
          const validLabels = new Set(wantValid.y.map((y) => y[0]));
          const leaked = trainLabels.filter((v) => validLabels.has(v)).length;
          const sortedGot = [...trainLabels].sort((a, b) => a - b);
          const sortedWant = wantTrain.y.map((y) => y[0]).sort((a, b) => a - b);
          expectThat(leaked === 0, {
            message: `${what}: ${leaked} training windows have labels from the validation period: windows were shuffled across the split (or the split was made after shuffling).`,
            expected: `training labels from series[${ws} .. ${split}) only`,
            got: `${leaked} labels at t ≥ ${split}`,
            likelyCause:
              "Split by time first, make training windows from the training part only, and never shuffle before splitting.",
          });
          const shuffled =
            listsMatch(sortedGot, sortedWant) &&
            !listsMatch(
              trainLabels,
              wantTrain.y.map((y) => y[0]),
            );
          expectWindows(got.train, wantTrain, `${what}.train`, [
            ...(shuffled
              ? [
                  {
                    value: got.train,
                    cause:
                      "the training windows are shuffled: keep them in time order here (fit's shuffle option shuffles them, inside the training set only).",
                  },
                ]
              : []),
            {
              value: { x: wantTrain.x, y: wantTrain.x.map((x) => [x[x.length - 1]]) },
              cause:
                "labels off by one: each label is the window's last input instead of the next value.",
            },
          ]);
          expectWindows(got.valid, wantValid, `${what}.valid`, [
            {
              value: refWindows(scaled.slice(split), ws),
              cause: `validation windows start at the split, so the first ${ws} validation values are never forecast: take the ${ws} inputs before the split as the first window's history.`,
            },
            {
              value: { x: wantValid.x, y: wantValid.x.map((x) => [x[x.length - 1]]) },
              cause:
                "labels off by one: each label is the window's last input instead of the next value.",
            },
          ]);
        }
      },
    },
    {
      id: "baselines",
      title: "Naive, seasonal naive and moving-average baselines; MAE",
      points: 2,
      exports: ["naiveForecast", "seasonalNaiveForecast", "movingAverageForecast", "mae"],
      hints: [
        "Every baseline predicts series[t] from values before t only, and is NaN until there is enough history. mae skips the NaN time steps.",
        "Seasonal naive copies the value one season back (t − season, e.g. 12 months for monthly data). The moving average forecast for t averages the `window` values that end at t − 1: the window slides along but never includes t itself.",
        "A centred or 'including today' average looks great on paper because it peeks at the value it predicts. mae: sum |series[t] − forecast[t]| over t ≥ from where the forecast is a number, divided by how many such t there were.",
      ],
      check: async (lab, ctx) => {
        const random = seededRandom(16);
        const series = Array.from(
          { length: 40 },
          (_, t) => 50 + 20 * Math.sin((2 * Math.PI * t) / 6) + 10 * random(),
        );
        const lag = (k: number) => series.map((_, t) => (t >= k ? series[t - k] : Number.NaN));
        await ctx.case("naive", () => {
          expectList(
            lab.naiveForecast(series),
            naiveForecast(series),
            "naiveForecast",
            [
              {
                value: series.slice(),
                cause:
                  "forecast[t] = series[t]: that is the value being predicted; the naive forecast is the PREVIOUS value, series[t − 1].",
              },
              {
                value: [...series.slice(1), Number.NaN],
                cause: "forecast[t] = series[t + 1] peeks into the future; use series[t − 1].",
              },
            ],
            "forecast[t] = series[t − 1], NaN at t = 0.",
          );
        });
        await ctx.case("seasonal naive", () => {
          for (const season of [12, 6]) {
            expectList(
              lab.seasonalNaiveForecast(series, season),
              lag(season),
              `seasonalNaiveForecast(series, ${season})`,
              [
                {
                  value: lag(season - 1),
                  cause: `the wrong lag: series[t − ${season - 1}] (season − 1); same month last season is series[t − season].`,
                },
                {
                  value: lag(season + 1),
                  cause: `the wrong lag: series[t − ${season + 1}] (season + 1); use series[t − season].`,
                },
                { value: lag(1), cause: "ignores season: that is the plain naive forecast." },
              ],
              "forecast[t] = series[t − season], NaN for t < season.",
            );
          }
        });
        await ctx.case("moving average", () => {
          for (const window of [3, 5]) {
            const mean = (a: number, b: number) => {
              let s = 0;
              for (let k = a; k < b; k++) s += series[k];
              return s / (b - a);
            };
            const want = series.map((_, t) => (t >= window ? mean(t - window, t) : Number.NaN));
            const withToday = series.map((_, t) =>
              t >= window - 1 ? mean(t - window + 1, t + 1) : Number.NaN,
            );
            const h = Math.floor(window / 2);
            const centred = series.map((_, t) =>
              t >= h && t + h < series.length ? mean(t - h, t + h + 1) : Number.NaN,
            );
            expectList(
              lab.movingAverageForecast(series, window),
              want,
              `movingAverageForecast(series, ${window})`,
              [
                {
                  value: withToday,
                  cause:
                    "the window includes the value being predicted (series[t]); a forecast may only average series[t − window .. t − 1].",
                },
                {
                  value: centred,
                  cause:
                    "a centred window: it averages values after t too, which is smoothing, not forecasting; use the trailing window series[t − window .. t − 1].",
                },
                {
                  value: withToday.map((v, t) => (t >= window ? v : Number.NaN)),
                  cause:
                    "the window includes the value being predicted (series[t]); a forecast may only average series[t − window .. t − 1].",
                },
              ],
              "forecast[t] = mean of series[t − window .. t − 1], NaN for t < window.",
              1e-9,
            );
          }
        });
        await ctx.case("mae", () => {
          const y = [1, 3, 2, 5, 4, 10];
          const f = [Number.NaN, 1, 3, 2, 4.5, 4];
          const got = lab.mae(y, f);
          const want = (2 + 1 + 3 + 0.5 + 6) / 5;
          expectThat(typeof got === "number" && same(got, want), {
            message: Number.isNaN(got as number)
              ? "mae returned NaN: skip the time steps where the forecast is NaN (the baseline's warm-up)."
              : `mae([1, 3, 2, 5, 4, 10], [NaN, 1, 3, 2, 4.5, 4]) should be ${want}.`,
            expected: formatNumber(want),
            got: show(got),
            likelyCause: same(got as number, 12.5 / 6)
              ? "Divides by all 6 time steps, including the NaN one it skipped: divide by the number of steps actually compared."
              : "Mean of |series[t] − forecast[t]| over the steps with a forecast.",
          });
          const from = lab.mae(y, f, 3);
          const wantFrom = (3 + 0.5 + 6) / 3;
          expectThat(typeof from === "number" && same(from, wantFrom), {
            message: `mae(…, from = 3) should only compare t ≥ 3: ${formatNumber(wantFrom)}.`,
            expected: formatNumber(wantFrom),
            got: show(from),
            likelyCause: same(from as number, want)
              ? "Ignores `from`: start the loop at t = from (the validation period)."
              : "Average over t ≥ from only.",
          });
        });
      },
    },
    {
      id: "huber-loss",
      title: "The Huber loss with tf ops",
      points: 1,
      exports: ["huberLoss"],
      hints: [
        "Work with the absolute error |yPred − yTrue|. Below delta the loss is half its square; above, it grows linearly with slope delta, and the two pieces meet smoothly at |e| = delta.",
        "One way without branches: q = min(|e|, delta) (the quadratic part), l = |e| − q (the linear part); loss = 0.5·q² + delta·l, then the mean. tf.minimum, tf.abs, tf.square, tf.mean.",
        "Try it: errors 0.5 and 3 with delta 1 give 0.125 and 2.5 (not 3: the linear piece is delta·(|e| − delta/2)).",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const random = seededRandom(7);
        const yTrue = Array.from({ length: 24 }, () => random() * 2 - 1);
        const yPred = yTrue.map((v) => v + (random() * 6 - 3));
        for (const delta of [1, 0.5]) {
          const want = huberLoop(yTrue, yPred, delta);
          const a = tf.tensor2d(yTrue, [24, 1]);
          const b = tf.tensor2d(yPred, [24, 1]);
          const out = delta === 1 ? lab.huberLoss(a, b) : lab.huberLoss(a, b, delta);
          const shape = out instanceof tf.Tensor ? out.shape : undefined;
          const value = out instanceof tf.Tensor ? out.dataSync()[0] : Number.NaN;
          tf.dispose([a, b, out]);
          expectThat(out instanceof tf.Tensor, {
            message: "huberLoss should return a tf.Tensor (a scalar).",
            got: show(out),
            likelyCause:
              "Return the tensor from tf.mean(...), not a number (model.compile needs tensors).",
          });
          expectThat(shape?.length === 0, {
            message: `huberLoss should return a scalar (the mean over all elements); its shape is [${shape}].`,
            likelyCause: "End with tf.mean(...) over everything.",
          });
          const errs = yTrue.map((v, i) => Math.abs(yPred[i] - v));
          const avg = (f: (e: number) => number) =>
            errs.reduce((s, e) => s + f(e), 0) / errs.length;
          const mistakes = [
            {
              v: avg((e) => (e <= delta ? e * e : delta * (2 * e - delta))),
              c: "without the 0.5 factors: that is twice the Huber loss.",
            },
            {
              v: avg((e) => (e <= delta ? 0.5 * e * e : delta * e)),
              c: "the linear branch is delta·|e|: it must be delta·(|e| − delta/2), so the pieces meet at |e| = delta.",
            },
            {
              v: avg((e) => (e <= delta ? delta * (e - 0.5 * delta) : 0.5 * e * e)),
              c: "the branches are swapped: quadratic for small errors, linear for large ones.",
            },
            { v: avg((e) => e * e), c: "that is the mean squared error, not Huber." },
            { v: avg((e) => e), c: "that is the mean absolute error, not Huber." },
            { v: want * errs.length, c: "a sum, not a mean." },
            { v: huberLoop(yTrue, yPred, 1), c: "ignores delta (always 1)." },
          ];
          const cause = mistakes.find((m) => same(value, m.v, 1e-5))?.c;
          expectThat(same(value, want, 1e-5), {
            message: cause
              ? `huberLoss (delta ${delta}): ${cause}`
              : `huberLoss with delta ${delta} returned the wrong value.`,
            expected: formatNumber(want),
            got: formatNumber(value),
            likelyCause:
              cause ?? "0.5·e² when |e| ≤ delta, delta·(|e| − 0.5·delta) otherwise; then the mean.",
          });
        }
      },
    },
    {
      id: "forecasters",
      title: "A dense and a Conv1D + LSTM forecaster",
      points: 2,
      exports: ["buildDenseForecaster", "buildConvLstmForecaster"],
      hints: [
        "Both are tf.sequential models ending in Dense(1) with no activation (a forecast can be any number). The Conv1D model takes windows shaped [windowSize, 1]: one feature per time step.",
        "Conv1D: filters 32, kernelSize 5, padding 'same', relu, inputShape [windowSize, 1]. Then tf.layers.lstm({ units: 32 }) (no returnSequences, no dropout), then the Dense(1).",
        "Compile with loss: (yTrue, yPred) => huberLoss(yTrue, yPred), optimizer tf.train.adam(learningRate), metrics ['mae']. The check probes the loss with a large error to see that it is Huber, not MSE.",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        for (const [build, ref, name, ws] of [
          [lab.buildDenseForecaster, denseForecaster, "buildDenseForecaster", 12],
          [lab.buildConvLstmForecaster, convLstmForecaster, "buildConvLstmForecaster", 20],
        ] as const) {
          const model = expectModel(build(ws, 2e-3), `${name}(${ws}, 2e-3)`);
          const want = ref(ws, 2e-3);
          const got = summarizeModel(model);
          const expected = summarizeModel(want);
          want.dispose();
          try {
            const wantShape = `[${expected.inputShape.join(", ")}]`;
            expectThat(`[${got.inputShape.join(", ")}]` === wantShape, {
              message: `${name}(${ws}): the input shape is ${inputShapeOf(model)}.`,
              expected: `inputShape ${wantShape}`,
              got: `inputShape ${inputShapeOf(model)}`,
              likelyCause:
                name === "buildDenseForecaster"
                  ? "A dense forecaster takes the window as a flat vector: inputShape [windowSize]."
                  : "Conv1D and LSTM want [time steps, features] = [windowSize, 1].",
            });
            const lstm = layersOf(got, "LSTM");
            if (name === "buildConvLstmForecaster") {
              const conv = layersOf(got, "Conv1D");
              expectThat(conv.length === 1 && lstm.length === 1, {
                message: `${name}: expected one Conv1D and one LSTM layer; got ${describeLayers(got)}.`,
                expected: describeLayers(expected),
                got: describeLayers(got),
                likelyCause:
                  "tf.layers.conv1d(...), then tf.layers.lstm({ units: 32 }), then tf.layers.dense({ units: 1 }).",
              });
              expectThat(conv[0].config.padding !== "causal", {
                message: `${name}: the Conv1D uses padding "causal", which TF.js does not implement: fit and predict would throw.`,
                likelyCause:
                  'Use padding "same" (the window holds only past values, so nothing from the future leaks in).',
              });
              expectThat(lstm[0].config.returnSequences !== true, {
                message: `${name}: the LSTM returns sequences, so the model outputs one forecast per time step.`,
                likelyCause:
                  "Keep returnSequences false for the last recurrent layer before Dense(1).",
              });
              const cfg = model.layers
                .find((l) => l.getClassName() === "LSTM")
                ?.getConfig() as Record<string, unknown>;
              expectThat(!cfg?.dropout && !cfg?.recurrentDropout, {
                message: `${name}: the LSTM has dropout, so the fast fused LSTM cell cannot run (training is several times slower).`,
                likelyCause: "Leave out dropout / recurrentDropout on this small forecaster.",
              });
            }
            expectThat(got.outputShape.join(",") === "1", {
              message: `${name}: the model outputs shape [${got.outputShape.join(", ")}]; a one-step forecaster outputs one number per window.`,
              likelyCause: "End with tf.layers.dense({ units: 1 }).",
            });
            const last = got.layers[got.layers.length - 1];
            expectThat((last.activation ?? "linear") === "linear", {
              message: `${name}: the output layer has activation "${last.activation}": it cannot forecast every value (relu never goes below 0, sigmoid and tanh saturate above the training range).`,
              likelyCause: "No activation on the output Dense(1).",
            });
            expectParamCount(
              got,
              expected.totalParams,
              `${name}(${ws})`,
              `Build exactly ${describeLayers(expected)}.`,
            );
            // One forward pass on a batch of windows: the model must run, one number per window.
            let forward = "";
            try {
              const shape = name === "buildDenseForecaster" ? [2, ws] : [2, ws, 1];
              const out = tf.tidy(() => model.predict(tf.zeros(shape)) as tf.Tensor);
              forward = `[${out.shape.join(", ")}]`;
              out.dispose();
            } catch (err) {
              fail({
                message: `${name}(${ws}): predicting a batch of 2 windows threw: ${err instanceof Error ? err.message : String(err)}`,
                likelyCause: "Every layer must run in TF.js on inputs shaped like the windows.",
              });
            }
            expectThat(forward === "[2, 1]", {
              message: `${name}(${ws}): predicting 2 windows gave shape ${forward}.`,
              expected: "[2, 1]",
              got: forward,
              likelyCause: "One forecast per window: end with Dense(1).",
            });
            const yTrue = tf.zeros([4, 1]);
            const yPred = tf.tensor2d([0.5, -3, 2, 0.2], [4, 1]);
            const loss = probeLoss(model, yTrue, yPred);
            tf.dispose([yTrue, yPred]);
            const huber = huberLoop([0, 0, 0, 0], [0.5, -3, 2, 0.2], 1);
            const mse = (0.25 + 9 + 4 + 0.04) / 4;
            expectThat(same(loss, huber, 1e-5), {
              message: same(loss, mse, 1e-5)
                ? `${name}: the loss is mean squared error, not Huber.`
                : `${name}: the compiled loss is not the Huber loss (delta 1).`,
              expected: `loss ${formatNumber(huber)} for errors 0.5, −3, 2, 0.2`,
              got: `loss ${formatNumber(loss)}`,
              likelyCause:
                "compile({ loss: (yTrue, yPred) => huberLoss(yTrue, yPred), … }) with your huberLoss.",
            });
            const opt = got.optimizer ?? "";
            const lr = (model.optimizer as unknown as { learningRate?: number }).learningRate;
            expectThat(/adam/i.test(opt) && lr !== undefined && same(lr, 2e-3, 1e-6), {
              message: `${name}(${ws}, 2e-3): the optimizer is ${opt || "missing"} with learning rate ${lr}.`,
              expected: "Adam with learningRate 2e-3",
              got: `${opt} ${lr}`,
              likelyCause:
                "optimizer: tf.train.adam(learningRate): use the argument, not a fixed rate or the string 'adam'.",
            });
          } finally {
            model.dispose();
          }
        }
      },
    },
    {
      id: "lr-sweep",
      title: "A learning-rate sweep callback",
      points: 1,
      exports: ["learningRateSweep"],
      hints: [
        "The callback has one job, at the start of every epoch: compute that epoch's rate, put it on the optimizer, remember it.",
        "rate(epoch) = startLr · growth^epoch, so epoch 0 uses startLr exactly and the rate grows by the factor growth each epoch. Set it in onEpochBegin (once per epoch), not in a batch callback.",
        "Write it to the Adam optimizer through a cast, (model.optimizer as unknown as { learningRate: number }).learningRate, and store it at rates[epoch].",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const fake = { optimizer: { learningRate: 0.5 } } as unknown as tf.LayersModel;
        const lrOf = () => (fake.optimizer as unknown as { learningRate: number }).learningRate;
        const start = 1e-4;
        const growth = 10 ** (1 / 10);
        const sweep = lab.learningRateSweep(fake, start, growth);
        expectThat(
          !!sweep &&
            typeof sweep.callback?.onEpochBegin === "function" &&
            Array.isArray(sweep.rates),
          {
            message: "learningRateSweep should return { callback: { onEpochBegin }, rates }.",
            got: show(sweep && Object.keys(sweep.callback ?? {})),
            likelyCause:
              sweep?.callback && "onBatchBegin" in sweep.callback
                ? "The rate is set per batch: the sweep changes it once per epoch, in onEpochBegin."
                : "Return the callback object with an onEpochBegin(epoch) method, and the rates array it fills.",
          },
        );
        const seen: number[] = [];
        for (let e = 0; e <= 20; e++) {
          await sweep.callback.onEpochBegin(e);
          seen.push(lrOf());
        }
        const want = seen.map((_, e) => start * growth ** e);
        const cause =
          seen[20] < seen[0]
            ? "the schedule shrinks instead of growing: a sweep starts small and multiplies by growth (> 1) every epoch."
            : same(seen[0], start * growth, 1e-6)
              ? "off by one: epoch 0 must use startLr itself (growth^0 = 1)."
              : same(seen[20], start * growth * 20, 1e-6) ||
                  same(seen[20], start * (1 + (growth - 1) * 20), 1e-6)
                ? "the rate grows linearly: it must be multiplied by growth every epoch (startLr · growth^epoch)."
                : undefined;
        expectList(
          seen,
          want,
          "The optimizer's learningRate at epochs 0 … 20 (startLr 1e-4, growth 10^0.1)",
          cause ? [{ value: seen, cause }] : [],
          "startLr · growth^epoch, set in onEpochBegin.",
          1e-6,
        );
        expectList(
          sweep.rates,
          want,
          "rates after 21 epochs",
          [],
          "Store each epoch's rate at rates[epoch].",
          1e-6,
        );

        // A real fit with Adam: the rate seen by every batch of an epoch is that epoch's rate.
        const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
        model.compile({ optimizer: tf.train.adam(0.9), loss: "meanSquaredError" });
        const real = lab.learningRateSweep(model, 0.01, 2);
        const perBatch: number[][] = [];
        const x = tf.ones([8, 2]);
        const y = tf.ones([8, 1]);
        await model.fit(x, y, {
          epochs: 3,
          batchSize: 2,
          verbose: 0,
          callbacks: [
            real.callback as unknown as tf.CustomCallbackArgs,
            {
              onBatchBegin: async () => {
                const lr = (model.optimizer as unknown as { learningRate: number }).learningRate;
                (perBatch[perBatch.length - 1] ?? perBatch[perBatch.push([]) - 1]).push(lr);
              },
              onEpochEnd: async () => {
                perBatch.push([]);
              },
            },
          ],
        });
        tf.dispose([x, y]);
        model.dispose();
        const epochs = perBatch.filter((b) => b.length > 0);
        const flat = epochs.flat();
        const varies = epochs.some((b) => b.some((v) => v !== b[0]));
        expectThat(!varies, {
          message:
            "During model.fit the learning rate changed within an epoch: the schedule is applied per batch.",
          expected: "one rate per epoch: 0.01, 0.02, 0.04",
          got: `rates seen by the batches: ${flat.map(formatNumber).join(", ")}`,
          likelyCause:
            "Set the rate in onEpochBegin(epoch) only; a per-batch callback with the epoch formula grows it far too fast.",
        });
        expectList(
          epochs.map((b) => b[0]),
          [0.01, 0.02, 0.04],
          "The rate seen by each epoch of a real fit (startLr 0.01, growth 2)",
          [
            {
              value: [0.9, 0.9, 0.9],
              cause:
                "the optimizer's rate never changed: assign model.optimizer's learningRate (through the cast).",
            },
          ],
          "startLr · growth^epoch on model.optimizer at the start of each epoch.",
          1e-6,
        );
      },
    },
    {
      id: "validation-mae",
      title: "Validation MAE on both scales",
      points: 1,
      exports: ["validationMae"],
      hints: [
        "Predict all validation windows in one call, shaped for the model (check model.inputs[0].shape: rank 2 for Dense, rank 3 for Conv1D/LSTM).",
        "The normalised MAE compares predictions with data.valid.y as they are. For original units, unscale both the predictions and the labels first (or multiply the normalised MAE by max − min).",
        "Watch the scale: sunspot errors are around 12 in original units and 0.05 normalised. If your 'original' number is below 1 on sunspots, it was never unscaled.",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const series = trendSeries(80, 3);
        for (const rank of [2, 3] as const) {
          const ws = rank === 2 ? 6 : 4;
          const split = 64;
          const s = minMaxOf(series.slice(0, split));
          const scaled = scaleBy(series, s);
          const data = {
            split,
            scaler: s,
            train: refWindows(scaled.slice(0, split), ws),
            valid: refWindows(scaled.slice(split - ws), ws),
          };
          const model = meanModel(ws, rank);
          const pred = data.valid.x.map((x) => x.reduce((a, b) => a + b, 0) / ws + 0.01);
          const normalised =
            pred.reduce((acc, p, i) => acc + Math.abs(p - data.valid.y[i][0]), 0) / pred.length;
          const original = normalised * (s.max - s.min);
          let got: { original: number; normalised: number };
          try {
            got = await expectNoLeak(() => lab.validationMae(model, data), {
              allowed: 0,
              what: "validationMae",
              likelyCause:
                "Dispose the input and prediction tensors (tf.tidy around predict, then .dispose() after reading the values).",
            });
          } catch (err) {
            model.dispose();
            if (rank === 3 && err instanceof Error && /shape|rank|ndim/i.test(err.message))
              fail({
                message: `validationMae with a Conv1D/LSTM-style model (input ${inputShapeOf(meanModel(ws, 3))}) threw: ${err.message}`,
                likelyCause:
                  "Shape the windows [n, windowSize, 1] when model.inputs[0].shape has rank 3.",
              });
            throw err;
          }
          model.dispose();
          const what = `validationMae (model input rank ${rank})`;
          const swapped =
            same(got?.original, normalised, 1e-5) && same(got?.normalised, original, 1e-5);
          expectThat(!!got && same(got.normalised, normalised, 1e-5), {
            message: swapped
              ? `${what}: original and normalised are swapped.`
              : `${what}: the normalised MAE is wrong.`,
            expected: `normalised ${formatNumber(normalised)}`,
            got: `normalised ${show(got?.normalised)}`,
            likelyCause: swapped
              ? "original is in the series' units (unscaled), normalised on the 0–1 training scale."
              : "Mean of |prediction − label| over data.valid, both as scaled.",
          });
          const notInverted = same(got.original, normalised, 1e-5);
          expectThat(same(got.original, original, 1e-5), {
            message: notInverted
              ? `${what}: "original" is the normalised MAE: predictions and labels were not inverted (unscaled) before comparing.`
              : `${what}: the MAE in original units is wrong.`,
            expected: `original ${formatNumber(original)} (= normalised · (max − min) = ${formatNumber(normalised)} · ${formatNumber(s.max - s.min)})`,
            got: `original ${formatNumber(got.original)}`,
            likelyCause: same(got.original, normalised * s.max, 1e-5)
              ? "Unscaled with max alone: the range is max − min, and unscale adds min back."
              : "unscale(predictions) vs unscale(labels), then the MAE.",
          });
        }
      },
    },
    {
      id: "train-forecaster",
      title: "Train forecasters that beat the naive forecast (sunspots and CO₂)",
      points: 3,
      exports: ["trainForecaster"],
      runner: "process",
      timeoutMs: 90_000,
      hints: [
        "Reuse your exercises: prepareForecastData, then the builder for `kind`, then tensors of the windows shaped for that model, then await model.fit with the options the TODO lists.",
        "Pass epochs, batchSize 32, shuffle: true, validationData: [xValid, yValid] and callbacks straight to fit; the check streams its progress through them. Train on the training windows only.",
        "If it does not beat the naive forecast: check the labels (the value AFTER each window), that the scaler comes from the training period only, and that nothing from the validation period reaches fit's x.",
      ],
      check: async (lab, ctx) => {
        await ready({ quiet: true });
        const runs = [
          {
            name: "sunspots_monthly",
            kind: "dense" as const,
            windowSize: 30,
            epochs: 10,
            learningRate: 1e-3,
            seed: 11,
            full: 0.01,
            zero: -0.05,
            unit: "sunspots",
          },
          {
            name: "co2_monthly",
            kind: "dense" as const,
            windowSize: 12,
            epochs: 40,
            learningRate: 3e-3,
            seed: 12,
            full: 0.3,
            zero: 0,
            unit: "ppm",
          },
        ];
        const parts: { score: number; text: string }[] = [];
        const copying: string[] = [];
        for (const run of runs) {
          const series = loadTimeSeries(run.name).values;
          const split = Math.floor(series.length * 0.8);
          const naive = forecastMae(series, naiveForecast(series), split);
          const callbacks = checkCallbacks(ctx, { epochs: run.epochs });
          const { result, calls } = await spyOnFit(() =>
            withSeed(run.seed, () =>
              lab.trainForecaster(series, {
                kind: run.kind,
                windowSize: run.windowSize,
                epochs: run.epochs,
                learningRate: run.learningRate,
                callbacks,
              }),
            ),
          );
          const model = expectModel(result?.model, `trainForecaster(${run.name}).model`);
          try {
            const trainWindows = split - run.windowSize;
            const call = calls[0];
            expectThat(calls.length >= 1, {
              message: `trainForecaster(${run.name}) never called model.fit.`,
              likelyCause: "await model.fit(xTrain, yTrain, { … }).",
            });
            expectThat(call.xRows === trainWindows, {
              message:
                call.xRows > trainWindows
                  ? `trainForecaster(${run.name}) trained on ${call.xRows} windows: validation windows were included in training.`
                  : `trainForecaster(${run.name}) trained on ${call.xRows} windows.`,
              expected: `the ${trainWindows} training windows (labels before the split)`,
              got: `${call.xRows} windows`,
              likelyCause: "fit on data.train only; data.valid goes to validationData.",
            });
            expectThat(call.args.epochs === run.epochs, {
              message: `trainForecaster(${run.name}) ignored epochs: fit ran with epochs ${call.args.epochs}.`,
              expected: `epochs ${run.epochs}`,
              got: `epochs ${String(call.args.epochs)}`,
              likelyCause: "Pass options.epochs to fit.",
            });
            const cbs: unknown = call.args.callbacks;
            const passed = cbs === callbacks || (Array.isArray(cbs) && cbs.includes(callbacks));
            expectThat(passed, {
              message: `trainForecaster(${run.name}) did not pass the callbacks on to fit (no live progress, and the check cannot stop it).`,
              likelyCause: "fit(x, y, { …, callbacks: options.callbacks }).",
            });
            expectThat(call.args.validationData !== undefined, {
              message: `trainForecaster(${run.name}): fit has no validationData, so you cannot watch the validation loss.`,
              likelyCause: "validationData: [xValid, yValid] from data.valid.",
            });
            const scaler = result.data?.scaler;
            const trainRange = minMaxOf(series.slice(0, split));
            expectThat(
              !!scaler && same(scaler.min, trainRange.min) && same(scaler.max, trainRange.max),
              {
                message: `trainForecaster(${run.name}): the scaler is not fitted on the training period (normalising with the whole series?).`,
                expected: show(trainRange),
                got: show(scaler),
                likelyCause: "Use prepareForecastData(series, windowSize).",
              },
            );
            const m = modelValidationMae(model, series, run.windowSize);
            const improvement = 1 - m.original / naive;
            const score = bandFraction(improvement, {
              metric: "improvement",
              full: run.full,
              zero: run.zero,
            });
            if (score < 1 && m.copyGap < 0.25 * (naive / (trainRange.max - trainRange.min)))
              copying.push(run.name);
            parts.push({
              score,
              text: `${run.name}: validation MAE ${formatNumber(m.original)} ${run.unit} (${formatNumber(m.normalised)} normalised) vs naive ${formatNumber(naive)}: ${(100 * improvement).toFixed(1)} % better (full marks from ${(100 * run.full).toFixed(0)} %)`,
            });
          } finally {
            model.dispose();
          }
        }
        const score = parts.reduce((s, p) => s + p.score, 0) / parts.length;
        if (score >= 1) return { score: 1 };
        return {
          score,
          message: `${parts.map((p) => p.text).join("; ")}. ${
            copying.length
              ? `On ${copying.join(" and ")} the forecasts are almost exactly the last value of each window: the model learnt to copy its input. Are the labels off by one (the window's last value instead of the next one)?`
              : "Check that the labels are the value after each window, that the scaler uses the training period only, and that fit trains on the training windows for all the epochs."
          }`,
          expected: parts
            .map((p) =>
              p.text.replace(/:.*\(full marks from/, ": full marks from").replace(/\)$/, ""),
            )
            .join("; "),
          got: parts.map((p) => p.text.split(" (full")[0]).join("; "),
        };
      },
    },
    {
      id: "forecast-ahead",
      title: "Multi-step forecasts",
      points: 1,
      exports: ["forecastAhead"],
      hints: [
        "Keep a window of the last windowSize values. Each step: predict one value from the window, record it, then slide the window by one, with the prediction as its newest value.",
        "The truth after the history is not known at forecast time, so only predictions enter the window. Copy the history's tail (slice) so you never change the caller's array.",
        "With a model that returns the window's mean, history [1, 2, 3, 4] and windowSize 2: 3.5, then mean(4, 3.5) = 3.75, then mean(3.5, 3.75) = 3.625.",
      ],
      check: async (lab) => {
        await ready({ quiet: true });
        const history = [0.2, 0.5, 0.1, 0.9, 0.4, 0.7, 0.3];
        for (const rank of [2, 3] as const) {
          const ws = 3;
          const model = meanModel(ws, rank);
          const want: number[] = [];
          const win = history.slice(-ws);
          for (let s = 0; s < 5; s++) {
            const p = win.reduce((a, b) => a + b, 0) / ws + 0.01;
            want.push(p);
            win.shift();
            win.push(p);
          }
          const fixed = Array(5).fill(history.slice(-ws).reduce((a, b) => a + b, 0) / ws + 0.01);
          const firstWindow: number[] = [];
          const w2 = history.slice(0, ws);
          for (let s = 0; s < 5; s++) {
            const p = w2.reduce((a, b) => a + b, 0) / ws + 0.01;
            firstWindow.push(p);
            w2.shift();
            w2.push(p);
          }
          let got: number[];
          try {
            got = await expectNoLeak(() => lab.forecastAhead(model, history, ws, 5), {
              allowed: 0,
              what: "forecastAhead (5 steps)",
              likelyCause:
                "Each step makes an input and a prediction tensor: wrap predict in tf.tidy and dispose the prediction after reading it, or the leak grows with every step.",
            });
          } finally {
            model.dispose();
          }
          expectList(
            got,
            want,
            `forecastAhead(mean-of-window model, input rank ${rank}, 5 steps)`,
            [
              {
                value: fixed,
                cause:
                  "the window never moves: append each prediction to the window (and drop its oldest value) before the next step.",
              },
              {
                value: firstWindow,
                cause:
                  "starts from the FIRST windowSize values of the history; a forecast continues from the LAST ones.",
              },
            ],
            "Start from history's last windowSize values; feed each prediction back in.",
            1e-5,
          );
        }
      },
    },
  ],
});
