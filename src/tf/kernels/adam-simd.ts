/**
 * The Adam step as a 100-byte WebAssembly SIMD function that runs straight on tfjs-wasm's heap
 * (it imports that Memory, so nothing is copied). A JS loop is ~10x slower than XNNPACK's
 * SIMD ops on a 200k-element weight matrix; this does the same float32 operations four lanes
 * at a time. wasm's f32x4 add/mul/div/sqrt are IEEE-754 correctly rounded, exactly like the
 * stock kernels and `Math.fround` (`adamUpdateLoop` in optimizer-loops.ts, which it matches
 * bit for bit and which does the last n % 4 elements).
 * Built from bytes at run time: no toolchain, no binary file.
 */
/** The parts of the WebAssembly JS API used here (the project's TS libs do not declare them). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => WasmMemory;
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** `x` if it is a WebAssembly.Memory. */
export function asWasmMemory(x: unknown): WasmMemory | undefined {
  return wasmApi !== undefined && x instanceof wasmApi.Memory ? x : undefined;
}

/** (x, m, v, g, outX, outM, outV: heap byte addresses; n; then `adamScalars`) */
export type SimdAdam = (...args: number[]) => void;

// Opcodes (WebAssembly core + SIMD proposal, as standardised).
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const simd = (op: number[]) => [0xfd, ...op];
const load = simd([0x00, 0x00, 0x00]); // v128.load align=1 offset=0
const store = simd([0x0b, 0x00, 0x00]);
const splat = simd([0x13]); // f32x4.splat
const add = simd([0xe4, 0x01]);
const mul = simd([0xe6, 0x01]);
const div = simd([0xe7, 0x01]);
const sqrt = simd([0xe3, 0x01]);
const I32_ADD = 0x6a;

// Parameters 0..15, then locals.
const [X, M, V, G, OX, OM, OV, N] = [0, 1, 2, 3, 4, 5, 6, 7];
const CONSTS = 8; // beta1, beta2, 1-beta1, 1-beta2, 1-accBeta1, 1-accBeta2, eps, -lr (f32)
const OFF = 16;
const END = 17;
const SPLAT = 18; // 8 v128 splats of the constants
const [GV, M1, V1] = [26, 27, 28];
const [B1, B2, O1, O2, C1, C2, EPS, NLR] = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => SPLAT + k);

const at = (ptr: number) => [...get(ptr), ...get(OFF), I32_ADD]; // ptr + off

function body(): number[] {
  const code: number[] = [];
  for (let k = 0; k < 8; k++) code.push(...get(CONSTS + k), ...splat, ...set(SPLAT + k));
  // end = (n & ~3) * 4: whole vectors only; the caller does the last n % 4 elements.
  code.push(...get(N), 0x41, 0x7c, 0x71, 0x41, 0x02, 0x74, ...set(END));
  code.push(0x02, 0x40, 0x03, 0x40); // block, loop
  code.push(...get(OFF), ...get(END), 0x4f, 0x0d, 0x01); // off >= end: break
  code.push(...at(G), ...load, ...set(GV));
  // m1 = m*b1 + g*(1-b1)
  code.push(...at(M), ...load, ...get(B1), ...mul, ...get(GV), ...get(O1), ...mul, ...add);
  code.push(...set(M1));
  // v1 = v*b2 + (g*g)*(1-b2)
  code.push(...at(V), ...load, ...get(B2), ...mul, ...get(GV), ...get(GV), ...mul);
  code.push(...get(O2), ...mul, ...add, ...set(V1));
  code.push(...at(OM), ...get(M1), ...store, ...at(OV), ...get(V1), ...store);
  // x' = ((m1/c1) / (sqrt(v1/c2) + eps)) * (-lr) + x
  code.push(...at(OX), ...get(M1), ...get(C1), ...div, ...get(V1), ...get(C2), ...div, ...sqrt);
  code.push(...get(EPS), ...add, ...div, ...get(NLR), ...mul, ...at(X), ...load, ...add, ...store);
  code.push(...get(OFF), 0x41, 0x10, I32_ADD, ...set(OFF), 0x0c, 0x00); // off += 16; continue
  code.push(0x0b, 0x0b, 0x0b); // end loop, end block, end function
  const locals = [0x02, 0x02, I32, 0x0b, V128]; // 2 x i32 (off, end), 11 x v128
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

function moduleBytes(): Uint8Array {
  const params = [...new Array(8).fill(I32), ...new Array(8).fill(F32)];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, params.length, ...params, 0]), // type: (8 x i32, 8 x f32) -> ()
    ...section(2, [1, ...name("env"), ...name("memory"), 0x02, 0x00, 0x00]), // memory, min 0
    ...section(3, [1, 0]),
    ...section(7, [1, ...name("adam"), 0x00, 0]),
    ...section(10, [1, ...body()]),
  ]);
}

let compiled: object | null | undefined;
const instances = new WeakMap<WasmMemory, SimdAdam | null>();

/** The SIMD Adam step bound to `memory`, or null (no wasm SIMD here, or memory not importable). */
export function simdAdam(memory: WasmMemory): SimdAdam | null {
  if (compiled === undefined) {
    const bytes = moduleBytes();
    compiled = wasmApi?.validate(bytes) ? new wasmApi.Module(bytes) : null;
  }
  if (compiled === null || wasmApi === undefined) return null;
  let fn = instances.get(memory);
  if (fn === undefined) {
    try {
      fn = new wasmApi.Instance(compiled, { env: { memory } }).exports.adam as SimdAdam;
    } catch {
      fn = null; // e.g. a shared memory (threaded tfjs-wasm): the JS loop does the work
    }
    instances.set(memory, fn);
  }
  return fn;
}
