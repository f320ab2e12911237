import { seededRandom } from "../../data/random";
import { fail } from "../../grading/check-failure";
import {
  diagnose,
  diagnoseGrid,
  expectClose,
  expectFiniteNumber,
  expectGridClose,
  expectThat,
  formatNumber,
  describe as show,
} from "../../grading/expect";
import { defineLab } from "../../grading/types";
import {
  jsFeatureDistance,
  ksPValue,
  quantileEdges,
  binShares as refBinShares,
  jensenShannonDistance as refJs,
  ksStatistic as refKs,
  psi as refPsi,
  psiLevel as refPsiLevel,
} from "../../ml/drift";
import { type DriftFixturePair, driftFixtures } from "../../ml/drift-fixtures";
import type { Predictor } from "../../ml/estimator";

type Lab = typeof import("../../../solutions/18-monitoring");
type Data = { x: number[][]; y: number[] };

/*
 * Expected values: the scipy 1.10.1 / numpy 1.24.2 fixtures (datasets/fixtures/scipy-drift.json,
 * built by datasets/_build/make_drift_fixtures.py) and the platform's own drift module
 * (src/ml/drift.ts, itself tested against those fixtures: max |difference| 9e-16 for PSI,
 * 3e-16 for the exact KS p-value, 4e-16 for the JS distance). Model exercises use spy models
 * whose every fit/predict call is recorded, and an independent loop for the monitoring run.
 * Nothing here trains a real model, so there are no score bands to calibrate: every check is
 * an exact comparison (relative tolerance 1e-9 against scipy, 1e-12 for the KS statistic).
 * The reference solution agrees with the fixtures to max |Δ| 8.9e-16 (PSI), 5.6e-17 (KS D),
 * 3.3e-16 (KS p, exact), 3.7e-16 (JS on decile bins), 1.1e-16 (JS on vectors).
 * Check times with the solution (2 busy cores, 2026-12-01): reference-bins 0.2 s, psi 0.24 s,
 * ks-statistic 0.35 s, ks-test 0.5 s, jensen-shannon 0.08 s, rolling-accuracy 0.01 s,
 * champion-challenger 0.09 s, monitoring-loop 0.8 s.
 */

const fixtures = () => driftFixtures().pairs;

/** A short description of a fixture pair for messages. */
const pairName = (p: DriftFixturePair) =>
  `the fixture "${p.name}" (${p.reference.length} reference vs ${p.current.length} current values)`;

/** Edges computed without interpolation (s[⌊(n−1)q⌋]) or by rank n·q: known mistakes. */
function edgesVariants(reference: number[], bins: number) {
  const s = [...reference].sort((a, b) => a - b);
  const lexicographic = [...reference].sort();
  const n = s.length;
  const at = (arr: readonly unknown[], q: number) => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    const a = Number(arr[lo]);
    return a + (h - lo) * (Number(arr[hi]) - a);
  };
  const qs = Array.from({ length: bins - 1 }, (_, k) => (k + 1) / bins);
  return {
    floor: qs.map((q) => s[Math.floor((n - 1) * q)]),
    rank: qs.map((q) => s[Math.min(n - 1, Math.floor(n * q))]),
    lexicographic: qs.map((q) => at(lexicographic, q)),
    unsorted: qs.map((q) => at(reference, q)),
    allQuantiles: [s[0], ...qs.map((q) => at(s, q)), s[n - 1]],
  };
}

/** Shares where a value equal to an edge goes to the bin BELOW (x ≤ edge): a known mistake. */
function sharesLeft(values: number[], edges: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let bin = 0;
    while (bin < edges.length && edges[bin] < v) bin++;
    counts[bin]++;
  }
  return counts.map((c) => c / values.length);
}

/** PSI from given shares with the epsilon rule, optionally with a mistake. */
function psiFromShares(
  r: number[],
  c: number[],
  eps: number,
  mistake?: "log10" | "addEps" | "kl",
): number {
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = mistake === "addEps" ? r[i] + eps : r[i] === 0 ? eps : r[i];
    const ci = mistake === "addEps" ? c[i] + eps : c[i] === 0 ? eps : c[i];
    if (mistake === "kl") total += ci * Math.log(ci / ri);
    else total += ((ci - ri) * Math.log(ci / ri)) / (mistake === "log10" ? Math.LN10 : 1);
  }
  return total;
}

function psiCauses(reference: number[], current: number[], bins: number, eps: number) {
  const edges = quantileEdges(reference, bins);
  const r = refBinShares(reference, edges);
  const c = refBinShares(current, edges);
  const ownEdges = quantileEdges(current, bins);
  return [
    {
      value: psiFromShares(refBinShares(reference, ownEdges), refBinShares(current, ownEdges), eps),
      cause:
        "The bins come from the CURRENT data: the edges must be the REFERENCE's quantiles (the current batch is judged on the reference's bins; on its own deciles it always looks evenly spread).",
    },
    {
      value: psiFromShares(r, c, eps, "log10"),
      cause: "That is PSI with log base 10: PSI uses the natural log (Math.log).",
    },
    {
      value: psiFromShares(r, c, eps, "addEps"),
      cause:
        "Epsilon was added to every share: replace only the shares that are exactly 0 by epsilon.",
    },
    {
      value: psiFromShares(r, c, eps, "kl"),
      cause: "That is KL(current‖reference), Σ c·ln(c/r): PSI is Σ (c − r)·ln(c/r).",
    },
    {
      value: psiFromShares(r, c, eps) / r.length,
      cause: "PSI is the SUM over the bins, not the mean.",
    },
  ];
}

/** KS statistic by the two most common wrong loops. */
function ksStepOneAtATime(a: number[], b: number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    if (x[i] <= y[j]) i++;
    else j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

function ksNoSort(a: number[], b: number[]): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

function ksLexicographic(a: number[], b: number[]): number {
  return ksNoSort([...a].sort(), [...b].sort());
}

function ksCauses(a: number[], b: number[]) {
  return [
    {
      value: ksStepOneAtATime(a, b),
      cause:
        "Ties are mishandled: at a value that occurs several times, move past EVERY copy in both samples before comparing the two ECDFs (scipy evaluates each ECDF after all copies of x).",
    },
    {
      value: ksNoSort(a, b),
      cause:
        "The samples were not sorted: the ECDF walk needs both samples in ascending order (sort copies first).",
    },
    {
      value: ksLexicographic(a, b),
      cause:
        "sort() without a compare function sorts as text (10 before 9): use sort((p, q) => p − q).",
    },
  ];
}

/** Values with repeated integers (ties) and two-digit numbers (text sort ≠ numeric sort). */
function tiedSample(n: number, seed: number, low: number, high: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => low + Math.floor(random() * (high - low + 1)));
}

function normalSample(n: number, seed: number, mean: number, sd: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const u = 1 - random();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  });
}

/** Calls fn on copies and fails if the learner's function reordered or changed its input. */
function expectUnchanged(original: number[], used: number[], what: string): void {
  expectThat(
    original.every((v, i) => v === used[i]),
    {
      message: `${what} changed the array it was given.`,
      likelyCause:
        "Array.prototype.sort sorts IN PLACE: sort a copy ([...values].sort(...)), the caller's data must stay as it was.",
    },
  );
}

/** Jensen–Shannon distance without normalising the inputs (a known mistake). */
function jsUnnormalised(p: number[], q: number[]): number {
  let d = 0;
  p.forEach((a, i) => {
    const b = q[i];
    const m = (a + b) / 2;
    if (a > 0) d += 0.5 * a * Math.log2(a / m);
    if (b > 0) d += 0.5 * b * Math.log2(b / m);
  });
  return Math.sqrt(Math.max(0, d));
}

function jsCauses(p: number[], q: number[]) {
  const base2 = refJs(p, q);
  const natural = refJs(p, q, Math.E);
  return [
    {
      value: base2 ** 2,
      cause: "That is the Jensen–Shannon DIVERGENCE: the distance is its square root.",
    },
    {
      value: natural,
      cause:
        "Natural log vs base 2: that is the distance with ln (scipy's default base); use log₂ (Math.log2), which keeps the distance in [0, 1].",
    },
    {
      value: natural ** 2,
      cause: "That is the divergence with the natural log: use log₂ and take the square root.",
    },
    {
      value: jsUnnormalised(p, q),
      cause:
        "Normalise p and q to sum 1 first (divide each by its own sum): the inputs may be counts.",
    },
  ];
}

/** Rolling accuracy variants: pooled (right), mean of batch accuracies, any window. */
function rollingVariants(yTrue: number[][], yPred: number[][]) {
  const hits = yTrue.map((b, t) => b.filter((v, i) => v === yPred[t][i]).length);
  const acc = hits.map((h, t) => h / yTrue[t].length);
  const pooled = (w: number) =>
    yTrue.map((_, t) => {
      let h = 0;
      let n = 0;
      for (let s = Math.max(0, t - w + 1); s <= t; s++) {
        h += hits[s];
        n += yTrue[s].length;
      }
      return h / n;
    });
  const mean = (w: number) =>
    yTrue.map((_, t) => {
      const from = Math.max(0, t - w + 1);
      return acc.slice(from, t + 1).reduce((s, v) => s + v, 0) / (t - from + 1);
    });
  return { pooled, mean };
}

function rollingCauses(yTrue: number[][], yPred: number[][], w: number) {
  const { pooled, mean } = rollingVariants(yTrue, yPred);
  return [
    {
      value: mean(w),
      cause:
        "That is the mean of the per-batch accuracies: pool the batches (all correct ÷ all rows), so a 5-row batch does not weigh as much as a 150-row one.",
    },
    {
      value: pooled(w + 1),
      cause: `The window is ${w} batches INCLUDING batch t: t − window + 1 … t (yours covers ${w + 1}).`,
    },
    {
      value: pooled(Math.max(1, w - 1)),
      cause: `The window is ${w} batches including batch t (yours covers one fewer).`,
    },
    {
      value: pooled(yTrue.length),
      cause:
        "That is the cumulative accuracy since the start: only the last `window` batches count.",
    },
  ];
}

// --- Spy models for the retraining exercises --------------------------------------------

/**
 * Rows are [feature, id]. ThresholdModel learns t = midpoint between the mean feature of
 * class 0 and of class 1 and predicts 1 when feature > t. It records every row id it saw.
 */
class ThresholdModel implements Predictor {
  static log: ThresholdModel[] = [];
  threshold = Number.NaN;
  fitIds: number[][] = [];
  predictIds: number[][] = [];
  constructor(readonly name = "model") {
    ThresholdModel.log.push(this);
  }
  fit(x: number[][], y: number[]): this {
    this.fitIds.push(x.map((r) => r[1]));
    const mean = (c: number) => {
      const v = x.filter((_, i) => y[i] === c).map((r) => r[0]);
      return v.length ? v.reduce((s, a) => s + a, 0) / v.length : Number.NaN;
    };
    const m0 = mean(0);
    const m1 = mean(1);
    this.threshold = Number.isNaN(m0) ? m1 - 1 : Number.isNaN(m1) ? m0 + 1 : (m0 + m1) / 2;
    return this;
  }
  predict(x: number[][]): number[] {
    this.predictIds.push(x.map((r) => r[1]));
    return x.map((r) => (r[0] > this.threshold ? 1 : 0));
  }
}

/** Memorises its training labels by id; unseen ids get `fallback`. Perfect on its own data. */
class MemoModel implements Predictor {
  fitCalls = 0;
  fitIds: number[] = [];
  predictIds: number[][] = [];
  private memory = new Map<number, number>();
  constructor(readonly fallback: number) {}
  fit(x: number[][], y: number[]): this {
    this.fitCalls++;
    this.fitIds = x.map((r) => r[1]);
    x.forEach((r, i) => {
      this.memory.set(r[1], y[i]);
    });
    return this;
  }
  predict(x: number[][]): number[] {
    this.predictIds.push(x.map((r) => r[1]));
    return x.map((r) => this.memory.get(r[1]) ?? this.fallback);
  }
}

/** A fixed model: predicts `labels` by id (its accuracy on a set is chosen by the check). */
class FixedModel implements Predictor {
  fitCalls = 0;
  predictIds: number[][] = [];
  constructor(private readonly byId: Map<number, number>) {}
  fit(): this {
    this.fitCalls++;
    return this;
  }
  predict(x: number[][]): number[] {
    this.predictIds.push(x.map((r) => r[1]));
    return x.map((r) => this.byId.get(r[1]) ?? 0);
  }
}

/** Rows [feature, id] with ids from `firstId` and the given labels. */
function rowsWithLabels(labels: number[], firstId: number): Data {
  return { x: labels.map((_, i) => [i % 7, firstId + i]), y: [...labels] };
}

const accuracyOf = (y: number[], p: number[]) => y.filter((v, i) => v === p[i]).length / y.length;

// --- The monitoring loop, independently, with optional mistakes ---------------------------

interface LoopMistakes {
  noReferenceUpdate?: boolean;
  noWindowReset?: boolean;
  andTrigger?: boolean;
  retrainOnAll?: boolean;
  retrainOnLastBatch?: boolean;
  meanOfBatchAccuracies?: boolean;
  alwaysPromote?: boolean;
}

interface LoopRecord {
  batch: number;
  accuracy: number;
  rollingAccuracy: number;
  psi: number;
  retrained: boolean;
  promoted: boolean;
}

function monitorLoop(
  batches: Data[],
  o: {
    champion: Predictor;
    makeModel: () => Predictor;
    feature: number;
    reference: number[];
    evaluation: Data;
    window: number;
    psiThreshold: number;
    accuracyThreshold: number;
  },
  m: LoopMistakes = {},
): LoopRecord[] {
  let model = o.champion;
  let reference = o.reference;
  let since = 0;
  const accs: number[] = [];
  const hits: number[] = [];
  const out: LoopRecord[] = [];
  for (let t = 0; t < batches.length; t++) {
    const b = batches[t];
    const pred = model.predict(b.x);
    let h = 0;
    for (let i = 0; i < b.y.length; i++) if (pred[i] === b.y[i]) h++;
    hits.push(h);
    accs.push(h / b.y.length);
    const from = Math.max(m.noWindowReset ? 0 : since, t - o.window + 1);
    let c = 0;
    let n = 0;
    let meanAcc = 0;
    for (let s = from; s <= t; s++) {
      c += hits[s];
      n += batches[s].y.length;
      meanAcc += accs[s] / (t - from + 1);
    }
    const rolling = m.meanOfBatchAccuracies ? meanAcc : c / n;
    const p = refPsi(
      reference,
      b.x.map((r) => r[o.feature]),
    );
    const psiHigh = p > o.psiThreshold;
    const accLow = rolling < o.accuracyThreshold;
    const retrained = m.andTrigger ? psiHigh && accLow : psiHigh || accLow;
    let promoted = false;
    if (retrained) {
      const start = m.retrainOnAll ? 0 : m.retrainOnLastBatch ? t : Math.max(0, t - o.window + 1);
      const used = batches.slice(start, t + 1);
      const recent = { x: used.flatMap((u) => u.x), y: used.flatMap((u) => u.y) };
      const challenger = o.makeModel().fit(recent.x, recent.y);
      const champAcc = accuracyOf(o.evaluation.y, model.predict(o.evaluation.x));
      const challAcc = accuracyOf(o.evaluation.y, challenger.predict(o.evaluation.x));
      promoted = m.alwaysPromote || challAcc > champAcc;
      if (promoted) {
        model = challenger;
        if (!m.noReferenceUpdate) reference = recent.x.map((r) => r[o.feature]);
        since = t + 1;
      }
    }
    out.push({
      batch: t,
      accuracy: h / b.y.length,
      rollingAccuracy: rolling,
      psi: p,
      retrained,
      promoted,
    });
  }
  return out;
}

/**
 * A stream for the loop: feature ~ N(5, 1.5), label = (true feature > 5). From `driftFrom`
 * on, the sensor reads `offset` too high, so the champion's threshold misclassifies; the
 * evaluation set is drifted the same way (an audit sample labelled after the change).
 */
function makeStream(
  seed: number,
  o: { batches: number; size: (t: number) => number; driftFrom: number; offset: number },
) {
  const random = seededRandom(seed);
  let id = 0;
  const draw = (n: number, offset: number): Data => {
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const u = 1 - random();
      const v = 5 + 1.5 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
      x.push([v + offset, id++]);
      y.push(v > 5 ? 1 : 0);
    }
    return { x, y };
  };
  const train = draw(300, 0);
  const batches = Array.from({ length: o.batches }, (_, t) =>
    draw(o.size(t), t >= o.driftFrom ? o.offset : 0),
  );
  const evaluation = draw(200, o.offset);
  return { train, batches, evaluation };
}

const FIELDS = ["accuracy", "rollingAccuracy", "psi", "retrained", "promoted"] as const;

function recordsMatch(got: unknown, want: LoopRecord[]): { ok: boolean; where?: string } {
  if (!Array.isArray(got) || got.length !== want.length)
    return { ok: false, where: `length ${Array.isArray(got) ? got.length : show(got)}` };
  for (let t = 0; t < want.length; t++) {
    const g = got[t] as Record<string, unknown> | undefined;
    for (const f of FIELDS) {
      const w = want[t][f];
      const v = g?.[f];
      const same =
        typeof w === "number"
          ? typeof v === "number" && Math.abs(v - w) <= 1e-9 * Math.max(1, Math.abs(w))
          : v === w;
      if (!same)
        return {
          ok: false,
          where: `batch ${t}: ${f} expected ${typeof w === "number" ? formatNumber(w) : w}, got ${show(v)}`,
        };
    }
  }
  return { ok: true };
}

export const monitoringLab = defineLab<Lab>({
  id: "18-monitoring",
  title: "Monitoring and retraining",
  summary:
    "Watch a deployed model: data drift (PSI, Kolmogorov–Smirnov, Jensen–Shannon) checked against scipy, concept drift as falling rolling accuracy, and a retraining trigger that promotes a challenger only when it beats the champion on a fixed evaluation set.",
  exercises: [
    {
      id: "reference-bins",
      title: "Bins from the reference data",
      points: 2,
      exports: ["quantileBinEdges", "binShares"],
      hints: [
        "Ten bins with equal reference counts are cut at the reference's deciles. Which quantiles are those, and how many edges do 10 bins need?",
        "quantileBinEdges: sort a copy numerically, then for q = k/bins (k = 1 … bins − 1) interpolate between s[⌊h⌋] and s[⌊h⌋ + 1] with h = (n − 1)·q. binShares: a value's bin is the number of edges ≤ it.",
        "Edges: only the bins − 1 interior cut points, not the minimum and maximum (the outer bins are open, so new values beyond the reference's range still count). Shares: count per bin with `while (bin < edges.length && edges[bin] <= v) bin++` — `<=` sends a value equal to an edge to the bin above — then divide the counts by values.length.",
      ],
      check: (lab) => {
        // The docstring examples.
        const eleven = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        const gotEleven = lab.quantileBinEdges([...eleven], 5);
        expectGridClose(gotEleven, [2, 4, 6, 8], {
          what: "quantileBinEdges([0, 1, …, 10], 5)",
          likelyCause: diagnoseGrid(gotEleven, [
            {
              value: edgesVariants(eleven, 5).lexicographic,
              cause:
                "sort() without a compare function sorts as TEXT (10 before 2): use sort((a, b) => a − b).",
            },
          ]),
          shapeCause:
            "bins = 5 needs 4 interior edges (quantiles 0.2, 0.4, 0.6, 0.8), not the min and max.",
        });
        const twoBins = lab.quantileBinEdges([1, 2, 3, 4], 2);
        expectGridClose(twoBins, [2.5], {
          what: "quantileBinEdges([1, 2, 3, 4], 2)",
          likelyCause: diagnoseGrid(twoBins, [
            {
              value: [2],
              cause: "Interpolate: h = (n − 1)·q = 1.5 lies halfway between s[1] = 2 and s[2] = 3.",
            },
            {
              value: [3],
              cause:
                "Interpolate between neighbours: the rank n·q picks a single value; numpy's default is h = (n − 1)·q, then linear interpolation.",
            },
          ]),
          shapeCause: "bins = 2 has exactly one interior edge (the median).",
        });
        // Against numpy on the fixtures (unsorted, two-digit values included).
        for (const pair of fixtures().slice(0, 9)) {
          const input = [...pair.reference];
          const got = lab.quantileBinEdges(input, 10);
          expectUnchanged(pair.reference, input, "quantileBinEdges");
          const v = edgesVariants(pair.reference, 10);
          expectGridClose(got, pair.psi.edges, {
            what: `quantileBinEdges on ${pairName(pair)} vs numpy.quantile`,
            tolerance: 1e-9,
            likelyCause: diagnoseGrid(got, [
              {
                value: v.lexicographic,
                cause:
                  "sort() without a compare function sorts as TEXT: use sort((a, b) => a − b).",
              },
              {
                value: v.unsorted,
                cause: "Sort (a copy of) the reference first: quantiles need ascending values.",
              },
              {
                value: v.floor,
                cause:
                  "Interpolate linearly between s[⌊h⌋] and s[⌊h⌋ + 1]; taking s[⌊h⌋] alone is not numpy's quantile.",
              },
              {
                value: v.rank,
                cause: "Use h = (n − 1)·q with interpolation (numpy's default), not the rank n·q.",
              },
            ]),
            shapeCause:
              "10 bins have 9 interior edges (the deciles 0.1 … 0.9): leave out the minimum and the maximum.",
          });
        }
        // A one-value reference: every edge is that value (no reading past the end).
        expectGridClose(lab.quantileBinEdges([7], 4), [7, 7, 7], {
          what: "quantileBinEdges([7], 4) (one value)",
          likelyCause:
            "With one value, h = 0 for every q: do not read past the end of the sorted array (cap the upper neighbour at n − 1).",
        });
        // Numbers that sort differently as text.
        const textual = [10, 9, 100, 8, 30, 7, 200, 1, 55, 3];
        const gotText = lab.quantileBinEdges([...textual], 4);
        expectGridClose(gotText, quantileEdges(textual, 4), {
          what: `quantileBinEdges([${textual.join(", ")}], 4)`,
          likelyCause: diagnoseGrid(gotText, [
            {
              value: edgesVariants(textual, 4).lexicographic,
              cause:
                "sort() without a compare function sorts as TEXT (100 before 9): use sort((a, b) => a − b).",
            },
          ]),
        });

        // binShares.
        const ex = lab.binShares([0, 2, 2, 5, 9], [2, 4, 6, 8]);
        expectGridClose(ex, [0.2, 0.4, 0.2, 0, 0.2], {
          what: "binShares([0, 2, 2, 5, 9], [2, 4, 6, 8])",
          likelyCause: diagnoseGrid(ex, [
            {
              value: sharesLeft([0, 2, 2, 5, 9], [2, 4, 6, 8]),
              cause:
                "A value EQUAL to an edge belongs to the bin above it ([edgeᵢ₋₁, edgeᵢ)): count the edges ≤ v, not < v.",
            },
            {
              value: [1, 2, 1, 0, 1],
              cause: "Return shares (counts divided by values.length), not counts.",
            },
          ]),
          shapeCause: "edges.length edges make edges.length + 1 bins (the outer ones open-ended).",
        });
        const outside = lab.binShares([-100, 0.5, 1000, 1000], [0, 1]);
        expectGridClose(outside, [0.25, 0.25, 0.5], {
          what: "binShares([-100, 0.5, 1000, 1000], [0, 1]) (values outside the edges)",
          likelyCause:
            "Values below the first edge go to bin 0, values at or above the last edge to the last bin: none is dropped, the shares sum to 1.",
          shapeCause: "2 edges make 3 bins.",
        });
        for (const pair of fixtures().slice(0, 9)) {
          const edges = quantileEdges(pair.reference, 10);
          const input = [...pair.current];
          const got = lab.binShares(input, edges);
          expectUnchanged(pair.current, input, "binShares");
          expectGridClose(got, refBinShares(pair.current, edges), {
            what: `binShares of the current values of ${pairName(pair)} on the reference's deciles`,
            tolerance: 1e-9,
            likelyCause: diagnoseGrid(got, [
              {
                value: sharesLeft(pair.current, edges),
                cause: "A value EQUAL to an edge belongs to the bin above it: count the edges ≤ v.",
              },
            ]),
          });
        }
      },
    },
    {
      id: "psi",
      title: "Population Stability Index",
      points: 2,
      exports: ["psi", "psiLevel"],
      hints: [
        "PSI compares two histograms over the SAME bins. Whose quantiles define the bins: the data you trust (the reference) or the batch under suspicion?",
        "edges = quantileBinEdges(reference, bins); r and c = binShares of reference and current; swap exact zeros for epsilon; sum (c − r)·ln(c/r). psiLevel: < 0.1 stable, ≤ 0.25 moderate, else major.",
        "Read the options with defaults: `const { bins = 10, epsilon = 1e-4 } = options`. Only a share that is exactly 0 becomes epsilon (keep the others as they are), Math.log is the natural log, and the result is a plain sum over the bins.",
      ],
      check: (lab) => {
        const eps = driftFixtures().psiEpsilon;
        for (const pair of fixtures()) {
          const ref = [...pair.reference];
          const cur = [...pair.current];
          const got = lab.psi(ref, cur);
          expectUnchanged(pair.reference, ref, "psi (the reference)");
          expectUnchanged(pair.current, cur, "psi (the current batch)");
          expectClose(got, pair.psi.value, {
            what: `psi on ${pairName(pair)} vs numpy (ε = ${eps})`,
            tolerance: 1e-9,
            likelyCause:
              diagnose(got, psiCauses(pair.reference, pair.current, 10, eps), 1e-9) ??
              (Number.isFinite(got)
                ? undefined
                : "An empty bin gives ln(0): replace shares of exactly 0 by epsilon first."),
          });
        }
        const ramp = Array.from({ length: 100 }, (_, i) => i);
        const top = ramp.slice(50);
        const empty = lab.psi(ramp, top);
        expectClose(empty, refPsi(ramp, top), {
          what: "psi(0 … 99, 50 … 99) (five empty bins)",
          likelyCause: !Number.isFinite(empty)
            ? "An empty bin gives ln(0) = −∞: replace shares of exactly 0 by epsilon (default 1e-4)."
            : diagnose(empty, psiCauses(ramp, top, 10, eps)),
        });
        expectClose(lab.psi(ramp, ramp), 0, { what: "psi(reference, reference)" });
        const a = normalSample(200, 5, 0, 1);
        const b = normalSample(120, 6, 0.4, 1.2);
        const five = lab.psi(a, b, { bins: 5 });
        expectClose(five, refPsi(a, b, { bins: 5 }), {
          what: "psi(reference, current, { bins: 5 })",
          likelyCause: diagnose(five, [
            { value: refPsi(a, b), cause: "Use options.bins (default 10), not always 10." },
          ]),
        });
        const eps3 = lab.psi(ramp, top, { epsilon: 1e-3 });
        expectClose(eps3, refPsi(ramp, top, { epsilon: 1e-3 }), {
          what: "psi(0 … 99, 50 … 99, { epsilon: 1e-3 })",
          likelyCause: diagnose(eps3, [
            {
              value: refPsi(ramp, top),
              cause: "Use options.epsilon (default 1e-4), not always 1e-4.",
            },
          ]),
        });
        // psiLevel at and around the boundaries.
        for (const v of [0, 0.05, 0.0999, 0.1, 0.17, 0.25, 0.2501, 1.3]) {
          const got = lab.psiLevel(v);
          const want = refPsiLevel(v);
          expectThat(got === want, {
            message: `psiLevel(${v}) is wrong.`,
            expected: JSON.stringify(want),
            got: show(got),
            likelyCause:
              v === 0.1 || v === 0.25
                ? "Boundaries: below 0.1 is stable, 0.1 up to and including 0.25 is moderate, above 0.25 is major."
                : '< 0.1 → "stable", 0.1 – 0.25 → "moderate", > 0.25 → "major".',
          });
        }
      },
    },
    {
      id: "ks-statistic",
      title: "Kolmogorov–Smirnov statistic",
      points: 2,
      exports: ["ksStatistic"],
      hints: [
        "Draw both empirical CDFs as staircases on one axis. Where can the biggest vertical gap be? Only at data points — but just after which of them?",
        "Sort copies of both samples, keep an index into each, and at each distinct value advance both indices past all copies of it; then gap = |i/n₁ − j/n₂|. Keep the maximum.",
        "Keep two positions, one per sorted sample. Repeat while neither is exhausted: take the smaller of the two current values, step BOTH positions past every copy of it, and only then measure the gap between the two fractions consumed. Stepping one value at a time breaks on ties, and a numeric sort needs a compare function.",
      ],
      check: (lab) => {
        const simple: [number[], number[], number][] = [
          [[1, 2, 3], [1, 2, 3], 0],
          [[1, 2], [3, 4], 1],
          [[3, 1, 2, 2], [2, 2, 5], 1 / 3],
          [[1, 1, 1], [1, 1], 0],
        ];
        for (const [a, b, want] of simple) {
          const got = lab.ksStatistic([...a], [...b]);
          expectClose(got, want, {
            what: `ksStatistic([${a.join(", ")}], [${b.join(", ")}])`,
            likelyCause: diagnose(got, ksCauses(a, b)),
          });
        }
        const tiesA = tiedSample(60, 11, 5, 15);
        const tiesB = tiedSample(45, 12, 7, 17);
        const gotTies = lab.ksStatistic([...tiesA], [...tiesB]);
        expectClose(gotTies, refKs(tiesA, tiesB), {
          what: "ksStatistic on two samples of integers 5 … 17 (many ties)",
          likelyCause: diagnose(gotTies, ksCauses(tiesA, tiesB), 1e-12),
        });
        for (const pair of fixtures()) {
          const a = [...pair.reference];
          const b = [...pair.current];
          const got = lab.ksStatistic(a, b);
          expectUnchanged(pair.reference, a, "ksStatistic");
          expectUnchanged(pair.current, b, "ksStatistic");
          expectClose(got, pair.ks.statistic, {
            what: `ksStatistic on ${pairName(pair)} vs scipy.stats.ks_2samp`,
            tolerance: 1e-12,
            likelyCause: diagnose(got, ksCauses(pair.reference, pair.current), 1e-12),
          });
        }
      },
    },
    {
      id: "ks-test",
      title: "The KS test as a drift alarm",
      points: 1,
      exports: ["ksTest"],
      hints: [
        "The statistic says how far apart the ECDFs are; the p-value says how surprising that gap is for these sample sizes if nothing had drifted.",
        "Three steps: the KS statistic of the two samples, the given ksPValue for that statistic and the two sample sizes, and a comparison with alpha.",
        "Return all three fields: { statistic, pValue, drift }. ksPValue takes the statistic and BOTH sample sizes (n of the reference, then of the current batch). alpha has the default 0.05, and a SMALL p-value means drift.",
      ],
      check: (lab) => {
        for (const pair of fixtures()) {
          const got = lab.ksTest([...pair.reference], [...pair.current]);
          const p = expectFiniteNumber(got?.pValue, {
            what: `ksTest(…).pValue on ${pairName(pair)}`,
          });
          expectClose(got.statistic, pair.ks.statistic, {
            what: `ksTest(…).statistic on ${pairName(pair)}`,
            tolerance: 1e-12,
          });
          expectClose(p, pair.ks.pValue, {
            what: `ksTest(…).pValue on ${pairName(pair)} vs scipy.stats.ks_2samp (exact)`,
            tolerance: 1e-9,
            likelyCause: diagnose(p, [
              {
                value: pair.ks.statistic,
                cause: "That is the statistic: the p-value is ksPValue(statistic, n₁, n₂).",
              },
              {
                value: 1 - pair.ks.pValue,
                cause: "ksPValue already gives P(D ≥ d): do not take 1 − it.",
              },
            ]),
          });
          const want = pair.ks.pValue < 0.05;
          expectThat(got.drift === want, {
            message: `ksTest(…).drift on ${pairName(pair)} (p = ${formatNumber(pair.ks.pValue)}) is wrong.`,
            expected: String(want),
            got: show(got.drift),
            likelyCause:
              "drift = pValue < alpha: a SMALL p-value means the samples are unlikely to come from one distribution.",
          });
        }
        // alpha is used; the boundary p = alpha is not drift.
        const a = [1, 2, 3, 4];
        const b = [5, 6, 7, 8];
        const edge = ksPValue(1, 4, 4); // 2/70
        const strict = lab.ksTest(a, b, edge);
        expectThat(strict?.drift === false, {
          message: `ksTest([1, 2, 3, 4], [5, 6, 7, 8], alpha = ${formatNumber(edge)}) should not report drift when pValue equals alpha.`,
          expected: "false",
          got: show(strict?.drift),
          likelyCause: "Drift is pValue < alpha (strictly).",
        });
        const loose = lab.ksTest(normalSample(80, 3, 0, 1), normalSample(60, 4, 0.5, 1), 0.5);
        const want =
          ksPValue(refKs(normalSample(80, 3, 0, 1), normalSample(60, 4, 0.5, 1)), 80, 60) < 0.5;
        expectThat(loose?.drift === want, {
          message: "ksTest(reference, current, 0.5) ignores alpha.",
          expected: String(want),
          got: show(loose?.drift),
          likelyCause: "Compare with the alpha argument (default 0.05), not always 0.05.",
        });
      },
    },
    {
      id: "jensen-shannon",
      title: "Jensen–Shannon distance",
      points: 2,
      exports: ["jensenShannonDistance", "jsDrift"],
      hints: [
        "Jensen–Shannon compares each distribution with their average m, so it never divides by a zero share. Which logarithm keeps the result between 0 and 1, and is the 'distance' the divergence itself?",
        "Normalise p and q to sum 1; m = (p + q)/2; divergence = ½ Σ p·log₂(p/m) + ½ Σ q·log₂(q/m), skipping zero terms; distance = √divergence. jsDrift: shares on the REFERENCE's deciles, drift when distance ≥ threshold.",
        "Math.log2 (not Math.log), a Math.sqrt at the end, and divide each vector by its own sum first so that counts work too. In jsDrift use quantileBinEdges(reference, bins) for both binShares calls and `const { bins = 10, threshold = 0.1 } = options`.",
      ],
      check: (lab) => {
        const basic: [number[], number[], number][] = [
          [[1, 0], [0, 1], 1],
          [[0.5, 0.5], [0.5, 0.5], 0],
          [[1, 1, 0], [0, 1, 1], Math.SQRT1_2],
        ];
        for (const [p, q, want] of basic) {
          const got = lab.jensenShannonDistance([...p], [...q]);
          expectClose(got, want, {
            what: `jensenShannonDistance([${p.join(", ")}], [${q.join(", ")}])`,
            likelyCause:
              typeof got === "number" && Number.isNaN(got)
                ? "A zero share contributes 0 (0·log 0 = 0): skip those terms instead of computing NaN."
                : diagnose(
                    got,
                    jsCauses(p, q).filter((c) => Math.abs(c.value - want) > 1e-12),
                  ),
          });
        }
        for (const c of driftFixtures().js) {
          const got = lab.jensenShannonDistance([...c.p], [...c.q]);
          const natural = c.natural;
          if (Math.abs(natural - refJs(c.p, c.q, Math.E)) > 1e-12)
            throw new Error("Check bug: JS fixture disagrees.");
          expectClose(got, c.base2, {
            what: `jensenShannonDistance([${c.p.map(formatNumber).slice(0, 4).join(", ")}${c.p.length > 4 ? ", …" : ""}], …) vs scipy jensenshannon(base=2)`,
            tolerance: 1e-9,
            likelyCause:
              diagnose(got, jsCauses(c.p, c.q), 1e-9) ??
              "Normalise p and q to sum 1 first (the inputs may be counts), then compare each with m = (p + q)/2.",
          });
        }
        const counts = lab.jensenShannonDistance([3, 0, 1, 6], [2, 2, 2, 0]);
        expectClose(counts, refJs([3, 0, 1, 6], [2, 2, 2, 0]), {
          what: "jensenShannonDistance([3, 0, 1, 6], [2, 2, 2, 0]) (counts, not shares)",
          likelyCause:
            diagnose(counts, jsCauses([3, 0, 1, 6], [2, 2, 2, 0])) ??
            "Divide each vector by its own sum before comparing.",
        });
        for (const pair of fixtures()) {
          const got = lab.jsDrift([...pair.reference], [...pair.current]);
          const d = expectFiniteNumber(got?.distance, {
            what: `jsDrift(…).distance on ${pairName(pair)}`,
          });
          const own = quantileEdges(pair.current, 10);
          expectClose(d, pair.js, {
            what: `jsDrift(…).distance on ${pairName(pair)} vs scipy (shares on the reference's deciles)`,
            tolerance: 1e-9,
            likelyCause: diagnose(
              d,
              [
                {
                  value: refJs(refBinShares(pair.reference, own), refBinShares(pair.current, own)),
                  cause:
                    "The bins come from the CURRENT data: use the REFERENCE's quantile edges for both histograms.",
                },
                {
                  value: pair.js ** 2,
                  cause: "That is the divergence: jsDrift reports the distance (its square root).",
                },
              ],
              1e-9,
            ),
          });
          expectThat(got.drift === pair.js >= 0.1, {
            message: `jsDrift(…).drift on ${pairName(pair)} (distance ${formatNumber(pair.js)}) is wrong.`,
            expected: String(pair.js >= 0.1),
            got: show(got.drift),
            likelyCause: "drift = distance ≥ threshold (default 0.1, Evidently's).",
          });
        }
        const a = normalSample(150, 21, 0, 1);
        const b = normalSample(100, 22, 0.3, 1);
        const five = lab.jsDrift(a, b, { bins: 5, threshold: 0.9 });
        expectClose(five?.distance, jsFeatureDistance(a, b, 5), {
          what: "jsDrift(reference, current, { bins: 5 }).distance",
          likelyCause: "Use options.bins (default 10).",
        });
        expectThat(five.drift === false, {
          message: "jsDrift(…, { threshold: 0.9 }) ignores the threshold.",
          likelyCause: "Compare with options.threshold (default 0.1).",
        });
        const same = lab.jsDrift(a, [...a], { threshold: 0 });
        expectThat(same?.drift === true && same.distance === 0, {
          message:
            "jsDrift(reference, reference, { threshold: 0 }) should give distance 0 and drift: true (0 ≥ 0).",
          got: show(same),
          likelyCause: "drift = distance ≥ threshold (greater OR EQUAL, as Evidently).",
        });
      },
    },
    {
      id: "rolling-accuracy",
      title: "Rolling accuracy",
      points: 1,
      exports: ["rollingAccuracy"],
      hints: [
        "A falling accuracy is how concept drift shows itself. Over which batches is the value at batch t computed, and does a small batch count as much as a big one?",
        "For each t: add up the correct predictions and the rows of batches max(0, t − window + 1) … t, then divide.",
        "Count correct predictions per batch once (correct[t]), then for each t loop s from Math.max(0, t − window + 1) to t (inclusive: that is `window` batches) summing correct[s] and yTrue[s].length. Do not average the per-batch accuracies.",
      ],
      check: (lab) => {
        const random = seededRandom(31);
        const sizes = [40, 10, 120, 25, 80, 5, 60, 150];
        const yTrue = sizes.map((n) => Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0)));
        const quality = [0.95, 0.9, 0.8, 0.6, 0.9, 0.2, 0.7, 0.85];
        const yPred = yTrue.map((b, t) => b.map((v) => (random() < quality[t] ? v : 1 - v)));
        const { pooled } = rollingVariants(yTrue, yPred);
        for (const w of [3, 1, 5]) {
          const got = lab.rollingAccuracy(
            yTrue.map((b) => [...b]),
            yPred.map((b) => [...b]),
            w,
          );
          expectGridClose(got, pooled(w), {
            what: `rollingAccuracy on 8 batches of ${sizes.join("/")} rows, window ${w}`,
            tolerance: 1e-9,
            likelyCause: diagnoseGrid(got, rollingCauses(yTrue, yPred, w), 1e-9),
            shapeCause: "One value per batch.",
          });
        }
        const ex = lab.rollingAccuracy(
          [
            [1, 1],
            [0, 0, 0, 0],
            [1, 1],
          ],
          [
            [1, 1],
            [0, 0, 1, 1],
            [0, 0],
          ],
          2,
        );
        const exTrue = [
          [1, 1],
          [0, 0, 0, 0],
          [1, 1],
        ];
        const exPred = [
          [1, 1],
          [0, 0, 1, 1],
          [0, 0],
        ];
        expectGridClose(ex, [1, 4 / 6, 2 / 6], {
          what: "rollingAccuracy on the docstring example, window 2",
          likelyCause: diagnoseGrid(ex, rollingCauses(exTrue, exPred, 2)),
          shapeCause: "One value per batch.",
        });
      },
    },
    {
      id: "champion-challenger",
      title: "Champion vs challenger",
      points: 2,
      exports: ["challengeChampion"],
      hints: [
        "A model always looks good on the data it was trained on. Where must both models be measured so the comparison is fair — and what should happen when the newcomer is not clearly better?",
        "Build one fresh model and fit it on the recent rows only. Then compute two accuracies on the evaluation rows — the champion's and the challenger's — and promote when the challenger's beats the champion's by more than minGain.",
        "Do not refit the champion and do not train on the evaluation rows. `model` is whichever model serves next (the challenger only if promoted); return the challenger and both accuracies as well. A tie keeps the champion (strictly greater).",
      ],
      check: (lab) => {
        // Evaluation: 10 rows, 8 of class 1. Champion is right on 7 of them.
        const evaluation = rowsWithLabels([1, 1, 1, 1, 1, 1, 1, 1, 0, 0], 1000);
        const championRight = new Map(
          evaluation.x.map((r, i) => [r[1], i < 7 ? evaluation.y[i] : 1 - evaluation.y[i]]),
        );
        const recent = rowsWithLabels([0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0], 0);
        const run = (fallback: number, minGain?: number) => {
          const champion = new FixedModel(championRight);
          const made: MemoModel[] = [];
          const makeModel = () => {
            const m = new MemoModel(fallback);
            made.push(m);
            return m;
          };
          const result =
            minGain === undefined
              ? lab.challengeChampion(champion, makeModel, recent, evaluation)
              : lab.challengeChampion(champion, makeModel, recent, evaluation, minGain);
          return { champion, made, result };
        };
        // Worse challenger: predicts 0 for every unseen row → 0.2 on the evaluation set.
        const worse = run(0);
        expectThat(worse.made.length === 1 && worse.made[0].fitCalls === 1, {
          message: `challengeChampion should build ONE challenger with makeModel() and fit it once (made ${worse.made.length}, fitted ${worse.made[0]?.fitCalls ?? 0} times).`,
          likelyCause: "const challenger = makeModel().fit(recent.x, recent.y).",
        });
        const fitIds = worse.made[0].fitIds;
        expectThat(
          fitIds.length === recent.y.length && fitIds.every((id, i) => id === recent.x[i][1]),
          {
            message: "The challenger was not trained on exactly the recent rows.",
            expected: `${recent.y.length} recent rows`,
            got: `${fitIds.length} rows${fitIds.some((id) => id >= 1000) ? ", including evaluation rows" : ""}`,
            likelyCause: fitIds.some((id) => id >= 1000)
              ? "The evaluation set is for judging only: training on it makes the comparison meaningless."
              : "Fit the challenger on recent.x and recent.y.",
          },
        );
        expectThat(worse.champion.fitCalls === 0, {
          message: "challengeChampion refitted the champion.",
          likelyCause:
            "The champion is the model in production: evaluate it as it is, do not retrain it.",
        });
        const r = worse.result;
        const challengerOnEval = worse.made[0].predictIds.some(
          (ids) => ids.length === evaluation.y.length && ids[0] === 1000,
        );
        expectClose(r?.championAccuracy, 0.7, {
          what: "championAccuracy (the champion on the fixed evaluation set)",
          likelyCause:
            "Score the champion with accuracy(evaluation.y, champion.predict(evaluation.x)).",
        });
        expectClose(r.challengerAccuracy, 0.2, {
          what: "challengerAccuracy (a challenger that is worse on the evaluation set)",
          likelyCause:
            r.challengerAccuracy === 1 && !challengerOnEval
              ? "The challenger was evaluated on its own training data (the recent rows), where it scores 1: score it on the fixed evaluation set, like the champion."
              : "Score the challenger with accuracy on the evaluation set.",
        });
        expectThat(r.promoted === false && r.model === worse.champion, {
          message:
            "challengeChampion promoted a challenger that is WORSE than the champion on the evaluation set (0.2 vs 0.7).",
          expected: "promoted: false, model: the champion",
          got: `promoted: ${show(r.promoted)}, model: ${r.model === worse.champion ? "the champion" : r.model === worse.made[0] ? "the challenger" : show(r.model)}`,
          likelyCause:
            "Promote only when challengerAccuracy > championAccuracy (+ minGain): promoting without comparing replaces a working model with a worse one.",
        });
        expectThat(r.challenger === worse.made[0], {
          message:
            "challengeChampion should return the trained challenger as `challenger` (even when it is not promoted).",
        });
        // Better challenger: predicts 1 for unseen rows → 0.8.
        const better = run(1);
        expectThat(better.result?.promoted === true && better.result.model === better.made[0], {
          message:
            "challengeChampion kept the champion although the challenger is better on the evaluation set (0.8 vs 0.7).",
          expected: "promoted: true, model: the challenger",
          got: `promoted: ${show(better.result?.promoted)}`,
          likelyCause:
            "Promote when challengerAccuracy > championAccuracy + minGain (minGain defaults to 0), and return the challenger as `model`.",
        });
        expectClose(better.result.challengerAccuracy, 0.8, {
          what: "challengerAccuracy of the better challenger",
        });
        // minGain.
        const notEnough = run(1, 0.15);
        expectThat(notEnough.result?.promoted === false, {
          message:
            "With minGain = 0.15 a gain of 0.1 (0.8 vs 0.7) must not promote the challenger.",
          likelyCause: "promoted = challengerAccuracy > championAccuracy + minGain.",
        });
        const enough = run(1, 0.05);
        expectThat(enough.result?.promoted === true, {
          message: "With minGain = 0.05 a gain of 0.1 (0.8 vs 0.7) should promote the challenger.",
          likelyCause: "promoted = challengerAccuracy > championAccuracy + minGain.",
        });
        // A tie keeps the champion.
        const tieChampion = new Map(evaluation.x.map((r, i) => [r[1], i < 8 ? 1 : 1]));
        const tie = lab.challengeChampion(
          new FixedModel(tieChampion),
          () => new MemoModel(1),
          recent,
          evaluation,
        );
        expectThat(tie?.promoted === false, {
          message: "A tie (0.8 vs 0.8 on the evaluation set) promoted the challenger.",
          likelyCause:
            "Promote only when the challenger is strictly better: on a tie, keep the champion, which is known to work in production.",
        });
      },
    },
    {
      id: "monitoring-loop",
      title: "The monitoring loop and its retraining trigger",
      points: 3,
      exports: ["runMonitoring"],
      hints: [
        "Each batch: serve, measure, decide. After a promotion, which of your running quantities still describe the model that is now serving?",
        "Per batch: predict with the current model, pooled accuracy over the last `window` batches since the last promotion, psi(reference, column), trigger on psi > psiThreshold || rolling < accuracyThreshold, then challengeChampion on the last `window` batches and the fixed evaluation set.",
        "Keep a `servedSince` index (the first batch of the current model) and per-batch correct counts; the rolling window starts at Math.max(servedSince, t − window + 1). On promotion: model = result.model, reference = the feature column of the recent rows, servedSince = t + 1. Defaults: window 3, psiThreshold 0.25, accuracyThreshold 0.85.",
      ],
      check: async (lab, ctx) => {
        const scenarios = [
          {
            seed: 7,
            batches: 12,
            size: (t: number) => (t % 3 === 0 ? 90 : 60),
            driftFrom: 5,
            offset: 1.6,
            window: 3,
            psiThreshold: 0.25,
            accuracyThreshold: 0.85,
          },
          {
            seed: 8,
            batches: 10,
            size: () => 80,
            driftFrom: 4,
            offset: 2.2,
            window: 2,
            psiThreshold: 0.4,
            accuracyThreshold: 0.9,
          },
          {
            seed: 9,
            batches: 9,
            size: (t: number) => 50 + 10 * t,
            driftFrom: 3,
            offset: 1.2,
            window: 4,
            psiThreshold: 10,
            accuracyThreshold: 0.88,
          },
        ];
        const mistakes: [LoopMistakes, string][] = [
          [
            { noReferenceUpdate: true },
            "After a promotion the reference must become the feature's values in the new model's training rows: comparing with the OLD training data keeps PSI high and retrains every batch.",
          ],
          [
            { noWindowReset: true },
            "After a promotion the rolling window must start afresh: batches served by the old model say nothing about the new one.",
          ],
          [
            { andTrigger: true },
            "Trigger on EITHER signal: psi > psiThreshold OR rollingAccuracy < accuracyThreshold.",
          ],
          [
            { retrainOnAll: true },
            "Retrain on the RECENT data only (the last `window` batches), not everything since the start: old batches describe the world before the drift.",
          ],
          [
            { retrainOnLastBatch: true },
            "Retrain on the last `window` batches (t − window + 1 … t), not only the current one.",
          ],
          [
            { meanOfBatchAccuracies: true },
            "rollingAccuracy pools the rows of the window (all correct ÷ all rows), it is not the mean of the batch accuracies.",
          ],
          [
            { alwaysPromote: true },
            "A retrained model was promoted without beating the champion on the evaluation set: use challengeChampion's decision.",
          ],
        ];
        for (const [k, s] of scenarios.entries()) {
          await ctx.case(
            `scenario ${k + 1}: ${s.batches} batches, drift from batch ${s.driftFrom}`,
            () => {
              const stream = makeStream(s.seed, s);
              const options = (champion: Predictor) => ({
                champion,
                makeModel: () => new ThresholdModel("challenger"),
                feature: 0,
                reference: stream.train.x.map((r) => r[0]),
                evaluation: stream.evaluation,
                window: s.window,
                psiThreshold: s.psiThreshold,
                accuracyThreshold: s.accuracyThreshold,
              });
              const fresh = () =>
                new ThresholdModel("champion").fit(stream.train.x, stream.train.y);
              const want = monitorLoop(stream.batches, options(fresh()));
              const wantPromotions = want.filter((r) => r.promoted).length;
              if (k === 0 && wantPromotions === 0)
                throw new Error("Check bug: scenario 1 has no promotion.");
              ThresholdModel.log = [];
              const champion = fresh();
              const got = lab.runMonitoring(
                stream.batches.map((b) => ({ x: b.x.map((r) => [...r]), y: [...b.y] })),
                options(champion),
              );
              const match = recordsMatch(got, want);
              if (match.ok) {
                // The challengers must have been trained on the last `window` batches only.
                const challengers = ThresholdModel.log.filter((m) => m.name === "challenger");
                const retrainedAt = want.filter((r) => r.retrained).map((r) => r.batch);
                challengers.forEach((m, i) => {
                  const t = retrainedAt[i];
                  const ids = stream.batches
                    .slice(Math.max(0, t - s.window + 1), t + 1)
                    .flatMap((b) => b.x.map((r) => r[1]));
                  const seen = m.fitIds[0] ?? [];
                  expectThat(seen.length === ids.length && seen.every((id, j) => id === ids[j]), {
                    message: `The challenger retrained after batch ${t} saw the wrong rows.`,
                    expected: `the ${ids.length} rows of batches ${Math.max(0, t - s.window + 1)} … ${t}`,
                    got: `${seen.length} rows`,
                    likelyCause:
                      "recent = the rows and labels of the last `window` batches, in order.",
                  });
                });
                return;
              }
              const cause = mistakes.find(
                ([m]) => recordsMatch(got, monitorLoop(stream.batches, options(fresh()), m)).ok,
              )?.[1];
              fail({
                message: `runMonitoring's log differs from the expected one (${s.batches} batches, window ${s.window}, psiThreshold ${s.psiThreshold}, accuracyThreshold ${s.accuracyThreshold}).`,
                expected: `${want.length} records; retrained after batches [${want
                  .filter((r) => r.retrained)
                  .map((r) => r.batch)
                  .join(", ")}], promoted after [${want
                  .filter((r) => r.promoted)
                  .map((r) => r.batch)
                  .join(", ")}]`,
                got: match.where,
                likelyCause: cause,
              });
            },
            { weight: 1 },
          );
        }
        // PSI exactly at the threshold does not trigger: batch 0 is the champion's own training rows.
        await ctx.case(
          "boundary: PSI equal to psiThreshold",
          () => {
            const stream = makeStream(13, { batches: 4, size: () => 60, driftFrom: 2, offset: 2 });
            const batches = [stream.train, ...stream.batches];
            const o = {
              makeModel: () => new ThresholdModel("challenger"),
              feature: 0,
              reference: stream.train.x.map((r) => r[0]),
              evaluation: stream.evaluation,
              window: 2,
              psiThreshold: 0,
              accuracyThreshold: 0,
            };
            const fresh = () => new ThresholdModel("champion").fit(stream.train.x, stream.train.y);
            const want = monitorLoop(batches, { ...o, champion: fresh() });
            const got = lab.runMonitoring(batches, { ...o, champion: fresh() });
            const match = recordsMatch(got, want);
            expectThat(match.ok, {
              message:
                "runMonitoring with psiThreshold = 0 on a batch identical to the reference (PSI exactly 0).",
              got: match.where,
              likelyCause:
                "Trigger when psi is ABOVE psiThreshold (psi > psiThreshold) or rollingAccuracy is BELOW accuracyThreshold: a value equal to a threshold does not trigger.",
            });
          },
          { weight: 1 },
        );
        // Defaults (window 3, 0.25, 0.85).
        await ctx.case(
          "default options",
          () => {
            const stream = makeStream(12, {
              batches: 8,
              size: () => 70,
              driftFrom: 3,
              offset: 1.8,
            });
            const base = {
              makeModel: () => new ThresholdModel("challenger"),
              feature: 0,
              reference: stream.train.x.map((r) => r[0]),
              evaluation: stream.evaluation,
            };
            const fresh = () => new ThresholdModel("champion").fit(stream.train.x, stream.train.y);
            const want = monitorLoop(stream.batches, {
              ...base,
              champion: fresh(),
              window: 3,
              psiThreshold: 0.25,
              accuracyThreshold: 0.85,
            });
            const got = lab.runMonitoring(stream.batches, { ...base, champion: fresh() });
            const match = recordsMatch(got, want);
            expectThat(match.ok, {
              message: "runMonitoring with default options differs from the expected log.",
              got: match.where,
              likelyCause: "Defaults: window = 3, psiThreshold = 0.25, accuracyThreshold = 0.85.",
            });
          },
          { weight: 1 },
        );
      },
    },
  ],
});
