import * as solution from "../../solutions/15-natural-language";
import { permutation } from "../../src/data/random";
import { tf } from "../../src/tf";
import { maskedAveragePooling1d } from "../../src/tf/models/text";
import type { WrongAnswer } from "./types";

type Lab = typeof solution;
const {
  standardize,
  buildVocabulary,
  encodeTexts,
  padSequences,
  prepareTextData,
  fitIdf,
  tfidf,
  buildPoolingClassifier,
  buildSequenceClassifier,
  validationLossSlope,
  trainTextClassifier,
  sampleWithTemperature,
  labelTensor,
  nextWordPairs,
  crossEntropy,
} = solution;

/** A pooling model built by hand, with a chosen pooling layer / output / loss. */
function pooling(
  o: Parameters<Lab["buildPoolingClassifier"]>[0],
  variant: {
    plainPool?: boolean;
    maskZero?: boolean;
    inputDim?: number;
    loss?: string;
    out?: "softmax2";
  },
): tf.Sequential {
  const m = tf.sequential();
  m.add(
    tf.layers.embedding({
      inputDim: variant.inputDim ?? o.vocabularySize,
      outputDim: o.embeddingDim ?? 16,
      inputLength: o.maxLen,
      maskZero: variant.maskZero ?? true,
    }),
  );
  m.add(variant.plainPool ? tf.layers.globalAveragePooling1d() : maskedAveragePooling1d());
  if ((o.dropout ?? 0) > 0) m.add(tf.layers.dropout({ rate: o.dropout! }));
  const binary = o.nClasses === 2;
  if (variant.out === "softmax2" && binary)
    m.add(tf.layers.dense({ units: 2, activation: "softmax" }));
  else
    m.add(
      tf.layers.dense({
        units: binary ? 1 : o.nClasses,
        activation: binary ? "sigmoid" : "softmax",
      }),
    );
  m.compile({
    optimizer: "adam",
    loss: variant.loss ?? (binary ? "binaryCrossentropy" : "sparseCategoricalCrossentropy"),
    metrics: ["accuracy"],
  });
  return m;
}

export const wrongAnswers: WrongAnswer<Lab>[] = [
  // standardize
  {
    exercise: "standardize",
    mistake: "not lowercasing",
    impl: {
      standardize: (t) =>
        t
          .replace(/['\u2019]/g, "")
          .replace(/[\p{P}\p{S}]/gu, " ")
          .split(/\s+/)
          .filter((w) => w !== ""),
    },
    expectMessage: /not lowercased/,
  },
  {
    exercise: "standardize",
    mistake: "punctuation kept",
    impl: {
      standardize: (t) =>
        t
          .toLowerCase()
          .split(/\s+/)
          .filter((w) => w !== ""),
    },
    expectMessage: /punctuation is not stripped/,
  },
  {
    exercise: "standardize",
    mistake: "apostrophes become spaces",
    impl: {
      standardize: (t) =>
        t
          .toLowerCase()
          .replace(/[\p{P}\p{S}]/gu, " ")
          .split(/\s+/)
          .filter((w) => w !== ""),
    },
    expectMessage: /apostrophes/,
  },
  // vocabulary
  {
    exercise: "vocabulary",
    mistake: "no reserved padding/OOV entries",
    impl: { buildVocabulary: (t, m) => buildVocabulary(t, m === undefined ? m : m + 2).slice(2) },
    expectMessage: /reserved ids/,
  },
  {
    exercise: "vocabulary",
    mistake: "OOV at id 0, padding at id 1",
    impl: {
      buildVocabulary: (t, m) => {
        const v = buildVocabulary(t, m);
        return [v[1], v[0], ...v.slice(2)];
      },
    },
    expectMessage: /swapped/,
  },
  {
    exercise: "vocabulary",
    mistake: "maxTokens counts words only",
    impl: { buildVocabulary: (t, m) => buildVocabulary(t, m === undefined ? m : m + 2) },
    expectMessage: /maxTokens/,
  },
  {
    exercise: "vocabulary",
    mistake: "ties not alphabetical",
    impl: {
      buildVocabulary: (texts, maxTokens) => {
        const counts = new Map<string, number>();
        for (const t of texts)
          for (const w of standardize(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
        const words = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
        return ["", "[UNK]", ...words].slice(0, maxTokens ?? words.length + 2);
      },
    },
    expectMessage: /alphabetically/,
  },
  // encode-pad
  {
    exercise: "encode-pad",
    mistake: "padding with the OOV id",
    impl: {
      padSequences: (s, o) =>
        padSequences(s, o).map((row, i) =>
          row.map((v, j) => {
            const n = Math.min(s[i].length, o.maxLen);
            const isPad = o.padding === "pre" ? j < o.maxLen - n : j >= n;
            return isPad ? 1 : v;
          }),
        ),
    },
    expectMessage: /pads with the OOV id/,
  },
  {
    exercise: "encode-pad",
    mistake: "truncating from the wrong end",
    impl: {
      padSequences: (s, o) =>
        padSequences(s, { ...o, truncating: o.truncating === "pre" ? "post" : "pre" }),
    },
    expectMessage: /wrong end/,
  },
  {
    exercise: "encode-pad",
    mistake: "unknown words get the padding id",
    impl: {
      encodeTexts: (texts, vocab) => {
        const ids = new Map(vocab.map((w, i) => [w, i] as const));
        return texts.map((t) => standardize(t).map((w) => ids.get(w) ?? 0));
      },
    },
    expectMessage: /unknown words get id 0/,
  },
  // prepare-text
  {
    exercise: "prepare-text",
    mistake: "vocabulary fitted on all texts (validation included)",
    impl: {
      prepareTextData: (texts, labels, o) => {
        const right = prepareTextData(texts, labels, o);
        const vocabulary = buildVocabulary(texts, o.maxTokens);
        const order = permutation(texts.length, o.seed);
        const nVal = Math.round(o.validationFraction * texts.length);
        const pad = (idx: number[]) =>
          padSequences(
            encodeTexts(
              idx.map((i) => texts[i]),
              vocabulary,
            ),
            { maxLen: o.maxLen, padding: "pre", truncating: "post" },
          );
        return {
          ...right,
          vocabulary,
          xVal: pad(order.slice(0, nVal)),
          xTrain: pad(order.slice(nVal)),
        };
      },
    },
    expectMessage: /fitted on the validation set/,
  },
  {
    exercise: "prepare-text",
    mistake: "labels not shuffled with the texts",
    impl: {
      prepareTextData: (texts, labels, o) => {
        const right = prepareTextData(texts, labels, o);
        const nVal = right.xVal.length;
        return { ...right, yVal: labels.slice(0, nVal), yTrain: labels.slice(nVal) };
      },
    },
    expectMessage: /labels do not move/,
  },
  {
    exercise: "prepare-text",
    mistake: "post-padding",
    impl: {
      prepareTextData: (texts, labels, o) => {
        const right = prepareTextData(texts, labels, o);
        const strip = (rows: number[][]) => rows.map((r) => r.filter((v) => v !== 0));
        const post = (rows: number[][]) =>
          padSequences(strip(rows), { maxLen: o.maxLen, padding: "post", truncating: "post" });
        return { ...right, xTrain: post(right.xTrain), xVal: post(right.xVal) };
      },
    },
    expectMessage: /pads after the words/,
  },
  // tfidf
  {
    exercise: "tfidf",
    mistake: "idf for padding and OOV",
    impl: {
      fitIdf: (seqs, size) => {
        const n = seqs.length;
        const df = new Array<number>(size).fill(0);
        for (const s of seqs) for (const id of new Set(s)) df[id]++;
        return df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
      },
    },
    expectMessage: /padding \(0\) and OOV \(1\) get an idf/,
  },
  {
    exercise: "tfidf",
    mistake: "df counts occurrences",
    impl: {
      fitIdf: (seqs, size) => {
        const n = seqs.length;
        const df = new Array<number>(size).fill(0);
        for (const s of seqs) for (const id of s) df[id]++;
        return df.map((d, id) => (id < 2 ? 0 : Math.log((1 + n) / (1 + d)) + 1));
      },
    },
    expectMessage: /count documents/,
  },
  {
    exercise: "tfidf",
    mistake: "idf refitted on the transformed (test) sequences",
    impl: { tfidf: (seqs, idf) => tfidf(seqs, fitIdf(seqs, idf.length)) },
    expectMessage: /recomputed from the sequences being transformed/,
  },
  {
    exercise: "tfidf",
    mistake: "rows not normalised",
    impl: {
      tfidf: (seqs, idf) =>
        seqs.map((s) => {
          const row = new Array<number>(idf.length).fill(0);
          const real = s.filter((id) => id !== 0);
          for (const id of real) row[id] += 1 / real.length;
          return row.map((v, j) => v * idf[j]);
        }),
    },
    expectMessage: /Euclidean norm/,
  },
  // pooling-model
  {
    exercise: "pooling-model",
    mistake: "plain GlobalAveragePooling1D (counts the padding)",
    impl: { buildPoolingClassifier: (o) => pooling(o, { plainPool: true }) },
    expectMessage: /averages the padding/,
  },
  {
    exercise: "pooling-model",
    mistake: "no maskZero on the Embedding",
    impl: { buildPoolingClassifier: (o) => pooling(o, { maskZero: false }) },
    expectMessage: /maskZero/,
  },
  {
    exercise: "pooling-model",
    mistake: "inputDim without the reserved ids",
    impl: { buildPoolingClassifier: (o) => pooling(o, { inputDim: o.vocabularySize - 2 }) },
    expectMessage: /padding \(0\) and OOV \(1\) ids are part of the vocabulary/,
  },
  {
    exercise: "pooling-model",
    mistake: "sigmoid output with a categorical loss",
    impl: {
      buildPoolingClassifier: (o) =>
        pooling(o, { loss: o.nClasses === 2 ? "sparseCategoricalCrossentropy" : undefined }),
    },
    expectMessage: /sigmoid \+ categorical loss mismatch/,
  },
  {
    exercise: "pooling-model",
    mistake: "binaryCrossentropy on a softmax output",
    impl: {
      buildPoolingClassifier: (o) =>
        pooling(o, { loss: o.nClasses === 2 ? undefined : "binaryCrossentropy" }),
    },
    expectMessage: /mismatch/,
  },
  // sequence-models
  {
    exercise: "sequence-models",
    mistake: "bidirectional is a plain LSTM",
    impl: {
      buildSequenceClassifier: (kind, o) =>
        buildSequenceClassifier(kind === "bidirectional" ? "lstm" : kind, o),
    },
    expectMessage: /reads only left to right/,
  },
  {
    exercise: "sequence-models",
    mistake: "LSTM returns sequences",
    impl: {
      buildSequenceClassifier: (kind, o) => {
        if (kind !== "lstm") return buildSequenceClassifier(kind, o);
        const m = tf.sequential();
        m.add(
          tf.layers.embedding({ inputDim: o.vocabularySize, outputDim: 16, inputLength: o.maxLen }),
        );
        m.add(tf.layers.lstm({ units: 32, returnSequences: true }));
        m.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
        m.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
        return m;
      },
    },
    expectMessage: /returnSequences/,
  },
  {
    exercise: "sequence-models",
    mistake: "gru builds an LSTM",
    impl: {
      buildSequenceClassifier: (kind, o) =>
        buildSequenceClassifier(kind === "gru" ? "lstm" : kind, o),
    },
    expectMessage: /builds an LSTM/,
  },
  // validation-slope
  {
    exercise: "validation-slope",
    mistake: "end points instead of least squares",
    impl: {
      validationLossSlope: (v, k) => {
        const y = v.slice(-k);
        return y.length < 2 ? 0 : (y[y.length - 1] - y[0]) / (y.length - 1);
      },
    },
    expectMessage: /end points/,
  },
  {
    exercise: "validation-slope",
    mistake: "all epochs",
    impl: { validationLossSlope: (v) => validationLossSlope(v, v.length) },
    expectMessage: /uses every epoch/,
  },
  // train-classifier
  {
    exercise: "train-classifier",
    mistake: "no validation data",
    impl: {
      trainTextClassifier: async (data, o) => {
        const model = buildPoolingClassifier({
          vocabularySize: data.vocabulary.length,
          maxLen: data.xTrain[0].length,
          nClasses: o.nClasses,
          dropout: o.dropout,
        });
        const x = tf.tensor2d(data.xTrain, undefined, "int32");
        const y = labelTensor(data.yTrain, o.nClasses);
        const history = await model.fit(x, y, {
          epochs: o.epochs,
          batchSize: 32,
          callbacks: o.callbacks,
        });
        tf.dispose([x, y]);
        return { model, history };
      },
    },
    expectMessage: /no validationData/,
  },
  {
    exercise: "train-classifier",
    mistake: "validation rows trained on",
    impl: {
      trainTextClassifier: (data, o) =>
        trainTextClassifier(
          {
            ...data,
            xTrain: [...data.xTrain, ...data.xVal],
            yTrain: [...data.yTrain, ...data.yVal],
          },
          o,
        ),
    },
    expectMessage: /validation rows were included/,
  },
  {
    exercise: "train-classifier",
    mistake: "dropout option ignored",
    impl: { trainTextClassifier: (data, o) => trainTextClassifier(data, { ...o, dropout: 0 }) },
    expectMessage: /ignored the dropout/,
  },
  {
    exercise: "train-classifier",
    mistake: "callbacks not passed",
    impl: {
      trainTextClassifier: (data, o) => trainTextClassifier(data, { ...o, callbacks: undefined }),
    },
    expectMessage: /callbacks/,
  },
  // sample-temperature
  {
    exercise: "sample-temperature",
    mistake: "temperature applied after softmax",
    impl: {
      sampleWithTemperature: (logits, t, rng) => {
        if (t === 0) return sampleWithTemperature(logits, 0, rng);
        const m = Math.max(...logits);
        const p = logits.map((l) => Math.exp(l - m));
        const z = p.reduce((a, b) => a + b, 0);
        const q = p.map((v) => v / z / t);
        const zq = q.reduce((a, b) => a + b, 0);
        const u = rng();
        let c = 0;
        for (let i = 0; i < q.length; i++) {
          c += q[i] / zq;
          if (c > u) return i;
        }
        return q.length - 1;
      },
    },
    expectMessage: /temperature is applied after softmax/,
  },
  {
    exercise: "sample-temperature",
    mistake: "logits multiplied by the temperature",
    impl: {
      sampleWithTemperature: (logits, t, rng) =>
        t === 0 ? sampleWithTemperature(logits, 0, rng) : sampleWithTemperature(logits, 1 / t, rng),
    },
    expectMessage: /multiplied by the temperature|returned/,
  },
  {
    exercise: "sample-temperature",
    mistake: "Math.random instead of rng",
    impl: { sampleWithTemperature: (logits, t) => sampleWithTemperature(logits, t, Math.random) },
    expectMessage: /rng you are given/,
  },
  {
    exercise: "sample-temperature",
    mistake: "no max subtraction (overflow)",
    impl: {
      sampleWithTemperature: (logits, t, rng) => {
        if (t === 0) return sampleWithTemperature(logits, 0, rng);
        const e = logits.map((l) => Math.exp(l / t));
        const z = e.reduce((a, b) => a + b, 0);
        const u = rng();
        let c = 0;
        for (let i = 0; i < e.length; i++) {
          c += e[i] / z;
          if (c > u) return i;
        }
        return -1;
      },
    },
    expectMessage: /overflow/,
  },
];

wrongAnswers.push(
  {
    exercise: "language-model-eval",
    mistake: "label is the window's last word",
    impl: {
      nextWordPairs: (ids, c) => {
        const w = nextWordPairs(ids, c);
        return { x: w.x, y: w.x.map((row) => row[row.length - 1]) };
      },
    },
    expectMessage: /off by one/,
  },
  {
    exercise: "language-model-eval",
    mistake: "sum instead of mean",
    impl: { crossEntropy: (p, t) => crossEntropy(p, t) * t.length },
    expectMessage: /the sum, not the mean/,
  },
  {
    exercise: "language-model-eval",
    mistake: "no clamp (Infinity)",
    impl: {
      crossEntropy: (p, t) => -t.reduce((s, id, i) => s + Math.log(p[i][id]), 0) / t.length,
    },
    expectMessage: /Clamp/,
  },
  {
    exercise: "language-model-eval",
    mistake: "unigram without smoothing",
    impl: {
      unigramProbabilities: (ids, v) => {
        const c = new Array<number>(v).fill(0);
        for (const id of ids) c[id]++;
        return c.map((x) => x / ids.length);
      },
    },
    expectMessage: /no smoothing/,
  },
);

wrongAnswers.push({
  exercise: "train-classifier",
  mistake: "labels out of line with the rows (reversed)",
  impl: {
    trainTextClassifier: (data, o) =>
      trainTextClassifier({ ...data, yTrain: data.yTrain.slice().reverse() }, o),
  },
  expectMessage: /test accuracy/,
});
