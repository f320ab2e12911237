import * as solution from "../../solutions/08-support-vector-machines";
import { StandardScaler, seededRandom } from "../../src/data";
import { accuracy } from "../../src/ml/metrics";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const { dot, hingeLosses, svmObjective, svmSubgradient, toSignedLabels, kernelMatrix, rbfKernel } =
  solution;

type LinearMistake =
  | "labels01"
  | "regularisedBias"
  | "signFlip"
  | "noShrink"
  | "unseeded"
  | "stepAfterCount"
  | "lambdaWithoutN"
  | "noShuffle"
  | "shuffleOnce"
  | "fixedEpochs"
  | "fixedLearningRate";

/** LinearSVC with one known mistake in its training loop. */
function linearSvcWith(mistake: LinearMistake): typeof solution.LinearSVC {
  return class extends solution.LinearSVC {
    override fit(x: number[][], y: number[]): this {
      this.validateFit(x, y);
      const { classes, signs } = toSignedLabels(y, "LinearSVC");
      const s = mistake === "labels01" ? y : signs;
      this.classes = classes;
      const n = x.length;
      const lambda = mistake === "lambdaWithoutN" ? 1 / this.params.C : 1 / (this.params.C * n);
      const eta0 = mistake === "fixedLearningRate" ? 0.1 : this.params.learningRate;
      const epochs = mistake === "fixedEpochs" ? 20 : this.params.epochs;
      const random = mistake === "unseeded" ? Math.random : seededRandom(this.params.seed);
      const order = Array.from({ length: n }, (_, i) => i);
      const w = new Array<number>(x[0].length).fill(0);
      let b = 0;
      let t = 0;
      for (let epoch = 0; epoch < epochs; epoch++) {
        const shuffles =
          mistake === "noShuffle" ? false : mistake === "shuffleOnce" ? epoch === 0 : true;
        for (let i = n - 1; shuffles && i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [order[i], order[j]] = [order[j], order[i]];
        }
        for (const i of order) {
          if (mistake === "stepAfterCount") t++;
          const eta = eta0 / (1 + eta0 * lambda * t);
          if (mistake !== "stepAfterCount") t++;
          const violates = s[i] * (dot(w, x[i]) + b) < 1;
          const shrink = mistake === "noShrink" ? 1 : 1 - eta * lambda;
          const sign = mistake === "signFlip" ? -1 : 1;
          for (let j = 0; j < w.length; j++)
            w[j] = shrink * w[j] + (violates ? sign * eta * s[i] * x[i][j] : 0);
          if (mistake === "regularisedBias") b *= shrink;
          if (violates) b += sign * eta * s[i];
        }
      }
      this.w = w;
      this.b = b;
      return this;
    }
  };
}

type KernelMistake =
  | "noClip"
  | "labels01"
  | "bNeverUpdated"
  | "unseeded"
  | "wrongStepSign"
  | "fixedGamma"
  | "fixedC"
  | "fixedTol"
  | "fixedMaxIter"
  | "randomPerPass"
  | "zeroEtaKept"
  | "bOnlyChecksAj";

/** KernelSVC with one known mistake in simplified SMO. */
function kernelSvcWith(mistake: KernelMistake): typeof solution.KernelSVC {
  return class extends solution.KernelSVC {
    override fit(x: number[][], y: number[]): this {
      this.validateFit(x, y);
      const { classes, signs: signed } = toSignedLabels(y, "KernelSVC");
      const signs = mistake === "labels01" ? y : signed;
      const C = mistake === "fixedC" ? 1 : this.params.C;
      const tol = mistake === "fixedTol" ? 1e-3 : this.params.tol;
      const { maxPasses } = this.params;
      const maxIter = mistake === "fixedMaxIter" ? 10_000 : this.params.maxIter;
      const n = x.length;
      const K = kernelMatrix(x, x, mistake === "fixedGamma" ? 1 : this.params.gamma);
      const alphas = new Array<number>(n).fill(0);
      let b = 0;
      let random = mistake === "unseeded" ? Math.random : seededRandom(this.params.seed);
      const f = (i: number) => {
        let v = b;
        for (let k = 0; k < n; k++) v += alphas[k] * signs[k] * K[k][i];
        return v;
      };
      let passes = 0;
      let iter = 0;
      while (passes < maxPasses && iter < maxIter) {
        iter++;
        if (mistake === "randomPerPass") random = seededRandom(this.params.seed);
        let changed = 0;
        for (let i = 0; i < n; i++) {
          const Ei = f(i) - signs[i];
          if (!((signs[i] * Ei < -tol && alphas[i] < C) || (signs[i] * Ei > tol && alphas[i] > 0)))
            continue;
          let j = Math.floor(random() * (n - 1));
          if (j >= i) j++;
          const Ej = f(j) - signs[j];
          const aiOld = alphas[i];
          const ajOld = alphas[j];
          const [L, H] =
            signs[i] !== signs[j]
              ? [Math.max(0, ajOld - aiOld), Math.min(C, C + ajOld - aiOld)]
              : [Math.max(0, aiOld + ajOld - C), Math.min(C, aiOld + ajOld)];
          if (L === H) continue;
          const eta = 2 * K[i][j] - K[i][i] - K[j][j];
          if (mistake === "zeroEtaKept" ? eta > 0 : eta >= 0) continue;
          const step = mistake === "wrongStepSign" ? -1 : 1;
          const raw = ajOld - (step * (signs[j] * (Ei - Ej))) / eta;
          const aj = mistake === "noClip" ? raw : Math.min(H, Math.max(L, raw));
          if (Math.abs(aj - ajOld) < 1e-5) continue;
          const ai = aiOld + signs[i] * signs[j] * (ajOld - aj);
          alphas[i] = ai;
          alphas[j] = aj;
          const b1 = b - Ei - signs[i] * (ai - aiOld) * K[i][i] - signs[j] * (aj - ajOld) * K[i][j];
          const b2 = b - Ej - signs[i] * (ai - aiOld) * K[i][j] - signs[j] * (aj - ajOld) * K[j][j];
          if (mistake === "bOnlyChecksAj") b = aj > 0 && aj < C ? b2 : (b1 + b2) / 2;
          else if (mistake !== "bNeverUpdated")
            b = ai > 0 && ai < C ? b1 : aj > 0 && aj < C ? b2 : (b1 + b2) / 2;
          changed++;
        }
        passes = changed === 0 ? passes + 1 : 0;
      }
      this.classes = classes;
      this.xTrain = x.map((row) => [...row]);
      this.ySigned = signs;
      this.alphas = alphas;
      this.b = b;
      this.supportIndices = alphas.flatMap((a, i) => (a > 1e-8 ? [i] : []));
      return this;
    }
  };
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // hinge-loss
  {
    exercise: "hinge-loss",
    mistake: "no max(0, ·)",
    impl: { hingeLosses: (s, y) => s.map((v, i) => 1 - y[i] * v) },
    expectMessage: /negative/,
  },
  {
    exercise: "hinge-loss",
    mistake: "perceptron loss",
    impl: { hingeLosses: (s, y) => s.map((v, i) => Math.max(0, -y[i] * v)) },
    expectMessage: /perceptron/,
  },
  {
    exercise: "hinge-loss",
    mistake: "sign flipped inside the hinge",
    impl: { hingeLosses: (s, y) => s.map((v, i) => Math.max(0, 1 + y[i] * v)) },
    expectMessage: /sign is flipped/,
  },
  {
    exercise: "hinge-loss",
    mistake: "objective without the ½",
    impl: { svmObjective: (w, b, x, y, C) => svmObjective(w, b, x, y, C) + 0.5 * dot(w, w) },
    expectMessage: /½/,
  },
  {
    exercise: "hinge-loss",
    mistake: "bias in the regulariser",
    impl: { svmObjective: (w, b, x, y, C) => svmObjective(w, b, x, y, C) + 0.5 * b * b },
    expectMessage: /bias is regularised/,
  },
  {
    exercise: "hinge-loss",
    mistake: "mean of the hinge losses",
    impl: {
      svmObjective: (w, b, x, y, C) => {
        const h = hingeLosses(
          x.map((r) => dot(w, r) + b),
          y,
        ).reduce((s, v) => s + v, 0);
        return 0.5 * dot(w, w) + (C * h) / x.length;
      },
    },
    expectMessage: /SUMS/,
  },
  // hinge-subgradient
  {
    exercise: "hinge-subgradient",
    mistake: "forgets the regulariser's gradient",
    impl: {
      svmSubgradient: (w, b, x, y, C) => {
        const g = svmSubgradient(w, b, x, y, C);
        return { w: g.w.map((v, j) => v - w[j]), b: g.b };
      },
    },
    expectMessage: /regulariser's gradient/,
  },
  {
    exercise: "hinge-subgradient",
    mistake: "hinge part with the wrong sign",
    impl: {
      svmSubgradient: (w, b, x, y, C) => {
        const g = svmSubgradient(w, b, x, y, C);
        return { w: g.w.map((v, j) => 2 * w[j] - v), b: -g.b };
      },
    },
    expectMessage: /wrong sign/,
  },
  {
    exercise: "hinge-subgradient",
    mistake: "regularises the bias",
    impl: {
      svmSubgradient: (w, b, x, y, C) => {
        const g = svmSubgradient(w, b, x, y, C);
        return { w: g.w, b: g.b + b };
      },
    },
    expectMessage: /not regularised/,
  },
  {
    exercise: "hinge-subgradient",
    mistake: "every row counts (no margin test)",
    impl: {
      svmSubgradient: (w, _b, x, y, C) => {
        const gw = [...w];
        let gb = 0;
        x.forEach((row, i) => {
          row.forEach((v, j) => {
            gw[j] -= C * y[i] * v;
          });
          gb -= C * y[i];
        });
        return { w: gw, b: gb };
      },
    },
    expectMessage: /Only rows with/,
  },
  // linear-svc
  {
    exercise: "linear-svc",
    mistake: "labels 0/1 instead of −1/+1",
    impl: { LinearSVC: linearSvcWith("labels01") },
    expectMessage: /0\/1/,
  },
  {
    exercise: "linear-svc",
    mistake: "regularises the bias",
    impl: { LinearSVC: linearSvcWith("regularisedBias") },
    expectMessage: /bias is shrunk/,
  },
  {
    exercise: "linear-svc",
    mistake: "wrong sign in the update",
    impl: { LinearSVC: linearSvcWith("signFlip") },
    expectMessage: /wrong sign/,
  },
  {
    exercise: "linear-svc",
    mistake: "never shrinks w",
    impl: { LinearSVC: linearSvcWith("noShrink") },
    expectMessage: /never shrunk/,
  },
  {
    exercise: "linear-svc",
    mistake: "Math.random instead of the seed",
    impl: { LinearSVC: linearSvcWith("unseeded") },
    expectMessage: /seededRandom/,
  },
  {
    exercise: "linear-svc",
    mistake: "predict returns −1/+1",
    impl: {
      LinearSVC: class extends solution.LinearSVC {
        override predict(x: number[][]): number[] {
          return this.decisionFunction(x).map((s) => (s > 0 ? 1 : -1));
        }
      },
    },
    expectMessage: /ORIGINAL labels/,
  },
  {
    exercise: "linear-svc",
    mistake: "fit does not return the model",
    impl: {
      LinearSVC: class extends solution.LinearSVC {
        override fit(x: number[][], y: number[]): this {
          super.fit(x, y);
          return undefined as unknown as this;
        }
      },
    },
    expectMessage: /return this/,
  },
  // margin-support
  {
    exercise: "margin-support",
    mistake: "1/‖w‖",
    impl: { marginWidth: (w) => 1 / Math.sqrt(dot(w, w)) },
    expectMessage: /ONE margin line/,
  },
  {
    exercise: "margin-support",
    mistake: "2/‖w‖²",
    impl: { marginWidth: (w) => 2 / dot(w, w) },
    expectMessage: /square root/,
  },
  {
    exercise: "margin-support",
    mistake: "|s| ≤ 1 misses misclassified rows",
    impl: {
      supportVectorIndices: (w, b, x) =>
        x.flatMap((r, i) => (Math.abs(dot(w, r) + b) <= 1 + 1e-6 ? [i] : [])),
    },
    expectMessage: /misclassified row/,
  },
  {
    exercise: "margin-support",
    mistake: "strictly inside the margin only",
    impl: {
      supportVectorIndices: (w, b, x, y) =>
        x.flatMap((r, i) => (y[i] * (dot(w, r) + b) < 1 ? [i] : [])),
    },
    expectMessage: /ON the margin/,
  },
  // scaled-pipeline
  {
    exercise: "scaled-pipeline",
    mistake: "forgets to scale",
    impl: {
      fitScaledLinearSVC: (train, test, params) => {
        const scaler = new StandardScaler().fit(train.x);
        const model = new solution.LinearSVC(params).fit(train.x, train.y);
        return { scaler, model, testAccuracy: accuracy(test.y, model.predict(test.x)) };
      },
    },
    expectMessage: /forgot to scale/,
  },
  {
    exercise: "scaled-pipeline",
    mistake: "scaler fitted on train + test (leak)",
    impl: {
      fitScaledLinearSVC: (train, test, params) => {
        const scaler = new StandardScaler().fit([...train.x, ...test.x]);
        const model = new solution.LinearSVC(params).fit(scaler.transform(train.x), train.y);
        return {
          scaler,
          model,
          testAccuracy: accuracy(test.y, model.predict(scaler.transform(test.x))),
        };
      },
    },
    expectMessage: /leaked/,
  },
  {
    exercise: "scaled-pipeline",
    mistake: "scaler fitted on the test rows",
    impl: {
      fitScaledLinearSVC: (train, test, params) => {
        const scaler = new StandardScaler().fit(test.x);
        const model = new solution.LinearSVC(params).fit(scaler.transform(train.x), train.y);
        return {
          scaler,
          model,
          testAccuracy: accuracy(test.y, model.predict(scaler.transform(test.x))),
        };
      },
    },
    expectMessage: /TEST rows/,
  },
  {
    exercise: "scaled-pipeline",
    mistake: "test set scaled with its own scaler",
    impl: {
      fitScaledLinearSVC: (train, test, params) => {
        const scaler = new StandardScaler().fit(train.x);
        const model = new solution.LinearSVC(params).fit(scaler.transform(train.x), train.y);
        const own = new StandardScaler().fit(test.x);
        return {
          scaler,
          model,
          testAccuracy: accuracy(test.y, model.predict(own.transform(test.x))),
        };
      },
    },
    expectMessage: /SAME scaler/,
  },
  // one-vs-rest
  {
    exercise: "one-vs-rest",
    mistake: "argmin instead of argmax",
    impl: {
      OneVsRestSVC: class extends solution.OneVsRestSVC {
        override predict(x: number[][]): number[] {
          return this.decisionFunction(x).map((s) => this.classes[s.indexOf(Math.min(...s))]);
        }
      },
    },
    expectMessage: /HIGHEST/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "returns the class index, not the label",
    impl: {
      OneVsRestSVC: class extends solution.OneVsRestSVC {
        override predict(x: number[][]): number[] {
          return this.decisionFunction(x).map((s) => s.indexOf(Math.max(...s)));
        }
      },
    },
    expectMessage: /this\.classes\[k\]/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "binary models ignore the hyperparameters",
    impl: {
      OneVsRestSVC: class extends solution.OneVsRestSVC {
        override fit(x: number[][], y: number[]): this {
          this.validateFit(x, y);
          this.classes = [...new Set(y)].sort((a, b) => a - b);
          this.models = this.classes.map((c) =>
            new solution.LinearSVC().fit(
              x,
              y.map((v) => (v === c ? 1 : 0)),
            ),
          );
          return this;
        }
      },
    },
    expectMessage: /hyperparameters/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "decisionFunction is K×n",
    impl: {
      OneVsRestSVC: class extends solution.OneVsRestSVC {
        override decisionFunction(x: number[][]): number[][] {
          return this.models.map((m) => m.decisionFunction(x));
        }
        override predict(x: number[][]): number[] {
          return super.decisionFunction(x).map((s) => this.classes[s.indexOf(Math.max(...s))]);
        }
      },
    },
    expectMessage: /n×K/,
  },
  // rbf-kernel
  {
    exercise: "rbf-kernel",
    mistake: "γ times the distance, not its square",
    impl: {
      rbfKernel: (a, b, gamma) =>
        Math.exp(-gamma * Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0))),
    },
    expectMessage: /SQUARED distance/,
  },
  {
    exercise: "rbf-kernel",
    mistake: "divides by γ",
    impl: {
      rbfKernel: (a, b, gamma) => Math.exp(-a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0) / gamma),
    },
    expectMessage: /do not divide/,
  },
  {
    exercise: "rbf-kernel",
    mistake: "kernel matrix transposed",
    impl: { kernelMatrix: (A, B, gamma) => B.map((b) => A.map((a) => rbfKernel(a, b, gamma))) },
    expectMessage: /A\.length rows/,
  },
  // kernel-svc
  {
    exercise: "kernel-svc",
    mistake: "αⱼ not clipped to [L, H]",
    impl: { KernelSVC: kernelSvcWith("noClip") },
    expectMessage: /Clip/,
  },
  {
    exercise: "kernel-svc",
    mistake: "labels 0/1 instead of −1/+1",
    impl: { KernelSVC: kernelSvcWith("labels01") },
    expectMessage: /signed labels/,
  },
  {
    exercise: "kernel-svc",
    mistake: "b never updated",
    impl: { KernelSVC: kernelSvcWith("bNeverUpdated") },
    expectMessage: /b is never updated/,
  },
  {
    exercise: "kernel-svc",
    mistake: "step in the wrong direction",
    impl: { KernelSVC: kernelSvcWith("wrongStepSign") },
    expectMessage: /far from optimal/,
  },
  {
    exercise: "kernel-svc",
    mistake: "Math.random instead of the seed",
    impl: { KernelSVC: kernelSvcWith("unseeded") },
    expectMessage: /seededRandom/,
  },
  {
    exercise: "kernel-svc",
    mistake: "decisionFunction forgets b",
    impl: {
      KernelSVC: class extends solution.KernelSVC {
        override decisionFunction(x: number[][]): number[] {
          return super.decisionFunction(x).map((s) => s - this.b);
        }
      },
    },
    expectMessage: /Add model\.b/,
  },
  {
    exercise: "kernel-svc",
    mistake: "every row listed as a support vector",
    impl: {
      KernelSVC: class extends solution.KernelSVC {
        override fit(x: number[][], y: number[]): this {
          super.fit(x, y);
          this.supportIndices = x.map((_, i) => i);
          return this;
        }
      },
    },
    expectMessage: /1e-8/,
  },
  // --- added for labs 06-10 ---
  {
    exercise: "hinge-subgradient",
    mistake: "a row exactly on the margin counts (≤ 1)",
    impl: {
      svmSubgradient: (w, b, x, y, C) => {
        const gw = [...w];
        let gb = 0;
        x.forEach((row, i) => {
          if (y[i] * (dot(w, row) + b) <= 1) {
            row.forEach((v, j) => {
              gw[j] -= C * y[i] * v;
            });
            gb -= C * y[i];
          }
        });
        return { w: gw, b: gb };
      },
    },
    expectMessage: /not ≤ 1/,
  },
  {
    exercise: "hinge-subgradient",
    mistake: "margin test without b",
    impl: {
      svmSubgradient: (w, _b, x, y, C) => svmSubgradient(w, 0, x, y, C),
    },
    expectMessage: /forgets b/,
  },
  {
    exercise: "linear-svc",
    mistake: "t incremented before computing η",
    impl: { LinearSVC: linearSvcWith("stepAfterCount") },
    expectMessage: /one step too early/,
  },
  {
    exercise: "linear-svc",
    mistake: "λ = 1/C (no n)",
    impl: { LinearSVC: linearSvcWith("lambdaWithoutN") },
    expectMessage: /1\/\(C·n\)/,
  },
  {
    exercise: "linear-svc",
    mistake: "never shuffles",
    impl: { LinearSVC: linearSvcWith("noShuffle") },
    expectMessage: /never shuffled/,
  },
  {
    exercise: "linear-svc",
    mistake: "shuffles only once",
    impl: { LinearSVC: linearSvcWith("shuffleOnce") },
    expectMessage: /shuffled only once/,
  },
  {
    exercise: "linear-svc",
    mistake: "epochs hard-coded to 20",
    impl: { LinearSVC: linearSvcWith("fixedEpochs") },
    expectMessage: /params\.epochs is ignored/,
  },
  {
    exercise: "linear-svc",
    mistake: "learning rate hard-coded to 0.1",
    impl: { LinearSVC: linearSvcWith("fixedLearningRate") },
    expectMessage: /params\.learningRate is ignored/,
  },
  {
    exercise: "linear-svc",
    mistake: "predict uses ≥ 0",
    impl: {
      LinearSVC: class extends solution.LinearSVC {
        override predict(x: number[][]): number[] {
          return this.decisionFunction(x).map((s) => (s >= 0 ? this.classes[1] : this.classes[0]));
        }
      },
    },
    expectMessage: /not ≥ 0/,
  },
  {
    exercise: "linear-svc",
    mistake: "decisionFunction forgets b",
    impl: {
      LinearSVC: class extends solution.LinearSVC {
        override decisionFunction(x: number[][]): number[] {
          return x.map((row) => dot(this.w, row));
        }
      },
    },
    expectMessage: /w·x \+ b/,
  },
  {
    exercise: "margin-support",
    mistake: "support vectors without b",
    impl: {
      supportVectorIndices: (w, _b, x, y, tolerance = 1e-6) =>
        x.flatMap((r, i) => (y[i] * dot(w, r) <= 1 + tolerance ? [i] : [])),
    },
    expectMessage: /bias is missing/,
  },
  {
    exercise: "margin-support",
    mistake: "tolerance argument ignored",
    impl: {
      supportVectorIndices: (w, b, x, y) =>
        x.flatMap((r, i) => (y[i] * (dot(w, r) + b) <= 1 + 1e-6 ? [i] : [])),
    },
    expectMessage: /tolerance argument/,
  },
  {
    exercise: "margin-support",
    mistake: "no tolerance at all (≤ 1)",
    impl: {
      supportVectorIndices: (w, b, x, y) =>
        x.flatMap((r, i) => (y[i] * (dot(w, r) + b) <= 1 ? [i] : [])),
    },
    expectMessage: /tolerance/,
  },
  {
    exercise: "scaled-pipeline",
    mistake: "params not passed to the model",
    impl: {
      fitScaledLinearSVC: (train, test) => {
        const scaler = new StandardScaler().fit(train.x);
        const model = new solution.LinearSVC({ C: 0.1 }).fit(scaler.transform(train.x), train.y);
        return {
          scaler,
          model,
          testAccuracy: accuracy(test.y, model.predict(scaler.transform(test.x))),
        };
      },
    },
    expectMessage: /new LinearSVC\(params\)/,
  },
  {
    exercise: "scaled-pipeline",
    mistake: "model trained on raw rows, test rows scaled",
    impl: {
      fitScaledLinearSVC: (train, test, params) => {
        const scaler = new StandardScaler().fit(train.x);
        const model = new solution.LinearSVC(params).fit(train.x, train.y);
        return {
          scaler,
          model,
          testAccuracy: accuracy(test.y, model.predict(scaler.transform(test.x))),
        };
      },
    },
    expectMessage: /raw training rows|95%/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "every binary model uses the same seed",
    impl: {
      OneVsRestSVC: class extends solution.OneVsRestSVC {
        override fit(x: number[][], y: number[]): this {
          this.validateFit(x, y);
          this.classes = [...new Set(y)].sort((a, b) => a - b);
          this.models = this.classes.map((c) =>
            new solution.LinearSVC(this.params).fit(
              x,
              y.map((v) => (v === c ? 1 : 0)),
            ),
          );
          return this;
        }
      },
    },
    expectMessage: /seed \+ k/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "classes sorted with plain .sort()",
    impl: {
      OneVsRestSVC: class extends solution.OneVsRestSVC {
        override fit(x: number[][], y: number[]): this {
          super.fit(x, y);
          const order = this.classes.map((c, k) => [String(c), k] as const).sort();
          this.models = order.map(([, k]) => this.models[k]);
          this.classes = order.map(([c]) => Number(c));
          return this;
        }
      },
    },
    expectMessage: /NUMERICALLY/,
  },
  {
    exercise: "one-vs-rest",
    mistake: "class c labelled 0, the rest 1",
    impl: {
      OneVsRestSVC: class extends solution.OneVsRestSVC {
        override fit(x: number[][], y: number[]): this {
          this.validateFit(x, y);
          this.classes = [...new Set(y)].sort((a, b) => a - b);
          this.models = this.classes.map((c, k) =>
            new solution.LinearSVC({ ...this.params, seed: this.params.seed + k }).fit(
              x,
              y.map((v) => (v === c ? 0 : 1)),
            ),
          );
          return this;
        }
      },
    },
    expectMessage: /other way round/,
  },
  {
    exercise: "rbf-kernel",
    mistake: "kernelMatrix ignores γ",
    impl: { kernelMatrix: (A, B) => A.map((a) => B.map((b) => rbfKernel(a, b, 1))) },
    expectMessage: /not passed on/,
  },
  {
    exercise: "kernel-svc",
    mistake: "γ hard-coded to 1",
    impl: { KernelSVC: kernelSvcWith("fixedGamma") },
    expectMessage: /params\.gamma is ignored/,
  },
  {
    exercise: "kernel-svc",
    mistake: "C hard-coded to 1",
    impl: { KernelSVC: kernelSvcWith("fixedC") },
    expectMessage: /params\.C is ignored/,
  },
  {
    exercise: "kernel-svc",
    mistake: "tol hard-coded",
    impl: { KernelSVC: kernelSvcWith("fixedTol") },
    expectMessage: /params\.tol is ignored/,
  },

  {
    exercise: "kernel-svc",
    mistake: "maxIter hard-coded",
    impl: { KernelSVC: kernelSvcWith("fixedMaxIter") },
    expectMessage: /params\.maxIter is ignored/,
  },

  {
    exercise: "kernel-svc",
    mistake: "seededRandom re-created every pass",
    impl: { KernelSVC: kernelSvcWith("randomPerPass") },
    expectMessage: /far from optimal|one seededRandom/,
  },
  {
    exercise: "kernel-svc",
    mistake: "decisionFunction with γ = 1",
    impl: {
      KernelSVC: class extends solution.KernelSVC {
        override decisionFunction(x: number[][]): number[] {
          const sv = this.supportIndices;
          const K = kernelMatrix(
            x,
            sv.map((i) => this.xTrain[i]),
            1,
          );
          return K.map((row) =>
            row.reduce((s, k, m) => s + this.alphas[sv[m]] * this.ySigned[sv[m]] * k, this.b),
          );
        }
      },
    },
    expectMessage: /this model's γ/,
  },
  {
    exercise: "kernel-svc",
    mistake: "a pair with η = 0 (duplicate rows) is not skipped: 0/0 steps",
    impl: { KernelSVC: kernelSvcWith("zeroEtaKept") },
    expectMessage: /η ≥ 0/,
  },
  {
    exercise: "linear-svc",
    mistake: "toSignedLabels called with a made-up model name",
    impl: {
      LinearSVC: class extends solution.LinearSVC {
        override fit(x: number[][], y: number[]): this {
          toSignedLabels(y, "model");
          return super.fit(x, y);
        }
      },
    },
    expectMessage: /toSignedLabels\(y, "LinearSVC"\)/,
  },
  {
    exercise: "kernel-svc",
    mistake: "bias update ignores whether αᵢ is inside the box (b2 or the average only)",
    impl: { KernelSVC: kernelSvcWith("bOnlyChecksAj") },
    expectMessage: /differ from the run the TODO describes/,
  },
];
