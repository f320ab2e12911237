import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { greyPng } from "../../src/notebook/image-grid";

describe("greyPng", () => {
  it("writes a valid 8-bit greyscale PNG whose pixels decode back", () => {
    const pixels = [0, 64, 128, 255, 10, 20];
    const png = greyPng(pixels, 3, 2);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString("ascii", 12, 16)).toBe("IHDR");
    expect(png.readUInt32BE(16)).toBe(3);
    expect(png.readUInt32BE(20)).toBe(2);
    const idatAt = 8 + 25;
    expect(png.toString("ascii", idatAt + 4, idatAt + 8)).toBe("IDAT");
    const length = png.readUInt32BE(idatAt);
    const raw = zlib.inflateSync(png.subarray(idatAt + 8, idatAt + 8 + length));
    expect([...raw]).toEqual([0, 0, 64, 128, 0, 255, 10, 20]);
    expect(png.toString("ascii", png.length - 8, png.length - 4)).toBe("IEND");
    expect(png.readUInt32BE(png.length - 4)).toBe(0xae426082); // the CRC of an empty IEND
  });

  it("rejects a pixel count that does not match the size", () => {
    expect(() => greyPng([1, 2, 3], 2, 2)).toThrow(/3 pixels for a 2×2/);
  });
});
