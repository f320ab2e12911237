import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  FASHION_MNIST_LABELS,
  fashionMnistTensors,
  loadFashionMnist,
  readIdx,
} from "../../src/data";
import { countBy, expectDataError, tempFile } from "./helpers";

/** An IDX file of unsigned bytes: magic 00 00 08 rank, big-endian dims, then data. */
function idxBytes(dims: number[], data: number[], typeCode = 0x08): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = typeCode;
  header[3] = dims.length;
  dims.forEach((d, i) => {
    header.writeUInt32BE(d, 4 + 4 * i);
  });
  return Buffer.concat([header, Buffer.from(data)]);
}

describe("loadFashionMnist", () => {
  it.each([
    ["train", 6000, 600],
    ["test", 1000, 100],
  ] as const)("%s: %i images of 28x28 bytes, %i per class", (split, n, perClass) => {
    const data = loadFashionMnist(split);
    expect(data.n).toBe(n);
    expect(data.images).toBeInstanceOf(Uint8Array);
    expect(data.images.length).toBe(n * 28 * 28);
    expect(data.labels.length).toBe(n);
    expect(countBy(data.labels)).toEqual(
      Object.fromEntries(Array.from({ length: 10 }, (_, c) => [c, perClass])),
    );
    let min = 255;
    let max = 0;
    for (const v of data.images) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect([min, max]).toEqual([0, 255]);
    expect(data.labelNames).toEqual([...FASHION_MNIST_LABELS]);
    expect(data.labelNames[9]).toBe("Ankle boot");
  });

  it("rejects an unknown split", () => {
    expectDataError(
      () => loadFashionMnist("valid" as "train"),
      'Unknown Fashion-MNIST split "valid". Available: train, test',
    );
  });

  it("gives tensors [n, 28, 28, 1] in [0, 1] and int32 labels", () => {
    const { xs, ys } = fashionMnistTensors("test");
    try {
      expect(xs.shape).toEqual([1000, 28, 28, 1]);
      expect(xs.dtype).toBe("float32");
      expect(ys.shape).toEqual([1000]);
      expect(ys.dtype).toBe("int32");
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const v of xs.dataSync()) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      expect([lo, hi]).toEqual([0, 1]);
      expect(Array.from(ys.dataSync())).toEqual(Array.from(loadFashionMnist("test").labels));
    } finally {
      xs.dispose();
      ys.dispose();
    }
  });
});

describe("readIdx", () => {
  it.each([
    ["plain", (b: Buffer) => b],
    ["gzip", (b: Buffer) => zlib.gzipSync(b)],
  ])("reads a %s file", (_, encode) => {
    const file = tempFile("x.idx", encode(idxBytes([2, 3], [1, 2, 3, 4, 5, 6])));
    const { dims, data } = readIdx(file);
    expect(dims).toEqual([2, 3]);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    [
      "a bad magic number",
      Buffer.from("PK\u0003\u0004 not idx"),
      "is not an IDX file: bad magic number (expected 00 00 08 <rank>)",
    ],
    [
      "an unsupported type",
      idxBytes([1], [0, 0, 0, 0], 0x0d),
      ": IDX data type 0x0d is not supported (only 0x08, unsigned byte)",
    ],
    [
      "a truncated header",
      Buffer.from([0, 0, 8, 3, 0, 0, 0, 1]),
      ": truncated IDX header (3 dimensions need 16 bytes, file has 8)",
    ],
    [
      "truncated data",
      idxBytes([2, 28, 28], [1, 2, 3]),
      ": truncated IDX data: dims [2, 28, 28] need 1568 bytes, found 3",
    ],
  ])("rejects %s, naming the file", (_, bytes, tail) => {
    const file = tempFile("bad.idx", bytes);
    expectDataError(() => readIdx(file), `${file}${tail.startsWith(":") ? "" : " "}${tail}`);
  });

  it("rejects corrupt gzip data", () => {
    const gz = zlib.gzipSync(idxBytes([4], [1, 2, 3, 4]));
    const file = tempFile("broken.gz", gz.subarray(0, gz.length - 6));
    expectDataError(
      () => readIdx(file),
      new RegExp(`^${file}: could not decompress gzip data \\(.+\\)$`),
    );
  });

  it("reports a missing file", () => {
    expectDataError(
      () => readIdx("datasets/images/none.gz"),
      "File not found: datasets/images/none.gz (run from a full clone; datasets ship with the repo)",
    );
  });
});
