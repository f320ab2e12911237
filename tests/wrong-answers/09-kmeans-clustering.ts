import * as solution from "../../solutions/09-kmeans-clustering";
import { seededRandom } from "../../src/data";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const {
  squaredDistance,
  assignClusters,
  updateCentroids,
  inertia,
  kmeansPlusPlusInit,
  silhouetteSamples,
} = solution;

type KMeansMistake = "assignOnce" | "unseeded" | "ignoresNInit" | "worstRun" | "staleLabels";

/** KMeans with one known mistake in fit. */
function kmeansWith(mistake: KMeansMistake): typeof solution.KMeans {
  return class extends solution.KMeans {
    override fit(x: number[][]): this {
      this.validateFit(x);
      const { k, maxIter, tol } = this.params;
      const nInit = mistake === "ignoresNInit" ? 1 : this.params.nInit;
      const random = mistake === "unseeded" ? Math.random : seededRandom(this.params.seed);
      let best: { centroids: number[][]; labels: number[]; inertia: number } | undefined;
      for (let run = 0; run < nInit; run++) {
        let centroids = kmeansPlusPlusInit(x, k, random);
        const firstLabels = assignClusters(x, centroids);
        let labels = firstLabels;
        for (let it = 0; it < maxIter; it++) {
          // assignOnce: the assignment is never recomputed after the first one.
          labels = mistake === "assignOnce" ? firstLabels : assignClusters(x, centroids);
          const next = updateCentroids(x, labels, centroids);
          const shift = next.reduce((s, c, i) => s + squaredDistance(c, centroids[i]), 0);
          centroids = next;
          if (shift <= tol) break;
        }
        if (mistake !== "staleLabels" && mistake !== "assignOnce")
          labels = assignClusters(x, centroids);
        const value = inertia(x, centroids, labels);
        const better =
          mistake === "worstRun" ? !best || value > best.inertia : !best || value < best.inertia;
        if (better) best = { centroids, labels, inertia: value };
      }
      if (!best) throw new Error("unreachable");
      this.centroids = best.centroids;
      this.labels = best.labels;
      this.inertia = best.inertia;
      this.nIter = 1;
      return this;
    }
  };
}

/** k-means++ that always takes the farthest row (deterministic "farthest-first"). */
function farthestFirst(x: number[][], k: number, random: () => number): number[][] {
  const centroids = [[...x[Math.floor(random() * x.length)]]];
  while (centroids.length < k) {
    const d2 = x.map((row) => Math.min(...centroids.map((c) => squaredDistance(row, c))));
    centroids.push([...x[d2.indexOf(Math.max(...d2))]]);
  }
  return centroids;
}

/** k-means++ with weights given by `weight(D²)`. */
function weightedInit(weight: (d2: number) => number) {
  return (x: number[][], k: number, random: () => number): number[][] => {
    const centroids = [[...x[Math.floor(random() * x.length)]]];
    while (centroids.length < k) {
      const w = x.map((row) => weight(Math.min(...centroids.map((c) => squaredDistance(row, c)))));
      const r = random() * w.reduce((s, v) => s + v, 0);
      let running = 0;
      let pick = x.length - 1;
      for (let i = 0; i < x.length; i++) {
        running += w[i];
        if (running > r) {
          pick = i;
          break;
        }
      }
      centroids.push([...x[pick]]);
    }
    return centroids;
  };
}

type FitMistake =
  | "freshRandomPerRun"
  | "laterRunOnTie"
  | "strictTol"
  | "euclideanShift"
  | "fixedSeed"
  | "fixedMaxIter"
  | "fixedTol"
  | "nIterOffByOne";

/** The reference KMeans.fit with one mistake switched in. */
function kmeansFitWith(mistake: FitMistake): typeof solution.KMeans {
  return class extends solution.KMeans {
    override fit(x: number[][]): this {
      this.validateFit(x);
      const { k, nInit } = this.params;
      const maxIter = mistake === "fixedMaxIter" ? 300 : this.params.maxIter;
      const tol = mistake === "fixedTol" ? 1e-4 : this.params.tol;
      const seed = mistake === "fixedSeed" ? 0 : this.params.seed;
      let random = seededRandom(seed);
      let best:
        | { centroids: number[][]; labels: number[]; inertia: number; nIter: number }
        | undefined;
      for (let run = 0; run < nInit; run++) {
        if (mistake === "freshRandomPerRun") random = seededRandom(seed);
        let centroids = kmeansPlusPlusInit(x, k, random);
        let nIter = 0;
        while (nIter < maxIter) {
          nIter++;
          const next = updateCentroids(x, assignClusters(x, centroids), centroids);
          const moved = next.reduce((s, c, i) => s + squaredDistance(c, centroids[i]), 0);
          const shift = mistake === "euclideanShift" ? Math.sqrt(moved) : moved;
          centroids = next;
          if (mistake === "strictTol" ? shift < tol : shift <= tol) break;
        }
        const labels = assignClusters(x, centroids);
        const value = inertia(x, centroids, labels);
        const replace =
          !best || (mistake === "laterRunOnTie" ? value <= best.inertia : value < best.inertia);
        if (replace)
          best = {
            centroids,
            labels,
            inertia: value,
            nIter: mistake === "nIterOffByOne" ? nIter - 1 : nIter,
          };
      }
      if (!best) throw new Error("unreachable");
      Object.assign(this, best);
      return this;
    }
  };
}

/** k-means++ with the running-sum test `running >= r`, or D² taken to the LAST centroid only. */
function plusPlusWith(mistake: "atLeast" | "lastCentroidOnly") {
  return (x: number[][], k: number, random: () => number): number[][] => {
    const centroids = [[...x[Math.floor(random() * x.length)]]];
    while (centroids.length < k) {
      const last = centroids[centroids.length - 1];
      const w = x.map((row) =>
        mistake === "lastCentroidOnly"
          ? squaredDistance(row, last)
          : Math.min(...centroids.map((c) => squaredDistance(row, c))),
      );
      const r = random() * w.reduce((s, v) => s + v, 0);
      let running = 0;
      let pick = x.length - 1;
      for (let i = 0; i < x.length; i++) {
        running += w[i];
        if (mistake === "atLeast" ? running >= r : running > r) {
          pick = i;
          break;
        }
      }
      centroids.push([...x[pick]]);
    }
    return centroids;
  };
}

function pairs(m: number): number {
  return (m * (m - 1)) / 2;
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // assign-clusters
  {
    exercise: "assign-clusters",
    mistake: "farthest centroid",
    impl: {
      assignClusters: (x, centroids) =>
        x.map((row) => {
          const d = centroids.map((c) => squaredDistance(row, c));
          return d.indexOf(Math.max(...d));
        }),
    },
    expectMessage: /FARTHEST/,
  },
  {
    exercise: "assign-clusters",
    mistake: "1-based cluster ids",
    impl: { assignClusters: (x, centroids) => assignClusters(x, centroids).map((c) => c + 1) },
    expectMessage: /start at 0/,
  },
  {
    exercise: "assign-clusters",
    mistake: "ties go to the higher index",
    impl: {
      assignClusters: (x, centroids) =>
        x.map((row) => {
          let best = 0;
          centroids.forEach((c, i) => {
            if (squaredDistance(row, c) <= squaredDistance(row, centroids[best])) best = i;
          });
          return best;
        }),
    },
    expectMessage: /LOWER index/,
  },
  // update-centroids
  {
    exercise: "update-centroids",
    mistake: "empty cluster becomes NaN",
    impl: {
      updateCentroids: (x, labels, previous) =>
        previous.map((p, c) => {
          const members = x.filter((_, i) => labels[i] === c);
          return p.map((_, j) => members.reduce((s, r) => s + r[j], 0) / members.length);
        }),
    },
    expectMessage: /NaN/,
  },
  {
    exercise: "update-centroids",
    mistake: "empty cluster moves to the origin",
    impl: {
      updateCentroids: (x, labels, previous) =>
        previous.map((p, c) => {
          const members = x.filter((_, i) => labels[i] === c);
          return p.map((_, j) =>
            members.length ? members.reduce((s, r) => s + r[j], 0) / members.length : 0,
          );
        }),
    },
    expectMessage: /origin/,
  },
  {
    exercise: "update-centroids",
    mistake: "divides by all rows",
    impl: {
      updateCentroids: (x, labels, previous) =>
        previous.map((p, c) =>
          p.map((_, j) => x.reduce((s, r, i) => s + (labels[i] === c ? r[j] : 0), 0) / x.length),
        ),
    },
    expectMessage: /ALL rows/,
  },
  {
    exercise: "update-centroids",
    mistake: "updates previous in place",
    impl: {
      updateCentroids: (x, labels, previous) => {
        const next = updateCentroids(x, labels, previous);
        next.forEach((c, i) => {
          c.forEach((v, j) => {
            previous[i][j] = v;
          });
        });
        return previous;
      },
    },
    expectMessage: /updateCentroids changed its argument previous/,
  },
  // inertia
  {
    exercise: "inertia",
    mistake: "distances, not squared",
    impl: {
      inertia: (x, centroids, labels) =>
        x.reduce((s, r, i) => s + Math.sqrt(squaredDistance(r, centroids[labels[i]])), 0),
    },
    expectMessage: /SQUARED/,
  },
  {
    exercise: "inertia",
    mistake: "mean instead of sum",
    impl: { inertia: (x, centroids, labels) => inertia(x, centroids, labels) / x.length },
    expectMessage: /sum, not a mean/,
  },
  {
    exercise: "inertia",
    mistake: "ignores the labels (nearest centroid)",
    impl: { inertia: (x, centroids) => inertia(x, centroids, assignClusters(x, centroids)) },
    expectMessage: /GIVEN label/,
  },
  // kmeans-plus-plus
  {
    exercise: "kmeans-plus-plus",
    mistake: "deterministic farthest-first",
    impl: { kmeansPlusPlusInit: farthestFirst },
    expectMessage: /FARTHEST/,
  },
  {
    exercise: "kmeans-plus-plus",
    mistake: "weights D instead of D²",
    impl: { kmeansPlusPlusInit: weightedInit(Math.sqrt) },
    expectMessage: /SQUARED/,
  },
  {
    exercise: "kmeans-plus-plus",
    mistake: "uniform choice among unchosen rows",
    impl: { kmeansPlusPlusInit: weightedInit((d2) => (d2 > 0 ? 1 : 0)) },
    expectMessage: /same chance/,
  },
  {
    exercise: "kmeans-plus-plus",
    mistake: "returns the rows themselves",
    impl: {
      kmeansPlusPlusInit: (x, k, random) =>
        kmeansPlusPlusInit(x, k, random).map(
          (c) => x.find((row) => row.every((v, j) => v === c[j])) ?? c,
        ),
    },
    expectMessage: /copies/,
  },
  // kmeans
  {
    exercise: "kmeans",
    mistake: "assignments never recomputed",
    impl: { KMeans: kmeansWith("assignOnce") },
    expectMessage: /Recompute the assignments/,
  },
  {
    exercise: "kmeans",
    mistake: "labels from the second-to-last centroids",
    impl: { KMeans: kmeansWith("staleLabels") },
    expectMessage: /FINAL centroids/,
  },
  {
    exercise: "kmeans",
    mistake: "Math.random instead of the seed",
    impl: { KMeans: kmeansWith("unseeded") },
    expectMessage: /seededRandom/,
  },
  {
    exercise: "kmeans",
    mistake: "ignores nInit",
    impl: { KMeans: kmeansWith("ignoresNInit") },
    expectMessage: /nInit/,
  },
  {
    exercise: "kmeans",
    mistake: "keeps the worst run",
    impl: { KMeans: kmeansWith("worstRun") },
  },
  {
    exercise: "kmeans",
    mistake: "transform returns squared distances",
    impl: {
      KMeans: class extends solution.KMeans {
        override transform(x: number[][]): number[][] {
          return super.transform(x).map((r) => r.map((v) => v * v));
        }
      },
    },
    expectMessage: /square root/,
  },
  // silhouette
  {
    exercise: "silhouette",
    mistake: "a(i) includes the row itself",
    impl: {
      silhouetteSamples: (x, labels) =>
        x.map((row, i) => {
          const own = x.filter((_, j) => labels[j] === labels[i]);
          if (own.length === 1) return 0;
          const d = (r: number[]) => Math.sqrt(squaredDistance(row, r));
          const a = own.reduce((s, r) => s + d(r), 0) / own.length;
          const others = [...new Set(labels)].filter((c) => c !== labels[i]);
          const b = Math.min(
            ...others.map((c) => {
              const m = x.filter((_, j) => labels[j] === c);
              return m.reduce((s, r) => s + d(r), 0) / m.length;
            }),
          );
          return (b - a) / Math.max(a, b);
        }),
    },
    expectMessage: /size − 1/,
  },
  {
    exercise: "silhouette",
    mistake: "b(i) over all other rows",
    impl: {
      silhouetteSamples: (x, labels) =>
        x.map((row, i) => {
          const d = (r: number[]) => Math.sqrt(squaredDistance(row, r));
          const own = x.filter((_, j) => j !== i && labels[j] === labels[i]);
          if (own.length === 0) return 0;
          const rest = x.filter((_, j) => labels[j] !== labels[i]);
          const a = own.reduce((s, r) => s + d(r), 0) / own.length;
          const b = rest.reduce((s, r) => s + d(r), 0) / rest.length;
          return (b - a) / Math.max(a, b);
        }),
    },
    expectMessage: /NEAREST other cluster/,
  },
  {
    exercise: "silhouette",
    mistake: "singleton gives NaN",
    impl: {
      silhouetteSamples: (x, labels) => {
        const s = silhouetteSamples(x, labels);
        return s.map((v, i) =>
          labels.filter((l) => l === labels[i]).length === 1 ? Number.NaN : v,
        );
      },
    },
    expectMessage: /0\/0/,
  },
  {
    exercise: "silhouette",
    mistake: "score is the median, not the mean",
    impl: {
      silhouetteScore: (x, labels) => {
        const s = [...silhouetteSamples(x, labels)].sort((p, q) => p - q);
        return s[Math.floor(s.length / 2)];
      },
    },
  },
  // adjusted-rand
  {
    exercise: "adjusted-rand",
    mistake: "plain Rand index (no chance correction)",
    impl: {
      adjustedRandIndex: (a, b) => {
        let agree = 0;
        let total = 0;
        for (let i = 0; i < a.length; i++) {
          for (let j = i + 1; j < a.length; j++) {
            total++;
            if ((a[i] === a[j]) === (b[i] === b[j])) agree++;
          }
        }
        return agree / total;
      },
    },
    expectMessage: /plain Rand index/,
  },
  {
    exercise: "adjusted-rand",
    mistake: "compares label values instead of memberships",
    impl: {
      adjustedRandIndex: (a, b) => {
        const table = new Map<number, number>();
        a.forEach((v, i) => {
          if (v === b[i]) table.set(v, (table.get(v) ?? 0) + 1);
        });
        const index = [...table.values()].reduce((s, m) => s + pairs(m), 0);
        const count = (v: number[]) => {
          const c = new Map<number, number>();
          for (const l of v) c.set(l, (c.get(l) ?? 0) + 1);
          return [...c.values()].reduce((s, m) => s + pairs(m), 0);
        };
        const sa = count(a);
        const sb = count(b);
        const expected = (sa * sb) / pairs(a.length);
        const max = (sa + sb) / 2;
        return max === expected ? 1 : (index - expected) / (max - expected);
      },
    },
  },
  // --- added for labs 06-10 ---
  {
    exercise: "kmeans-plus-plus",
    mistake: "running sum ≥ r",
    impl: { kmeansPlusPlusInit: plusPlusWith("atLeast") },
    expectMessage: /GREATER than r/,
  },
  {
    exercise: "kmeans-plus-plus",
    mistake: "D² to the last chosen centroid only",
    impl: { kmeansPlusPlusInit: plusPlusWith("lastCentroidOnly") },
  },
  {
    exercise: "kmeans-plus-plus",
    mistake: "an extra random() call per centroid",
    impl: {
      kmeansPlusPlusInit: (x, k, random) =>
        kmeansPlusPlusInit(x, k, () => {
          random();
          return random();
        }),
    },
  },
  {
    exercise: "kmeans",
    mistake: "seededRandom re-created for every run",
    impl: { KMeans: kmeansFitWith("freshRandomPerRun") },
    expectMessage: /ONCE, before the runs|LOWEST inertia/,
  },
  {
    exercise: "kmeans",
    mistake: "later run wins a tie",
    impl: { KMeans: kmeansFitWith("laterRunOnTie") },
    expectMessage: /strictly lower/,
  },
  {
    exercise: "kmeans",
    mistake: "stops only when shift < tol",
    impl: { KMeans: kmeansFitWith("strictTol") },
    expectMessage: /shift <= tol/,
  },
  {
    exercise: "kmeans",
    mistake: "shift with a square root",
    impl: { KMeans: kmeansFitWith("euclideanShift") },
    expectMessage: /no square root/,
  },
  {
    exercise: "kmeans",
    mistake: "seed hard-coded to 0",
    impl: { KMeans: kmeansFitWith("fixedSeed") },
    expectMessage: /params\.seed is ignored/,
  },
  {
    exercise: "kmeans",
    mistake: "maxIter hard-coded to 300",
    impl: { KMeans: kmeansFitWith("fixedMaxIter") },
    expectMessage: /maxIter/,
  },
  {
    exercise: "kmeans",
    mistake: "tol hard-coded",
    impl: { KMeans: kmeansFitWith("fixedTol") },
    expectMessage: /params\.tol is ignored/,
  },
  {
    exercise: "kmeans",
    mistake: "nIter off by one",
    impl: { KMeans: kmeansFitWith("nIterOffByOne") },
    expectMessage: /nIter counts/,
  },
  {
    exercise: "silhouette",
    mistake: "divides by b instead of max(a, b)",
    impl: {
      silhouetteSamples: (x, labels) =>
        x.map((row, i) => {
          const d = (r: number[]) => Math.sqrt(squaredDistance(row, r));
          const own = x.filter((_, j) => j !== i && labels[j] === labels[i]);
          if (own.length === 0) return 0;
          const a = own.reduce((s, r) => s + d(r), 0) / own.length;
          const others = [...new Set(labels)].filter((c) => c !== labels[i]);
          const b = Math.min(
            ...others.map((c) => {
              const m = x.filter((_, j) => labels[j] === c);
              return m.reduce((s, r) => s + d(r), 0) / m.length;
            }),
          );
          return (b - a) / b;
        }),
    },
    expectMessage: /max\(a, b\)/,
  },
  {
    exercise: "silhouette",
    mistake: "assumes cluster ids 0 … k−1",
    impl: {
      silhouetteSamples: (x, labels) => {
        const k = new Set(labels).size;
        return x.map((row, i) => {
          const sums = new Array<number>(k).fill(0);
          const counts = new Array<number>(k).fill(0);
          x.forEach((other, j) => {
            if (j === i) return;
            sums[labels[j]] += Math.sqrt(squaredDistance(row, other));
            counts[labels[j]]++;
          });
          const own = labels[i];
          if (!counts[own]) return 0;
          const a = sums[own] / counts[own];
          let b = Number.POSITIVE_INFINITY;
          for (let c = 0; c < k; c++)
            if (c !== own && counts[c]) b = Math.min(b, sums[c] / counts[c]);
          return (b - a) / Math.max(a, b);
        });
      },
    },
    expectMessage: /0 … k−1/,
  },
  {
    exercise: "adjusted-rand",
    mistake: "denominator 0 gives NaN",
    impl: {
      adjustedRandIndex: (a, b) => {
        const count = (v: number[]) => {
          const c = new Map<number, number>();
          for (const l of v) c.set(l, (c.get(l) ?? 0) + 1);
          return [...c.values()].reduce((s, m) => s + pairs(m), 0);
        };
        const table = new Map<string, number>();
        a.forEach((v, i) => {
          const key = `${v},${b[i]}`;
          table.set(key, (table.get(key) ?? 0) + 1);
        });
        const index = [...table.values()].reduce((s, m) => s + pairs(m), 0);
        const sa = count(a);
        const sb = count(b);
        const expected = (sa * sb) / pairs(a.length);
        return (index - expected) / ((sa + sb) / 2 - expected);
      },
    },
  },
  {
    exercise: "adjusted-rand",
    mistake: "table key without a separator",
    impl: {
      adjustedRandIndex: (a, b) => {
        const count = (v: number[]) => {
          const c = new Map<number, number>();
          for (const l of v) c.set(l, (c.get(l) ?? 0) + 1);
          return [...c.values()].reduce((s, m) => s + pairs(m), 0);
        };
        const table = new Map<string, number>();
        a.forEach((v, i) => {
          const key = `${v}${b[i]}`;
          table.set(key, (table.get(key) ?? 0) + 1);
        });
        const index = [...table.values()].reduce((s, m) => s + pairs(m), 0);
        const sa = count(a);
        const sb = count(b);
        const expected = (sa * sb) / pairs(a.length);
        const max = (sa + sb) / 2;
        return max === expected ? 1 : (index - expected) / (max - expected);
      },
    },
    expectMessage: /separator/,
  },
  {
    exercise: "kmeans-plus-plus",
    mistake: "no fallback pick when no running sum exceeds r (every D² is 0)",
    impl: {
      kmeansPlusPlusInit: (x, k, random) => {
        const centroids = [[...x[Math.floor(random() * x.length)]]];
        while (centroids.length < k) {
          const d2 = x.map((row) => Math.min(...centroids.map((c) => squaredDistance(row, c))));
          const r = random() * d2.reduce((s, v) => s + v, 0);
          let running = 0;
          let pick = -1;
          for (let i = 0; i < x.length && pick < 0; i++) {
            running += d2[i];
            if (running > r) pick = i;
          }
          centroids.push([...x[pick]]);
        }
        return centroids;
      },
    },
    expectMessage: /pick = n − 1/,
  },
  {
    exercise: "kmeans",
    mistake: "nInit = 0 not rejected (fails reading the best run of none)",
    impl: {
      KMeans: class extends solution.KMeans {
        override fit(x: number[][]): this {
          const runs: { centroids: number[][] }[] = [];
          for (let run = 0; run < this.params.nInit; run++) runs.push({ centroids: [] });
          this.centroids = (runs[0] as { centroids: number[][] }).centroids;
          return super.fit(x);
        }
      },
    },
    expectMessage: /nInit must be at least 1/,
  },
];
