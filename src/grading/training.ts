/**
 * Training inside a check: the learner's fit reports each epoch to the notebook card or the
 * terminal (`ctx.progress`) and stops early when the check is cancelled or runs out of time.
 */
import type { tf } from "../tf";
import type { CheckContext } from "./types";

/** The subset of tf.CustomCallbackArgs a check passes to the learner's `fit`. */
export interface CheckCallbacks {
  onEpochEnd: (epoch: number, logs?: tf.Logs) => Promise<void>;
  onBatchEnd: (batch: number, logs?: tf.Logs) => Promise<void>;
}

/**
 * Callbacks that stream epoch metrics to `ctx.progress` and set `model.stopTraining` once
 * `ctx.signal` aborts, so a cancelled check does not keep training in the background.
 * `model` may be given later with `attach` (when the learner's code builds it).
 */
export function checkCallbacks(
  ctx: CheckContext,
  options: { epochs?: number; model?: tf.LayersModel } = {},
): CheckCallbacks & { attach(model: tf.LayersModel): void } {
  let model = options.model;
  const stopIfAborted = () => {
    if (ctx.signal.aborted && model) model.stopTraining = true;
  };
  return {
    attach(m) {
      model = m;
    },
    async onEpochEnd(epoch, logs) {
      const metrics: Record<string, number> = {};
      for (const [k, v] of Object.entries(logs ?? {})) if (typeof v === "number") metrics[k] = v;
      ctx.progress({ step: "epoch", index: epoch + 1, total: options.epochs, metrics });
      stopIfAborted();
      // Let the process answer cancel messages between epochs.
      await new Promise((resolve) => setImmediate(resolve));
    },
    async onBatchEnd() {
      stopIfAborted();
    },
  };
}
