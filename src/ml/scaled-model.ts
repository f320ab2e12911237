import { StandardScaler } from "../data/preprocess";
import type { Predictor } from "./estimator";

/** A model that may also give class probabilities. */
type MaybeProbabilistic = Predictor & { predictProba?(x: number[][]): number[][] };

/**
 * A two-step pipeline: standardise the features, then the model. The scaler is fitted inside
 * `fit`, on the rows `fit` receives, so in cross-validation it only ever sees the training
 * folds (fitting it on all rows first would leak the validation rows' statistics).
 * @example const makeModel = () => new StandardScaledModel(new KNeighborsClassifier({ k: 7 }));
 */
export class StandardScaledModel<M extends MaybeProbabilistic> implements Predictor {
  readonly scaler = new StandardScaler();

  constructor(readonly model: M) {}

  /** Fits the scaler on x ([n][d]), then the model on the scaled rows. */
  fit(x: number[][], y: number[]): this {
    this.model.fit(this.scaler.fitTransform(x), y);
    return this;
  }

  predict(x: number[][]): number[] {
    return this.model.predict(this.scaler.transform(x));
  }

  /** The model's probabilities on scaled rows (only if the model has predictProba). */
  predictProba(x: number[][]): number[][] {
    if (typeof this.model.predictProba !== "function") {
      throw new Error(`${this.model.constructor.name} has no predictProba.`);
    }
    return this.model.predictProba(this.scaler.transform(x));
  }
}
