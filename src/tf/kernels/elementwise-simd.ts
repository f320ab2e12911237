/**
 * Two elementwise passes as WebAssembly SIMD functions on tfjs-wasm's heap, built from bytes at
 * run time (wasm-bytes.ts), both bit-identical to the stock ops they replace:
 * - `addRows`: x [..., C] + b [C] (a layer's bias add, C a multiple of 4), one float32 add per
 *   element; the stock Add's broadcasting path works out every element's index (3x slower);
 * - `reluGrad`: dy * step(x) (step: 1 where x > 0, NaN where x is NaN, else 0), one float32
 *   multiply per element, in one pass instead of stock's Step, Cast and Multiply.
 */
import { heapModule, type WasmMemory } from "./heap-simd";
import {
  BR_IF_0,
  countDown,
  END,
  F32X4_ADD,
  F32X4_MUL,
  funcBody,
  get,
  I32_ADD,
  I32_LT_U,
  i32,
  i32Module,
  LOOP,
  set,
  simd,
  tee,
  vconst,
  vload,
  vstore,
  ZERO,
} from "./wasm-bytes";

const [F32X4_GT, F32X4_NE, BITSELECT] = [simd(0x44), simd(0x42), simd(0x52)];

/** (x, b, out, rows, rowBytes): byte addresses on the heap; rowBytes = 4C, a multiple of 16. */
export type AddRows = (x: number, b: number, out: number, rows: number, rowBytes: number) => void;
/** (dy, x, out, bytes): byte addresses on the heap; bytes a multiple of 16. */
export type ReluGrad = (dy: number, x: number, out: number, bytes: number) => void;

const [X, B, OUT, ROWS, RB] = [0, 1, 2, 3, 4];
const [C, N] = [5, 6];

function body(): number[] {
  const code: number[] = [...get(ROWS), ...set(N), ...LOOP]; // rows
  code.push(...i32(0), ...set(C), ...LOOP); // 4 channels at a time
  code.push(...get(OUT), ...get(C), I32_ADD);
  code.push(...get(X), ...get(C), I32_ADD, ...vload(), ...get(B), ...get(C), I32_ADD, ...vload());
  code.push(...F32X4_ADD, ...vstore());
  code.push(...get(C), ...i32(16), I32_ADD, ...tee(C), ...get(RB), I32_LT_U, ...BR_IF_0, END);
  code.push(
    ...get(X),
    ...get(RB),
    I32_ADD,
    ...set(X),
    ...get(OUT),
    ...get(RB),
    I32_ADD,
    ...set(OUT),
  );
  code.push(...countDown(N), END);
  return funcBody(2, 0, code);
}

function reluGradBody(): number[] {
  const [DY, XX, O, BYTES, OFF] = [0, 1, 2, 3, 4];
  const XV = 5; // the one v128 local
  const code: number[] = [...i32(0), ...set(OFF), ...LOOP];
  code.push(...get(O), ...get(OFF), I32_ADD); // store address
  code.push(...get(XX), ...get(OFF), I32_ADD, ...vload(), ...set(XV));
  // step = x is NaN ? NaN : (x > 0 ? 1 : 0); bitselect(a, b, mask) = mask ? a : b
  code.push(...vconst(new Float32Array(4).fill(Number.NaN)));
  code.push(
    ...vconst(new Float32Array(4).fill(1)),
    ...ZERO,
    ...get(XV),
    ...ZERO,
    ...F32X4_GT,
    ...BITSELECT,
  );
  code.push(...get(XV), ...get(XV), ...F32X4_NE, ...BITSELECT);
  code.push(...get(DY), ...get(OFF), I32_ADD, ...vload(), ...F32X4_MUL, ...vstore());
  code.push(
    ...get(OFF),
    ...i32(16),
    I32_ADD,
    ...tee(OFF),
    ...get(BYTES),
    I32_LT_U,
    ...BR_IF_0,
    END,
  );
  return funcBody(0, 1, code); // the 5th parameter is the offset
}

function moduleBytes(): Uint8Array {
  // addRows takes 5 parameters, reluGrad 4 (+ 1 unused), so both fit one function type.
  return i32Module(5, [
    { name: "addRows", body: body() },
    { name: "reluGrad", body: reluGradBody() },
  ]);
}

/** The functions on `memory`, or null (no wasm SIMD, or a memory it cannot import). */
export function elementwiseSimd(
  memory: WasmMemory,
): { addRows: AddRows; reluGrad: ReluGrad } | null {
  const m = heapModule("elementwise", moduleBytes, memory);
  return m === null ? null : { addRows: m.addRows as AddRows, reluGrad: m.reluGrad as ReluGrad };
}
