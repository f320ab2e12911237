import * as solution from "../../solutions/18-monitoring";
import type { Predictor } from "../../src/ml/estimator";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const {
  accuracy,
  binShares,
  challengeChampion,
  jensenShannonDistance,
  ksStatistic,
  psi,
  quantileBinEdges,
} = solution;

/** numpy-style linear quantile edges over an ALREADY ordered array (for the sorting mistakes). */
function edgesOver(s: number[], bins: number): number[] {
  return Array.from({ length: bins - 1 }, (_, k) => {
    const h = (s.length - 1) * ((k + 1) / bins);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  });
}

/** PSI from two share vectors with the epsilon rule. */
function psiOf(r: number[], c: number[], eps = 1e-4, log = Math.log): number {
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] === 0 ? eps : r[i];
    const ci = c[i] === 0 ? eps : c[i];
    total += (ci - ri) * log(ci / ri);
  }
  return total;
}

/** The Jensen–Shannon divergence (no square root), base 2 or natural. */
function jsDivergence(p: number[], q: number[], log: (v: number) => number): number {
  const sp = p.reduce((s, v) => s + v, 0);
  const sq = q.reduce((s, v) => s + v, 0);
  let d = 0;
  p.forEach((_, i) => {
    const a = p[i] / sp;
    const b = q[i] / sq;
    const m = (a + b) / 2;
    if (a > 0) d += 0.5 * a * log(a / m);
    if (b > 0) d += 0.5 * b * log(b / m);
  });
  return d;
}

/** Trains and scores a challenger like the solution, with a chosen mistake. */
function challenge(
  champion: Predictor,
  makeModel: () => Predictor,
  recent: solution.LabelledData,
  evaluation: solution.LabelledData,
  minGain: number,
  mistake: "own-data" | "always" | "ties" | "train-on-eval" | "no-min-gain",
): solution.ChallengeResult {
  const train =
    mistake === "train-on-eval"
      ? { x: [...recent.x, ...evaluation.x], y: [...recent.y, ...evaluation.y] }
      : recent;
  const challenger = makeModel().fit(train.x, train.y);
  const championAccuracy = accuracy(evaluation.y, champion.predict(evaluation.x));
  const challengerAccuracy =
    mistake === "own-data"
      ? accuracy(recent.y, challenger.predict(recent.x))
      : accuracy(evaluation.y, challenger.predict(evaluation.x));
  const promoted =
    mistake === "always"
      ? true
      : mistake === "ties"
        ? challengerAccuracy >= championAccuracy + minGain
        : mistake === "no-min-gain"
          ? challengerAccuracy > championAccuracy
          : challengerAccuracy > championAccuracy + minGain;
  return {
    promoted,
    model: promoted ? challenger : champion,
    challenger,
    championAccuracy,
    challengerAccuracy,
  };
}

/** The monitoring loop with one mistake switched on. */
function monitorWith(
  batches: solution.LabelledData[],
  options: solution.MonitorOptions,
  mistake:
    | "no-reference-update"
    | "no-window-reset"
    | "and-trigger"
    | "retrain-on-all"
    | "always-promote",
): solution.MonitorRecord[] {
  const { window = 3, psiThreshold = 0.25, accuracyThreshold = 0.85 } = options;
  let model = options.champion;
  let reference = options.reference;
  let since = 0;
  const hits: number[] = [];
  return batches.map((batch, t) => {
    const predictions = model.predict(batch.x);
    hits.push(batch.y.filter((v, i) => v === predictions[i]).length);
    let correct = 0;
    let rows = 0;
    const from = Math.max(mistake === "no-window-reset" ? 0 : since, t - window + 1);
    for (let s = from; s <= t; s++) {
      correct += hits[s];
      rows += batches[s].y.length;
    }
    const rolling = correct / rows;
    const drift = psi(
      reference,
      batch.x.map((r) => r[options.feature]),
    );
    const retrained =
      mistake === "and-trigger"
        ? drift > psiThreshold && rolling < accuracyThreshold
        : drift > psiThreshold || rolling < accuracyThreshold;
    let promoted = false;
    if (retrained) {
      const used = batches.slice(
        mistake === "retrain-on-all" ? 0 : Math.max(0, t - window + 1),
        t + 1,
      );
      const recent = { x: used.flatMap((b) => b.x), y: used.flatMap((b) => b.y) };
      const result = challengeChampion(model, options.makeModel, recent, options.evaluation);
      promoted = mistake === "always-promote" || result.promoted;
      if (promoted) {
        model = mistake === "always-promote" ? result.challenger : result.model;
        if (mistake !== "no-reference-update") reference = recent.x.map((r) => r[options.feature]);
        since = t + 1;
      }
    }
    return {
      batch: t,
      accuracy: hits[t] / batch.y.length,
      rollingAccuracy: rolling,
      psi: drift,
      retrained,
      promoted,
    };
  });
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // reference-bins
  {
    exercise: "reference-bins",
    mistake: "default sort() (text order) for the quantiles",
    impl: { quantileBinEdges: (ref, bins = 10) => edgesOver([...ref].sort(), bins) },
    expectMessage: /TEXT/,
  },
  {
    exercise: "reference-bins",
    mistake: "sorts the caller's array in place",
    impl: {
      quantileBinEdges: (ref, bins = 10) =>
        edgesOver(
          ref.sort((a, b) => a - b),
          bins,
        ),
    },
    expectMessage: /changed its argument/,
  },
  {
    exercise: "reference-bins",
    mistake: "no interpolation (s[⌊h⌋])",
    impl: {
      quantileBinEdges: (ref, bins = 10) => {
        const s = [...ref].sort((a, b) => a - b);
        return Array.from(
          { length: bins - 1 },
          (_, k) => s[Math.floor((s.length - 1) * ((k + 1) / bins))],
        );
      },
    },
    expectMessage: /[Ii]nterpolate/,
  },
  {
    exercise: "reference-bins",
    mistake: "min and max included as edges",
    impl: {
      quantileBinEdges: (ref, bins = 10) => {
        const s = [...ref].sort((a, b) => a - b);
        return [s[0], ...edgesOver(s, bins), s[s.length - 1]];
      },
    },
    expectMessage: /interior edges|minimum and the maximum|not the min and max/,
  },
  {
    exercise: "reference-bins",
    mistake: "value equal to an edge goes to the lower bin",
    impl: {
      binShares: (values, edges) => {
        const counts = new Array<number>(edges.length + 1).fill(0);
        for (const v of values) {
          let bin = 0;
          while (bin < edges.length && edges[bin] < v) bin++;
          counts[bin]++;
        }
        return counts.map((c) => c / values.length);
      },
    },
    expectMessage: /bin above/,
  },
  {
    exercise: "reference-bins",
    mistake: "counts instead of shares",
    impl: {
      binShares: (values, edges) => binShares(values, edges).map((s) => s * values.length),
    },
    expectMessage: /shares/,
  },
  // psi
  {
    exercise: "psi",
    mistake: "bins from the current data instead of the reference",
    impl: {
      psi: (reference, current, options = {}) => {
        const edges = quantileBinEdges(current, options.bins ?? 10);
        return psiOf(
          binShares(reference, edges),
          binShares(current, edges),
          options.epsilon ?? 1e-4,
        );
      },
    },
    expectMessage: /CURRENT data/,
  },
  {
    exercise: "psi",
    mistake: "no epsilon for empty bins",
    impl: {
      psi: (reference, current, options = {}) => {
        const edges = quantileBinEdges(reference, options.bins ?? 10);
        const r = binShares(reference, edges);
        const c = binShares(current, edges);
        return r.reduce((s, ri, i) => s + (c[i] - ri) * Math.log(c[i] / ri), 0);
      },
    },
    expectMessage: /epsilon/,
  },
  {
    exercise: "psi",
    mistake: "log base 10",
    impl: {
      psi: (reference, current, options = {}) => {
        const edges = quantileBinEdges(reference, options.bins ?? 10);
        return psiOf(binShares(reference, edges), binShares(current, edges), 1e-4, Math.log10);
      },
    },
    expectMessage: /natural log/,
  },
  {
    exercise: "psi",
    mistake: "ignores options.bins",
    impl: {
      psi: (reference, current, options = {}) => psi(reference, current, { ...options, bins: 10 }),
    },
    expectMessage: /options\.bins/,
  },
  {
    exercise: "psi",
    mistake: "0.25 counted as major",
    impl: { psiLevel: (v) => (v < 0.1 ? "stable" : v < 0.25 ? "moderate" : "major") },
    expectMessage: /including 0\.25/,
  },
  // ks-statistic
  {
    exercise: "ks-statistic",
    mistake: "ties: one value at a time",
    impl: {
      ksStatistic: (a, b) => {
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
      },
    },
    expectMessage: /[Tt]ies/,
  },
  {
    exercise: "ks-statistic",
    mistake: "KS on unsorted samples",
    impl: {
      ksStatistic: (a, b) => {
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
      },
    },
    expectMessage: /not sorted/,
  },
  {
    exercise: "ks-statistic",
    mistake: "sorts the caller's arrays",
    impl: {
      ksStatistic: (a, b) => {
        a.sort((p, q) => p - q);
        b.sort((p, q) => p - q);
        return ksStatistic(a, b);
      },
    },
    expectMessage: /changed its argument/,
  },
  // ks-test
  {
    exercise: "ks-test",
    mistake: "drift when p > alpha",
    impl: {
      ksTest: (reference, current, alpha = 0.05) => {
        const r = solution.ksTest(reference, current, alpha);
        return { ...r, drift: r.pValue > alpha };
      },
    },
    expectMessage: /SMALL p-value/,
  },
  {
    exercise: "ks-test",
    mistake: "the statistic returned as the p-value",
    impl: {
      ksTest: (reference, current, alpha = 0.05) => {
        const statistic = ksStatistic(reference, current);
        return { statistic, pValue: statistic, drift: statistic < alpha };
      },
    },
    expectMessage: /That is the statistic/,
  },
  {
    exercise: "ks-test",
    mistake: "alpha ignored",
    impl: { ksTest: (reference, current) => solution.ksTest(reference, current, 0.05) },
    expectMessage: /alpha/,
  },
  // jensen-shannon
  {
    exercise: "jensen-shannon",
    mistake: "divergence returned instead of distance (no sqrt)",
    impl: { jensenShannonDistance: (p, q) => jsDivergence(p, q, Math.log2) },
    expectMessage: /DIVERGENCE/,
  },
  {
    exercise: "jensen-shannon",
    mistake: "natural log instead of base 2",
    impl: { jensenShannonDistance: (p, q) => Math.sqrt(jsDivergence(p, q, Math.log)) },
    expectMessage: /Natural log vs base 2/,
  },
  {
    exercise: "jensen-shannon",
    mistake: "JS drift on the current data's bins",
    impl: {
      jsDrift: (reference, current, options = {}) => {
        const edges = quantileBinEdges(current, options.bins ?? 10);
        const distance = jensenShannonDistance(
          binShares(reference, edges),
          binShares(current, edges),
        );
        return { distance, drift: distance >= (options.threshold ?? 0.1) };
      },
    },
    expectMessage: /CURRENT data/,
  },
  {
    exercise: "jensen-shannon",
    mistake: "inputs not normalised",
    impl: {
      jensenShannonDistance: (p, q) => {
        let d = 0;
        p.forEach((a, i) => {
          const b = q[i];
          const m = (a + b) / 2;
          if (a > 0) d += 0.5 * a * Math.log2(a / m);
          if (b > 0) d += 0.5 * b * Math.log2(b / m);
        });
        return Math.sqrt(Math.max(0, d));
      },
    },
    expectMessage: /sum/,
  },
  // rolling-accuracy
  {
    exercise: "rolling-accuracy",
    mistake: "mean of per-batch accuracies",
    impl: {
      rollingAccuracy: (yTrue, yPred, window) => {
        const acc = yTrue.map((b, t) => accuracy(b, yPred[t]));
        return acc.map((_, t) => {
          const from = Math.max(0, t - window + 1);
          return acc.slice(from, t + 1).reduce((s, v) => s + v, 0) / (t - from + 1);
        });
      },
    },
    expectMessage: /mean of the per-batch accuracies/,
  },
  {
    exercise: "rolling-accuracy",
    mistake: "window off by one",
    impl: {
      rollingAccuracy: (yTrue, yPred, window) => solution.rollingAccuracy(yTrue, yPred, window + 1),
    },
    expectMessage: /INCLUDING batch t/,
  },
  {
    exercise: "rolling-accuracy",
    mistake: "cumulative accuracy",
    impl: {
      rollingAccuracy: (yTrue, yPred) => solution.rollingAccuracy(yTrue, yPred, yTrue.length),
    },
    expectMessage: /cumulative/,
  },
  // champion-challenger
  {
    exercise: "champion-challenger",
    mistake: "challenger evaluated on its own training data",
    impl: {
      challengeChampion: (c, m, r, e, g = 0) => challenge(c, m, r, e, g, "own-data"),
    },
    expectMessage: /own training data/,
  },
  {
    exercise: "champion-challenger",
    mistake: "promotes without comparing",
    impl: {
      challengeChampion: (c, m, r, e, g = 0) => challenge(c, m, r, e, g, "always"),
    },
    expectMessage: /promoting without comparing/,
  },
  {
    exercise: "champion-challenger",
    mistake: "a tie promotes",
    impl: {
      challengeChampion: (c, m, r, e, g = 0) => challenge(c, m, r, e, g, "ties"),
    },
    expectMessage: /tie/,
  },
  {
    exercise: "champion-challenger",
    mistake: "trains the challenger on the evaluation set too",
    impl: {
      challengeChampion: (c, m, r, e, g = 0) => challenge(c, m, r, e, g, "train-on-eval"),
    },
    expectMessage: /evaluation set is for judging only/,
  },
  {
    exercise: "champion-challenger",
    mistake: "minGain ignored",
    impl: {
      challengeChampion: (c, m, r, e, g = 0) => challenge(c, m, r, e, g, "no-min-gain"),
    },
    expectMessage: /minGain/,
  },
  // monitoring-loop
  {
    exercise: "monitoring-loop",
    mistake: "reference not updated after a promotion",
    impl: { runMonitoring: (b, o) => monitorWith(b, o, "no-reference-update") },
    expectMessage: /reference must become/,
  },
  {
    exercise: "monitoring-loop",
    mistake: "rolling window not reset after a promotion",
    impl: { runMonitoring: (b, o) => monitorWith(b, o, "no-window-reset") },
    expectMessage: /start afresh/,
  },
  {
    exercise: "monitoring-loop",
    mistake: "trigger needs both signals",
    impl: { runMonitoring: (b, o) => monitorWith(b, o, "and-trigger") },
    expectMessage: /EITHER/,
  },
  {
    exercise: "monitoring-loop",
    mistake: "retrains on all data since the start",
    impl: { runMonitoring: (b, o) => monitorWith(b, o, "retrain-on-all") },
    expectMessage: /RECENT data only/,
  },
  {
    exercise: "monitoring-loop",
    mistake: "promotes every retrained model",
    impl: { runMonitoring: (b, o) => monitorWith(b, o, "always-promote") },
    expectMessage: /without beating the champion/,
  },
];
