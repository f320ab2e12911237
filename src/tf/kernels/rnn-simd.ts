/**
 * The gate loops of the whole-layer LSTM and GRU kernels (`lstmSequenceStep`,
 * `lstmSequenceBackward`, `gruSequenceStepA/B`, `gruSequenceBackwardB/A` in rnn-loops.ts) as
 * WebAssembly SIMD functions on tfjs-wasm's heap, four units at a time. The JS loops cost
 * ~200 µs forward and ~120 µs backward per LSTM step for 64 x 32 units, mostly Math.exp; here
 * exp is float32 Cephes `expf` (e^x = 2^n e^r, degree-5 polynomial, ~1 ulp), tanh an odd
 * polynomial fit for |x| < 0.625 (< 1 ulp, no cancellation near 0) and 1 - 2/(e^2|x| + 1)
 * above, inputs clamped so large |x| gives exactly ±1 (tanh) and 1 (sigmoid; very negative x
 * gives < 1e-37 instead of a denormal). Every other step (gate sums, products, hardSigmoid,
 * relu, slopes) is the JS loops' float32 operation in the same order: bit for bit the same.
 * One module per activation pair, built from bytes at run time (heap-simd.ts). Rows whose unit
 * count is not a multiple of 4 end with an overlapping vector (every output is written from
 * inputs it does not overwrite, so writing it twice is harmless).
 */
import { heapModule, section, sleb, uleb, type WasmMemory, name as wasmName } from "./heap-simd";

/** (xw, hr, bias, c, z, acts, cOut, tc, h, B, U): byte addresses on the heap (bias may be 0). */
type Forward = (...args: number[]) => void;
/** (z, acts, c, cNew, tc, dh, dcNext, dz, dc, B, U). */
type Backward = (...args: number[]) => void;
/**
 * Also the GRU steps (9 byte addresses, then B, U; unused addresses 0):
 * gruA (mx, mi, h, pre, gates, rh), gruB (mx, mr, h, pre, gates, hOut),
 * gruBackwardB (dhNext, h, pre, gates, dm, dph, dzRaw, dh),
 * gruBackwardA (drh, h, pre, gates, dzRaw, dm, dzr, dh, dhOut).
 */
export interface RnnGateSimd {
  forward: Forward;
  backward: Backward;
  gruA: Forward;
  gruB: Forward;
  gruBackwardB: Backward;
  gruBackwardA: Backward;
}

const I32 = 0x7f;
const V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const v = (op: number) => [0xfd, ...uleb(op)];
const load = [...v(0x00), 0x00, 0x00];
const store = [...v(0x0b), 0x00, 0x00];
const i32 = (n: number) => [0x41, ...sleb(n)];
const [I32_ADD, I32_SUB, I32_MUL, I32_SHL, I32_GE_S, I32_GT_S] = [
  0x6a, 0x6b, 0x6c, 0x74, 0x4e, 0x4a,
];
const SELECT = 0x1b;
const f32x4 = (x: number) => {
  const b = new Uint8Array(new Float32Array([x, x, x, x]).buffer);
  return [...v(0x0c), ...b];
};
const i32x4 = (x: number) => {
  const b = new Uint8Array(new Int32Array([x, x, x, x]).buffer);
  return [...v(0x0c), ...b];
};
const [AND, OR, BITSELECT] = [v(0x4e), v(0x50), v(0x52)];
const [GT, LT, LE, GE] = [v(0x44), v(0x43), v(0x45), v(0x46)];
const [ABS, ADD, SUB, MUL, DIV] = [0xe0, 0xe4, 0xe5, 0xe6, 0xe7].map(v);
// pmin(a, b) = b < a ? b : a, pmax(a, b) = a < b ? b : a: the JS ternaries, and single x64
// instructions (f32x4.min/max's NaN and -0 rules cost several).
const [MIN, MAX] = [v(0xea), v(0xeb)];
const I32X4_ADD = v(0xae);
const I32X4_SHL = v(0xab);

// Cephes expf.
const EXP_HI = 88.3;
const EXP_LO = -87.3;
const LOG2E = Math.LOG2E;
const C1 = 0.693359375;
const ROUNDER = 12582912; // 1.5 * 2^23
const C2 = -2.1219444e-4;
const EXP_P = [
  1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1,
  5.0000001201e-1,
];
// tanh(x) = x + x * x²·P(x²) for |x| < TANH_SMALL (float32 least-squares fit, < 1 ulp).
const TANH_SMALL = 0.625;
const TANH_P = [
  -0.3333328068256378, 0.133314311504364, -0.05373913049697876, 0.02063777483999729,
  -0.005703942850232124,
];
/** tanh(±10) is ±1 in float32. */
const TANH_CLAMP = 10;

/** Emits code with v128 scratch locals from `base` (each function below uses a few). */
class Scratch {
  constructor(private next: number) {}
  take(): number {
    return this.next++;
  }
  get used(): number {
    return this.next;
  }
}

/** exp(x) of the v128 in local x onto the stack. */
function expOf(x: number, s: Scratch): number[] {
  const [cx, n, r, m] = [s.take(), s.take(), s.take(), s.take()];
  const code = [...get(x), ...f32x4(EXP_HI), ...MIN, ...f32x4(EXP_LO), ...MAX, ...set(cx)];
  // n = round-to-nearest-even(x log2 e) by adding 1.5 * 2^23 (cheaper than f32x4.nearest plus
  // i32x4.trunc_sat on x64); m's low bits are then n + 2^22 as an integer.
  code.push(...get(cx), ...f32x4(LOG2E), ...MUL, ...f32x4(ROUNDER), ...ADD, ...tee(m));
  code.push(...f32x4(ROUNDER), ...SUB, ...set(n));
  code.push(...get(cx), ...get(n), ...f32x4(C1), ...MUL, ...SUB);
  code.push(...get(n), ...f32x4(C2), ...MUL, ...SUB, ...set(r));
  code.push(...f32x4(EXP_P[0]!));
  for (const p of EXP_P.slice(1)) code.push(...get(r), ...MUL, ...f32x4(p), ...ADD);
  // (p * r² + r) + 1, times 2^n built from its exponent bits.
  code.push(...get(r), ...get(r), ...MUL, ...MUL, ...get(r), ...ADD, ...f32x4(1), ...ADD);
  code.push(...get(m), ...i32x4(127 - 0x4b400000), ...I32X4_ADD, ...i32(23), ...I32X4_SHL);
  code.push(...MUL);
  return code;
}

/** Activation `code` (rnn-loops.ts numbering) of local x onto the stack. */
function activation(code: number, x: number, s: Scratch): number[] {
  switch (code) {
    case 0:
      return tanhCode(x, s);
    case 1: {
      const nx = s.take();
      const c = [...f32x4(0), ...get(x), ...SUB, ...set(nx)];
      return [...c, ...f32x4(1), ...f32x4(1), ...expOf(nx, s), ...ADD, ...DIV];
    }
    case 2:
      // clip(0.2 * x + 0.5, 0, 1) as pmax then pmin: exactly the JS ternaries.
      return [
        ...get(x),
        ...f32x4(0.2),
        ...MUL,
        ...f32x4(0.5),
        ...ADD,
        ...f32x4(0),
        ...MAX,
        ...f32x4(1),
        ...MIN,
      ];
    case 3:
      return [...get(x), ...get(x), ...f32x4(0), ...GT, ...AND];
    default:
      return get(x);
  }
}

/** tanh of local x onto the stack. */
function tanhCode(x: number, s: Scratch): number[] {
  const [x2, small, e, large] = [s.take(), s.take(), s.take(), s.take()];
  // small = x + x * (x² * P(x²)), the float32 Horner steps the fit was checked with
  const code = [...get(x), ...get(x), ...MUL, ...set(x2), ...f32x4(TANH_P[4]!)];
  for (let k = 3; k >= 0; k--) code.push(...get(x2), ...MUL, ...f32x4(TANH_P[k]!), ...ADD);
  code.push(...get(x2), ...MUL, ...set(small));
  code.push(...get(x), ...get(x), ...get(small), ...MUL, ...ADD, ...ABS);
  code.push(...get(x), ...i32x4(-0x80000000), ...AND, ...OR, ...set(small)); // tanh(-0) = -0
  // large = copysign(1 - 2 / (exp(2 min(|x|, 10)) + 1), x)
  code.push(...get(x), ...ABS, ...f32x4(TANH_CLAMP), ...MIN, ...f32x4(2), ...MUL, ...set(e));
  code.push(...f32x4(1), ...f32x4(2), ...expOf(e, s), ...f32x4(1), ...ADD, ...DIV, ...SUB);
  code.push(...get(x), ...i32x4(-0x80000000), ...AND, ...OR, ...set(large));
  code.push(...get(small), ...get(large), ...get(x), ...ABS, ...f32x4(TANH_SMALL), ...LT);
  code.push(...BITSELECT);
  return code;
}

/** d * activation'(x) from the input x and output y (locals), as `mulSlopeRange` does. */
function mulSlope(code: number, d: number[], x: number, y: number): number[] {
  switch (code) {
    case 0: // d * (1 - y*y)
      return [...d, ...f32x4(1), ...get(y), ...get(y), ...MUL, ...SUB, ...MUL];
    case 1: // d * (y * (1 - y))
      return [...d, ...get(y), ...f32x4(1), ...get(y), ...SUB, ...MUL, ...MUL];
    case 2: {
      // t in [0, 1] ? d * 0.2 : 0, t = 0.2 * x + 0.5
      const t = [...get(x), ...f32x4(0.2), ...MUL, ...f32x4(0.5), ...ADD];
      return [...d, ...f32x4(0.2), ...MUL, ...t, ...f32x4(0), ...GE, ...AND, ...t];
    }
    case 3:
      return [...d, ...get(x), ...f32x4(0), ...GT, ...AND];
    default:
      return d;
  }
}

/** hardSigmoid's mask needs t twice: and(d*0.2, t >= 0) then and(., t <= 1). */
function finishSlope(code: number): number[] {
  return code === 2 ? [...f32x4(1), ...LE, ...AND] : [];
}

const slopeOf = (code: number, d: number[], x: number, y: number) => [
  ...mulSlope(code, d, x, y),
  ...finishSlope(code),
];

// Parameters (byte addresses), then the shared i32 locals.
const [PB, PU] = [9, 10];
const [B_, U_, UU, R4, K4, U4, R3, R2] = [11, 12, 13, 14, 15, 16, 17, 18];
const I32_LOCALS = 8;
const V0 = 19; // first v128 local

/** The loop over rows b and vectors uu of every function; `body` uses R4 (gate row) and K4. */
function rowLoop(body: number[]): number[] {
  return [
    ...get(PU),
    ...i32(2),
    I32_SHL,
    ...set(U4),
    ...[0x02, 0x40, 0x03, 0x40], // block, loop over b
    ...get(B_),
    ...get(PB),
    I32_GE_S,
    0x0d,
    0x01,
    ...i32(0),
    ...set(U_),
    ...[0x02, 0x40, 0x03, 0x40], // block, loop over u
    ...get(U_),
    ...get(PU),
    I32_GE_S,
    0x0d,
    0x01,
    // uu = u + 4 > U ? U - 4 : u (the last vector overlaps the previous one)
    ...[...get(PU), ...i32(4), I32_SUB, ...get(U_), ...get(U_), ...i32(4), I32_ADD],
    ...[...get(PU), I32_GT_S, SELECT, ...set(UU)],
    ...[...get(B_), ...get(PU), ...i32(4), I32_MUL, I32_MUL, ...get(UU), I32_ADD],
    ...[...i32(2), I32_SHL, ...set(R4)],
    ...[...get(B_), ...get(PU), I32_MUL, ...get(UU), I32_ADD, ...i32(2), I32_SHL, ...set(K4)],
    ...[...get(B_), ...get(PU), ...i32(3), I32_MUL, I32_MUL, ...get(UU), I32_ADD],
    ...[...i32(2), I32_SHL, ...set(R3)],
    ...[...get(B_), ...get(PU), ...i32(2), I32_MUL, I32_MUL, ...get(UU), I32_ADD],
    ...[...i32(2), I32_SHL, ...set(R2)],
    ...body,
    ...[...get(U_), ...i32(4), I32_ADD, ...set(U_), 0x0c, 0x00],
    0x0b,
    0x0b,
    ...[...get(B_), ...i32(1), I32_ADD, ...set(B_), 0x0c, 0x00],
    0x0b,
    0x0b,
  ];
}

/** Address of gate `gate` of param `p` at the current vector ([B, 4U] rows; or 3U, 2U). */
const gateAt = (p: number, gate: number, row = R4) => {
  const code = [...get(p), ...get(row), I32_ADD];
  for (let g = 0; g < gate; g++) code.push(...get(U4), I32_ADD);
  return code;
};
const unitAt = (p: number) => [...get(p), ...get(K4), I32_ADD];
/** Bias address of gate `gate`: bias + 4 * (gate * U + uu). */
const biasAt = (p: number, gate: number) => {
  const code = [...get(p), ...get(UU), ...i32(2), I32_SHL, I32_ADD];
  for (let g = 0; g < gate; g++) code.push(...get(U4), I32_ADD);
  return code;
};

function funcBody(vLocals: number, body: number[]): number[] {
  const locals = [0x02, I32_LOCALS, I32, ...uleb(vLocals), V128];
  const code = [...locals, ...rowLoop(body), 0x0b];
  return [...uleb(code.length), ...code];
}

function forwardBody(act: number, recAct: number, hasBias: boolean): number[] {
  const [XW, HR, BIAS, C, Z, ACTS, COUT, TC, H] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const s = new Scratch(V0);
  const zs = [s.take(), s.take(), s.take(), s.take()];
  const as = [s.take(), s.take(), s.take(), s.take()];
  const [cn, tcv] = [s.take(), s.take()];
  const code: number[] = [];
  for (let g = 0; g < 4; g++) {
    // z = (xw + hr) + bias, stored; then its activation
    code.push(...gateAt(Z, g), ...gateAt(XW, g), ...load, ...gateAt(HR, g), ...load, ...ADD);
    if (hasBias) code.push(...biasAt(BIAS, g), ...load, ...ADD);
    code.push(...tee(zs[g]!), ...store);
    code.push(...gateAt(ACTS, g), ...activation(g === 2 ? act : recAct, zs[g]!, s));
    code.push(...tee(as[g]!), ...store);
  }
  const [i, f, g, o] = as as [number, number, number, number];
  // c' = f*c + i*g; tc = act(c'); h = o * tc
  code.push(...unitAt(COUT), ...get(f), ...unitAt(C), ...load, ...MUL);
  code.push(...get(i), ...get(g), ...MUL, ...ADD, ...tee(cn), ...store);
  code.push(...unitAt(TC), ...activation(act, cn, s), ...tee(tcv), ...store);
  code.push(...unitAt(H), ...get(o), ...get(tcv), ...MUL, ...store);
  return funcBody(s.used - V0, code);
}

function backwardBody(act: number, recAct: number): number[] {
  const [Z, ACTS, C, CNEW, TC, DH, DCNEXT, DZ, DC] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const s = new Scratch(V0);
  const [zi, zf, zg, zo, ai, af, ag, ao] = Array.from({ length: 8 }, () => s.take());
  const [cnv, tcv, dhv, dct] = [s.take(), s.take(), s.take(), s.take()];
  const code: number[] = [];
  const zl = [zi, zf, zg, zo] as number[];
  const al = [ai, af, ag, ao] as number[];
  for (let k = 0; k < 4; k++) {
    code.push(...gateAt(Z, k), ...load, ...set(zl[k]!));
    code.push(...gateAt(ACTS, k), ...load, ...set(al[k]!));
  }
  code.push(...unitAt(CNEW), ...load, ...set(cnv), ...unitAt(TC), ...load, ...set(tcv));
  code.push(...unitAt(DH), ...load, ...set(dhv));
  // dcTotal = dcNext + slope(act)(dh * o)
  const dho = [...get(dhv), ...get(ao!), ...MUL];
  code.push(...unitAt(DCNEXT), ...load, ...slopeOf(act, dho, cnv, tcv), ...ADD, ...set(dct));
  const byGate: number[][] = [
    [...get(dct), ...get(ag!), ...MUL],
    [...get(dct), ...unitAt(C), ...load, ...MUL],
    [...get(dct), ...get(ai!), ...MUL],
    [...get(dhv), ...get(tcv), ...MUL],
  ];
  for (let k = 0; k < 4; k++) {
    code.push(...gateAt(DZ, k), ...slopeOf(k === 2 ? act : recAct, byGate[k]!, zl[k]!, al[k]!));
    code.push(...store);
  }
  code.push(...unitAt(DC), ...get(dct), ...get(af!), ...MUL, ...store);
  return funcBody(s.used - V0, code);
}

// GRU (gruSequenceStepA/B, gruSequenceBackwardB/A in rnn-loops.ts): gates z, r, h in [B, 3U]
// rows, the z/r products in [B, 2U] rows.

function gruABody(recAct: number): number[] {
  const [MX, MI, H, PRE, GATES, RH] = [0, 1, 2, 3, 4, 5];
  const s = new Scratch(V0);
  const [p, r] = [s.take(), s.take()];
  const code: number[] = [];
  for (let g = 0; g < 2; g++) {
    code.push(...gateAt(PRE, g, R3), ...gateAt(MX, g, R3), ...load, ...gateAt(MI, g, R2), ...load);
    code.push(...ADD, ...tee(p), ...store);
    code.push(...gateAt(GATES, g, R3), ...activation(recAct, p, s), ...tee(r), ...store);
  }
  code.push(...unitAt(RH), ...get(r), ...unitAt(H), ...load, ...MUL, ...store);
  return funcBody(s.used - V0, code);
}

function gruBBody(act: number): number[] {
  const [MX, MR, H, PRE, GATES, HOUT] = [0, 1, 2, 3, 4, 5];
  const s = new Scratch(V0);
  const [p, hh, z] = [s.take(), s.take(), s.take()];
  const code = [...gateAt(PRE, 2, R3), ...gateAt(MX, 2, R3), ...load, ...unitAt(MR), ...load];
  code.push(...ADD, ...tee(p), ...store);
  code.push(...gateAt(GATES, 2, R3), ...activation(act, p, s), ...tee(hh), ...store);
  // h' = z * h + (1 - z) * hh
  code.push(...gateAt(GATES, 0, R3), ...load, ...set(z));
  code.push(...unitAt(HOUT), ...get(z), ...unitAt(H), ...load, ...MUL);
  code.push(...f32x4(1), ...get(z), ...SUB, ...get(hh), ...MUL, ...ADD, ...store);
  return funcBody(s.used - V0, code);
}

function gruBackwardBBody(act: number): number[] {
  const [DHNEXT, H, PRE, GATES, DM, DPH, DZRAW, DH] = [0, 1, 2, 3, 4, 5, 6, 7];
  const s = new Scratch(V0);
  const [g, z, hh, ph, d] = [s.take(), s.take(), s.take(), s.take(), s.take()];
  const code = [...unitAt(DHNEXT), ...load, ...set(g), ...gateAt(GATES, 0, R3), ...load, ...set(z)];
  code.push(
    ...gateAt(GATES, 2, R3),
    ...load,
    ...set(hh),
    ...gateAt(PRE, 2, R3),
    ...load,
    ...set(ph),
  );
  const gz = [...get(g), ...f32x4(1), ...get(z), ...SUB, ...MUL];
  code.push(...slopeOf(act, gz, ph, hh), ...set(d));
  code.push(...gateAt(DM, 2, R3), ...get(d), ...store, ...unitAt(DPH), ...get(d), ...store);
  code.push(...unitAt(DZRAW), ...get(g), ...unitAt(H), ...load, ...MUL);
  code.push(...get(g), ...get(hh), ...MUL, ...SUB, ...store);
  code.push(...unitAt(DH), ...get(g), ...get(z), ...MUL, ...store);
  return funcBody(s.used - V0, code);
}

function gruBackwardABody(recAct: number): number[] {
  const [DRH, H, PRE, GATES, DZRAW, DM, DZR, DH, DHOUT] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const s = new Scratch(V0);
  const [x, y, d, dr] = [s.take(), s.take(), s.take(), s.take()];
  const code: number[] = [];
  for (let k = 0; k < 2; k++) {
    code.push(
      ...gateAt(PRE, k, R3),
      ...load,
      ...set(x),
      ...gateAt(GATES, k, R3),
      ...load,
      ...set(y),
    );
    const raw = k === 0 ? [...unitAt(DZRAW), ...load] : [...get(dr), ...unitAt(H), ...load, ...MUL];
    if (k === 1) code.push(...unitAt(DRH), ...load, ...set(dr));
    code.push(...slopeOf(recAct, raw, x, y), ...set(d));
    code.push(
      ...gateAt(DM, k, R3),
      ...get(d),
      ...store,
      ...gateAt(DZR, k, R2),
      ...get(d),
      ...store,
    );
  }
  // dh + drh * r (y holds r); a separate output: the tail vector may run twice
  code.push(...unitAt(DHOUT), ...unitAt(DH), ...load, ...get(dr), ...get(y), ...MUL, ...ADD);
  code.push(...store);
  return funcBody(s.used - V0, code);
}

function moduleBytes(act: number, recAct: number, hasBias: boolean): Uint8Array {
  const params = new Array(11).fill(I32);
  const names = ["forward", "backward", "gruA", "gruB", "gruBackwardB", "gruBackwardA"];
  const bodies = [
    forwardBody(act, recAct, hasBias),
    backwardBody(act, recAct),
    gruABody(recAct),
    gruBBody(act),
    gruBackwardBBody(act),
    gruBackwardABody(recAct),
  ];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, params.length, ...params, 0]),
    ...section(2, [1, ...wasmName("env"), ...wasmName("memory"), 0x02, 0x00, 0x00]),
    ...section(3, [names.length, ...names.map(() => 0)]),
    ...section(7, [names.length, ...names.flatMap((n, i) => [...wasmName(n), 0x00, i])]),
    ...section(10, [bodies.length, ...bodies.flat()]),
  ]);
}

/** The gate functions for these activations on `memory`, or null (no SIMD: JS loops). */
export function rnnGateSimd(
  memory: WasmMemory,
  act: number,
  recAct: number,
  hasBias: boolean,
): RnnGateSimd | null {
  const key = `gates:${act}:${recAct}:${hasBias}`;
  const m = heapModule(key, () => moduleBytes(act, recAct, hasBias), memory);
  return m === null ? null : (m as unknown as RnnGateSimd);
}

/** A test hook: tanh (code 0) or sigmoid (1) of n floats at byte address x into y. */
export function activationSimd(memory: WasmMemory, code: number) {
  const key = `act:${code}`;
  const m = heapModule(key, () => activationModule(code), memory);
  return m === null ? null : (m.run as (x: number, y: number, n: number) => void);
}

function activationModule(code: number): Uint8Array {
  const [X, Y, N, OFF] = [0, 1, 2, 3];
  const s = new Scratch(4);
  const xv = s.take();
  const body = [
    ...[0x02, 0x40, 0x03, 0x40],
    ...[...get(OFF), ...get(N), ...i32(2), I32_SHL, I32_GE_S, 0x0d, 0x01],
    ...[...get(X), ...get(OFF), I32_ADD, ...load, ...set(xv)],
    ...[...get(Y), ...get(OFF), I32_ADD, ...activation(code, xv, s), ...store],
    ...[...get(OFF), ...i32(16), I32_ADD, ...set(OFF), 0x0c, 0x00],
    0x0b,
    0x0b,
    0x0b,
  ];
  const fn = [0x02, 0x01, I32, ...uleb(s.used - 4), V128, ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 3, I32, I32, I32, 0]),
    ...section(2, [1, ...wasmName("env"), ...wasmName("memory"), 0x02, 0x00, 0x00]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...wasmName("run"), 0x00, 0]),
    ...section(10, [1, ...uleb(fn.length), ...fn]),
  ]);
}
