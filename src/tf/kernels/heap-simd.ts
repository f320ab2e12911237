/**
 * Three small WebAssembly functions that run straight on tfjs-wasm's heap (the module imports
 * that Memory, so nothing is copied), for loops where JS is several times slower than wasm:
 * - `adam`: the Adam step four lanes at a time (f32x4). A JS loop is ~10x slower than
 *   XNNPACK's SIMD ops on a 200k-element weight matrix. wasm's f32x4 add/mul/div/sqrt are
 *   IEEE-754 correctly rounded, exactly like the stock kernels and `Math.fround`
 *   (`adamUpdateLoop` in optimizer-loops.ts, which it matches bit for bit and which does the
 *   last n % 4 elements);
 * - `gatherRows`: one memory.copy per gathered row (Embedding rows are only 16-64 floats);
 * - `segmentSumRows`: the Embedding gradient's scatter-add, f32x4 per 4 floats (same adds in
 *   the same order as `segmentSumLoop`).
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

/** The functions; every pointer is a byte address on the heap. */
export interface HeapSimd {
  /** (x, m, v, g, outX, outM, outV, n, ...adamScalars): elements [0, n - n % 4). */
  adam(...args: number[]): void;
  /** (src, ids: int32, n, rowBytes, dst): dst row i = src row ids[i] (ids already checked). */
  gatherRows(src: number, ids: number, n: number, rowBytes: number, dst: number): void;
  /** (x, ids: int32, n, numSegments, rowBytes: multiple of 16, out): out[ids[i]] += x[i]. */
  segmentSumRows(
    x: number,
    ids: number,
    n: number,
    numSegments: number,
    rowBytes: number,
    out: number,
  ): void;
}

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
const I32_MUL = 0x6c;
const I32_GE_U = 0x4f;
const I32_LT_U = 0x49;
const I32_LOAD = [0x28, 0x02, 0x00]; // align 4, offset 0
const i32 = (n: number) => [0x41, ...sleb(n)];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const END_ = 0x0b;
const br = (depth: number) => [0x0c, depth];
const brIf = (depth: number) => [0x0d, depth];
const MEMORY_COPY = [0xfc, 0x0a, 0x00, 0x00];

// Parameters 0..15, then locals.
const [X, M, V, G, OX, OM, OV, N] = [0, 1, 2, 3, 4, 5, 6, 7];
const CONSTS = 8; // beta1, beta2, 1-beta1, 1-beta2, 1-accBeta1, 1-accBeta2, eps, -lr (f32)
const OFF = 16;
const END = 17;
const SPLAT = 18; // 8 v128 splats of the constants
const [GV, M1, V1] = [26, 27, 28];
const [B1, B2, O1, O2, C1, C2, EPS, NLR] = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => SPLAT + k);

const at = (ptr: number) => [...get(ptr), ...get(OFF), I32_ADD]; // ptr + off

function adamBody(): number[] {
  const code: number[] = [];
  for (let k = 0; k < 8; k++) code.push(...get(CONSTS + k), ...splat, ...set(SPLAT + k));
  // end = (n & ~3) * 4: whole vectors only; the caller does the last n % 4 elements.
  code.push(...get(N), ...i32(-4), 0x71, ...i32(2), 0x74, ...set(END));
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

/** ids[i] as a row address: base + ids[i] * rowBytes. */
const rowOf = (base: number, ids: number, i: number, rowBytes: number) => [
  ...get(base),
  ...get(ids),
  ...get(i),
  ...i32(2),
  0x74, // i32.shl
  I32_ADD,
  ...I32_LOAD,
  ...get(rowBytes),
  I32_MUL,
  I32_ADD,
];

function gatherBody(): number[] {
  const [SRC, IDS, N, RB, DST, I] = [0, 1, 2, 3, 4, 5];
  const code = [
    ...BLOCK,
    ...LOOP,
    ...get(I),
    ...get(N),
    I32_GE_U,
    ...brIf(1),
    ...[...get(DST), ...get(I), ...get(RB), I32_MUL, I32_ADD], // dst + i * rowBytes
    ...rowOf(SRC, IDS, I, RB),
    ...get(RB),
    ...MEMORY_COPY,
    ...[...get(I), ...i32(1), I32_ADD, ...set(I)],
    ...br(0),
    END_,
    END_,
    END_,
  ];
  const locals = [0x01, 0x01, I32];
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

function segmentSumBody(): number[] {
  const [X_, IDS, N_, NS, RB, OUT, I, SEG, K, PO, PX] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const code = [
    ...BLOCK,
    ...LOOP,
    ...[...get(I), ...get(N_), I32_GE_U, ...brIf(1)],
    ...[...get(IDS), ...get(I), ...i32(2), 0x74, I32_ADD, ...I32_LOAD, ...set(SEG)],
    ...[...get(SEG), ...get(NS), I32_LT_U], // unsigned: negative ids are dropped too
    ...IF,
    ...[...get(OUT), ...get(SEG), ...get(RB), I32_MUL, I32_ADD, ...set(PO)],
    ...[...get(X_), ...get(I), ...get(RB), I32_MUL, I32_ADD, ...set(PX)],
    ...[...i32(0), ...set(K)],
    ...BLOCK,
    ...LOOP,
    ...[...get(K), ...get(RB), I32_GE_U, ...brIf(1)],
    ...[...get(PO), ...get(K), I32_ADD], // store address
    ...[...get(PO), ...get(K), I32_ADD, ...load],
    ...[...get(PX), ...get(K), I32_ADD, ...load],
    ...add,
    ...store,
    ...[...get(K), ...i32(16), I32_ADD, ...set(K)],
    ...br(0),
    END_,
    END_,
    END_, // if
    ...[...get(I), ...i32(1), I32_ADD, ...set(I)],
    ...br(0),
    END_,
    END_,
    END_,
  ];
  const locals = [0x01, 0x05, I32]; // i, seg, k, po, px
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
export const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

function moduleBytes(): Uint8Array {
  const adamParams = [...new Array(8).fill(I32), ...new Array(8).fill(F32)];
  const type = (n: number, params: number[]) => [0x60, n, ...params, 0];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [
      3,
      ...type(adamParams.length, adamParams), // adam: (8 x i32, 8 x f32) -> ()
      ...type(5, new Array(5).fill(I32)), // gatherRows
      ...type(6, new Array(6).fill(I32)), // segmentSumRows
    ]),
    ...section(2, [1, ...name("env"), ...name("memory"), 0x02, 0x00, 0x00]), // memory, min 0
    ...section(3, [3, 0, 1, 2]),
    ...section(7, [
      3,
      ...[...name("adam"), 0x00, 0],
      ...[...name("gatherRows"), 0x00, 1],
      ...[...name("segmentSumRows"), 0x00, 2],
    ]),
    ...section(10, [3, ...adamBody(), ...gatherBody(), ...segmentSumBody()]),
  ]);
}

const modules = new Map<string, object | null>();
const boundTo = new WeakMap<WasmMemory, Map<string, Record<string, unknown> | null>>();

/**
 * The exports of the module `make()` builds (compiled once per `key`) bound to `memory`, or
 * null when wasm SIMD is missing or the memory cannot be imported (e.g. a shared memory).
 * The module must import the memory as env.memory.
 */
export function heapModule(
  key: string,
  make: () => Uint8Array,
  memory: WasmMemory,
): Record<string, unknown> | null {
  let compiledModule = modules.get(key);
  if (compiledModule === undefined) {
    const bytes = make();
    compiledModule = wasmApi?.validate(bytes) ? new wasmApi.Module(bytes) : null;
    modules.set(key, compiledModule);
  }
  if (compiledModule === null || wasmApi === undefined) return null;
  let perKey = boundTo.get(memory);
  if (perKey === undefined) {
    perKey = new Map();
    boundTo.set(memory, perKey);
  }
  let funcs = perKey.get(key);
  if (funcs === undefined) {
    try {
      funcs = new wasmApi.Instance(compiledModule, { env: { memory } }).exports;
    } catch {
      funcs = null;
    }
    perKey.set(key, funcs);
  }
  return funcs;
}

let compiled: object | null | undefined;
const instances = new WeakMap<WasmMemory, HeapSimd | null>();

/** The functions bound to `memory`, or null (no wasm SIMD here, or memory not importable). */
export function heapSimd(memory: WasmMemory): HeapSimd | null {
  if (compiled === undefined) {
    const bytes = moduleBytes();
    compiled = wasmApi?.validate(bytes) ? new wasmApi.Module(bytes) : null;
  }
  if (compiled === null || wasmApi === undefined) return null;
  let funcs = instances.get(memory);
  if (funcs === undefined) {
    try {
      funcs = new wasmApi.Instance(compiled, { env: { memory } }).exports as unknown as HeapSimd;
    } catch {
      funcs = null; // e.g. a shared memory (threaded tfjs-wasm): the JS loops do the work
    }
    instances.set(memory, funcs);
  }
  return funcs;
}

/** Where a backend's heap is, for kernels shared with the cpu backend (which has none). */
export type MemoryOf = (backend: object) => WasmMemory | undefined;

/** The functions for `backend` if every array is a view of its heap, else null (JS loops). */
export function simdFor(
  memoryOf: MemoryOf | undefined,
  backend: object,
  arrays: ArrayBufferView[],
): HeapSimd | null {
  const memory = memoryOf?.(backend);
  if (memory === undefined) return null;
  const simd = heapSimd(memory);
  return simd !== null && arrays.every((x) => x.buffer === memory.buffer) ? simd : null;
}
