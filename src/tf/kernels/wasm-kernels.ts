/**
 * Kernels that make the stock tfjs `wasm` backend train every layer the labs use, fast:
 * - added where wasm has none: Conv2DBackpropFilter (on wasm's own XNNPACK matmul / conv, in
 *   `conv-kernels.ts`), UnsortedSegmentSum (Embedding gradient), depthwise-conv gradients;
 * - replaced: MaxPoolGrad (stock drops the gradient of windows whose values are all <= 0),
 *   BatchMatMul with transposed inputs and Conv2DBackpropInput (10x slower stock paths,
 *   rerouted to the fast non-transposed matmul / forward conv), Slice/SplitV/Unpack (stock
 *   copies the whole input out of the heap for every slice), GatherV2 (slow row copies) and
 *   Sum over leading axes (bias gradients; stock's 4-D transpose is slow).
 */
import * as tf from "@tensorflow/tfjs";
import { type ArrayAccess, type WasmBackendLike, wasmAccess } from "./array-access";
import { filterGradBlocks, filterGradSimd } from "./conv-filter-simd";
import { conv2dBackpropFilter, conv2dBackpropInput } from "./conv-kernels";
import { elementwiseSimd } from "./elementwise-simd";
import { adamPatch } from "./fused-adam";
import { gemmRows, gemmSimd } from "./gemm-simd";
import { asWasmMemory, simdFor, type WasmMemory } from "./heap-simd";
import {
  callKernel,
  depthwiseFilterGradKernel,
  depthwiseInputGradKernel,
  gatherKernel,
  maxPoolGradKernel,
  segmentSumKernel,
  sliceKernel,
  splitKernel,
  unpackKernel,
} from "./js-kernels";
import type { KernelPatch } from "./kernel-registry";
import { reluGradPatch } from "./relu-grad";
import { rnnCellPatches } from "./rnn-cells";
import { rnnSequencePatches } from "./rnn-sequence";
import { STRIP } from "./wasm-bytes";
import { dispose, transpose } from "./wasm-ops";

type TensorInfo = tf.TensorInfo;
type KernelFunc = tf.KernelFunc;

const access = (backend: object): ArrayAccess => wasmAccess(backend as WasmBackendLike);
/** The WebAssembly.Memory of tfjs-wasm's heap (emscripten exports it as `asm.memory`). */
function wasmMemory(backend: object): WasmMemory | undefined {
  return asWasmMemory((backend as { wasm?: { asm?: { memory?: unknown } } }).wasm?.asm?.memory);
}

function swapLastTwo(backend: object, t: TensorInfo): TensorInfo {
  const perm = t.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1]!, perm[r - 2]!];
  return transpose(backend, t, perm);
}

/**
 * Recently transposed right-hand operands. In an RNN's backward pass the same weight matrix is
 * multiplied transposed once per time step; reusing its transpose also lets XNNPACK reuse its
 * packed weights (a fresh right-hand side costs ~60 µs per matmul). tfjs never changes data in
 * place, so a data id (plus shape) identifies the contents. Bounded; evicted entries are freed.
 */
const TRANSPOSE_CACHE_SIZE = 4;
const transposedCache = new Map<object, { shape: string; backend: object; info: TensorInfo }>();

function disposeCached(entry: { backend: object; info: TensorInfo }): void {
  try {
    dispose(entry.backend, entry.info);
  } catch {
    // The backend was disposed (tf.removeBackend) and its memory with it.
  }
}

function cachedTranspose(backend: object, t: TensorInfo): TensorInfo {
  const key = t.dataId as object;
  const shape = t.shape.join(",");
  const hit = transposedCache.get(key);
  transposedCache.delete(key);
  if (hit !== undefined && hit.shape === shape && hit.backend === backend) {
    transposedCache.set(key, hit); // most recently used last
    return hit.info;
  }
  if (hit !== undefined) disposeCached(hit);
  const info = swapLastTwo(backend, t);
  transposedCache.set(key, { shape, backend, info });
  if (transposedCache.size > TRANSPOSE_CACHE_SIZE) {
    const [oldest, entry] = transposedCache.entries().next().value!;
    disposeCached(entry);
    transposedCache.delete(oldest);
  }
  return info;
}

/**
 * BatchMatMul. Float32 products whose output width is a multiple of 8 and whose B fits in a
 * core's L2 cache (the lab models' layers) run as our SIMD kernels straight on the heap (no
 * packing, no transpose of A): `gemmSimd` for A · B, and `filterGradSimd` as a 1 x 1
 * convolution's filter gradient for Aᵀ · B. They match XNNPACK's unpacked speed and skip its
 * packing of B, which Adam makes a new tensor every step (measured on the bench MLP's
 * 64 x 784 x 256 product: 1.0 ms against 1.9 ms). Bigger B, where XNNPACK's cache blocking
 * wins, and other dtypes go to the stock kernel; transposeA/transposeB otherwise transpose
 * explicitly first, as stock wasm runs those ~10x slower than the plain product.
 */
function batchMatMul(stock: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) {
      return (
        simdMatMul(args.backend, a, b, false) ??
        callKernel(stock, "BatchMatMul", args.backend, { a, b }, args.attrs!)
      );
    }
    const b2 = transposeB ? cachedTranspose(args.backend, b) : b;
    const ours = simdMatMul(args.backend, a, b2, transposeA);
    if (ours !== null) return ours;
    const a2 = transposeA ? swapLastTwo(args.backend, a) : a;
    const out = callKernel(
      stock,
      "BatchMatMul",
      args.backend,
      { a: a2, b: b2 },
      { ...args.attrs, transposeA: false, transposeB: false },
    );
    if (transposeA) dispose(args.backend, a2);
    return out;
  };
}

/**
 * B sizes (floats) up to which the SIMD product is used: to 1 MB it beat XNNPACK here (2 MB of
 * L2 per core); at 4 MB XNNPACK's cache blocking was 2x faster. Mutable for tests and A/B runs.
 */
export const matMulLimits = { maxB: 1 << 18 };

/**
 * op(A) · B on the heap for float32 a [...batch, M, K] (or [...batch, K, M] with transposeA) and
 * b [...batch, K, N], where one side's batch may be 1 (broadcast); null when it is not ours.
 */
function simdMatMul(
  backend: object,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
): TensorInfo | null {
  if (a.dtype !== "float32" || b.dtype !== "float32") return null;
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra < 2 || rb < 2) return null;
  const [rowsA, colsA] = a.shape.slice(-2) as [number, number];
  const [K, N] = b.shape.slice(-2) as [number, number];
  const M = transposeA ? colsA : rowsA;
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const batchA = tf.util.sizeFromShape(outerA);
  const batchB = tf.util.sizeFromShape(outerB);
  // Batches pair up one to one, or one side is a single matrix ([1, 2] with [2, 1] is 2 x 2).
  const paired = tf.util.arraysEqual(outerA, outerB) || batchA === 1 || batchB === 1;
  if ((transposeA ? rowsA : colsA) !== K || !paired) return null;
  const outer = tf.backend_util.assertAndGetBroadcastShape(outerA, outerB);
  const batch = tf.util.sizeFromShape(outer);
  if (N % STRIP !== 0 || batch * M * K * N === 0 || K * N > matMulLimits.maxB) return null;
  const memory = wasmMemory(backend);
  const fns = memory === undefined || transposeA ? null : gemmRows(memory);
  const blocks = memory === undefined || !transposeA ? null : filterGradBlocks(memory);
  if (fns === null && blocks === null) return null;
  const acc = access(backend);
  const out = acc.allocUncleared([...outer, M, N], "float32");
  const [pa, pb, pc] = [a, b, out].map((t) => acc.read(t).byteOffset) as [number, number, number];
  for (let i = 0; i < batch; i++) {
    const ai = pa + (batchA === 1 ? 0 : i * M * K * 4);
    const bi = pb + (batchB === 1 ? 0 : i * K * N * 4);
    const ci = pc + i * M * N * 4;
    if (fns !== null) gemmSimd(fns, ai, bi, ci, M, K, N);
    else filterGradSimd(blocks!, ai, bi, ci, productAsFilterGrad(K, M, N));
  }
  return out;
}

/** Aᵀ · B, A [K, M] and B [K, N], is the filter gradient of a 1 x 1 convolution over K pixels. */
function productAsFilterGrad(K: number, M: number, N: number) {
  return {
    batch: 1,
    inHeight: 1,
    inWidth: K,
    inChannels: M,
    outHeight: 1,
    outWidth: K,
    outChannels: N,
    filterHeight: 1,
    filterWidth: 1,
    strideHeight: 1,
    strideWidth: 1,
  };
}

/** A new tensor on the same wasm data (reference count bumped): tfjs never writes into inputs. */
function shareData(backend: object, x: TensorInfo): TensorInfo {
  (backend as WasmBackendLike & { incRef(dataId: object): void }).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * Identity without copying: tfjs never writes into a kernel's inputs, so (like the cpu backend
 * and wasm's own Reshape) the clone can share the data and bump its reference count. The
 * engine clones every tensor it saves for backprop, so an RNN step makes thousands of these.
 */
function identity(stock: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const x = args.inputs.x!;
    if (x.dtype === "string") return callKernel(stock, "Identity", args.backend, { x }, {});
    return shareData(args.backend, x);
  };
}

/**
 * Sum over leading axes (bias gradients reduce N, H, W of [N, H, W, C], and N of a Dense
 * layer's [N, units]) as a column sum of the 2-D [outer, inner] view: with inner a multiple of
 * 4, `segmentSumRows` (heap-simd.ts) with every row in segment 0 adds the rows in order, four
 * columns at a time, in one pass (5x stock, which first transposes); otherwise the stock
 * kernel on the 2-D view (stock wasm's generic 4-D transpose is 2-4x slower). Both add each
 * column from 0 in row order, as stock does, so the result is bit-identical. Other axis sets
 * and dtypes go to the stock kernel unchanged.
 */
function sum(stock: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const x = args.inputs.x!;
    const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
    const k = axes.length;
    const leading = x.shape.length >= 2 && k < x.shape.length && axes.every((d, i) => d === i);
    if (!leading || x.dtype !== "float32") {
      return callKernel(stock, "Sum", args.backend, args.inputs, args.attrs!);
    }
    const outer = tf.util.sizeFromShape(x.shape.slice(0, k));
    const rest = x.shape.slice(k);
    const inner = tf.util.sizeFromShape(rest);
    const shape = keepDims ? [...axes.map(() => 1), ...rest] : rest;
    const a = access(args.backend);
    if (inner % 4 === 0 && outer > 0) {
      const out = a.alloc(shape, "float32");
      const rows = a.alloc([outer], "int32"); // all zeros: one segment
      const [xs, is, os] = [a.read(x), a.read(rows.info), a.read(out.info)];
      const simd = simdFor(wasmMemory, args.backend, [xs, is, os]);
      if (simd !== null) {
        simd.segmentSumRows(xs.byteOffset, is.byteOffset, outer, 1, inner * 4, os.byteOffset);
        dispose(args.backend, rows.info);
        return out.info;
      }
      dispose(args.backend, rows.info, out.info);
    }
    if (x.shape.length === 2)
      return callKernel(stock, "Sum", args.backend, args.inputs, args.attrs!);
    const x2 = { dataId: x.dataId, shape: [outer, inner], dtype: x.dtype };
    const out = callKernel(stock, "Sum", args.backend, { x: x2 }, { axis: [0], keepDims: false });
    return { ...out, shape };
  };
}

/**
 * Add. x [..., C] + a bias [C] (or [1, ..., 1, C]), float32 with C a multiple of 4, runs as
 * `addRows` (elementwise-simd.ts: the same float32 adds, 3x faster than stock's broadcasting
 * path); everything else goes to the stock kernel.
 */
function add(stock: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const C = a.shape[a.shape.length - 1] ?? 0;
    const bias =
      a.dtype === "float32" &&
      b.dtype === "float32" &&
      a.shape.length >= 2 &&
      b.shape.length <= a.shape.length &&
      C % 4 === 0 &&
      tf.util.sizeFromShape(b.shape) === C &&
      b.shape[b.shape.length - 1] === C &&
      tf.util.sizeFromShape(a.shape) > 0;
    const memory = bias ? wasmMemory(args.backend) : undefined;
    const run = memory === undefined ? null : (elementwiseSimd(memory)?.addRows ?? null);
    if (run === null) return callKernel(stock, "Add", args.backend, args.inputs, args.attrs ?? {});
    const acc = access(args.backend);
    const out = acc.allocUncleared(a.shape, "float32");
    const [pa, pb, po] = [a, b, out].map((t) => acc.read(t).byteOffset) as [number, number, number];
    run(pa, pb, po, tf.util.sizeFromShape(a.shape) / C, 4 * C);
    return out;
  };
}

/**
 * Cast. To the dtype a tensor already has (the ReLU gradient does one per layer and step): a
 * shared-data view instead of a copy. To bool: x != 0 (NaN is true), as on cpu and in
 * TensorFlow; stock wasm copies the numbers into bytes, so -2.5 became 254. Others: stock.
 */
function cast(stock: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const x = args.inputs.x!;
    const dtype = args.attrs!.dtype as string;
    if (x.dtype === dtype && x.dtype !== "string") return shareData(args.backend, x);
    if (dtype === "bool" && (x.dtype === "float32" || x.dtype === "int32")) {
      const backend = args.backend as WasmBackendLike;
      const out = backend.makeOutput(x.shape, "bool");
      const values = backend.typedArrayFromHeap(x);
      const bytes = backend.typedArrayFromHeap(out);
      for (let i = 0; i < values.length; i++) bytes[i] = values[i] !== 0 ? 1 : 0;
      return out;
    }
    return callKernel(stock, "Cast", args.backend, args.inputs, args.attrs!);
  };
}

/**
 * Transpose by the identity permutation (the gather gradient does two per Embedding step) as a
 * shared-data view, like `identity`; stock wasm copies. Real permutations use the stock kernel.
 */
function transposeKernel(stock: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const x = args.inputs.x!;
    const perm = args.attrs!.perm as number[];
    if (x.dtype === "string" || perm.some((p, i) => p !== i)) {
      return callKernel(stock, "Transpose", args.backend, args.inputs, args.attrs!);
    }
    return shareData(args.backend, x);
  };
}

/**
 * MaxPool / AvgPool whose output is empty (an input smaller than one window, e.g. after too many
 * poolings): stock wasm hands XNNPACK a zero-sized pooling, which writes out of bounds and
 * breaks the backend for the rest of the session. The empty result, as cpu gives.
 */
function emptySafePool(kernelName: string) {
  return (stock: tf.KernelConfig | undefined): KernelFunc =>
    (args) => {
      const x = args.inputs.x!;
      const { filterSize, strides, pad, dimRoundingMode } = args.attrs as {
        filterSize: number | [number, number];
        strides: number | [number, number];
        pad: "valid" | "same" | number;
        dimRoundingMode?: "floor" | "round" | "ceil";
      };
      const info = tf.backend_util.computePool2DInfo(
        x.shape as [number, number, number, number],
        filterSize,
        strides,
        1,
        pad,
        dimRoundingMode,
      );
      if (tf.util.sizeFromShape(info.outShape) > 0) {
        return callKernel(stock, kernelName, args.backend, args.inputs, args.attrs!);
      }
      return access(args.backend).allocUncleared(
        info.outShape,
        x.dtype === "int32" ? "int32" : "float32",
      );
    };
}

/** Everything we change on the wasm backend. */
export const wasmPatches: KernelPatch[] = [
  { kernelName: "Conv2DBackpropFilter", mode: "add", make: () => conv2dBackpropFilter(wasmMemory) },
  {
    kernelName: "UnsortedSegmentSum",
    mode: "add",
    make: () => segmentSumKernel(access, wasmMemory),
  },
  {
    kernelName: "DepthwiseConv2dNativeBackpropFilter",
    mode: "add",
    make: () => depthwiseFilterGradKernel(access),
  },
  {
    kernelName: "DepthwiseConv2dNativeBackpropInput",
    mode: "add",
    make: () => depthwiseInputGradKernel(access),
  },
  { kernelName: "MaxPoolGrad", mode: "replace", make: () => maxPoolGradKernel(access, wasmMemory) },
  { kernelName: "BatchMatMul", mode: "replace", make: batchMatMul },
  { kernelName: "Conv2DBackpropInput", mode: "replace", make: conv2dBackpropInput },
  { kernelName: "Slice", mode: "replace", make: (stock) => sliceKernel(access, stock) },
  { kernelName: "SplitV", mode: "replace", make: (stock) => splitKernel(access, stock) },
  { kernelName: "Unpack", mode: "replace", make: (stock) => unpackKernel(access, stock) },
  {
    kernelName: "GatherV2",
    mode: "replace",
    make: (stock) => gatherKernel(access, stock, wasmMemory),
  },
  { kernelName: "Identity", mode: "replace", make: identity },
  { kernelName: "Sum", mode: "replace", make: sum },
  { kernelName: "Add", mode: "replace", make: add },
  { kernelName: "Cast", mode: "replace", make: cast },
  { kernelName: "MaxPool", mode: "replace", make: emptySafePool("MaxPool") },
  { kernelName: "AvgPool", mode: "replace", make: emptySafePool("AvgPool") },
  { kernelName: "Transpose", mode: "replace", make: transposeKernel },
  ...rnnCellPatches(access),
  adamPatch(access, wasmMemory),
  reluGradPatch(access, wasmMemory),
  ...rnnSequencePatches(access, wasmMemory),
];
