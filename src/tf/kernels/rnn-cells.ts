/**
 * Fused LSTM and GRU cells. tfjs-layers computes each time step as ~20 small ops forward and
 * ~50 backward; on wasm/cpu the per-op overhead, not the arithmetic, is the cost. When our
 * kernels are registered for the current backend (and the cell has no dropout and standard
 * activations), `LSTMCell.call` / `GRUCell.call` keep the matrix products as tfjs ops and do
 * the element-wise gate math in one kernel with its own gradient kernel. Otherwise, and on
 * native TensorFlow, the stock cell runs unchanged. Weights, configs and saved models are
 * untouched.
 */
import * as tf from "@tensorflow/tfjs";
import type { ArrayAccess } from "./array-access";
import type { KernelPatch } from "./kernel-registry";
import {
  type Activation,
  activationCode,
  FUSED_ACTIVATIONS,
  gruStepA,
  gruStepABackward,
  gruStepB,
  gruStepBBackward,
  lstmGatesBackward,
  lstmGatesForward,
} from "./rnn-loops";

type TensorInfo = tf.TensorInfo;
type KernelFunc = tf.KernelFunc;

export const LSTM_GATES = "MlLabsLstmGates";
export const GRU_STEP_A = "MlLabsGruStepA";
export const GRU_STEP_B = "MlLabsGruStepB";
const GRAD = "Grad";

interface CellAttrs {
  units: number;
  act: number;
  recAct: number;
}

/** Allocates `n` float32 outputs of `shape`, then returns fresh views (wasm heap may move). */
function outputs(a: ArrayAccess, shapes: number[][]) {
  const infos = shapes.map((s) => a.alloc(s, "float32").info);
  return { infos, values: infos.map((t) => a.read(t)) };
}

function kernels(access: (backend: object) => ArrayAccess): Record<string, KernelFunc> {
  return {
    [LSTM_GATES]: ({ inputs, backend, attrs }) => {
      const { z, c } = inputs as { z: TensorInfo; c: TensorInfo };
      const { units, act, recAct } = attrs as unknown as CellAttrs;
      const a = access(backend);
      const [batch] = c.shape;
      const out = outputs(a, [c.shape, c.shape, [batch!, 5 * units]]);
      const [h, cNew, acts] = out.values;
      lstmGatesForward(a.read(z), a.read(c), units, act, recAct, h!, cNew!, acts!);
      return out.infos; // [h, c', acts]
    },
    [LSTM_GATES + GRAD]: ({ inputs, backend, attrs }) => {
      const { z, c, cNew, acts, dh, dc } = inputs as Record<string, TensorInfo>;
      const { units, act, recAct } = attrs as unknown as CellAttrs;
      const a = access(backend);
      const out = outputs(a, [z!.shape, c!.shape]);
      lstmGatesBackward(
        a.read(z!),
        a.read(c!),
        a.read(cNew!),
        a.read(acts!),
        a.read(dh!),
        a.read(dc!),
        units,
        act,
        recAct,
        out.values[0]!,
        out.values[1]!,
      );
      return out.infos; // [dz, dc]
    },
    [GRU_STEP_A]: ({ inputs, backend, attrs }) => {
      const { mx, mi, h } = inputs as Record<string, TensorInfo>;
      const { units, recAct } = attrs as unknown as CellAttrs;
      const a = access(backend);
      const out = outputs(a, [h!.shape, h!.shape]);
      gruStepA(a.read(mx!), a.read(mi!), a.read(h!), units, recAct, out.values[0]!, out.values[1]!);
      return out.infos; // [rh, z]
    },
    [GRU_STEP_A + GRAD]: ({ inputs, backend, attrs }) => {
      const { mx, mi, h, drh, dz } = inputs as Record<string, TensorInfo>;
      const { units, recAct } = attrs as unknown as CellAttrs;
      const a = access(backend);
      const out = outputs(a, [mx!.shape, h!.shape]);
      gruStepABackward(
        a.read(mx!),
        a.read(mi!),
        a.read(h!),
        a.read(drh!),
        a.read(dz!),
        units,
        recAct,
        out.values[0]!,
        out.values[1]!,
      );
      return out.infos; // [dm (for mx and mi), dh]
    },
    [GRU_STEP_B]: ({ inputs, backend, attrs }) => {
      const { mx, mr, z, h } = inputs as Record<string, TensorInfo>;
      const { units, act } = attrs as unknown as CellAttrs;
      const a = access(backend);
      const out = outputs(a, [h!.shape, h!.shape]);
      const [hNew, hh] = out.values;
      gruStepB(a.read(mx!), a.read(mr!), a.read(z!), a.read(h!), units, act, hNew!, hh!);
      return out.infos; // [h', hh]
    },
    [GRU_STEP_B + GRAD]: ({ inputs, backend, attrs }) => {
      const { mx, mr, z, h, hh, dh } = inputs as Record<string, TensorInfo>;
      const { units, act } = attrs as unknown as CellAttrs;
      const a = access(backend);
      const out = outputs(a, [mx!.shape, h!.shape, h!.shape]);
      gruStepBBackward(
        a.read(mx!),
        a.read(mr!),
        a.read(z!),
        a.read(h!),
        a.read(hh!),
        a.read(dh!),
        units,
        act,
        out.values[0]!,
        out.values[1]!,
        out.values[2]!,
      );
      return out.infos; // [dm (for mx and mr), dz, dh]
    },
  };
}

/** The fused-cell kernels for one backend (our own kernel names, so always "add"). */
export function rnnCellPatches(access: (backend: object) => ArrayAccess): KernelPatch[] {
  return Object.entries(kernels(access)).map(([kernelName, kernelFunc]) => ({
    kernelName,
    mode: "add" as const,
    make: () => kernelFunc,
  }));
}

const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
  tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as
    | tf.Tensor
    | tf.Tensor[];

/** Gradients of the fused kernels: one gradient kernel computes all input gradients. */
function registerGradients(): void {
  tf.registerGradient({
    kernelName: LSTM_GATES,
    inputsToSave: ["z", "c"],
    outputsToSave: [false, true, true], // c' and the activations
    gradFunc: (dy, saved, attrs) => {
      const [dh, dc] = dy as tf.Tensor[]; // the activations output feeds nothing
      const [z, c, cNew, acts] = saved;
      const ins = { z: z!, c: c!, cNew: cNew!, acts: acts!, dh: dh!, dc: dc! };
      const [dz, dcPrev] = run(LSTM_GATES + GRAD, ins, attrs) as tf.Tensor[];
      return { z: () => dz!, c: () => dcPrev! };
    },
  });
  tf.registerGradient({
    kernelName: GRU_STEP_A,
    inputsToSave: ["mx", "mi", "h"],
    gradFunc: (dy, saved, attrs) => {
      const [drh, dz] = dy as tf.Tensor[];
      const [mx, mi, h] = saved;
      const [dm, dh] = run(
        GRU_STEP_A + GRAD,
        { mx: mx!, mi: mi!, h: h!, drh: drh!, dz: dz! },
        attrs,
      ) as tf.Tensor[];
      return { mx: () => dm!, mi: () => dm!.clone(), h: () => dh! };
    },
  });
  tf.registerGradient({
    kernelName: GRU_STEP_B,
    inputsToSave: ["mx", "mr", "z", "h"],
    outputsToSave: [false, true], // hh
    gradFunc: (dy, saved, attrs) => {
      const [dhNext] = dy as tf.Tensor[]; // the hh output feeds nothing
      const [mx, mr, z, h, hh] = saved;
      const ins = { mx: mx!, mr: mr!, z: z!, h: h!, hh: hh!, dh: dhNext! };
      const [dm, dz, dh] = run(GRU_STEP_B + GRAD, ins, attrs) as tf.Tensor[];
      return { mx: () => dm!, mr: () => dm!.clone(), z: () => dz!, h: () => dh! };
    },
  });
}

/** The parts of tfjs-layers' LSTMCell / GRUCell that the fused call reads. */
interface CellLike {
  units: number;
  useBias: boolean;
  dropout: number;
  recurrentDropout: number;
  activation: { getClassName(): string };
  recurrentActivation: { getClassName(): string };
  kernel: { read(): tf.Tensor };
  recurrentKernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  constructor: unknown;
}
type CellCall = (this: CellLike, inputs: tf.Tensor | tf.Tensor[], kwargs: unknown) => tf.Tensor[];

/** Cell attrs for the fused kernels, or null when this cell must run the stock way. */
function fusable(cell: CellLike, inputs: unknown, arity: number, kernel: string): CellAttrs | null {
  if (!Array.isArray(inputs) || inputs.length !== arity) return null;
  if (inputs.some((t: tf.Tensor) => t.dtype !== "float32" || t.rank !== 2)) return null;
  if (tf.getKernel(kernel, tf.getBackend()) === undefined) return null;
  const hasDropout = (p: number) => p > 0 && p < 1; // the stock cell's own test
  if (hasDropout(cell.dropout) || hasDropout(cell.recurrentDropout)) return null;
  const act = cell.activation.getClassName() as Activation;
  const recAct = cell.recurrentActivation.getClassName() as Activation;
  if (!FUSED_ACTIVATIONS.includes(act) || !FUSED_ACTIVATIONS.includes(recAct)) return null;
  return { units: cell.units, act: activationCode(act), recAct: activationCode(recAct) };
}

function lstmStep(cell: CellLike, attrs: CellAttrs, [x, h, c]: tf.Tensor[]): tf.Tensor[] {
  return tf.tidy(() => {
    let z = tf.add(tf.matMul(x!, cell.kernel.read()), tf.matMul(h!, cell.recurrentKernel.read()));
    if (cell.useBias) z = tf.add(z, cell.bias!.read());
    const [hNew, cNew] = run(LSTM_GATES, { z, c: c! }, attrs) as tf.Tensor[];
    return [hNew!, hNew!, cNew!];
  });
}

function gruStep(cell: CellLike, attrs: CellAttrs, [x, h]: tf.Tensor[]): tf.Tensor[] {
  return tf.tidy(() => {
    const recurrent = cell.recurrentKernel.read(); // all of it: a slice per step would be a new matrix each time
    let mx = tf.matMul(x!, cell.kernel.read());
    if (cell.useBias) mx = tf.add(mx, cell.bias!.read());
    const mi = tf.matMul(h!, recurrent);
    const [rh, z] = run(GRU_STEP_A, { mx, mi, h: h! }, attrs) as tf.Tensor[];
    const mr = tf.matMul(rh!, recurrent);
    const [hNew] = run(GRU_STEP_B, { mx, mr, z: z!, h: h! }, attrs) as tf.Tensor[];
    return [hNew!, hNew!];
  });
}

const PATCHED = Symbol.for("ml-cert-labs.tf.stockCellCall");

function patchCell(className: string, arity: number, kernel: string, step: typeof lstmStep): void {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (entry === undefined) return; // a tfjs-layers without this cell: nothing to speed up
  const cls = entry[0] as unknown as { prototype: Record<PropertyKey, unknown> };
  const proto = cls.prototype;
  if (proto[PATCHED] !== undefined) return;
  const stock = proto.call as CellCall;
  proto[PATCHED] = stock;
  proto.call = function call(this: CellLike, inputs: tf.Tensor | tf.Tensor[], kwargs: unknown) {
    // Subclasses (e.g. ConvLSTM2DCell) and unusual configurations keep the stock code.
    const attrs = this.constructor === cls ? fusable(this, inputs, arity, kernel) : null;
    return attrs === null
      ? stock.call(this, inputs, kwargs)
      : step(this, attrs, inputs as tf.Tensor[]);
  };
}

/** Routes LSTMCell and GRUCell through the fused kernels where they are registered. Idempotent. */
export function useFusedRnnCells(): void {
  registerGradients();
  patchCell("LSTMCell", 3, LSTM_GATES, lstmStep);
  patchCell("GRUCell", 2, GRU_STEP_A, gruStep);
}
