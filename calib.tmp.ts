import { loadTextSplit } from "./src/data/text";
import { ready, tf } from "./src/tf";
import { withSeed } from "./src/tf/seed";
import { tfidfLogisticRegression } from "./src/tf/models/text";
import * as lab from "./solutions/15-natural-language";
async function acc(model: tf.LayersModel, x: number[][], y: number[], nC: number) {
  const p = tf.tidy(() => model.predict(tf.tensor2d(x, undefined, nC === 2 || x[0].length < 200 ? "int32" : "float32")) as tf.Tensor);
  const v = await p.array() as number[][]; p.dispose();
  const pred = v.map((r) => (nC === 2 ? (r[0] >= 0.5 ? 1 : 0) : r.indexOf(Math.max(...r))));
  return pred.filter((q, i) => q === y[i]).length / y.length;
}
async function main() {
  await ready({ quiet: true });
  const what = process.argv[2];
  for (const name of ["spam_assassin", "austen_passages"]) {
    const { train, test } = loadTextSplit(name);
    const nC = train.labelNames.length;
    for (const seed of [1, 2, 3]) {
      const maxLen = name === "spam_assassin" ? 40 : 60;
      const data = lab.prepareTextData(train.texts, train.labels, { maxTokens: 5000, maxLen, validationFraction: 0.2, seed });
      const xTest = lab.padSequences(lab.encodeTexts(test.texts, data.vocabulary), { maxLen, padding: "pre", truncating: "post" });
      if (what === "base") {
        // TF-IDF + LR on the same training rows (unpadded full sequences)
        const trainRowsFull = lab.encodeTexts(train.texts, data.vocabulary); // not used
        const t0 = Date.now();
        const idf = lab.fitIdf(data.xTrain, data.vocabulary.length);
        const xt = lab.tfidf(data.xTrain, idf), xv = lab.tfidf(xTest, idf);
        const r = await withSeed(seed, async () => {
          const m = tfidfLogisticRegression(idf.length, nC, 0.02);
          const xs = tf.tensor2d(xt), ys = lab.labelTensor(data.yTrain, nC);
          await m.fit(xs, ys, { epochs: 20, batchSize: 64, verbose: 0 });
          tf.dispose([xs, ys]);
          const p = tf.tidy(() => m.predict(tf.tensor2d(xv)) as tf.Tensor);
          const v = (await p.array()) as number[][];
          const pred = v.map((r) => (nC === 2 ? (r[0] >= 0.5 ? 1 : 0) : r.indexOf(Math.max(...r))));
          return pred.filter((q, i) => q === test.labels[i]).length / test.labels.length;
        });
        console.log(name, "tfidf-lr", seed, r.toFixed(4), (Date.now() - t0) / 1000);
        void trainRowsFull;
      } else {
        for (const dropout of [0, 0.3]) {
          const t0 = Date.now();
          const epochs = name === "spam_assassin" ? 6 : 12;
          const { model, history } = await withSeed(seed, () => lab.trainTextClassifier(data, { nClasses: nC, epochs, dropout }));
          const a = await acc(model, xTest, test.labels, nC);
          const vl = history.history.val_loss as number[];
          console.log(name, "pool d=" + dropout, seed, a.toFixed(4), "slope3", lab.validationLossSlope(vl, 3).toFixed(4), "vl", vl.map((v) => v.toFixed(3)).join(" "), (Date.now() - t0) / 1000);
          model.dispose();
        }
      }
    }
  }
}
main();
