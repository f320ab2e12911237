import * as solution from "../../solutions/07-random-forests";
import { seededRandom } from "../../src/data";
import { DecisionTreeClassifier } from "../../src/ml/decision-tree";
import type { Predictor } from "../../src/ml/estimator";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const {
  RandomForestClassifier,
  bootstrapIndices,
  outOfBagIndices,
  majorityVote,
  randomFeatureSubset,
} = solution;

/** A forest whose fit makes one deliberate mistake. */
function forestWith(mistake: "same-seed" | "no-bootstrap" | "all-features" | "no-oob") {
  return class extends RandomForestClassifier {
    override fit(x: number[][], y: number[]): this {
      this.validateFit(x, y);
      const { nEstimators, maxFeatures, seed } = this.params;
      const n = x.length;
      const d = x[0].length;
      const k =
        maxFeatures === "sqrt" ? Math.max(1, Math.floor(Math.sqrt(d))) : Math.min(maxFeatures, d);
      const shared = seededRandom(seed);
      this.nClasses = Math.max(...y) + 1;
      this.trees = [];
      this.samples = [];
      for (let t = 0; t < nEstimators; t++) {
        const random = mistake === "same-seed" ? seededRandom(seed) : shared;
        const sample =
          mistake === "no-bootstrap" ? x.map((_, i) => i) : bootstrapIndices(n, random);
        const tree = new DecisionTreeClassifier({
          seed: Math.floor(random() * 2 ** 31),
          featureSampler:
            mistake === "all-features" ? undefined : (nf, r) => randomFeatureSubset(nf, k, r),
        }).fit(
          sample.map((i) => x[i]),
          sample.map((i) => y[i]),
        );
        this.trees.push(tree);
        this.samples.push(sample);
      }
      if (mistake !== "no-oob")
        this.oobScore = solution.outOfBagScore(this.trees, this.samples, x, y, this.nClasses);
      return this;
    }
  };
}

type ForestMistake =
  | "criterionNotPassed"
  | "depthNotPassed"
  | "seedBeforeSample"
  | "treeSeedFromForestSeed"
  | "sqrtRounded"
  | "maxFeaturesIgnored"
  | "nClassesDistinct";

/** The reference forest's fit with one mistake switched in. */
function forestFitWith(mistake: ForestMistake) {
  return class extends RandomForestClassifier {
    override fit(x: number[][], y: number[]): this {
      this.validateFit(x, y);
      const bad = y.findIndex((v) => !Number.isInteger(v) || v < 0);
      if (bad >= 0)
        throw new Error(
          `RandomForestClassifier.fit: y[${bad}] is ${y[bad]}; labels must be integers 0…K−1.`,
        );
      const { nEstimators, maxFeatures, maxDepth, minSamplesSplit, criterion, seed } = this.params;
      const n = x.length;
      const d = x[0].length;
      const sqrt =
        mistake === "sqrtRounded"
          ? Math.max(1, Math.round(Math.sqrt(d)))
          : Math.max(1, Math.floor(Math.sqrt(d)));
      const k =
        maxFeatures === "sqrt" || mistake === "maxFeaturesIgnored"
          ? sqrt
          : Math.min(maxFeatures, d);
      const random = seededRandom(seed);
      this.nClasses = mistake === "nClassesDistinct" ? new Set(y).size : Math.max(...y) + 1;
      this.trees = [];
      this.samples = [];
      for (let t = 0; t < nEstimators; t++) {
        const early = mistake === "seedBeforeSample" ? Math.floor(random() * 2 ** 31) : 0;
        const sample = bootstrapIndices(n, random);
        const treeSeed =
          mistake === "seedBeforeSample"
            ? early
            : mistake === "treeSeedFromForestSeed"
              ? seed + t
              : Math.floor(random() * 2 ** 31);
        const tree = new DecisionTreeClassifier({
          maxDepth: mistake === "depthNotPassed" ? Number.POSITIVE_INFINITY : maxDepth,
          minSamplesSplit: mistake === "depthNotPassed" ? 2 : minSamplesSplit,
          criterion: mistake === "criterionNotPassed" ? "gini" : criterion,
          seed: treeSeed,
          featureSampler: (nf, r) => randomFeatureSubset(nf, k, r),
        }).fit(
          sample.map((i) => x[i]),
          sample.map((i) => y[i]),
        );
        this.trees.push(tree);
        this.samples.push(sample);
      }
      this.oobScore = solution.outOfBagScore(this.trees, this.samples, x, y, this.nClasses);
      return this;
    }
  };
}

/** Partial Fisher–Yates with j drawn without the offset i, or sorted as strings. */
function subsetWith(mistake: "noOffset" | "stringSort") {
  return (d: number, k: number, random: () => number): number[] => {
    const f = Array.from({ length: d }, (_, j) => j);
    for (let i = 0; i < k; i++) {
      const j =
        mistake === "noOffset"
          ? Math.floor(random() * (d - i))
          : i + Math.floor(random() * (d - i));
      [f[i], f[j]] = [f[j], f[i]];
    }
    return mistake === "stringSort" ? f.slice(0, k).sort() : f.slice(0, k).sort((a, b) => a - b);
  };
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // ── bootstrap
  {
    exercise: "bootstrap",
    mistake: "sampling without replacement (a shuffle)",
    impl: {
      bootstrapIndices: (n, random) => {
        const idx = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [idx[i], idx[j]] = [idx[j], idx[i]];
        }
        return idx;
      },
    },
    expectMessage: /WITHOUT replacement/,
  },
  {
    exercise: "bootstrap",
    mistake: "Math.random instead of the given generator",
    impl: {
      bootstrapIndices: (n) => Array.from({ length: n }, () => Math.floor(Math.random() * n)),
    },
    expectMessage: /random/,
  },
  {
    exercise: "bootstrap",
    mistake: "off by one: never draws the last row",
    impl: {
      bootstrapIndices: (n, random) =>
        Array.from({ length: n }, () => Math.floor(random() * (n - 1))),
    },
  },
  // ── out-of-bag
  {
    exercise: "out-of-bag",
    mistake: "returns the in-bag rows",
    impl: { outOfBagIndices: (_n, sample) => [...new Set(sample)].sort((a, b) => a - b) },
    expectMessage: /IN-bag/,
  },
  {
    exercise: "out-of-bag",
    mistake: "unsorted",
    impl: { outOfBagIndices: (n, sample) => outOfBagIndices(n, sample).reverse() },
    expectMessage: /ascending/,
  },
  // ── feature-subset
  {
    exercise: "feature-subset",
    mistake: "draws with replacement",
    impl: {
      randomFeatureSubset: (d, k, random) =>
        Array.from({ length: k }, () => Math.floor(random() * d)).sort((a, b) => a - b),
    },
    expectMessage: /WITHOUT replacement/,
  },
  {
    exercise: "feature-subset",
    mistake: "always the first k features",
    impl: { randomFeatureSubset: (_d, k) => Array.from({ length: k }, (_, i) => i) },
    expectMessage: /different subsets/,
  },
  {
    exercise: "feature-subset",
    mistake: "biased: j drawn from the whole list each time",
    impl: {
      randomFeatureSubset: (d, k, random) => {
        const f = Array.from({ length: d }, (_, j) => j);
        for (let i = 0; i < k; i++) {
          const j = Math.min(d - 1, i + Math.floor(random() * random() * (d - i)));
          [f[i], f[j]] = [f[j], f[i]];
        }
        return f.slice(0, k).sort((a, b) => a - b);
      },
    },
    expectMessage: /equally/,
  },
  // ── majority-vote
  {
    exercise: "majority-vote",
    mistake: "ties go to the larger class",
    impl: {
      majorityVote: (votes, K) => {
        const counts = new Array<number>(K).fill(0);
        for (const v of votes) counts[v]++;
        let best = 0;
        for (let c = 1; c < K; c++) if (counts[c] >= counts[best]) best = c;
        return best;
      },
    },
    expectMessage: /SMALLEST/,
  },
  {
    exercise: "majority-vote",
    mistake: "ties go to whichever class was voted first",
    impl: {
      majorityVote: (votes) => {
        const counts = new Map<number, number>();
        for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
        let best = votes[0];
        for (const [c, n] of counts) if (n > (counts.get(best) ?? 0)) best = c;
        return best;
      },
    },
    expectMessage: /same way every time/,
  },
  // ── oob-score
  {
    exercise: "oob-score",
    mistake: "every tree votes on every row (in-bag rows leak)",
    impl: {
      outOfBagScore: (trees: Predictor[], _samples, x, y, K) => {
        const preds = trees.map((t) => t.predict(x));
        return (
          x.filter(
            (_, i) =>
              majorityVote(
                preds.map((p) => p[i]),
                K,
              ) === y[i],
          ).length / x.length
        );
      },
    },
    expectMessage: /in-bag|did NOT train/,
  },
  {
    exercise: "oob-score",
    mistake: "divides by all rows, not the rows with votes",
    impl: {
      outOfBagScore: (trees: Predictor[], samples, x, y, K) => {
        const votes: number[][] = x.map(() => []);
        trees.forEach((tree, t) => {
          const oob = outOfBagIndices(x.length, samples[t]);
          tree.predict(oob.map((i) => x[i])).forEach((p, k) => {
            votes[oob[k]].push(p);
          });
        });
        const correct = votes.filter((v, i) => v.length > 0 && majorityVote(v, K) === y[i]).length;
        return correct / x.length;
      },
    },
    expectMessage: /at least one vote/,
  },
  // ── random-forest
  {
    exercise: "random-forest",
    mistake: "same seed for every tree (identical trees)",
    impl: { RandomForestClassifier: forestWith("same-seed") },
    expectMessage: /ONE generator/,
  },
  {
    exercise: "random-forest",
    mistake: "no bootstrap: every tree sees all rows",
    impl: { RandomForestClassifier: forestWith("no-bootstrap") },
    expectMessage: /bootstrap/,
  },
  {
    exercise: "random-forest",
    mistake: "no random feature subsets",
    impl: { RandomForestClassifier: forestWith("all-features") },
    expectMessage: /featureSampler/,
  },
  {
    exercise: "random-forest",
    mistake: "never sets oobScore",
    impl: { RandomForestClassifier: forestWith("no-oob") },
    expectMessage: /oobScore/,
  },
  {
    exercise: "random-forest",
    mistake: "predict uses only the first tree",
    impl: {
      RandomForestClassifier: class extends RandomForestClassifier {
        override predict(x: number[][]): number[] {
          this.validatePredict(x, "predict");
          return this.trees[0].predict(x);
        }
      },
    },
    expectMessage: /majority vote/,
  },
  // --- added for labs 06-10 ---
  {
    exercise: "feature-subset",
    mistake: "j without the offset i",
    impl: { randomFeatureSubset: subsetWith("noOffset") },
    expectMessage: /i \+ Math\.floor\(random\(\) \* \(nFeatures − i\)\)/,
  },
  {
    exercise: "feature-subset",
    mistake: "plain .sort() (string order)",
    impl: { randomFeatureSubset: subsetWith("stringSort") },
    expectMessage: /NUMERICALLY/,
  },
  {
    exercise: "random-forest",
    mistake: "criterion not passed to the trees",
    impl: { RandomForestClassifier: forestFitWith("criterionNotPassed") },
    expectMessage: /Pass criterion on/,
  },
  {
    exercise: "random-forest",
    mistake: "maxDepth / minSamplesSplit not passed to the trees",
    impl: { RandomForestClassifier: forestFitWith("depthNotPassed") },
    expectMessage: /Pass maxDepth on/,
  },
  {
    exercise: "random-forest",
    mistake: "tree seed drawn before the bootstrap sample",
    impl: { RandomForestClassifier: forestFitWith("seedBeforeSample") },
    expectMessage: /FIRST sample/,
  },
  {
    exercise: "random-forest",
    mistake: "tree seed = forest seed + t",
    impl: { RandomForestClassifier: forestFitWith("treeSeedFromForestSeed") },
    expectMessage: /seeds do not come from the forest's generator/,
  },
  {
    exercise: "random-forest",
    mistake: "sqrt rounded instead of floored",
    impl: { RandomForestClassifier: forestFitWith("sqrtRounded") },
    expectMessage: /Math\.floor, not round/,
  },
  {
    exercise: "random-forest",
    mistake: "maxFeatures ignored (always sqrt)",
    impl: { RandomForestClassifier: forestFitWith("maxFeaturesIgnored") },
    expectMessage: /not maxFeatures = 4/,
  },
  {
    exercise: "random-forest",
    mistake: "nClasses = number of distinct labels",
    impl: { RandomForestClassifier: forestFitWith("nClassesDistinct") },
    expectMessage: /max\(y\) \+ 1/,
  },
  {
    exercise: "oob-score",
    mistake: "accuracy over individual votes, not per-row majorities",
    impl: {
      outOfBagScore: (trees, samples, x, y) => {
        let votes = 0;
        let correct = 0;
        trees.forEach((tree, t) => {
          const oob = outOfBagIndices(x.length, samples[t]);
          if (oob.length === 0) return;
          tree.predict(oob.map((i) => x[i])).forEach((p, k) => {
            votes++;
            if (p === y[oob[k]]) correct++;
          });
        });
        return votes === 0 ? Number.NaN : correct / votes;
      },
    },
    expectMessage: /every out-of-bag VOTE/,
  },
  {
    exercise: "oob-score",
    mistake: "asks a tree with no out-of-bag rows to predict zero rows",
    impl: {
      outOfBagScore: (trees, samples, x, y, K) => {
        const votes: number[][] = x.map(() => []);
        trees.forEach((tree, t) => {
          const oob = outOfBagIndices(x.length, samples[t]);
          tree.predict(oob.map((i) => x[i])).forEach((p, k) => {
            votes[oob[k]].push(p);
          });
        });
        const voted = votes.filter((v) => v.length > 0).length;
        const correct = votes.filter((v, i) => v.length > 0 && majorityVote(v, K) === y[i]).length;
        return voted === 0 ? Number.NaN : correct / voted;
      },
    },
    expectMessage: /predict zero rows/,
  },
  {
    exercise: "random-forest",
    mistake: "bad labels rejected with a message that names neither the model nor the label",
    impl: {
      RandomForestClassifier: class extends RandomForestClassifier {
        override fit(x: number[][], y: number[]): this {
          if (y.some((v) => !Number.isInteger(v) || v < 0)) throw new Error("invalid input");
          return super.fit(x, y);
        }
      },
    },
    expectMessage: /naming RandomForestClassifier\.fit and the bad label/,
  },
  {
    exercise: "random-forest",
    mistake: "predictProba validates its input under the name predict",
    impl: {
      RandomForestClassifier: class extends RandomForestClassifier {
        override predictProba(x: number[][]): number[][] {
          this.validatePredict(x, "predict");
          return super.predictProba(x);
        }
      },
    },
    expectMessage: /validatePredict\(x, "predictProba"\)/,
  },
];
