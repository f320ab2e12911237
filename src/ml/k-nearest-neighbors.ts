import { Estimator, ShapeError } from "./estimator";

/**
 * k-nearest-neighbours classification: a simple, cheap-to-fit model for labs about
 * evaluation and tuning. A row's class probabilities are the class shares among its k
 * nearest training rows (Minkowski distance of power p: 1 = Manhattan, 2 = Euclidean).
 */
export interface KNeighborsParams {
  /** Number of neighbours that vote. */
  k: number;
  /** Minkowski power of the distance: 1 (Manhattan) or 2 (Euclidean); any p ≥ 1 works. */
  p: number;
}

export class KNeighborsClassifier extends Estimator<KNeighborsParams> {
  /** The sorted distinct labels seen in fit; predictProba's columns follow this order. */
  classes: number[] = [];
  private xTrain: number[][] = [];
  private classIndex: number[] = [];

  constructor(params: Partial<KNeighborsParams> = {}) {
    super({ k: 5, p: 2 }, params);
    const { k, p } = this.params;
    if (!Number.isInteger(k) || k < 1)
      throw new ShapeError(`KNeighborsClassifier: k must be an integer ≥ 1, got ${k}.`);
    if (!(p >= 1)) throw new ShapeError(`KNeighborsClassifier: p must be ≥ 1, got ${p}.`);
  }

  /** Stores the training rows ([n][d]) and labels ([n]); fitting is just remembering. */
  fit(x: number[][], y: number[]): this {
    this.validateFit(x, y);
    if (this.params.k > x.length) {
      throw new ShapeError(
        `KNeighborsClassifier: k = ${this.params.k} but only ${x.length} training rows.`,
      );
    }
    this.classes = [...new Set(y)].sort((a, b) => a - b);
    this.classIndex = y.map((v) => this.classes.indexOf(v));
    this.xTrain = x.map((row) => [...row]);
    return this;
  }

  /** [n][nClasses]: the share of each class among the k nearest training rows. */
  predictProba(x: number[][]): number[][] {
    this.validatePredict(x, "predictProba");
    return this.neighbourShares(x);
  }

  /** [n]: the most common class among the k nearest rows (ties: the smaller label). */
  predict(x: number[][]): number[] {
    this.validatePredict(x, "predict");
    return this.neighbourShares(x).map((proba) => {
      let best = 0;
      for (let c = 1; c < proba.length; c++) if (proba[c] > proba[best] + 1e-12) best = c;
      return this.classes[best];
    });
  }

  private neighbourShares(x: number[][]): number[][] {
    const { k, p } = this.params;
    return x.map((row) => {
      const distances = this.xTrain.map((t, i) => ({ i, d: minkowski(row, t, p) }));
      // Ties in distance go to the earlier training row, so results never depend on sort stability.
      distances.sort((a, b) => a.d - b.d || a.i - b.i);
      const proba = new Array<number>(this.classes.length).fill(0);
      for (let m = 0; m < k; m++) proba[this.classIndex[distances[m].i]] += 1 / k;
      return proba;
    });
  }
}

function minkowski(a: number[], b: number[], p: number): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += Math.abs(a[j] - b[j]) ** p;
  return s ** (1 / p);
}
