/**
 * Fused Adam. tfjs's AdamOptimizer.applyGradients runs ~14 small ops per variable (mul, add,
 * square, div, sqrt ...); on wasm/cpu their per-op overhead and the intermediate tensors cost
 * more than the arithmetic. When our kernel is registered for the current backend (wasm, cpu;
 * never native), `useFusedAdam()` makes applyGradients do each variable's step in one kernel
 * (`optimizer-loops.ts`, float32 rounding after every stock op: bit-identical results; on
 * wasm the same arithmetic four lanes at a time in `heap-simd.ts`).
 * The optimizer's state stays the stock objects (moment variables, accBeta1/2, iterations),
 * so getWeights/setWeights, serialization and switching back to the stock path all work.
 */
import * as tf from "@tensorflow/tfjs";
import type { ArrayAccess } from "./array-access";
import { type MemoryOf, simdFor } from "./heap-simd";
import type { KernelPatch } from "./kernel-registry";
import { type AdamConstants, adamScalars, adamUpdateLoop } from "./optimizer-loops";

type TensorInfo = tf.TensorInfo;

export const ADAM_UPDATE = "MlLabsAdamUpdate";

interface AdamAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
}

/**
 * The Adam kernel (our own name, so "add"): inputs value, m, v, grad, accBeta1, accBeta2.
 * `memoryOf` gives the wasm heap, for the SIMD version (cpu: none, the JS loop runs).
 */
export function adamPatch(
  access: (backend: object) => ArrayAccess,
  memoryOf?: MemoryOf,
): KernelPatch {
  const kernelFunc: tf.KernelFunc = ({ inputs, backend, attrs }) => {
    const { value, m, v, grad, accBeta1, accBeta2 } = inputs as Record<string, TensorInfo>;
    const a = access(backend);
    const infos = [value!, m!, v!].map((t) => a.allocUncleared(t.shape, "float32"));
    // Views only after every alloc (the wasm heap may have grown).
    const arrays = [value!, m!, v!, grad!, ...infos].map((t) => a.read(t) as Float32Array);
    const k: AdamConstants = {
      ...(attrs as unknown as AdamAttrs),
      accBeta1: a.read(accBeta1!)[0]!,
      accBeta2: a.read(accBeta2!)[0]!,
    };
    const n = arrays[0]!.length;
    const simd = simdFor(memoryOf, backend, arrays);
    let done = 0;
    if (simd !== null) {
      simd.adam(...arrays.map((x) => x.byteOffset), n, ...adamScalars(k));
      done = n - (n % 4);
    }
    const [x, mv, vv, g, outX, outM, outV] = arrays;
    adamUpdateLoop(k, x!, mv!, vv!, g!, outX!, outM!, outV!, done);
    return infos; // [value', m', v']
  };
  return { kernelName: ADAM_UPDATE, mode: "add", make: () => kernelFunc };
}

type Gradients = tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[];
interface Moment {
  originalName: string;
  variable: tf.Variable;
}
/** The (TypeScript-private) fields of tfjs's AdamOptimizer that its applyGradients uses. */
interface AdamLike {
  constructor: unknown;
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: (Moment | undefined)[];
  accumulatedSecondMoment: (Moment | undefined)[];
  incrementIterations(): void;
}
type Apply = (this: AdamLike, variableGradients: Gradients) => void;

const isFloat32Of = (t: tf.Tensor | undefined, shape: number[]) =>
  t !== undefined && t.dtype === "float32" && tf.util.arraysEqual(t.shape, shape);

/** The step's variables and gradients, or null when any of them needs the stock code. */
function fusableStep(opt: AdamLike, variableGradients: Gradients) {
  if (tf.getKernel(ADAM_UPDATE, tf.getBackend()) === undefined) return null;
  // The private fields we use (tfjs 4.22); another layout takes the stock code.
  if (opt.accBeta1?.dtype !== "float32" || opt.accBeta2?.dtype !== "float32") return null;
  if (!Array.isArray(opt.accumulatedFirstMoment) || !Array.isArray(opt.accumulatedSecondMoment)) {
    return null;
  }
  if (typeof opt.incrementIterations !== "function") return null;
  const list = Array.isArray(variableGradients);
  const names = list ? variableGradients.map((g) => g.name) : Object.keys(variableGradients);
  const grads = names.map((name, i) =>
    list ? variableGradients[i]!.tensor : (variableGradients as tf.NamedTensorMap)[name],
  );
  const registered = tf.engine().registeredVariables;
  const values = names.map((name) => registered[name]);
  for (let i = 0; i < names.length; i++) {
    const value = values[i];
    if (value === undefined || value.dtype !== "float32") return null;
    if (grads[i] != null && !isFloat32Of(grads[i], value.shape)) return null;
    const m = opt.accumulatedFirstMoment[i]?.variable;
    const v = opt.accumulatedSecondMoment[i]?.variable;
    if (m !== undefined && !isFloat32Of(m, value.shape)) return null;
    if (v !== undefined && !isFloat32Of(v, value.shape)) return null;
  }
  return { names, grads, values: values as tf.Variable[] };
}

/** tfjs's applyGradients with each variable's arithmetic in one kernel (same state changes). */
function fusedApply(opt: AdamLike, step: NonNullable<ReturnType<typeof fusableStep>>): void {
  const { names, grads, values } = step;
  const attrs: AdamAttrs = {
    beta1: opt.beta1,
    beta2: opt.beta2,
    epsilon: opt.epsilon,
    learningRate: opt.learningRate,
  };
  tf.tidy(() => {
    names.forEach((name, i) => {
      const value = values[i]!;
      const trainable = false;
      opt.accumulatedFirstMoment[i] ??= {
        originalName: `${name}/m`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(trainable)),
      };
      opt.accumulatedSecondMoment[i] ??= {
        originalName: `${name}/v`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(trainable)),
      };
      const grad = grads[i];
      if (grad == null) return;
      const m = opt.accumulatedFirstMoment[i]!.variable;
      const v = opt.accumulatedSecondMoment[i]!.variable;
      const inputs = { value, m, v, grad, accBeta1: opt.accBeta1, accBeta2: opt.accBeta2 };
      const [value1, m1, v1] = tf
        .engine()
        .runKernel(ADAM_UPDATE, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      m.assign(m1!);
      v.assign(v1!);
      value.assign(value1!);
    });
    opt.accBeta1.assign(tf.mul(opt.accBeta1, opt.beta1));
    opt.accBeta2.assign(tf.mul(opt.accBeta2, opt.beta2));
  });
  opt.incrementIterations();
}

const PATCHED = Symbol.for("ml-cert-labs.tf.stockAdamApplyGradients");

/** Routes AdamOptimizer.applyGradients through the fused kernel where it is registered. Idempotent. */
export function useFusedAdam(): void {
  const cls = tf.AdamOptimizer as unknown as { prototype: Record<PropertyKey, unknown> };
  const proto = cls.prototype;
  if (proto[PATCHED] !== undefined) return;
  const stock = proto.applyGradients as Apply;
  proto[PATCHED] = stock;
  proto.applyGradients = function applyGradients(this: AdamLike, variableGradients: Gradients) {
    // Subclasses keep the stock code (they may rely on its exact op sequence).
    const step = this.constructor === cls ? fusableStep(this, variableGradients) : null;
    if (step === null) stock.call(this, variableGradients);
    else fusedApply(this, step);
  };
}
