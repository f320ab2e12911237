import * as solution from "../../solutions/20-responsible-ai";
import { seededRandom, shuffled } from "../../src/data";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const {
  groupRates,
  accuracyOf,
  demographicParityDifference,
  demographicParityRatio,
  equalizedOddsDifference,
  positiveScores,
  threshold,
  thresholdsForSelectionRate,
  applyThresholds,
  mitigationTradeoff,
  permutationImportance,
  modelCard,
} = solution;

const rates = (yTrue: number[], yPred: number[], groups: string[]) =>
  Object.values(groupRates(yTrue, yPred, groups));
const gap = (v: number[]) => Math.max(...v) - Math.min(...v);

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // group-rates
  {
    exercise: "group-rates",
    mistake: "selection rate from the labels instead of the predictions",
    impl: {
      groupRates: (yTrue, yPred, groups) => {
        const out = groupRates(yTrue, yPred, groups);
        const fromLabels = groupRates(yTrue, yTrue, groups);
        for (const g of Object.keys(out)) out[g].selectionRate = fromLabels[g].selectionRate;
        return out;
      },
    },
    expectMessage: /base rate|LABELS/,
  },
  {
    exercise: "group-rates",
    mistake: "TPR and FPR swapped",
    impl: {
      groupRates: (yTrue, yPred, groups) => {
        const out = groupRates(yTrue, yPred, groups);
        for (const r of Object.values(out)) [r.tpr, r.fpr] = [r.fpr, r.tpr];
        return out;
      },
    },
    expectMessage: /swapped/,
  },
  {
    exercise: "group-rates",
    mistake: "0/0 gives NaN",
    impl: {
      groupRates: (yTrue, yPred, groups) => {
        const out = groupRates(yTrue, yPred, groups);
        for (const [g, r] of Object.entries(out)) {
          const idx = groups.map((x, i) => (x === g ? i : -1)).filter((i) => i >= 0);
          if (!idx.some((i) => yTrue[i] === 1)) r.tpr = Number.NaN;
          if (!idx.some((i) => yTrue[i] === 0)) r.fpr = Number.NaN;
        }
        return out;
      },
    },
    expectMessage: /tpr|fpr|NaN|finite/i,
  },
  // disparity-metrics
  {
    exercise: "disparity-metrics",
    mistake: "ratio computed as max/min",
    impl: { demographicParityRatio: (yPred, groups) => 1 / demographicParityRatio(yPred, groups) },
    expectMessage: /max\/min/,
  },
  {
    exercise: "disparity-metrics",
    mistake: "equalized odds using only the TPR gap",
    impl: {
      equalizedOddsDifference: (yTrue, yPred, groups) =>
        gap(rates(yTrue, yPred, groups).map((r) => r.tpr)),
    },
    expectMessage: /only the TPR/,
  },
  {
    exercise: "disparity-metrics",
    mistake: "equalized odds as the mean of the two gaps",
    impl: {
      equalizedOddsDifference: (yTrue, yPred, groups) => {
        const r = rates(yTrue, yPred, groups);
        return (gap(r.map((x) => x.tpr)) + gap(r.map((x) => x.fpr))) / 2;
      },
    },
    expectMessage: /mean of the two gaps/,
  },
  {
    exercise: "disparity-metrics",
    mistake: "difference of the first two groups only",
    impl: {
      demographicParityDifference: (yPred, groups) => {
        const r = rates(yPred, yPred, groups);
        return Math.abs(r[0].selectionRate - r[1].selectionRate);
      },
    },
    expectMessage: /first two groups/,
  },
  // simpsons-paradox
  {
    exercise: "simpsons-paradox",
    mistake: "overall rate as the plain mean of the department rates",
    impl: {
      admissionRates: (records) => {
        const r = solution.admissionRates(records);
        const depts = Object.values(r.byDept);
        for (const g of Object.keys(r.overall))
          r.overall[g] = depts.reduce((s, d) => s + d[g], 0) / depts.length;
        return r;
      },
    },
    expectMessage: /plain average of the six department rates/,
  },
  {
    exercise: "simpsons-paradox",
    mistake: "counting records instead of summing counts",
    impl: {
      admissionRates: (records) =>
        solution.admissionRates(records.map((r) => ({ ...r, count: 1 }))),
    },
    expectMessage: /counted records/,
  },
  // train-and-audit
  {
    exercise: "train-and-audit",
    mistake: "fairness computed on the training set",
    impl: {
      trainAndAudit: (makeModel, train, test, cutoff = 0.5) => {
        const model = makeModel();
        model.fit(train.x, train.y);
        const scores = positiveScores(model, train.x);
        const yPred = threshold(scores, cutoff);
        return {
          accuracy: accuracyOf(train.y, yPred),
          byGroup: groupRates(train.y, yPred, train.groups),
          demographicParityDifference: demographicParityDifference(yPred, train.groups),
          demographicParityRatio: demographicParityRatio(yPred, train.groups),
          equalizedOddsDifference: equalizedOddsDifference(train.y, yPred, train.groups),
          model,
          scores: positiveScores(model, test.x),
        };
      },
    },
    expectMessage: /computed on the training set/,
  },
  {
    exercise: "train-and-audit",
    mistake: "ignores the cutoff (always 0.5)",
    impl: {
      trainAndAudit: (makeModel, train, test) =>
        solution.trainAndAudit(makeModel, train, test, 0.5),
    },
    expectMessage: /cutoff/,
  },
  // group-thresholds
  {
    exercise: "group-thresholds",
    mistake: "off by one (k-th + 1 score)",
    impl: {
      thresholdsForSelectionRate: (scores, groups, target) => {
        const out: Record<string, number> = {};
        for (const g of solution.groupNames(groups)) {
          const mine = scores.filter((_, i) => groups[i] === g).sort((a, b) => b - a);
          const k = Math.min(mine.length, Math.round(target * mine.length));
          out[g] = k === 0 ? Number.POSITIVE_INFINITY : (mine[k] ?? mine[k - 1]);
        }
        return out;
      },
    },
    expectMessage: /Off by one/,
  },
  {
    exercise: "group-thresholds",
    mistake: "one threshold for everyone",
    impl: {
      thresholdsForSelectionRate: (scores, groups, target) => {
        const one = thresholdsForSelectionRate(
          scores,
          scores.map(() => "all"),
          target,
        ).all;
        return Object.fromEntries(solution.groupNames(groups).map((g) => [g, one]));
      },
    },
    expectMessage: /one threshold for everyone/,
  },
  {
    exercise: "group-thresholds",
    mistake: "strict > in applyThresholds",
    impl: {
      applyThresholds: (scores, groups, t) => scores.map((s, i) => (s > t[groups[i]] ? 1 : 0)),
    },
    expectMessage: /≥/,
  },
  // mitigation-tradeoff
  {
    exercise: "mitigation-tradeoff",
    mistake: "thresholds tuned on the test set",
    impl: {
      mitigationTradeoff: (valid, test, targets) =>
        mitigationTradeoff(test, test, targets).map((p, k) => ({
          ...p,
          validAccuracy: accuracyOf(
            valid.y,
            applyThresholds(
              valid.scores,
              valid.groups,
              thresholdsForSelectionRate(valid.scores, valid.groups, targets[k]),
            ),
          ),
        })),
    },
    expectMessage: /tuned on the test set/,
  },
  {
    exercise: "mitigation-tradeoff",
    mistake: "test metrics reported with the default 0.5 cutoff instead of the thresholds",
    impl: {
      mitigationTradeoff: (valid, test, targets) =>
        mitigationTradeoff(valid, test, targets).map((p) => {
          const yPred = threshold(test.scores, 0.5);
          return {
            ...p,
            test: {
              accuracy: accuracyOf(test.y, yPred),
              byGroup: groupRates(test.y, yPred, test.groups),
              demographicParityDifference: demographicParityDifference(yPred, test.groups),
              demographicParityRatio: demographicParityRatio(yPred, test.groups),
              equalizedOddsDifference: equalizedOddsDifference(test.y, yPred, test.groups),
            },
          };
        }),
    },
    expectMessage: /validation thresholds to the TEST/,
  },
  // permutation-importance
  {
    exercise: "permutation-importance",
    mistake: "shuffles one working copy, never restoring the column before the next feature",
    impl: {
      permutationImportance: (predict, x, y, options) => {
        const nRepeats = options.nRepeats ?? 5;
        const random = seededRandom(options.seed);
        const baseline = accuracyOf(y, predict(x));
        const rows = x.map((_, i) => i);
        const work = x.map((row) => row.slice()); // one copy for everything
        const drops = x[0].map((_, j) =>
          Array.from({ length: nRepeats }, () => {
            const perm = shuffled(rows, random);
            const column = work.map((row) => row[j]);
            work.forEach((row, i) => {
              row[j] = column[perm[i]];
            });
            return baseline - accuracyOf(y, predict(work));
          }),
        );
        const mean = drops.map((d) => d.reduce((a, b) => a + b, 0) / d.length);
        const std = drops.map((d, j) =>
          Math.sqrt(d.reduce((a, b) => a + (b - mean[j]) ** 2, 0) / d.length),
        );
        return { baseline, drops, mean, std };
      },
    },
    expectMessage: /not restored/,
  },
  {
    exercise: "permutation-importance",
    mistake: "shuffles x itself in place",
    impl: {
      permutationImportance: (predict, x, y, options) => {
        const r = permutationImportance(predict, x, y, options);
        const column = x.map((row) => row[0]);
        x.forEach((row, i) => {
          row[0] = column[(i * 7) % x.length];
        });
        return r;
      },
    },
    expectMessage: /changed its argument x/,
  },
  {
    exercise: "permutation-importance",
    mistake: "a single repeat",
    impl: {
      permutationImportance: (predict, x, y, options) =>
        permutationImportance(predict, x, y, { ...options, nRepeats: 1 }),
    },
    expectMessage: /single repeat/i,
  },
  {
    exercise: "permutation-importance",
    mistake: "sample std (n − 1)",
    impl: {
      permutationImportance: (predict, x, y, options) => {
        const r = permutationImportance(predict, x, y, options);
        const k = r.drops[0].length;
        return { ...r, std: r.std.map((s) => s * Math.sqrt(k / (k - 1))) };
      },
    },
    expectMessage: /population std/,
  },
  // partial-dependence
  {
    exercise: "partial-dependence",
    mistake: "partial dependence on one row instead of the average",
    impl: {
      partialDependence: (predictProba1, x, feature, grid) =>
        grid.map((v) => predictProba1([x[0].map((u, j) => (j === feature ? v : u))])[0]),
    },
    expectMessage: /on one row/,
  },
  // model-card
  {
    exercise: "model-card",
    mistake: "model card with made-up numbers",
    impl: {
      modelCard: (info) =>
        modelCard({
          ...info,
          test: {
            ...info.test,
            accuracy: 0.85,
            demographicParityDifference: 0.05,
          },
        }),
    },
    expectMessage: /made-up/,
  },
  {
    exercise: "model-card",
    mistake: "missing the Limitations section",
    impl: { modelCard: (info) => modelCard(info).replace("## Limitations", "## Caveats") },
    expectMessage: /Limitations/,
  },
  {
    exercise: "model-card",
    mistake: "per-group table from the mitigated audit",
    impl: {
      modelCard: (info) =>
        modelCard({ ...info, test: { ...info.test, byGroup: info.mitigation.test.byGroup } }),
    },
    expectMessage: /per-group row/,
  },
];
