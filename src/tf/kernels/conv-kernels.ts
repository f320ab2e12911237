/**
 * 2-D convolution gradients for the `wasm` backend, built on wasm's own XNNPACK kernels
 * (matrix product, forward conv) so the heavy arithmetic runs in SIMD wasm, not JS.
 */
import * as tf from "@tensorflow/tfjs";
import { type ArrayAccess, type WasmBackendLike, wasmAccess } from "./array-access";
import { filterGradBlocks, filterGradSimd } from "./conv-filter-simd";
import type { MemoryOf } from "./heap-simd";
import { callKernel, filterGradInfo, geometryOf } from "./js-kernels";
import { im2colTransposedLoop, placeLoop } from "./loops";
import { STRIP } from "./wasm-bytes";
import { conv2d, dispose, matMul, transpose, viewAs } from "./wasm-ops";

type TensorInfo = tf.TensorInfo;
type KernelFunc = tf.KernelFunc;
type Shape4 = [number, number, number, number];
type Pad = "valid" | "same" | number | tf.backend_util.ExplicitPadding;
type Rounding = "floor" | "round" | "ceil" | undefined;

const access = (backend: object): ArrayAccess => wasmAccess(backend as WasmBackendLike);

/**
 * Largest im2col matrix (floats) built at once; bigger batches go in chunks of images.
 * Mutable so tests can exercise the chunked path on small tensors (`noSimd` turns the SIMD
 * implicit product off and `forceProduct` picks one of the two XNNPACK methods regardless of
 * shapes).
 */
export const convLimits: { maxCols: number; forceProduct?: boolean; noSimd?: boolean } = {
  maxCols: 1 << 24,
};

/**
 * Conv2DBackpropFilter (added: stock wasm has none). When the output channels are a multiple of
 * 8 (nearly every layer learners build): the implicit product of conv-filter-simd.ts, which
 * reads x and dy in place (2-3x faster than the XNNPACK routes below on the bench CNN, as
 * dy is new every step and XNNPACK re-packs it). Otherwise two ways on XNNPACK:
 * - few input channels (K = fh*fw*Ci small next to Co, e.g. a first layer on grey images): ONE
 *   matrix product dW [K, Co] = colsᵀ [K, N*Ho*Wo] · dy [N*Ho*Wo, Co] (dW's own layout), the
 *   transposed im2col built in JS and dy used in place. 1.2-1.4x faster there (in training)
 *   than the other way, which moves dy twice (a transpose, then wasm's filter re-layout);
 * - otherwise a convolution of transposes, where the JS im2col (K values per pixel) would cost
 *   more than those two passes over dy.
 * Both sum in float32, like XNNPACK's convolutions.
 */
export const conv2dBackpropFilter =
  (memoryOf: MemoryOf): KernelFunc =>
  (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const geometry = filterGradInfo(x, args.attrs);
    if (geometry === null) {
      throw new Error("Conv2DBackpropFilter: the wasm backend supports channels-last (NHWC) only.");
    }
    const { info, filterShape } = geometry;
    const memory = convLimits.noSimd === true ? undefined : memoryOf(args.backend);
    const blocks = memory === undefined ? null : filterGradBlocks(memory);
    const pixels = info.batchSize * info.outHeight * info.outWidth;
    if (blocks !== null && info.outChannels % STRIP === 0 && pixels > 0) {
      return filterGradByBlocks(args, info, filterShape, blocks);
    }
    const K = info.filterHeight * info.filterWidth * info.inChannels;
    const viaProduct = convLimits.forceProduct ?? 3 * K <= 2 * info.outChannels;
    return viaProduct
      ? filterGradByProduct(args, info, filterShape)
      : filterGradByConv(args, info, filterShape);
  };

/**
 * The SIMD implicit product on the heap. It reads windows of an unpadded x, so padding (and
 * rows or columns the windows never reach) first goes through a copy of x with exactly the
 * rows and columns the windows cover, zeros included: one `set` per image row, cheap next to
 * the product.
 */
function filterGradByBlocks(
  { inputs, backend }: Parameters<KernelFunc>[0],
  info: tf.backend_util.Conv2DInfo,
  filterShape: Shape4,
  blocks: NonNullable<ReturnType<typeof filterGradBlocks>>,
): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: Ci } = info;
  const { top, left } = info.padInfo;
  // The rows and columns of (padded) x that windows cover.
  const needH = (info.outHeight - 1) * info.strideHeight + info.filterHeight;
  const needW = (info.outWidth - 1) * info.strideWidth + info.filterWidth;
  const inPlace = top === 0 && left === 0 && needH <= H && needW <= W;
  const a = access(backend);
  const dW = a.allocUncleared(filterShape, "float32");
  const padded = inPlace ? undefined : a.alloc([N, needH, needW, Ci], "float32");
  if (padded !== undefined) {
    const xv = a.read(x);
    const pv = a.read(padded.info);
    const w0 = left; // first column of padded x that holds a value
    const w1 = Math.min(needW, W + left); // ... and one past the last
    for (let n = 0; n < N; n++) {
      for (let hp = Math.max(0, top); hp < Math.min(needH, H + top); hp++) {
        const src = ((n * H + hp - top) * W + w0 - left) * Ci;
        if (w1 > w0)
          pv.set(xv.subarray(src, src + (w1 - w0) * Ci), ((n * needH + hp) * needW + w0) * Ci);
      }
    }
  }
  const byteOffset = (t: TensorInfo) => a.read(t).byteOffset;
  filterGradSimd(blocks, byteOffset(padded?.info ?? x), byteOffset(dy), byteOffset(dW), {
    ...geometryOf(info),
    ...(padded === undefined ? {} : { inHeight: needH, inWidth: needW }),
  });
  if (padded !== undefined) dispose(backend, padded.info);
  return dW;
}

/**
 * dW[i, j, ci, co] = sum over n, ho, wo of x[n, ho*s + i - pad, ., ci] * dy[n, ho, wo, co] is
 * itself a convolution: treat input channels as the batch and the batch as channels, i.e.
 * convolve x^T [Ci, H, W, N] with dy^T [Ho, Wo, N, Co] at stride 1 and dilation = the forward
 * stride. The result [Ci, fh(+extra), fw(+extra), Co] is cropped and transposed to dW.
 */
function filterGradByConv(
  { inputs, backend }: Parameters<KernelFunc>[0],
  info: tf.backend_util.Conv2DInfo,
  filterShape: Shape4,
): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
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
}

/** dW = colsᵀ · dy, in chunks of images when cols would exceed `convLimits.maxCols` floats. */
function filterGradByProduct(
  { inputs, backend }: Parameters<KernelFunc>[0],
  info: tf.backend_util.Conv2DInfo,
  filterShape: Shape4,
): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const g = geometryOf(info);
  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const pixels = g.outHeight * g.outWidth;
  const Co = g.outChannels;
  const chunk = Math.max(1, Math.floor(convLimits.maxCols / Math.max(1, K * pixels)));
  const a = access(backend);
  const product = (n0: number, count: number, dyPart: TensorInfo | undefined): TensorInfo => {
    const M = count * pixels;
    const cols = a.alloc([1, K, M], "float32");
    const imageSize = g.inHeight * g.inWidth * g.inChannels;
    const xv = a.read(x).subarray(n0 * imageSize, (n0 + count) * imageSize);
    im2colTransposedLoop(xv, { ...g, batch: count }, cols.values);
    const out = matMul(backend, cols.info, dyPart ?? viewAs(dy, [1, M, Co]));
    dispose(backend, cols.info);
    return out;
  };
  if (chunk >= g.batch) return viewAs(product(0, g.batch, undefined), filterShape);

  // Huge batches: sum the products of chunks of images (bounded memory).
  const dW = a.alloc(filterShape, "float32");
  for (let n0 = 0; n0 < g.batch; n0 += chunk) {
    const count = Math.min(chunk, g.batch - n0);
    const part = a.alloc([1, count * pixels, Co], "float32");
    part.values.set(a.read(dy).subarray(n0 * pixels * Co, (n0 + count) * pixels * Co));
    const partial = product(n0, count, part.info);
    const pv = a.read(partial);
    const dw = a.read(dW.info);
    for (let k = 0; k < dw.length; k++) dw[k] += pv[k];
    dispose(backend, part.info, partial);
  }
  return dW.info;
}

/**
 * Conv2DBackpropInput as a forward conv (XNNPACK) of dy with the filter rotated 180 degrees and
 * its channel axes swapped ("full" convolution). Strides > 1 first spread dy out with zeros
 * between its pixels (dy is small next to dx). NCHW and paddings this cannot express go to the
 * stock kernel (naive loops).
 */
export function conv2dBackpropInput(stock: tf.KernelConfig | undefined): KernelFunc {
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
    const { strideHeight: sH, strideWidth: sW, batchSize: N } = info;
    // dy with (stride - 1) zeros between pixels: [N, (Ho-1)*sH + 1, (Wo-1)*sW + 1, Co], then
    // padded (or cropped, where dy rows only ever met padding) for the "full" convolution.
    const spreadH = (info.outHeight - 1) * sH + 1;
    const spreadW = (info.outWidth - 1) * sW + 1;
    const top = fh - 1 - info.padInfo.top;
    const left = fw - 1 - info.padInfo.left;
    const bottom = info.inHeight - spreadH + info.padInfo.top;
    const right = info.inWidth - spreadW + info.padInfo.left;
    if (info.outHeight * info.outWidth * info.inHeight * info.inWidth === 0) return fallback();
    // XNNPACK pads; only strides and crops need dy rebuilt in JS.
    const direct = sH === 1 && sW === 1 && Math.min(top, left, bottom, right) >= 0;

    const a = access(args.backend);
    const rotated = a.alloc([fh, fw, Co, Ci], "float32");
    const placedH = top + spreadH + bottom;
    const placedW = left + spreadW + right;
    const placed = direct ? undefined : a.alloc([N, placedH, placedW, Co], "float32");
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
    if (placed !== undefined) {
      const dyShape: Shape4 = [N, info.outHeight, info.outWidth, Co];
      const at: [number, number] = [top, left];
      placeLoop(a.read(dy), dyShape, [sH, sW], at, [placedH, placedW], a.read(placed.info));
    }
    const pads: [number, number, number, number] = direct
      ? [top, bottom, left, right]
      : [0, 0, 0, 0];
    const dx = conv2d(args.backend, placed?.info ?? dy, rotated.info, [1, 1], [1, 1], pads);
    dispose(args.backend, rotated.info);
    if (placed !== undefined) dispose(args.backend, placed.info);
    return dx;
  };
}
