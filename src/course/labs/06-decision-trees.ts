import { loadFixedSplit, seededRandom } from "../../data";
import { fail } from "../../grading/check-failure";
import {
  diagnose,
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
import {
  DecisionTreeClassifier as CourseTree,
  entropyBits,
  featureImportancesOf,
  giniImpurity,
  type TreeNode,
  treeDepth,
} from "../../ml/decision-tree";

type Lab = typeof import("../../../solutions/06-decision-trees");

/*
 * Expected values come from brute force (every candidate threshold, partitions built by
 * filtering) and from the course's own tree in src/ml/decision-tree.ts, written independently
 * of the reference solution.
 */

const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);

function countsOf(labels: number[], K: number): number[] {
  const c = new Array<number>(K).fill(0);
  for (const l of labels) c[l]++;
  return c;
}

function impurityOf(counts: number[], criterion: "gini" | "entropy"): number {
  return criterion === "entropy" ? entropyBits(counts) : giniImpurity(counts);
}

interface Candidate {
  threshold: number;
  impurity: number;
  unweighted: number;
}

/** Every midpoint candidate of one feature, with its weighted (and unweighted) child impurity. */
function allCandidates(
  values: number[],
  labels: number[],
  K: number,
  criterion: "gini" | "entropy",
): Candidate[] {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const out: Candidate[] = [];
  for (let i = 0; i + 1 < distinct.length; i++) {
    const threshold = (distinct[i] + distinct[i + 1]) / 2;
    const left = countsOf(
      labels.filter((_, r) => values[r] <= threshold),
      K,
    );
    const right = countsOf(
      labels.filter((_, r) => values[r] > threshold),
      K,
    );
    const nl = sum(left);
    const nr = sum(right);
    const il = impurityOf(left, criterion);
    const ir = impurityOf(right, criterion);
    out.push({ threshold, impurity: (nl * il + nr * ir) / (nl + nr), unweighted: (il + ir) / 2 });
  }
  return out;
}

/** Random continuous features (no repeated values) and labels from a few axis-aligned rules. */
function treeProblem(n: number, d: number, K: number, seed: number) {
  const random = seededRandom(seed);
  const x = Array.from({ length: n }, () =>
    Array.from({ length: d }, () => Math.round(random() * 1e6) / 1e4),
  );
  const y = x.map((r) => {
    const base = (r[0] > 50 ? 1 : 0) + (r[1 % d] > 30 ? 1 : 0);
    return random() < 0.15 ? Math.floor(random() * K) : base % K;
  });
  return { x, y };
}

/** Compares two trees node by node; returns the first difference, or undefined. */
function treeDifference(
  got: TreeNode | undefined,
  want: TreeNode,
  path = "root",
): string | undefined {
  if (!got || !Array.isArray(got.counts)) return `${path} is missing or has no counts`;
  if (got.counts.length !== want.counts.length || got.counts.some((c, k) => c !== want.counts[k])) {
    return `${path}.counts is [${got.counts.join(", ")}], expected [${want.counts.join(", ")}]`;
  }
  if (got.depth !== want.depth) return `${path}.depth is ${got.depth}, expected ${want.depth}`;
  if (Math.abs(got.impurity - want.impurity) > 1e-9)
    return `${path}.impurity is ${got.impurity}, expected ${want.impurity}`;
  if (!want.split) return got.split ? `${path} should be a leaf but was split` : undefined;
  if (!got.split)
    return `${path} should be split (on feature ${want.split.feature} at ${want.split.threshold}) but is a leaf`;
  if (
    got.split.feature !== want.split.feature ||
    Math.abs(got.split.threshold - want.split.threshold) > 1e-9
  ) {
    return `${path} splits on feature ${got.split.feature} at ${got.split.threshold}, expected feature ${want.split.feature} at ${want.split.threshold}`;
  }
  return (
    treeDifference(got.split.left, want.split.left, `${path}.left`) ??
    treeDifference(got.split.right, want.split.right, `${path}.right`)
  );
}

function depthOf(node: TreeNode | undefined): number {
  return node?.split ? 1 + Math.max(depthOf(node.split.left), depthOf(node.split.right)) : 0;
}

function accuracyOf(yTrue: number[], yPred: number[]): number {
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

const PURE_LEAF_CAUSE =
  "Make a node a leaf when depth === maxDepth (root depth 0), rows < minSamplesSplit, impurity 0, or no split exists.";

export const decisionTreesLab = defineLab<Lab>({
  id: "06-decision-trees",
  title: "Decision trees",
  summary:
    "Grow a CART decision tree from impurity measures up, and see how depth trades training fit for generalisation.",
  exercises: [
    {
      id: "gini",
      title: "Gini impurity",
      points: 1,
      exports: ["gini"],
      hints: [
        "Turn counts into proportions first: p_k = counts[k] / total. What is the impurity of a node where one class has everything?",
        "G = 1 − Σ p_k². Guard the empty node (total 0) to avoid 0/0.",
        "Turn counts into proportions by dividing by their total (a reduce), and sum their squares. An empty node (total 0) has impurity 0 by convention: return it before dividing.",
      ],
      check: (lab) => {
        const cases: [number[], number][] = [
          [[5, 5], 0.5],
          [[10, 0], 0],
          [[2, 2, 2, 2], 0.75],
          [[3, 1], 0.375],
          [[0, 0], 0],
          [[1, 2, 3], 1 - (1 + 4 + 9) / 36],
        ];
        for (const [counts, want] of cases) {
          const got = lab.gini([...counts]);
          const n = sum(counts);
          const p = counts.map((c) => c / (n || 1));
          expectClose(got, want, {
            what: `gini([${counts.join(", ")}])`,
            likelyCause: diagnose(got, [
              {
                value: sum(p.map((v) => v * v)),
                cause: "That is Σ p², the PURITY: the impurity is 1 − Σ p².",
              },
              {
                value: 1 - sum(counts.map((c) => c * c)),
                cause: "Use proportions p_k = counts[k] / total, not the raw counts.",
              },
              {
                value: 1 - sum(p),
                cause: "Square the proportions: 1 − Σ p_k² (Σ p_k is always 1).",
              },
            ]),
          });
        }
      },
    },
    {
      id: "entropy",
      title: "Entropy in bits",
      points: 1,
      exports: ["entropy"],
      hints: [
        "Entropy measures surprise: a 50/50 node has 1 bit, a pure node 0. Which logarithm gives bits?",
        "H = −Σ p_k·log₂ p_k, skipping classes with p_k = 0 (their contribution is 0, but 0·log 0 is NaN in code).",
        "Use Math.log2, not Math.log: a 50/50 node must give exactly 1 bit. Skip the zero counts inside the sum, since 0 · log₂ 0 evaluates to NaN instead of 0.",
      ],
      check: (lab) => {
        const cases: [number[], number][] = [
          [[5, 5], 1],
          [[10, 0], 0],
          [[2, 2, 2, 2], 2],
          [[3, 1], 0.8112781244591328],
          [[1, 2, 5], 1.298794941246529],
        ];
        for (const [counts, want] of cases) {
          const got = lab.entropy([...counts]);
          expectClose(got, want, {
            what: `entropy([${counts.join(", ")}])`,
            likelyCause: !Number.isFinite(got)
              ? "Skip classes with count 0: 0 · log(0) is NaN in JavaScript (−Infinity · 0)."
              : diagnose(got, [
                  {
                    value: want * Math.LN2,
                    cause:
                      "Entropy here is in BITS: use Math.log2, not Math.log (natural log, nats).",
                  },
                  { value: want * Math.log10(2), cause: "Use Math.log2 (bits), not Math.log10." },
                  {
                    value: -want,
                    cause: "Sign error: H = −Σ p·log₂ p (log of a probability is negative).",
                  },
                ]),
          });
        }
        expectClose(lab.entropy([0, 0]), 0, {
          what: "entropy([0, 0]) (an empty node)",
          likelyCause: "Return 0 when the total is 0.",
        });
      },
    },
    {
      id: "best-threshold",
      title: "The best threshold on one feature",
      points: 2,
      exports: ["bestThreshold", "ThresholdSplit"],
      hints: [
        "Where can a threshold go so that it separates rows? Only between two different values: sort the values and look between neighbours.",
        "For each midpoint t: left = rows with value <= t, right = the rest; score = (n_left·I(left) + n_right·I(right)) / n. Keep the lowest (first one on ties).",
        "Sort row indices by value; start with left counts all 0 and right = classCounts(labels); step through sorted rows moving one label from right to left; when values[order[p]] !== values[order[p + 1]], score the midpoint.",
      ],
      check: (lab) => {
        const docs = lab.bestThreshold([1, 2, 3, 4], [0, 0, 1, 1], 2);
        expectThat(
          docs !== null &&
            Math.abs(docs.threshold - 2.5) < 1e-12 &&
            Math.abs(docs.impurity) < 1e-12,
          {
            message:
              "bestThreshold([1, 2, 3, 4], [0, 0, 1, 1], 2) should be { threshold: 2.5, impurity: 0 }.",
            got: show(docs),
            likelyCause:
              docs && docs.threshold === 2
                ? "Thresholds are MIDPOINTS between consecutive distinct values: (2 + 3)/2 = 2.5."
                : undefined,
          },
        );
        const tie = lab.bestThreshold([1, 2, 3], [0, 1, 0], 2);
        expectThat(tie !== null && Math.abs(tie.threshold - 1.5) < 1e-12, {
          message:
            "bestThreshold([1, 2, 3], [0, 1, 0], 2): thresholds 1.5 and 2.5 are equally good; the smaller one should win.",
          expected: "threshold 1.5",
          got: show(tie),
          likelyCause: "Replace the best only when a candidate is strictly better (<, not <=).",
        });
        expectThat(lab.bestThreshold([4, 4, 4], [0, 1, 1], 2) === null, {
          message:
            "bestThreshold on a constant feature ([4, 4, 4]) should return null: no threshold separates equal values.",
          got: show(lab.bestThreshold([4, 4, 4], [0, 1, 1], 2)),
        });

        const random = seededRandom(6);
        for (const criterion of ["gini", "entropy"] as const) {
          // Values with repeats (so equal values must stay together) and 3 classes.
          const values = Array.from({ length: 40 }, () => Math.floor(random() * 15));
          const labels = values
            .map((v) => (v < 5 ? 0 : v < 10 ? 1 : 2))
            .map((l) => (random() < 0.25 ? Math.floor(random() * 3) : l));
          const candidates = allCandidates(values, labels, 3, criterion);
          const bestImpurity = Math.min(...candidates.map((c) => c.impurity));
          const bestUnweighted = Math.min(...candidates.map((c) => c.unweighted));
          const got = lab.bestThreshold([...values], [...labels], 3, criterion);
          const what = `bestThreshold on 40 rows with repeated values (${criterion})`;
          if (!got || typeof got.threshold !== "number" || typeof got.impurity !== "number") {
            fail({ message: `${what} should return { threshold, impurity }.`, got: show(got) });
          }
          const isDataPoint = values.includes(got.threshold);
          expectThat(!isDataPoint, {
            message: `${what} returned threshold ${got.threshold}, which is a data value.`,
            likelyCause:
              "Use the MIDPOINT between consecutive distinct sorted values, e.g. (3 + 4)/2 = 3.5, so no row sits on the threshold.",
          });
          expectClose(got.impurity, bestImpurity, {
            what: `${what}: the impurity of the best split`,
            tolerance: 1e-9,
            likelyCause: diagnose(
              got.impurity,
              [
                {
                  value: bestUnweighted,
                  cause:
                    "Weight each child's impurity by its size: (n_left·I(left) + n_right·I(right)) / n, not their plain average.",
                },
              ],
              1e-9,
            ),
          });
          const match = candidates.find((c) => Math.abs(c.threshold - got.threshold) < 1e-9);
          expectThat(match !== undefined && Math.abs(match.impurity - got.impurity) < 1e-9, {
            message: `${what}: threshold ${got.threshold} does not give impurity ${got.impurity}.`,
            likelyCause:
              "Rows with value <= threshold go LEFT; make sure the impurity you report is the one of the threshold you return.",
          });
        }
        // The second docstring example, with the DEFAULT criterion (gini): 0.25 at 1.5 (entropy would give 0.5).
        const docs2 = lab.bestThreshold([1, 1, 2, 3], [0, 1, 1, 1], 2);
        expectThat(
          docs2 !== null &&
            Math.abs(docs2.threshold - 1.5) < 1e-12 &&
            Math.abs(docs2.impurity - 0.25) < 1e-12,
          {
            message:
              "bestThreshold([1, 1, 2, 3], [0, 1, 1, 1], 2) should be { threshold: 1.5, impurity: 0.25 } (default criterion gini).",
            got: show(docs2),
            likelyCause:
              docs2 && Math.abs(docs2.impurity - 0.5) < 1e-12
                ? 'The default criterion is "gini": criterion: Criterion = "gini".'
                : undefined,
          },
        );
      },
    },
    {
      id: "best-split",
      title: "The best split over all features",
      points: 1,
      exports: ["bestSplit", "Split"],
      hints: [
        "You already find the best threshold of one column. What is left is a loop over the columns.",
        "For each feature f (in order): bestThreshold(x.map((row) => row[f]), y, nClasses, criterion); keep the lowest impurity, first one on ties. Respect the optional `features` list.",
        "When `features` is missing, try every column 0 … d − 1. bestThreshold can return null (a constant column): skip it. Replace the best only on a strictly lower impurity, so the earliest feature wins a tie, and return { feature, threshold, impurity }.",
      ],
      check: (lab) => {
        const docs = lab.bestSplit(
          [
            [1, 5],
            [2, 6],
            [3, 5],
            [4, 6],
          ],
          [0, 0, 1, 1],
          2,
        );
        expectThat(
          docs !== null &&
            docs.feature === 0 &&
            Math.abs(docs.threshold - 2.5) < 1e-12 &&
            Math.abs(docs.impurity) < 1e-12,
          {
            message:
              "bestSplit on the docstring example should be { feature: 0, threshold: 2.5, impurity: 0 }.",
            got: show(docs),
          },
        );
        // Feature 1 is best; features 0 and 2 are identical copies (a tie the earlier one wins).
        const x = [
          [1, 9, 1],
          [3, 8, 3],
          [2, 1, 2],
          [5, 2, 5],
          [4, 3, 4],
        ];
        const y = [0, 0, 1, 1, 1];
        const best = lab.bestSplit(
          x.map((r) => [...r]),
          [...y],
          2,
        );
        expectThat(best !== null && best.feature === 1 && Math.abs(best.threshold - 5.5) < 1e-12, {
          message:
            "bestSplit should look at every feature: here only feature 1 (threshold 5.5) separates the classes perfectly.",
          expected: "{ feature: 1, threshold: 5.5, impurity: 0 }",
          got: show(best),
          likelyCause:
            best?.feature === 0 ? "Loop over all columns, not just the first." : undefined,
        });
        const tied = lab.bestSplit(
          x.map((r) => [r[0], r[2], r[0]]),
          [0, 1, 1, 0, 1],
          2,
        );
        const tiedWant = Math.min(
          ...allCandidates(
            x.map((r) => r[0]),
            [0, 1, 1, 0, 1],
            2,
            "gini",
          ).map((c) => c.impurity),
        );
        expectThat(
          tied !== null && tied.feature === 0 && Math.abs(tied.impurity - tiedWant) < 1e-9,
          {
            message: "Three identical features tie; the earliest (feature 0) should win.",
            expected: `feature 0 with impurity ${tiedWant.toFixed(4)}`,
            got: show(tied),
            likelyCause: "Replace the best only when a feature is strictly better (<, not <=).",
          },
        );
        const restricted = lab.bestSplit(
          x.map((r) => [...r]),
          [...y],
          2,
          "gini",
          [2, 0],
        );
        expectThat(restricted !== null && restricted.feature === 2, {
          message:
            'bestSplit(x, y, 2, "gini", [2, 0]) should only try features 2 and 0, in that order (feature 2 wins the tie).',
          got: show(restricted),
          likelyCause:
            "When `features` is given, loop over it instead of all columns (random forests pass a random subset).",
        });
        // The criterion must reach bestThreshold: entropy scores (and may pick) differently from gini.
        const prob = treeProblem(30, 3, 3, 4);
        for (const criterion of ["entropy", "gini"] as const) {
          const perFeature = [0, 1, 2].map((f) =>
            Math.min(
              ...allCandidates(
                prob.x.map((r) => r[f]),
                prob.y,
                3,
                criterion,
              ).map((c) => c.impurity),
            ),
          );
          const wantImpurity = Math.min(...perFeature);
          const wantFeature = perFeature.findIndex((v) => v <= wantImpurity + 1e-12);
          const other = criterion === "entropy" ? "gini" : "entropy";
          const otherBest = Math.min(
            ...[0, 1, 2].map((f) =>
              Math.min(
                ...allCandidates(
                  prob.x.map((r) => r[f]),
                  prob.y,
                  3,
                  other,
                ).map((c) => c.impurity),
              ),
            ),
          );
          const got = lab.bestSplit(
            prob.x.map((r) => [...r]),
            [...prob.y],
            3,
            criterion,
          );
          expectThat(
            got !== null &&
              got.feature === wantFeature &&
              Math.abs(got.impurity - wantImpurity) < 1e-9,
            {
              message: `bestSplit(x, y, 3, "${criterion}") on 30 rows, 3 features: wrong split.`,
              expected: `feature ${wantFeature} with ${criterion} impurity ${wantImpurity.toFixed(6)}`,
              got: show(got),
              likelyCause:
                got !== null && Math.abs(got.impurity - otherBest) < 1e-9
                  ? `The criterion is not passed on: call bestThreshold(column, y, nClasses, criterion).`
                  : undefined,
            },
          );
        }
        expectThat(
          lab.bestSplit(
            [
              [1, 2],
              [1, 2],
            ],
            [0, 1],
            2,
          ) === null,
          {
            message:
              "bestSplit should return null when no feature can be split (all columns constant).",
            got: show(
              lab.bestSplit(
                [
                  [1, 2],
                  [1, 2],
                ],
                [0, 1],
                2,
              ),
            ),
          },
        );
      },
    },
    {
      id: "decision-tree",
      title: "A decision tree classifier",
      points: 4,
      exports: ["DecisionTreeClassifier", "TreeNode", "TreeParams"],
      hints: [
        "Write one recursive function grow(rows, depth) that returns a node. When does it stop, and what does it store at a leaf?",
        "grow: counts = classCounts of the rows' labels; node = { counts, impurity, depth }; return it as a leaf if depth >= maxDepth, rows.length < minSamplesSplit, impurity === 0 or bestSplit(...) is null; else split rows with x[i][f] <= t and set node.split = { feature, threshold, left: grow(leftRows, depth + 1), right: grow(rightRows, depth + 1) }.",
        "predictProba walks each row from the root: at a node with a split, go left when the row's value of that feature is ≤ the threshold (the same side fit used), else right; at a leaf, divide its class counts by their total. Ties must go left in both fit and predict.",
      ],
      check: (lab) => {
        const stump = new lab.DecisionTreeClassifier({ maxDepth: 1 });
        expectReturnsModel(
          stump.fit([[1], [2], [3], [4]], [0, 0, 1, 1]),
          stump,
          "DecisionTreeClassifier.fit",
        );
        const root = stump.root;
        expectThat(
          !!root?.split && root.split.feature === 0 && Math.abs(root.split.threshold - 2.5) < 1e-12,
          {
            message: "On the docstring example the root should split feature 0 at 2.5.",
            got: show(
              root?.split ? { feature: root.split.feature, threshold: root.split.threshold } : root,
            ),
            likelyCause:
              "Use your bestSplit at each node; store { feature, threshold, left, right } in node.split.",
          },
        );
        const p = stump.predict([[0], [10], [2.4], [2.6]]);
        expectThat(Array.isArray(p) && [0, 1, 0, 1].every((v, i) => p[i] === v), {
          message:
            "predict on the docstring example: rows with x <= 2.5 are class 0, larger ones class 1.",
          expected: "[0, 1, 0, 1]",
          got: show(p),
          likelyCause:
            Array.isArray(p) && p[0] === 1
              ? "Rows with x[feature] <= threshold go LEFT, the others right."
              : undefined,
        });
        expectGridClose(
          stump.predictProba([[0], [10]]),
          [
            [1, 0],
            [0, 1],
          ],
          {
            what: "predictProba on the docstring example",
            likelyCause:
              "Return the leaf's counts divided by their sum (one row of K probabilities per sample).",
          },
        );

        const { x, y } = treeProblem(80, 3, 3, 21);
        const settings = [
          { maxDepth: 0 },
          { maxDepth: 1 },
          { maxDepth: 2 },
          { maxDepth: 3, criterion: "entropy" as const },
          { minSamplesSplit: 12 },
          {},
        ];
        for (const params of settings) {
          const want = new CourseTree(params).fit(x, y);
          const got = new lab.DecisionTreeClassifier(params).fit(x, y);
          const label = `DecisionTreeClassifier(${JSON.stringify(params)}) on 80 rows`;
          const gotDepth = depthOf(got.root);
          const wantDepth = treeDepth(want.root as TreeNode);
          const depthCause =
            gotDepth === wantDepth + 1 && params.maxDepth !== undefined
              ? `Off by one: maxDepth ${params.maxDepth} allows ${params.maxDepth} level(s) of splits below the root (root depth 0; stop when depth === maxDepth).`
              : gotDepth < wantDepth && params.maxDepth !== undefined
                ? "The tree stops too early: split while depth < maxDepth."
                : undefined;
          const difference = treeDifference(got.root, want.root as TreeNode);
          expectThat(difference === undefined, {
            message: `${label}: the tree differs from the expected one: ${difference}.`,
            likelyCause:
              depthCause ??
              ("minSamplesSplit" in params
                ? "A node with FEWER than minSamplesSplit rows is a leaf (rows.length < minSamplesSplit); one with exactly that many may still split."
                : PURE_LEAF_CAUSE),
          });
          const probe = x.slice(0, 20).map((r) => r.map((v) => v + 0.001));
          const gotPred = got.predict(probe);
          const wantPred = want.predict(probe);
          expectThat(
            gotPred.every((v, i) => v === wantPred[i]),
            {
              message: `${label}: predict disagrees with the expected tree.`,
              expected: `[${wantPred.join(", ")}]`,
              got: show(gotPred),
              likelyCause:
                "Walk from the root: x[feature] <= threshold → left, otherwise right; predict the leaf's majority class (ties → smaller class).",
            },
          );
          const proba = expectGridShape(got.predictProba(probe), 20, 3, {
            what: `${label}: predictProba`,
          });
          expectGridClose(proba, want.predictProba(probe), {
            what: `${label}: predictProba`,
            likelyCause: "Each row is the leaf's class counts divided by their sum.",
          });
        }
        expectEstimatorGuards({
          name: "DecisionTreeClassifier",
          unfitted: new lab.DecisionTreeClassifier(),
          fitted: stump,
          width: 1,
        });
        expectThrows(() => new lab.DecisionTreeClassifier().fit([[1], [2]], [0, 0.5]), {
          what: "DecisionTreeClassifier.fit with the label 0.5",
          likelyCause: "Class labels must be integers 0…K−1: throw an Error otherwise.",
        });
        expectThrows(() => new lab.DecisionTreeClassifier().fit([[1], [2]], [0, -1]), {
          what: "DecisionTreeClassifier.fit with the label −1",
          likelyCause:
            "Class labels must be integers ≥ 0: throw an Error unless Number.isInteger(v) && v >= 0.",
        });
        // The bad label first: a scan that skips y[0] is caught; the message must say what is wrong.
        const firstBad = expectThrows(
          () => new lab.DecisionTreeClassifier().fit([[1], [2]], [-1, 0]),
          {
            what: "DecisionTreeClassifier.fit with labels [-1, 0]",
            likelyCause:
              "Check every label, y[0] included: throw unless Number.isInteger(v) && v >= 0.",
          },
        );
        expectMessageNames(
          firstBad,
          /label|y\[0\]/i,
          "DecisionTreeClassifier.fit with labels [-1, 0]",
          "Say which label is wrong, e.g. `DecisionTreeClassifier.fit: y[0] is -1; labels must be integers 0…K−1.`",
        );
        const wide = expectThrows(() => stump.predictProba([[1, 2]]), {
          what: "DecisionTreeClassifier.predictProba on 2-feature rows after fitting on 1",
          errorName: "ShapeError",
        });
        expectMessageNames(
          wide,
          /\.predictProba\b/,
          "DecisionTreeClassifier.predictProba on rows of the wrong width",
          'Call this.validatePredict(x, "predictProba") so the error names the method that was called.',
        );
        // Identical rows with different labels: bestSplit finds nothing, so the root stays a leaf.
        const unsplittable = expectNoThrow(
          () => new lab.DecisionTreeClassifier().fit([[3], [3]], [0, 1]),
          "DecisionTreeClassifier.fit on two identical rows with labels 0 and 1 threw.",
          "bestSplit returns null when no feature can be split: make that node a leaf instead of splitting it.",
        );
        expectGridClose(unsplittable.predictProba([[3]]), [[0.5, 0.5]], {
          what: "predictProba of a tree fitted on [[3], [3]] with labels [0, 1]",
        });
        // Neighbouring floats: their midpoint rounds to the smaller one, so the threshold equals a training value.
        const near = [[1], [1 + Number.EPSILON]];
        const tight = expectNoThrow(
          () => new lab.DecisionTreeClassifier().fit(near, [0, 1]),
          "DecisionTreeClassifier.fit on [[1], [1 + Number.EPSILON]] with labels [0, 1] threw.",
          "Split the rows exactly as bestThreshold defines it: x[f] <= threshold → left, x[f] > threshold → right.",
        );
        expectGridClose(
          tight.predictProba(near),
          [
            [1, 0],
            [0, 1],
          ],
          {
            what: "predictProba of a tree fitted on [[1], [1 + Number.EPSILON]] with labels [0, 1] (threshold = 1)",
            likelyCause:
              "A row equal to the threshold goes LEFT, in fit and in predictProba alike: x[f] <= threshold → left, x[f] > threshold → right.",
          },
        );
        // K = max(y) + 1 even when a class is absent; a leaf's tie goes to the smaller class.
        const gap = new lab.DecisionTreeClassifier({ maxDepth: 0 }).fit(
          [[0], [1], [2], [3], [4]],
          [2, 0, 2, 0, 3],
        );
        expectGridClose(gap.predictProba([[9]]), [[0.4, 0, 0.4, 0.2]], {
          what: "predictProba of a root-only tree trained on labels [2, 0, 2, 0, 3] (class 1 absent)",
          shapeCause:
            "K = max(y) + 1 = 4 here, not the number of distinct labels: absent classes get probability 0.",
        });
        const tiePred = gap.predict([[9]]);
        expectThat(Array.isArray(tiePred) && tiePred[0] === 0, {
          message:
            "predict of a leaf with counts [2, 0, 2, 1]: classes 0 and 2 tie, the smaller (0) should win.",
          got: show(tiePred),
          likelyCause:
            "Take the class with the highest probability, replacing the best only when strictly higher (ties → smaller class).",
        });

        for (const [name, min] of [
          ["iris", 0.9],
          ["breast_cancer", 0.9],
        ] as const) {
          const { train, test } = loadFixedSplit(name);
          const tree = new lab.DecisionTreeClassifier({ maxDepth: 3 }).fit(train.x, train.y);
          const acc = accuracyOf(test.y, tree.predict(test.x));
          expectThat(acc >= min, {
            message: `A depth-3 tree on ${name} should reach at least ${min} test accuracy.`,
            got: acc.toFixed(4),
          });
        }
      },
    },
    {
      id: "feature-importances",
      title: "Feature importances",
      points: 2,
      exports: ["featureImportances"],
      hints: [
        "A split is valuable when it removes a lot of impurity from a lot of rows. How do you measure that for one node?",
        "For each internal node: n·I(node) − n_left·I(left) − n_right·I(right), with n = sum of counts; add it to its feature's total. Visit every node (recursion), then divide by the grand total.",
        "A recursive visit(node) that stops at leaves (no node.split) and otherwise adds size(node)·I(node) − size(left)·I(left) − size(right)·I(right) to its split feature, then visits both children. size(node) is the sum of node.counts. If the grand total is 0 (the root is a leaf), return the zeros instead of dividing by 0.",
      ],
      check: (lab) => {
        const leaf = (counts: number[], depth: number): TreeNode => ({
          counts,
          impurity: giniImpurity(counts),
          depth,
        });
        const docs: TreeNode = {
          counts: [2, 2],
          impurity: 0.5,
          depth: 0,
          split: { feature: 1, threshold: 0, left: leaf([2, 0], 1), right: leaf([0, 2], 1) },
        };
        const docsGot = lab.featureImportances(docs, 3);
        expectGridClose(docsGot, [0, 1, 0], {
          what: "featureImportances on the docstring tree",
          shapeCause: "Return one importance per feature (nFeatures values).",
          likelyCause:
            Array.isArray(docsGot) && Math.abs(sum(docsGot) - 1) > 1e-9
              ? "Normalise: divide every feature's total by the sum over all features."
              : undefined,
        });
        expectGridClose(lab.featureImportances(leaf([3, 1], 0), 2), [0, 0], {
          what: "featureImportances of a single leaf",
          likelyCause: "With no splits, return all zeros (and do not divide by a zero total).",
        });
        // A hand-built tree where size weighting matters: the big root split removes less per row.
        const inner: TreeNode = {
          counts: [2, 6],
          impurity: giniImpurity([2, 6]),
          depth: 1,
          split: { feature: 2, threshold: 0, left: leaf([2, 0], 2), right: leaf([0, 6], 2) },
        };
        const hand: TreeNode = {
          counts: [10, 6],
          impurity: giniImpurity([10, 6]),
          depth: 0,
          split: { feature: 0, threshold: 0, left: leaf([8, 0], 1), right: inner },
        };
        const rootGain = 16 * giniImpurity([10, 6]) - 8 * 0 - 8 * giniImpurity([2, 6]);
        const innerGain = 8 * giniImpurity([2, 6]);
        const want = [rootGain, 0, innerGain].map((v) => v / (rootGain + innerGain));
        const got = lab.featureImportances(hand, 3);
        const unweightedRoot = giniImpurity([10, 6]) - 0 - giniImpurity([2, 6]);
        const unweighted = [unweightedRoot, 0, giniImpurity([2, 6])].map(
          (v, _, a) => v / (a[0] + a[2]),
        );
        const grid = expectGridShape(got, 3, 1, { what: "featureImportances on a two-split tree" });
        expectGridClose(got, want, {
          what: "featureImportances on a two-split tree",
          likelyCause:
            Math.abs(sum(grid.map((r) => r[0])) - 1) > 1e-9
              ? "Normalise: divide every feature's total by the sum over all features."
              : Math.abs(grid[0][0] - 0.5) < 1e-9
                ? "That counts how often each feature is used; weight each split by the impurity it removes."
                : Math.abs(grid[0][0] - unweighted[0]) < 1e-9
                  ? "Weight by the number of rows: n·I(node) − n_left·I(left) − n_right·I(right)."
                  : undefined,
        });
        const { train } = loadFixedSplit("breast_cancer");
        const course = new CourseTree({ maxDepth: 4 }).fit(train.x, train.y);
        expectGridClose(
          lab.featureImportances(course.root as TreeNode, 30),
          featureImportancesOf(course.root as TreeNode, 30),
          {
            what: "featureImportances of a depth-4 tree on breast_cancer",
            likelyCause: "Visit EVERY internal node (both subtrees, recursively).",
          },
        );
      },
    },
    {
      id: "accuracy-by-depth",
      title: "Overfitting vs depth",
      points: 1,
      exports: ["accuracyByDepth", "DepthScore"],
      hints: [
        "One tree per depth; two numbers per tree. Which data do you fit on, and which do you score on?",
        "For each depth: tree = new DecisionTreeClassifier({ maxDepth: depth, criterion }).fit(xTrain, yTrain); trainAccuracy = fraction of tree.predict(xTrain) equal to yTrain; same for the test rows.",
        "One new tree per depth, always fitted on the training rows only. A small accuracy helper (the share of positions where prediction equals truth) keeps it short. Expect training accuracy to keep rising with depth while test accuracy levels off or drops: that gap is overfitting.",
      ],
      check: (lab) => {
        const { train, test } = loadFixedSplit("iris");
        const depths = [1, 2, 4, 6];
        const got = lab.accuracyByDepth(train.x, train.y, test.x, test.y, [...depths]);
        if (!Array.isArray(got) || got.length !== depths.length) {
          fail({
            message: `accuracyByDepth should return one entry per depth (${depths.length}).`,
            got: show(got),
          });
        }
        const scoreWith = (depth: number) => {
          const tree = new lab.DecisionTreeClassifier({ maxDepth: depth }).fit(train.x, train.y);
          return {
            train: accuracyOf(train.y, tree.predict(train.x)),
            test: accuracyOf(test.y, tree.predict(test.x)),
          };
        };
        depths.forEach((depth, i) => {
          const want = scoreWith(depth);
          const g = got[i];
          const ok =
            g?.depth === depth &&
            Math.abs(g.trainAccuracy - want.train) < 1e-12 &&
            Math.abs(g.testAccuracy - want.test) < 1e-12;
          const deeper = depth < 6 ? scoreWith(depth + 1) : undefined;
          expectThat(ok, {
            message: `accuracyByDepth: the entry for depth ${depth} is wrong.`,
            expected: `{ depth: ${depth}, trainAccuracy: ${want.train.toFixed(4)}, testAccuracy: ${want.test.toFixed(4)} }`,
            got: show(g),
            likelyCause:
              g &&
              Math.abs(g.trainAccuracy - want.test) < 1e-12 &&
              Math.abs(g.testAccuracy - want.train) < 1e-12
                ? "Train and test are swapped: fit on the training rows, then score both sets."
                : g &&
                    deeper &&
                    Math.abs(g.trainAccuracy - deeper.train) < 1e-12 &&
                    Math.abs(g.testAccuracy - deeper.test) < 1e-12
                  ? "Off by one: use maxDepth = depth exactly."
                  : g && Math.abs(g.trainAccuracy + want.train - 1) < 1e-12
                    ? "That is the error rate: accuracy is the fraction of CORRECT predictions."
                    : "Fit on (xTrain, yTrain) with { maxDepth: depth, criterion }, then score predictions on both sets.",
          });
        });
        // The criterion is passed on: on this data entropy trees score differently from gini trees.
        const a = treeProblem(60, 3, 3, 2);
        const b = treeProblem(40, 3, 3, 102);
        const entropyDepths = [1, 2, 3];
        const gotEntropy = lab.accuracyByDepth(a.x, a.y, b.x, b.y, [...entropyDepths], "entropy");
        entropyDepths.forEach((depth, i) => {
          const tree = new lab.DecisionTreeClassifier({
            maxDepth: depth,
            criterion: "entropy",
          }).fit(a.x, a.y);
          const giniTree = new lab.DecisionTreeClassifier({ maxDepth: depth }).fit(a.x, a.y);
          const want = {
            train: accuracyOf(a.y, tree.predict(a.x)),
            test: accuracyOf(b.y, tree.predict(b.x)),
          };
          const asGini = {
            train: accuracyOf(a.y, giniTree.predict(a.x)),
            test: accuracyOf(b.y, giniTree.predict(b.x)),
          };
          const g = Array.isArray(gotEntropy) ? gotEntropy[i] : undefined;
          const is = (w: { train: number; test: number }) =>
            !!g &&
            Math.abs(g.trainAccuracy - w.train) < 1e-12 &&
            Math.abs(g.testAccuracy - w.test) < 1e-12;
          expectThat(g?.depth === depth && is(want), {
            message: `accuracyByDepth(…, [1, 2, 3], "entropy"): the entry for depth ${depth} is wrong.`,
            expected: `{ depth: ${depth}, trainAccuracy: ${want.train.toFixed(4)}, testAccuracy: ${want.test.toFixed(4)} }`,
            got: show(g),
            likelyCause: is(asGini)
              ? "The criterion is not passed on: new DecisionTreeClassifier({ maxDepth: depth, criterion })."
              : undefined,
          });
        });
      },
    },
  ],
});
