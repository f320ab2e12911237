/**
 * Tight typed-array loops for the kernels the stock backends lack or run slowly. Plain numbers
 * and flat row-major (NHWC) arrays in, results accumulated into a zeroed output: no tfjs
 * imports, so the same code serves the cpu and wasm backends and is easy to test.
 */
import type { NumericArray } from "./array-access";

/** Convolution geometry in NHWC layout; pads are the top/left zero rows of the forward conv. */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * out[segmentIds[i], k] += x[i, k] for every i (ids outside [0, numSegments) are dropped, as in
 * TensorFlow). One pass over x whatever the number of segments. `inner` = elements per id.
 */
export function segmentSumLoop(
  x: NumericArray,
  segmentIds: NumericArray,
  numSegments: number,
  inner: number,
  out: NumericArray,
): void {
  for (let i = 0; i < segmentIds.length; i++) {
    const seg = segmentIds[i];
    if (seg < 0 || seg >= numSegments) continue;
    const src = i * inner;
    const dst = seg * inner;
    for (let k = 0; k < inner; k++) out[dst + k] += x[src + k];
  }
}

/** Whether a pooling is 2x2 windows at stride 2 with no padding (every window inside x). */
export function maxPool2x2(g: ConvGeometry): boolean {
  const plain2x2 =
    g.filterHeight === 2 && g.filterWidth === 2 && g.strideHeight === 2 && g.strideWidth === 2;
  const fits =
    g.padTop === 0 &&
    g.padLeft === 0 &&
    2 * g.outHeight <= g.inHeight &&
    2 * g.outWidth <= g.inWidth;
  return plain2x2 && fits && g.dilationHeight === 1 && g.dilationWidth === 1;
}

/**
 * Max-pool gradient: each output's dy goes to the FIRST largest input of its window (row-major
 * scan, strict `>` from -Infinity, padding ignored), exactly like the stock cpu kernel. Scans
 * all channels of a window at once so memory is read contiguously.
 * Shapes: x [batch, inH, inW, C], dy and y [batch, outH, outW, C], dx like x. `y` is the
 * forward max-pool of x (MaxPoolGrad's `output` input): when given, the common 2x2 / stride 2
 * case looks for the first input equal to it instead of comparing every pair.
 */
export function maxPoolGradLoop(
  x: NumericArray,
  dy: NumericArray,
  g: ConvGeometry,
  dx: NumericArray,
  y?: NumericArray,
): void {
  if (y !== undefined && maxPool2x2(g)) {
    maxPoolGrad2x2(x, y, dy, g, dx);
    return;
  }
  const C = g.inChannels;
  const best = new Float64Array(C);
  const bestAt = new Int32Array(C);
  for (let b = 0; b < g.batch; b++) {
    for (let yR = 0; yR < g.outHeight; yR++) {
      const rCorner = yR * g.strideHeight - g.padTop;
      for (let yC = 0; yC < g.outWidth; yC++) {
        const cCorner = yC * g.strideWidth - g.padLeft;
        best.fill(Number.NEGATIVE_INFINITY);
        bestAt.fill(-1);
        for (let wR = 0; wR < g.filterHeight; wR++) {
          const xR = rCorner + wR * g.dilationHeight;
          if (xR < 0 || xR >= g.inHeight) continue;
          for (let wC = 0; wC < g.filterWidth; wC++) {
            const xC = cCorner + wC * g.dilationWidth;
            if (xC < 0 || xC >= g.inWidth) continue;
            const base = ((b * g.inHeight + xR) * g.inWidth + xC) * C;
            for (let d = 0; d < C; d++) {
              const v = x[base + d];
              if (v > best[d]) {
                best[d] = v;
                bestAt[d] = base + d;
              }
            }
          }
        }
        const dyBase = ((b * g.outHeight + yR) * g.outWidth + yC) * C;
        for (let d = 0; d < C; d++) {
          const at = bestAt[d];
          if (at >= 0) dx[at] += dy[dyBase + d];
        }
      }
    }
  }
}

/**
 * The 2x2 / stride 2 / no padding case of `maxPoolGradLoop`, up to 1.8x faster: when all four
 * inputs are <= m = y, the winner is the first input equal to m (equality, like `>`, does not
 * tell -0 from +0). Otherwise (NaNs, or a `y` that is not the window's max) the general
 * first-max scan decides, so the result never depends on how the forward pass treated NaN.
 */
function maxPoolGrad2x2(
  x: NumericArray,
  y: NumericArray,
  dy: NumericArray,
  g: ConvGeometry,
  dx: NumericArray,
): void {
  const C = g.inChannels;
  const row = g.inWidth * C;
  for (let b = 0; b < g.batch; b++) {
    for (let yR = 0; yR < g.outHeight; yR++) {
      for (let yC = 0; yC < g.outWidth; yC++) {
        const p0 = ((b * g.inHeight + 2 * yR) * g.inWidth + 2 * yC) * C;
        const out = ((b * g.outHeight + yR) * g.outWidth + yC) * C;
        for (let d = 0; d < C; d++) {
          const i0 = p0 + d;
          const m = y[out + d];
          const a0 = x[i0];
          const a1 = x[i0 + C];
          const a2 = x[i0 + row];
          const a3 = x[i0 + row + C];
          let at: number;
          if (a0 <= m && a1 <= m && a2 <= m && a3 <= m) {
            if (a0 === m) at = i0;
            else if (a1 === m) at = i0 + C;
            else if (a2 === m) at = i0 + row;
            else if (a3 === m) at = i0 + row + C;
            else at = firstMax4(x, i0, C, row);
          } else {
            at = firstMax4(x, i0, C, row);
          }
          if (at >= 0) dx[at] = dy[out + d];
        }
      }
    }
  }
}

/** Index of the first largest of x[i0], x[i0+C], x[i0+row], x[i0+row+C] (NaN never wins; -1). */
function firstMax4(x: NumericArray, i0: number, C: number, row: number): number {
  let best = Number.NEGATIVE_INFINITY;
  let at = -1;
  for (const i of [i0, i0 + C, i0 + row, i0 + row + C]) {
    if (x[i] > best) {
      best = x[i];
      at = i;
    }
  }
  return at;
}

/**
 * Filter gradient of a 2-D convolution:
 * dW[i, j, ci, co] = sum over n, ho, wo of x[n, ho*sH + i*dH - padTop, wo*sW + j*dW - padLeft, ci]
 * * dy[n, ho, wo, co]. Shapes: x [N, H, W, Ci], dy [N, Ho, Wo, Co], dW [fh, fw, Ci, Co].
 */
export function conv2dFilterGradLoop(
  x: NumericArray,
  dy: NumericArray,
  g: ConvGeometry,
  dW: NumericArray,
): void {
  const Ci = g.inChannels;
  const Co = g.outChannels;
  for (let n = 0; n < g.batch; n++) {
    for (let ho = 0; ho < g.outHeight; ho++) {
      for (let i = 0; i < g.filterHeight; i++) {
        const hi = ho * g.strideHeight - g.padTop + i * g.dilationHeight;
        if (hi < 0 || hi >= g.inHeight) continue;
        for (let wo = 0; wo < g.outWidth; wo++) {
          const dyBase = ((n * g.outHeight + ho) * g.outWidth + wo) * Co;
          for (let j = 0; j < g.filterWidth; j++) {
            const wi = wo * g.strideWidth - g.padLeft + j * g.dilationWidth;
            if (wi < 0 || wi >= g.inWidth) continue;
            const xBase = ((n * g.inHeight + hi) * g.inWidth + wi) * Ci;
            const wBase = (i * g.filterWidth + j) * Ci * Co;
            for (let ci = 0; ci < Ci; ci++) {
              const xv = x[xBase + ci];
              if (xv === 0) continue; // ReLU outputs and zero padding are common
              const wOff = wBase + ci * Co;
              for (let co = 0; co < Co; co++) dW[wOff + co] += xv * dy[dyBase + co];
            }
          }
        }
      }
    }
  }
}

/**
 * Input gradient of a 2-D convolution (scatter form):
 * dx[n, hi, wi, ci] += sum over co of W[i, j, ci, co] * dy[n, ho, wo, co].
 * Shapes: dy [N, Ho, Wo, Co], W [fh, fw, Ci, Co], dx [N, H, W, Ci].
 */
export function conv2dInputGradLoop(
  dy: NumericArray,
  w: NumericArray,
  g: ConvGeometry,
  dx: NumericArray,
): void {
  const Ci = g.inChannels;
  const Co = g.outChannels;
  for (let n = 0; n < g.batch; n++) {
    for (let ho = 0; ho < g.outHeight; ho++) {
      for (let i = 0; i < g.filterHeight; i++) {
        const hi = ho * g.strideHeight - g.padTop + i * g.dilationHeight;
        if (hi < 0 || hi >= g.inHeight) continue;
        for (let wo = 0; wo < g.outWidth; wo++) {
          const dyBase = ((n * g.outHeight + ho) * g.outWidth + wo) * Co;
          for (let j = 0; j < g.filterWidth; j++) {
            const wi = wo * g.strideWidth - g.padLeft + j * g.dilationWidth;
            if (wi < 0 || wi >= g.inWidth) continue;
            const xBase = ((n * g.inHeight + hi) * g.inWidth + wi) * Ci;
            const wBase = (i * g.filterWidth + j) * Ci * Co;
            for (let ci = 0; ci < Ci; ci++) {
              const wOff = wBase + ci * Co;
              let acc = 0;
              for (let co = 0; co < Co; co++) acc += w[wOff + co] * dy[dyBase + co];
              dx[xBase + ci] += acc;
            }
          }
        }
      }
    }
  }
}

/**
 * Depthwise convolution gradients. Output channel `ci * multiplier + m` comes from input
 * channel `ci` and filter slice W[i, j, ci, m]. Shapes: x/dx [N, H, W, Ci],
 * dy [N, Ho, Wo, Ci*mult], W/dW [fh, fw, Ci, mult]. `g.outChannels` = Ci * mult.
 * Pass `dW` to get the filter gradient (reads x), or `dx` to get the input gradient (reads W).
 */
export function depthwiseGradLoop(
  dy: NumericArray,
  g: ConvGeometry,
  target: { x: NumericArray; dW: NumericArray } | { w: NumericArray; dx: NumericArray },
): void {
  const Ci = g.inChannels;
  const Co = g.outChannels;
  const mult = Co / Ci;
  for (let n = 0; n < g.batch; n++) {
    for (let ho = 0; ho < g.outHeight; ho++) {
      for (let i = 0; i < g.filterHeight; i++) {
        const hi = ho * g.strideHeight - g.padTop + i * g.dilationHeight;
        if (hi < 0 || hi >= g.inHeight) continue;
        for (let wo = 0; wo < g.outWidth; wo++) {
          const dyBase = ((n * g.outHeight + ho) * g.outWidth + wo) * Co;
          for (let j = 0; j < g.filterWidth; j++) {
            const wi = wo * g.strideWidth - g.padLeft + j * g.dilationWidth;
            if (wi < 0 || wi >= g.inWidth) continue;
            const xBase = ((n * g.inHeight + hi) * g.inWidth + wi) * Ci;
            const wBase = (i * g.filterWidth + j) * Co;
            if ("dW" in target) {
              const { x, dW } = target;
              for (let k = 0; k < Co; k++) {
                dW[wBase + k] += x[xBase + ((k / mult) | 0)] * dy[dyBase + k];
              }
            } else {
              const { w, dx } = target;
              for (let k = 0; k < Co; k++) {
                dx[xBase + ((k / mult) | 0)] += w[wBase + k] * dy[dyBase + k];
              }
            }
          }
        }
      }
    }
  }
}

/** Copies n values; short runs by hand (a subarray view costs more than copying a few values). */
function copyRun(src: NumericArray, from: number, dst: NumericArray, to: number, n: number): void {
  if (n >= 64) {
    dst.set(src.subarray(from, from + n), to);
  } else {
    for (let k = 0; k < n; k++) dst[to + k] = src[from + k];
  }
}

/**
 * Copies the box begin..begin+size of a row-major array (any rank) into `out`, moving whole
 * innermost runs with `set` instead of one accessor call per element.
 */
export function sliceLoop(
  x: NumericArray,
  shape: number[],
  begin: number[],
  size: number[],
  out: NumericArray,
): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = x[0];
    return;
  }
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1] * shape[d + 1];
  const run = size[rank - 1];
  const rows = out.length / Math.max(run, 1);
  const idx = new Array<number>(rank - 1).fill(0);
  for (let r = 0; r < rows; r++) {
    let src = begin[rank - 1];
    for (let d = 0; d < rank - 1; d++) src += (begin[d] + idx[d]) * strides[d];
    copyRun(x, src, out, r * run, run);
    for (let d = rank - 2; d >= 0; d--) {
      if (++idx[d] < size[d]) break;
      idx[d] = 0;
    }
  }
}

/**
 * out[o, i, :] = x[o, indices[i], :] for x viewed as [outer, axisDim, inner] (gather along one
 * axis). Indices must already be validated to lie in [0, axisDim).
 */
export function gatherLoop(
  x: NumericArray,
  indices: NumericArray,
  outer: number,
  axisDim: number,
  inner: number,
  out: NumericArray,
): void {
  const n = indices.length;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      copyRun(x, (o * axisDim + indices[i]) * inner, out, (o * n + i) * inner, inner);
    }
  }
}

/**
 * Transposed im2col, the left operand of a filter gradient as one matrix product:
 * cols[k, m] = x[n, ho*sH + i*dH - padTop, wo*sW + j*dW - padLeft, ci] (0 outside x) for
 * k = (i*fw + j)*Ci + ci and m = (n*Ho + ho)*Wo + wo. Shapes: x [N, H, W, Ci],
 * cols [fh*fw*Ci, N*Ho*Wo] (zeroed; padding stays 0). x is read in order and each of the Ci
 * rows of a tap gets one value per pixel (faster than one strided pass per row when Ci > 1).
 */
export function im2colTransposedLoop(x: NumericArray, g: ConvGeometry, cols: NumericArray): void {
  const { inHeight: H, inWidth: W, inChannels: Ci, outHeight: Ho, outWidth: Wo } = g;
  const M = g.batch * Ho * Wo;
  const step = g.strideWidth * Ci;
  for (let i = 0; i < g.filterHeight; i++) {
    for (let j = 0; j < g.filterWidth; j++) {
      const colOffset = j * g.dilationWidth - g.padLeft; // wi = wo*sW + colOffset
      const woLo = Math.max(0, Math.ceil(-colOffset / g.strideWidth));
      const woHi = Math.min(Wo, Math.floor((W - 1 - colOffset) / g.strideWidth) + 1);
      const tapRow = (i * g.filterWidth + j) * Ci * M;
      for (let n = 0; n < g.batch; n++) {
        for (let ho = 0; ho < Ho; ho++) {
          const hi = ho * g.strideHeight + i * g.dilationHeight - g.padTop;
          if (hi < 0 || hi >= H) continue;
          const dst = tapRow + (n * Ho + ho) * Wo;
          let src = ((n * H + hi) * W + woLo * g.strideWidth + colOffset) * Ci;
          if (Ci === 1) {
            for (let wo = woLo; wo < woHi; wo++, src += step) cols[dst + wo] = x[src];
            continue;
          }
          for (let wo = woLo; wo < woHi; wo++, src += step) {
            for (let ci = 0, d = dst + wo; ci < Ci; ci++, d += M) cols[d] = x[src + ci];
          }
        }
      }
    }
  }
}

/**
 * Places the pixels of x [N, H, W, C] on a grid: out[n, top + h*sH, left + w*sW, :] =
 * x[n, h, w, :] where that lies inside out [N, outH, outW, C] (zeroed). Spreads pixels apart
 * (strides > 1), pads (top/left > 0) or crops (negative offsets, or a small out) in one pass.
 */
export function placeLoop(
  x: NumericArray,
  shape: [number, number, number, number],
  strides: [number, number],
  offsets: [number, number],
  outShape: [number, number],
  out: NumericArray,
): void {
  const [N, H, W, C] = shape;
  const [sH, sW] = strides;
  const [top, left] = offsets;
  const [outH, outW] = outShape;
  for (let n = 0; n < N; n++) {
    for (let h = 0; h < H; h++) {
      const oh = top + h * sH;
      if (oh < 0 || oh >= outH) continue;
      for (let w = 0; w < W; w++) {
        const ow = left + w * sW;
        if (ow < 0 || ow >= outW) continue;
        const src = ((n * H + h) * W + w) * C;
        const dst = ((n * outH + oh) * outW + ow) * C;
        for (let c = 0; c < C; c++) out[dst + c] = x[src + c];
      }
    }
  }
}

/**
 * The ReLU gradient: out = dy * step(x), step = 1 where x > 0, NaN where x is NaN, else 0 (the
 * stock Step). Multiplying by exactly 1, 0 or NaN rounds like the stock float32 Multiply.
 */
export function reluGradLoop(dy: NumericArray, x: NumericArray, out: NumericArray, from = 0): void {
  for (let i = from; i < out.length; i++) {
    const v = x[i]!;
    out[i] = dy[i]! * (v > 0 ? 1 : Number.isNaN(v) ? Number.NaN : 0);
  }
}
