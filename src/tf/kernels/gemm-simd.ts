/**
 * C = A · B (row-major float32 on tfjs-wasm's heap, N a multiple of 8) as a WebAssembly SIMD
 * function that reads both operands in place. XNNPACK first packs B into its own layout,
 * which it caches per tensor; in training the weights are a new tensor after every optimizer
 * step, so each forward product pays for packing them again (on the bench MLP's 784 x 256
 * layer that doubles the product's time). Here a block of 4 rows x 8 columns of C stays in
 * registers while k runs: 4 splats of A and 2 vector loads of B per step, no packing. Sums run
 * in float32 in k order, a multiply then an add: on the lab shapes the results were
 * bit-identical to XNNPACK's.
 * `BatchMatMul` (wasm-kernels.ts) sends products here whose B fits a core's L2 cache (up to
 * 1 MB): there this matched or beat XNNPACK even with B already packed; beyond, XNNPACK's
 * cache blocking wins. (A fused multiply-add, relaxed SIMD, was tried: no faster here.)
 */
import { heapModule, type WasmMemory } from "./heap-simd";
import {
  BLOCK_ROWS,
  BR_IF_0,
  END,
  funcBody,
  get,
  I32_ADD,
  I32_LT_U,
  i32,
  i32Module,
  LOOP,
  load32Splat,
  rowMultiplyAdd,
  set,
  storeBlockAndNextStrip,
  tee,
  vload,
  ZERO,
} from "./wasm-bytes";

/** (pa, pb, pc, kBytes, aRowBytes, nBytes): `rows` rows of C from pa's rows of A. */
type Rows = (...args: number[]) => void;

const [PA, PB, PC, KB, AROW, NB] = [0, 1, 2, 3, 4, 5];
const [CO, KOFF, PBK] = [6, 7, 8];
const PAR = 9; // row pointers of rows 1 .. rows - 1

function rowsBody(rows: number): number[] {
  const rowPtr = (r: number) => (r === 0 ? PA : PAR + r - 1);
  const acc0 = 0;
  const i32s = 3 + rows - 1;
  const V = 6 + i32s; // first v128 local
  const acc = (r: number, h: number) => V + acc0 + 2 * r + h;
  const [B0, B1, S] = [V + 2 * rows, V + 2 * rows + 1, V + 2 * rows + 2];
  const code: number[] = [];
  for (let r = 1; r < rows; r++)
    code.push(...get(rowPtr(r - 1)), ...get(AROW), I32_ADD, ...set(rowPtr(r)));
  code.push(...i32(0), ...set(CO), ...LOOP); // strips of 8 columns
  for (let r = 0; r < 2 * rows; r++) code.push(...ZERO, ...set(V + r));
  code.push(...get(PB), ...get(CO), I32_ADD, ...set(PBK), ...i32(0), ...set(KOFF), ...LOOP);
  code.push(...get(PBK), ...vload(0), ...set(B0), ...get(PBK), ...vload(16), ...set(B1));
  for (let r = 0; r < rows; r++) {
    code.push(...get(rowPtr(r)), ...get(KOFF), I32_ADD, ...load32Splat(), ...set(S));
    code.push(...rowMultiplyAdd(S, B0, B1, acc(r, 0)));
  }
  code.push(...get(PBK), ...get(NB), I32_ADD, ...set(PBK));
  code.push(...get(KOFF), ...i32(4), I32_ADD, ...tee(KOFF), ...get(KB), I32_LT_U, ...BR_IF_0, END);
  code.push(...storeBlockAndNextStrip(rows, acc(0, 0), PC, CO, NB, NB));
  return funcBody(i32s, 2 * rows + 3, code);
}

function moduleBytes(): Uint8Array {
  const rows = Array.from({ length: BLOCK_ROWS }, (_, r) => r + 1);
  return i32Module(
    6,
    rows.map((r) => ({ name: `rows${r}`, body: rowsBody(r) })),
  );
}

/** The row functions (index r - 1 computes r rows) on `memory`, or null without wasm SIMD. */
export function gemmRows(memory: WasmMemory): Rows[] | null {
  const m = heapModule("gemm", moduleBytes, memory);
  if (m === null) return null;
  return Array.from({ length: BLOCK_ROWS }, (_, r) => m[`rows${r + 1}`] as Rows);
}

/** C [M, N] = A [M, K] · B [K, N] at these byte addresses (K >= 1, N % STRIP === 0). */
export function gemmSimd(
  fns: Rows[],
  a: number,
  b: number,
  c: number,
  M: number,
  K: number,
  N: number,
): void {
  for (let m = 0; m < M; m += BLOCK_ROWS) {
    const rows = Math.min(BLOCK_ROWS, M - m);
    fns[rows - 1]!(a + m * K * 4, b, c + m * N * 4, K * 4, K * 4, N * 4);
  }
}
