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
import { conv2dBackpropFilter, conv2dBackpropInput } from "./conv-kernels";
import { adamPatch } from "./fused-adam";
import { asWasmMemory, type WasmMemory } from "./heap-simd";
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
import { rnnCellPatches } from "./rnn-cells";
import { rnnSequencePatches } from "./rnn-sequence";
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
 * BatchMatMul with transposeA/transposeB: stock wasm runs these ~10x slower than the plain
 * product, so transpose explicitly (fast) and multiply without flags.
 */
function batchMatMul(stock: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) {
      return callKernel(stock, "BatchMatMul", args.backend, { a, b }, args.attrs!);
    }
    const a2 = transposeA ? swapLastTwo(args.backend, a) : a;
    const b2 = transposeB ? cachedTranspose(args.backend, b) : b;
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
 * Sum over leading axes (bias gradients reduce N, H, W of [N, H, W, C]): stock wasm transposes
 * the reduced axes last with a slow generic 4-D transpose; as a 2-D [outer, inner] tensor the
 * same transpose is 2-4x faster. Same summation order, so bit-identical to stock. Other axis
 * sets and dtypes go to the stock kernel unchanged.
 */
function sum(stock: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const x = args.inputs.x!;
    const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
    const k = axes.length;
    const leading = x.shape.length > 2 && k < x.shape.length && axes.every((d, i) => d === i);
    if (!leading || x.dtype !== "float32") {
      return callKernel(stock, "Sum", args.backend, args.inputs, args.attrs!);
    }
    const outer = tf.util.sizeFromShape(x.shape.slice(0, k));
    const rest = x.shape.slice(k);
    const x2 = { dataId: x.dataId, shape: [outer, tf.util.sizeFromShape(rest)], dtype: x.dtype };
    const out = callKernel(stock, "Sum", args.backend, { x: x2 }, { axis: [0], keepDims: false });
    return { ...out, shape: keepDims ? [...axes.map(() => 1), ...rest] : rest };
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

/** Everything we change on the wasm backend. */
export const wasmPatches: KernelPatch[] = [
  { kernelName: "Conv2DBackpropFilter", mode: "add", make: () => conv2dBackpropFilter },
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
  { kernelName: "MaxPoolGrad", mode: "replace", make: () => maxPoolGradKernel(access) },
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
  { kernelName: "Transpose", mode: "replace", make: transposeKernel },
  ...rnnCellPatches(access),
  adamPatch(access, wasmMemory),
  ...rnnSequencePatches(access, wasmMemory),
];
