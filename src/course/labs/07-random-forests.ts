import { loadFixedSplit, seededRandom } from "../../data";
import { fail } from "../../grading/check-failure";
import {
  expectClose,
  expectGridClose,
  expectGridShape,
  expectMessageNames,
  expectNoThrow,
  expectThat,
  describe as show,
} from "../../grading/expect";
import {
  expectEstimatorGuards,
  expectReturnsModel,
  expectThrows,
} from "../../grading/expect-estimator";
import { defineLab } from "../../grading/types";
import { DecisionTreeClassifier } from "../../ml/decision-tree";
import type { Predictor } from "../../ml/estimator";

type Lab = typeof import("../../../solutions/07-random-forests");

/*
 * Randomised code is checked two ways: exactly, where the exercise fixes how random numbers
 * are used (bootstrap indices), and by properties otherwise (distinct, reproducible, roughly
 * uniform, consistent with the forest's own trees). Expected values are computed here with
 * plain loops, independently of the reference solution.
 */

/** A generator that replays fixed numbers (then repeats the last one). */
function replay(values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)];
}

function hasDuplicates(v: number[]): boolean {
  return new Set(v).size !== v.length;
}

/** The class with most votes, smallest on ties (written as a plain count here). */
function vote(votes: number[], K: number): number {
  const counts = new Array<number>(K).fill(0);
  for (const v of votes) counts[v]++;
  return counts.indexOf(Math.max(...counts));
}

/** A "tree" that always predicts the same class. */
class ConstantPredictor implements Predictor {
  constructor(readonly label: number) {}
  fit(): this {
    return this;
  }
  predict(x: number[][]): number[] {
    return x.map(() => this.label);
  }
}

/** A "tree" that predicts the label from a fixed lookup by the row's first value. */
class LookupPredictor implements Predictor {
  constructor(readonly table: Record<number, number>) {}
  fit(): this {
    return this;
  }
  predict(x: number[][]): number[] {
    return x.map((r) => this.table[r[0]] ?? 0);
  }
}

/** A "tree" that, like every course model, refuses to predict zero rows. */
class NonEmptyPredictor extends ConstantPredictor {
  override predict(x: number[][]): number[] {
    if (x.length === 0) throw new Error("predict: expected a non-empty array of rows.");
    return super.predict(x);
  }
}

/** Feature 0 decides the class; features 1… are noise. */
function forestProblem(n: number, d: number, seed: number) {
  const random = seededRandom(seed);
  const x = Array.from({ length: n }, () =>
    Array.from({ length: d }, () => Math.round(random() * 1000) / 10),
  );
  const y = x.map((r) =>
    random() < 0.1 ? Math.floor(random() * 3) : r[0] < 33 ? 0 : r[0] < 66 ? 1 : 2,
  );
  return { x, y };
}

type SubsetVariant = "correct" | "noOffset" | "wholeList" | "unsorted" | "stringSort";

/** The TODO's partial Fisher–Yates, with known mistakes switchable. */
function subsetLoop(
  d: number,
  k: number,
  random: () => number,
  v: SubsetVariant = "correct",
): number[] {
  const f = Array.from({ length: d }, (_, j) => j);
  for (let i = 0; i < k; i++) {
    const j =
      v === "noOffset"
        ? Math.floor(random() * (d - i))
        : v === "wholeList"
          ? Math.floor(random() * d)
          : i + Math.floor(random() * (d - i));
    [f[i], f[j]] = [f[j], f[i]];
  }
  const chosen = f.slice(0, k);
  return v === "unsorted"
    ? chosen
    : v === "stringSort"
      ? chosen.sort()
      : chosen.sort((a, b) => a - b);
}

const SUBSET_CAUSES: Record<Exclude<SubsetVariant, "correct">, string> = {
  noOffset:
    "j must come from the REMAINING positions: j = i + Math.floor(random() * (nFeatures − i)).",
  wholeList:
    "j is drawn from the whole list each time: use j = i + Math.floor(random() * (nFeatures − i)), so every subset is equally likely.",
  unsorted: "Sort the k chosen features ascending before returning them.",
  stringSort: "Sort NUMERICALLY: .sort((a, b) => a - b) — plain .sort() puts 10 before 2.",
};

type ForestParamsLoop = {
  nEstimators: number;
  maxFeatures: "sqrt" | number;
  maxDepth: number;
  minSamplesSplit: number;
  criterion: "gini" | "entropy";
  seed: number;
};
const FOREST_DEFAULTS: ForestParamsLoop = {
  nEstimators: 100,
  maxFeatures: "sqrt",
  maxDepth: Number.POSITIVE_INFINITY,
  minSamplesSplit: 2,
  criterion: "gini",
  seed: 0,
};

/** The TODO's forest, replayed with the course's tree: samples, tree seeds and the trees. */
function forestLoop(x: number[][], y: number[], p: ForestParamsLoop, kOverride?: number) {
  const n = x.length;
  const d = x[0].length;
  const k =
    kOverride ??
    (p.maxFeatures === "sqrt" ? Math.max(1, Math.floor(Math.sqrt(d))) : Math.min(p.maxFeatures, d));
  const random = seededRandom(p.seed);
  const samples: number[][] = [];
  const seeds: number[] = [];
  const trees: DecisionTreeClassifier[] = [];
  for (let t = 0; t < p.nEstimators; t++) {
    const sample = Array.from({ length: n }, () => Math.floor(random() * n));
    const seed = Math.floor(random() * 2 ** 31);
    const tree = new DecisionTreeClassifier({
      maxDepth: p.maxDepth,
      minSamplesSplit: p.minSamplesSplit,
      criterion: p.criterion,
      seed,
      featureSampler: (nf, r) => subsetLoop(nf, k, r),
    }).fit(
      sample.map((i) => x[i]),
      sample.map((i) => y[i]),
    );
    samples.push(sample);
    seeds.push(seed);
    trees.push(tree);
  }
  return { samples, seeds, trees };
}

/** Fraction of trees voting for each class, row by row. */
function probaOf(trees: Predictor[], x: number[][], K: number): number[][] {
  const per = trees.map((t) => t.predict(x));
  return x.map((_, i) =>
    Array.from({ length: K }, (_, c) => per.filter((p) => p[i] === c).length / trees.length),
  );
}

/**
 * Fails unless the learner's forest (fitted with `p`) drew the TODO's samples and tree seeds,
 * passed its hyperparameters on, and votes like the replayed forest.
 */
function expectForestReplay(
  forest: {
    trees: DecisionTreeClassifier[];
    samples: number[][];
    predictProba(x: number[][]): number[][];
  },
  x: number[][],
  y: number[],
  p: ForestParamsLoop,
  probe: number[][],
  label: string,
): void {
  const want = forestLoop(x, y, p);
  expectThat(Array.isArray(forest.trees) && forest.trees.length === p.nEstimators, {
    message: `${label}: expected ${p.nEstimators} trees.`,
    got: `${forest.trees?.length} trees`,
    likelyCause: "Train this.params.nEstimators trees.",
  });
  forest.trees.forEach((tree, t) => {
    const tp = tree?.params as Partial<ForestParamsLoop> | undefined;
    for (const key of ["maxDepth", "minSamplesSplit", "criterion"] as const) {
      expectThat(tp?.[key] === p[key], {
        message: `${label}: tree ${t} was built with ${key} = ${show(tp?.[key])}, not the forest's ${show(p[key])}.`,
        likelyCause: `Pass ${key} on: new DecisionTreeClassifier({ maxDepth, minSamplesSplit, criterion, seed, featureSampler }).`,
      });
    }
  });
  const sameAs = (samples: number[][]) =>
    Array.isArray(forest.samples) &&
    forest.samples.length === samples.length &&
    forest.samples.every(
      (s, t) =>
        Array.isArray(s) &&
        s.length === samples[t].length &&
        s.every((v, i) => v === samples[t][i]),
    );
  const draws = (order: "seedFirst" | "noSeedDraw") => {
    const random = seededRandom(p.seed);
    return want.samples.map(() => {
      if (order === "seedFirst") random();
      return x.map(() => Math.floor(random() * x.length));
    });
  };
  expectThat(sameAs(want.samples), {
    message: `${label}: the bootstrap samples differ from the TODO's draws.`,
    expected: `samples[0] = [${want.samples[0].slice(0, 6).join(", ")}, …]`,
    got: `samples[0] = ${show(forest.samples?.[0]?.slice(0, 6))}`,
    likelyCause: sameAs(draws("seedFirst"))
      ? "The tree's seed is drawn before its sample: per tree, FIRST sample = bootstrapIndices(n, random), THEN seed = Math.floor(random() * 2 ** 31)."
      : sameAs(draws("noSeedDraw"))
        ? "The trees' seeds do not come from the forest's generator: after each sample, draw seed = Math.floor(random() * 2 ** 31) from it."
        : undefined,
  });
  const seeds = forest.trees.map((t) => t.params?.seed);
  expectThat(
    seeds.every((v, t) => v === want.seeds[t]),
    {
      message: `${label}: the trees' seeds differ from the TODO's draws.`,
      expected: `[${want.seeds.slice(0, 4).join(", ")}, …]`,
      got: `[${seeds.slice(0, 4).join(", ")}, …]`,
      likelyCause:
        "Give tree t the seed Math.floor(random() * 2 ** 31), drawn from the forest's generator right after its bootstrap sample.",
    },
  );
  const wantProba = probaOf(want.trees, probe, Math.max(...y) + 1);
  const gotProba = forest.predictProba(probe);
  const d = x[0].length;
  const matchesK = (k: number) => {
    const other = probaOf(forestLoop(x, y, p, k).trees, probe, Math.max(...y) + 1);
    return (
      Array.isArray(gotProba) &&
      gotProba.every(
        (row, i) => Array.isArray(row) && row.every((v, c) => Math.abs(v - other[i][c]) < 1e-12),
      )
    );
  };
  const wrongK = [1, 2, 3, 4, 5, 6, 7, 8]
    .filter((k) => k <= d)
    .find(
      (k) =>
        k !==
          (p.maxFeatures === "sqrt"
            ? Math.max(1, Math.floor(Math.sqrt(d)))
            : Math.min(p.maxFeatures, d)) && matchesK(k),
    );
  expectGridClose(gotProba, wantProba, {
    what: `${label}: predictProba compared with the replayed forest`,
    likelyCause:
      wrongK === undefined
        ? undefined
        : p.maxFeatures === "sqrt"
          ? `Your trees try ${wrongK} features per split; "sqrt" means max(1, ⌊√d⌋) = ${Math.max(1, Math.floor(Math.sqrt(d)))} for d = ${d} (Math.floor, not round or ceil).`
          : `Your trees try ${wrongK} features per split, not maxFeatures = ${p.maxFeatures}: featureSampler: (d, r) => randomFeatureSubset(d, k, r) with k from this.params.maxFeatures.`,
  });
}

function accuracyOf(yTrue: number[], yPred: number[]): number {
  return yTrue.filter((v, i) => v === yPred[i]).length / yTrue.length;
}

export const randomForestsLab = defineLab<Lab>({
  id: "07-random-forests",
  title: "Random forests & ensembles",
  summary:
    "Build a random forest from bootstrap samples, random feature subsets and votes, and estimate its accuracy out of bag.",
  exercises: [
    {
      id: "bootstrap",
      title: "Bootstrap samples",
      points: 1,
      exports: ["bootstrapIndices"],
      hints: [
        "A bootstrap sample has as many rows as the data, drawn WITH replacement: each draw can pick any row again.",
        "Each of the n draws is Math.floor(random() * n): a whole number from 0 to n − 1.",
        "Call random() exactly n times, once per draw and in order: the check replays the same generator, so an extra or skipped call changes every later index. Avoid Math.round(random() * n): it can return n (out of range) and makes 0 and n − 1 half as likely.",
      ],
      check: (lab) => {
        const docs = lab.bootstrapIndices(5, replay([0.1, 0.5, 0.1, 0.99, 0.3]));
        const isShuffle =
          Array.isArray(docs) &&
          docs.length === 5 &&
          [...docs].sort((a, b) => a - b).every((v, i) => v === i);
        expectGridClose(docs, [0, 2, 0, 4, 1], {
          what: "bootstrapIndices(5, …) with the docstring's random numbers",
          shapeCause: "Return exactly n indices.",
          likelyCause: isShuffle
            ? "That is a shuffle (sampling WITHOUT replacement): draw each index independently with Math.floor(random() * n)."
            : "Use each random number once, in order: Math.floor(random() * n).",
        });
        const n = 200;
        const want = (() => {
          const r = seededRandom(11);
          return Array.from({ length: n }, () => Math.floor(r() * n));
        })();
        const got = lab.bootstrapIndices(n, seededRandom(11));
        if (!Array.isArray(got) || got.length !== n) {
          fail({
            message: `bootstrapIndices(${n}, random) should return ${n} indices.`,
            got: show(got),
          });
        }
        expectThat(hasDuplicates(got), {
          message: `A bootstrap sample of ${n} rows should repeat some rows (about 63% distinct), but all ${n} are distinct.`,
          likelyCause:
            "That is a shuffle (sampling WITHOUT replacement): draw each index independently with Math.floor(random() * n).",
        });
        expectThat(
          got.every((v, i) => v === want[i]),
          {
            message: "bootstrapIndices(200, seededRandom(11)) does not give the expected indices.",
            expected: `[${want.slice(0, 8).join(", ")}, …]`,
            got: `[${got.slice(0, 8).join(", ")}, …]`,
            likelyCause: got.every((v) => Number.isInteger(v) && v >= 0 && v < n)
              ? "Use the `random` you are given (not Math.random), once per draw: Math.floor(random() * n)."
              : "Indices must be integers from 0 to n − 1: Math.floor(random() * n).",
          },
        );
      },
    },
    {
      id: "out-of-bag",
      title: "Out-of-bag rows",
      points: 1,
      exports: ["outOfBagIndices"],
      hints: [
        "Which rows did the bootstrap never draw? Those are the tree's unseen rows.",
        "Put the sample in a Set, then keep every i from 0 to n − 1 that the set does not contain.",
        'A Set makes each "was row i drawn?" question instant, where sample.includes(i) would rescan the whole sample every time. Walk i upwards from 0 so the result comes out in increasing order.',
      ],
      check: (lab) => {
        const cases: { n: number; sample: number[]; want: number[] }[] = [
          { n: 5, sample: [0, 2, 0, 4, 1], want: [3] },
          { n: 6, sample: [5, 5, 5, 5, 5, 5], want: [0, 1, 2, 3, 4] },
          { n: 4, sample: [3, 1, 0, 2], want: [] },
        ];
        const random = seededRandom(4);
        const big = Array.from({ length: 50 }, () => Math.floor(random() * 50));
        cases.push({
          n: 50,
          sample: big,
          want: Array.from({ length: 50 }, (_, i) => i).filter((i) => !big.includes(i)),
        });
        for (const { n, sample, want } of cases) {
          const got = lab.outOfBagIndices(n, [...sample]);
          const ok =
            Array.isArray(got) && got.length === want.length && got.every((v, i) => v === want[i]);
          const inBag = [...new Set(sample)].sort((a, b) => a - b);
          expectThat(ok, {
            message: `outOfBagIndices(${n}, [${sample.slice(0, 8).join(", ")}${sample.length > 8 ? ", …" : ""}]) is wrong.`,
            expected: `[${want.join(", ")}]`,
            got: show(got),
            likelyCause:
              Array.isArray(got) &&
              got.length === inBag.length &&
              got.every((v, i) => v === inBag[i])
                ? "Those are the IN-bag rows: return the rows the sample does NOT contain."
                : "Return each missing index once, in ascending order.",
          });
        }
      },
    },
    {
      id: "feature-subset",
      title: "Random feature subsets",
      points: 1,
      exports: ["randomFeatureSubset"],
      hints: [
        "Picking k different features is like shuffling the feature list and keeping the first k, but you only need to shuffle the first k positions.",
        "features = [0 … d−1]; for i = 0 … k−1: j = i + Math.floor(random() * (d − i)); swap features[i] and features[j]. Return the first k, sorted.",
        "This is a partial Fisher–Yates that runs FORWARD: exactly k draws, the i-th choosing among positions i … d − 1. The check replays these draws, so no extra random() calls. Sort the chosen k with (a, b) => a - b: the default sort compares numbers as strings (10 before 2).",
      ],
      check: (lab) => {
        const d = 10;
        const k = 3;
        const random = seededRandom(9);
        const tally = new Array<number>(d).fill(0);
        const subsets = new Set<string>();
        const draws = 3000;
        for (let t = 0; t < draws; t++) {
          const got = lab.randomFeatureSubset(d, k, random);
          if (!Array.isArray(got) || got.length !== k) {
            fail({
              message: `randomFeatureSubset(${d}, ${k}, random) should return ${k} features.`,
              got: show(got),
              likelyCause: "Return exactly k indices.",
            });
          }
          expectThat(!hasDuplicates(got), {
            message: `randomFeatureSubset(${d}, ${k}, random) returned a repeated feature: [${got.join(", ")}].`,
            likelyCause:
              "Draw WITHOUT replacement: swap the chosen feature out of the remaining ones (partial Fisher–Yates).",
          });
          expectThat(
            got.every((f) => Number.isInteger(f) && f >= 0 && f < d),
            {
              message: `randomFeatureSubset returned an index outside 0…${d - 1}: [${got.join(", ")}].`,
            },
          );
          expectThat(
            got.every((f, i) => i === 0 || got[i - 1] < f),
            {
              message: `randomFeatureSubset should return its features sorted ascending: got [${got.join(", ")}].`,
              likelyCause: "Sort the k chosen features before returning them.",
            },
          );
          for (const f of got) tally[f]++;
          subsets.add(got.join(","));
        }
        expectThat(subsets.size > 50, {
          message: `randomFeatureSubset gave only ${subsets.size} different subsets in ${draws} calls.`,
          likelyCause:
            "Use the random generator for every choice; the subset must change from call to call.",
        });
        const expected = (draws * k) / d;
        const worst = Math.max(...tally.map((c) => Math.abs(c - expected) / expected));
        expectThat(worst < 0.12, {
          message: `Features are not chosen equally often: in ${draws} draws of ${k} out of ${d}, counts were [${tally.join(", ")}] (expected about ${expected} each).`,
          likelyCause:
            "Pick j = i + Math.floor(random() * (nFeatures − i)): every remaining feature must be equally likely.",
        });
        const a = lab.randomFeatureSubset(12, 4, seededRandom(5));
        const b = lab.randomFeatureSubset(12, 4, seededRandom(5));
        expectThat(
          a.every((v, i) => v === b[i]),
          {
            message:
              "randomFeatureSubset is not reproducible: the same seeded generator gave different subsets.",
            likelyCause: "Use the `random` argument, not Math.random().",
          },
        );
        expectGridClose(lab.randomFeatureSubset(4, 4, seededRandom(2)), [0, 1, 2, 3], {
          what: "randomFeatureSubset(4, 4, …) (all features)",
        });
        // The TODO fixes how random() is used, so the subsets are exact (d = 15: 10 … 14 must sort after 9).
        for (const [nf, kk, seed] of [
          [10, 3, 1],
          [15, 5, 2],
          [15, 8, 3],
          [13, 1, 4],
          [20, 12, 5],
        ]) {
          const want = subsetLoop(nf, kk, seededRandom(seed));
          const got = lab.randomFeatureSubset(nf, kk, seededRandom(seed));
          const same = (w: number[]) =>
            Array.isArray(got) && got.length === w.length && got.every((v, i) => v === w[i]);
          const variant = (Object.keys(SUBSET_CAUSES) as Exclude<SubsetVariant, "correct">[]).find(
            (v) => same(subsetLoop(nf, kk, seededRandom(seed), v)),
          );
          expectThat(same(want), {
            message: `randomFeatureSubset(${nf}, ${kk}, seededRandom(${seed})) is not the TODO's partial Fisher–Yates draw.`,
            expected: `[${want.join(", ")}]`,
            got: show(got),
            likelyCause: variant ? SUBSET_CAUSES[variant] : undefined,
          });
        }
      },
    },
    {
      id: "majority-vote",
      title: "Majority vote",
      points: 1,
      exports: ["majorityVote"],
      hints: [
        "Count first, then pick. What should happen when two classes have the same count?",
        "counts[c] = number of votes for class c. Scan c = 0, 1, …, replacing the best only when a count is strictly larger: ties keep the smaller class.",
        "Start from nClasses zeros and add 1 to counts[v] for every vote. Then keep best = 0 and move to class c only if counts[c] > counts[best]: with >, not >=, a tie stays with the smaller class.",
      ],
      check: (lab) => {
        const cases: { votes: number[]; K: number; want: number; why: string }[] = [
          { votes: [2, 1, 2], K: 3, want: 2, why: "class 2 has the most votes" },
          { votes: [0], K: 2, want: 0, why: "a single vote" },
          { votes: [2, 1, 1, 2], K: 3, want: 1, why: "classes 1 and 2 tie; the smaller wins" },
          {
            votes: [1, 2, 2, 1],
            K: 3,
            want: 1,
            why: "the same tie in another order must give the same answer",
          },
          { votes: [3, 3, 0, 0, 2], K: 4, want: 0, why: "classes 0 and 3 tie; the smaller wins" },
          { votes: [4, 4, 4, 1, 1], K: 5, want: 4, why: "class 4 has the most votes" },
        ];
        for (const c of cases) {
          const got = lab.majorityVote([...c.votes], c.K);
          expectThat(got === c.want, {
            message: `majorityVote([${c.votes.join(", ")}], ${c.K}) should be ${c.want}: ${c.why}.`,
            got: show(got),
            likelyCause: c.why.includes("tie")
              ? "Break ties the same way every time: the SMALLEST class among the most voted (replace the best only when strictly larger)."
              : "Return the class with the most votes.",
          });
        }
      },
    },
    {
      id: "oob-score",
      title: "The out-of-bag score",
      points: 2,
      exports: ["outOfBagScore"],
      hints: [
        "A row can only be judged by trees that did not train on it. For each row, which trees are those?",
        "For tree t, its OOB rows are outOfBagIndices(n, samples[t]); add tree t's prediction for each of them to that row's list of votes. Then score majorityVote(votes[i]) against y[i] over rows with at least one vote.",
        "Keep one list of votes per row. Ask each tree to predict only ITS out-of-bag rows (one predict call per tree, skipped when it has none), and push the k-th prediction to the list of the k-th OOB row. The score is correct / voted over rows with at least one vote; return NaN if no row has any.",
      ],
      check: (lab) => {
        const x = [[0], [1], [2]];
        const y = [0, 1, 2];
        // Five rows, four lookup "trees" (some wrong), known samples: computed by hand below.
        const x5 = [[0], [1], [2], [3], [4]];
        const y5 = [0, 1, 0, 1, 2];
        const trees = [
          new LookupPredictor({ 0: 0, 1: 1, 2: 1, 3: 1, 4: 2 }),
          new LookupPredictor({ 0: 1, 1: 1, 2: 0, 3: 0, 4: 2 }),
          new LookupPredictor({ 0: 0, 1: 0, 2: 0, 3: 1, 4: 0 }),
          new LookupPredictor({ 0: 2, 1: 1, 2: 2, 3: 1, 4: 2 }),
        ];
        const samples = [
          [0, 0, 1, 1, 4],
          [1, 1, 3, 3, 4],
          [0, 4, 4, 2, 2],
          [0, 2, 3, 4, 4],
        ];
        const oobVotes = x5.map((_, i) =>
          trees.filter((_, t) => !samples[t].includes(i)).map((tree) => tree.predict([x5[i]])[0]),
        );
        const voted = oobVotes.map((v, i) => ({ v, i })).filter(({ v }) => v.length > 0);
        const want = voted.filter(({ v, i }) => vote(v, 3) === y5[i]).length / voted.length;
        const allTrees = x5.map((_, i) =>
          vote(
            trees.map((tree) => tree.predict([x5[i]])[0]),
            3,
          ),
        );
        const inBagScore = accuracyOf(y5, allTrees);
        const got = lab.outOfBagScore(
          trees,
          samples.map((s) => [...s]),
          x5,
          y5,
          3,
        );
        const correctOob = voted.filter(({ v, i }) => vote(v, 3) === y5[i]).length;
        const allVotes = voted.flatMap(({ v, i }) => v.map((p) => p === y5[i]));
        const perVote = allVotes.filter(Boolean).length / allVotes.length;
        expectClose(got, want, {
          what: "outOfBagScore with 4 trees on 5 rows",
          likelyCause:
            Math.abs(got - inBagScore) < 1e-12
              ? "Every tree voted on every row: only trees whose sample does NOT contain the row may vote (in-bag rows leak)."
              : Math.abs(got - correctOob / x5.length) < 1e-12
                ? "Divide by the number of rows that got at least one vote, not by all rows."
                : Math.abs(got - perVote) < 1e-12
                  ? "That scores every out-of-bag VOTE separately: take the majorityVote of each row's votes, then the accuracy over rows."
                  : undefined,
        });
        // Docstring: tree 0 sees rows 0, 1 and predicts 2 everywhere (right for row 2); tree 1 sees 1, 2 and predicts 1 (wrong for row 0).
        const docs = lab.outOfBagScore(
          [new ConstantPredictor(2), new ConstantPredictor(1)],
          [
            [0, 0, 1],
            [1, 2, 2],
          ],
          x,
          y,
          3,
        );
        expectClose(docs, 0.5, {
          what: "outOfBagScore on the docstring example",
          likelyCause:
            docs === 2 / 3 || docs === 1 / 3
              ? "Only trees that did NOT train on a row may vote on it, and rows without any vote are left out."
              : "Average over the rows that got at least one out-of-bag vote (here rows 0 and 2).",
        });
        const none = lab.outOfBagScore([new ConstantPredictor(0)], [[0, 1, 2]], x, y, 3);
        expectThat(Number.isNaN(none), {
          message:
            "outOfBagScore should be NaN when no row is out of bag (every tree saw every row).",
          got: show(none),
          likelyCause: "Avoid 0/0 silently becoming 0: return NaN when no row got a vote.",
        });
        // Tree 0 saw every row: a real tree would throw if asked to predict zero rows.
        const skipped = expectNoThrow(
          () =>
            lab.outOfBagScore(
              [new NonEmptyPredictor(0), new ConstantPredictor(2)],
              [
                [0, 1, 2],
                [0, 0, 1],
              ],
              x,
              y,
              3,
            ),
          "outOfBagScore asked a tree with no out-of-bag rows to predict zero rows (a real tree throws on empty input).",
          "Skip a tree whose out-of-bag list is empty (if (oob.length === 0) return;) before calling tree.predict.",
        );
        expectClose(skipped, 1, {
          what: "outOfBagScore when tree 0 saw every row and tree 1 gets row 2 right",
        });
      },
    },
    {
      id: "random-forest",
      title: "A random forest",
      points: 4,
      exports: ["RandomForestClassifier", "RandomForestParams"],
      timeoutMs: 20_000,
      hints: [
        "Three sources of difference between the trees: which rows they see (bootstrap), which features each split may try (featureSampler), and their seeds. All must come from ONE seeded generator created in fit.",
        "random = seededRandom(seed), once. Per tree, in this order: sample = bootstrapIndices(n, random), then the tree's seed Math.floor(random() * 2 ** 31). Build a DecisionTreeClassifier with the forest's maxDepth, minSamplesSplit and criterion, that seed, and featureSampler (d, r) => randomFeatureSubset(d, k, r); fit it on the rows of x and y listed in sample.",
        "predict: get every tree's predictions once (not once per row), then for row i call majorityVote on the i-th prediction of each tree. predictProba: count the votes per class for each row and divide by the number of trees, so every row sums to 1. Both start with validatePredict.",
      ],
      check: (lab) => {
        const { x, y } = forestProblem(90, 5, 3);
        const params = { nEstimators: 15, maxFeatures: 2, seed: 7 };
        const forest = new lab.RandomForestClassifier(params);
        expectReturnsModel(forest.fit(x, y), forest, "RandomForestClassifier.fit");
        expectThat(
          Array.isArray(forest.trees) &&
            forest.trees.length === 15 &&
            Array.isArray(forest.samples) &&
            forest.samples.length === 15,
          {
            message:
              "After fit with nEstimators 15, `trees` and `samples` should each hold 15 entries.",
            got: `${forest.trees?.length} trees, ${forest.samples?.length} samples`,
          },
        );
        forest.samples.forEach((s, t) => {
          expectThat(Array.isArray(s) && s.length === 90 && hasDuplicates(s), {
            message: `samples[${t}] should be a bootstrap sample: 90 row indices drawn with replacement.`,
            got: Array.isArray(s) ? `${s.length} indices, ${new Set(s).size} distinct` : show(s),
            likelyCause:
              Array.isArray(s) && s.length === 90
                ? "No row repeats: draw with replacement (bootstrapIndices), not a shuffle."
                : "Use bootstrapIndices(n, random) for every tree.",
          });
        });
        const distinctSamples = new Set(forest.samples.map((s) => s.join(","))).size;
        expectThat(distinctSamples === 15, {
          message: `The 15 trees were trained on only ${distinctSamples} different bootstrap sample(s).`,
          likelyCause:
            "Same seed for every tree gives identical trees: create ONE generator with seededRandom(seed) in fit and draw every sample from it.",
        });
        const rootFeatures = new Set(forest.trees.map((t) => t.root?.split?.feature));
        expectThat(rootFeatures.size > 1, {
          message:
            "Every tree splits its root on the same feature: the splits do not seem to use random feature subsets.",
          got: `root features: ${[...rootFeatures].join(", ")}`,
          likelyCause:
            "Pass featureSampler: (d, r) => randomFeatureSubset(d, k, r) to each DecisionTreeClassifier (k from maxFeatures).",
        });

        const probe = x.slice(0, 30).map((r) => r.map((v) => v + 0.05));
        const perTree = forest.trees.map((t) => t.predict(probe));
        const wantPred = probe.map((_, i) =>
          vote(
            perTree.map((p) => p[i]),
            3,
          ),
        );
        const gotPred = forest.predict(probe);
        expectThat(Array.isArray(gotPred) && gotPred.every((v, i) => v === wantPred[i]), {
          message:
            "RandomForestClassifier.predict should be the majority vote of its trees' predictions (ties → smaller class).",
          expected: `[${wantPred.slice(0, 10).join(", ")}, …]`,
          got: show(gotPred),
          likelyCause:
            "For each row, collect every tree's prediction and return majorityVote(votes, nClasses).",
        });
        const wantProba = probe.map((_, i) =>
          [0, 1, 2].map((c) => perTree.filter((p) => p[i] === c).length / perTree.length),
        );
        expectGridClose(forest.predictProba(probe), wantProba, {
          what: "RandomForestClassifier.predictProba",
          likelyCause:
            "Column c = fraction of trees predicting class c (votes divided by the number of trees).",
        });
        expectThat(
          wantProba.some((row) => row.every((p) => p < 1)),
          {
            message: "All trees agree on every probe row: the trees look identical.",
            likelyCause:
              "Give each tree its own bootstrap sample and seed, all drawn from one generator.",
          },
        );
        const oobVotes = x.map((_, i) =>
          forest.trees
            .filter((_, t) => !forest.samples[t].includes(i))
            .map((t) => t.predict([x[i]])[0]),
        );
        const voted = oobVotes.map((v, i) => ({ v, i })).filter(({ v }) => v.length > 0);
        const wantOob = voted.filter(({ v, i }) => vote(v, 3) === y[i]).length / voted.length;
        expectClose(forest.oobScore, wantOob, {
          what: "RandomForestClassifier.oobScore",
          likelyCause:
            "Set this.oobScore = outOfBagScore(this.trees, this.samples, x, y, this.nClasses) at the end of fit.",
        });

        const again = new lab.RandomForestClassifier(params).fit(x, y).predictProba(probe);
        expectGridClose(again, wantProba, {
          what: "A second forest with the same seed",
          likelyCause:
            "The same seed must give the same forest: use seededRandom(this.params.seed), never Math.random().",
        });
        const other = new lab.RandomForestClassifier({ ...params, seed: 8 })
          .fit(x, y)
          .predictProba(probe);
        expectThat(
          other.some((row, i) => row.some((p, c) => Math.abs(p - wantProba[i][c]) > 1e-12)),
          {
            message: "Forests with seeds 7 and 8 are identical: the seed is not used.",
            likelyCause: "Create the generator from this.params.seed.",
          },
        );
        expectEstimatorGuards({
          name: "RandomForestClassifier",
          unfitted: new lab.RandomForestClassifier(),
          fitted: forest,
          width: 5,
        });

        expectForestReplay(
          forest,
          x,
          y,
          { ...FOREST_DEFAULTS, ...params },
          probe,
          "Forest (15 trees, maxFeatures 2, seed 7)",
        );
        // Every hyperparameter matters: another setting, and the "sqrt" default on 7 features (⌊√7⌋ = 2).
        const wide = forestProblem(80, 7, 5);
        const wideProbe = wide.x.slice(0, 25).map((r) => r.map((v) => v + 0.05));
        const tuned: ForestParamsLoop = {
          nEstimators: 6,
          maxFeatures: 4,
          maxDepth: 3,
          minSamplesSplit: 9,
          criterion: "entropy",
          seed: 12,
        };
        expectForestReplay(
          new lab.RandomForestClassifier(tuned).fit(wide.x, wide.y),
          wide.x,
          wide.y,
          tuned,
          wideProbe,
          "Forest (6 trees, maxFeatures 4, maxDepth 3, minSamplesSplit 9, entropy, seed 12)",
        );
        const sqrtParams: ForestParamsLoop = { ...FOREST_DEFAULTS, nEstimators: 8, seed: 4 };
        expectForestReplay(
          new lab.RandomForestClassifier({ nEstimators: 8, seed: 4 }).fit(wide.x, wide.y),
          wide.x,
          wide.y,
          sqrtParams,
          wideProbe,
          'Forest (8 trees, maxFeatures "sqrt" on 7 features, seed 4)',
        );
        // Labels must be integers ≥ 0; K = max(y) + 1 even when a class is absent.
        // The bad label comes first once, so a scan that skips y[0] is caught.
        for (const { bad, names } of [
          { bad: [-1, 1, 0, 1], names: /^RandomForestClassifier\.fit\b.*-1/ },
          { bad: [0, 1, 0.5, 1], names: /^RandomForestClassifier\.fit\b.*0\.5/ },
        ]) {
          const what = `RandomForestClassifier.fit with labels [${bad.join(", ")}]`;
          const cause =
            "Throw an Error naming RandomForestClassifier.fit and the bad label unless every label is an integer ≥ 0 (Number.isInteger(v) && v >= 0), before growing any tree.";
          const err = expectThrows(
            () => new lab.RandomForestClassifier({ nEstimators: 2 }).fit([[0], [1], [2], [3]], bad),
            { what, likelyCause: cause },
          );
          // Left to the trees, the error would name DecisionTreeClassifier and a position in a bootstrap sample.
          expectMessageNames(err, names, what, cause);
        }
        const gap = new lab.RandomForestClassifier({ nEstimators: 3, seed: 1 }).fit(
          [[0], [1], [2], [3], [4], [5]],
          [0, 0, 2, 2, 0, 2],
        );
        expectGridShape(gap.predictProba([[0.5], [4.5]]), 2, 3, {
          what: "predictProba after training on labels 0 and 2 (class 1 absent)",
          likelyCause:
            "nClasses = max(y) + 1 (= 3 here), not the number of distinct labels: class 1 gets a column of zeros.",
        });
        for (const method of ["predict", "predictProba"] as const) {
          const err = expectThrows(() => forest[method]([[1, 2, 3]]), {
            what: `RandomForestClassifier.${method} on 3-feature rows after fitting on 5`,
            errorName: "ShapeError",
          });
          expectMessageNames(
            err,
            new RegExp(`\\.${method}\\b`),
            `RandomForestClassifier.${method} on rows of the wrong width`,
            `Call this.validatePredict(x, "${method}") so the error names the method that was called.`,
          );
        }
        for (const name of ["breast_cancer", "wine"]) {
          const { train, test } = loadFixedSplit(name);
          const rf = new lab.RandomForestClassifier({ nEstimators: 25, seed: 0 }).fit(
            train.x,
            train.y,
          );
          const acc = accuracyOf(test.y, rf.predict(test.x));
          expectThat(acc >= 0.93, {
            message: `A 25-tree forest on ${name} should reach at least 0.93 test accuracy.`,
            got: acc.toFixed(4),
            likelyCause:
              'Check the defaults: maxFeatures "sqrt", trees grown to full depth, and majority voting.',
          });
          expectThat(Number.isFinite(rf.oobScore) && Math.abs(rf.oobScore - acc) < 0.08, {
            message: `On ${name} the OOB score should be a reasonable estimate of test accuracy.`,
            got: `oobScore ${rf.oobScore}, test accuracy ${acc.toFixed(4)}`,
            likelyCause:
              "Use only out-of-bag trees for each row, and average over rows with at least one vote.",
          });
        }
      },
    },
  ],
});
