/**
 * Kernels that make the stock tfjs `wasm` backend train every layer the labs use, fast:
 * - added where wasm has none: Conv2DBackpropFilter (composed from wasm's own XNNPACK conv),
 *   UnsortedSegmentSum (Embedding gradient), depthwise-conv gradients;
 * - replaced: MaxPoolGrad (stock drops the gradient of windows whose values are all <= 0),
 *   BatchMatMul with transposed inputs and stride-1 Conv2DBackpropInput (10x slower stock paths,
 *   rerouted to the fast non-transposed matmul / forward conv), Slice/SplitV/Unpack (stock
 *   copies the whole input out of the heap for every slice) and GatherV2 (slow row copies).
 */
import * as tf from "@tensorflow/tfjs";
import { type ArrayAccess, type WasmBackendLike, wasmAccess } from "./array-access";
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

type TensorInfo = tf.TensorInfo;
type KernelFunc = tf.KernelFunc;
type Shape4 = [number, number, number, number];
type Pad = "valid" | "same" | number | tf.backend_util.ExplicitPadding;
type Rounding = "floor" | "round" | "ceil" | undefined;

const BACKEND = "wasm";
const access = (backend: object): ArrayAccess => wasmAccess(backend as WasmBackendLike);
const stockKernel = (name: string) => tf.getKernel(name, BACKEND);

function dispose(backend: object, ...infos: TensorInfo[]): void {
  for (const t of infos) (backend as WasmBackendLike).disposeData(t.dataId);
}

function transpose(backend: object, x: TensorInfo, perm: number[]): TensorInfo {
  return callKernel(stockKernel("Transpose"), "Transpose", backend, { x }, { perm });
}

/** wasm's forward Conv2D (XNNPACK) with explicit padding [top, bottom, left, right]. */
function conv2d(
  backend: object,
  x: TensorInfo,
  filter: TensorInfo,
  strides: [number, number],
  dilations: [number, number],
  pads: [number, number, number, number],
): TensorInfo {
  const pad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [pads[0], pads[1]],
    [pads[2], pads[3]],
    [0, 0],
  ];
  return callKernel(
    stockKernel("Conv2D"),
    "Conv2D",
    backend,
    { x, filter },
    { strides, dilations, pad, dataFormat: "NHWC", dimRoundingMode: undefined },
  );
}

/**
 * dW[i, j, ci, co] = sum over n, ho, wo of x[n, ho*s + i - pad, ., ci] * dy[n, ho, wo, co] is
 * itself a convolution: treat input channels as the batch and the batch as channels, i.e.
 * convolve x^T [Ci, H, W, N] with dy^T [Ho, Wo, N, Co] at stride 1 and dilation = the forward
 * stride. The result [Ci, fh(+extra), fw(+extra), Co] is cropped and transposed to dW.
 */
const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as {
    strides: [number, number] | number;
    pad: Pad;
    dataFormat: "NHWC" | "NCHW";
    dimRoundingMode: Rounding;
    filterShape: Shape4;
  };
  if (dataFormat === "NCHW") {
    throw new Error("Conv2DBackpropFilter: the wasm backend supports channels-last (NHWC) only.");
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { filterHeight: fh, filterWidth: fw, strideHeight: sH, strideWidth: sW } = info;
  const { top, left } = info.padInfo;
  // Rows/cols of zeros needed below/right so that the output is at least fh x fw.
  const bottom = Math.max(0, fh - info.inHeight - top + (info.outHeight - 1) * sH);
  const right = Math.max(0, fw - info.inWidth - left + (info.outWidth - 1) * sW);

  const xT = transpose(backend, x, [3, 1, 2, 0]);
  const dyT = transpose(backend, dy, [1, 2, 0, 3]);
  const y = conv2d(backend, xT, dyT, [1, 1], [sH, sW], [top, bottom, left, right]);
  dispose(backend, xT, dyT);

  const a = access(backend);
  const dW = a.alloc(filterShape, "float32");
  const yv = a.read(y);
  const dw = dW.values;
  const [, yH, yW] = y.shape as Shape4;
  const Ci = info.inChannels;
  const Co = info.outChannels;
  for (let ci = 0; ci < Ci; ci++) {
    for (let i = 0; i < fh; i++) {
      for (let j = 0; j < fw; j++) {
        const src = ((ci * yH + i) * yW + j) * Co;
        const dst = ((i * fw + j) * Ci + ci) * Co;
        for (let co = 0; co < Co; co++) dw[dst + co] = yv[src + co];
      }
    }
  }
  dispose(backend, y);
  return dW.info;
};

/**
 * Stride-1 Conv2DBackpropInput as a forward conv of dy with the filter rotated 180 degrees and
 * its channel axes swapped ("full" convolution). Other strides use the stock kernel.
 */
function conv2dBackpropInput(stock: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const { inputShape, strides, pad, dataFormat, dimRoundingMode } = args.attrs as {
      inputShape: Shape4;
      strides: [number, number] | number;
      pad: Pad;
      dataFormat: "NHWC" | "NCHW";
      dimRoundingMode: Rounding;
    };
    const fallback = () =>
      callKernel(stock, "Conv2DBackpropInput", args.backend, args.inputs, args.attrs!);
    if (dataFormat === "NCHW") return fallback();
    const info = tf.backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as Shape4,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const { filterHeight: fh, filterWidth: fw, inChannels: Ci, outChannels: Co } = info;
    const top = fh - 1 - info.padInfo.top;
    const left = fw - 1 - info.padInfo.left;
    const bottom = info.inHeight - info.outHeight + info.padInfo.top;
    const right = info.inWidth - info.outWidth + info.padInfo.left;
    const simple = info.strideHeight === 1 && info.strideWidth === 1;
    if (!simple || top < 0 || left < 0 || bottom < 0 || right < 0) return fallback();

    const a = access(args.backend);
    const rotated = a.alloc([fh, fw, Co, Ci], "float32");
    const r = rotated.values;
    const w = a.read(filter);
    for (let i = 0; i < fh; i++) {
      for (let j = 0; j < fw; j++) {
        const src = ((fh - 1 - i) * fw + (fw - 1 - j)) * Ci * Co;
        const dst = (i * fw + j) * Co * Ci;
        for (let ci = 0; ci < Ci; ci++) {
          for (let co = 0; co < Co; co++) r[dst + co * Ci + ci] = w[src + ci * Co + co];
        }
      }
    }
    const dx = conv2d(args.backend, dy, rotated.info, [1, 1], [1, 1], [top, bottom, left, right]);
    dispose(args.backend, rotated.info);
    return dx;
  };
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

/**
 * Identity without copying: tfjs never writes into a kernel's inputs, so (like the cpu backend
 * and wasm's own Reshape) the clone can share the data and bump its reference count. The
 * engine clones every tensor it saves for backprop, so an RNN step makes thousands of these.
 */
function identity(stock: tf.KernelConfig | undefined): KernelFunc {
  return (args) => {
    const x = args.inputs.x!;
    if (x.dtype === "string") return callKernel(stock, "Identity", args.backend, { x }, {});
    (args.backend as WasmBackendLike & { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

/** Everything we change on the wasm backend. */
export const wasmPatches: KernelPatch[] = [
  { kernelName: "Conv2DBackpropFilter", mode: "add", make: () => conv2dBackpropFilter },
  { kernelName: "UnsortedSegmentSum", mode: "add", make: () => segmentSumKernel(access) },
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
  { kernelName: "GatherV2", mode: "replace", make: (stock) => gatherKernel(access, stock) },
  { kernelName: "Identity", mode: "replace", make: identity },
  ...rnnCellPatches(access),
  ...rnnSequencePatches(access),
];
