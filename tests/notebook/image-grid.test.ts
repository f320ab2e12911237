import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { greyPng, imageGridHtml } from "../../src/notebook/image-grid";

/** The chunks of a PNG file: type and data. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const out: { type: string; data: Buffer }[] = [];
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    out.push({
      type: png.toString("ascii", at + 4, at + 8),
      data: png.subarray(at + 8, at + 8 + length),
    });
    at += 12 + length;
  }
  return out;
}

describe("greyPng", () => {
  it("writes a valid 8-bit greyscale PNG whose pixels round-trip", () => {
    const pixels = [0, 128, 255, 300, -5, 17];
    const png = greyPng(pixels, 3, 2);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    const ihdr = parts[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([3, 2, 8, 0]);
    const raw = zlib.inflateSync(parts[1]!.data);
    // one filter byte (0) per row, then the clamped grey levels
    expect([...raw]).toEqual([0, 0, 128, 255, 0, 255, 0, 17]);
    // every chunk's CRC matches zlib's
    let at = 8;
    for (const c of parts) {
      const crc = png.readUInt32BE(at + 8 + c.data.length);
      const zlibCrc = (zlib as unknown as { crc32(b: Uint8Array): number }).crc32;
      expect(crc).toBe(zlibCrc(png.subarray(at + 4, at + 8 + c.data.length)));
      at += 12 + c.data.length;
    }
  });
});

describe("imageGridHtml", () => {
  it("draws one captioned image per input, escaping captions, with scaling and inversion", () => {
    const html = imageGridHtml({
      images: [new Array(4).fill(1), new Array(4).fill(0)],
      captions: ["T-shirt <top>", "Bag"],
      width: 2,
      height: 2,
      scale: 255,
      invert: true,
      title: "Two",
    });
    expect(html.match(/<img /g)?.length).toBe(2);
    expect(html).toContain("T-shirt &lt;top&gt;");
    expect(html).toContain("Two");
    const first = html.match(/data:image\/png;base64,([^"]+)/)![1]!;
    const raw = zlib.inflateSync(chunks(Buffer.from(first, "base64"))[1]!.data);
    expect([...raw]).toEqual([0, 0, 0, 0, 0, 0]); // white (1 · 255) inverted to black
  });
});
