/**
 * `spyOnFit`: records every `model.fit` a learner's function makes, so a check can say "you
 * trained on the validation rows" or "epochs was ignored" instead of only grading the result.
 * Its own module because it needs TF.js at run time (src/grading/training.ts does not).
 */
import { tf } from "../tf";

/** One `LayersModel.fit` call seen by `spyOnFit`. */
export interface FitCall<E = undefined> {
  /** The model that trains (for a Sequential, its inner LayersModel: the same layers). */
  model: tf.LayersModel;
  x: unknown;
  y: unknown;
  /** Rows of `x` when it is one tensor; -1 otherwise (an array of inputs, a dataset). */
  xRows: number;
  /** The fit arguments ({} when none were given). */
  args: tf.ModelFitArgs;
  /** What `capture` recorded just before training started. */
  captured: E;
  /** Set once that fit has finished. */
  history?: tf.History;
}

export interface SpyOptions<E> {
  /** Runs before each fit trains, e.g. to copy the weights it starts from. */
  capture?: (call: Omit<FitCall, "captured" | "history">) => E;
  /** Runs before each fit trains, after `capture`, e.g. to attach callbacks to the model. */
  onCall?: (call: FitCall<E>) => void;
}

type Fit = (this: tf.LayersModel, x: unknown, y: unknown, args?: unknown) => Promise<tf.History>;

/**
 * Runs `run` with `LayersModel.prototype.fit` wrapped (a Sequential's fit ends up there too),
 * and returns its result with every call in order. The original fit is restored afterwards,
 * also when `run` throws.
 */
export async function spyOnFit<T, E = undefined>(
  run: () => Promise<T>,
  options: SpyOptions<E> = {},
): Promise<{ result: T; calls: FitCall<E>[] }> {
  const proto = tf.LayersModel.prototype as unknown as { fit: Fit };
  const original = proto.fit;
  const calls: FitCall<E>[] = [];
  proto.fit = async function (this: tf.LayersModel, x: unknown, y: unknown, args?: unknown) {
    const seen = {
      model: this,
      x,
      y,
      xRows: x instanceof tf.Tensor ? (x.shape[0] ?? -1) : -1,
      args: (args ?? {}) as tf.ModelFitArgs,
    };
    const call: FitCall<E> = { ...seen, captured: options.capture?.(seen) as E };
    calls.push(call);
    options.onCall?.(call);
    call.history = await original.call(this, x, y, args);
    return call.history;
  };
  try {
    return { result: await run(), calls };
  } finally {
    proto.fit = original;
  }
}
