/**
 * Monthly time series and the helpers to turn one into supervised pairs and to judge a
 * model against simple baselines.
 *
 * Forecast arrays are aligned with the series: forecast[t] is the prediction for
 * series[t] made from values before t, and NaN where there is not enough history.
 */
import { numericColumn, readCsv, stringColumn } from "./csv";
import { DataError } from "./errors";
import { datasetPath, type TimeSeriesName, timeSeriesSpec } from "./registry";

export interface TimeSeries {
  name: string;
  /** "YYYY-MM", one per value, oldest first. */
  dates: string[];
  values: number[];
  /** What a value measures, e.g. "ppm CO2 (Mauna Loa)". */
  unit: string;
}

/**
 * A bundled monthly series, oldest first:
 * sunspots_monthly (3,177 values, 1749-01..2013-09), co2_monthly (468, 1959-01..1997-12),
 * air_passengers (144, 1949-01..1960-12).
 */
export function loadTimeSeries(name: TimeSeriesName | string): TimeSeries {
  const spec = timeSeriesSpec(name);
  const table = readCsv(datasetPath(spec.file));
  const dates = stringColumn(table, "date").map((d, r) => {
    if (d === null)
      throw new DataError(`${table.file} line ${table.lines[r]}: the date is missing`);
    return d;
  });
  const values = numericColumn(table, spec.valueColumn);
  return { name: spec.name, dates, values, unit: spec.unit };
}

/** Share of each series used for training in the labs' chronological split. */
export const TIME_SERIES_TRAIN_FRACTION = 0.8;

/**
 * Sliding windows → supervised pairs. Pair i uses x[i] = series[i .. i+windowSize) and
 * - without `horizon`: y[i] = series[i+windowSize] (the next value; y is number[]);
 * - with `horizon` h: y[i] = series[i+windowSize .. i+windowSize+h) (y is number[][]).
 * There are series.length − windowSize − h + 1 pairs (h = 1 without horizon).
 * @throws DataError `Window of 12 + horizon 1 is longer than the series (10 values)`
 * @example windowed([1, 2, 3, 4, 5], 3) // { x: [[1, 2, 3], [2, 3, 4]], y: [4, 5] }
 */
export function windowed(series: number[], windowSize: number): { x: number[][]; y: number[] };
export function windowed(
  series: number[],
  windowSize: number,
  horizon: number,
): { x: number[][]; y: number[][] };
export function windowed(
  series: number[],
  windowSize: number,
  horizon?: number,
): { x: number[][]; y: number[][] | number[] } {
  const h = horizon ?? 1;
  if (!Number.isInteger(windowSize) || windowSize < 1) {
    throw new DataError(`windowed: windowSize must be a positive integer, got ${windowSize}`);
  }
  if (!Number.isInteger(h) || h < 1)
    throw new DataError(`windowed: horizon must be a positive integer, got ${horizon}`);
  if (windowSize + h > series.length) {
    throw new DataError(
      `Window of ${windowSize} + horizon ${h} is longer than the series (${series.length} values)`,
    );
  }
  const count = series.length - windowSize - h + 1;
  const x: number[][] = [];
  const yNext: number[] = [];
  const yMany: number[][] = [];
  for (let i = 0; i < count; i++) {
    x.push(series.slice(i, i + windowSize));
    if (horizon === undefined) yNext.push(series[i + windowSize]!);
    else yMany.push(series.slice(i + windowSize, i + windowSize + h));
  }
  return horizon === undefined ? { x, y: yNext } : { x, y: yMany };
}

/**
 * Chronological split: the first floor(n · trainFraction) items for training, the rest
 * for validation. Never shuffle a time series before splitting.
 */
export function timeSplit<T>(series: T[], trainFraction: number): { train: T[]; valid: T[] } {
  if (!(trainFraction > 0 && trainFraction < 1)) {
    throw new DataError(`timeSplit: trainFraction must be between 0 and 1, got ${trainFraction}`);
  }
  const cut = Math.floor(series.length * trainFraction);
  if (cut === 0 || cut === series.length) {
    throw new DataError(
      `timeSplit: a series of ${series.length} values with trainFraction ${trainFraction} leaves one part empty`,
    );
  }
  return { train: series.slice(0, cut), valid: series.slice(cut) };
}

/**
 * Naive (persistence) forecast: forecast[t] = series[t − 1]; forecast[0] is NaN.
 * The first baseline any forecasting model must beat.
 */
export function naiveForecast(series: number[]): number[] {
  return seasonalNaiveForecast(series, 1);
}

/** Seasonal naive forecast: forecast[t] = series[t − season] (e.g. 12 for monthly data); NaN for t < season. */
export function seasonalNaiveForecast(series: number[], season: number): number[] {
  if (!Number.isInteger(season) || season < 1) {
    throw new DataError(`seasonalNaiveForecast: season must be a positive integer, got ${season}`);
  }
  return series.map((_, t) => (t < season ? Number.NaN : series[t - season]!));
}

/** Moving-average forecast: forecast[t] = mean of series[t − window .. t − 1]; NaN for t < window. */
export function movingAverageForecast(series: number[], window: number): number[] {
  if (!Number.isInteger(window) || window < 1) {
    throw new DataError(`movingAverageForecast: window must be a positive integer, got ${window}`);
  }
  if (window > series.length) {
    throw new DataError(
      `movingAverageForecast: window of ${window} is longer than the series (${series.length} values)`,
    );
  }
  const out = new Array<number>(series.length).fill(Number.NaN);
  let sum = 0;
  for (let t = 0; t < series.length; t++) {
    if (t >= window) out[t] = sum / window;
    sum += series[t]!;
    if (t >= window) sum -= series[t - window]!;
  }
  return out;
}

/**
 * Mean absolute error of a forecast over the time steps where both values are numbers
 * (the NaN warm-up of a baseline is skipped). `from` limits it to t ≥ from, e.g. the
 * start of the validation period.
 */
export function forecastMae(series: number[], forecast: number[], from = 0): number {
  if (forecast.length !== series.length) {
    throw new DataError(
      `forecastMae: the forecast has ${forecast.length} values, the series ${series.length}`,
    );
  }
  let sum = 0;
  let count = 0;
  for (let t = from; t < series.length; t++) {
    if (Number.isNaN(series[t]!) || Number.isNaN(forecast[t]!)) continue;
    sum += Math.abs(series[t]! - forecast[t]!);
    count++;
  }
  if (count === 0) throw new DataError("forecastMae: no time step has both a value and a forecast");
  return sum / count;
}
