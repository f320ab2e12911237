import { loadDataset, seededRandom } from "../../data";
import { fail } from "../../grading/check-failure";
import {
  diagnose,
  expectClose,
  expectFiniteNumber,
  expectGridClose,
  expectGridShape,
  expectMessageNames,
  expectNoThrow,
  expectSameList,
  expectThat,
  describe as show,
} from "../../grading/expect";
import {
  expectEstimatorGuards,
  expectReturnsModel,
  expectThrows,
} from "../../grading/expect-estimator";
import { defineLab } from "../../grading/types";
import { makeBlobs } from "../../ml/toy-datasets";

type Lab = typeof import("../../../solutions/09-kmeans-clustering");

/*
 * Expected values come from plain loops written here, independently of the reference
 * solution: brute-force distances, pair counting for the Rand indices, and an independent
 * Lloyd's algorithm (random starts) for the best achievable inertia.
 */

const sq = (a: number[], b: number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
const dist = (a: number[], b: number[]) => Math.sqrt(sq(a, b));
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

function nearestLoop(x: number[][], centroids: number[][]): number[] {
  return x.map((row) => {
    let best = 0;
    for (let c = 1; c < centroids.length; c++)
      if (sq(row, centroids[c]) < sq(row, centroids[best])) best = c;
    return best;
  });
}

function meansLoop(x: number[][], labels: number[], previous: number[][]): number[][] {
  return previous.map((old, c) => {
    const members = x.filter((_, i) => labels[i] === c);
    return members.length === 0 ? [...old] : old.map((_, j) => mean(members.map((r) => r[j])));
  });
}

function inertiaLoop(x: number[][], centroids: number[][], labels: number[]): number {
  return x.reduce((s, row, i) => s + sq(row, centroids[labels[i]]), 0);
}

/** A seeded random dataset of n rows in d dimensions. */
function randomRows(n: number, d: number, seed: number, scale = 10): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => scale * random()));
}

type InitVariant = "correct" | "farthest" | "linearWeights" | "uniform" | "firstRow";

/** k-means++ exactly as the TODO describes, with known mistakes switchable. */
function plusPlusLoop(
  x: number[][],
  k: number,
  seed: number | (() => number),
  variant: InitVariant,
): number[][] {
  const random = typeof seed === "number" ? seededRandom(seed) : seed;
  const n = x.length;
  const chosen = [variant === "firstRow" ? 0 : Math.floor(random() * n)];
  while (chosen.length < k) {
    const d2 = x.map((row) => Math.min(...chosen.map((c) => sq(row, x[c]))));
    if (variant === "farthest") {
      chosen.push(d2.indexOf(Math.max(...d2)));
      continue;
    }
    const weights =
      variant === "linearWeights"
        ? d2.map(Math.sqrt)
        : variant === "uniform"
          ? d2.map((v) => (v > 0 ? 1 : 0))
          : d2;
    const r = random() * weights.reduce((s, v) => s + v, 0);
    let running = 0;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      running += weights[i];
      if (running > r) {
        pick = i;
        break;
      }
    }
    chosen.push(pick);
  }
  return chosen.map((i) => [...x[i]]);
}

type KMeansParamsLoop = { k: number; maxIter: number; tol: number; nInit: number; seed: number };
const KMEANS_DEFAULTS: KMeansParamsLoop = { k: 3, maxIter: 300, tol: 1e-4, nInit: 10, seed: 0 };
type FitVariant =
  | "correct"
  | "freshRandomPerRun"
  | "lastRun"
  | "laterRunOnTie"
  | "strictTol"
  | "euclideanShift"
  | "nIterOffByOne";
const FIT_CAUSES: Record<Exclude<FitVariant, "correct">, string> = {
  freshRandomPerRun:
    "seededRandom(seed) is created anew for every run, so all nInit runs start alike: create it ONCE, before the runs.",
  laterRunOnTie:
    "On a tie in inertia the later run replaced the earlier one: replace only when strictly lower (<), so the first run wins.",
  lastRun: "The LAST run is kept: keep the run with the lowest inertia.",
  strictTol: "A run stops when the shift is ≤ tol (shift <= tol), not only when it is < tol.",
  euclideanShift:
    "The shift is Σ_c squaredDistance(next[c], centroids[c]) — squared distances, no square root.",
  nIterOffByOne:
    "nIter counts the assign + update iterations of the kept run (1 after one iteration).",
};

/** KMeans.fit as the TODO describes (one shared generator, nInit runs), mistakes switchable. */
function kmeansLoop(x: number[][], p: KMeansParamsLoop, variant: FitVariant = "correct") {
  let random = seededRandom(p.seed);
  let best: { centroids: number[][]; labels: number[]; inertia: number; nIter: number } | undefined;
  for (let run = 0; run < p.nInit; run++) {
    if (variant === "freshRandomPerRun") random = seededRandom(p.seed);
    let centroids = plusPlusLoop(x, p.k, random, "correct");
    let nIter = 0;
    while (nIter < p.maxIter) {
      nIter++;
      const next = meansLoop(x, nearestLoop(x, centroids), centroids);
      const moved = next.reduce((m, c, i) => m + sq(c, centroids[i]), 0);
      const shift = variant === "euclideanShift" ? Math.sqrt(moved) : moved;
      centroids = next;
      if (variant === "strictTol" ? shift < p.tol : shift <= p.tol) break;
    }
    const labels = nearestLoop(x, centroids);
    const value = inertiaLoop(x, centroids, labels);
    const replace =
      !best ||
      variant === "lastRun" ||
      (variant === "laterRunOnTie" ? value <= best.inertia : value < best.inertia);
    if (replace)
      best = {
        centroids,
        labels,
        inertia: value,
        nIter: variant === "nIterOffByOne" ? nIter - 1 : nIter,
      };
  }
  if (!best) throw new Error("Check bug: nInit must be at least 1.");
  return best;
}

/** The lowest inertia found by plain Lloyd's algorithm from `starts` random sets of rows. */
function bestInertia(x: number[][], k: number, starts: number): number {
  const random = seededRandom(12345);
  let best = Number.POSITIVE_INFINITY;
  for (let s = 0; s < starts; s++) {
    const picked = new Set<number>();
    while (picked.size < k) picked.add(Math.floor(random() * x.length));
    let centroids = [...picked].map((i) => [...x[i]]);
    for (let it = 0; it < 300; it++) {
      const labels = nearestLoop(x, centroids);
      const next = meansLoop(x, labels, centroids);
      const moved = next.reduce((m, c, i) => m + sq(c, centroids[i]), 0);
      centroids = next;
      if (moved === 0) break;
    }
    best = Math.min(best, inertiaLoop(x, centroids, nearestLoop(x, centroids)));
  }
  return best;
}

function silhouetteLoop(
  x: number[][],
  labels: number[],
  distance = dist,
  includeSelf = false,
  mistake?: "bAllOthers" | "divideByB" | "bFarthest",
): number[] {
  return x.map((row, i) => {
    const own = x.filter((_, j) => labels[j] === labels[i] && (includeSelf || j !== i));
    if (own.length === 0 || (includeSelf && own.length === 1)) return 0;
    const a = mean(own.map((r) => distance(row, r)));
    const others = [...new Set(labels)].filter((c) => c !== labels[i]);
    const perCluster = others.map((c) =>
      mean(x.filter((_, j) => labels[j] === c).map((r) => distance(row, r))),
    );
    const b =
      mistake === "bAllOthers"
        ? mean(x.filter((_, j) => labels[j] !== labels[i]).map((r) => distance(row, r)))
        : mistake === "bFarthest"
          ? Math.max(...perCluster)
          : Math.min(...perCluster);
    return (b - a) / (mistake === "divideByB" ? b : Math.max(a, b));
  });
}

/** Pair counting: for every pair of rows, are they together in a, in b? */
function pairCounts(a: number[], b: number[]) {
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  let neither = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const sameA = a[i] === a[j];
      const sameB = b[i] === b[j];
      if (sameA && sameB) both++;
      else if (sameA) onlyA++;
      else if (sameB) onlyB++;
      else neither++;
    }
  }
  return { both, onlyA, onlyB, neither };
}

/** ARI from pair counts (Hubert & Arabie via the pair-confusion form). */
function ariByPairs(a: number[], b: number[]): number {
  const { both: tp, onlyA: fn, onlyB: fp, neither: tn } = pairCounts(a, b);
  const denominator = (tn + fn) * (fn + tp) + (tn + fp) * (fp + tp);
  return denominator === 0 ? 1 : (2 * (tn * tp - fn * fp)) / denominator;
}

function randIndexByPairs(a: number[], b: number[]): number {
  const { both, onlyA, onlyB, neither } = pairCounts(a, b);
  return (both + neither) / (both + onlyA + onlyB + neither);
}

/** Five blobs where a single k-means++ start (seed 1) lands in a poor local minimum. */
const trickyBlobs = () =>
  makeBlobs(120, {
    centers: [
      [0, 0],
      [3, 0],
      [0, 3],
      [3, 3],
      [6, 1.5],
    ],
    spread: 0.6,
    seed: 9,
  });

const INIT_CAUSES: Record<Exclude<InitVariant, "correct">, string> = {
  farthest:
    "You always took the FARTHEST row: k-means++ draws at random, with probability proportional to D² (r = random() · ΣD²).",
  linearWeights:
    "The weights are distances: k-means++ uses SQUARED distances D² to the nearest chosen centroid.",
  uniform:
    "Every unchosen row got the same chance: weight each row by its D², so far rows are more likely.",
  firstRow: "The first centroid must be drawn at random: row Math.floor(random() · n).",
};

export const kmeansClusteringLab = defineLab<Lab>({
  id: "09-kmeans-clustering",
  title: "k-means and clustering",
  summary:
    "Implement k-means with k-means++ starts, and judge clusterings with inertia, silhouette and the adjusted Rand index.",
  exercises: [
    {
      id: "assign-clusters",
      title: "Assign each row to its nearest centroid",
      points: 1,
      exports: ["assignClusters"],
      hints: [
        "For one row, compute its distance to every centroid. Which index is smallest?",
        "Use squaredDistance(row, centroids[c]) for each c and keep the index of the minimum; on a tie keep the first (use <, not <=).",
        "For each row, start with centroid 0 as the best and its distance as the best distance, then try c = 1, 2, …, switching only when the distance is strictly smaller. Remember the best distance rather than recomputing it at each comparison.",
      ],
      check: (lab) => {
        const x = randomRows(25, 3, 1);
        const centroids = randomRows(4, 3, 2);
        const got = lab.assignClusters(x, centroids);
        const expected = nearestLoop(x, centroids);
        const farthest = x.map((row) => {
          const d = centroids.map((c) => sq(row, c));
          return d.indexOf(Math.max(...d));
        });
        const same = (v: unknown, w: number[]) =>
          Array.isArray(v) && v.length === w.length && v.every((e, i) => e === w[i]);
        expectSameList(
          got,
          expected,
          "assignClusters on 25 rows and 4 centroids",
          same(got, farthest)
            ? "You picked the FARTHEST centroid: keep the smallest distance."
            : same(
                  got,
                  expected.map((c) => c + 1),
                )
              ? "Cluster ids start at 0 (the centroid's index), not 1."
              : Array.isArray(got) && got.some((v) => !Number.isInteger(v))
                ? "Return the centroid's INDEX, not its distance."
                : "Use the squared Euclidean distance to every centroid and keep the index of the smallest.",
        );
        expectSameList(
          lab.assignClusters(
            [
              [0, 0],
              [9, 9],
              [5, 5],
            ],
            [
              [1, 1],
              [8, 8],
            ],
          ),
          [0, 1, 1],
          "assignClusters on the docstring example",
        );
        expectSameList(
          lab.assignClusters(
            [
              [1, 0],
              [0, 1],
            ],
            [
              [0, 0],
              [2, 0],
              [0, 0],
            ],
          ),
          [0, 0],
          "assignClusters with ties",
          "On a tie (equal distances) keep the LOWER index: compare with <, not <=.",
        );
      },
    },
    {
      id: "update-centroids",
      title: "Move each centroid to the mean of its rows",
      points: 2,
      exports: ["updateCentroids"],
      hints: [
        "For each cluster, add up its rows and count them. What should happen if the count is 0?",
        "centroid c = (Σ of rows with label c) / (number of such rows); if none, keep previous[c]. Build new arrays rather than changing previous.",
        "One pass over the rows: add each row to its cluster's running sum (a fresh k×d array of zeros) and count it. Then divide each sum by its count. The tricky case is an empty cluster: return a COPY of its previous centroid, never 0/0 and never the same array.",
      ],
      check: (lab) => {
        const x = randomRows(30, 2, 3);
        const labels = x.map((_, i) => (i * 7) % 4);
        const previous = randomRows(4, 2, 4);
        const before = previous.map((r) => [...r]);
        const got = lab.updateCentroids(x, labels, previous);
        const expected = meansLoop(x, labels, previous);
        const grid = expectGridShape(got, 4, 2, {
          what: "updateCentroids for k = 4 clusters of 2-D rows",
          likelyCause:
            "Return one centroid per cluster (previous.length rows), each with one value per feature.",
        });
        const count = x.length;
        expectGridClose(grid, expected, {
          what: "updateCentroids on 30 rows, 4 clusters",
          likelyCause:
            Math.abs(grid[0][0] - (expected[0][0] * labels.filter((l) => l === 0).length) / count) <
            1e-9
              ? "You divided by the number of ALL rows: divide each sum by the size of its own cluster."
              : "Centroid c is the mean of the rows with labels[i] === c.",
        });
        expectThat(
          previous.every((r, c) => r.every((v, j) => v === before[c][j])),
          {
            message: "updateCentroids changed the `previous` centroids it was given.",
            likelyCause:
              "Build new arrays for the result; copy previous[c] ([...previous[c]]) for an empty cluster.",
          },
        );
        const doc = lab.updateCentroids(
          [
            [0, 0],
            [2, 0],
            [10, 10],
          ],
          [0, 0, 1],
          [
            [5, 5],
            [0, 0],
            [3, 3],
          ],
        );
        const docGrid = expectGridShape(doc, 3, 2, {
          what: "updateCentroids on the docstring example (3 clusters, one empty)",
        });
        expectGridClose(
          docGrid,
          [
            [1, 0],
            [10, 10],
            [3, 3],
          ],
          {
            what: "updateCentroids on the docstring example (cluster 2 has no rows)",
            likelyCause: docGrid[2].some((v) => Number.isNaN(v))
              ? "An empty cluster gives 0/0 = NaN: keep its previous centroid instead."
              : docGrid[2].every((v) => v === 0)
                ? "An empty cluster should keep its previous centroid, not move to the origin."
                : undefined,
          },
        );
      },
    },
    {
      id: "inertia",
      title: "Inertia",
      points: 1,
      exports: ["inertia"],
      hints: [
        "Inertia measures how far rows are from the centroid of THEIR cluster (given by labels).",
        "Σᵢ ‖xᵢ − centroids[labels[i]]‖²: squared distances, summed over all rows.",
        "Row i is compared with centroids[labels[i]], its assigned centroid, not the nearest one. Add up squaredDistance for every row (a reduce from 0 or a for loop), with no square root: inertia uses squared distances.",
      ],
      check: (lab) => {
        const x = randomRows(20, 3, 5);
        const centroids = randomRows(3, 3, 6);
        // Labels deliberately NOT the nearest centroid, so that they matter.
        const labels = x.map((_, i) => i % 3);
        const got = lab.inertia(x, centroids, labels);
        const expected = inertiaLoop(x, centroids, labels);
        const nearest = nearestLoop(x, centroids);
        expectClose(got, expected, {
          what: "inertia on 20 rows with given labels",
          likelyCause: diagnose(got, [
            {
              value: x.reduce((s, r, i) => s + dist(r, centroids[labels[i]]), 0),
              cause: "Use SQUARED distances (no square root).",
            },
            {
              value: expected / x.length,
              cause: "Inertia is a sum, not a mean: do not divide by n.",
            },
            {
              value: inertiaLoop(x, centroids, nearest),
              cause: "Use each row's GIVEN label, not its nearest centroid.",
            },
          ]),
        });
        expectClose(
          lab.inertia(
            [
              [0, 0],
              [2, 0],
              [10, 10],
            ],
            [
              [1, 0],
              [10, 10],
            ],
            [0, 0, 1],
          ),
          2,
          {
            what: "inertia on the docstring example",
          },
        );
      },
    },
    {
      id: "kmeans-plus-plus",
      title: "k-means++ initialisation",
      points: 2,
      exports: ["kmeansPlusPlusInit"],
      hints: [
        "The first centroid is a random row. Each next one is drawn at random too, but far rows are more likely. How much more?",
        "Weight each row by D², its squared distance to the nearest centroid chosen so far. Draw r = random() · ΣD² and walk the rows summing D² until the sum exceeds r.",
        "const first = Math.floor(random() * n); keep nearest[i] = D²; loop: const r = random() * total; let run = 0; for (i) { run += nearest[i]; if (run > r) { pick = i; break; } } then update nearest with the new centroid.",
      ],
      check: (lab) => {
        const x = randomRows(40, 2, 7);
        const k = 4;
        const got = lab.kmeansPlusPlusInit(x, k, seededRandom(99));
        const grid = expectGridShape(got, k, 2, {
          what: "kmeansPlusPlusInit(x, 4, random) on 2-D rows",
        });
        const expected = plusPlusLoop(x, k, 99, "correct");
        const matches = (v: InitVariant) => {
          const other = plusPlusLoop(x, k, 99, v);
          return grid.every((r, c) => r.every((value, j) => value === other[c][j]));
        };
        const mistake = (Object.keys(INIT_CAUSES) as Exclude<InitVariant, "correct">[]).find(
          matches,
        );
        expectGridClose(grid, expected, {
          what: "kmeansPlusPlusInit(x, 4, seededRandom(99))",
          tolerance: 1e-12,
          likelyCause: mistake
            ? INIT_CAUSES[mistake]
            : "Follow the TODO exactly: one random() call for the first row, then one per centroid, with D² weights and the first running sum > r.",
        });
        // Several seeds and k: D vs D² weights (and the other mistakes) show up on some of them.
        for (const [seed, kk] of [
          [1, 2],
          [2, 6],
          [3, 5],
          [4, 8],
        ]) {
          const xs = randomRows(30, 2, 40 + seed);
          const want = plusPlusLoop(xs, kk, seed, "correct");
          const have = expectGridShape(lab.kmeansPlusPlusInit(xs, kk, seededRandom(seed)), kk, 2, {
            what: `kmeansPlusPlusInit(x, ${kk}, seededRandom(${seed}))`,
          });
          const same = (v: InitVariant) => {
            const other = plusPlusLoop(xs, kk, seed, v);
            return have.every((r, c) => r.every((value, j) => value === other[c][j]));
          };
          const cause = (Object.keys(INIT_CAUSES) as Exclude<InitVariant, "correct">[]).find(same);
          expectGridClose(have, want, {
            what: `kmeansPlusPlusInit(x, ${kk}, seededRandom(${seed})) on 30 rows`,
            tolerance: 1e-12,
            likelyCause: cause ? INIT_CAUSES[cause] : undefined,
          });
        }
        // A scripted random(): the docstring draws, then r landing exactly on a running sum.
        const scripted = (values: number[]) => {
          let calls = 0;
          const fn = () => values[Math.min(calls++, values.length - 1)];
          return { fn, calls: () => calls };
        };
        const docRandom = scripted([0.1, 0.5]);
        expectGridClose(lab.kmeansPlusPlusInit([[0], [1], [10]], 2, docRandom.fn), [[0], [10]], {
          what: "kmeansPlusPlusInit([[0], [1], [10]], 2, random) with random() giving 0.1, then 0.5",
          likelyCause:
            "First row ⌊0.1 · 3⌋ = 0; then D² = [0, 1, 100] and r = 0.5 · 101 = 50.5: running sums 0, 1, 101 pick row 2.",
        });
        expectThat(docRandom.calls() === 2, {
          message: `kmeansPlusPlusInit(…, k = 2, random) called random() ${docRandom.calls()} times.`,
          expected: "exactly 2 calls: one per centroid",
          likelyCause:
            "Call random() once for the first row and once per further centroid, nothing else.",
        });
        const edge = scripted([0.1, 0.1]);
        expectGridClose(lab.kmeansPlusPlusInit([[0], [1], [3]], 2, edge.fn), [[0], [3]], {
          what: "kmeansPlusPlusInit([[0], [1], [3]], 2, random) with random() giving 0.1 twice (r = 0.1 · 10 = 1)",
          likelyCause:
            "D² = [0, 1, 9], running sums 0, 1, 10 and r = 1: pick the first row whose running sum is GREATER than r (row 2), not ≥ r.",
        });
        got[0][0] += 1000;
        expectThat(!x.some((row) => row[0] > 900), {
          message:
            "kmeansPlusPlusInit returned the rows of x themselves: changing a centroid changed the data.",
          likelyCause: "Return copies: [...x[i]].",
        });
        // Chosen rows have D² = 0, so no row is chosen twice, even when k = n.
        const small = [[0], [1], [10]];
        const all = lab
          .kmeansPlusPlusInit(small, 3, seededRandom(3))
          .map((r) => r[0])
          .sort((a, b) => a - b);
        expectSameList(
          all,
          [0, 1, 10],
          "kmeansPlusPlusInit([[0], [1], [10]], k = 3): the chosen rows, sorted",
          "Pick the first row whose running sum is GREATER than r (not ≥), so rows with D² = 0 are never picked again.",
        );
        // More centroids than distinct rows: every D² is 0, so no running sum exceeds r = 0.
        const same = expectNoThrow(
          () =>
            lab.kmeansPlusPlusInit(
              [
                [2, 5],
                [2, 5],
                [2, 5],
              ],
              2,
              seededRandom(1),
            ),
          "kmeansPlusPlusInit([[2, 5], [2, 5], [2, 5]], 2, random) threw: every D² is 0, so no running sum exceeds r.",
          "Start with pick = n − 1 (the last row) so a pick exists even when the running sum never exceeds r.",
        );
        expectGridClose(
          same,
          [
            [2, 5],
            [2, 5],
          ],
          { what: "kmeansPlusPlusInit on three identical rows, k = 2" },
        );
      },
    },
    {
      id: "kmeans",
      title: "KMeans: Lloyd's algorithm",
      points: 3,
      exports: ["KMeans", "KMeansParams"],
      hints: [
        "Alternate the two steps you wrote: assign rows to the nearest centroid, move centroids to the means. Stop when the centroids barely move. Repeat from nInit starts and keep the best.",
        "One random = seededRandom(seed) for all runs. Per run: centroids = kmeansPlusPlusInit(x, k, random); loop { next = updateCentroids(x, assignClusters(x, centroids), centroids); shift = Σ squaredDistance(next[c], centroids[c]); centroids = next; if (shift <= tol) break; } then labels and inertia of the final centroids.",
        "Keep { centroids, labels, inertia, nIter } of the run with the lowest inertia; predict = assignClusters(x, this.centroids); transform = x.map(r => this.centroids.map(c => Math.sqrt(squaredDistance(r, c)))).",
      ],
      check: (lab) => {
        const iris = loadDataset("iris");
        const model = new lab.KMeans({ k: 3 });
        expectReturnsModel(model.fit(iris.x), model, "KMeans.fit");
        const other = new lab.KMeans({ k: 3 }).fit(iris.x);
        expectEstimatorGuards({
          name: "KMeans",
          unfitted: new lab.KMeans(),
          fitted: other,
          width: 4,
        });
        const centroids = expectGridShape(model.centroids, 3, 4, {
          what: "KMeans.centroids after fitting iris with k = 3",
        });
        const labels = model.labels;
        const nearest = nearestLoop(iris.x, centroids);
        const stale = Array.isArray(labels) ? labels.findIndex((l, i) => l !== nearest[i]) : 0;
        expectThat(stale < 0, {
          message: `KMeans.labels[${stale}] is not the nearest centroid of row ${stale} (the final centroids).`,
          expected: `${nearest[stale]}`,
          got: show(Array.isArray(labels) ? labels[stale] : labels),
          likelyCause:
            "Recompute the assignments with the FINAL centroids (assign → update → assign … and once more after the loop).",
        });
        expectGridClose(centroids, meansLoop(iris.x, nearest, centroids), {
          what: "KMeans.centroids compared with the means of their clusters",
          tolerance: 1e-3,
          likelyCause:
            "At convergence every centroid is the mean of its rows: keep iterating (updateCentroids) until the shift ≤ tol.",
        });
        expectClose(model.inertia, inertiaLoop(iris.x, centroids, nearest), {
          what: "KMeans.inertia (compared with the inertia of its centroids and labels)",
          likelyCause: "Store inertia(x, centroids, labels) of the run you keep.",
        });
        const best = bestInertia(iris.x, 3, 10);
        expectThat(model.inertia <= best * 1.001, {
          message: "KMeans on iris (k = 3) ends in a worse clustering than it should.",
          expected: `inertia about ${best.toFixed(3)}`,
          got: model.inertia.toFixed(3),
          likelyCause:
            "Iterate each run until the shift ≤ tol (or maxIter), run nInit times from k-means++ starts and keep the run with the LOWEST inertia.",
        });
        // Cut short after one iteration: the labels must still belong to the final centroids.
        const short = new lab.KMeans({ k: 3, maxIter: 1, nInit: 1, seed: 5 }).fit(iris.x);
        const shortNearest = nearestLoop(iris.x, short.centroids);
        expectThat(
          short.labels.every((l, i) => l === shortNearest[i]),
          {
            message: "With maxIter = 1, KMeans.labels do not match its final centroids.",
            likelyCause:
              "After the loop, assign the rows once more: labels must come from the FINAL centroids, not the ones before the last update.",
          },
        );
        // One run, one iteration, on structureless data: the result depends on the start, so
        // only a seeded generator makes two fits agree.
        const noisy = randomRows(200, 2, 77);
        const first = new lab.KMeans({ k: 6, nInit: 1, maxIter: 1, seed: 4 }).fit(noisy);
        const again = new lab.KMeans({ k: 6, nInit: 1, maxIter: 1, seed: 4 }).fit(noisy);
        expectThat(
          again.inertia === first.inertia &&
            again.centroids.every((c, i) => c.every((v, j) => v === first.centroids[i][j])),
          {
            message:
              "KMeans is not reproducible: two fits with the same seed gave different centroids.",
            likelyCause:
              "Create random = seededRandom(this.params.seed) once in fit and pass it to kmeansPlusPlusInit — no Math.random().",
          },
        );
        const blobs = trickyBlobs();
        const tricky = new lab.KMeans({ k: 5, nInit: 10, seed: 1 }).fit(blobs.x);
        const bestBlobs = bestInertia(blobs.x, 5, 40);
        expectThat(tricky.inertia <= bestBlobs * 1.01, {
          message: "KMeans with nInit = 10 did not find the good clustering of five blobs.",
          expected: `inertia about ${bestBlobs.toFixed(3)}`,
          got: tricky.inertia.toFixed(3),
          likelyCause:
            "Run nInit times from different k-means++ starts (one shared generator) and keep the run with the LOWEST inertia.",
        });
        // Every hyperparameter matters: replay the TODO's fit exactly, with different settings.
        const rows = randomRows(60, 2, 31);
        const settings: KMeansParamsLoop[] = [
          { k: 4, maxIter: 300, tol: 1e-4, nInit: 4, seed: 7 },
          { k: 5, maxIter: 300, tol: 0, nInit: 3, seed: 2 },
          { k: 3, maxIter: 2, tol: 1e-4, nInit: 2, seed: 11 },
          { k: 4, maxIter: 300, tol: 0.5, nInit: 1, seed: 3 },
        ];
        for (const p of settings) {
          const fitted = new lab.KMeans(p).fit(rows);
          const label = `KMeans(${JSON.stringify(p)}) on 60 random 2-D rows`;
          const want = kmeansLoop(rows, p);
          const have = expectGridShape(fitted.centroids, p.k, 2, { what: `${label}: centroids` });
          const reproduces = (r: { centroids: number[][]; nIter: number }) =>
            r.nIter === fitted.nIter &&
            r.centroids.every((c, i) => c.every((v, j) => Math.abs(v - have[i][j]) <= 1e-9));
          if (reproduces(want)) continue;
          const variant = (Object.keys(FIT_CAUSES) as Exclude<FitVariant, "correct">[]).find((v) =>
            reproduces(kmeansLoop(rows, p, v)),
          );
          const ignored = (Object.keys(KMEANS_DEFAULTS) as (keyof KMeansParamsLoop)[]).find(
            (key) =>
              key !== "k" &&
              p[key] !== KMEANS_DEFAULTS[key] &&
              reproduces(kmeansLoop(rows, { ...p, [key]: KMEANS_DEFAULTS[key] })),
          );
          fail({
            message: `${label}: the result differs from the fit the TODO describes.`,
            expected: `centroids ${show(want.centroids)}, nIter = ${want.nIter}`,
            got: `centroids ${show(have)}, nIter = ${show(fitted.nIter)}`,
            likelyCause: variant
              ? FIT_CAUSES[variant]
              : ignored
                ? `this.params.${ignored} is ignored: the result matches the default ${ignored} = ${KMEANS_DEFAULTS[ignored]}.`
                : undefined,
          });
        }
        const noRuns = expectThrows(() => new lab.KMeans({ k: 2, nInit: 0 }).fit(rows), {
          what: "KMeans.fit with nInit = 0",
        });
        expectMessageNames(
          noRuns,
          /nInit/,
          "KMeans.fit with nInit = 0",
          "With no runs there is no best clustering: throw an Error saying nInit must be at least 1.",
        );
        const probe = [
          [5, 3, 1.5, 0.2],
          [6.5, 3, 5.5, 2],
        ];
        const distances = expectGridShape(model.transform(probe), 2, 3, {
          what: "KMeans.transform on 2 rows (k = 3)",
        });
        expectGridClose(
          distances,
          probe.map((r) => centroids.map((c) => dist(r, c))),
          {
            what: "KMeans.transform (distances to each centroid)",
            likelyCause: diagnose(distances[0][0], [
              {
                value: sq(probe[0], centroids[0]),
                cause: "transform returns Euclidean distances: take the square root.",
              },
            ]),
          },
        );
        expectSameList(
          model.predict(probe),
          nearestLoop(probe, centroids),
          "KMeans.predict on 2 new rows",
        );
        expectFiniteNumber(model.nIter, { what: "KMeans.nIter" });
      },
    },
    {
      id: "silhouette",
      title: "Silhouette score",
      points: 2,
      exports: ["silhouetteSamples", "silhouetteScore"],
      hints: [
        "For each row you need two numbers: how far it is from its own cluster (a) and from the nearest other cluster (b).",
        "a = mean Euclidean distance to the OTHER members of its cluster (exclude the row itself); b = min over other clusters of the mean distance to their members; s = (b − a)/max(a, b); s = 0 for a row alone in its cluster.",
        "For row i: group the distances to all j ≠ i by labels[j] (sum and count per cluster); a = sum/count of its own cluster, b = the smallest sum/count among the others.",
      ],
      check: (lab) => {
        const blobs = makeBlobs(30, {
          centers: [
            [0, 0],
            [4, 1],
            [1, 4],
          ],
          spread: 1.2,
          seed: 8,
        });
        const labels = blobs.y.map((c, i) => (i % 10 === 0 ? (c + 1) % 3 : c)); // some rows in the "wrong" cluster
        const got = lab.silhouetteSamples(blobs.x, labels);
        const expected = silhouetteLoop(blobs.x, labels);
        const grid = expectGridShape(got, expected.length, 1, {
          what: "silhouetteSamples on 30 rows",
        });
        const values = grid.map((r) => r[0]);
        const near = (w: number[]) => values.every((v, i) => Math.abs(v - w[i]) < 1e-9);
        expectGridClose(values, expected, {
          what: "silhouetteSamples on 30 rows in 3 clusters",
          likelyCause: near(silhouetteLoop(blobs.x, labels, dist, true))
            ? "a(i) includes the row itself (distance 0): average over the OTHER rows of the cluster (divide by size − 1)."
            : near(silhouetteLoop(blobs.x, labels, sq))
              ? "Use Euclidean distances, not squared ones."
              : near(silhouetteLoop(blobs.x, labels, dist, false, "bAllOthers"))
                ? "b(i) is the mean distance to the NEAREST other cluster (the smallest of the per-cluster means), not to all other rows."
                : near(silhouetteLoop(blobs.x, labels, dist, false, "bFarthest"))
                  ? "b(i) is the SMALLEST per-cluster mean distance (the nearest other cluster), not the largest."
                  : near(silhouetteLoop(blobs.x, labels, dist, false, "divideByB"))
                    ? "Divide by max(a, b), not by b: a row in the wrong cluster (a > b) must score above −1."
                    : undefined,
        });
        // Cluster ids are names: ids 3, 12 and 40 (not 0 … k−1) give the same silhouettes.
        const renamedLabels = labels.map((c) => [3, 12, 40][c]);
        expectGridClose(lab.silhouetteSamples(blobs.x, renamedLabels), expected, {
          what: "silhouetteSamples with cluster ids 3, 12 and 40",
          likelyCause:
            "Do not index arrays by cluster id assuming ids 0 … k−1: group by the label values (e.g. a Map).",
        });
        const score = lab.silhouetteScore(blobs.x, labels);
        expectClose(score, mean(expected), { what: "silhouetteScore (the mean of the samples)" });
        const doc = lab.silhouetteSamples([[0], [1], [4], [5]], [0, 0, 1, 1]);
        expectGridClose(doc, [3.5 / 4.5, 2.5 / 3.5, 2.5 / 3.5, 3.5 / 4.5], {
          what: "silhouetteSamples on the docstring example",
        });
        const single = lab.silhouetteSamples([[0], [1], [5]], [0, 0, 1]);
        const singleGrid = expectGridShape(single, 3, 1, {
          what: "silhouetteSamples with a one-row cluster",
        });
        expectClose(singleGrid[2][0], 0, {
          what: "the silhouette of a row alone in its cluster",
          likelyCause: Number.isNaN(singleGrid[2][0])
            ? "A row alone in its cluster has no a(i) (0/0): define s = 0."
            : "A row alone in its cluster gets s = 0.",
        });
      },
    },
    {
      id: "adjusted-rand",
      title: "Adjusted Rand index",
      points: 2,
      exports: ["adjustedRandIndex"],
      hints: [
        "The ARI compares pairs of rows: are they together in a? in b? It then subtracts what random labellings with the same cluster sizes would score.",
        "Count nᵢⱼ (rows with a = i and b = j), the row sums aᵢ and column sums bⱼ. With pairs(m) = m(m − 1)/2: index = Σ pairs(nᵢⱼ), expected = Σpairs(aᵢ)·Σpairs(bⱼ)/pairs(n), max = (Σpairs(aᵢ) + Σpairs(bⱼ))/2.",
        'Use a Map keyed by the pair of labels (e.g. the string a[i] + "," + b[i]) for nᵢⱼ, and Maps keyed by label for the sums; return (index − expected)/(max − expected), or 1 when the denominator is 0.',
      ],
      check: (lab) => {
        const cases: [number[], number[], number][] = [
          [[0, 0, 1, 1], [1, 1, 0, 0], 1],
          [[0, 0, 1, 1], [0, 1, 0, 1], -0.5],
          [[0, 0, 1, 1], [0, 0, 1, 2], 4 / 7],
          [[0, 0, 0, 0], [0, 1, 2, 3], 0],
          // Degenerate: max = expected (denominator 0) — identical partitions score 1.
          [[0, 0, 0], [0, 0, 0], 1],
          [[0, 1, 2, 3], [0, 1, 2, 3], 1],
          [[5, 5, 5, 5], [2, 2, 2, 2], 1],
        ];
        for (const [a, b, want] of cases) {
          const got = lab.adjustedRandIndex(a, b);
          expectClose(got, want, {
            what: `adjustedRandIndex([${a.join(", ")}], [${b.join(", ")}])`,
            likelyCause: diagnose(got, [
              {
                value: randIndexByPairs(a, b),
                cause:
                  "That is the plain Rand index: subtract the expected index (chance correction) and divide by max − expected.",
              },
            ]),
          });
        }
        const random = seededRandom(21);
        const a = Array.from({ length: 60 }, () => Math.floor(random() * 3));
        const b = a.map((v) => (random() < 0.7 ? v : Math.floor(random() * 4)));
        const got = lab.adjustedRandIndex(a, b);
        expectClose(got, ariByPairs(a, b), {
          what: "adjustedRandIndex on 60 rows (3 vs 4 clusters)",
          likelyCause:
            diagnose(got, [
              {
                value: randIndexByPairs(a, b),
                cause:
                  "That is the plain Rand index: subtract the expected index (chance correction) and divide by max − expected.",
              },
            ]) ??
            "Check pairs(m) = m(m − 1)/2 and the three sums: over the table cells, the rows (a) and the columns (b).",
        });
        // Multi-digit ids: a key like `${a}${b}` merges (1, 12) with (11, 2).
        const ca = [1, 1, 11, 11, 1, 11, 1, 11];
        const cb = [12, 2, 2, 12, 12, 2, 2, 12];
        expectClose(lab.adjustedRandIndex(ca, cb), ariByPairs(ca, cb), {
          what: `adjustedRandIndex([${ca.join(", ")}], [${cb.join(", ")}])`,
          likelyCause:
            "Each table cell needs its own key: join the two labels with a separator (a comma between them), or nest Maps.",
        });
        const renamed = b.map((v) => [7, 3, 9, 1][v]);
        expectClose(lab.adjustedRandIndex(a, renamed), ariByPairs(a, b), {
          what: "adjustedRandIndex after renaming the clusters of b",
          likelyCause:
            "Cluster ids are only names: compare memberships (the contingency table), not the label values.",
        });
      },
    },
  ],
});
