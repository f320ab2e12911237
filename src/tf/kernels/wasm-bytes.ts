/**
 * The WebAssembly bytes our run-time-built SIMD kernels share (conv-filter-simd.ts,
 * gemm-simd.ts, max-pool-grad-simd.ts): opcodes as standardised (core + SIMD), local access,
 * and a one-type module that imports tfjs-wasm's memory as env.memory.
 */
import { section, sleb, uleb, name as wasmName } from "./heap-simd";

export const I32 = 0x7f;
export const V128 = 0x7b;
export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
export const tee = (i: number) => [0x22, ...uleb(i)];
export const i32 = (n: number) => [0x41, ...sleb(n)];
export const simd = (op: number) => [0xfd, ...uleb(op)];
/** v128.load / store (align 16) and v128.load32_splat (align 4) at a constant byte offset. */
export const vload = (offset = 0) => [...simd(0x00), 0x04, ...uleb(offset)];
export const vstore = (offset = 0) => [...simd(0x0b), 0x04, ...uleb(offset)];
export const load32Splat = (offset = 0) => [...simd(0x09), 0x02, ...uleb(offset)];
/** v128.const with these four lanes. */
export const vconst = (lanes: Float32Array | Int32Array) => [
  ...simd(0x0c),
  ...new Uint8Array(lanes.buffer, lanes.byteOffset, 16),
];
export const ZERO = vconst(new Int32Array(4));
export const F32X4_ADD = simd(0xe4);
export const F32X4_MUL = simd(0xe6);
export const [I32_ADD, I32_SUB, I32_MUL, I32_SHL, I32_LT_U] = [0x6a, 0x6b, 0x6c, 0x74, 0x49];
export const LOOP = [0x03, 0x40];
export const END = 0x0b;
export const BR_IF_0 = [0x0d, 0x00];

/** `count -= 1; continue the innermost loop while count != 0` (counts start >= 1). */
export const countDown = (count: number) => [
  ...get(count),
  ...i32(1),
  I32_SUB,
  ...tee(count),
  ...BR_IF_0,
];

/** `acc = s * b + acc` on f32x4 locals: a multiply, then an add. */
export const multiplyAdd = (s: number, b: number, acc: number) => [
  ...get(s),
  ...get(b),
  ...F32X4_MUL,
  ...get(acc),
  ...F32X4_ADD,
  ...set(acc),
];

/** A function body: `i32s` i32 locals, then `v128s` v128 locals, then `code`. */
export function funcBody(i32s: number, v128s: number, code: number[]): number[] {
  const locals = [0x02, ...uleb(i32s), I32, ...uleb(v128s), V128];
  return [...uleb(locals.length + code.length + 1), ...locals, ...code, END];
}

/** A module of functions that all take `params` i32s and return nothing, exported by name. */
export function i32Module(params: number, funcs: { name: string; body: number[] }[]): Uint8Array {
  const types = new Array<number>(params).fill(I32);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, params, ...types, 0]),
    ...section(2, [1, ...wasmName("env"), ...wasmName("memory"), 0x02, 0x00, 0x00]),
    ...section(3, [funcs.length, ...funcs.map(() => 0)]),
    ...section(7, [funcs.length, ...funcs.flatMap((f, i) => [...wasmName(f.name), 0x00, i])]),
    ...section(10, [funcs.length, ...funcs.flatMap((f) => f.body)]),
  ]);
}

/** Our matrix-product kernels keep a block of BLOCK_ROWS rows x STRIP columns in registers. */
export const BLOCK_ROWS = 4;
export const STRIP = 8;

/** acc(r, 0..1) += splat * (b0, b1): one row of a block, 8 columns. */
export const rowMultiplyAdd = (splat: number, b0: number, b1: number, acc0: number) => [
  ...multiplyAdd(splat, b0, acc0),
  ...multiplyAdd(splat, b1, acc0 + 1),
];

/**
 * Stores `rows` x 8 accumulators (row r in locals acc0 + 2r, acc0 + 2r + 1) at base + col +
 * r * rowStride, then moves `col` on by one strip and continues while col < width (bytes).
 */
export function storeBlockAndNextStrip(
  rows: number,
  acc0: number,
  base: number,
  col: number,
  rowStride: number,
  width: number,
): number[] {
  const code: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (const h of [0, 1]) {
      code.push(...get(base), ...get(col), I32_ADD);
      for (let k = 0; k < r; k++) code.push(...get(rowStride), I32_ADD);
      code.push(...get(acc0 + 2 * r + h), ...vstore(16 * h));
    }
  }
  code.push(...get(col), ...i32(4 * STRIP), I32_ADD, ...tee(col), ...get(width), I32_LT_U);
  return [...code, ...BR_IF_0, END];
}
