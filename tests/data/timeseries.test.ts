import { describe, expect, it } from "vitest";
import {
  forecastMae,
  loadTimeSeries,
  movingAverageForecast,
  naiveForecast,
  seasonalNaiveForecast,
  timeSplit,
  windowed,
} from "../../src/data";
import { expectDataError } from "./helpers";

describe("loadTimeSeries", () => {
  it.each([
    ["sunspots_monthly", 3177, "1749-01", "2013-09", [0, 253.8]],
    ["co2_monthly", 468, "1959-01", "1997-12", [313.18, 366.84]],
    ["air_passengers", 144, "1949-01", "1960-12", [104, 622]],
  ] as const)("%s: %i consecutive months %s..%s", (name, n, first, last, range) => {
    const s = loadTimeSeries(name);
    expect(s.values).toHaveLength(n);
    expect(s.dates).toHaveLength(n);
    expect([s.dates[0], s.dates.at(-1)]).toEqual([first, last]);
    expect([Math.min(...s.values), Math.max(...s.values)]).toEqual(range);
    expect(s.unit.length).toBeGreaterThan(0);
    // Every month follows the previous one: no gaps, no duplicates.
    const months = s.dates.map((d) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1);
    expect(months.every((m, i) => i === 0 || m === months[i - 1]! + 1)).toBe(true);
  });

  it("rejects an unknown name", () => {
    expectDataError(
      () => loadTimeSeries("sunspots"),
      'Unknown time series "sunspots". Available: sunspots_monthly, co2_monthly, air_passengers',
    );
  });
});

describe("windowed", () => {
  it("pairs each window with the next value", () => {
    expect(windowed([1, 2, 3, 4, 5], 3)).toEqual({
      x: [
        [1, 2, 3],
        [2, 3, 4],
      ],
      y: [4, 5],
    });
  });

  it("pairs each window with the next `horizon` values", () => {
    expect(windowed([1, 2, 3, 4, 5], 2, 2)).toEqual({
      x: [
        [1, 2],
        [2, 3],
      ],
      y: [
        [3, 4],
        [4, 5],
      ],
    });
    expect(windowed([1, 2, 3], 2, 1)).toEqual({ x: [[1, 2]], y: [[3]] });
  });

  it("gives n − window − horizon + 1 pairs on real data", () => {
    const { values } = loadTimeSeries("air_passengers");
    const { x, y } = windowed(values, 12, 3);
    expect(x).toHaveLength(144 - 12 - 3 + 1);
    expect(y.at(-1)).toEqual(values.slice(-3));
  });

  it.each([
    [
      () =>
        windowed(
          Array.from({ length: 10 }, (_, i) => i),
          12,
        ),
      "Window of 12 + horizon 1 is longer than the series (10 values)",
    ],
    [
      () => windowed([1, 2, 3], 2, 2),
      "Window of 2 + horizon 2 is longer than the series (3 values)",
    ],
    [() => windowed([1, 2, 3], 0), "windowed: windowSize must be a positive integer, got 0"],
    [() => windowed([1, 2, 3], 1, 0), "windowed: horizon must be a positive integer, got 0"],
  ])("rejects bad arguments (%#)", (fn, message) => {
    expectDataError(fn, message);
  });
});

describe("timeSplit and baselines", () => {
  it("splits by time, keeping order", () => {
    expect(timeSplit([1, 2, 3, 4, 5], 0.8)).toEqual({ train: [1, 2, 3, 4], valid: [5] });
    expect(timeSplit(["a", "b", "c"], 0.5)).toEqual({ train: ["a"], valid: ["b", "c"] });
    expectDataError(
      () => timeSplit([1, 2], 1),
      "timeSplit: trainFraction must be between 0 and 1, got 1",
    );
    expectDataError(
      () => timeSplit([1, 2], 0.4),
      "timeSplit: a series of 2 values with trainFraction 0.4 leaves one part empty",
    );
  });

  it("naive, seasonal naive and moving-average forecasts are aligned with the series", () => {
    const s = [1, 2, 4, 8, 16];
    expect(naiveForecast(s)).toEqual([Number.NaN, 1, 2, 4, 8]);
    expect(seasonalNaiveForecast(s, 2)).toEqual([Number.NaN, Number.NaN, 1, 2, 4]);
    expect(movingAverageForecast(s, 2)).toEqual([Number.NaN, Number.NaN, 1.5, 3, 6]);
    expect(movingAverageForecast(s, 1)).toEqual(naiveForecast(s));
    expectDataError(
      () => movingAverageForecast(s, 6),
      "movingAverageForecast: window of 6 is longer than the series (5 values)",
    );
  });

  it("forecastMae skips the warm-up and can start at the validation period", () => {
    const s = [1, 2, 4, 8, 16];
    expect(forecastMae(s, naiveForecast(s))).toBe((1 + 2 + 4 + 8) / 4);
    expect(forecastMae(s, naiveForecast(s), 3)).toBe(6);
    expectDataError(
      () => forecastMae(s, [1]),
      "forecastMae: the forecast has 1 values, the series 5",
    );
  });

  it("seasonal naive beats naive on air passengers' validation months", () => {
    const { values } = loadTimeSeries("air_passengers");
    const start = timeSplit(values, 0.8).train.length;
    expect(forecastMae(values, seasonalNaiveForecast(values, 12), start)).toBeLessThan(
      forecastMae(values, naiveForecast(values), start),
    );
  });
});
