/**
 * Kernel functions built on the typed-array loops in `loops.ts`. Each factory takes the way to
 * reach a backend's arrays (`ArrayAccess`), so cpu and wasm share one implementation.
 */
import * as tf from "@tensorflow/tfjs";
import type { ArrayAccess } from "./array-access";
import { type MemoryOf, simdFor } from "./heap-simd";
import {
  type ConvGeometry,
  conv2dFilterGradLoop,
  depthwiseGradLoop,
  gatherLoop,
  maxPool2x2,
  maxPoolGradLoop,
  segmentSumLoop,
  sliceLoop,
} from "./loops";
import { maxPoolGrad2x2Simd } from "./max-pool-grad-simd";

type TensorInfo = tf.TensorInfo;
type KernelFunc = tf.KernelFunc;
type KernelConfig = tf.KernelConfig;
type Conv2DInfo = tf.backend_util.Conv2DInfo;
type Shape4 = [number, number, number, number];
type Pad = "valid" | "same" | number | tf.backend_util.ExplicitPadding;
type Rounding = "floor" | "round" | "ceil" | undefined;

/** Plain geometry from tfjs's own shape arithmetic (so padding rules are exactly tfjs's). */
export function geometryOf(info: Conv2DInfo): ConvGeometry {
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/**
 * Calls another kernel of the same backend directly (no tape, no engine bookkeeping). `T` is
 * what that kernel returns: one tensor, or several for SplitV / Unpack.
 */
export function callKernel<T extends TensorInfo | TensorInfo[] = TensorInfo>(
  config: KernelConfig | undefined,
  name: string,
  backend: object,
  inputs: tf.NamedTensorInfoMap,
  attrs: Record<string, unknown>,
): T {
  if (config === undefined) {
    throw new Error(`ml-cert-labs kernels: the backend has no '${name}' kernel to build on.`);
  }
  return config.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as T;
}

/**
 * UnsortedSegmentSum (the gradient of gather, i.e. of Embedding layers): one scatter-add pass;
 * on wasm float32 rows of a multiple of 4 floats are added by `segmentSumRows` (heap-simd.ts).
 */
export function segmentSumKernel(
  access: (backend: object) => ArrayAccess,
  memoryOf?: MemoryOf,
): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const x = inputs.x!;
    const ids = inputs.segmentIds!;
    const numSegments = attrs!.numSegments as number;
    const inner = tf.util.sizeFromShape(x.shape.slice(ids.shape.length));
    const a = access(backend);
    const dtype = x.dtype === "int32" ? "int32" : "float32";
    const out = a.alloc([numSegments, ...x.shape.slice(ids.shape.length)], dtype);
    const [xs, is] = [a.read(x), a.read(ids)];
    const simd =
      dtype === "float32" && is instanceof Int32Array && inner % 4 === 0
        ? simdFor(memoryOf, backend, [xs, is, out.values])
        : null;
    if (simd === null) segmentSumLoop(xs, is, numSegments, inner, out.values);
    else {
      const n = is.length;
      simd.segmentSumRows(
        xs.byteOffset,
        is.byteOffset,
        n,
        numSegments,
        inner * 4,
        out.values.byteOffset,
      );
    }
    return out.info;
  };
}

/**
 * MaxPoolGrad, correct for windows whose values are all <= 0 (stock wasm loses those). Uses the
 * forward result `output` (which tfjs's maxPool gradient always passes) to find window maxima.
 */
export function maxPoolGradKernel(
  access: (backend: object) => ArrayAccess,
  memoryOf?: MemoryOf,
): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, input, output } = inputs as {
      dy: TensorInfo;
      input: TensorInfo;
      output?: TensorInfo;
    };
    const { filterSize, strides, pad, dimRoundingMode } = attrs as {
      filterSize: number | [number, number];
      strides: number | [number, number];
      pad: Pad;
      dimRoundingMode: Rounding;
    };
    const info = tf.backend_util.computePool2DInfo(
      input.shape as Shape4,
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const a = access(backend);
    const dx = a.alloc(input.shape, "float32");
    const g = geometryOf(info);
    const xs = a.read(input);
    const dys = a.read(dy);
    // (The SIMD loops run at least once: every count must be >= 1.)
    const nonEmpty = g.batch * g.outHeight * g.outWidth * g.inChannels > 0;
    const simd =
      maxPool2x2(g) && g.inChannels % 4 === 0 && nonEmpty ? memoryOf?.(backend) : undefined;
    const run = simd && xs.buffer === simd.buffer ? maxPoolGrad2x2Simd(simd) : null;
    if (run !== null && xs instanceof Float32Array && dys instanceof Float32Array) {
      const C4 = 4 * g.inChannels;
      const row = g.inWidth * C4;
      run(
        xs.byteOffset,
        dys.byteOffset,
        dx.values.byteOffset,
        g.batch,
        g.outHeight,
        g.outWidth,
        C4,
        row,
        g.inHeight * row,
      );
      return dx.info;
    }
    const y = output === undefined ? undefined : a.read(output);
    maxPoolGradLoop(xs, dys, g, dx.values, y);
    return dx.info;
  };
}

/**
 * Conv2DBackpropFilter's attributes as conv geometry for x, or null for channels-first (NCHW)
 * data, which our kernels leave to stock code.
 */
export function filterGradInfo(
  x: TensorInfo,
  attrs: tf.NamedAttrMap | undefined,
): { info: tf.backend_util.Conv2DInfo; filterShape: Shape4 } | null {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
    strides: [number, number] | number;
    pad: Pad;
    dataFormat: "NHWC" | "NCHW";
    dimRoundingMode: Rounding;
    filterShape: Shape4;
  };
  if (dataFormat === "NCHW") return null;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    "channelsLast",
  );
  return { info, filterShape };
}

/** Conv2DBackpropFilter with the direct loop (the cpu backend's fast path; NCHW goes to stock). */
export function conv2dFilterGradKernel(
  access: (backend: object) => ArrayAccess,
  stock: KernelConfig | undefined,
): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const geometry = filterGradInfo(x, attrs);
    if (geometry === null) {
      return callKernel(stock, "Conv2DBackpropFilter", backend, { x, dy }, attrs ?? {});
    }
    const a = access(backend);
    const dW = a.alloc(geometry.filterShape, "float32");
    conv2dFilterGradLoop(a.read(x), a.read(dy), geometryOf(geometry.info), dW.values);
    return dW.info;
  };
}

interface DepthwiseAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: Pad;
  dimRoundingMode: Rounding;
}

function depthwiseInfo(xShape: number[], filterShape: number[], attrs: DepthwiseAttrs) {
  return tf.backend_util.computeConv2DInfo(
    xShape as Shape4,
    filterShape as Shape4,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
}

/** DepthwiseConv2dNativeBackpropFilter (SeparableConv2D / DepthwiseConv2D layers). */
export function depthwiseFilterGradKernel(access: (backend: object) => ArrayAccess): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const at = attrs as unknown as DepthwiseAttrs & { filterShape: Shape4 };
    const info = depthwiseInfo(x.shape, at.filterShape, at);
    const a = access(backend);
    const dW = a.alloc(at.filterShape, "float32");
    depthwiseGradLoop(a.read(dy), geometryOf(info), { x: a.read(x), dW: dW.values });
    return dW.info;
  };
}

/** DepthwiseConv2dNativeBackpropInput. */
export function depthwiseInputGradKernel(access: (backend: object) => ArrayAccess): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const at = attrs as unknown as DepthwiseAttrs & { inputShape: Shape4 };
    const info = depthwiseInfo(at.inputShape, filter.shape, at);
    const a = access(backend);
    const dx = a.alloc(at.inputShape, "float32");
    depthwiseGradLoop(a.read(dy), geometryOf(info), { w: a.read(filter), dx: dx.values });
    return dx.info;
  };
}

/** Normalised [begin, size] of a Slice call (negative sizes mean "to the end"). */
function sliceBox(shape: number[], begin: number | number[], size: number | number[]) {
  const [b, s] = tf.slice_util.parseSliceParams({ shape } as TensorInfo, begin, size);
  return [b!, s!] as const;
}

const isNumeric = (t: TensorInfo) => t.dtype === "float32" || t.dtype === "int32";

/**
 * Slice without copying the whole input first (stock wasm reads all of x for every slice) or
 * reading element by element (stock cpu, for non-contiguous boxes such as LSTM gate splits).
 * Other dtypes go to the stock kernel.
 */
export function sliceKernel(
  access: (backend: object) => ArrayAccess,
  stock: KernelConfig | undefined,
): KernelFunc {
  return (args) => {
    const x = args.inputs.x!;
    if (!isNumeric(x)) {
      return callKernel(stock, "Slice", args.backend, args.inputs, args.attrs ?? {});
    }
    const { begin, size } = args.attrs as { begin: number | number[]; size: number | number[] };
    const [$begin, $size] = sliceBox(x.shape, begin, size);
    const a = access(args.backend);
    const out = a.alloc($size, x.dtype as "float32" | "int32");
    if (out.values.length > 0) sliceLoop(a.read(x), x.shape, $begin, $size, out.values);
    return out.info;
  };
}

/** SplitV built on the fast slice (the stock ones call their own slow slice directly). */
export function splitKernel(
  access: (backend: object) => ArrayAccess,
  stock: KernelConfig | undefined,
): KernelFunc {
  return (args) => {
    const x = args.inputs.x!;
    if (!isNumeric(x)) {
      return callKernel<TensorInfo[]>(stock, "SplitV", args.backend, args.inputs, args.attrs ?? {});
    }
    const { numOrSizeSplits, axis } = args.attrs as {
      numOrSizeSplits: number | number[];
      axis: number;
    };
    const $axis = tf.util.parseAxisParam(axis, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, $axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    const a = access(args.backend);
    return sizes.map((s) => {
      const size = x.shape.slice();
      size[$axis] = s;
      const out = a.alloc(size, x.dtype as "float32" | "int32");
      if (out.values.length > 0) sliceLoop(a.read(x), x.shape, begin, size, out.values);
      begin[$axis] += s;
      return out.info;
    });
  };
}

/** Unpack (unstack, e.g. an RNN splitting its input into time steps) on the fast slice. */
export function unpackKernel(
  access: (backend: object) => ArrayAccess,
  stock: KernelConfig | undefined,
): KernelFunc {
  return (args) => {
    const x = args.inputs.value!;
    if (!isNumeric(x)) {
      return callKernel<TensorInfo[]>(stock, "Unpack", args.backend, args.inputs, args.attrs ?? {});
    }
    const axis = tf.util.parseAxisParam(args.attrs!.axis as number, x.shape)[0];
    const outShape = x.shape.filter((_, i) => i !== axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    const size = x.shape.slice();
    size[axis] = 1;
    const a = access(args.backend);
    const outs: TensorInfo[] = [];
    for (let i = 0; i < x.shape[axis]; i++) {
      begin[axis] = i;
      const out = a.alloc(outShape, x.dtype as "float32" | "int32");
      if (out.values.length > 0) sliceLoop(a.read(x), x.shape, begin, size, out.values);
      outs.push(out.info);
    }
    return outs;
  };
}

/**
 * GatherV2 (Embedding lookups, and model.fit picking each batch's rows) as row copies (on wasm
 * one memory.copy per row, `gatherRows` in heap-simd.ts); the stock wasm kernel takes ~1 ms for
 * 64 images. Batched gathers go to the stock kernel.
 */
export function gatherKernel(
  access: (backend: object) => ArrayAccess,
  stock: KernelConfig | undefined,
  memoryOf?: MemoryOf,
): KernelFunc {
  return (args) => {
    const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = args.attrs as { axis: number; batchDims: number };
    if (!isNumeric(x) || batchDims !== 0) {
      return callKernel(stock, "GatherV2", args.backend, args.inputs, args.attrs ?? {});
    }
    const $axis = tf.util.parseAxisParam(axis, x.shape)[0];
    const axisDim = x.shape[$axis];
    const a = access(args.backend);
    const ids = a.read(indices);
    for (let i = 0; i < ids.length; i++) {
      const index = ids[i];
      if (!(index >= 0 && index <= axisDim - 1)) {
        throw new Error(`GatherV2: the index value ${index} is not in [0, ${axisDim - 1}]`);
      }
    }
    const outShape = [...x.shape.slice(0, $axis), ...indices.shape, ...x.shape.slice($axis + 1)];
    const outer = tf.util.sizeFromShape(x.shape.slice(0, $axis));
    const inner = tf.util.sizeFromShape(x.shape.slice($axis + 1));
    const out = a.alloc(outShape, x.dtype as "float32" | "int32");
    if (out.values.length === 0) return out.info;
    const [xs, is] = [a.read(x), a.read(indices)];
    const simd =
      is instanceof Int32Array ? simdFor(memoryOf, args.backend, [xs, is, out.values]) : null;
    if (simd === null) gatherLoop(xs, is, outer, axisDim, inner, out.values);
    else {
      const rowBytes = inner * 4; // float32 and int32 alike
      for (let o = 0; o < outer; o++) {
        const src = xs.byteOffset + o * axisDim * rowBytes;
        simd.gatherRows(
          src,
          is.byteOffset,
          is.length,
          rowBytes,
          out.values.byteOffset + o * is.length * rowBytes,
        );
      }
    }
    return out.info;
  };
}
