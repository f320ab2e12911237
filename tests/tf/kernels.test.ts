/**
 * Every kernel we register or reroute matches the stock cpu backend (values and gradients)
 * on random inputs, within ATOL = 1e-5 + RTOL = 1e-4 x |value| (see helpers.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ready, tf } from "../../src/tf";
import { filterGradBlocks } from "../../src/tf/kernels/conv-filter-simd";
import { convLimits } from "../../src/tf/kernels/conv-kernels";
import { elementwiseSimd } from "../../src/tf/kernels/elementwise-simd";
import { gemmRows } from "../../src/tf/kernels/gemm-simd";
import { heapSimd, type WasmMemory } from "../../src/tf/kernels/heap-simd";
import { patchedKernels } from "../../src/tf/kernels/kernel-registry";
import { maxPoolGrad2x2Simd } from "../../src/tf/kernels/max-pool-grad-simd";
import { rnnGateSimd } from "../../src/tf/kernels/rnn-simd";
import { expectSameAsStockCpu, runOn, seeded, useBackend, worstError } from "./helpers";

type Pad = "valid" | "same" | tf.backend_util.ExplicitPadding;
type Shape4 = [number, number, number, number];

beforeAll(async () => {
  await ready({ backend: "wasm", quiet: true });
});

const t4 = (shape: Shape4, seed: number, lo = -1, hi = 1) =>
  tf.tensor4d(
    seeded(
      shape.reduce((a, b) => a * b),
      seed,
      lo,
      hi,
    ),
    shape,
  );

describe("run-time-built WebAssembly SIMD modules", () => {
  // An invalid module silently falls back to stock or JS code, so check that each one builds.
  it("all validate and bind to the wasm heap", async () => {
    await useBackend("wasm");
    const memory = (tf.backend() as unknown as { wasm: { asm: { memory: WasmMemory } } }).wasm.asm
      .memory;
    expect(heapSimd(memory)).not.toBeNull();
    expect(elementwiseSimd(memory)).not.toBeNull();
    expect(gemmRows(memory)).not.toBeNull();
    expect(filterGradBlocks(memory)).not.toBeNull();
    expect(maxPoolGrad2x2Simd(memory)).not.toBeNull();
    for (const [act, recAct] of [
      [0, 1],
      [1, 1],
    ]) {
      expect(rnnGateSimd(memory, act!, recAct!, true)).not.toBeNull();
    }
  });
});

describe("kernel registration", () => {
  it("adds the kernels stock wasm lacks and reroutes the slow or wrong ones", () => {
    expect(patchedKernels("wasm")).toEqual([
      "Add",
      "AvgPool",
      "BatchMatMul",
      "Cast",
      "Conv2DBackpropFilter",
      "Conv2DBackpropInput",
      "DepthwiseConv2dNativeBackpropFilter",
      "DepthwiseConv2dNativeBackpropInput",
      "GatherV2",
      "Identity",
      "MaxPool",
      "MaxPoolGrad",
      "MlLabsAdamUpdate",
      "MlLabsGruSequence",
      "MlLabsGruSequenceGrad",
      "MlLabsGruStepA",
      "MlLabsGruStepAGrad",
      "MlLabsGruStepB",
      "MlLabsGruStepBGrad",
      "MlLabsLstmGates",
      "MlLabsLstmGatesGrad",
      "MlLabsLstmSequence",
      "MlLabsLstmSequenceGrad",
      "MlLabsReluGrad",
      "Slice",
      "SplitV",
      "Sum",
      "Transpose",
      "Unpack",
      "UnsortedSegmentSum",
    ]);
    expect(patchedKernels("cpu")).toContain("Conv2DBackpropFilter");
    expect(patchedKernels("cpu")).toContain("UnsortedSegmentSum");
    expect(patchedKernels("cpu")).toContain("MlLabsReluGrad");
  });
});

const explicit: tf.backend_util.ExplicitPadding = [
  [0, 0],
  [1, 2],
  [0, 1],
  [0, 0],
];

// x shape, filter shape, stride, padding.
const convCases: [string, Shape4, Shape4, 1 | 2 | [1, 2], Pad][] = [
  ["stride 1 valid, batch 1", [1, 7, 9, 3], [3, 3, 3, 4], 1, "valid"],
  ["stride 1 same, odd sizes", [2, 7, 9, 3], [3, 3, 3, 4], 1, "same"],
  ["stride 2 valid", [2, 9, 8, 2], [3, 3, 2, 5], 2, "valid"],
  ["stride 2 same", [2, 9, 8, 2], [3, 3, 2, 5], 2, "same"],
  ["stride [1, 2] explicit", [2, 8, 9, 3], [2, 3, 3, 4], [1, 2], explicit],
  ["stride 1 explicit, 1x1 filter", [1, 5, 6, 4], [1, 1, 4, 3], 1, explicit],
  ["filter as large as the input", [2, 5, 5, 2], [5, 5, 2, 3], 1, "valid"],
  ["even filter, same", [2, 6, 7, 2], [2, 4, 2, 3], 1, "same"],
  // One input channel and many filters: wasm's filter gradient takes the im2col product.
  ["Ci 1, stride 1 valid (first layer)", [3, 9, 8, 1], [3, 3, 1, 16], 1, "valid"],
  ["Ci 1, stride 2 same, batch 1", [1, 9, 10, 1], [3, 3, 1, 16], 2, "same"],
  ["Ci 1, stride [1, 2] explicit", [2, 8, 9, 1], [2, 3, 1, 9], [1, 2], explicit],
  ["Ci 2, stride 2 valid, even sizes", [2, 10, 8, 2], [3, 3, 2, 27], 2, "valid"],
  // Output channels a multiple of 8: wasm's filter gradient takes the SIMD implicit product
  // (rows of a filter row in blocks of 4 and a shorter last block, strips of 8 channels).
  ["Co 8, Ci 1, stride 1 valid (3 rows per filter row)", [3, 9, 8, 1], [3, 3, 1, 8], 1, "valid"],
  ["Co 16, Ci 3, stride 1 same (9 rows: 4 + 4 + 1)", [2, 7, 9, 3], [3, 3, 3, 16], 1, "same"],
  ["Co 24, Ci 2, stride 2 same (6 rows: 4 + 2)", [2, 9, 8, 2], [3, 3, 2, 24], 2, "same"],
  ["Co 8, Ci 4, stride [1, 2] explicit", [2, 8, 9, 4], [2, 3, 4, 8], [1, 2], explicit],
  ["Co 32, Ci 16, valid, windows miss the last row", [2, 8, 7, 16], [3, 3, 16, 32], 2, "valid"],
  ["Co 8, 1x1 filter, Ci 5", [2, 4, 5, 5], [1, 1, 5, 8], 1, "valid"],
  ["Co 8, even filter, same (pads more below)", [1, 6, 7, 3], [2, 4, 3, 8], 1, "same"],
];

function convGradients(xShape: Shape4, wShape: Shape4, strides: 1 | 2 | [1, 2], pad: Pad) {
  return () => {
    const x = t4(xShape, 1);
    const w = t4(wShape, 2);
    const f = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.conv2d(a, b, strides, pad);
    const y = f(x, w);
    const r = tf.tensor(seeded(y.size, 3), y.shape);
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      f(a as tf.Tensor4D, b as tf.Tensor4D)
        .mul(r)
        .sum(),
    )([x, w]);
    return [y, dx!, dw!];
  };
}

describe("Conv2D gradients (Conv2DBackpropFilter / Conv2DBackpropInput)", () => {
  it.each(convCases)("%s", async (_name, xShape, wShape, strides, pad) => {
    await expectSameAsStockCpu(convGradients(xShape, wShape, strides, pad));
  });

  // wasm picks its filter-gradient method by shape; force each one on every case, and cut the
  // im2col product into chunks of 1-2 images.
  const methods: [string, Partial<typeof convLimits>][] = [
    ["im2col product", { forceProduct: true, noSimd: true }],
    ["im2col product in chunks", { forceProduct: true, maxCols: 300, noSimd: true }],
    ["conv of transposes", { forceProduct: false, noSimd: true }],
  ];
  describe.each(methods)("wasm filter gradient by %s", (_method, limits) => {
    const saved = { ...convLimits };
    beforeAll(() => {
      Object.assign(convLimits, limits);
    });
    afterAll(() => {
      Object.assign(convLimits, saved);
      if (saved.forceProduct === undefined) delete convLimits.forceProduct;
      if (saved.noSimd === undefined) delete convLimits.noSimd;
    });
    it.each(convCases)("%s", async (_name, xShape, wShape, strides, pad) => {
      await expectSameAsStockCpu(convGradients(xShape, wShape, strides, pad));
    });
  });

  it("channels-first (NCHW) on cpu still works (stock kernel)", async () => {
    const f = () => {
      const x = t4([2, 3, 6, 5], 30);
      const w = t4([3, 3, 3, 2], 31);
      return [
        tf.grad((b: tf.Tensor) =>
          tf
            .conv2d(x, b as tf.Tensor4D, 1, "same", "NCHW")
            .square()
            .sum(),
        )(w),
      ];
    };
    const [want] = await runOn("cpu-stock", f);
    const [got] = await runOn("cpu", f);
    expect(worstError(got!, want!)).toBeLessThanOrEqual(1);
  });

  it("conv1d (as used by Conv1D layers) trains the same", async () => {
    await expectSameAsStockCpu(() => {
      const x = tf.tensor3d(seeded(2 * 11 * 3, 4), [2, 11, 3]);
      const w = tf.tensor3d(seeded(5 * 3 * 4, 5), [5, 3, 4]);
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf
          .conv1d(a as tf.Tensor3D, b as tf.Tensor3D, 2, "same")
          .square()
          .sum(),
      )([x, w]);
      return [dx!, dw!];
    });
  });
});

describe("MaxPoolGrad", () => {
  const cases: [string, Shape4, number, number, "valid" | "same", number, number][] = [
    ["2x2 stride 2, mixed signs", [2, 6, 7, 3], 2, 2, "valid", -1, 1],
    ["all values negative (stock wasm loses these)", [1, 6, 6, 2], 2, 2, "valid", -2, -0.1],
    ["3x3 stride 2 same, odd sizes", [2, 7, 9, 2], 3, 2, "same", -1, 1],
    ["3x3 stride 1 overlapping windows", [1, 5, 5, 3], 3, 1, "valid", -1, 1],
    // Channels a multiple of 4: wasm's SIMD 2x2 kernel (odd sizes leave a row / column out).
    ["2x2 stride 2, 4 channels, odd sizes", [2, 7, 9, 4], 2, 2, "valid", -1, 1],
    ["2x2 stride 2, 8 channels, all negative", [3, 4, 6, 8], 2, 2, "valid", -2, -0.1],
    ["2x2 stride 2, 16 channels, batch 1", [1, 6, 5, 16], 2, 2, "valid", -1, 1],
  ];
  it.each(cases)("%s", async (_name, shape, size, stride, pad, lo, hi) => {
    await expectSameAsStockCpu(() => {
      const x = t4(shape, 6, lo, hi);
      const y = tf.maxPool(x, size, stride, pad);
      const r = tf.tensor(seeded(y.size, 7), y.shape);
      const dx = tf.grad((a: tf.Tensor) =>
        tf
          .maxPool(a as tf.Tensor4D, size, stride, pad)
          .mul(r)
          .sum(),
      )(x);
      return [y, dx];
    });
  });

  it("a 1 x 3 input (no whole 2 x 2 window): empty output, zero gradient, backend still fine", async () => {
    // Stock wasm wrote out of bounds here and broke the backend for the rest of the session.
    for (const where of ["cpu", "wasm"] as const) {
      const [y, dx, dxAvg, after] = await runOn(where, () => {
        const x = t4([2, 1, 3, 4], 9);
        return [
          tf.maxPool(x, 2, 2, "valid"),
          tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 2, 2, "valid").sum())(x),
          tf.grad((a: tf.Tensor) => tf.avgPool(a as tf.Tensor4D, 2, 2, "valid").sum())(x),
          tf.maxPool(t4([1, 2, 2, 4], 10), 2, 2, "valid"),
        ];
      });
      expect(y!.length).toBe(0);
      expect(Array.from(dx!)).toEqual(new Array(24).fill(0));
      expect(Array.from(dxAvg!)).toEqual(new Array(24).fill(0));
      expect(after!.length).toBe(4);
    }
  });

  it.each([3, 4])("NaN never wins a window, as in the stock kernel (%i channels)", async (C) => {
    await expectSameAsStockCpu(() => {
      const v = Array.from(seeded(2 * 4 * 4 * C, 32));
      // single NaNs, whole windows of NaN (channel 0 of the first window) and -Infinity
      [0, 1, 5, 17, 18, 19, 20, 40, 41, 44, 45, C, 4 * C, 5 * C].forEach((i) => {
        v[i] = Number.NaN;
      });
      [60, 61, 62, 70].forEach((i) => {
        v[i] = Number.NEGATIVE_INFINITY;
      });
      v[4 * 4 * C + 1] = -3e38; // the only number in a window of NaNs still wins it
      [1, 4, 5].forEach((k) => {
        v[4 * 4 * C + 1 + k * C] = Number.NaN;
      });
      const x = tf.tensor4d(v, [2, 4, 4, C]);
      const r = tf.tensor4d(seeded(2 * 2 * 2 * C, 33), [2, 2, 2, C]);
      return [
        tf.grad((a: tf.Tensor) =>
          tf
            .maxPool(a as tf.Tensor4D, 2, 2, "valid")
            .mul(r)
            .sum(),
        )(x),
        tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 3, 1, "same").sum())(x),
      ];
    });
  });

  it.each([
    5, 8,
  ])("ties after ReLU (zeros, -0 and +0) go to the first max of the window (%i channels)", async (C) => {
    await expectSameAsStockCpu(() => {
      const v = Array.from(seeded(3 * 6 * 8 * C, 34)).map((u) => (u < 0 ? 0 : u));
      [3, 8, 40, 41, 77].forEach((i) => {
        v[i] = -0;
      });
      for (let i = 100; i < 140; i++) v[i] = 0.5; // whole windows of equal values
      const x = tf.tensor4d(v, [3, 6, 8, C]);
      const r = tf.tensor4d(seeded(3 * 3 * 4 * C, 35), [3, 3, 4, C]);
      return [
        tf.grad((a: tf.Tensor) =>
          tf
            .maxPool(a as tf.Tensor4D, 2, 2, "valid")
            .mul(r)
            .sum(),
        )(x),
      ];
    });
  });

  it("does not trust a wrong forward output (direct kernel call)", async () => {
    const f = () => {
      const x = t4([2, 4, 6, 3], 36);
      const dy = t4([2, 2, 3, 3], 37);
      // Too small, too large, NaN and right maxima mixed: the gradient must not change.
      const bogus = tf.tensor4d(
        Array.from(seeded(2 * 2 * 3 * 3, 38)).map((u, i) =>
          i % 4 === 0 ? Number.NaN : i % 4 === 1 ? u * 5 : u,
        ),
        [2, 2, 3, 3],
      );
      const attrs = { filterSize: 2, strides: 2, pad: "valid", dimRoundingMode: undefined };
      const grad = (output: tf.Tensor) =>
        tf.engine().runKernel("MaxPoolGrad", { dy, input: x, output }, attrs as never) as tf.Tensor;
      return [grad(bogus), grad(tf.maxPool(x, 2, 2, "valid"))];
    };
    const [want] = await runOn("cpu-stock", f);
    for (const where of ["cpu", "wasm"] as const) {
      const [withBogus, withTrue] = await runOn(where, f);
      expect(worstError(withBogus!, want!)).toBe(0);
      expect(worstError(withTrue!, want!)).toBe(0);
    }
  });

  it("tanh -> maxPool gets a gradient on every window", async () => {
    const [dx] = await runOn("wasm", () => {
      const x = t4([1, 4, 4, 1], 8, -3, -1).tanh(); // every value negative
      return [tf.grad((a: tf.Tensor) => tf.maxPool(a as tf.Tensor4D, 2, 2, "valid").sum())(x)];
    });
    // One winner per 2x2 window: 4 windows, each passes gradient 1.
    expect(Array.from(dx!).filter((v) => v === 1)).toHaveLength(4);
  });
});

describe("Sum over leading axes (bias gradients)", () => {
  it("reduces N, H, W (keepDims or not), leading axes of any rank, and falls back otherwise", async () => {
    await expectSameAsStockCpu(() => {
      const x = t4([3, 5, 7, 4], 40);
      const x3 = tf.tensor3d(seeded(6 * 5 * 3, 41), [6, 5, 3]);
      const ints = tf.tensor3d(
        Array.from({ length: 24 }, (_, i) => i - 7),
        [2, 3, 4],
        "int32",
      );
      return [
        x.sum([0, 1, 2]),
        x.sum([2, 0, 1], true),
        x.sum(0),
        x.sum([0, 1]),
        x3.sum(0, true),
        x.sum([0, 2]), // not leading: stock kernel
        x.sum([1, 2, 3]),
        x.sum(),
        ints.sum([0, 1]).cast("float32"),
        tf.grad((b: tf.Tensor) =>
          tf
            .conv2d(x, b as tf.Tensor4D, 1, "same")
            .relu()
            .sum(),
        )(t4([3, 3, 4, 2], 42)),
      ];
    });
  });
});

describe("Sum over leading axes, bit for bit", () => {
  it.each([
    ["[N, H, W, C] to [C]", [5, 6, 7, 8], [0, 1, 2]],
    ["Dense bias [N, units] to [units]", [33, 12], [0]],
    ["inner not a multiple of 4", [9, 7, 3], [0, 1]],
  ] as [
    string,
    number[],
    number[],
  ][])("%s: each column added from 0 in row order, in float32 (stock's order)", async (_n, shape, axes) => {
    const size = shape.reduce((p, q) => p * q);
    const [got] = await runOn("wasm", () => [tf.tensor(seeded(size, 43), shape).sum(axes)]);
    const x = Float32Array.from(seeded(size, 43));
    const inner = shape.slice(axes.length).reduce((p, q) => p * q, 1);
    const want = new Float32Array(inner);
    for (let i = 0; i < size; i++) want[i % inner] = Math.fround(want[i % inner]! + x[i]!);
    expect(Array.from(got!)).toEqual(Array.from(want));
  });
});

describe("Add (bias adds) and Cast", () => {
  it("bias adds of any rank, and every other Add, match stock", async () => {
    await expectSameAsStockCpu(() => {
      const x4 = t4([3, 5, 7, 8], 50);
      const b = tf.tensor1d(seeded(8, 51));
      const x2 = tf.tensor2d(seeded(6 * 12, 52), [6, 12]);
      const ints = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [2, 4], "int32");
      return [
        x4.add(b), // conv bias: [N, H, W, C] + [C]
        x4.add(b.reshape([1, 1, 8])),
        x2.add(tf.tensor1d(seeded(12, 53))), // Dense bias
        x2.add(tf.tensor2d(seeded(12, 54), [1, 12])),
        x4.add(x4), // same shapes: stock
        x4.add(tf.tensor(seeded(7, 55), [7, 1])), // broadcast along another axis: stock
        tf
          .tensor2d(seeded(5 * 6, 56), [5, 6])
          .add(tf.tensor1d(seeded(6, 57))), // C % 4 !== 0
        b.add(x4), // bias first: stock
        ints.add(tf.tensor1d([1, 2, 3, 4], "int32")).cast("float32"),
        tf.grad((w: tf.Tensor) => x4.add(w).square().sum())(b), // the gradient still sums
      ];
    });
  });

  it("a bias add is one float32 add per element (bit-identical)", async () => {
    const [got] = await runOn("wasm", () => [
      tf.tensor(seeded(4 * 3 * 16, 58), [4, 3, 16]).add(tf.tensor1d(seeded(16, 59))),
    ]);
    const x = seeded(4 * 3 * 16, 58);
    const b = seeded(16, 59);
    expect(Array.from(got!)).toEqual(Array.from(x, (v, i) => Math.fround(v + b[i % 16]!)));
  });

  it("a cast to the same dtype shares data that outlives its input; other casts convert", async () => {
    const [same, toInt, toBool, intToBool] = await runOn("wasm", () => {
      const x = tf.tensor1d([1.5, -2.5, 0, 3, Number.NaN, -0]);
      const y = x.cast("float32");
      const i = x.slice(0, 4).cast("int32");
      const b = x.cast("bool");
      const ib = tf.tensor1d([0, -256, 256, 7], "int32").cast("bool");
      x.dispose();
      return [y, i.cast("float32"), b.cast("float32"), ib.cast("float32")];
    });
    expect(Array.from(same!)).toEqual([1.5, -2.5, 0, 3, Number.NaN, -0]);
    expect(Array.from(toInt!)).toEqual([1, -2, 0, 3]);
    // x != 0, as on cpu and in TensorFlow (stock wasm gave 254 for -2.5 and 0 for 256)
    expect(Array.from(toBool!)).toEqual([1, 1, 0, 1, 1, 0]);
    expect(Array.from(intToBool!)).toEqual([0, 1, 1, 1]);
  });

  it("casts to bool agree with stock cpu", async () => {
    await expectSameAsStockCpu(() => [
      tf.tensor1d([1.5, -2.5, 0, 3, Number.NaN, -0, 1e-40]).cast("bool").cast("float32"),
      tf.tensor1d([0, -256, 256, 7], "int32").cast("bool").cast("float32"),
    ]);
  });
});

describe("ReLU gradient (one fused kernel)", () => {
  // NaN, infinities and signed zeros in x and dy: step(NaN) is NaN, dy * 0 keeps dy's sign.
  const special = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1e-40];
  const withSpecials = (n: number, seed: number) => {
    const v = Array.from(seeded(n, seed, -2, 2));
    special.forEach((s, k) => {
      v[(k * 7) % n] = s;
    });
    return v;
  };
  it.each([
    ["dense sizes", [6, 8]],
    ["conv output, length not a multiple of 4", [2, 3, 5, 3]],
    ["one element", [1]],
  ] as [
    string,
    number[],
  ][])("%s: values, gradients and gradients of gradients match stock", async (_n, shape) => {
    await expectSameAsStockCpu(() => {
      const n = shape.reduce((p, q) => p * q);
      const x = tf.tensor(withSpecials(n, 60), shape);
      const dy = tf.tensor(withSpecials(n, 61).reverse(), shape);
      const g = tf.grad((a: tf.Tensor) => tf.relu(a).mul(dy).sum());
      const first = (a: tf.Tensor) => tf.grad((b: tf.Tensor) => tf.relu(b).mul(b).sum())(a);
      const smooth = tf.tensor(seeded(n, 62), shape);
      return [g(x), tf.grad((a: tf.Tensor) => first(a).mul(dy).sum())(smooth)];
    });
  });

  it("is dy times step(x) in float32, bit for bit (wasm)", async () => {
    const n = 4 * 33 + 3;
    const xs = withSpecials(n, 63);
    const dys = Array.from(seeded(n, 64, -3, 3));
    const [got] = await runOn("wasm", () => [
      tf.grad((a: tf.Tensor) => tf.relu(a).mul(tf.tensor1d(dys)).sum())(tf.tensor1d(xs)),
    ]);
    const f = Float32Array.from(xs);
    const want = Float32Array.from(dys, (d, i) => {
      const v = f[i]!;
      return d * (v > 0 ? 1 : Number.isNaN(v) ? Number.NaN : 0);
    });
    expect(Array.from(got!)).toEqual(Array.from(want));
  });
});

describe("UnsortedSegmentSum (Embedding / gather gradient)", () => {
  it("gather gradient with repeated ids, 2-D ids", async () => {
    await expectSameAsStockCpu(() => {
      const table = tf.tensor2d(seeded(13 * 5, 9), [13, 5]);
      const ids = tf.tensor2d([0, 3, 3, 12, 7, 0, 1, 3], [2, 4], "int32");
      const r = tf.tensor(seeded(2 * 4 * 5, 10), [2, 4, 5]);
      return [tf.grad((t: tf.Tensor) => tf.gather(t, ids).mul(r).sum())(table)];
    });
  });

  it("direct call, ids out of range are dropped", async () => {
    await expectSameAsStockCpu(() => {
      const x = tf.tensor2d(seeded(6 * 3, 11), [6, 3]);
      const ids = tf.tensor1d([2, 0, 2, 5, 1, 2], "int32"); // 5 >= numSegments
      return [tf.unsortedSegmentSum(x, ids, 4)];
    });
  });

  // Rows of a multiple of 4 floats take wasm's SIMD scatter-add (heap-simd.ts).
  it("rows of 4 and 16 floats, negative and out-of-range ids dropped", async () => {
    await expectSameAsStockCpu(() => {
      const x4 = tf.tensor2d(seeded(7 * 4, 12), [7, 4]);
      const x16 = tf.tensor2d(seeded(10 * 16, 13), [10, 16]);
      const ids16 = tf.tensor1d([0, 9, 3, 3, 0, 1, 1, 8, 3, 0], "int32");
      return [
        tf.unsortedSegmentSum(x4, tf.tensor1d([2, 0, 2, 5, 1, 2, -1], "int32"), 4),
        tf.unsortedSegmentSum(x16, ids16, 10),
      ];
    });
  });

  it("Embedding-like gather gradient (16-float rows, many repeats)", async () => {
    await expectSameAsStockCpu(() => {
      const table = tf.tensor2d(seeded(50 * 16, 14), [50, 16]);
      const ids = tf.tensor2d(Array.from(seeded(3 * 40, 15, 0, 50), Math.floor), [3, 40], "int32");
      const r = tf.tensor(seeded(3 * 40 * 16, 16), [3, 40, 16]);
      return [tf.grad((t: tf.Tensor) => tf.gather(t, ids).mul(r).sum())(table)];
    });
  });
});

describe("BatchMatMul with transposed inputs", () => {
  const cases: [string, number[], number[], boolean, boolean][] = [
    ["a^T b", [5, 3], [5, 4], true, false],
    ["a b^T", [3, 5], [4, 5], false, true],
    ["a^T b^T", [5, 3], [4, 5], true, true],
    ["batched a^T b", [2, 5, 3], [2, 5, 4], true, false],
    ["batched broadcast a b^T", [2, 3, 5], [1, 4, 5], false, true],
    // Output widths that are multiples of 8 take wasm's SIMD products (rows in blocks of 4,
    // a shorter last block; columns in strips of 8).
    ["SIMD a b, 4 + 3 rows, 2 strips", [7, 5], [5, 16], false, false],
    ["SIMD a b, one row, K 1", [1, 1], [1, 8], false, false],
    ["SIMD a b, 6 rows, K 33", [6, 33], [33, 24], false, false],
    ["SIMD a^T b, 4 + 2 rows", [9, 6], [9, 16], true, false],
    ["SIMD a^T b, one row", [3, 1], [3, 8], true, false],
    ["SIMD a b^T", [5, 7], [8, 7], false, true],
    ["SIMD a^T b^T", [7, 5], [8, 7], true, true],
    ["SIMD batched a b", [3, 5, 6], [3, 6, 8], false, false],
    ["SIMD batched broadcast a^T b", [2, 6, 5], [1, 6, 16], true, false],
    ["SIMD broadcast a (batch 1) b", [1, 3, 4], [2, 4, 8], false, false],
    ["SIMD rank 4 a b", [2, 2, 3, 4], [2, 2, 4, 8], false, false],
    ["SIMD a (rank 2) with a batch of b", [3, 4], [2, 4, 8], false, false],
    [
      "batches [1, 2] and [2, 1] broadcast to 2 x 2: stock",
      [1, 2, 3, 4],
      [2, 1, 4, 8],
      false,
      false,
    ],
    ["B too big for the SIMD product: stock", [3, 520], [520, 512], false, false],
  ];
  it.each(cases)("%s", async (_name, aShape, bShape, ta, tb) => {
    await expectSameAsStockCpu(() => {
      const a = tf.tensor(
        seeded(
          aShape.reduce((p, q) => p * q),
          12,
        ),
        aShape,
      );
      const b = tf.tensor(
        seeded(
          bShape.reduce((p, q) => p * q),
          13,
        ),
        bShape,
      );
      return [tf.matMul(a, b, ta, tb)];
    });
  });

  it("random shapes (seeded): the SIMD products match stock, transposed or not", async () => {
    const dims = seeded(4 * 12, 70, 0, 1);
    await expectSameAsStockCpu(() =>
      Array.from({ length: 12 }, (_, i) => {
        const M = 1 + Math.floor(dims[4 * i]! * 13);
        const K = 1 + Math.floor(dims[4 * i + 1]! * 40);
        const N = 8 * (1 + Math.floor(dims[4 * i + 2]! * 5));
        const [ta, tb] = [dims[4 * i + 3]! < 0.5, i % 3 === 0];
        const a = tf.tensor(seeded(M * K, 71 + i), ta ? [K, M] : [M, K]);
        const b = tf.tensor(seeded(K * N, 91 + i), tb ? [N, K] : [K, N]);
        return tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, ta, tb);
      }),
    );
  });

  it("reuses a transposed operand only for the same data and shape", async () => {
    await expectSameAsStockCpu(() => {
      const a = tf.tensor2d(seeded(3 * 6, 14), [3, 6]);
      const w = tf.tensor2d(seeded(24, 15), [4, 6]);
      const wAsOther = w.reshape([6, 4]); // shares w's data, different shape
      const outs: tf.Tensor[] = [];
      for (let i = 0; i < 3; i++) outs.push(tf.matMul(a, w, false, true));
      outs.push(tf.matMul(a.reshape([6, 3]), wAsOther, true, false));
      outs.push(tf.matMul(tf.ones([2, 4]), wAsOther, false, true));
      outs.push(tf.matMul(a, w.add(1), false, true)); // new data, same shape
      return outs;
    });
  });
});

describe("depthwise conv gradients (SeparableConv2D)", () => {
  const cases: [string, Shape4, Shape4, 1 | 2, "valid" | "same"][] = [
    ["multiplier 1, stride 1 same", [2, 6, 7, 3], [3, 3, 3, 1], 1, "same"],
    ["multiplier 2, stride 2 valid", [1, 7, 7, 2], [3, 3, 2, 2], 2, "valid"],
  ];
  it.each(cases)("%s", async (_name, xShape, wShape, stride, pad) => {
    await expectSameAsStockCpu(() => {
      const x = t4(xShape, 14);
      const w = t4(wShape, 15);
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf
          .depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad)
          .square()
          .sum(),
      )([x, w]);
      return [dx!, dw!];
    });
  });

  // tfjs's depthwise gradient refuses dilation > 1 and the stock cpu backprop kernels ignore
  // it, so the reference here is the forward op: for the linear f(w) = sum(conv(x, w) * dy),
  // dW[k] = f(one-hot k), and likewise dx[k] = f(x = one-hot k).
  it("dilation 2 (direct kernel calls vs forward-op reference)", async () => {
    const xShape: Shape4 = [1, 8, 8, 2];
    const wShape: Shape4 = [3, 3, 2, 1];
    const inputs = () => ({ x: t4(xShape, 16), w: t4(wShape, 17), dy: t4([1, 4, 4, 2], 18) });
    const oneHots = (shape: Shape4) => {
      const n = shape.reduce((a, b) => a * b);
      return tf
        .oneHot(tf.range(0, n, 1, "int32"), n)
        .toFloat()
        .reshape([n, ...shape])
        .unstack() as tf.Tensor4D[];
    };
    const [refW, refX] = await runOn("cpu-stock", () => {
      const { x, w, dy } = inputs();
      const f = (a: tf.Tensor4D, b: tf.Tensor4D) =>
        tf.depthwiseConv2d(a, b, 1, "valid", "NHWC", 2).mul(dy).sum();
      return [
        tf.stack(oneHots(wShape).map((e) => f(x, e))),
        tf.stack(oneHots(xShape).map((e) => f(e, w))),
      ];
    });
    for (const where of ["cpu", "wasm"] as const) {
      const [dW, dX] = await runOn(where, () => {
        const { x, w, dy } = inputs();
        const attrs = { strides: 1, dilations: 2, pad: "valid", dimRoundingMode: undefined };
        const run = (name: string, ins: object, extra: object) =>
          tf.engine().runKernel(name, ins as never, { ...attrs, ...extra } as never) as tf.Tensor;
        return [
          run("DepthwiseConv2dNativeBackpropFilter", { x, dy }, { filterShape: wShape }),
          run("DepthwiseConv2dNativeBackpropInput", { dy, filter: w }, { inputShape: xShape }),
        ];
      });
      expect(worstError(dW!, refW!), `${where} dW`).toBeLessThanOrEqual(1);
      expect(worstError(dX!, refX!), `${where} dx`).toBeLessThanOrEqual(1);
    }
  });
});

describe("GatherV2, Unpack and Identity", () => {
  it("gathers rows, inner axes and int32 values; unstacks along any axis", async () => {
    await expectSameAsStockCpu(() => {
      const x = tf.tensor3d(seeded(5 * 4 * 3, 23), [5, 4, 3]);
      const ids = tf.tensor1d([4, 0, 0, 2], "int32");
      const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], "int32");
      return [
        tf.gather(x, ids),
        tf.gather(x, tf.tensor2d([1, 3, 2, 2], [2, 2], "int32"), 1),
        tf.gather(x, tf.tensor1d([2, 0], "int32"), 2),
        tf.gather(ints, tf.tensor1d([2, 1], "int32")).toFloat(),
        ...tf.unstack(x, 0),
        ...tf.unstack(x, 1),
        tf.clone(x).add(1),
      ];
    });
  });

  it("Transpose by the identity permutation shares the data and frees it once unused", async () => {
    await expectSameAsStockCpu(() => {
      const x = tf.tensor3d(seeded(3 * 4 * 2, 24), [3, 4, 2]);
      return [
        tf.transpose(x, [0, 1, 2]).add(1),
        tf.transpose(x, [2, 0, 1]),
        tf.transpose(tf.transpose(x, [0, 1, 2]), [1, 0, 2]),
        tf.grad((t: tf.Tensor) => tf.transpose(t, [0, 1, 2]).square().sum())(x),
      ];
    });
    await useBackend("wasm");
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const before = backend.numDataIds();
    const x = tf.tensor2d(seeded(6, 25), [2, 3]);
    const t = tf.transpose(x, [0, 1]);
    x.dispose(); // t keeps the shared data alive
    expect(Array.from(t.dataSync())).toEqual(Array.from(seeded(6, 25)));
    t.dispose();
    expect(backend.numDataIds()).toBe(before);
  });

  it("rejects out-of-range gather indices like the stock kernels", async () => {
    for (const where of ["cpu", "wasm"] as const) {
      await expect(
        runOn(where, () => [tf.gather(tf.ones([3, 2]), tf.tensor1d([0, 3], "int32"))]),
      ).rejects.toThrow("GatherV2: the index value 3 is not in [0, 2]");
    }
  });
});

describe("Slice and split (fast paths)", () => {
  it("LSTM-style gate split and strided slices of every rank", async () => {
    await expectSameAsStockCpu(() => {
      const z = tf.tensor2d(seeded(6 * 16, 19), [6, 16]);
      const gates = tf.split(z, 4, 1);
      const x3 = tf.tensor3d(seeded(4 * 5 * 6, 20), [4, 5, 6]);
      const x5 = tf.tensor(seeded(2 * 3 * 4 * 3 * 2, 21), [2, 3, 4, 3, 2]);
      return [
        ...gates,
        ...tf.split(z, [3, 5, 8], 1),
        tf.slice(x3, [1, 2, 3], [2, 2, -1]),
        tf.slice(x5, [0, 1, 1, 0, 1], [2, 2, 2, 3, 1]),
        tf.slice(tf.tensor1d(seeded(9, 22)), 2, 5),
      ];
    });
  });
});
