/**
 * A grid of small grey images (e.g. 28×28 Fashion-MNIST) as inline HTML: each image is a tiny
 * PNG (data URL) scaled up with crisp pixels, with an optional caption. Outside a notebook it
 * prints one line per image instead.
 */
import * as zlib from "node:zlib";
import { escapeHtml, showHtml } from "./display";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit greyscale PNG of `pixels` (row by row, 0 = black … 255 = white). */
export function greyPng(pixels: ArrayLike<number>, width: number, height: number): Buffer {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x]!;
      raw[y * (width + 1) + 1 + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

export interface ImageGridOptions {
  /** Images, each `width·height` values, 0 … 255 (or 0 … 1 with `scale: 255`). */
  images: ArrayLike<number>[];
  captions?: string[];
  /** Multiplies every value first (255 for images scaled to [0, 1]). Default 1. */
  scale?: number;
  width?: number;
  height?: number;
  /** Shown size of each image in CSS pixels (default 56). */
  size?: number;
  /** Images per row (default 10). */
  columns?: number;
  title?: string;
  /** Inverts grey levels so garments are dark on white (default false). */
  invert?: boolean;
}

/** The grid as an HTML string. */
export function imageGridHtml(o: ImageGridOptions): string {
  const width = o.width ?? 28;
  const height = o.height ?? 28;
  const size = o.size ?? 56;
  const columns = o.columns ?? 10;
  const scale = o.scale ?? 1;
  const cells = o.images.map((img, i) => {
    const values = Array.from(img, (v) => (o.invert ? 255 - v * scale : v * scale));
    const src = `data:image/png;base64,${greyPng(values, width, height).toString("base64")}`;
    const caption = o.captions?.[i];
    return (
      `<figure style="margin:2px;text-align:center;width:${size + 8}px">` +
      `<img src="${src}" width="${size}" height="${size}" style="image-rendering:pixelated;border:1px solid #ccc">` +
      (caption
        ? `<figcaption style="font:10px sans-serif;line-height:1.2">${escapeHtml(caption)}</figcaption>`
        : "") +
      "</figure>"
    );
  });
  const title = o.title
    ? `<div style="font:bold 13px sans-serif;margin:4px 0">${escapeHtml(o.title)}</div>`
    : "";
  return (
    `${title}<div style="display:grid;grid-template-columns:repeat(${columns}, ${size + 12}px)">` +
    `${cells.join("")}</div>`
  );
}

/** Shows the grid in the notebook (one text line per image elsewhere). */
export function showImageGrid(o: ImageGridOptions): void {
  const text = [
    o.title ?? `${o.images.length} images`,
    ...(o.captions ?? []).map((c, i) => `  ${i}: ${c}`),
  ].join("\n");
  showHtml(imageGridHtml(o), text);
}
