/**
 * The small interface every model in the course shares (scikit-learn's conventions):
 *
 *   const model = new LogisticRegression({ learningRate: 0.1 }); // only stores hyperparameters
 *   model.fit(xTrain, yTrain);        // validates, learns, returns the model itself
 *   model.predict(xTest);             // number[] — one prediction per row
 *   model.predictProba?.(xTest);      // number[][] — class probabilities, rows sum to 1
 *   transformer.transform(x);         // number[][] — for PCA, scalers…
 *
 * Inputs are plain arrays: x is number[][] (rows = samples, columns = features), y is number[].
 * Randomness comes from a `seed` hyperparameter, applied inside `fit`, so results repeat.
 */

/** Thrown when predict/transform is called before fit. */
export class NotFittedError extends Error {
  constructor(model: string, method: string) {
    super(`${model} is not fitted yet: call fit(x, y) before ${method}().`);
    this.name = "NotFittedError";
  }
}

/** Thrown for inputs of the wrong shape or with non-numeric values. */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ShapeError";
  }
}

export interface Predictor {
  fit(x: number[][], y: number[]): this;
  predict(x: number[][]): number[];
}

export interface Classifier extends Predictor {
  predictProba(x: number[][]): number[][];
}

export interface Transformer {
  fit(x: number[][], y?: number[]): this;
  transform(x: number[][]): number[][];
}

/**
 * Shared plumbing for estimators: hyperparameters merged over defaults, input validation
 * with clear messages, and the fitted/unfitted guard.
 */
export abstract class Estimator<P extends object> {
  /** Hyperparameters (defaults merged with what the constructor was given). */
  readonly params: Readonly<P>;
  /** Number of features seen by fit; undefined until fitted. */
  protected nFeatures: number | undefined;

  protected constructor(defaults: P, params: Partial<P> = {}) {
    this.params = Object.freeze({ ...defaults, ...params });
  }

  /** Whether fit has been called successfully. */
  get isFitted(): boolean {
    return this.nFeatures !== undefined;
  }

  /** Validates the training data and remembers its width. Call first thing in fit. */
  protected validateFit(x: number[][], y?: number[]): void {
    checkMatrix(x, `${this.constructor.name}.fit(x)`);
    if (y !== undefined) {
      if (!Array.isArray(y) || y.length !== x.length) {
        throw new ShapeError(
          `${this.constructor.name}.fit: x has ${x.length} rows but y has ${Array.isArray(y) ? y.length : "no"} values.`,
        );
      }
      const bad = y.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0)
        throw new ShapeError(
          `${this.constructor.name}.fit: y[${bad}] is ${y[bad]}, not a finite number.`,
        );
    }
    this.nFeatures = x[0].length;
  }

  /** Checks the model is fitted and x has the training width. Call first in predict/transform. */
  protected validatePredict(x: number[][], method: string): void {
    if (this.nFeatures === undefined) throw new NotFittedError(this.constructor.name, method);
    checkMatrix(x, `${this.constructor.name}.${method}(x)`);
    if (x[0].length !== this.nFeatures) {
      throw new ShapeError(
        `${this.constructor.name}.${method}: x has ${x[0].length} features but the model was fitted on ${this.nFeatures}.`,
      );
    }
  }
}

/** Fails with a clear message unless x is a non-empty rectangular array of finite numbers. */
export function checkMatrix(x: number[][], what: string): void {
  if (!Array.isArray(x) || x.length === 0)
    throw new ShapeError(`${what}: expected a non-empty array of rows.`);
  const width = Array.isArray(x[0]) ? x[0].length : -1;
  if (width <= 0) throw new ShapeError(`${what}: row 0 is not a non-empty array of numbers.`);
  for (let i = 0; i < x.length; i++) {
    const row = x[i];
    if (!Array.isArray(row) || row.length !== width) {
      throw new ShapeError(
        `${what}: row ${i} has ${Array.isArray(row) ? row.length : "no"} values; row 0 has ${width}.`,
      );
    }
    for (let j = 0; j < width; j++) {
      if (!Number.isFinite(row[j]))
        throw new ShapeError(`${what}: x[${i}][${j}] is ${row[j]}, not a finite number.`);
    }
  }
}
