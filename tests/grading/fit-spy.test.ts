import { describe, expect, it } from "vitest";
import { spyOnFit } from "../../src/grading/fit-spy";
import { ready, tf } from "../../src/tf";

function tinyModel(): tf.Sequential {
  const m = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [2], units: 1, kernelInitializer: "ones" })],
  });
  m.compile({ optimizer: tf.train.sgd(0.1), loss: "meanSquaredError" });
  return m;
}

describe("spyOnFit", () => {
  it("records every fit in order, with rows, arguments and history", async () => {
    await ready({ quiet: true });
    const m = tinyModel();
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    const y = tf.tensor2d([1, 0, 1], [3, 1]);
    const { result, calls } = await spyOnFit(async () => {
      await m.fit(x, y, { epochs: 2, verbose: 0 });
      await m.fit(x.slice(0, 2), y.slice(0, 2));
      return "done";
    });
    expect(result).toBe("done");
    expect(calls.map((c) => c.xRows)).toEqual([3, 2]);
    expect(calls[0]!.args.epochs).toBe(2);
    expect(calls[1]!.args).toEqual({});
    // A Sequential trains through its inner LayersModel: same layers, same weights.
    expect(calls[0]!.model.layers).toContain(m.layers[0]);
    expect(calls[0]!.history?.history.loss).toHaveLength(2);
    expect(calls[1]!.history?.history.loss).toHaveLength(1);
    tf.dispose([x, y]);
  });

  it("captures state before training and calls onCall in between", async () => {
    const m = tinyModel();
    const x = tf.ones([4, 2]);
    const y = tf.zeros([4, 1]);
    const order: string[] = [];
    const { calls } = await spyOnFit(() => m.fit(x, y, { epochs: 3, verbose: 0 }), {
      capture: ({ model }) => {
        order.push("capture");
        return model.getWeights()[0]!.dataSync().slice();
      },
      onCall: (call) => order.push(`onCall ${call.captured.length}`),
    });
    expect(order).toEqual(["capture", "onCall 2"]);
    expect(Array.from(calls[0]!.captured)).toEqual([1, 1]); // the weights fit started from
    expect(m.getWeights()[0]!.dataSync()[0]).not.toBe(1); // and training moved them
    tf.dispose([x, y]);
  });

  it("counts -1 rows for an array of inputs and restores fit after a throw", async () => {
    const original = tf.LayersModel.prototype.fit;
    await expect(
      spyOnFit(async () => {
        throw new Error("learner bug");
      }),
    ).rejects.toThrow("learner bug");
    expect(tf.LayersModel.prototype.fit).toBe(original);

    const m = tinyModel();
    const x = tf.ones([2, 2]);
    const y = tf.zeros([2, 1]);
    const { calls } = await spyOnFit(() => m.fit([x], [y], { verbose: 0 }));
    expect(calls[0]!.xRows).toBe(-1);
    expect(tf.LayersModel.prototype.fit).toBe(original);
    tf.dispose([x, y]);
  });
});
