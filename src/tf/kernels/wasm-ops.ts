/**
 * Calls into the stock wasm backend's own kernels (XNNPACK matmul / conv, transposes) for our
 * composed kernels, plus the small helpers they share.
 */
import * as tf from "@tensorflow/tfjs";
import type { WasmBackendLike } from "./array-access";
import { callKernel } from "./js-kernels";

type TensorInfo = tf.TensorInfo;

/** The wasm kernel registered under `name` now (ours if we replaced it). */
export const stockKernel = (name: string) => tf.getKernel(name, "wasm");

/** Frees intermediate tensors created inside a kernel. */
export function dispose(backend: object, ...infos: TensorInfo[]): void {
  for (const t of infos) (backend as WasmBackendLike).disposeData(t.dataId);
}

export function transpose(backend: object, x: TensorInfo, perm: number[]): TensorInfo {
  return callKernel(stockKernel("Transpose"), "Transpose", backend, { x }, { perm });
}

/** The same data under another shape (kernels only read their inputs). */
export const viewAs = (t: TensorInfo, shape: number[]): TensorInfo => ({
  dataId: t.dataId,
  shape,
  dtype: t.dtype,
});

/** wasm's plain matrix product a [1, m, k] x b [1, k, n] (XNNPACK; packs b). */
export function matMul(backend: object, a: TensorInfo, b: TensorInfo): TensorInfo {
  return callKernel(
    stockKernel("BatchMatMul"),
    "BatchMatMul",
    backend,
    { a, b },
    { transposeA: false, transposeB: false },
  );
}

/** wasm's forward Conv2D (XNNPACK) with explicit padding [top, bottom, left, right]. */
export function conv2d(
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
