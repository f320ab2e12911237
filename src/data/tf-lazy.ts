/**
 * TensorFlow.js for the data layer, loaded on first use (importing it takes ~0.4 s).
 *
 * Typed with @tensorflow/tfjs-core, where tensors are defined and which @tensorflow/tfjs
 * re-exports unchanged: its declarations are a fraction of the full package's, so tslab's
 * type check of `import ... from "./src/data"` stays fast in notebooks that never use TF.
 */
import type * as tfCore from "@tensorflow/tfjs-core";

export type { Tensor1D, Tensor2D, Tensor4D } from "@tensorflow/tfjs-core";

/** The @tensorflow/tfjs module (it registers the CPU backend, so tensors can be created). */
export function requireTf(): typeof tfCore {
  return require("@tensorflow/tfjs") as typeof tfCore;
}
