/**
 * Grey-level images (e.g. Fashion-MNIST) as a grid of small PNGs in the notebook. The PNG
 * encoder is tiny (8-bit greyscale, no filter, zlib from Node), so no image library is needed.
 */
import * as zlib from "node:zlib";
import { escapeHtml, showHtml } from "./display";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** An 8-bit greyscale PNG of `pixels` (row by row, 0 = black … 255 = white). */
export function greyPng(pixels: ArrayLike<number>, width: number, height: number): Buffer {
  if (pixels.length !== width * height) {
    throw new Error(`greyPng: ${pixels.length} pixels for a ${width}×${height} image`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const raw = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      raw[y * (width + 1) + 1 + x] = Math.max(0, Math.min(255, Math.round(pixels[y * width + x]!)));
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

export interface GridImage {
  /** width·height grey levels 0 … 255 (or 0 … 1 with `scale: 255`). */
  pixels: ArrayLike<number>;
  caption?: string;
}

/**
 * Shows images in rows as HTML (inverted by default: Fashion-MNIST's white-on-black becomes
 * dark ink on white). The text fallback lists the captions.
 */
export function showImageGrid(
  images: GridImage[],
  options: {
    width?: number;
    height?: number;
    columns?: number;
    zoom?: number;
    invert?: boolean;
    title?: string;
  } = {},
): void {
  const width = options.width ?? 28;
  const height = options.height ?? 28;
  const zoom = options.zoom ?? 2;
  const columns = options.columns ?? 10;
  const invert = options.invert ?? true;
  const cells = images.map((img) => {
    const px = Array.from(img.pixels, (v) => (invert ? 255 - v : v));
    const src = `data:image/png;base64,${greyPng(px, width, height).toString("base64")}`;
    return (
      `<figure style="margin:2px;text-align:center;font:11px sans-serif">` +
      `<img src="${src}" width="${width * zoom}" height="${height * zoom}" style="image-rendering:pixelated">` +
      `${img.caption ? `<figcaption>${escapeHtml(img.caption)}</figcaption>` : ""}</figure>`
    );
  });
  const html =
    `${options.title ? `<b style="font:13px sans-serif">${escapeHtml(options.title)}</b>` : ""}` +
    `<div style="display:grid;grid-template-columns:repeat(${columns}, auto);justify-content:start">${cells.join("")}</div>`;
  const text = `${options.title ?? "images"}: ${images.map((i) => i.caption ?? "·").join(", ")}`;
  showHtml(html, text);
}
