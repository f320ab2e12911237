import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadFashionMnist } from "../../src/data/images";
import { accuracyOf, summarizeModel } from "../../src/grading/expect-model";
import { ready, tf } from "../../src/tf";
import {
  FASHION_BASE_DIR,
  FASHION_BASE_LAYERS,
  fashionBaseModel,
  loadFashionBase,
} from "../../src/tf/models/transfer";

beforeAll(async () => {
  await ready({ backend: "wasm", quiet: true });
});

describe("the lab-14 pretrained base (datasets/models/fashion-base-0-4)", () => {
  it("is small, loads from disk and has the builder's architecture", async () => {
    expect(fs.statSync(path.join(FASHION_BASE_DIR, "weights.bin")).size).toBeLessThan(1e6);
    const loaded = summarizeModel(await loadFashionBase());
    const built = summarizeModel(fashionBaseModel());
    const layers = (s: typeof loaded) => s.layers.map((l) => [l.name, l.className, l.params]);
    expect(layers(loaded)).toEqual(layers(built));
    expect(loaded.totalParams).toBe(56389);
    expect(loaded.layers.map((l) => l.name).slice(0, 5)).toEqual(FASHION_BASE_LAYERS);
  });

  it("knows classes 0–4 (bundled test images, bytes / 255)", async () => {
    const model = await loadFashionBase();
    const test = loadFashionMnist("test");
    const rows = Array.from({ length: test.n }, (_, i) => i).filter((i) => test.labels[i]! < 5);
    const px = new Float32Array(rows.length * 784);
    rows.forEach((r, k) => {
      for (let p = 0; p < 784; p++) px[k * 784 + p] = test.images[r * 784 + p]! / 255;
    });
    const xs = tf.tensor4d(px, [rows.length, 28, 28, 1]);
    expect(
      accuracyOf(
        model,
        xs,
        rows.map((r) => test.labels[r]!),
      ),
    ).toBeGreaterThan(0.88);
    xs.dispose();
  });
});
