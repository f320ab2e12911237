/**
 * Conv2DBackpropFilter as an implicit matrix product in WebAssembly SIMD on tfjs-wasm's heap:
 *
 *   dW[k, co] = sum over pixels m = (n, ho, wo) of x[n, ho*sH + i, wo*sW + j, ci] * dy[m, co],
 *   k = (i, j, ci) in dW's own [fh, fw, Ci, Co] layout.
 *
 * For a fixed filter row i and pixel m, the k = (j, ci) of that row are fw * Ci consecutive
 * floats of x, and dy[m, :] is contiguous, so neither operand needs an im2col copy or
 * XNNPACK's per-call packing (dy is a new tensor every step): each block of R consecutive k
 * times 8 output channels keeps 2R f32x4 accumulators in registers and streams over the
 * pixels, splatting R floats of x and loading 8 floats of dy per pixel. Sums run in float32
 * in pixel order, a multiply then an add, like XNNPACK's. Aᵀ · B products (a Dense layer's
 * weight gradient) run here too, as the filter gradient of a 1 x 1 convolution.
 * Built from bytes at run time (wasm-bytes.ts): no toolchain, no binary file.
 */
import { heapModule, type WasmMemory } from "./heap-simd";
import type { ConvGeometry } from "./loops";
import {
  BLOCK_ROWS,
  countDown,
  END,
  funcBody,
  get,
  I32_ADD,
  i32,
  i32Module,
  LOOP,
  load32Splat,
  rowMultiplyAdd,
  set,
  storeBlockAndNextStrip,
  vload,
  ZERO,
} from "./wasm-bytes";

/**
 * (px0, pdy0, pdw, N, Ho, Wo, xImageBytes, xRowStepBytes, xColStepBytes, coBytes): one block
 * of rows for every strip of 8 output channels; byte addresses and strides on the heap.
 */
type Block = (...args: number[]) => void;

const [PX0, PDY0, PDW, N, HO, WO, XIMG, XSTEPH, XSTEPW, COB] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const [CO, NN, HH, WW, PXI, PXR, PX, PDY] = [10, 11, 12, 13, 14, 15, 16, 17];
const ACC = 18;

function blockBody(rows: number): number[] {
  const acc = (r: number, h: number) => ACC + 2 * r + h;
  const [B0, B1, S] = [ACC + 2 * rows, ACC + 2 * rows + 1, ACC + 2 * rows + 2];
  const code: number[] = [...i32(0), ...set(CO), ...LOOP]; // every strip of 8 channels
  for (let r = 0; r < 2 * rows; r++) code.push(...ZERO, ...set(ACC + r));
  code.push(...get(PDY0), ...get(CO), I32_ADD, ...set(PDY), ...get(PX0), ...set(PXI));
  code.push(...get(N), ...set(NN), ...LOOP); // images
  code.push(...get(PXI), ...set(PXR), ...get(HO), ...set(HH), ...LOOP); // output rows
  code.push(...get(PXR), ...set(PX), ...get(WO), ...set(WW), ...LOOP); // output pixels
  code.push(...get(PDY), ...vload(0), ...set(B0), ...get(PDY), ...vload(16), ...set(B1));
  for (let r = 0; r < rows; r++) {
    code.push(
      ...get(PX),
      ...load32Splat(4 * r),
      ...set(S),
      ...rowMultiplyAdd(S, B0, B1, acc(r, 0)),
    );
  }
  code.push(...get(PX), ...get(XSTEPW), I32_ADD, ...set(PX));
  code.push(...get(PDY), ...get(COB), I32_ADD, ...set(PDY));
  code.push(...countDown(WW), END);
  code.push(...get(PXR), ...get(XSTEPH), I32_ADD, ...set(PXR), ...countDown(HH), END);
  code.push(...get(PXI), ...get(XIMG), I32_ADD, ...set(PXI), ...countDown(NN), END);
  // dW rows k0 + r, channels co .. co + 7
  code.push(...storeBlockAndNextStrip(rows, ACC, PDW, CO, COB, COB));
  return funcBody(8, 2 * rows + 3, code);
}

function moduleBytes(): Uint8Array {
  const rows = Array.from({ length: BLOCK_ROWS }, (_, r) => r + 1);
  return i32Module(
    10,
    rows.map((r) => ({ name: `rows${r}`, body: blockBody(r) })),
  );
}

/** The block functions (index r - 1 computes r rows) on `memory`, or null without wasm SIMD. */
export function filterGradBlocks(memory: WasmMemory): Block[] | null {
  const m = heapModule("convfilter", moduleBytes, memory);
  if (m === null) return null;
  return Array.from({ length: BLOCK_ROWS }, (_, r) => m[`rows${r + 1}`] as Block);
}

/** The geometry `filterGradSimd` needs: x as [N, H, W, Ci] (already padded), dy [N, Ho, Wo, Co]. */
export type FilterGradShape = Omit<
  ConvGeometry,
  "dilationHeight" | "dilationWidth" | "padTop" | "padLeft"
>;

/**
 * dW [fh, fw, Ci, Co] of a valid (unpadded) convolution, x, dy and dW given as byte addresses
 * on the heap. The caller checks Co % STRIP === 0 and that x covers every window.
 */
export function filterGradSimd(
  blocks: Block[],
  x: number,
  dy: number,
  dw: number,
  g: FilterGradShape,
): void {
  const ci = g.inChannels;
  const rowLen = g.filterWidth * ci; // k values per filter row, consecutive in x
  const coBytes = g.outChannels * 4;
  const xRow = g.inWidth * ci * 4;
  const xImage = g.inHeight * xRow;
  for (let i = 0; i < g.filterHeight; i++) {
    for (let k = 0; k < rowLen; k += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, rowLen - k);
      blocks[rows - 1]!(
        x + i * xRow + k * 4,
        dy,
        dw + (i * rowLen + k) * coBytes,
        g.batch,
        g.outHeight,
        g.outWidth,
        xImage,
        g.strideHeight * xRow,
        g.strideWidth * ci * 4,
        coBytes,
      );
    }
  }
}
