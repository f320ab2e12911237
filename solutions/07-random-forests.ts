/**
 * Lab 07 — Random forests & ensembles: your exercises.
 *
 * Work through `notebooks/07-random-forests.ipynb`; it tells you when to fill in each function
 * below. Replace each `return todo();` with your code, then run the notebook's check cell or
 * `npm run labs -- check 07`.
 *
 * The trees: a forest needs a decision tree that can try a random subset of features at each
 * split. You built one in lab 06; here we use the course's tree, `DecisionTreeClassifier` from
 * src/ml/decision-tree.ts, which follows the same rules plus two options:
 *   - `featureSampler: (nFeatures, random) => number[]` picks the features tried at each split,
 *   - `seed` seeds the random generator the tree passes to featureSampler.
 *
 * Conventions: x is number[][] (rows = samples), y holds integer labels 0 … K−1, and every
 * random choice comes from a generator `random()` (e.g. seededRandom(42)) returning [0, 1).
 */
import { seededRandom } from "../src/data/random";
import { type Criterion, DecisionTreeClassifier } from "../src/ml/decision-tree";
import { type Classifier, Estimator, type Predictor } from "../src/ml/estimator";
// stub: import { todo } from "../src/grading/todo";

/**
 * Exercise 1 — a bootstrap sample: n row indices drawn uniformly WITH replacement.
 *
 * TODO: draw n times, each index being Math.floor(random() * n). Some rows appear several
 * times, others not at all (about 36.8% of them for large n).
 *   e.g. n = 5 and random() returning 0.1, 0.5, 0.1, 0.99, 0.3  →  [0, 2, 0, 4, 1]
 */
export function bootstrapIndices(n: number, random: () => number): number[] {
  // BEGIN SOLUTION
  const sample: number[] = [];
  for (let i = 0; i < n; i++) sample.push(Math.floor(random() * n));
  return sample;
  // END SOLUTION
}

/**
 * Exercise 2 — the out-of-bag rows of a bootstrap sample: the rows it never drew.
 *
 * TODO: return the indices 0 … n−1 that do not occur in `sample`, in ascending order.
 *   e.g. n = 5, sample = [0, 2, 0, 4, 1]  →  [3]
 */
export function outOfBagIndices(n: number, sample: number[]): number[] {
  // BEGIN SOLUTION
  const inBag = new Set(sample);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!inBag.has(i)) out.push(i);
  return out;
  // END SOLUTION
}

/**
 * Exercise 3 — a random subset of k distinct features out of nFeatures.
 *
 * TODO: use a partial Fisher–Yates shuffle: start from [0, 1, …, nFeatures−1]; for i = 0 … k−1
 * swap position i with position j = i + Math.floor(random() * (nFeatures − i)); the first k
 * entries are the subset. Return them sorted ascending. Every feature must be equally likely,
 * and no feature may appear twice.
 *   e.g. randomFeatureSubset(10, 3, seededRandom(1)) → 3 distinct indices such as [2, 5, 7]
 */
export function randomFeatureSubset(nFeatures: number, k: number, random: () => number): number[] {
  // BEGIN SOLUTION
  const features = Array.from({ length: nFeatures }, (_, j) => j);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (nFeatures - i));
    [features[i], features[j]] = [features[j], features[i]];
  }
  return features.slice(0, k).sort((a, b) => a - b);
  // END SOLUTION
}

/**
 * Exercise 4 — a majority vote with a fixed tie rule.
 *
 * TODO: count the votes per class (labels 0 … nClasses−1) and return the class with the most
 * votes; when several classes tie, return the SMALLEST of them (so the result never depends on
 * the order of the votes).
 *   e.g. majorityVote([2, 1, 2], 3) = 2;  majorityVote([2, 1, 1, 2], 3) = 1;  majorityVote([0], 2) = 0
 */
export function majorityVote(votes: number[], nClasses: number): number {
  // BEGIN SOLUTION
  const counts = new Array<number>(nClasses).fill(0);
  for (const v of votes) counts[v]++;
  let best = 0;
  for (let c = 1; c < nClasses; c++) if (counts[c] > counts[best]) best = c;
  return best;
  // END SOLUTION
}

/**
 * Exercise 5 — the out-of-bag (OOB) score: a free validation estimate for bagged models.
 *
 * Each tree never saw the rows outside its bootstrap sample, so those rows are honest test rows
 * FOR THAT TREE. For each training row i, let the trees that did not train on i vote on it
 * (majorityVote); the OOB score is the accuracy of those votes over the rows that got at least
 * one vote.
 *
 * TODO: trees[t] was trained on the rows samples[t]. Return the OOB accuracy in [0, 1], or NaN
 * if no row is out of bag for any tree.
 *   e.g. 2 trees; samples [[0, 0, 1], [1, 2, 2]] → row 2 is OOB for tree 0, row 0 for tree 1,
 *        row 1 for neither. If tree 0 predicts row 2 correctly and tree 1 gets row 0 wrong → 0.5
 */
export function outOfBagScore(
  trees: Predictor[],
  samples: number[][],
  x: number[][],
  y: number[],
  nClasses: number,
): number {
  // BEGIN SOLUTION
  const votes: number[][] = x.map(() => []);
  trees.forEach((tree, t) => {
    const oob = outOfBagIndices(x.length, samples[t]);
    if (oob.length === 0) return;
    const predicted = tree.predict(oob.map((i) => x[i]));
    oob.forEach((i, k) => {
      votes[i].push(predicted[k]);
    });
  });
  let voted = 0;
  let correct = 0;
  votes.forEach((v, i) => {
    if (v.length === 0) return;
    voted++;
    if (majorityVote(v, nClasses) === y[i]) correct++;
  });
  return voted === 0 ? Number.NaN : correct / voted;
  // END SOLUTION
}

/** Hyperparameters of RandomForestClassifier. */
export interface RandomForestParams {
  /** Number of trees. */
  nEstimators: number;
  /** Features tried at each split: "sqrt" (⌊√d⌋, at least 1) or a count. */
  maxFeatures: "sqrt" | number;
  /** Depth limit of every tree (default: grow until pure). */
  maxDepth: number;
  minSamplesSplit: number;
  criterion: Criterion;
  /** Seed of the forest's random generator: same seed, same forest. */
  seed: number;
}

/**
 * Exercise 6 — a random forest: bagging + random feature subsets + majority vote.
 *
 * TODO (fit): validateFit; throw an Error unless labels are integers ≥ 0; nClasses = max(y) + 1;
 * k = maxFeatures ("sqrt" → max(1, ⌊√d⌋)). Create ONE generator random = seededRandom(seed).
 * For each of the nEstimators trees: draw sample = bootstrapIndices(n, random); create
 *   new DecisionTreeClassifier({ maxDepth, minSamplesSplit, criterion,
 *     seed: Math.floor(random() * 2 ** 31),                    // a different seed per tree
 *     featureSampler: (d, r) => randomFeatureSubset(d, k, r) })
 * and fit it on the sampled rows (x and y at those indices). Keep the trees in `trees` and the
 * samples in `samples`; finally set oobScore = outOfBagScore(trees, samples, x, y, nClasses).
 * TODO (predict): validatePredict; each row's prediction is majorityVote of the trees' predictions.
 * TODO (predictProba): validatePredict; row i, column c = fraction of trees predicting class c.
 *   e.g. new RandomForestClassifier({ nEstimators: 50, seed: 1 }).fit(xTrain, yTrain) fitted
 *        twice gives identical forests; a different seed gives a (slightly) different one.
 */
export class RandomForestClassifier extends Estimator<RandomForestParams> implements Classifier {
  /** The fitted trees. */
  trees: DecisionTreeClassifier[] = [];
  /** samples[t] = the bootstrap row indices tree t was trained on. */
  samples: number[][] = [];
  /** K, the number of classes. */
  nClasses = 0;
  /** Out-of-bag accuracy estimate (NaN before fit or when no row is out of bag). */
  oobScore = Number.NaN;

  constructor(params: Partial<RandomForestParams> = {}) {
    super(
      {
        nEstimators: 100,
        maxFeatures: "sqrt",
        maxDepth: Number.POSITIVE_INFINITY,
        minSamplesSplit: 2,
        criterion: "gini",
        seed: 0,
      },
      params,
    );
  }

  fit(x: number[][], y: number[]): this {
    // BEGIN SOLUTION
    this.validateFit(x, y);
    const bad = y.findIndex((v) => !Number.isInteger(v) || v < 0);
    if (bad >= 0)
      throw new Error(
        `RandomForestClassifier.fit: y[${bad}] is ${y[bad]}; labels must be integers 0…K−1.`,
      );
    const { nEstimators, maxFeatures, maxDepth, minSamplesSplit, criterion, seed } = this.params;
    const n = x.length;
    const d = x[0].length;
    const k =
      maxFeatures === "sqrt" ? Math.max(1, Math.floor(Math.sqrt(d))) : Math.min(maxFeatures, d);
    // One generator for the whole forest: each tree gets different rows and a different seed.
    const random = seededRandom(seed);
    this.nClasses = Math.max(...y) + 1;
    this.trees = [];
    this.samples = [];
    for (let t = 0; t < nEstimators; t++) {
      const sample = bootstrapIndices(n, random);
      const tree = new DecisionTreeClassifier({
        maxDepth,
        minSamplesSplit,
        criterion,
        seed: Math.floor(random() * 2 ** 31),
        featureSampler: (nFeatures, r) => randomFeatureSubset(nFeatures, k, r),
      });
      tree.fit(
        sample.map((i) => x[i]),
        sample.map((i) => y[i]),
      );
      this.trees.push(tree);
      this.samples.push(sample);
    }
    this.oobScore = outOfBagScore(this.trees, this.samples, x, y, this.nClasses);
    return this;
    // END SOLUTION
  }

  predict(x: number[][]): number[] {
    // BEGIN SOLUTION
    this.validatePredict(x, "predict");
    const perTree = this.trees.map((tree) => tree.predict(x));
    return x.map((_, i) =>
      majorityVote(
        perTree.map((p) => p[i]),
        this.nClasses,
      ),
    );
    // END SOLUTION
  }

  predictProba(x: number[][]): number[][] {
    // BEGIN SOLUTION
    this.validatePredict(x, "predictProba");
    const votes = x.map(() => new Array<number>(this.nClasses).fill(0));
    for (const tree of this.trees) {
      tree.predict(x).forEach((c, i) => {
        votes[i][c]++;
      });
    }
    return votes.map((row) => row.map((v) => v / this.trees.length));
    // END SOLUTION
  }
}
