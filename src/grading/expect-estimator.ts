import { fail } from "./check-failure";
import { describe } from "./expect";
import { isTodoError } from "./todo";

/**
 * Check helpers for the course's estimator conventions (see src/ml/estimator.ts): a model
 * used before `fit` throws NotFittedError, input of the wrong width throws ShapeError, and
 * `fit` returns the model itself. An unfinished `todo()` always propagates, so a stub is
 * reported as "not attempted" rather than failed.
 */

/**
 * Fails unless `fn` throws. With `errorName`, the error's name must match (e.g.
 * "NotFittedError"). Returns the error thrown.
 */
export function expectThrows(
  fn: () => unknown,
  details: { what: string; errorName?: string; likelyCause?: string },
): Error {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    if (isTodoError(err)) throw err;
    thrown = err;
  }
  if (thrown === undefined) {
    fail({
      message: `${details.what} should throw${details.errorName ? ` a ${details.errorName}` : " an error"}, but it returned normally.`,
      likelyCause: details.likelyCause,
    });
  }
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  if (details.errorName && error.name !== details.errorName) {
    fail({
      message: `${details.what} threw ${error.name} ("${error.message}") instead of a ${details.errorName}.`,
      likelyCause: details.likelyCause,
    });
  }
  return error;
}

/** Fails unless `model.fit(...)` returned the model itself (so calls can be chained). */
export function expectReturnsModel(returned: unknown, model: object, what: string): void {
  if (returned !== model) {
    fail({
      message: `${what} should return the model itself (this), so that new Model().fit(x, y).predict(x) works.`,
      got: describe(returned),
      likelyCause: "End fit with `return this;`.",
    });
  }
}

/**
 * The estimator conventions every model in the course follows: predict before fit throws
 * NotFittedError (call this.validatePredict first), and after fitting on width-d rows, rows
 * of another width throw ShapeError.
 */
export function expectEstimatorGuards(options: {
  name: string;
  /** A fresh, unfitted model. */
  unfitted: { predict(x: number[][]): unknown };
  /** The same kind of model, fitted on rows of width `width`. */
  fitted: { predict(x: number[][]): unknown };
  width: number;
}): void {
  const { name, width } = options;
  const row = Array.from({ length: width }, () => 0.5);
  expectThrows(() => options.unfitted.predict([row]), {
    what: `${name}.predict before fit`,
    errorName: "NotFittedError",
    likelyCause:
      'Call this.validatePredict(x, "predict") first thing in predict (or in the method it calls).',
  });
  expectThrows(() => options.fitted.predict([[...row, 0.5]]), {
    what: `${name}.predict on rows with ${width + 1} features after fitting on ${width}`,
    errorName: "ShapeError",
    likelyCause:
      "Call this.validatePredict(x, ...) first: it compares the width of x with the training data.",
  });
}
