import { seededRandom, shuffled } from "../../data";
import { fail } from "../../grading/check-failure";
import {
  diagnose,
  expectClose,
  expectFiniteNumber,
  expectGridClose,
  expectThat,
  describe as show,
} from "../../grading/expect";
import { defineLab } from "../../grading/types";
import type { Classifier } from "../../ml/estimator";
import fixture from "./fixtures/20-responsible-ai.json";

type Lab = typeof import("../../../solutions/20-responsible-ai");

/*
 * Expected values come from two independent sources, never from the reference solution:
 * - src/course/labs/fixtures/20-responsible-ai.json, written at development time by
 *   datasets/_build/make_responsible_ai.py with NumPy / scikit-learn 1.2 (per-group rates from
 *   sklearn's confusion_matrix, aggregated as Fairlearn's _fairness_metrics.py defines them;
 *   partial dependence from sklearn.inspection.partial_dependence(method="brute") of a
 *   scikit-learn LogisticRegression; UCBAdmissions rates from the exported CSV);
 * - plain loops written here (rates by counting, thresholds by brute force, permutation
 *   importance replayed with the same seeded shuffles), and spy models that record which
 *   rows every fit and predict call saw.
 * Calibration: nothing is trained in a check and nothing is banded, so there are no seeds or
 * thresholds to calibrate: every check compares exact values (tolerance 1e-6). Measured on
 * 2 shared cores: the nine checks on the reference take 1–17 ms each (≈ 40 ms in all, plus
 * the grader's worker start and type check); each of the 24 known-wrong answers fails in
 * ≤ 45 ms with a message naming its mistake. The fixture agrees with these loops exactly
 * (the fairness example is integer counts; partial dependence to 1e-6 relative).
 * The notebook's model (src/ml LogisticRegression, Newton's method, 3,135 rows) fits in
 * ≈ 0.3 s and matches scikit-learn's coefficients to 1e-4 (tests/ml/logistic-regression.test.ts).
 */

const spread = (v: number[]) => Math.max(...v) - Math.min(...v);
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

interface Rates {
  n: number;
  selectionRate: number;
  tpr: number;
  fpr: number;
}

/** Per-group rates by counting (0/0 → 0). */
function ratesLoop(yTrue: number[], yPred: number[], groups: string[]): Record<string, Rates> {
  const out: Record<string, Rates> = {};
  for (const g of [...new Set(groups)].sort()) {
    const idx = groups.map((gi, i) => (gi === g ? i : -1)).filter((i) => i >= 0);
    const pos = idx.filter((i) => yTrue[i] === 1);
    const neg = idx.filter((i) => yTrue[i] !== 1);
    const share = (rows: number[]) =>
      rows.length ? rows.filter((i) => yPred[i] === 1).length / rows.length : 0;
    out[g] = { n: idx.length, selectionRate: share(idx), tpr: share(pos), fpr: share(neg) };
  }
  return out;
}

function disparityLoop(yTrue: number[], yPred: number[], groups: string[]) {
  const r = Object.values(ratesLoop(yTrue, yPred, groups));
  const sel = r.map((x) => x.selectionRate);
  return {
    dpd: spread(sel),
    dpr: Math.min(...sel) / Math.max(...sel),
    tprGap: spread(r.map((x) => x.tpr)),
    fprGap: spread(r.map((x) => x.fpr)),
    eod: Math.max(spread(r.map((x) => x.tpr)), spread(r.map((x) => x.fpr))),
  };
}

const accuracyLoop = (yTrue: number[], yPred: number[]) =>
  yTrue.filter((t, i) => t === yPred[i]).length / yTrue.length;

/** A random labelled, grouped example: three groups with different base and selection rates. */
function groupedExample(n: number, seed: number) {
  const random = seededRandom(seed);
  const names = ["g1", "g2", "g3"];
  const groups = Array.from({ length: n }, () => names[Math.floor(random() * 3)]);
  const yTrue = groups.map((g) =>
    random() < (g === "g1" ? 0.7 : g === "g2" ? 0.4 : 0.55) ? 1 : 0,
  );
  const yPred = yTrue.map((t, i) =>
    random() < (groups[i] === "g3" ? 0.6 : 0.8) ? t : random() < 0.5 ? 1 : 0,
  );
  const scores = yTrue.map((t) => Math.round((0.3 * t + 0.7 * random()) * 1000) / 1000);
  return { groups, yTrue, yPred, scores };
}

/** Fails unless `got` has exactly the keys `want` (sorted group names). */
function expectKeys(got: unknown, want: string[], what: string): Record<string, unknown> {
  if (!got || typeof got !== "object" || Array.isArray(got))
    fail({ message: `${what} should return an object keyed by group.`, got: show(got) });
  const keys = Object.keys(got as object).sort();
  expectThat(keys.join() === want.join(), {
    message: `${what} has the wrong keys.`,
    expected: want.join(", "),
    got: keys.join(", "),
    likelyCause: "One key per distinct group label (groupNames(groups)).",
  });
  return got as Record<string, unknown>;
}

/** Brute-force thresholds: the k-th largest score per group, k = round(target · n). */
function thresholdsLoop(scores: number[], groups: string[], target: number) {
  const out: Record<string, number> = {};
  for (const g of [...new Set(groups)].sort()) {
    const mine = scores.filter((_, i) => groups[i] === g);
    const k = Math.min(mine.length, Math.max(0, Math.round(target * mine.length)));
    const desc = [...mine].sort((a, b) => b - a);
    out[g] = k === 0 ? Number.POSITIVE_INFINITY : desc[k - 1];
  }
  return out;
}

/**
 * A classifier that reports on itself. Rows are [id, feature]; p(y = 1) is a fixed logistic
 * function of the feature, and every row id fit or predicted is recorded.
 */
class SpyClassifier implements Classifier {
  fitIds: number[] = [];
  predictIds: number[][] = [];
  fit(x: number[][], _y: number[]): this {
    this.fitIds = x.map((r) => r[0]);
    return this;
  }
  predictProba(x: number[][]): number[][] {
    this.predictIds.push(x.map((r) => r[0]));
    return x.map((r) => {
      const p = 1 / (1 + Math.exp(-2 * (r[1] - 0.4)));
      return [1 - p, p];
    });
  }
  predict(x: number[][]): number[] {
    return this.predictProba(x).map((p) => (p[1] >= 0.5 ? 1 : 0));
  }
}

const spyProba = (x: number[][]) => x.map((r) => 1 / (1 + Math.exp(-2 * (r[1] - 0.4))));

function spyPart(n: number, seed: number, firstId: number) {
  const random = seededRandom(seed);
  const x = Array.from({ length: n }, (_, i) => [firstId + i, Math.round(random() * 100) / 100]);
  const groups = x.map((r) => (random() < (r[1] > 0.5 ? 0.35 : 0.6) ? "A" : "B"));
  const y = x.map((r) => (random() < 0.2 + 0.6 * r[1] ? 1 : 0));
  return { x, y, groups };
}

/** Permutation importance replayed: the seeded shuffles of the docstring, accuracy drops. */
function permutationLoop(
  predict: (x: number[][]) => number[],
  x: number[][],
  y: number[],
  nRepeats: number,
  seed: number,
) {
  const random = seededRandom(seed);
  const base = accuracyLoop(y, predict(x));
  const rows = x.map((_, i) => i);
  const drops: number[][] = [];
  for (let j = 0; j < x[0].length; j++) {
    drops.push([]);
    for (let r = 0; r < nRepeats; r++) {
      const perm = shuffled(rows, random);
      const xp = x.map((row, i) => row.map((v, k) => (k === j ? x[perm[i]][j] : v)));
      drops[j].push(base - accuracyLoop(y, predict(xp)));
    }
  }
  const m = drops.map(mean);
  const sd = drops.map((d, j) => Math.sqrt(mean(d.map((v) => (v - m[j]) ** 2))));
  return { base, drops, mean: m, std: sd };
}

/** A small audit object with distinctive numbers, for the model-card check. */
function fakeAudit(seed: number) {
  const random = seededRandom(seed);
  const r = () => Math.round(random() * 1e6) / 1e6;
  return {
    accuracy: r(),
    byGroup: {
      Black: { n: 200 + seed, selectionRate: r(), tpr: r(), fpr: r() },
      White: { n: 700 + seed, selectionRate: r(), tpr: r(), fpr: r() },
    },
    demographicParityDifference: r(),
    demographicParityRatio: r(),
    equalizedOddsDifference: r(),
  };
}

export const responsibleAiLab = defineLab<Lab>({
  id: "20-responsible-ai",
  title: "Responsible AI",
  summary:
    "Audit a model for fairness (selection rates, demographic parity, equalized odds) on real arrest data, see Simpson's paradox, mitigate with per-group thresholds, explain with permutation importance and partial dependence, and write a model card.",
  exercises: [
    {
      id: "group-rates",
      title: "Per-group selection rate, TPR and FPR",
      points: 2,
      exports: ["groupRates"],
      hints: [
        "Split the rows by group. Within a group, three shares: of all its rows, of its truly positive rows, of its truly negative rows. Which share of each is it?",
        "selectionRate = predicted 1 / n (predictions, not labels); tpr = predicted 1 among yTrue = 1; fpr = predicted 1 among yTrue = 0; 0/0 → 0.",
        "Loop over groupNames(groups); for each group count six things in one pass over the rows: n, predicted-1, true positives (yTrue 1), of those predicted 1, true negatives (yTrue 0), of those predicted 1. Guard each division by zero.",
      ],
      check: (lab) => {
        const f = fixture.fairness;
        const got = expectKeys(
          lab.groupRates(f.yTrue, f.yPred, f.groups),
          ["a", "b", "c"],
          "groupRates",
        );
        for (const [g, want] of Object.entries(f.perGroup)) {
          const r = got[g] as Partial<Rates> | undefined;
          expectClose(r?.n, want.n, {
            what: `groupRates(...).${g}.n`,
            likelyCause: "n is the number of rows of the group.",
          });
          const sel = expectFiniteNumber(r?.selectionRate, {
            what: `groupRates(...).${g}.selectionRate`,
          });
          expectClose(sel, want.selectionRate, {
            what: `selection rate of group ${g} (fixture computed with scikit-learn)`,
            likelyCause:
              diagnose(sel, [
                {
                  value: want.baseRate,
                  cause:
                    "That is the group's base rate (share of LABELS equal to 1): the selection rate is the share of PREDICTIONS equal to 1.",
                },
              ]) ??
              "selectionRate = rows of the group with yPred = 1, divided by the group's size.",
          });
          const tpr = expectFiniteNumber(r?.tpr, { what: `groupRates(...).${g}.tpr` });
          expectClose(tpr, want.tpr, {
            what: `TPR of group ${g} (fixture computed with scikit-learn)`,
            likelyCause:
              Math.abs(tpr - want.fpr) < 1e-9
                ? "TPR and FPR are swapped: TPR is among the rows with yTrue = 1."
                : "tpr = (yTrue 1 and yPred 1) / (yTrue 1), within the group.",
          });
          expectClose(r?.fpr, want.fpr, {
            what: `FPR of group ${g} (fixture computed with scikit-learn)`,
            likelyCause: "fpr = (yTrue 0 and yPred 1) / (yTrue 0), within the group.",
          });
        }
        const ex = groupedExample(90, 3);
        const want = ratesLoop(ex.yTrue, ex.yPred, ex.groups);
        const got2 = expectKeys(
          lab.groupRates(ex.yTrue, ex.yPred, ex.groups),
          ["g1", "g2", "g3"],
          "groupRates on 90 rows",
        );
        for (const g of Object.keys(want)) {
          const r = got2[g] as Rates;
          expectGridClose(
            [r.selectionRate, r.tpr, r.fpr],
            [want[g].selectionRate, want[g].tpr, want[g].fpr],
            {
              what: `[selectionRate, tpr, fpr] of ${g} on 90 rows`,
            },
          );
        }
        const none = lab.groupRates([0, 0, 1], [0, 1, 1], ["x", "x", "y"]);
        expectClose((none?.x as Rates | undefined)?.tpr, 0, {
          what: "tpr of a group with no positive rows (0/0)",
          likelyCause: "0/0 counts as 0, not NaN.",
        });
        expectClose((none?.y as Rates | undefined)?.fpr, 0, {
          what: "fpr of a group with no negative rows (0/0)",
          likelyCause: "0/0 counts as 0, not NaN.",
        });
      },
    },
    {
      id: "disparity-metrics",
      title: "Demographic parity and equalized odds",
      points: 3,
      exports: ["demographicParityDifference", "demographicParityRatio", "equalizedOddsDifference"],
      hints: [
        "Each metric summarises one per-group rate over ALL groups. Which rate does each use, and do you subtract or divide?",
        "Difference = max − min of the selection rates; ratio = min / max (1 = parity, never above 1); equalized odds = the larger of the TPR spread and the FPR spread.",
        "Reuse groupRates: take Object.values(...), map to the rate you need, then Math.max(...v) − Math.min(...v). Equalized odds needs BOTH spreads (TPR and FPR) and keeps the worse one, like Fairlearn's agg='worst_case'. With three groups, compare the extreme groups, not the first two.",
      ],
      check: (lab) => {
        const f = fixture.fairness;
        const dpd = expectFiniteNumber(lab.demographicParityDifference(f.yPred, f.groups), {
          what: "demographicParityDifference",
        });
        const sel = Object.values(f.perGroup).map((g) => g.selectionRate);
        expectClose(dpd, f.demographicParityDifference, {
          what: "demographicParityDifference on 3 groups (fixture)",
          likelyCause:
            diagnose(dpd, [
              {
                value: Math.abs(sel[0] - sel[1]),
                cause: "Only the first two groups were compared: use max − min over ALL groups.",
              },
              {
                value: -f.demographicParityDifference,
                cause: "The sign is flipped: largest minus smallest.",
              },
            ]) ?? "max − min of the group selection rates.",
        });
        const dpr = expectFiniteNumber(lab.demographicParityRatio(f.yPred, f.groups), {
          what: "demographicParityRatio",
        });
        expectClose(dpr, f.demographicParityRatio, {
          what: "demographicParityRatio on 3 groups (fixture)",
          likelyCause:
            diagnose(dpr, [
              {
                value: 1 / f.demographicParityRatio,
                cause:
                  "The ratio is computed as max/min: Fairlearn's demographic_parity_ratio is min/max (smallest over largest), so it lies in [0, 1].",
              },
              {
                value: sel[0] / sel[1],
                cause: "Only two groups were compared: min / max over ALL groups.",
              },
            ]) ?? "smallest selection rate divided by the largest.",
        });
        const eod = expectFiniteNumber(lab.equalizedOddsDifference(f.yTrue, f.yPred, f.groups), {
          what: "equalizedOddsDifference",
        });
        expectClose(eod, f.equalizedOddsDifference, {
          what: "equalizedOddsDifference on 3 groups (fixture)",
          likelyCause:
            diagnose(eod, [
              {
                value: f.truePositiveRateDifference,
                cause:
                  "Equalized odds computed with only the TPR gap (that is equal opportunity): it is the LARGER of the TPR gap and the FPR gap.",
              },
              {
                value: (f.truePositiveRateDifference + f.falsePositiveRateDifference) / 2,
                cause:
                  "That is the mean of the two gaps (Fairlearn's agg='mean'): use the worst case, the larger of the TPR gap and the FPR gap.",
              },
              {
                value: f.truePositiveRateDifference + f.falsePositiveRateDifference,
                cause: "The two gaps were added: take the larger of the TPR gap and the FPR gap.",
              },
            ]) ?? "max(TPR max − min, FPR max − min).",
        });
        for (const seed of [5, 6, 7]) {
          const ex = groupedExample(120, seed);
          const want = disparityLoop(ex.yTrue, ex.yPred, ex.groups);
          expectClose(lab.demographicParityDifference(ex.yPred, ex.groups), want.dpd, {
            what: `demographicParityDifference on 120 random rows (seed ${seed})`,
          });
          expectClose(lab.demographicParityRatio(ex.yPred, ex.groups), want.dpr, {
            what: `demographicParityRatio on 120 random rows (seed ${seed})`,
          });
          const e = lab.equalizedOddsDifference(ex.yTrue, ex.yPred, ex.groups);
          expectClose(e, want.eod, {
            what: `equalizedOddsDifference on 120 random rows (seed ${seed})`,
            likelyCause: diagnose(e, [
              {
                value: want.tprGap,
                cause:
                  "Equalized odds uses only the TPR gap here: it must be the larger of the TPR gap and the FPR gap.",
              },
              {
                value: want.fprGap,
                cause: "Only the FPR gap was used: take the larger of the TPR gap and the FPR gap.",
              },
            ]),
          });
        }
        expectClose(lab.demographicParityRatio([1, 1, 1, 1], ["a", "a", "b", "b"]), 1, {
          what: "demographicParityRatio when every group has the same selection rate",
          likelyCause: "Equal rates give min / max = 1.",
        });
      },
    },
    {
      id: "simpsons-paradox",
      title: "Simpson's paradox (UCBAdmissions)",
      points: 2,
      exports: ["admissionRates"],
      hints: [
        "A rate is admitted applicants over all applicants. Each record already holds a count: what do you add up?",
        "overall[g] = Σ count of Admitted cells of g / Σ count of all cells of g; byDept[d][g] = the same restricted to department d.",
        "Write one helper rate(rows) = (sum of count where admit === 'Admitted') / (sum of count). Then overall: filter by gender; byDept: filter by dept AND gender. Sum the counts: do not count records, and do not average the six department rates to get the overall one (that ignores how many applied where, which is the whole paradox).",
      ],
      check: (lab) => {
        const u = fixture.ucbAdmissions;
        const records: { admit: string; gender: string; dept: string; count: number }[] = [];
        // The 24 cells of datasets/tabular/ucb_admissions.csv (R's UCBAdmissions).
        const cells: [string, number, number, number, number][] = [
          ["A", 512, 313, 89, 19],
          ["B", 353, 207, 17, 8],
          ["C", 120, 205, 202, 391],
          ["D", 138, 279, 131, 244],
          ["E", 53, 138, 94, 299],
          ["F", 22, 351, 24, 317],
        ];
        for (const [dept, ma, mr, fa, fr] of cells) {
          records.push({ admit: "Admitted", gender: "Male", dept, count: ma });
          records.push({ admit: "Rejected", gender: "Male", dept, count: mr });
          records.push({ admit: "Admitted", gender: "Female", dept, count: fa });
          records.push({ admit: "Rejected", gender: "Female", dept, count: fr });
        }
        const got = lab.admissionRates(records);
        if (!got || typeof got !== "object" || !got.overall || !got.byDept)
          fail({ message: "admissionRates should return { overall, byDept }.", got: show(got) });
        for (const g of ["Male", "Female"] as const) {
          const v = expectFiniteNumber(got.overall[g], { what: `overall.${g}` });
          const deptMean = mean(Object.values(u.byDept).map((d) => d[g]));
          expectClose(v, u.overall[g], {
            what: `overall admission rate of ${g} applicants (fixture: ${u.overall[g].toFixed(4)})`,
            likelyCause:
              diagnose(v, [
                {
                  value: deptMean,
                  cause:
                    "That is the plain average of the six department rates: sum the admitted counts and divide by the summed applicants (departments got very different numbers of applicants).",
                },
                {
                  value: 0.5,
                  cause: "You counted records (cells) instead of summing their `count`.",
                },
              ]) ?? "Σ admitted count / Σ count over all departments.",
          });
        }
        for (const [dept, want] of Object.entries(u.byDept)) {
          const d = got.byDept[dept];
          expectGridClose([d?.Male, d?.Female], [want.Male, want.Female], {
            what: `byDept.${dept} [Male, Female]`,
            likelyCause: "Within one department: admitted count / all applicants of that gender.",
          });
        }
        // A second table: the paradox with other names and an empty cell.
        const small = [
          { admit: "Admitted", gender: "x", dept: "P", count: 8 },
          { admit: "Rejected", gender: "x", dept: "P", count: 2 },
          { admit: "Admitted", gender: "y", dept: "P", count: 90 },
          { admit: "Rejected", gender: "y", dept: "P", count: 10 },
          { admit: "Admitted", gender: "x", dept: "Q", count: 30 },
          { admit: "Rejected", gender: "x", dept: "Q", count: 70 },
          { admit: "Admitted", gender: "y", dept: "Q", count: 2 },
          { admit: "Rejected", gender: "y", dept: "Q", count: 8 },
          { admit: "Admitted", gender: "x", dept: "R", count: 1 },
          { admit: "Rejected", gender: "x", dept: "R", count: 1 },
          { admit: "Admitted", gender: "y", dept: "R", count: 0 },
          { admit: "Rejected", gender: "y", dept: "R", count: 0 },
        ].reverse();
        const s = lab.admissionRates(small);
        expectThat(
          Object.keys(s?.overall ?? {}).join() === "x,y" &&
            Object.keys(s?.byDept ?? {}).join() === "P,Q,R",
          {
            message: "admissionRates should list genders and departments in sorted order.",
            expected: "overall keys x, y; byDept keys P, Q, R",
            got: `overall keys ${Object.keys(s?.overall ?? {}).join(", ")}; byDept keys ${Object.keys(s?.byDept ?? {}).join(", ")}`,
            likelyCause:
              "Collect the distinct names with a Set and sort them before building the objects.",
          },
        );
        expectClose(s.byDept.R?.y, 0, {
          what: "byDept.R.y, a department nobody of gender y applied to (0/0)",
          likelyCause: "A rate with no applicants counts as 0, not NaN.",
        });
        expectGridClose([s?.overall?.x, s?.overall?.y], [39 / 112, 92 / 110], {
          what: "overall rates of a second table (genders x, y; departments P, Q)",
          likelyCause:
            "Use the gender and department names found in the records, and sum the counts.",
        });
        expectGridClose([s.byDept.Q?.x, s.byDept.Q?.y], [0.3, 0.2], {
          what: "byDept.Q of the second table",
        });
      },
    },
    {
      id: "train-and-audit",
      title: "Train on train, audit on test",
      points: 2,
      exports: ["trainAndAudit"],
      hints: [
        "Two parts come in. Which may the model learn from, and which tells you how it treats people it has never seen?",
        "Fit a fresh makeModel() on train; scores = positiveScores(model, test.x); yPred = threshold(scores, cutoff); every metric uses test.y, yPred and test.groups.",
        "A common mistake is to audit the rows the model was trained on: its behaviour there is optimistic and says little about new people. Predict test.x exactly once, then build the result from accuracyOf, groupRates, demographicParityDifference, demographicParityRatio and equalizedOddsDifference on the test rows, and return the model and the scores too.",
      ],
      check: (lab) => {
        const train = spyPart(120, 1, 0);
        const test = spyPart(60, 2, 1000);
        const models: SpyClassifier[] = [];
        const got = lab.trainAndAudit(
          () => {
            const m = new SpyClassifier();
            models.push(m);
            return m;
          },
          train,
          test,
          0.55,
        );
        if (!got || typeof got !== "object")
          fail({ message: "trainAndAudit should return an audit object.", got: show(got) });
        expectThat(models.length === 1, {
          message: `trainAndAudit should build one model with makeModel() (it built ${models.length}).`,
        });
        const m = models[0];
        expectThat(m.fitIds.length === train.x.length && m.fitIds.every((id) => id < 1000), {
          message: "The model must be fitted on the training rows only.",
          got: `fitted on ${m.fitIds.length} rows, ${m.fitIds.filter((id) => id >= 1000).length} of them test rows`,
          likelyCause: "model.fit(train.x, train.y).",
        });
        const predicted = m.predictIds.flat();
        const onTrain = predicted.filter((id) => id < 1000).length;
        expectThat(onTrain === 0, {
          message: `Fairness was computed on the training set: ${onTrain} training rows were predicted for the audit.`,
          likelyCause:
            "Audit the TEST rows: positiveScores(model, test.x). The training rows say how the model fits what it memorised, not how it treats new people.",
        });
        expectThat(predicted.length === test.x.length, {
          message: "The test rows should be predicted exactly once.",
          got: `${predicted.length} rows predicted`,
        });
        const scores = spyProba(test.x);
        const yPred = scores.map((s) => (s >= 0.55 ? 1 : 0));
        expectGridClose(got.scores, scores, {
          what: "the returned test scores (p(y = 1) of each test row)",
        });
        expectClose(got.accuracy, accuracyLoop(test.y, yPred), {
          what: "accuracy on the test rows at cutoff 0.55",
          likelyCause:
            diagnose(got.accuracy, [
              {
                value: accuracyLoop(
                  test.y,
                  scores.map((s) => (s >= 0.5 ? 1 : 0)),
                ),
                cause: "Use the `cutoff` argument, not 0.5.",
              },
            ]) ?? "accuracyOf(test.y, threshold(scores, cutoff)).",
        });
        const want = disparityLoop(test.y, yPred, test.groups);
        const rates = ratesLoop(test.y, yPred, test.groups);
        const byGroup = expectKeys(got.byGroup, ["A", "B"], "trainAndAudit(...).byGroup");
        for (const g of ["A", "B"]) {
          const r = byGroup[g] as Rates;
          expectGridClose(
            [r?.selectionRate, r?.tpr, r?.fpr],
            [rates[g].selectionRate, rates[g].tpr, rates[g].fpr],
            {
              what: `byGroup.${g} [selectionRate, tpr, fpr] on the test rows`,
              likelyCause: "groupRates(test.y, yPred, test.groups).",
            },
          );
        }
        expectGridClose(
          [
            got.demographicParityDifference,
            got.demographicParityRatio,
            got.equalizedOddsDifference,
          ],
          [want.dpd, want.dpr, want.eod],
          {
            what: "[demographicParityDifference, demographicParityRatio, equalizedOddsDifference] on the test rows",
            likelyCause: "Compute them from the TEST predictions and test.groups.",
          },
        );
        expectThat(got.model === (m as unknown), {
          message: "Return the fitted model as `model`.",
        });
      },
    },
    {
      id: "group-thresholds",
      title: "Per-group thresholds",
      points: 2,
      exports: ["thresholdsForSelectionRate", "applyThresholds"],
      hints: [
        "To select a share t of a group, rank its rows by score. Which score must the threshold equal so that exactly the top k pass 'score ≥ threshold'?",
        "k = round(target · n_g), clamped to 0 … n_g; sort the group's scores descending; threshold = sorted[k − 1] (Infinity when k = 0). applyThresholds compares each score with its own group's threshold.",
        "Per group: collect its scores, sort a COPY with (a, b) => b − a (not the default text sort, and not in place on the caller's array), pick index k − 1. In applyThresholds, look up thresholds[groups[i]] for row i and use ≥ so the k-th row itself is selected.",
      ],
      check: (lab) => {
        for (const [seed, target] of [
          [11, 0.5],
          [12, 0.8],
          [13, 0.25],
        ] as const) {
          const ex = groupedExample(150, seed);
          const want = thresholdsLoop(ex.scores, ex.groups, target);
          const got = expectKeys(
            lab.thresholdsForSelectionRate(ex.scores, ex.groups, target),
            ["g1", "g2", "g3"],
            "thresholdsForSelectionRate",
          );
          for (const g of Object.keys(want)) {
            const v = got[g] as number;
            const mine = ex.scores.filter((_, i) => ex.groups[i] === g).sort((a, b) => b - a);
            const k = Math.round(target * mine.length);
            expectClose(v, want[g], {
              what: `threshold of ${g} for target ${target} (${mine.length} rows, k = ${k})`,
              likelyCause: diagnose(v, [
                {
                  value: mine[k],
                  cause:
                    "Off by one: the threshold is the k-th largest score, index k − 1 of the descending list.",
                },
                {
                  value: [...mine].reverse()[k - 1],
                  cause: "Sort DESCENDING: the selected rows are the highest scores.",
                },
                {
                  value: thresholdsLoop(
                    ex.scores,
                    ex.scores.map(() => "all"),
                    target,
                  ).all,
                  cause:
                    "That is one threshold for everyone: choose one per group, from that group's scores only.",
                },
              ]),
            });
          }
          const yPred = lab.applyThresholds(ex.scores, ex.groups, want);
          const wantPred = ex.scores.map((s, i) => (s >= want[ex.groups[i]] ? 1 : 0));
          expectThat(
            Array.isArray(yPred) &&
              yPred.length === wantPred.length &&
              yPred.every((v, i) => v === wantPred[i]),
            {
              message: "applyThresholds gave the wrong predictions.",
              likelyCause: yPred?.filter?.(
                (v, i) => v !== wantPred[i] && ex.scores[i] === want[ex.groups[i]],
              ).length
                ? "A score equal to its group's threshold is selected: use ≥, not >."
                : "ŷᵢ = 1 when scores[i] ≥ thresholds[groups[i]] (each row's OWN group).",
            },
          );
        }
        const doc = lab.thresholdsForSelectionRate(
          [0.9, 0.8, 0.3, 0.6, 0.2],
          ["a", "a", "a", "b", "b"],
          0.5,
        );
        expectGridClose([doc?.a, doc?.b], [0.8, 0.6], {
          what: "thresholdsForSelectionRate on the docstring example",
        });
        const none = lab.thresholdsForSelectionRate([0.4, 0.9], ["a", "a"], 0.1);
        expectThat(none?.a === Number.POSITIVE_INFINITY, {
          message:
            "With target · n rounding to 0, nobody should be selected: the threshold is Infinity.",
          got: show(none?.a),
        });
        const all = lab.thresholdsForSelectionRate([0.4, 0.9], ["a", "a"], 1);
        expectClose(all?.a, 0.4, { what: "threshold for target 1 (everyone selected)" });
      },
    },
    {
      id: "mitigation-tradeoff",
      title: "Mitigation on validation, reported on test",
      points: 2,
      exports: ["mitigationTradeoff"],
      hints: [
        "For every target: where do the thresholds come from, and where are they only reported?",
        "thresholds = thresholdsForSelectionRate(valid.scores, valid.groups, target); apply the SAME thresholds to the validation rows (validAccuracy) and to the test rows (test audit).",
        "Choosing thresholds on the test rows makes the test numbers optimistic, exactly like tuning a hyperparameter on the test set. Keep one loop over targets; inside, compute thresholds from valid only, then applyThresholds twice, then the audit fields (accuracy, byGroup, three disparity metrics) on the test predictions.",
      ],
      check: (lab) => {
        const v = groupedExample(200, 21);
        const t = groupedExample(160, 22);
        const valid = { scores: v.scores, y: v.yTrue, groups: v.groups };
        const test = { scores: t.scores, y: t.yTrue, groups: t.groups };
        const targets = [0.3, 0.5, 0.7];
        const got = lab.mitigationTradeoff(valid, test, targets);
        expectThat(Array.isArray(got) && got.length === targets.length, {
          message: `mitigationTradeoff should return one point per target (${targets.length}).`,
          got: show(got),
        });
        targets.forEach((target, k) => {
          const p = got[k];
          const want = thresholdsLoop(v.scores, v.groups, target);
          const onTest = thresholdsLoop(t.scores, t.groups, target);
          const th = expectKeys(p?.thresholds, ["g1", "g2", "g3"], `point ${k}'s thresholds`);
          const same = (a: Record<string, unknown>, b: Record<string, number>) =>
            Object.keys(b).every((g) => Math.abs((a[g] as number) - b[g]) < 1e-12);
          expectThat(!same(th, onTest) || same(th, want), {
            message: `A threshold was tuned on the test set (target ${target}): the thresholds match the TEST scores.`,
            likelyCause:
              "Choose thresholds on the validation rows only (valid.scores, valid.groups); the test rows only report.",
          });
          expectThat(same(th, want), {
            message: `The thresholds for target ${target} are not those of the validation rows.`,
            expected: JSON.stringify(want),
            got: JSON.stringify(th),
            likelyCause: "thresholdsForSelectionRate(valid.scores, valid.groups, target).",
          });
          expectClose(p.target, target, { what: `point ${k}'s target` });
          const vPred = v.scores.map((s, i) => (s >= want[v.groups[i]] ? 1 : 0));
          expectClose(p.validAccuracy, accuracyLoop(v.yTrue, vPred), {
            what: `validAccuracy for target ${target}`,
          });
          const tPred = t.scores.map((s, i) => (s >= want[t.groups[i]] ? 1 : 0));
          const d = disparityLoop(t.yTrue, tPred, t.groups);
          const a = p.test;
          expectGridClose(
            [
              a?.accuracy,
              a?.demographicParityDifference,
              a?.demographicParityRatio,
              a?.equalizedOddsDifference,
            ],
            [accuracyLoop(t.yTrue, tPred), d.dpd, d.dpr, d.eod],
            {
              what: `test [accuracy, DP difference, DP ratio, EO difference] for target ${target}`,
              likelyCause:
                "Apply the validation thresholds to the TEST scores and audit those predictions.",
            },
          );
          expectKeys(a.byGroup, ["g1", "g2", "g3"], `point ${k}'s test.byGroup`);
        });
      },
    },
    {
      id: "permutation-importance",
      title: "Permutation importance",
      points: 2,
      exports: ["permutationImportance"],
      hints: [
        "Shuffle one column, keep the others, and see how much the score falls. How do you make it repeatable, and why repeat it?",
        "One generator seededRandom(seed) for everything; for j, for r: perm = shuffled(rows, random); copy x with column j taken from row perm[i]; drop = baseline − accuracy. nRepeats defaults to 5; std divides by nRepeats.",
        "Build xPerm as a NEW array of copied rows (row.slice()), so x is unchanged when the next feature is shuffled — shuffling x in place leaves column j scrambled for every later feature. Loop features outside, repeats inside, drawing each permutation from the same generator in that order. mean and std (population) per feature.",
      ],
      check: (lab) => {
        // A tiny deterministic model: class 1 when x0 > 0.5; x1 matters a little; x2 never.
        const random = seededRandom(31);
        const x = Array.from({ length: 40 }, () =>
          [random(), random(), random()].map((v) => Math.round(v * 100) / 100),
        );
        const predict = (rows: number[][]) => rows.map((r) => (r[0] + 0.2 * r[1] > 0.6 ? 1 : 0));
        const y = x.map((r, i) => (i % 7 === 0 ? 1 - predict([r])[0] : predict([r])[0]));
        const xCopy = x.map((r) => r.slice());
        const want = permutationLoop(predict, x, y, 5, 9);
        const got = lab.permutationImportance(predict, x, y, { seed: 9 });
        if (!got || typeof got !== "object" || !Array.isArray(got.drops))
          fail({
            message: "permutationImportance should return { baseline, drops, mean, std }.",
            got: show(got),
          });
        expectThat(
          x.every((r, i) => r.every((v, j) => v === xCopy[i][j])),
          {
            message: "permutationImportance changed x: a shuffled column was not restored.",
            likelyCause:
              "Shuffle a COPY of the rows (row.slice()), or put the original column back after each repeat, so the next feature starts from the real data.",
          },
        );
        expectClose(got.baseline, want.base, {
          what: "baseline accuracy",
          likelyCause: "accuracyOf(y, predict(x)) before any shuffling.",
        });
        expectThat(
          got.drops.length === 3 && got.drops.every((d) => Array.isArray(d) && d.length === 5),
          {
            message: "drops should have one list per feature with nRepeats = 5 entries by default.",
            got: `${got.drops.length} lists of lengths ${got.drops.map((d) => d?.length).join(", ")}`,
            likelyCause: got.drops.every((d) => d?.length === 1)
              ? "A single repeat: one shuffle is noisy; the default is 5 repeats (scikit-learn's n_repeats=5)."
              : "Default nRepeats to 5.",
          },
        );
        expectGridClose(got.drops, want.drops, {
          what: "drops[j][r] (seed 9; features outer, repeats inner, one generator)",
          likelyCause:
            Math.abs(got.mean[2]) > 1e-12
              ? "Feature 2 is never used by the model, so its drops must be 0: was an earlier column left shuffled (not restored)?"
              : "Create seededRandom(seed) once; for each feature j, for each repeat: perm = shuffled(rows, random); drop = baseline − accuracy.",
        });
        expectGridClose(got.mean, want.mean, { what: "mean drop per feature" });
        const sample = want.drops.map((d, j) =>
          Math.sqrt(d.reduce((s, v) => s + (v - want.mean[j]) ** 2, 0) / 4),
        );
        expectGridClose(got.std, want.std, {
          what: "std of the drops per feature (population)",
          likelyCause: got.std.every((s, j) => Math.abs(s - sample[j]) < 1e-9)
            ? "Divide by nRepeats (population std, as NumPy and scikit-learn), not nRepeats − 1."
            : "std = √(mean of (drop − mean)²).",
        });
        const three = lab.permutationImportance(predict, x, y, { seed: 4, nRepeats: 3 });
        expectGridClose(three?.drops, permutationLoop(predict, x, y, 3, 4).drops, {
          what: "drops with nRepeats = 3 and seed 4",
          likelyCause: "Use the nRepeats and seed you are given.",
        });
      },
    },
    {
      id: "partial-dependence",
      title: "Partial dependence",
      points: 1,
      exports: ["partialDependence"],
      hints: [
        "For one grid value, what happens to every row, and what do you do with the predictions?",
        "For each v: copy every row with feature set to v, predict them all, average. One number per grid value.",
        "Average over ALL rows (the whole x), not a single example row — one row gives an individual conditional expectation (ICE) curve, not the partial dependence. Copy rows (row.slice()) before setting the feature so x is unchanged.",
      ],
      check: (lab) => {
        const p = fixture.partialDependence;
        const proba = (rows: number[][]) =>
          rows.map(
            (r) => 1 / (1 + Math.exp(-(p.intercept + r.reduce((s, v, j) => s + v * p.coef[j], 0)))),
          );
        const got = lab.partialDependence(proba, p.x, p.feature, p.grid);
        const oneRow = p.grid.map(
          (v) => proba([p.x[0].map((u, j) => (j === p.feature ? v : u))])[0],
        );
        expectGridClose(got, p.average, {
          what: "partialDependence of a logistic regression (fixture: sklearn.inspection.partial_dependence, method 'brute')",
          likelyCause:
            Array.isArray(got) && got.every((g, i) => Math.abs(g - oneRow[i]) < 1e-9)
              ? "Partial dependence on one row: average the prediction over ALL rows of x for each grid value."
              : "For each grid value: set the feature in every row (a copy), predict, and average.",
        });
        expectGridClose(
          lab.partialDependence(
            (rows) => rows.map((r) => r[0] * r[1]),
            [
              [1, 2],
              [3, 4],
            ],
            0,
            [0, 1],
          ),
          [0, 3],
          {
            what: "partialDependence on the docstring example",
          },
        );
      },
    },
    {
      id: "model-card",
      title: "A generated model card",
      points: 2,
      exports: ["modelCard"],
      hints: [
        "A model card is a short, honest document. List its sections first; then, for each number, ask where it comes from.",
        "The line '# Model card: <name>', then seven '## ' headings on lines of their own, in the order given; the per-group table with its header and |---| separator; every number through fmt(...) from info (test metrics, per-group table rows, mitigation metrics); one '- ' bullet per limitation.",
        "Build an array of lines and join with '\\n'. Write a small helper for the four metric lines and call it for info.test and info.mitigation.test; map Object.entries(info.test.byGroup) to '| group | n | … |' rows. Never type a number into the text: the check builds two cards from different numbers and looks for each one.",
      ],
      check: (lab) => {
        const headings = [
          "## Model details",
          "## Intended use",
          "## Data",
          "## Metrics",
          "## Per-group metrics",
          "## Mitigation",
          "## Limitations",
        ];
        const f3 = (v: number) => v.toFixed(3);
        for (const seed of [1, 2]) {
          const info = {
            name: `release model v${seed}`,
            intendedUse: `Teaching fairness audits (case ${seed}).`,
            outOfScope: ["Decisions about real people", `Anything else ${seed}`],
            data: {
              source: "carData::Arrests",
              trainRows: 3000 + seed,
              testRows: 1000 + seed,
              label: "released with a summons",
            },
            test: fakeAudit(seed),
            groupAttribute: "colour",
            limitations: [`Labels are past police decisions (${seed})`, "Two groups only"],
            mitigation: { description: `Per-group thresholds ${seed}`, test: fakeAudit(seed + 10) },
          };
          const card = lab.modelCard(info);
          expectThat(typeof card === "string" && card.length > 0, {
            message: "modelCard should return a markdown string.",
            got: show(card),
          });
          const lines = card.split("\n");
          expectThat(lines[0] === `# Model card: ${info.name}`, {
            message: 'The model card should start with the line "# Model card: <name>".',
            got: show(lines[0]),
          });
          let at = -1;
          for (const h of headings) {
            expectThat(lines.includes(h), {
              message: `"${h}" must be a line of its own (a markdown heading starts a line).`,
              likelyCause: 'Join the lines with "\\n".',
            });
            const i = card.indexOf(h);
            expectThat(i >= 0, {
              message: `The model card has no "${h}" section.`,
              likelyCause: "Use the seven level-2 headings exactly as listed.",
            });
            expectThat(i > at, {
              message: `"${h}" is out of order.`,
              likelyCause: `Order: ${headings.join(", ")}.`,
            });
            at = i;
          }
          const section = (h: string) => {
            const start = card.indexOf(h);
            const next = headings.map((x) => card.indexOf(x)).filter((i) => i > start);
            return card.slice(start, next.length ? Math.min(...next) : undefined);
          };
          const need = (h: string, values: (string | number)[], what: string) => {
            const text = section(h);
            for (const v of values) {
              const s = typeof v === "number" ? f3(v) : v;
              expectThat(text.includes(s), {
                message: `The "${h}" section does not show ${what} (${s}): its numbers must come from info.`,
                likelyCause:
                  "A model card with made-up (typed-in) numbers misleads its readers: write fmt(value) of the value in info.",
              });
            }
          };
          const metrics = (a: ReturnType<typeof fakeAudit>) => [
            a.accuracy,
            a.demographicParityDifference,
            a.demographicParityRatio,
            a.equalizedOddsDifference,
          ];
          need(
            "## Model details",
            [info.name, info.groupAttribute],
            "the model's name and the group attribute",
          );
          need(
            "## Intended use",
            [info.intendedUse, ...info.outOfScope],
            "the intended use and out-of-scope uses",
          );
          need("## Intended use", ["Out of scope"], 'the "Out of scope" list');
          need("## Metrics", ["On the test rows"], 'that the metrics are "On the test rows"');
          const tableLines = section("## Per-group metrics").split("\n");
          const header = tableLines.findIndex(
            (l) => l.trim() === "| group | n | selection rate | TPR | FPR |",
          );
          expectThat(
            header > 0 &&
              tableLines[header - 1].trim() === "" &&
              /^\|(\s*:?-+:?\s*\|){5}$/.test(tableLines[header + 1]?.trim() ?? ""),
            {
              message:
                "The per-group table needs a blank line, the header | group | n | selection rate | TPR | FPR |, then the separator |---|---|---|---|---|.",
              likelyCause:
                "Without the separator line (and the blank line before the table) markdown shows the rows as plain text.",
            },
          );
          need(
            "## Data",
            [
              info.data.source,
              String(info.data.trainRows),
              String(info.data.testRows),
              info.data.label,
            ],
            "the data source, row counts and label",
          );
          need("## Metrics", metrics(info.test), "the test metrics");
          need(
            "## Mitigation",
            [info.mitigation.description, ...metrics(info.mitigation.test)],
            "the mitigated test metrics",
          );
          for (const [g, r] of Object.entries(info.test.byGroup)) {
            const row = section("## Per-group metrics")
              .split("\n")
              .find((l) => l.includes(`| ${g} |`));
            expectThat(!!row, {
              message: `The per-group table has no row for ${g}.`,
              likelyCause: "One table row per group: | group | n | selection rate | TPR | FPR |.",
            });
            for (const v of [String(r.n), f3(r.selectionRate), f3(r.tpr), f3(r.fpr)])
              expectThat(row!.includes(v), {
                message: `The per-group row of ${g} does not show ${v}: made-up or misplaced numbers.`,
                likelyCause:
                  "Each row: the group's n, then fmt of its selectionRate, tpr and fpr, from info.test.byGroup.",
              });
          }
          const lim = section("## Limitations");
          for (const l of info.limitations)
            expectThat(lim.includes(`- ${l}`), {
              message: `The limitation "${l}" is not a "- " bullet under Limitations.`,
            });
        }
      },
    },
  ],
});
