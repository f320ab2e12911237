/**
 * MaxPoolGrad for 2x2 windows at stride 2 without padding (every lab CNN's pooling) as a
 * WebAssembly SIMD function on tfjs-wasm's heap, four channels at a time (5x the JS loop in
 * training). The same rule as `maxPoolGradLoop`, branch-free: scanning the window row-major,
 * an input wins when it is strictly greater than the best so far, starting from -Infinity, so
 * the FIRST largest wins, NaN never wins, and a window of only NaN / -Infinity passes no
 * gradient. The winner gets dy and the other three inputs 0; x's uncovered last row / column
 * (odd sizes) keep the zeros dx was allocated with. Built from bytes at run time.
 */
import { heapModule, type WasmMemory } from "./heap-simd";
import {
  BR_IF_0,
  countDown,
  END,
  funcBody,
  get,
  I32_ADD,
  I32_LT_U,
  I32_MUL,
  I32_SHL,
  I32_SUB,
  i32,
  i32Module,
  LOOP,
  set,
  simd,
  tee,
  vconst,
  vload,
  vstore,
} from "./wasm-bytes";

/**
 * (x, dy, dx, N, Ho, Wo, channelBytes, rowBytes, imageBytes): byte addresses of x and dx
 * [N, H, W, C] and dy [N, Ho, Wo, C] on the heap; channelBytes = 4C (a multiple of 16),
 * rowBytes = 4WC, imageBytes = 4HWC.
 */
export type MaxPoolGrad2x2 = (...args: number[]) => void;

const [F32_GT, I32_EQ, AND, BITSELECT] = [simd(0x44), simd(0x37), simd(0x4e), simd(0x52)];
const [X, DY, DX, N, HO, WO, CB, ROW, IMG] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [NN, HH, WW, C, PROW, P, OFF, PDY] = [9, 10, 11, 12, 13, 14, 15, 16];
const [BEST, IDX, GT, DYV] = [17, 18, 19, 20];
const A = 21; // the window's four inputs
const lanes = (p: number) => vconst(new Int32Array(4).fill(p));

function body(): number[] {
  // Window offsets from the top-left input: right, below, below-right.
  const offsetOf = [
    [],
    [...get(CB), I32_ADD],
    [...get(ROW), I32_ADD],
    [...get(ROW), I32_ADD, ...get(CB), I32_ADD],
  ];
  const code: number[] = [...get(DY), ...set(PDY), ...get(X), ...set(PROW)];
  code.push(...get(N), ...set(NN), ...LOOP); // images
  code.push(...get(HO), ...set(HH), ...LOOP); // output rows
  code.push(...get(PROW), ...set(P), ...get(WO), ...set(WW), ...LOOP); // output columns
  code.push(...i32(0), ...set(C), ...LOOP); // channels, 4 at a time
  code.push(...get(P), ...get(C), I32_ADD, ...set(OFF)); // x address of the window's first input
  code.push(...vconst(new Float32Array(4).fill(Number.NEGATIVE_INFINITY)), ...set(BEST));
  code.push(...lanes(-1), ...set(IDX));
  for (let p = 0; p < 4; p++) {
    code.push(...get(OFF), ...offsetOf[p]!, ...vload(), ...tee(A + p), ...get(BEST), ...F32_GT);
    code.push(...set(GT), ...get(A + p), ...get(BEST), ...get(GT), ...BITSELECT, ...set(BEST));
    code.push(...lanes(p), ...get(IDX), ...get(GT), ...BITSELECT, ...set(IDX));
  }
  code.push(...get(PDY), ...vload(), ...set(DYV));
  for (let p = 0; p < 4; p++) {
    // dx address = dx + (x address - x); dy where the winner is p, else 0
    code.push(...get(DX), ...get(OFF), ...get(X), I32_SUB, I32_ADD, ...offsetOf[p]!);
    code.push(...get(DYV), ...get(IDX), ...lanes(p), ...I32_EQ, ...AND, ...vstore());
  }
  code.push(...get(PDY), ...i32(16), I32_ADD, ...set(PDY));
  code.push(...get(C), ...i32(16), I32_ADD, ...tee(C), ...get(CB), I32_LT_U, ...BR_IF_0, END);
  code.push(...get(P), ...get(CB), ...i32(1), I32_SHL, I32_ADD, ...set(P), ...countDown(WW), END);
  code.push(...get(PROW), ...get(ROW), ...i32(1), I32_SHL, I32_ADD, ...set(PROW));
  code.push(...countDown(HH), END);
  // next image: back over the 2 * Ho rows walked, then one image on
  code.push(...get(PROW), ...get(ROW), ...i32(2), I32_MUL, ...get(HO), I32_MUL, I32_SUB);
  code.push(...get(IMG), I32_ADD, ...set(PROW), ...countDown(NN), END);
  return funcBody(8, 8, code);
}

/** The function on `memory`, or null (no wasm SIMD, or a memory it cannot import). */
export function maxPoolGrad2x2Simd(memory: WasmMemory): MaxPoolGrad2x2 | null {
  const bytes = () => i32Module(9, [{ name: "maxPoolGrad2x2", body: body() }]);
  const m = heapModule("maxpoolgrad2x2", bytes, memory);
  return m === null ? null : (m.maxPoolGrad2x2 as MaxPoolGrad2x2);
}
