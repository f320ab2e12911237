import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModel, ready, saveModel, tf } from "../../src/tf";
import { seeded, useBackend } from "./helpers";

beforeAll(async () => {
  await ready({ backend: "wasm", quiet: true });
});

function model(): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 3, kernelSize: 3, activation: "relu" }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 2, activation: "softmax" }));
  m.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });
  return m;
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "tf-model-"));

describe("saveModel / loadModel (file:// on every backend)", () => {
  it.each([
    "wasm",
    "cpu",
  ] as const)("round trip on %s gives the same predictions", async (where) => {
    await useBackend(where);
    const m = model();
    const x = tf.tensor4d(seeded(4 * 36, 1), [4, 6, 6, 1]);
    const want = (m.predict(x) as tf.Tensor).dataSync().slice();
    const dir = path.join(tempDir(), "nested", "my-model");

    await saveModel(m, dir);
    expect(fs.readdirSync(dir).sort()).toEqual(["model.json", "weights.bin"]);
    const json = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
    expect(json.weightsManifest[0].paths).toEqual(["weights.bin"]); // tfjs-node's layout
    expect(fs.statSync(path.join(dir, "weights.bin")).size).toBe(m.countParams() * 4);

    for (const target of [dir, path.join(dir, "model.json")]) {
      const loaded = await loadModel(target);
      const got = (loaded.predict(x) as tf.Tensor).dataSync();
      expect(Array.from(got)).toEqual(Array.from(want));
      loaded.dispose();
    }
    // tf.loadLayersModel("file://...") works too, as with tfjs-node.
    const viaUrl = await tf.loadLayersModel(`file://${path.join(dir, "model.json")}`);
    expect(viaUrl.countParams()).toBe(m.countParams());
    tf.dispose(x);
    m.dispose();
    viaUrl.dispose();
  });

  it("says clearly when there is no saved model", async () => {
    const dir = tempDir();
    await expect(loadModel(dir)).rejects.toThrow(/No saved model at .*model\.json does not exist/);
  });

  it("refuses to save over a file", async () => {
    const file = path.join(tempDir(), "not-a-folder");
    fs.writeFileSync(file, "x");
    await expect(saveModel(model(), file)).rejects.toThrow(/is a file, not a folder/);
  });
});
