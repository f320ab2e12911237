/**
 * TensorFlow.js for the labs. Import TF from here, never from "@tensorflow/tfjs" directly:
 *
 *   import { tf, ready } from "./src/tf";
 *   await ready(); // picks native → wasm → cpu once, registers our kernels, prints the choice
 *
 * `ML_LABS_BACKEND=native|wasm|cpu` forces a backend.
 */
import * as tf from "@tensorflow/tfjs";
import { cpuPatches } from "./kernels/cpu-kernels";
import { useFusedAdam } from "./kernels/fused-adam";
import { installPatches } from "./kernels/kernel-registry";
import { useFusedReluGrad } from "./kernels/relu-grad";
import { useFusedRnnCells } from "./kernels/rnn-cells";
import { useFusedRnnLayers } from "./kernels/rnn-sequence";

// A safety net for code that uses `tf` before (or without) `await ready()`: tfjs then falls
// back to its cpu backend, which should at least have our kernels. Cheap and idempotent.
installPatches("cpu", cpuPatches);
useFusedRnnCells();
useFusedAdam();
useFusedReluGrad();
useFusedRnnLayers();

export { tf };
export { loadModel, saveModel } from "./model-files";
export {
  type BackendChoice,
  type BackendInfo,
  backendInfo,
  PINNED_TFJS_VERSION,
  type ReadyOptions,
  ready,
} from "./select-backend";
