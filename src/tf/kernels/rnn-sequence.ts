/**
 * Whole LSTM and GRU layers as one kernel each, with one gradient kernel. Even with fused
 * cells (rnn-cells.ts), tfjs-layers runs every time step as ~10 ops forward and ~20 backward
 * plus their tape bookkeeping; for a 40-token sequence that is ~1000 ops per layer and step
 * of training. Here the input product x·W is one matmul for all steps, each step does h·R
 * with the backend's own BatchMatMul (the same R tensor every step, so XNNPACK keeps its packed
 * weights) and the gate arithmetic in a typed-array loop; the backward pass runs the steps in
 * reverse and finishes with a few big products for dW, dR, dx and db. Masks ([batch, time],
 * e.g. Embedding maskZero) are handled as tfjs does: a masked step keeps the previous state.
 * When the layer uses something this does not handle (dropout, stateful, an initial state ...),
 * or on native TensorFlow, the stock layer runs (with fused cells where those apply).
 */
import * as tf from "@tensorflow/tfjs";
import type { ArrayAccess, NumericArray } from "./array-access";
import type { MemoryOf } from "./heap-simd";
import { callKernel } from "./js-kernels";
import type { KernelPatch } from "./kernel-registry";
import {
  type Activation,
  activationCode,
  addBiasRows,
  FUSED_ACTIVATIONS,
  gruSequenceBackwardA,
  gruSequenceBackwardB,
  gruSequenceStepA,
  gruSequenceStepB,
  lstmSequenceBackward,
  lstmSequenceStep,
} from "./rnn-loops";
import { type RnnGateSimd, rnnGateSimd } from "./rnn-simd";

type TensorInfo = tf.TensorInfo;
type KernelFunc = tf.KernelFunc;

export const LSTM_SEQUENCE = "MlLabsLstmSequence";
export const GRU_SEQUENCE = "MlLabsGruSequence";
const GRAD = "Grad";

interface SequenceAttrs {
  units: number;
  act: number;
  recAct: number;
  returnSequences: boolean;
  goBackwards: boolean;
  useBias: boolean;
}

/** Working arrays kept between calls: a training step would otherwise make megabytes of garbage. */
const pool = new Map<number, Float32Array[]>();
let pooled = 0;
const POOL_LIMIT = 1 << 23; // floats (32 MB)

/**
 * Tensor helpers for one kernel call. Working arrays are plain JS Float32Arrays (wasm heap
 * views detach when the heap grows), taken from `pool` and given back by `done`; tensors are
 * made only for the backend's matmuls and for the outputs.
 */
class Work {
  private readonly temps: TensorInfo[] = [];
  private readonly bufs: Float32Array[] = [];
  private readonly matMul: tf.KernelConfig | undefined;
  constructor(
    private readonly a: ArrayAccess,
    private readonly backend: object,
  ) {
    this.matMul = tf.getKernel("BatchMatMul", tf.getBackend());
  }
  /** A tensor holding a copy of `src` (freed by `done` unless `keep`). */
  tensor(shape: number[], src: NumericArray, keep = false): TensorInfo {
    const t = this.a.alloc(shape, "float32");
    t.values.set(src);
    if (!keep) this.temps.push(t.info);
    return t.info;
  }
  /** A zero-filled working array of n floats (valid until `done`). */
  buf(n: number): Float32Array {
    const free = pool.get(n);
    const b = free?.pop();
    if (b === undefined) {
      const fresh = new Float32Array(n);
      this.bufs.push(fresh);
      return fresh;
    }
    pooled -= n;
    b.fill(0);
    this.bufs.push(b);
    return b;
  }
  /** A copy of a tensor's values (safe across later allocations; valid until `done`). */
  copy(t: TensorInfo): Float32Array {
    const v = this.a.read(t);
    const b = this.buf(v.length);
    b.set(v);
    return b;
  }
  /** The backend's BatchMatMul of 2-D operands; the result is freed by `done` unless `keep`. */
  matmul(x: TensorInfo, y: TensorInfo, transposeA = false, transposeB = false, keep = false) {
    const out = callKernel(
      this.matMul,
      "BatchMatMul",
      this.backend,
      { a: x, b: y },
      {
        transposeA,
        transposeB,
      },
    );
    if (!keep) this.temps.push(out);
    return out;
  }
  /**
   * src·y into `dst`, with src copied into `operand` (one tensor reused by every step: only
   * the right-hand side's packing is cached, so overwriting a left operand is safe).
   */
  stepProduct(operand: TensorInfo, src: Float32Array, y: TensorInfo, dst: Float32Array): void {
    this.a.read(operand).set(src);
    this.matmulInto(operand, y, dst);
  }
  /** Like `stepProduct` but returns the product tensor (the caller disposes it). */
  stepProductTensor(operand: TensorInfo, src: Float32Array, y: TensorInfo): TensorInfo {
    this.a.read(operand).set(src);
    return callKernel<TensorInfo>(
      this.matMul,
      "BatchMatMul",
      this.backend,
      { a: operand, b: y },
      { transposeA: false, transposeB: false },
    );
  }
  /** x·y into `dst` (the result tensor is freed at once). */
  matmulInto(x: TensorInfo, y: TensorInfo, dst: Float32Array): void {
    const out = callKernel<TensorInfo>(
      this.matMul,
      "BatchMatMul",
      this.backend,
      { a: x, b: y },
      { transposeA: false, transposeB: false },
    );
    dst.set(this.a.read(out));
    this.a.dispose(out);
  }
  done(): void {
    for (const t of this.temps) this.a.dispose(t);
    this.temps.length = 0;
    for (const b of this.bufs) {
      if (pooled + b.length > POOL_LIMIT) continue;
      pooled += b.length;
      const free = pool.get(b.length);
      if (free === undefined) pool.set(b.length, [b]);
      else free.push(b);
    }
    this.bufs.length = 0;
  }
}

/** x [B, T, D] to time-major rows in processing order: row s*B + b = x[b, goBackwards ? T-1-s : s]. */
function timeMajor(
  x: NumericArray,
  B: number,
  T: number,
  D: number,
  back: boolean,
  out: Float32Array,
) {
  for (let s = 0; s < T; s++) {
    const t = back ? T - 1 - s : s;
    for (let b = 0; b < B; b++) {
      out.set(x.subarray((b * T + t) * D, (b * T + t + 1) * D), (s * B + b) * D);
    }
  }
  return out;
}

/** The inverse of `timeMajor`: dxt rows back to dx [B, T, D]. */
function batchMajor(
  xt: NumericArray,
  B: number,
  T: number,
  D: number,
  back: boolean,
  out: Float32Array,
) {
  for (let s = 0; s < T; s++) {
    const t = back ? T - 1 - s : s;
    for (let b = 0; b < B; b++) {
      out.set(xt.subarray((s * B + b) * D, (s * B + b + 1) * D), (b * T + t) * D);
    }
  }
  return out;
}

/** The layer output from the stacked states H [(T+1)*B, U] (block 0 is the zero state). */
function layerOutput(w: Work, H: Float32Array, B: number, T: number, U: number, seq: boolean) {
  if (!seq) return { shape: [B, U], values: H.subarray(T * B * U) };
  const y = w.buf(B * T * U);
  for (let s = 0; s < T; s++) {
    for (let b = 0; b < B; b++) {
      y.set(H.subarray(((s + 1) * B + b) * U, ((s + 1) * B + b + 1) * U), (b * T + s) * U);
    }
  }
  return { shape: [B, T, U], values: y };
}

/** Columns [from, to) of m [R, C] as a new [R, to - from] array (optionally transposed). */
function columns(
  w: Work,
  m: NumericArray,
  R: number,
  C: number,
  from: number,
  to: number,
  transpose: boolean,
) {
  const W = to - from;
  const out = w.buf(R * W);
  for (let r = 0; r < R; r++) {
    for (let j = 0; j < W; j++) {
      out[transpose ? j * R + r : r * W + j] = m[r * C + from + j]!;
    }
  }
  return out;
}

/** Adds the output gradient of step s, dy[:, s] (dy [B, T, U]), to dh [B, U]. */
function seqGrad(dh: Float32Array, dy: Float32Array, s: number, B: number, T: number, U: number) {
  const f32 = Math.fround;
  for (let b = 0; b < B; b++) {
    const src = (b * T + s) * U;
    const dst = b * U;
    for (let u = 0; u < U; u++) dh[dst + u] = f32(dh[dst + u]! + dy[src + u]!);
  }
}

/**
 * The mask [B, T] (non-zero = the step counts, as tfjs casts it) in processing order:
 * active[s*B + b]. Null without a mask.
 */
function stepMask(w: Work, mask: NumericArray | null, B: number, T: number, back: boolean) {
  if (mask === null) return null;
  const active = w.buf(T * B);
  for (let s = 0; s < T; s++) {
    const t = back ? T - 1 - s : s;
    for (let b = 0; b < B; b++) active[s * B + b] = mask[b * T + t] !== 0 ? 1 : 0;
  }
  return active;
}

/** For the rows of step s that the mask skips: dst row = src row (width floats per row). */
function carryMasked(
  active: Float32Array,
  s: number,
  dst: Float32Array,
  src: Float32Array,
  width: number,
) {
  const B = dst.length / width;
  for (let b = 0; b < B; b++) {
    if (active[s * B + b] === 0) dst.set(src.subarray(b * width, (b + 1) * width), b * width);
  }
}

/** For the rows of step s that the mask skips: m row = 0. */
function zeroMasked(active: Float32Array, s: number, m: Float32Array, width: number) {
  const B = m.length / width;
  for (let b = 0; b < B; b++) if (active[s * B + b] === 0) m.fill(0, b * width, (b + 1) * width);
}

/**
 * The SIMD gate functions (rnn-simd.ts) when the backend's heap has them and the rows are at
 * least one vector wide; null: the JS loops. `simdGates.enabled = false` forces the JS loops
 * (A/B measurements); `simdGates.runs` counts SIMD steps (tests check the path ran).
 */
export const simdGates = { enabled: true, runs: 0 };
function gateSimd(
  memoryOf: MemoryOf | undefined,
  backend: object,
  units: number,
  act: number,
  recAct: number,
  hasBias: boolean,
): RnnGateSimd | null {
  if (!simdGates.enabled || units < 4) return null;
  const memory = memoryOf?.(backend);
  return memory === undefined ? null : rnnGateSimd(memory, act, recAct, hasBias);
}

/** Byte address of float `i` of a heap tensor (valid until it is disposed). */
const addr = (a: ArrayAccess, t: TensorInfo, i = 0) => a.read(t).byteOffset + 4 * i;

/**
 * What every sequence kernel starts with: the attributes, a working set, and the sizes.
 * `gates`: 4 for LSTM, 3 for GRU.
 */
function startKernel(
  a: ArrayAccess,
  backend: object,
  x: TensorInfo,
  attrs: tf.NamedAttrMap | undefined,
  gates: number,
) {
  const {
    units: U,
    act,
    recAct,
    returnSequences,
    goBackwards,
    useBias,
  } = attrs as unknown as SequenceAttrs;
  const [B, T, D] = x.shape as [number, number, number];
  const G = gates * U;
  const w = new Work(a, backend);
  return {
    ...{ a, w, B, T, D, U, G, BU: B * U, BG: B * G },
    ...{ act, recAct, returnSequences, goBackwards, useBias },
  };
}

/**
 * The forward kernels' start: their inputs, `startKernel`, and the input in time-major order
 * [T*B, D] (reversed for goBackwards), kept as an output because the gradient's dW = xtᵀ·dz
 * needs it.
 */
function startForward(
  a: ArrayAccess,
  backend: object,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap | undefined,
  gates: number,
) {
  const { x, kernel, recurrentKernel, bias, mask } = inputs as Record<string, TensorInfo>;
  const start = startKernel(a, backend, x!, attrs, gates);
  const { w, B, T, D, goBackwards } = start;
  const xt = w.tensor(
    [T * B, D],
    timeMajor(a.read(x!), B, T, D, goBackwards, w.buf(B * T * D)),
    true,
  );
  return { ...start, kernel, recurrentKernel, bias, mask, xt };
}

function kernels(
  access: (backend: object) => ArrayAccess,
  memoryOf?: MemoryOf,
): Record<string, KernelFunc> {
  return {
    [LSTM_SEQUENCE]: ({ inputs, backend, attrs }) => {
      const start = startForward(access(backend), backend, inputs, attrs, 4);
      const { kernel, recurrentKernel, bias, mask, a, w, xt, B, T, U, G, BU, BG } = start;
      const { act, recAct, returnSequences, goBackwards } = start;
      const xwT = w.matmul(xt, kernel!);
      const simd = gateSimd(memoryOf, backend, U, act, recAct, bias !== undefined);
      const active = stepMask(w, mask === undefined ? null : a.read(mask), B, T, goBackwards);
      if (simd !== null) {
        const outs = lstmForwardSimd(
          simd,
          w,
          a,
          xt,
          xwT,
          recurrentKernel!,
          bias,
          active,
          attrs as unknown as SequenceAttrs,
          B,
          T,
        );
        w.done();
        return outs;
      }
      const xw = w.copy(xwT);
      const b = bias === undefined ? null : w.copy(bias);
      const H = w.buf((T + 1) * BU);
      const C = w.buf((T + 1) * BU);
      const Z = w.buf(T * BG);
      const A = w.buf(T * BG);
      const TC = w.buf(T * BU);
      const hr = w.buf(BG);
      const hT = w.tensor([B, U], w.buf(BU));
      for (let s = 0; s < T; s++) {
        w.stepProduct(hT, H.subarray(s * BU, (s + 1) * BU), recurrentKernel!, hr);
        lstmSequenceStep(
          xw.subarray(s * BG, (s + 1) * BG),
          hr,
          b,
          C.subarray(s * BU, (s + 1) * BU),
          U,
          act,
          recAct,
          Z.subarray(s * BG, (s + 1) * BG),
          A.subarray(s * BG, (s + 1) * BG),
          C.subarray((s + 1) * BU, (s + 2) * BU),
          TC.subarray(s * BU, (s + 1) * BU),
          H.subarray((s + 1) * BU, (s + 2) * BU),
        );
        if (active !== null) {
          // tfjs: a masked step keeps the previous output and states.
          const prev = (M: Float32Array) => M.subarray(s * BU, (s + 1) * BU);
          const next = (M: Float32Array) => M.subarray((s + 1) * BU, (s + 2) * BU);
          carryMasked(active, s, next(H), prev(H), U);
          carryMasked(active, s, next(C), prev(C), U);
        }
      }
      const y = layerOutput(w, H, B, T, U, returnSequences);
      const outs = [
        w.tensor(y.shape, y.values, true),
        xt,
        w.tensor([(T + 1) * B, U], H, true),
        w.tensor([(T + 1) * B, U], C, true),
        w.tensor([T * B, G], Z, true),
        w.tensor([T * B, G], A, true),
        w.tensor([T * B, U], TC, true),
      ];
      w.done();
      return outs;
    },
    [LSTM_SEQUENCE + GRAD]: ({ inputs, backend, attrs }) => {
      const { dy, x, xt, kernel, recurrentKernel, h, c, z, acts, tc, mask } = inputs as Record<
        string,
        TensorInfo
      >;
      const start = startKernel(access(backend), backend, x!, attrs, 4);
      const { a, w, B, T, D, U, G, BU, BG, act, recAct, returnSequences, goBackwards } = start;
      const { useBias } = start;
      const simd = gateSimd(memoryOf, backend, U, act, recAct, false);
      const H = w.copy(h!);
      // The SIMD path reads these in place on the heap.
      const none = new Float32Array(0);
      const C = simd === null ? w.copy(c!) : none;
      const Z = simd === null ? w.copy(z!) : none;
      const A = simd === null ? w.copy(acts!) : none;
      const TC = simd === null ? w.copy(tc!) : none;
      const dY = w.copy(dy!);
      const tmp = w.buf(BU);
      const rT = w.tensor([G, U], columns(w, a.read(recurrentKernel!), U, G, 0, G, true));
      const DZ = w.buf(T * BG);
      const dh = w.buf(BU);
      let dc = w.buf(BU);
      let dcPrev = w.buf(BU);
      const active = stepMask(w, mask === undefined ? null : a.read(mask), B, T, goBackwards);
      const carry = w.buf(BU);
      const dzT = w.tensor([B, G], w.buf(BG));
      // SIMD: z, acts and the states are read in place from the saved heap tensors; the
      // step's other inputs and its outputs pass through `stage` (dz is also dzT's copy).
      const stage = simd === null ? null : w.tensor([3 * BU], w.buf(3 * BU));
      for (let s = T - 1; s >= 0; s--) {
        if (returnSequences) seqGrad(dh, dY, s, B, T, U);
        else if (s === T - 1) dh.set(dY);
        const dz = DZ.subarray(s * BG, (s + 1) * BG);
        if (simd !== null && stage !== null) {
          const st = a.read(stage) as Float32Array;
          st.set(dh, 0);
          st.set(dc, BU);
          const p = st.byteOffset;
          const pdz = addr(a, dzT);
          simd.backward(
            addr(a, z!, s * BG),
            addr(a, acts!, s * BG),
            addr(a, c!, s * BU),
            addr(a, c!, (s + 1) * BU),
            addr(a, tc!, s * BU),
            p,
            p + 4 * BU,
            pdz,
            p + 8 * BU,
            B,
            U,
          );
          simdGates.runs++;
          dz.set(a.read(dzT).subarray(0, BG));
          dcPrev.set(st.subarray(2 * BU, 3 * BU));
        } else {
          lstmSequenceBackward(
            Z.subarray(s * BG, (s + 1) * BG),
            A.subarray(s * BG, (s + 1) * BG),
            C.subarray(s * BU, (s + 1) * BU),
            C.subarray((s + 1) * BU, (s + 2) * BU),
            TC.subarray(s * BU, (s + 1) * BU),
            dh,
            dc,
            U,
            act,
            recAct,
            dz,
            dcPrev,
            tmp,
          );
        }
        if (active !== null) {
          // A masked step passes dh and dc straight to the previous state.
          zeroMasked(active, s, dz, G);
          carryMasked(active, s, dcPrev, dc, U);
          carry.set(dh);
        }
        [dc, dcPrev] = [dcPrev, dc];
        if (s > 0) {
          w.stepProduct(dzT, dz, rT, dh);
          if (active !== null) carryMasked(active, s, dh, carry, U);
        }
      }
      const outs = finishGradients(w, a, xt!, kernel!, DZ, B, T, D, G, goBackwards);
      const dR = w.matmul(
        w.tensor([T * B, U], H.subarray(0, T * BU)),
        outs.dzAll,
        true,
        false,
        true,
      );
      const result = [outs.dx, outs.dW, dR];
      if (useBias) result.push(outs.db);
      else a.dispose(outs.db);
      w.done();
      return result;
    },
    [GRU_SEQUENCE]: ({ inputs, backend, attrs }) => {
      const start = startForward(access(backend), backend, inputs, attrs, 3);
      const { kernel, recurrentKernel, bias, mask, a, w, xt, B, T, U, G, BU, BG } = start;
      const { act, recAct, returnSequences, goBackwards } = start;
      const simd = gateSimd(memoryOf, backend, U, act, recAct, false);
      const active = stepMask(w, mask === undefined ? null : a.read(mask), B, T, goBackwards);
      // tfjs splits R into the z/r columns and the h columns; so do we, once per call.
      const rk1 = w.tensor([U, 2 * U], columns(w, a.read(recurrentKernel!), U, G, 0, 2 * U, false));
      const rk2 = w.tensor([U, U], columns(w, a.read(recurrentKernel!), U, G, 2 * U, G, false));
      if (simd !== null) {
        const mxT = w.matmul(xt, kernel!);
        if (bias !== undefined) addBiasRows(a.read(mxT), a.read(bias)); // in place, on the heap
        const outs = gruForwardSimd(
          simd,
          w,
          a,
          xt,
          mxT,
          rk1,
          rk2,
          active,
          attrs as unknown as SequenceAttrs,
          B,
          T,
        );
        w.done();
        return outs;
      }
      const mx = w.copy(w.matmul(xt, kernel!));
      if (bias !== undefined) addBiasRows(mx, a.read(bias));
      const H = w.buf((T + 1) * BU);
      const PRE = w.buf(T * BG);
      const GATES = w.buf(T * BG);
      const RH = w.buf(T * BU);
      const mi = w.buf(2 * BU);
      const mr = w.buf(BU);
      const hT = w.tensor([B, U], w.buf(BU));
      const rhT = w.tensor([B, U], w.buf(BU));
      for (let s = 0; s < T; s++) {
        const hPrev = H.subarray(s * BU, (s + 1) * BU);
        const m = mx.subarray(s * BG, (s + 1) * BG);
        const pre = PRE.subarray(s * BG, (s + 1) * BG);
        const gates = GATES.subarray(s * BG, (s + 1) * BG);
        const rh = RH.subarray(s * BU, (s + 1) * BU);
        const hNext = H.subarray((s + 1) * BU, (s + 2) * BU);
        w.stepProduct(hT, hPrev, rk1, mi);
        gruSequenceStepA(m, mi, hPrev, U, recAct, pre, gates, rh);
        w.stepProduct(rhT, rh, rk2, mr);
        gruSequenceStepB(m, mr, hPrev, U, act, pre, gates, hNext);
        if (active !== null) carryMasked(active, s, hNext, hPrev, U); // keeps the state
      }
      const y = layerOutput(w, H, B, T, U, returnSequences);
      const outs = [
        w.tensor(y.shape, y.values, true),
        xt,
        w.tensor([(T + 1) * B, U], H, true),
        w.tensor([T * B, G], PRE, true),
        w.tensor([T * B, G], GATES, true),
        w.tensor([T * B, U], RH, true),
      ];
      w.done();
      return outs;
    },
    [GRU_SEQUENCE + GRAD]: ({ inputs, backend, attrs }) => {
      const { dy, x, xt, kernel, recurrentKernel, h, pre, gates, rh, mask } = inputs as Record<
        string,
        TensorInfo
      >;
      const start = startKernel(access(backend), backend, x!, attrs, 3);
      const { a, w, B, T, D, U, G, BU, BG, act, recAct, returnSequences, goBackwards } = start;
      const { useBias } = start;
      const simd = gateSimd(memoryOf, backend, U, act, recAct, false);
      const H = w.copy(h!);
      // The SIMD path reads these in place on the heap.
      const PRE = simd === null ? w.copy(pre!) : new Float32Array(0);
      const GATES = simd === null ? w.copy(gates!) : new Float32Array(0);
      const dY = w.copy(dy!);
      const rk1T = w.tensor([2 * U, U], columns(w, a.read(recurrentKernel!), U, G, 0, 2 * U, true));
      const rk2T = w.tensor([U, U], columns(w, a.read(recurrentKernel!), U, G, 2 * U, G, true));
      const DZ = w.buf(T * BG);
      const dh = w.buf(BU); // gradient of this step's output state h'
      const dhAcc = w.buf(BU); // of the previous state, without the h·R term
      const dph = w.buf(BU);
      const dzRaw = w.buf(BU);
      const drh = w.buf(BU);
      const dzr = w.buf(2 * BU);
      const dhi = w.buf(BU);
      const f32 = Math.fround;
      const active = stepMask(w, mask === undefined ? null : a.read(mask), B, T, goBackwards);
      const dphT = w.tensor([B, U], w.buf(BU));
      const dzrT = w.tensor([B, 2 * U], w.buf(2 * BU));
      // SIMD: h, pre and gates are read in place from the saved heap tensors; `stage` holds
      // [dh', dm, dph, dzRaw, dhAcc, dzr (2 BU), dhAcc'] for one step.
      const stage = simd === null ? null : w.tensor([BG + 7 * BU], w.buf(BG + 7 * BU));
      for (let s = T - 1; s >= 0; s--) {
        if (returnSequences) seqGrad(dh, dY, s, B, T, U);
        else if (s === T - 1) dh.set(dY);
        const hPrev = H.subarray(s * BU, (s + 1) * BU);
        const p = PRE.subarray(s * BG, (s + 1) * BG);
        const g = GATES.subarray(s * BG, (s + 1) * BG);
        const dm = DZ.subarray(s * BG, (s + 1) * BG);
        if (simd !== null && stage !== null) {
          let st = a.read(stage) as Float32Array;
          st.set(dh);
          const q = st.byteOffset;
          const [pdm, pdph, praw] = [q + 4 * BU, q + 4 * (BU + BG), q + 4 * (2 * BU + BG)];
          const [pacc, pdzr, pout] = [praw + 4 * BU, praw + 8 * BU, praw + 16 * BU];
          const [ph, pp, pg] = [
            addr(a, h!, s * BU),
            addr(a, pre!, s * BG),
            addr(a, gates!, s * BG),
          ];
          simd.gruBackwardB(q, ph, pp, pg, pdm, pdph, praw, pacc, 0, B, U);
          dph.set(st.subarray(BU + BG, 2 * BU + BG));
          if (active !== null) zeroMasked(active, s, dph, U);
          const drhT = w.stepProductTensor(dphT, dph, rk2T);
          st = a.read(stage) as Float32Array;
          simd.gruBackwardA(addr(a, drhT), ph, pp, pg, praw, pdm, pdzr, pacc, pout, B, U);
          a.dispose(drhT);
          simdGates.runs++;
          dm.set(st.subarray(BU, BU + BG));
          dzr.set(st.subarray(4 * BU + BG, 6 * BU + BG));
          dhAcc.set(st.subarray(6 * BU + BG, 7 * BU + BG));
        } else {
          gruSequenceBackwardB(dh, hPrev, p, g, U, act, dm, dph, dzRaw, dhAcc);
          if (active !== null) zeroMasked(active, s, dph, U);
          w.stepProduct(dphT, dph, rk2T, drh);
          gruSequenceBackwardA(drh, hPrev, p, g, dzRaw, U, recAct, dm, dzr, dhAcc);
        }
        if (active !== null) {
          // A masked step passes dh straight to the previous state.
          zeroMasked(active, s, dm, G);
          zeroMasked(active, s, dzr, 2 * U);
          carryMasked(active, s, dhAcc, dh, U);
        }
        if (s > 0) {
          w.stepProduct(dzrT, dzr, rk1T, dhi);
          for (let k = 0; k < BU; k++) dh[k] = f32(dhAcc[k]! + dhi[k]!);
        }
      }
      const outs = finishGradients(w, a, xt!, kernel!, DZ, B, T, D, G, goBackwards);
      // dR = [h_prevᵀ·dm_zr, rhᵀ·dm_h]: two full products, then pick the columns.
      const hPrevT = w.tensor([T * B, U], H.subarray(0, T * BU));
      const m1 = w.copy(w.matmul(hPrevT, outs.dzAll, true, false));
      const rhT = w.tensor([T * B, U], w.copy(rh!));
      const m2 = w.copy(w.matmul(rhT, outs.dzAll, true, false));
      const dRv = w.buf(U * G);
      for (let i = 0; i < U; i++) {
        for (let j = 0; j < G; j++) dRv[i * G + j] = j < 2 * U ? m1[i * G + j]! : m2[i * G + j]!;
      }
      const dR = w.tensor([U, G], dRv, true);
      const result = [outs.dx, outs.dW, dR];
      if (useBias) result.push(outs.db);
      else a.dispose(outs.db);
      w.done();
      return result;
    },
  };
}

/**
 * The LSTM forward loop with the SIMD gates: the states and gates are written straight into
 * the output tensors on the heap (views are taken again after every product's allocation).
 */
function lstmForwardSimd(
  simd: RnnGateSimd,
  w: Work,
  a: ArrayAccess,
  xt: TensorInfo,
  xwT: TensorInfo,
  recurrentKernel: TensorInfo,
  bias: TensorInfo | undefined,
  active: Float32Array | null,
  attrs: SequenceAttrs,
  B: number,
  T: number,
): TensorInfo[] {
  const U = attrs.units;
  const [BU, BG] = [B * U, B * 4 * U];
  const HT = a.alloc([(T + 1) * B, U], "float32").info; // block 0: the zero state
  const CT = a.alloc([(T + 1) * B, U], "float32").info;
  const ZT = a.allocUncleared([T * B, 4 * U], "float32");
  const AT = a.allocUncleared([T * B, 4 * U], "float32");
  const TCT = a.allocUncleared([T * B, U], "float32");
  const hT = w.tensor([B, U], w.buf(BU));
  const f32s = (t: TensorInfo) => a.read(t) as Float32Array;
  for (let s = 0; s < T; s++) {
    const hrT = w.stepProductTensor(hT, f32s(HT).subarray(s * BU, (s + 1) * BU), recurrentKernel);
    simd.forward(
      addr(a, xwT, s * BG),
      addr(a, hrT),
      bias === undefined ? 0 : addr(a, bias),
      addr(a, CT, s * BU),
      addr(a, ZT, s * BG),
      addr(a, AT, s * BG),
      addr(a, CT, (s + 1) * BU),
      addr(a, TCT, s * BU),
      addr(a, HT, (s + 1) * BU),
      B,
      U,
    );
    a.dispose(hrT);
    simdGates.runs++;
    if (active !== null) {
      // tfjs: a masked step keeps the previous output and states.
      for (const M of [f32s(HT), f32s(CT)]) {
        carryMasked(
          active,
          s,
          M.subarray((s + 1) * BU, (s + 2) * BU),
          M.subarray(s * BU, (s + 1) * BU),
          U,
        );
      }
    }
  }
  // A JS copy of H: the output tensor's allocation may move the heap under a view.
  const y = layerOutput(w, w.copy(HT), B, T, U, attrs.returnSequences);
  return [w.tensor(y.shape, y.values, true), xt, HT, CT, ZT, AT, TCT];
}

/** The GRU forward loop with the SIMD gates, writing straight into the heap output tensors. */
function gruForwardSimd(
  simd: RnnGateSimd,
  w: Work,
  a: ArrayAccess,
  xt: TensorInfo,
  mxT: TensorInfo,
  rk1: TensorInfo,
  rk2: TensorInfo,
  active: Float32Array | null,
  attrs: SequenceAttrs,
  B: number,
  T: number,
): TensorInfo[] {
  const U = attrs.units;
  const [BU, BG] = [B * U, B * 3 * U];
  const HT = a.alloc([(T + 1) * B, U], "float32").info; // block 0: the zero state
  const PRET = a.allocUncleared([T * B, 3 * U], "float32");
  const GATEST = a.allocUncleared([T * B, 3 * U], "float32");
  const RHT = a.allocUncleared([T * B, U], "float32");
  const hT = w.tensor([B, U], w.buf(BU));
  const rhT = w.tensor([B, U], w.buf(BU));
  const f32s = (t: TensorInfo) => a.read(t) as Float32Array;
  for (let s = 0; s < T; s++) {
    const miT = w.stepProductTensor(hT, f32s(HT).subarray(s * BU, (s + 1) * BU), rk1);
    const [pmx, ph] = [addr(a, mxT, s * BG), addr(a, HT, s * BU)];
    const [ppre, pg, prh] = [addr(a, PRET, s * BG), addr(a, GATEST, s * BG), addr(a, RHT, s * BU)];
    simd.gruA(pmx, addr(a, miT), ph, ppre, pg, prh, 0, 0, 0, B, U);
    a.dispose(miT);
    const mrT = w.stepProductTensor(rhT, f32s(RHT).subarray(s * BU, (s + 1) * BU), rk2);
    simd.gruB(pmx, addr(a, mrT), ph, ppre, pg, addr(a, HT, (s + 1) * BU), 0, 0, 0, B, U);
    a.dispose(mrT);
    simdGates.runs++;
    if (active !== null) {
      const H = f32s(HT);
      carryMasked(
        active,
        s,
        H.subarray((s + 1) * BU, (s + 2) * BU),
        H.subarray(s * BU, (s + 1) * BU),
        U,
      );
    }
  }
  // A JS copy of H: the output tensor's allocation may move the heap under a view.
  const y = layerOutput(w, w.copy(HT), B, T, U, attrs.returnSequences);
  return [w.tensor(y.shape, y.values, true), xt, HT, PRET, GATEST, RHT];
}

/** dx, dW and db from the stacked pre-activation gradients DZ [T*B, G] (time-major, as xt). */
function finishGradients(
  w: Work,
  a: ArrayAccess,
  xt: TensorInfo,
  kernel: TensorInfo,
  DZ: Float32Array,
  B: number,
  T: number,
  D: number,
  G: number,
  goBackwards: boolean,
) {
  const dzAll = w.tensor([T * B, G], DZ);
  const dW = w.matmul(xt, dzAll, true, false, true);
  const dxt = w.matmul(dzAll, kernel, false, true);
  const dx = w.tensor(
    [B, T, D],
    batchMajor(a.read(dxt), B, T, D, goBackwards, w.buf(B * T * D)),
    true,
  );
  // db = column sums of DZ, as 1·DZ on the backend's matmul (a JS pass costs ~10x more).
  const ones = w.buf(T * B);
  ones.fill(1);
  const sums = w.matmul(w.tensor([1, T * B], ones), dzAll);
  const db = w.tensor([G], w.copy(sums), true);
  return { dzAll, dW, dx, db };
}

/** The sequence kernels for one backend (our own kernel names, so always "add"). */
export function rnnSequencePatches(
  access: (backend: object) => ArrayAccess,
  memoryOf?: MemoryOf,
): KernelPatch[] {
  return Object.entries(kernels(access, memoryOf)).map(([kernelName, kernelFunc]) => ({
    kernelName,
    mode: "add" as const,
    make: () => kernelFunc,
  }));
}

const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
  tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];

/** Names of the forward kernel's extra outputs: the states its gradient kernel reads. */
const SAVED: Record<string, string[]> = {
  [LSTM_SEQUENCE]: ["xt", "h", "c", "z", "acts", "tc"],
  [GRU_SEQUENCE]: ["xt", "h", "pre", "gates", "rh"],
};

/**
 * The layer as one tape node. tf.customGrad rather than registerGradient: the engine gives a
 * registered kernel's gradient a zero-filled tensor for every output that received none, here
 * megabytes per step for the saved states; customGrad's node has the layer output only.
 */
function sequenceOp(
  kernel: string,
  attrs: SequenceAttrs,
  x: tf.Tensor,
  weights: tf.Tensor[],
  mask: tf.Tensor | null,
) {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [xIn, w, r, b] = args as tf.Tensor[];
    const ins: tf.NamedTensorMap = { x: xIn!, kernel: w!, recurrentKernel: r! };
    if (b !== undefined) ins.bias = b;
    // Not an input of the op: no gradient flows to a mask. Non-zero counts, as in tfjs.
    // (Copied as float32 values: a cast bool tensor's cpu data is not a Float32Array.)
    const m =
      mask === null ? null : tf.tensor(new Float32Array(mask.dataSync()), mask.shape, "float32");
    if (m !== null) ins.mask = m;
    const [y, ...states] = run(kernel, ins, attrs);
    save([xIn!, w!, r!, ...(m === null ? [] : [m]), ...states]);
    return {
      value: y!,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ws, rs, ...rest] = saved;
        const gIns: tf.NamedTensorMap = {
          dy: dy as tf.Tensor,
          x: xs!,
          kernel: ws!,
          recurrentKernel: rs!,
        };
        if (m !== null) gIns.mask = rest.shift()!;
        SAVED[kernel]!.forEach((name, i) => {
          gIns[name] = rest[i]!;
        });
        return run(kernel + GRAD, gIns, attrs); // dx, dW, dR (, db)
      },
    };
  });
  return op(x, ...weights);
}

/** The parts of tfjs-layers' LSTM / GRU layers (and their cells) that the fused call reads. */
interface CellLike {
  units: number;
  useBias: boolean;
  dropout: number;
  recurrentDropout: number;
  activation: { getClassName(): string };
  recurrentActivation: { getClassName(): string };
  kernel?: { read(): tf.Tensor };
  recurrentKernel?: { read(): tf.Tensor };
  bias?: { read(): tf.Tensor } | null;
  constructor: unknown;
}
interface LayerLike {
  cell: CellLike;
  stateful: boolean;
  returnState: boolean;
  returnSequences: boolean;
  goBackwards: boolean;
  unroll: boolean;
  constructor: unknown;
}
type LayerCall = (this: LayerLike, inputs: tf.Tensor | tf.Tensor[], kwargs: unknown) => unknown;

/** Kernel attrs, or null when this call must run the stock way. */
function fusable(
  layer: LayerLike,
  cellClass: unknown,
  kernel: string,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: unknown,
): SequenceAttrs | null {
  const kw = (kwargs ?? {}) as { mask?: unknown; initialState?: unknown };
  if (kw.initialState != null) return null;
  if (layer.stateful || layer.returnState || layer.unroll) return null;
  const cell = layer.cell;
  if (cell.constructor !== cellClass || cell.kernel === undefined) return null;
  const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : undefined) : inputs;
  if (x === undefined || x.dtype !== "float32" || x.rank !== 3 || x.size === 0) return null;
  const mask = kw.mask as tf.Tensor | null | undefined;
  if (mask != null) {
    // A [batch, time] mask (Embedding maskZero); other forms keep the stock code.
    const [B, T] = x.shape;
    if (!(mask instanceof tf.Tensor) || mask.rank !== 2) return null;
    if (mask.shape[0] !== B || mask.shape[1] !== T || mask.dtype === "string") return null;
  }
  if (tf.getKernel(kernel, tf.getBackend()) === undefined) return null;
  const hasDropout = (p: number) => p > 0 && p < 1; // the stock cell's own test
  if (hasDropout(cell.dropout) || hasDropout(cell.recurrentDropout)) return null;
  const act = cell.activation.getClassName() as Activation;
  const recAct = cell.recurrentActivation.getClassName() as Activation;
  if (!FUSED_ACTIVATIONS.includes(act) || !FUSED_ACTIVATIONS.includes(recAct)) return null;
  return {
    units: cell.units,
    act: activationCode(act),
    recAct: activationCode(recAct),
    returnSequences: layer.returnSequences,
    goBackwards: layer.goBackwards,
    useBias: cell.useBias && cell.bias != null,
  };
}

const PATCHED = Symbol.for("ml-cert-labs.tf.stockRnnLayerCall");

function patchLayer(className: string, cellClassName: string, kernel: string): void {
  const map = tf.serialization.SerializationMap.getMap().classNameMap;
  const entry = map[className];
  const cellEntry = map[cellClassName];
  if (entry === undefined || cellEntry === undefined) return; // nothing to speed up
  const cls = entry[0] as unknown as { prototype: Record<PropertyKey, unknown> };
  const cellClass = cellEntry[0];
  const proto = cls.prototype;
  if (proto[PATCHED] !== undefined) return;
  const stock = proto.call as LayerCall;
  proto[PATCHED] = stock;
  proto.call = function call(this: LayerLike, inputs: tf.Tensor | tf.Tensor[], kwargs: unknown) {
    // Subclasses and unusual configurations keep the stock code.
    const attrs =
      this.constructor === cls ? fusable(this, cellClass, kernel, inputs, kwargs) : null;
    if (attrs === null) return stock.call(this, inputs, kwargs);
    const cell = this.cell;
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    const weights = [cell.kernel!.read(), cell.recurrentKernel!.read()];
    if (attrs.useBias) weights.push(cell.bias!.read());
    const mask = ((kwargs ?? {}) as { mask?: tf.Tensor | null }).mask ?? null;
    return sequenceOp(kernel, attrs, x, weights, mask);
  };
}

/** Routes LSTM and GRU layers through the sequence kernels where they apply. Idempotent. */
export function useFusedRnnLayers(): void {
  patchLayer("LSTM", "LSTMCell", LSTM_SEQUENCE);
  patchLayer("GRU", "GRUCell", GRU_SEQUENCE);
}

/** Puts the stock LSTM / GRU layer calls back (tests and benchmarks compare against them). */
export function restoreStockRnnLayers(): void {
  const map = tf.serialization.SerializationMap.getMap().classNameMap;
  for (const name of ["LSTM", "GRU"]) {
    const proto = (map[name]?.[0] as unknown as { prototype: Record<PropertyKey, unknown> })
      ?.prototype;
    if (proto?.[PATCHED] === undefined) continue;
    proto.call = proto[PATCHED];
    delete proto[PATCHED];
  }
}
