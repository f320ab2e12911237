/**
 * Whole-layer LSTM / GRU kernels (src/tf/kernels/rnn-sequence.ts): outputs and gradients with
 * respect to the inputs and every weight match the stock layers on stock cpu, on random shapes
 * and every option the kernels handle; the cases they do not handle run the per-step path and
 * still match; training does not leak.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ready, tf } from "../../src/tf";
import { GRU_SEQUENCE, LSTM_SEQUENCE, simdGates } from "../../src/tf/kernels/rnn-sequence";
import { activationSimd } from "../../src/tf/kernels/rnn-simd";
import { expectSameAsStockCpu, seeded, useBackend } from "./helpers";

beforeAll(async () => {
  await ready({ backend: "wasm", quiet: true });
});

type Kind = "lstm" | "gru";
interface Case {
  kind: Kind;
  batch: number;
  steps: number;
  features: number;
  units: number;
  returnSequences?: boolean;
  goBackwards?: boolean;
  useBias?: boolean;
  activation?: string;
  recurrentActivation?: string;
  bidirectional?: boolean;
}

let seed = 0;
const init = () => tf.initializers.randomUniform({ minval: -0.8, maxval: 0.8, seed: 300 + seed++ });

function makeLayer(c: Case, extra: object = {}): tf.layers.Layer {
  seed = 0;
  const options = {
    units: c.units,
    returnSequences: c.returnSequences ?? false,
    goBackwards: c.goBackwards ?? false,
    useBias: c.useBias ?? true,
    kernelInitializer: init(),
    recurrentInitializer: init(),
    biasInitializer: init(),
    ...(c.activation === undefined ? {} : { activation: c.activation }),
    ...(c.recurrentActivation === undefined ? {} : { recurrentActivation: c.recurrentActivation }),
    ...extra,
  } as Parameters<typeof tf.layers.lstm>[0];
  const rnn = c.kind === "lstm" ? tf.layers.lstm(options) : tf.layers.gru(options);
  return c.bidirectional ? tf.layers.bidirectional({ layer: rnn as tf.RNN }) : rnn;
}

/** y, and the gradients of sum(y * r) with respect to x and every weight. */
function outputsAndGrads(c: Case, extra: object = {}): tf.Tensor[] {
  // Stock tfjs cannot differentiate a 1-step layer with respect to its input (Unpack of one)
  const withX = c.steps > 1;
  const layer = makeLayer(c, extra);
  const { batch: B, steps: T, features: D } = c;
  const x = tf.variable(tf.tensor3d(seeded(B * T * D, 11 + T, -2, 2), [B, T, D]));
  const y = layer.apply(x) as tf.Tensor;
  const r = tf.tensor(seeded(y.size, 12), y.shape);
  // With one step the recurrent kernel multiplies the zero state: its gradient is zero.
  const weights = layer.trainableWeights
    .filter((w) => withX || !w.name.includes("recurrent"))
    .map((w) => w.read() as tf.Variable);
  const vars = withX ? [x, ...weights] : weights;
  const { value, grads } = tf.variableGrads(
    () => (layer.apply(x) as tf.Tensor).mul(r).sum() as tf.Scalar,
    vars,
  );
  const out = [y, value, ...vars.map((v) => grads[v.name]!)].map((t) => t.clone());
  layer.dispose();
  x.dispose();
  return out;
}

const cases: Case[] = [
  { kind: "lstm", batch: 3, steps: 5, features: 4, units: 3 },
  { kind: "lstm", batch: 1, steps: 1, features: 2, units: 5 },
  { kind: "lstm", batch: 1, steps: 2, features: 1, units: 3, returnSequences: true },
  { kind: "lstm", batch: 5, steps: 7, features: 3, units: 1, goBackwards: true },
  {
    kind: "lstm",
    batch: 2,
    steps: 6,
    features: 5,
    units: 4,
    returnSequences: true,
    goBackwards: true,
    useBias: false,
    activation: "relu",
    recurrentActivation: "sigmoid",
  },
  { kind: "lstm", batch: 3, steps: 4, features: 3, units: 3, bidirectional: true },
  {
    kind: "lstm",
    batch: 2,
    steps: 5,
    features: 3,
    units: 2,
    returnSequences: true,
    bidirectional: true,
  },
  { kind: "gru", batch: 3, steps: 5, features: 4, units: 3 },
  { kind: "gru", batch: 1, steps: 1, features: 2, units: 5 },
  { kind: "gru", batch: 1, steps: 2, features: 1, units: 3, returnSequences: true },
  { kind: "gru", batch: 5, steps: 7, features: 3, units: 1, goBackwards: true },
  {
    kind: "gru",
    batch: 2,
    steps: 6,
    features: 5,
    units: 4,
    returnSequences: true,
    goBackwards: true,
    useBias: false,
    activation: "linear",
    recurrentActivation: "sigmoid",
  },
  {
    kind: "gru",
    batch: 3,
    steps: 4,
    features: 3,
    units: 3,
    returnSequences: true,
    bidirectional: true,
  },
];

async function kernelsOf(fn: () => tf.Tensor): Promise<string[]> {
  return (await tf.profile(fn)).kernelNames;
}

describe("whole-layer LSTM / GRU kernels", () => {
  it.each(
    cases.map((c) => [JSON.stringify(c), c] as const),
  )("%s: output and gradients match stock cpu", async (_name, c) => {
    await expectSameAsStockCpu(() => outputsAndGrads(c));
  });

  it("are what runs on wasm and cpu (forward and backward)", async () => {
    for (const where of ["wasm", "cpu"] as const) {
      await useBackend(where);
      for (const [kind, name] of [
        ["lstm", LSTM_SEQUENCE],
        ["gru", GRU_SEQUENCE],
      ] as const) {
        const c: Case = { kind, batch: 2, steps: 3, features: 2, units: 2 };
        const names = await kernelsOf(() => tf.tidy(() => outputsAndGrads(c)[0]!));
        expect(names).toContain(name);
        expect(names).toContain(`${name}Grad`);
        expect(names).not.toContain("MlLabsLstmGates");
        expect(names).not.toContain("MlLabsGruStepA");
      }
    }
  });

  // Embedding maskZero: masked steps keep the previous output and states (leading, trailing
  // and interleaved zeros); the whole-layer kernels handle it. Dropout and an initial state
  // fall back to the per-step path.
  it.each([
    ["a mask, returnSequences", "mask", {}],
    ["a mask, last output, goBackwards", "mask", { returnSequences: false, goBackwards: true }],
    ["a mask, Bidirectional", "mask", { bidirectional: true }],
    ["a mask, 5 units (SIMD gates on wasm)", "mask", { units: 5, goBackwards: true }],
    ["dropout and recurrentDropout while training (falls back)", "dropout", {}],
    ["an initial state (falls back)", "state", {}],
  ] as const)("%s", async (_name, what, options) => {
    for (const kind of ["lstm", "gru"] as const) {
      const c: Case = {
        kind,
        batch: 3,
        steps: 5,
        features: 3,
        units: 2,
        returnSequences: true,
        ...options,
      };
      const run = () => {
        const layer = makeLayer(
          c,
          what === "dropout" ? { dropout: 0.3, recurrentDropout: 0.3 } : {},
        );
        const ids = tf.tensor2d([1, 2, 0, 0, 0, 0, 0, 2, 0, 2, 2, 2, 2, 2, 2], [3, 5]);
        const emb = tf.layers.embedding({
          inputDim: 5,
          outputDim: 3,
          maskZero: true,
          embeddingsInitializer: init(),
        });
        const x = tf.variable(emb.apply(ids) as tf.Tensor3D);
        const kwargs =
          what === "mask"
            ? { mask: emb.computeMask(ids) }
            : what === "dropout"
              ? { training: true }
              : {
                  initialState:
                    kind === "lstm" ? [tf.ones([3, 2]), tf.ones([3, 2])] : [tf.ones([3, 2])],
                };
        layer.apply(tf.input({ shape: [5, 3] })); // builds the weights (symbolically)
        const f = () => layer.call(x, kwargs) as tf.Tensor;
        const vars = [x, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
        const r = tf.tensor(seeded(f().size, 13), f().shape);
        const { value, grads } = tf.variableGrads(() => f().mul(r).sum() as tf.Scalar, vars);
        const out = [f(), value, ...vars.map((v) => grads[v.name]!)].map((t) => t.clone());
        layer.dispose();
        emb.dispose();
        x.dispose();
        return out;
      };
      await useBackend("wasm");
      const names = await kernelsOf(() => tf.tidy(() => run()[0]!));
      const name = kind === "lstm" ? LSTM_SEQUENCE : GRU_SEQUENCE;
      if (what === "mask") expect(names).toContain(name);
      else expect(names).not.toContain(name);
      // Dropout masks are random: compare the deterministic cases with stock cpu.
      if (what !== "dropout") await expectSameAsStockCpu(run);
    }
  });

  it.each([
    ["LSTM, Embedding maskZero", true, (o: object) => tf.layers.lstm({ units: 5, ...o })],
    ["GRU", false, (o: object) => tf.layers.gru({ units: 5, returnSequences: true, ...o })],
  ] as const)("%s: fit() gives the stock loss curve and leaks nothing", async (_name, maskZero, make) => {
    const N = 24;
    const curve = async (where: "cpu-stock" | "wasm" | "cpu") => {
      await useBackend(where);
      seed = 0;
      const m = tf.sequential();
      m.add(
        tf.layers.embedding({
          inputDim: 30,
          outputDim: 4,
          inputLength: 6,
          maskZero,
          embeddingsInitializer: init(),
        }),
      );
      const rnn = make({ kernelInitializer: init(), recurrentInitializer: init() });
      m.add(rnn);
      if ((rnn as tf.RNN).returnSequences) m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: init() }));
      m.compile({ optimizer: tf.train.adam(0.01), loss: "binaryCrossentropy" });
      // Token 0 (masked with maskZero) in about a quarter of the positions.
      const ids = Array.from(seeded(N * 6, 3, -8, 30), (v) => Math.max(0, Math.floor(v)));
      const x = tf.tensor2d(ids, [N, 6]);
      const y = tf.tensor2d(Array.from(seeded(N, 4, 0, 2), Math.floor), [N, 1]);
      await m.fit(x, y, { batchSize: 8, epochs: 1, shuffle: false, verbose: 0 }); // optimizer slots
      const tensors = tf.memory().numTensors;
      const dataIds = tf.engine().backend.numDataIds();
      const h = await m.fit(x, y, { batchSize: 8, epochs: 2, shuffle: false, verbose: 0 });
      expect(tf.memory().numTensors).toBe(tensors);
      expect(tf.engine().backend.numDataIds()).toBe(dataIds);
      tf.dispose([x, y]);
      m.dispose();
      return h.history.loss as number[];
    };
    const want = await curve("cpu-stock");
    for (const where of ["wasm", "cpu"] as const) {
      const got = await curve(where);
      got.forEach((l, i) => {
        expect(Math.abs(l - want[i]!) / want[i]!, `${where} epoch ${i}`).toBeLessThan(1e-4);
      });
    }
    await useBackend("wasm");
  });

  // LSTM and GRU gates as wasm SIMD functions (rnn-simd.ts): rows of >= 4 units, with an overlapping
  // last vector when the unit count is not a multiple of 4; every activation as act and recAct.
  const simdCases: (readonly [number, string, string])[] = [
    [4, "tanh", "hardSigmoid"],
    [5, "tanh", "sigmoid"],
    [6, "sigmoid", "tanh"],
    [7, "relu", "hardSigmoid"],
    [9, "linear", "sigmoid"],
    [10, "tanh", "relu"],
    [8, "hardSigmoid", "linear"], // (GRU: in the stock cpu comparison only up to 3 steps)
  ];
  it.each(
    simdCases.flatMap((c) => [["lstm", ...c] as const, ["gru", ...c] as const]),
  )("SIMD %s gates, %d units, %s / %s: match stock cpu", async (kind, units, a, r) => {
    // (Not with unbounded activations: the states grow until rounding differences show.)
    const bounded = ![a, r].some((x) => x === "linear" || x === "relu");
    for (const big of bounded ? [false, true] : [false]) {
      // big: pre-activations up to ~±40, so tanh and sigmoid saturate
      const extra = big
        ? { kernelInitializer: tf.initializers.randomUniform({ minval: -4, maxval: 4, seed: 9 }) }
        : {};
      const c: Case = {
        kind,
        batch: 3,
        steps: kind === "gru" && r === "linear" ? 3 : 5,
        features: 5,
        units,
        returnSequences: units % 2 === 0,
        useBias: units !== 9 && units !== 5,
        activation: a,
        recurrentActivation: r,
      };
      const before = simdGates.runs;
      await expectSameAsStockCpu(() => outputsAndGrads(c, extra));
      expect(simdGates.runs - before).toBe(3 * c.steps); // wasm: 2 forward passes, 1 backward
    }
  });

  it.each([
    "lstm",
    "gru",
  ] as const)("SIMD %s gates are not used below 4 units or when disabled", async (kind) => {
    const c: Case = { kind, batch: 2, steps: 3, features: 2, units: 3 };
    let before = simdGates.runs;
    await expectSameAsStockCpu(() => outputsAndGrads(c));
    expect(simdGates.runs).toBe(before);
    simdGates.enabled = false;
    try {
      before = simdGates.runs;
      await expectSameAsStockCpu(() => outputsAndGrads({ ...c, units: 8 }));
      expect(simdGates.runs).toBe(before);
    } finally {
      simdGates.enabled = true;
    }
  });

  // Without exp (hardSigmoid, relu, linear) every SIMD operation is the JS loops' float32
  // operation in the same order: on the same backend the results are bit-identical.
  it.each([
    ["lstm", 7, "relu", "hardSigmoid"],
    ["gru", 7, "relu", "hardSigmoid"],
    ["lstm", 6, "hardSigmoid", "linear"],
    ["gru", 5, "linear", "relu"],
  ] as const)("SIMD %s gates, %d units, %s / %s: bit-identical to the JS loops", async (kind, units, a, r) => {
    await useBackend("wasm");
    const c: Case = { kind, batch: 3, steps: 4, features: 5, units, returnSequences: true };
    const run = () => {
      const outs = tf.tidy(() => outputsAndGrads({ ...c, activation: a, recurrentActivation: r }));
      const values = outs.map((t) => Array.from(t.dataSync()));
      tf.dispose(outs);
      return values;
    };
    const before = simdGates.runs;
    const simdValues = run();
    expect(simdGates.runs - before).toBe(3 * c.steps);
    simdGates.enabled = false;
    try {
      expect(simdValues).toEqual(run());
    } finally {
      simdGates.enabled = true;
    }
  });

  it("SIMD tanh and sigmoid are within 2 float32 ulp of Math.tanh and saturate exactly", async () => {
    await useBackend("wasm");
    const backend = tf.backend() as unknown as {
      wasm: { asm: { memory: { buffer: ArrayBuffer } } };
      makeOutput(shape: number[], dtype: string): tf.TensorInfo;
      typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
      disposeData(id: object): void;
    };
    const n = 1 << 18;
    const xs = new Float32Array(n + 8);
    for (let i = 0; i < n; i++) xs[i] = -12 + (24 * i) / n;
    xs.set([-100, -20, 20, 100, 0, -0, 1e-30, -1e-30], n);
    const [xT, yT] = [
      backend.makeOutput([n + 8], "float32"),
      backend.makeOutput([n + 8], "float32"),
    ];
    for (const [code, f] of [
      [0, Math.tanh],
      [1, (x: number) => 1 / (1 + Math.exp(-x))],
    ] as const) {
      const run = activationSimd(backend.wasm.asm.memory, code);
      expect(run).not.toBeNull();
      backend.typedArrayFromHeap(xT).set(xs);
      run!(
        backend.typedArrayFromHeap(xT).byteOffset,
        backend.typedArrayFromHeap(yT).byteOffset,
        n + 8,
      );
      const y = backend.typedArrayFromHeap(yT);
      let worstUlp = 0;
      let worstAbs = 0;
      for (let i = 0; i < n; i++) {
        const want = f(xs[i]!);
        const ulp = 2 ** (Math.floor(Math.log2(Math.max(Math.abs(want), 2 ** -126))) - 23);
        worstUlp = Math.max(worstUlp, Math.abs(y[i]! - want) / ulp);
        worstAbs = Math.max(worstAbs, Math.abs(y[i]! - want));
      }
      expect(worstUlp).toBeLessThan(2.5);
      expect(worstAbs).toBeLessThan(1.2e-7);
      const tail = Array.from(y.subarray(n));
      if (code === 0) expect(tail).toEqual([-1, -1, 1, 1, 0, -0, 1e-30, -1e-30].map(Math.fround));
      else {
        expect(tail.slice(2, 4)).toEqual([1, 1]);
        expect(tail[0]).toBeLessThan(1e-37);
        expect(tail.slice(4)).toEqual([0.5, 0.5, 0.5, 0.5]);
      }
    }
    backend.disposeData(xT.dataId);
    backend.disposeData(yT.dataId);
  });
});
