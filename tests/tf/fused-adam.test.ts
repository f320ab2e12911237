/**
 * Fused Adam (src/tf/kernels/fused-adam.ts): the same parameters and optimizer state as stock
 * tfjs Adam, bit for bit, on wasm (SIMD + JS tail) and cpu (JS loop); the stock path whenever
 * the backend lacks the kernel or the optimizer is a subclass.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ready, tf } from "../../src/tf";
import { cpuPatches } from "../../src/tf/kernels/cpu-kernels";
import { ADAM_UPDATE } from "../../src/tf/kernels/fused-adam";
import { installPatches, restoreStockKernels } from "../../src/tf/kernels/kernel-registry";
import { wasmPatches } from "../../src/tf/kernels/wasm-kernels";
import { seeded } from "./helpers";

type Backend = "wasm" | "cpu";

beforeAll(async () => {
  await ready({ backend: "wasm", quiet: true });
});

/** Selects `backend` with our kernels (fused) or without them (stock tfjs). */
async function use(backend: Backend, fused: boolean): Promise<void> {
  await tf.setBackend(backend);
  (tf.backend() as { firstUse?: boolean }).firstUse = false;
  if (fused) installPatches(backend, backend === "wasm" ? wasmPatches : cpuPatches);
  else restoreStockKernels(backend);
}

async function restore(): Promise<void> {
  installPatches("cpu", cpuPatches);
  installPatches("wasm", wasmPatches);
  await tf.setBackend("wasm");
}

// Odd sizes on both sides of the 4-lane SIMD width, a scalar, rank 3, and a large matrix.
const SHAPES = [[7, 5], [3], [], [1], [4], [2, 3, 4], [33], [61, 17]];

interface Run {
  values: Float32Array[];
  state: Float32Array[];
  iterations: number;
  kernels: string[];
}

/** `steps` Adam steps on seeded variables/gradients; returns parameters and optimizer state. */
async function train(
  backend: Backend,
  fused: boolean,
  opts: { steps: number; make?: () => tf.Optimizer; asList?: boolean; skip?: number },
): Promise<Run> {
  await use(backend, fused);
  try {
    const before = tf.memory().numTensors;
    const vars = SHAPES.map((s, k) => {
      const init = tf.tensor(seeded(tf.util.sizeFromShape(s), 10 + k), s);
      const v = tf.variable(init);
      init.dispose();
      return v;
    });
    const opt = opts.make?.() ?? tf.train.adam(0.01);
    let kernels: string[] = [];
    let afterFirst = 0;
    for (let step = 0; step < opts.steps; step++) {
      const grads = vars.map((v, k) => {
        const scale = step % 5 === 0 ? 1e-4 : 3; // tiny and large gradients
        const n = v.size;
        return tf.tensor(seeded(n, 1000 * step + k + 1, -scale, scale), v.shape);
      });
      // `skip`: one variable's gradient is null every other step (stock skips that variable;
      // leaving it out of the map instead would shift stock's position-indexed moments).
      const names = vars.map((v) => v.name);
      const apply = () => {
        if (opts.asList) {
          opt.applyGradients(names.map((name, k) => ({ name, tensor: grads[k]! })));
        } else {
          const map: tf.NamedTensorMap = {};
          names.forEach((name, k) => {
            const skipped = opts.skip === k && step % 2 === 1;
            map[name] = (skipped ? null : grads[k]) as tf.Tensor;
          });
          opt.applyGradients(map);
        }
      };
      if (step === 1) kernels = (await tf.profile(apply)).kernels.map((k) => k.name);
      else apply();
      tf.dispose(grads);
      if (step === 0) afterFirst = tf.memory().numTensors;
      else expect(tf.memory().numTensors, `step ${step}: no tensor leaks`).toBe(afterFirst);
    }
    const values = vars.map((v) => v.dataSync().slice() as Float32Array);
    const weights = await opt.getWeights();
    const state = weights.map((w) => w.tensor.dataSync().slice() as Float32Array);
    tf.dispose(weights[0]!.tensor); // the iterations scalar is a new tensor
    const iterations = opt.iterations;
    opt.dispose();
    tf.dispose(vars);
    expect(tf.memory().numTensors).toBe(before);
    return { values, state, iterations, kernels };
  } finally {
    await restore();
  }
}

function expectIdentical(got: Float32Array[], want: Float32Array[], what: string): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    expect(Array.from(g), `${what} ${i}`).toEqual(Array.from(want[i]!));
  });
}

describe("fused Adam", () => {
  it.each([
    ["default settings", {}],
    ["lr 0.1, beta1 0.5, beta2 0.9, epsilon 1e-3", { lr: 0.1, b1: 0.5, b2: 0.9, eps: 1e-3 }],
    ["gradients as a list", { asList: true }],
    ["a variable without a gradient every other step", { skip: 2 }],
  ] as const)("%s: parameters and state bit-identical to stock on wasm and cpu", async (_n, o) => {
    const c = o as { lr?: number; b1?: number; b2?: number; eps?: number; asList?: boolean };
    const make = () => tf.train.adam(c.lr ?? 0.001, c.b1, c.b2, c.eps);
    const opts = { steps: 12, make, asList: c.asList, skip: (o as { skip?: number }).skip };
    for (const backend of ["wasm", "cpu"] as const) {
      const want = await train(backend, false, opts);
      const got = await train(backend, true, opts);
      expect(want.kernels).not.toContain(ADAM_UPDATE);
      expect(got.kernels.filter((k) => k === ADAM_UPDATE)).toHaveLength(
        opts.skip === undefined ? SHAPES.length : SHAPES.length - 1,
      );
      expectIdentical(got.values, want.values, `${backend} variable`);
      expectIdentical(got.state, want.state, `${backend} state`);
      expect(got.iterations).toBe(want.iterations);
      expect(got.iterations).toBe(12);
    }
  });

  it("a subclass of AdamOptimizer keeps the stock code", async () => {
    class MyAdam extends tf.AdamOptimizer {}
    const run = await train("wasm", true, { steps: 3, make: () => new MyAdam(0.01, 0.9, 0.999) });
    expect(run.kernels).not.toContain(ADAM_UPDATE);
    expect(run.kernels).toContain("Sqrt");
  });

  it("getWeights / setWeights round trip continues exactly like the original", async () => {
    for (const backend of ["wasm", "cpu"] as const) {
      await use(backend, true);
      try {
        const init = tf.tensor(seeded(23, 5), [23]);
        const v = tf.variable(init);
        init.dispose();
        const grad = (s: number) => ({ [v.name]: tf.tensor(seeded(23, 50 + s), [23]) });
        const a: tf.Optimizer = tf.train.adam(0.02);
        for (let s = 0; s < 3; s++) tf.tidy(() => a.applyGradients(grad(s)));
        // getWeights returns the live moment variables: copy them before training on.
        const live = await a.getWeights();
        const saved = live.map((w) => ({ name: w.name, tensor: w.tensor.clone() }));
        tf.dispose(live[0]!.tensor); // the iterations scalar is a new tensor
        const start = v.dataSync().slice();
        // Continue: the original, then a fresh optimizer restored from its weights.
        const continued = async (opt: tf.Optimizer) => {
          v.assign(tf.tensor(start, [23]));
          for (let s = 3; s < 6; s++) tf.tidy(() => opt.applyGradients(grad(s)));
          return v.dataSync().slice();
        };
        const b = tf.train.adam(0.02);
        await b.setWeights(saved.map((w) => ({ name: w.name, tensor: w.tensor.clone() })));
        expect(b.iterations).toBe(3);
        const fromB = await continued(b);
        const fromA = await continued(a);
        expect(Array.from(fromB)).toEqual(Array.from(fromA));
        // And the restored state drives the stock code to the same place.
        const c = tf.train.adam(0.02);
        await c.setWeights(saved.map((w) => ({ name: w.name, tensor: w.tensor.clone() })));
        restoreStockKernels(backend);
        expect(Array.from(await continued(c))).toEqual(Array.from(fromA));
        tf.dispose([v, ...saved.map((w) => w.tensor)]);
        for (const o of [a, b, c]) o.dispose();
      } finally {
        await restore();
      }
    }
  });
});

describe("fused Adam in model.fit", () => {
  function mlp(): tf.Sequential {
    const m = tf.sequential();
    const init = (seed: number) => tf.initializers.glorotUniform({ seed });
    m.add(
      tf.layers.dense({
        inputShape: [13],
        units: 9,
        activation: "relu",
        kernelInitializer: init(1),
      }),
    );
    m.add(tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: init(2) }));
    m.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["acc"] });
    return m;
  }

  async function fit(backend: Backend, fused: boolean) {
    await use(backend, fused);
    try {
      const model = mlp();
      const x = tf.tensor2d(seeded(40 * 13, 3), [40, 13]);
      const y = tf.tensor1d(Array.from(seeded(40, 4, 0, 3), Math.floor));
      const h = await model.fit(x, y, { batchSize: 8, epochs: 4, shuffle: false, verbose: 0 });
      const weights = model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
      tf.dispose([x, y]);
      model.dispose();
      return { loss: h.history.loss as number[], weights };
    } finally {
      await restore();
    }
  }

  it("the same loss curve and final weights as stock Adam, on wasm and cpu", async () => {
    for (const backend of ["wasm", "cpu"] as const) {
      const want = await fit(backend, false);
      const got = await fit(backend, true);
      expect(want.loss[3]!).toBeLessThan(want.loss[0]!);
      expect(got.loss).toEqual(want.loss);
      expectIdentical(got.weights, want.weights, `${backend} weight`);
    }
  });
});
