/**
 * x [..., C] + b [C] (a layer's bias add, C a multiple of 4) as a WebAssembly SIMD function on
 * tfjs-wasm's heap: one float32 add per element, so bit-identical to the stock Add, whose
 * broadcasting path works out every element's index and is 3x slower on a conv layer's output.
 * Built from bytes at run time (wasm-bytes.ts).
 */
import { heapModule, type WasmMemory } from "./heap-simd";
import {
  BR_IF_0,
  countDown,
  END,
  F32X4_ADD,
  funcBody,
  get,
  I32_ADD,
  I32_LT_U,
  i32,
  i32Module,
  LOOP,
  set,
  tee,
  vload,
  vstore,
} from "./wasm-bytes";

/** (x, b, out, rows, rowBytes): byte addresses on the heap; rowBytes = 4C, a multiple of 16. */
export type AddRows = (x: number, b: number, out: number, rows: number, rowBytes: number) => void;

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

/** The function on `memory`, or null (no wasm SIMD, or a memory it cannot import). */
export function addRowsSimd(memory: WasmMemory): AddRows | null {
  const m = heapModule("addrows", () => i32Module(5, [{ name: "addRows", body: body() }]), memory);
  return m === null ? null : (m.addRows as AddRows);
}
