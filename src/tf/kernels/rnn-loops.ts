/**
 * Element-wise parts of LSTM and GRU cells as single loops. tfjs-layers runs each gate as a
 * separate op (about 20 per time step forward and 50 backward, each with engine overhead);
 * these loops do the same float32 arithmetic in one pass. Matrix products stay tfjs ops.
 */
import type { NumericArray } from "./array-access";

/** Activations the fused cells support (tfjs-layers names); others use the stock cell. */
export type Activation = "tanh" | "sigmoid" | "hardSigmoid" | "relu" | "linear";
export const FUSED_ACTIVATIONS: readonly Activation[] = [
  "tanh",
  "sigmoid",
  "hardSigmoid",
  "relu",
  "linear",
];
const ACT_CODE: Record<Activation, number> = {
  tanh: 0,
  sigmoid: 1,
  hardSigmoid: 2,
  relu: 3,
  linear: 4,
};
export const activationCode = (a: Activation): number => ACT_CODE[a];

const f32 = Math.fround;
const POINT_2 = f32(0.2);

/** Activation value, rounded to float32 like a tfjs op. */
function activate(code: number, x: number): number {
  switch (code) {
    case 0:
      return f32(Math.tanh(x));
    case 1:
      return f32(1 / (1 + Math.exp(-x)));
    case 2: {
      // tfjs: clipByValue(0.2 * x + 0.5, 0, 1), each step in float32.
      const t = f32(f32(POINT_2 * x) + 0.5);
      return t < 0 ? 0 : t > 1 ? 1 : t;
    }
    case 3:
      return x > 0 ? x : 0;
    default:
      return x;
  }
}

/** d activation / dx from the input x and output y, as tfjs's gradients compute it. */
function slope(code: number, x: number, y: number): number {
  switch (code) {
    case 0:
      return f32(1 - f32(y * y));
    case 1:
      return f32(y * f32(1 - y));
    case 2: {
      const t = f32(f32(POINT_2 * x) + 0.5);
      return t >= 0 && t <= 1 ? POINT_2 : 0;
    }
    case 3:
      return x > 0 ? 1 : 0;
    default:
      return 1;
  }
}

/**
 * LSTM step after the products. z [B, 4U] = x·W + h·R + b with gates in the order i, f, g, o
 * (as tfjs splits them), c [B, U] the previous carry. Writes h = o * act(c'), c' = f*c + i*g,
 * and acts [B, 5U] = (i, f, g, o, act(c')) for the backward pass.
 */
export function lstmGatesForward(
  z: NumericArray,
  c: NumericArray,
  units: number,
  act: number,
  recAct: number,
  hOut: NumericArray,
  cOut: NumericArray,
  acts: NumericArray,
): void {
  const U = units;
  const B = c.length / U;
  for (let b = 0; b < B; b++) {
    const zb = b * 4 * U;
    const ab = b * 5 * U;
    for (let u = 0; u < U; u++) {
      const i = activate(recAct, z[zb + u]);
      const f = activate(recAct, z[zb + U + u]);
      const g = activate(act, z[zb + 2 * U + u]);
      const o = activate(recAct, z[zb + 3 * U + u]);
      const k = b * U + u;
      const cNew = f32(f32(f * c[k]) + f32(i * g));
      const tc = activate(act, cNew);
      cOut[k] = cNew;
      hOut[k] = f32(o * tc);
      acts[ab + u] = i;
      acts[ab + U + u] = f;
      acts[ab + 2 * U + u] = g;
      acts[ab + 3 * U + u] = o;
      acts[ab + 4 * U + u] = tc;
    }
  }
}

/**
 * Backward of `lstmGatesForward`, from dh and dc' to dz [B, 4U] and dc [B, U]. Uses the saved
 * z, c, c' and acts, so no activation is evaluated again.
 */
export function lstmGatesBackward(
  z: NumericArray,
  c: NumericArray,
  cNew: NumericArray,
  acts: NumericArray,
  dh: NumericArray,
  dcNext: NumericArray,
  units: number,
  act: number,
  recAct: number,
  dz: NumericArray,
  dc: NumericArray,
): void {
  const U = units;
  const B = c.length / U;
  for (let b = 0; b < B; b++) {
    const zb = b * 4 * U;
    const ab = b * 5 * U;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      const i = acts[ab + u];
      const f = acts[ab + U + u];
      const g = acts[ab + 2 * U + u];
      const o = acts[ab + 3 * U + u];
      const tc = acts[ab + 4 * U + u];
      const dhv = dh[k];
      const dcTotal = f32(dcNext[k] + f32(f32(dhv * o) * slope(act, cNew[k], tc)));
      dz[zb + u] = f32(f32(dcTotal * g) * slope(recAct, z[zb + u], i));
      dz[zb + U + u] = f32(f32(dcTotal * c[k]) * slope(recAct, z[zb + U + u], f));
      dz[zb + 2 * U + u] = f32(f32(dcTotal * i) * slope(act, z[zb + 2 * U + u], g));
      dz[zb + 3 * U + u] = f32(f32(dhv * tc) * slope(recAct, z[zb + 3 * U + u], o));
      dc[k] = f32(dcTotal * f);
    }
  }
}

/**
 * GRU step, first half. mx [B, 3U] = x·W + b and mi [B, 3U] = h·R (all of R; only the z and r
 * columns are used), h [B, U]. Writes z = recAct(mx_z + mi_z) and rh = r * h with
 * r = recAct(mx_r + mi_r): rh·R is the next product, then `gruStepB`.
 */
export function gruStepA(
  mx: NumericArray,
  mi: NumericArray,
  h: NumericArray,
  units: number,
  recAct: number,
  rhOut: NumericArray,
  zOut: NumericArray,
): void {
  const U = units;
  const B = h.length / U;
  for (let b = 0; b < B; b++) {
    const m = b * 3 * U;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      zOut[k] = activate(recAct, f32(mx[m + u] + mi[m + u]));
      const r = activate(recAct, f32(mx[m + U + u] + mi[m + U + u]));
      rhOut[k] = f32(r * h[k]);
    }
  }
}

/** Backward of `gruStepA`: from drh, dz to dmx = dmi [B, 3U] (zero h-columns) and dh. */
export function gruStepABackward(
  mx: NumericArray,
  mi: NumericArray,
  h: NumericArray,
  drh: NumericArray,
  dz: NumericArray,
  units: number,
  recAct: number,
  dm: NumericArray,
  dh: NumericArray,
): void {
  const U = units;
  const B = h.length / U;
  for (let b = 0; b < B; b++) {
    const m = b * 3 * U;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      const preZ = f32(mx[m + u] + mi[m + u]);
      const z = activate(recAct, preZ);
      const preR = f32(mx[m + U + u] + mi[m + U + u]);
      const r = activate(recAct, preR);
      dm[m + u] = f32(dz[k] * slope(recAct, preZ, z));
      dm[m + U + u] = f32(f32(drh[k] * h[k]) * slope(recAct, preR, r));
      dm[m + 2 * U + u] = 0;
      dh[k] = f32(drh[k] * r);
    }
  }
}

/**
 * GRU step, second half. mr [B, 3U] = rh·R (only the h columns are used), z and h [B, U].
 * Writes h' = z * h + (1 - z) * hh with hh = act(mx_h + mr_h), and hh for the backward pass.
 */
export function gruStepB(
  mx: NumericArray,
  mr: NumericArray,
  z: NumericArray,
  h: NumericArray,
  units: number,
  act: number,
  hOut: NumericArray,
  hhOut: NumericArray,
): void {
  const U = units;
  const B = h.length / U;
  for (let b = 0; b < B; b++) {
    const m = b * 3 * U + 2 * U;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      const hh = activate(act, f32(mx[m + u] + mr[m + u]));
      hhOut[k] = hh;
      hOut[k] = f32(f32(z[k] * h[k]) + f32(f32(1 - z[k]) * hh));
    }
  }
}

/** Backward of `gruStepB`: from dh' to dm [B, 3U] (only h-columns non-zero), dz and dh. */
export function gruStepBBackward(
  mx: NumericArray,
  mr: NumericArray,
  z: NumericArray,
  h: NumericArray,
  hh: NumericArray,
  dhNext: NumericArray,
  units: number,
  act: number,
  dm: NumericArray,
  dz: NumericArray,
  dh: NumericArray,
): void {
  const U = units;
  const B = h.length / U;
  for (let b = 0; b < B; b++) {
    const m = b * 3 * U;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      const pre = f32(mx[m + 2 * U + u] + mr[m + 2 * U + u]);
      const g = dhNext[k];
      dm[m + u] = 0;
      dm[m + U + u] = 0;
      dm[m + 2 * U + u] = f32(f32(g * f32(1 - z[k])) * slope(act, pre, hh[k]));
      dz[k] = f32(f32(g * h[k]) - f32(g * hh[k]));
      dh[k] = f32(g * z[k]);
    }
  }
}

// ---- Whole-sequence layers (rnn-sequence.ts): one step's loops over [B, ·] blocks. ----
// The activation is chosen once per row segment, not per element, so each case is a tight
// loop V8 can inline Math.exp / Math.tanh into (the per-element switch above costs ~2x).

/** y[yo + i] = activation(x[xo + i]) for i < n, rounded to float32 like a tfjs op. */
export function activateRange(
  code: number,
  x: NumericArray,
  xo: number,
  y: NumericArray,
  yo: number,
  n: number,
): void {
  switch (code) {
    case 0:
      for (let i = 0; i < n; i++) {
        // Math.tanh is ~2x slower than Math.exp in V8. In double precision 1 - 2/(e^2v + 1)
        // errs by ~1e-16, far below float32's half-ulp, except for tiny |v| (cancellation),
        // which keeps Math.tanh: same float32 results as Math.tanh on 2M test values.
        const v = x[xo + i];
        y[yo + i] = f32(v < 0.0625 && v > -0.0625 ? Math.tanh(v) : 1 - 2 / (Math.exp(2 * v) + 1));
      }
      return;
    case 1:
      for (let i = 0; i < n; i++) y[yo + i] = f32(1 / (1 + Math.exp(-x[xo + i])));
      return;
    case 2:
      for (let i = 0; i < n; i++) {
        const t = f32(f32(POINT_2 * x[xo + i]) + 0.5);
        y[yo + i] = t < 0 ? 0 : t > 1 ? 1 : t;
      }
      return;
    case 3:
      for (let i = 0; i < n; i++) y[yo + i] = x[xo + i] > 0 ? x[xo + i] : 0;
      return;
    default:
      for (let i = 0; i < n; i++) y[yo + i] = x[xo + i];
  }
}

/**
 * d[i] *= activation'(x[i]) for i in [o, o + n), from the input x and output y as tfjs's
 * gradients compute it (same rounding as `slope`).
 */
export function mulSlopeRange(
  code: number,
  x: NumericArray,
  y: NumericArray,
  d: NumericArray,
  o: number,
  n: number,
): void {
  const end = o + n;
  switch (code) {
    case 0:
      for (let i = o; i < end; i++) d[i] = f32(d[i] * f32(1 - f32(y[i] * y[i])));
      return;
    case 1:
      for (let i = o; i < end; i++) d[i] = f32(d[i] * f32(y[i] * f32(1 - y[i])));
      return;
    case 2:
      for (let i = o; i < end; i++) {
        const t = f32(f32(POINT_2 * x[i]) + 0.5);
        d[i] = t >= 0 && t <= 1 ? f32(d[i] * POINT_2) : 0;
      }
      return;
    case 3:
      for (let i = o; i < end; i++) d[i] = x[i] > 0 ? d[i] : 0;
      return;
    default:
  }
}

/**
 * One LSTM step after h·R. z [B, 4U] = (x·W + h·R) + b as tfjs adds them (xw is this step's
 * block of the whole-sequence product); gates i, f, g, o. Writes z, acts [B, 4U] = the four
 * activated gates, c' = f*c + i*g, tc = act(c') and h = o * tc (all [B, U]).
 */
export function lstmSequenceStep(
  xw: NumericArray,
  hr: NumericArray,
  bias: NumericArray | null,
  c: NumericArray,
  units: number,
  act: number,
  recAct: number,
  z: NumericArray,
  acts: NumericArray,
  cOut: NumericArray,
  tc: NumericArray,
  hOut: NumericArray,
): void {
  const U = units;
  const G = 4 * U;
  const B = c.length / U;
  if (bias === null) for (let i = 0; i < z.length; i++) z[i] = f32(xw[i] + hr[i]);
  else {
    for (let r = 0; r < z.length; r += G) {
      for (let j = 0; j < G; j++) z[r + j] = f32(f32(xw[r + j] + hr[r + j]) + bias[j]);
    }
  }
  for (let b = 0; b < B; b++) {
    const r = b * G;
    activateRange(recAct, z, r, acts, r, 2 * U); // i, f
    activateRange(act, z, r + 2 * U, acts, r + 2 * U, U); // g
    activateRange(recAct, z, r + 3 * U, acts, r + 3 * U, U); // o
  }
  for (let b = 0; b < B; b++) {
    const r = b * G;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      cOut[k] = f32(f32(acts[r + U + u] * c[k]) + f32(acts[r + u] * acts[r + 2 * U + u]));
    }
  }
  activateRange(act, cOut, 0, tc, 0, cOut.length);
  for (let b = 0; b < B; b++) {
    const r = b * G + 3 * U;
    for (let u = 0; u < U; u++) hOut[b * U + u] = f32(acts[r + u] * tc[b * U + u]);
  }
}

/**
 * Backward of `lstmSequenceStep` from dh and dc' ([B, U]) to dz [B, 4U] and dc [B, U]
 * (same float32 steps as `lstmGatesBackward`). `tmp` is [B, U] scratch.
 */
export function lstmSequenceBackward(
  z: NumericArray,
  acts: NumericArray,
  c: NumericArray,
  cNew: NumericArray,
  tc: NumericArray,
  dh: NumericArray,
  dcNext: NumericArray,
  units: number,
  act: number,
  recAct: number,
  dz: NumericArray,
  dc: NumericArray,
  tmp: NumericArray,
): void {
  const U = units;
  const G = 4 * U;
  const B = c.length / U;
  for (let b = 0; b < B; b++) {
    const r = b * G + 3 * U;
    for (let u = 0; u < U; u++) tmp[b * U + u] = f32(dh[b * U + u] * acts[r + u]); // dh * o
  }
  mulSlopeRange(act, cNew, tc, tmp, 0, tmp.length);
  for (let b = 0; b < B; b++) {
    const r = b * G;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      const dcTotal = f32(dcNext[k] + tmp[k]);
      dz[r + u] = f32(dcTotal * acts[r + 2 * U + u]); // * g
      dz[r + U + u] = f32(dcTotal * c[k]);
      dz[r + 2 * U + u] = f32(dcTotal * acts[r + u]); // * i
      dz[r + 3 * U + u] = f32(dh[k] * tc[k]);
      dc[k] = f32(dcTotal * acts[r + U + u]); // * f
    }
    mulSlopeRange(recAct, z, acts, dz, r, 2 * U);
    mulSlopeRange(act, z, acts, dz, r + 2 * U, U);
    mulSlopeRange(recAct, z, acts, dz, r + 3 * U, U);
  }
}

/** Adds the bias to every row of m [N, bias.length] in place (tfjs's biasAdd rounding). */
export function addBiasRows(m: NumericArray, bias: NumericArray): void {
  const G = bias.length;
  for (let i = 0; i < m.length; i += G) {
    for (let j = 0; j < G; j++) m[i + j] = f32(m[i + j] + bias[j]);
  }
}

/**
 * GRU step, first half, as tfjs's GRUCell: mx [B, 3U] = x·W + b, mi [B, 2U] = h·R[:, :2U].
 * Writes the pre-activations of z, r into columns 0..2U of pre [B, 3U] and z, r into gates
 * [B, 3U], and rh = r * h [B, U] (the left operand of the next product, rh·R[:, 2U:]).
 */
export function gruSequenceStepA(
  mx: NumericArray,
  mi: NumericArray,
  h: NumericArray,
  units: number,
  recAct: number,
  pre: NumericArray,
  gates: NumericArray,
  rh: NumericArray,
): void {
  const U = units;
  const B = h.length / U;
  for (let b = 0; b < B; b++) {
    const m = b * 3 * U;
    const i2 = b * 2 * U;
    for (let j = 0; j < 2 * U; j++) pre[m + j] = f32(mx[m + j] + mi[i2 + j]);
    activateRange(recAct, pre, m, gates, m, 2 * U);
    for (let u = 0; u < U; u++) rh[b * U + u] = f32(gates[m + U + u] * h[b * U + u]);
  }
}

/**
 * GRU step, second half: mr [B, U] = rh·R[:, 2U:]. Writes hh = act(mx_h + mr) (and its
 * pre-activation) into columns 2U..3U of gates / pre, and h' = z * h + (1 - z) * hh.
 */
export function gruSequenceStepB(
  mx: NumericArray,
  mr: NumericArray,
  h: NumericArray,
  units: number,
  act: number,
  pre: NumericArray,
  gates: NumericArray,
  hOut: NumericArray,
): void {
  const U = units;
  const B = h.length / U;
  for (let b = 0; b < B; b++) {
    const m = b * 3 * U + 2 * U;
    for (let u = 0; u < U; u++) pre[m + u] = f32(mx[m + u] + mr[b * U + u]);
    activateRange(act, pre, m, gates, m, U);
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      const z = gates[m - 2 * U + u];
      hOut[k] = f32(f32(z * h[k]) + f32(f32(1 - z) * gates[m + u]));
    }
  }
}

/**
 * Backward of `gruSequenceStepB` from dh' [B, U]: writes d(pre_h) into columns 2U..3U of
 * dm [B, 3U] and into dph [B, U] (the next product's operand), dz before the gate's slope into
 * dzRaw, and the direct part of dh, dh' * z, into dh.
 */
export function gruSequenceBackwardB(
  dhNext: NumericArray,
  h: NumericArray,
  pre: NumericArray,
  gates: NumericArray,
  units: number,
  act: number,
  dm: NumericArray,
  dph: NumericArray,
  dzRaw: NumericArray,
  dh: NumericArray,
): void {
  const U = units;
  const B = h.length / U;
  for (let b = 0; b < B; b++) {
    const m = b * 3 * U;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      const g = dhNext[k];
      const z = gates[m + u];
      const hh = gates[m + 2 * U + u];
      dm[m + 2 * U + u] = f32(g * f32(1 - z));
      dzRaw[k] = f32(f32(g * h[k]) - f32(g * hh));
      dh[k] = f32(g * z);
    }
    mulSlopeRange(act, pre, gates, dm, m + 2 * U, U);
    for (let u = 0; u < U; u++) dph[b * U + u] = dm[m + 2 * U + u];
  }
}

/**
 * Backward of `gruSequenceStepA`, given drh [B, U] = d(pre_h)·R[:, 2U:]ᵀ: writes d(pre_z),
 * d(pre_r) into columns 0..2U of dm and into dzr [B, 2U] (the next product's operand), and
 * adds drh * r to dh.
 */
export function gruSequenceBackwardA(
  drh: NumericArray,
  h: NumericArray,
  pre: NumericArray,
  gates: NumericArray,
  dzRaw: NumericArray,
  units: number,
  recAct: number,
  dm: NumericArray,
  dzr: NumericArray,
  dh: NumericArray,
): void {
  const U = units;
  const B = h.length / U;
  for (let b = 0; b < B; b++) {
    const m = b * 3 * U;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      dm[m + u] = dzRaw[k];
      dm[m + U + u] = f32(drh[k] * h[k]);
      dh[k] = f32(dh[k] + f32(drh[k] * gates[m + U + u]));
    }
    mulSlopeRange(recAct, pre, gates, dm, m, 2 * U);
    for (let j = 0; j < 2 * U; j++) dzr[b * 2 * U + j] = dm[m + j];
  }
}
