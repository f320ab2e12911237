import { fail } from "./check-failure";
import { isTodoError } from "./todo";

/**
 * Assertion helpers for checks. Each one fails with a learner-friendly message: what was
 * checked, expected vs got, and (when the caller passes one) the likely cause.
 * They accept the shapes learners naturally return: numbers, arrays, nested arrays and
 * ml-matrix matrices (anything with `to2DArray()`).
 */

export interface ExpectOptions {
  /** What is being checked, e.g. "mseLoss(X, y, w)". */
  what: string;
  /** Shown when the check fails: the most likely mistake. */
  likelyCause?: string;
}

export interface CloseOptions extends ExpectOptions {
  /** Relative tolerance (default 1e-6); an absolute floor of the same size applies near 0. */
  tolerance?: number;
}

/** Formats a number briefly for messages: 4 significant digits, exponent when tiny or huge. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e6 ? String(Number(v.toPrecision(6))) : v.toExponential(4);
}

/** Formats any learner value briefly (at most a few elements per row). */
export function describe(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (value === undefined) return "undefined (did you forget `return`?)";
  if (value === null) return "null";
  const grid = tryToGrid(value);
  if (grid) {
    const rows = grid.slice(0, 4).map((r) => {
      const cells = r.slice(0, 5).map(formatNumber).join(", ");
      return `[${cells}${r.length > 5 ? ", …" : ""}]`;
    });
    const more = grid.length > 4 ? `, … (${grid.length} rows)` : "";
    return `${shapeOf(grid)} [${rows.join(", ")}${more}]`;
  }
  if (typeof value === "object") {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}…` : json;
  }
  // Quoted, so a string "0.5" is not mistaken for the number 0.5.
  if (typeof value === "string") return `${JSON.stringify(value.length > 100 ? `${value.slice(0, 97)}…` : value)} (a string)`;
  if (typeof value === "function") return "a function (did you forget to call it?)";
  return String(value);
}

function shapeOf(grid: number[][]): string {
  return `${grid.length}×${grid[0]?.length ?? 0}`;
}

/**
 * Converts a Matrix, number[][], number[] (a column) or typed array to number[][],
 * or returns undefined when the value is not numeric data.
 */
export function tryToGrid(value: unknown): number[][] | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const maybeMatrix = value as { to2DArray?: () => number[][] };
  if (typeof maybeMatrix.to2DArray === "function") return maybeMatrix.to2DArray();
  if (ArrayBuffer.isView(value))
    return Array.from(value as unknown as ArrayLike<number>, (v) => [v]);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "number")) return value.map((v) => [v as number]);
    if (value.every((r) => Array.isArray(r) && r.every((v) => typeof v === "number"))) {
      return value as number[][];
    }
  }
  return undefined;
}

/** Fails unless `got` is a finite number; returns it typed. */
export function expectFiniteNumber(got: unknown, options: ExpectOptions): number {
  if (typeof got !== "number") {
    fail({
      message: `${options.what} should return a number.`,
      expected: "a number",
      got: describe(got),
      likelyCause: options.likelyCause,
    });
  }
  if (!Number.isFinite(got)) {
    fail({
      message: `${options.what} returned ${got}.`,
      expected: "a finite number",
      got: String(got),
      likelyCause:
        options.likelyCause ??
        "NaN usually comes from 0/0, a division by an empty count, or reading past the end of an array.",
    });
  }
  return got;
}

function isClose(got: number, expected: number, tolerance: number): boolean {
  return Math.abs(got - expected) <= tolerance * Math.max(1, Math.abs(expected));
}

/** Fails unless `got` is a finite number within the tolerance of `expected`. */
export function expectClose(got: unknown, expected: number, options: CloseOptions): number {
  const value = expectFiniteNumber(got, options);
  if (!isClose(value, expected, options.tolerance ?? 1e-6)) {
    fail({
      message: `${options.what} returned the wrong value.`,
      expected: formatNumber(expected),
      got: formatNumber(value),
      likelyCause: options.likelyCause,
    });
  }
  return value;
}

/**
 * Fails unless `got` holds numbers with exactly the shape of `expected` (number[] is a column)
 * and every element is within the tolerance. Returns the values as number[][].
 */
export function expectGridClose(
  got: unknown,
  expected: unknown,
  options: CloseOptions & { shapeCause?: string },
): number[][] {
  const want = tryToGrid(expected);
  if (!want) throw new Error(`Check bug: expected value for ${options.what} is not numeric data.`);
  const have = expectGridShape(got, want.length, want[0]?.length ?? 0, {
    what: options.what,
    likelyCause: options.shapeCause,
  });
  const tolerance = options.tolerance ?? 1e-6;
  for (let i = 0; i < want.length; i++) {
    for (let j = 0; j < want[i].length; j++) {
      const g = have[i][j];
      if (!Number.isFinite(g)) {
        fail({
          message: `${options.what} contains ${g} at [${i}][${j}].`,
          expected: describe(want),
          got: describe(have),
          likelyCause:
            options.likelyCause ??
            "A NaN or Infinity usually means a division by zero or a diverging update.",
        });
      }
      if (!isClose(g, want[i][j], tolerance)) {
        fail({
          message: `${options.what} is wrong at [${i}][${j}]: expected ${formatNumber(want[i][j])}, got ${formatNumber(g)}.`,
          expected: describe(want),
          got: describe(have),
          likelyCause: options.likelyCause,
        });
      }
    }
  }
  return have;
}

/** Fails unless `got` is numeric data of shape rows×cols; returns it as number[][]. */
export function expectGridShape(
  got: unknown,
  rows: number,
  cols: number,
  options: ExpectOptions,
): number[][] {
  const have = tryToGrid(got);
  if (!have) {
    fail({
      message: `${options.what} should return a matrix or an array of numbers.`,
      expected: `${rows}×${cols} numbers`,
      got: describe(got),
      likelyCause: options.likelyCause,
    });
  }
  const ragged = have.some((r) => r.length !== (have[0]?.length ?? 0));
  if (ragged || have.length !== rows || (have[0]?.length ?? 0) !== cols) {
    const transposed = have.length === cols && (have[0]?.length ?? 0) === rows;
    fail({
      message: `${options.what} has the wrong shape.`,
      expected: `shape ${rows}×${cols}`,
      got: ragged ? "rows of different lengths" : `shape ${shapeOf(have)}`,
      likelyCause:
        options.likelyCause ??
        (transposed ? "It looks transposed: check the order of your matrix product." : undefined),
    });
  }
  return have;
}

/** Fails with `message` (and the likely cause) unless `condition` holds. */
export function expectThat(
  condition: boolean,
  details: { message: string; expected?: string; got?: string; likelyCause?: string },
): void {
  if (!condition) fail(details);
}

/**
 * Picks the likely cause of a wrong number: the first known mistake whose value matches
 * what the learner returned (e.g. "forgot to divide by n" when got ≈ expected·n).
 */
export function diagnose(
  got: unknown,
  mistakes: { value: number; cause: string }[],
  tolerance = 1e-6,
): string | undefined {
  if (typeof got !== "number" || !Number.isFinite(got)) return undefined;
  return mistakes.find((m) => Number.isFinite(m.value) && isClose(got, m.value, tolerance))?.cause;
}

/** Fails unless `got` is an array holding exactly `expected` (labels, indices), in order. */
export function expectSameList(
  got: unknown,
  expected: number[],
  what: string,
  likelyCause?: string,
): void {
  const ok =
    Array.isArray(got) && got.length === expected.length && got.every((v, i) => v === expected[i]);
  const shown = Array.isArray(got) && got.length <= 20 ? `[${got.join(", ")}]` : describe(got);
  expectThat(ok, {
    message: `${what} is wrong.`,
    expected: `[${expected.join(", ")}]`,
    got: shown,
    likelyCause,
  });
}

/**
 * Runs `fn`, which must throw, and returns the error for inspection. Fails with `message`
 * if it returns normally; a TodoError passes through (so a stub is "not attempted").
 */
export function expectToThrow(fn: () => unknown, message: string, likelyCause: string): Error {
  let result: unknown;
  try {
    result = fn();
  } catch (err) {
    if (isTodoError(err)) throw err;
    return err instanceof Error ? err : new Error(String(err));
  }
  return fail({
    message,
    expected: "an Error to be thrown",
    got: `it returned ${describe(result)}`,
    likelyCause,
  });
}

// --- added for labs 01-05 ---

/** Whether `got` is numeric data with the shape of `expected`, every element within the tolerance. */
export function gridsClose(got: unknown, expected: unknown, tolerance = 1e-6): boolean {
  const have = tryToGrid(got);
  const want = tryToGrid(expected);
  if (!have || !want || have.length !== want.length) return false;
  return want.every(
    (row, i) =>
      have[i].length === row.length && row.every((v, j) => Number.isFinite(have[i][j]) && isClose(have[i][j], v, tolerance)),
  );
}

/**
 * `diagnose` for matrices and arrays: the first known mistake whose recomputed answer matches
 * what the learner returned, element by element (so a cause is only shown when it is confirmed).
 */
export function diagnoseGrid(
  got: unknown,
  mistakes: { value: unknown; cause: string }[],
  tolerance = 1e-6,
): string | undefined {
  return mistakes.find((m) => gridsClose(got, m.value, tolerance))?.cause;
}

/**
 * Runs `fn`, which must NOT throw (a valid input the learner's guard wrongly rejects), and
 * returns its result. A TodoError passes through (so a stub is "not attempted").
 */
export function expectNoThrow<T>(fn: () => T, message: string, likelyCause: string): T {
  try {
    return fn();
  } catch (err) {
    if (isTodoError(err)) throw err;
    return fail({
      message,
      expected: "a value",
      got: `it threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
      likelyCause,
    });
  }
}

/**
 * Checks that a thrown error's message names the problem (`names`, e.g. /length/i): an empty
 * or generic message leaves the caller guessing which input was wrong.
 */
export function expectMessageNames(err: Error, names: RegExp, what: string, likelyCause: string): void {
  if (names.test(err.message)) return;
  fail({
    message: `${what} threw an error whose message does not say what is wrong.`,
    expected: `a message matching ${names}`,
    got: JSON.stringify(err.message),
    likelyCause,
  });
}
