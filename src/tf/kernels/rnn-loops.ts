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

/**
 * One LSTM step's pre-activations as tfjs adds them: z = (x·W + h·R) + b, each add rounded to
 * float32. xw [B, 4U] is this step's block of the whole-sequence product, hr [B, 4U] = h·R.
 */
export function lstmPreactivations(
  xw: NumericArray,
  hr: NumericArray,
  bias: NumericArray | null,
  z: NumericArray,
): void {
  if (bias === null) {
    for (let i = 0; i < z.length; i++) z[i] = f32(xw[i] + hr[i]);
    return;
  }
  const G = bias.length;
  for (let i = 0; i < z.length; i += G) {
    for (let j = 0; j < G; j++) z[i + j] = f32(f32(xw[i + j] + hr[i + j]) + bias[j]);
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
 * Writes z, r (and their pre-activations) into columns 0..2U of gates / pre [B, 3U], and
 * rh = r * h [B, U] (the left operand of the next product, rh·R[:, 2U:]).
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
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      const pz = f32(mx[m + u] + mi[i2 + u]);
      const pr = f32(mx[m + U + u] + mi[i2 + U + u]);
      const r = activate(recAct, pr);
      pre[m + u] = pz;
      pre[m + U + u] = pr;
      gates[m + u] = activate(recAct, pz);
      gates[m + U + u] = r;
      rh[k] = f32(r * h[k]);
    }
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
    const m = b * 3 * U;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      const ph = f32(mx[m + 2 * U + u] + mr[k]);
      const hh = activate(act, ph);
      const z = gates[m + u];
      pre[m + 2 * U + u] = ph;
      gates[m + 2 * U + u] = hh;
      hOut[k] = f32(f32(z * h[k]) + f32(f32(1 - z) * hh));
    }
  }
}

/**
 * Backward of `gruSequenceStepB` from dh' [B, U]: writes d(pre_h) into column block 2U..3U of
 * dm [B, 3U] and into dph [B, U] (the next product's operand), dz (before the gate's slope)
 * into dzRaw, and the direct part of dh, dh' * z, into dh.
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
      const d = f32(f32(g * f32(1 - z)) * slope(act, pre[m + 2 * U + u], hh));
      dm[m + 2 * U + u] = d;
      dph[k] = d;
      dzRaw[k] = f32(f32(g * h[k]) - f32(g * hh));
      dh[k] = f32(g * z);
    }
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
    const i2 = b * 2 * U;
    for (let u = 0; u < U; u++) {
      const k = b * U + u;
      const r = gates[m + U + u];
      const dz = f32(dzRaw[k] * slope(recAct, pre[m + u], gates[m + u]));
      const dr = f32(f32(drh[k] * h[k]) * slope(recAct, pre[m + U + u], r));
      dm[m + u] = dz;
      dm[m + U + u] = dr;
      dzr[i2 + u] = dz;
      dzr[i2 + U + u] = dr;
      dh[k] = f32(dh[k] + f32(drh[k] * r));
    }
  }
}
