/**
 * The ReLU gradient in one kernel. tfjs-core's gradient is dy * cast(step(x)): three kernels and
 * two full-size intermediates per ReLU layer and step (on the bench CNN's first layer, ~1.2 ms
 * of a ~22 ms step). `useFusedReluGrad()` re-registers the Relu gradient so that, where the
 * current backend has `MlLabsReluGrad` (wasm, cpu; never native), it is one pass
 * (`reluGradLoop`; on wasm a SIMD function, elementwise-simd.ts) with the same float32 result;
 * elsewhere, and for other dtypes, it is tfjs-core's own formula. The kernel has its own
 * gradient, so gradients of gradients still work.
 */
import * as tf from "@tensorflow/tfjs";
import type { ArrayAccess } from "./array-access";
import { elementwiseSimd } from "./elementwise-simd";
import type { MemoryOf } from "./heap-simd";
import type { KernelPatch } from "./kernel-registry";
import { reluGradLoop } from "./loops";

export const RELU_GRAD = "MlLabsReluGrad";

/** The kernel: inputs dy and x (float32, same shape), output dy * step(x). */
export function reluGradPatch(
  access: (backend: object) => ArrayAccess,
  memoryOf?: MemoryOf,
): KernelPatch {
  const kernelFunc: tf.KernelFunc = ({ inputs, backend }) => {
    const { dy, x } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo };
    const a = access(backend);
    const out = a.allocUncleared(x.shape, "float32");
    const [dys, xs, os] = [a.read(dy), a.read(x), a.read(out)];
    const memory = memoryOf?.(backend);
    const simd =
      memory !== undefined && os.buffer === memory.buffer ? elementwiseSimd(memory) : null;
    const vectorised = simd === null ? 0 : os.length - (os.length % 4);
    // The SIMD loop runs at least once: only call it with whole vectors to do.
    if (simd !== null && vectorised > 0)
      simd.reluGrad(dys.byteOffset, xs.byteOffset, os.byteOffset, 4 * vectorised);
    reluGradLoop(dys, xs, os, vectorised);
    return out;
  };
  return { kernelName: RELU_GRAD, mode: "add", make: () => kernelFunc };
}

const fusable = (dy: tf.Tensor, x: tf.Tensor) =>
  dy.dtype === "float32" &&
  x.dtype === "float32" &&
  tf.util.arraysEqual(dy.shape, x.shape) &&
  tf.getKernel(RELU_GRAD, tf.getBackend()) !== undefined;

/** dy * step(x): the fused kernel where it can run, else tfjs-core's formula. */
function reluGrad(dy: tf.Tensor, x: tf.Tensor): tf.Tensor {
  if (fusable(dy, x)) return tf.engine().runKernel(RELU_GRAD, { dy, x }) as tf.Tensor;
  return tf.mul(dy, tf.cast(tf.step(x), "float32"));
}

let installed = false;

/** Registers the Relu gradient above (and the fused kernel's own gradient). Idempotent. */
export function useFusedReluGrad(): void {
  if (installed) return;
  installed = true;
  tf.registerGradient({
    kernelName: "Relu",
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => {
      const [x] = saved as tf.Tensor[];
      return { x: () => reluGrad(dy as tf.Tensor, x!) };
    },
  });
  // d(dy * step(x)) = d(dy) * step(x); step is flat, so nothing flows to x.
  tf.registerGradient({
    kernelName: RELU_GRAD,
    inputsToSave: ["x"],
    gradFunc: (ddx, saved) => {
      const [x] = saved as tf.Tensor[];
      return { dy: () => reluGrad(ddx as tf.Tensor, x!), x: () => tf.zerosLike(x!) };
    },
  });
}
