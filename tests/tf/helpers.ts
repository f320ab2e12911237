import { expect } from "vitest";
import { tf } from "../../src/tf";
import { cpuPatches } from "../../src/tf/kernels/cpu-kernels";
import { installPatches, restoreStockKernels } from "../../src/tf/kernels/kernel-registry";
import { wasmPatches } from "../../src/tf/kernels/wasm-kernels";

/** Where a computation runs: the stock cpu backend is the reference. */
export type Where = "cpu-stock" | "cpu" | "wasm";

/** Seeded uniform values in [lo, hi) (mulberry32), identical on every backend. */
export function seeded(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}

/** Switches backend; "cpu-stock" takes our cpu kernels out, the others put them (back) in. */
export async function useBackend(where: Where): Promise<void> {
  await tf.setBackend(where === "wasm" ? "wasm" : "cpu");
  (tf.backend() as { firstUse?: boolean }).firstUse = false; // skip cpu's "install tfjs-node" banner
  installPatches("wasm", wasmPatches);
  if (where === "cpu-stock") restoreStockKernels("cpu");
  else installPatches("cpu", cpuPatches);
}

/** Runs `fn` on one backend and returns copies of its outputs' values (no tensors leak). */
export async function runOn(where: Where, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  await useBackend(where);
  try {
    const outs = tf.tidy(fn);
    const values = outs.map((t) => Float32Array.from(t.dataSync()));
    tf.dispose(outs);
    return values;
  } finally {
    installPatches("cpu", cpuPatches);
  }
}

/** Stated tolerance for patched kernels vs stock cpu: |got - want| <= ATOL + RTOL * |want|. */
export const ATOL = 1e-5;
export const RTOL = 1e-4;

/**
 * Largest tolerance-scaled error; <= 1 means within tolerance. Equal values (the same infinity
 * included) and NaN where the reference has NaN count as exact; any other NaN as the worst.
 */
export function worstError(got: Float32Array, want: Float32Array): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i]!, want[i]!];
    if (g === w || (Number.isNaN(g) && Number.isNaN(w))) continue;
    const err = Math.abs(g - w) / (ATOL + RTOL * Math.abs(w));
    if (!(err <= worst)) worst = err; // NaN counts as the worst
  }
  return worst;
}

/** Asserts `fn` gives the stock-cpu values on patched cpu and on wasm. */
export async function expectSameAsStockCpu(fn: () => tf.Tensor[]): Promise<void> {
  const want = await runOn("cpu-stock", fn);
  // A reference of zeros would make the comparison meaningless.
  expect(want.every((w) => w.some((v) => v !== 0))).toBe(true);
  for (const where of ["cpu", "wasm"] as const) {
    const got = await runOn(where, fn);
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => {
      const worst = worstError(g, want[i]!);
      expect(
        worst,
        `${where} output ${i}: error ${worst.toFixed(3)} x tolerance`,
      ).toBeLessThanOrEqual(1);
    });
  }
}
