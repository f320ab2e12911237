/**
 * Lab 15 — Natural language: your exercises.
 *
 * Work through `notebooks/15-natural-language.ipynb`; it tells you when to fill in each
 * function below. Replace each `return todo();` with your code, then run the notebook's check
 * cell or `npm run labs -- check 15`.
 *
 * Conventions used throughout:
 *   A vocabulary is a string[]: vocabulary[0] = "" (padding), vocabulary[1] = "[UNK]"
 *   (out-of-vocabulary), then words by descending training count. A word's id is its index.
 *   A sequence is a number[] of ids; a padded batch is a number[][] with rows of equal length.
 *   Labels are integers 0 … nClasses − 1 (spam: 0 ham, 1 spam; Austen: 0 … 5, one per novel).
 */
import { permutation } from "../src/data/random";
import { tf } from "../src/tf";
import { maskedAveragePooling1d, type SequenceKind } from "../src/tf/models/text";
// stub: import { todo } from "../src/grading/todo";

/** The padding id: pads short sequences; never a word. */
export const PAD_ID = 0;
/** The out-of-vocabulary id: every word not in the vocabulary. */
export const OOV_ID = 1;
/** The OOV token stored at vocabulary[1]. */
export const OOV_TOKEN = "[UNK]";

/**
 * Exercise 1 — standardisation: one text → its words.
 *
 * TODO: lowercase the text, delete apostrophes (' and ’: "don't" → "dont"), replace every other
 * punctuation mark or symbol with a space (the regular expression /[\p{P}\p{S}]/gu matches
 * them), then split on whitespace and drop empty strings.
 *   e.g. standardize("Don't STOP—now!!  Free $$$") → ["dont", "stop", "now", "free"]
 */
export function standardize(text: string): string[] {
  // BEGIN SOLUTION
  return text
    .toLowerCase()
    .replace(/['\u2019]/g, "")
    .replace(/[\p{P}\p{S}]/gu, " ")
    .split(/\s+/)
    .filter((w) => w !== "");
  // END SOLUTION
}

/**
 * Exercise 2 — a vocabulary learned from TRAINING texts.
 *
 * TODO: count every word of every text (use your standardize). Return
 * ["", "[UNK]", …words], the words sorted by descending count, ties in alphabetical order
 * (a < b with the plain `<` on strings), and cut so the whole list (padding and OOV included)
 * has at most maxTokens entries. maxTokens undefined → keep every word.
 *   e.g. buildVocabulary(["the cat", "The dog, the END"], 4) → ["", "[UNK]", "the", "cat"]
 *        (the: 3; cat, dog, end: 1 each → alphabetical; 4 entries in all)
 */
export function buildVocabulary(texts: string[], maxTokens?: number): string[] {
  // BEGIN SOLUTION
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const w of standardize(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  counts.delete(OOV_TOKEN);
  const words = [...counts.keys()].sort(
    (a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0),
  );
  const keep = maxTokens === undefined ? words.length : Math.max(0, maxTokens - 2);
  return ["", OOV_TOKEN, ...words.slice(0, keep)];
  // END SOLUTION
}

/** How padSequences makes every sequence maxLen long. */
export interface PadOptions {
  maxLen: number;
  /** Where the padding goes: "pre" (before the words) or "post" (after). */
  padding: "pre" | "post";
  /** Which end of a too-long sequence is cut off: "pre" (the start) or "post" (the end). */
  truncating: "pre" | "post";
}

/**
 * Exercise 3 — texts → id sequences → padded, truncated rows.
 *
 * TODO (encodeTexts): standardize each text and map each word to its index in the
 * vocabulary; a word not in it gets OOV_ID (1). Build a Map word → id once, not indexOf per word.
 *   e.g. encodeTexts(["The cat sat"], ["", "[UNK]", "the", "cat"]) → [[2, 3, 1]]
 * TODO (padSequences): return new rows of exactly maxLen ids. Too long: drop ids from the
 * start (truncating "pre") or the end ("post"). Too short: add PAD_ID (0) before ("pre") or after
 * ("post"). Do not change the input arrays.
 *   e.g. padSequences([[5, 6], [1, 2, 3, 4]], { maxLen: 3, padding: "pre", truncating: "post" })
 *        → [[0, 5, 6], [1, 2, 3]]
 */
export function encodeTexts(texts: string[], vocabulary: string[]): number[][] {
  // BEGIN SOLUTION
  const ids = new Map(vocabulary.map((w, i) => [w, i] as const));
  return texts.map((t) => standardize(t).map((w) => (w === "" ? OOV_ID : (ids.get(w) ?? OOV_ID))));
  // END SOLUTION
}

export function padSequences(sequences: number[][], options: PadOptions): number[][] {
  // BEGIN SOLUTION
  const { maxLen, padding, truncating } = options;
  return sequences.map((seq) => {
    const cut =
      seq.length <= maxLen
        ? seq.slice()
        : truncating === "pre"
          ? seq.slice(seq.length - maxLen)
          : seq.slice(0, maxLen);
    const pad = new Array<number>(maxLen - cut.length).fill(PAD_ID);
    return padding === "pre" ? [...pad, ...cut] : [...cut, ...pad];
  });
  // END SOLUTION
}

/** Train and validation rows, ready for an Embedding layer, and the vocabulary behind them. */
export interface PreparedText {
  vocabulary: string[];
  xTrain: number[][];
  yTrain: number[];
  xVal: number[][];
  yVal: number[];
}

export interface PrepareOptions {
  /** Vocabulary size, padding and OOV included. */
  maxTokens: number;
  /** Length of every row. */
  maxLen: number;
  /** Share of the rows held out for validation (e.g. 0.2). */
  validationFraction: number;
  /** Seed of the shuffle. */
  seed: number;
}

/**
 * Exercise 4 — a train/validation split and a vocabulary fitted on the training part only.
 *
 * TODO: order = permutation(texts.length, seed) (already imported); the first
 * nVal = Math.round(validationFraction · n) indices of `order` are the validation rows, the rest
 * (in `order`'s order) the training rows. Build the vocabulary from the TRAINING texts only
 * (maxTokens), then encode both parts and pad them with padding "pre", truncating "post" (keep
 * the start of long texts: the subject line; padding before the words, so a recurrent layer
 * reads the words last). Labels move with their texts.
 *   e.g. 10 texts, validationFraction 0.2 → xVal has 2 rows, xTrain 8, each row maxLen ids
 */
export function prepareTextData(
  texts: string[],
  labels: number[],
  options: PrepareOptions,
): PreparedText {
  // BEGIN SOLUTION
  const { maxTokens, maxLen, validationFraction, seed } = options;
  const order = permutation(texts.length, seed);
  const nVal = Math.round(validationFraction * texts.length);
  const valIdx = order.slice(0, nVal);
  const trainIdx = order.slice(nVal);
  const trainTexts = trainIdx.map((i) => texts[i]);
  const vocabulary = buildVocabulary(trainTexts, maxTokens);
  const pad = (t: string[]) =>
    padSequences(encodeTexts(t, vocabulary), { maxLen, padding: "pre", truncating: "post" });
  return {
    vocabulary,
    xTrain: pad(trainTexts),
    yTrain: trainIdx.map((i) => labels[i]),
    xVal: pad(valIdx.map((i) => texts[i])),
    yVal: valIdx.map((i) => labels[i]),
  };
  // END SOLUTION
}

/**
 * Exercise 5 — the classical baseline's features: TF-IDF.
 *
 * TODO (fitIdf): n = number of TRAINING sequences; df[id] = how many of them contain id at least
 * once. Return idf with idf[id] = ln((1 + n) / (1 + df[id])) + 1 for every id 0 … vocabularySize − 1,
 * except idf[PAD_ID] = idf[OOV_ID] = 0 (padding and unknown words are not features).
 * TODO (tfidf): for each sequence, count each id (ignore PAD_ID), tf = count / (number of
 * non-padding ids), value = tf · idf[id]; then divide the row by its Euclidean norm (a row of
 * zeros stays zeros). One row of idf.length numbers per sequence.
 *   e.g. fitIdf([[2, 3], [2]], 4) → [0, 0, 1, 1.405] (ln(3/3) + 1 = 1, ln(3/2) + 1 ≈ 1.405)
 *        tfidf([[2, 3, 3]], [0, 0, 1, 1.405]) → [[0, 0, 0.335, 0.942]]
 */
export function fitIdf(trainSequences: number[][], vocabularySize: number): number[] {
  // BEGIN SOLUTION
  const n = trainSequences.length;
  const df = new Array<number>(vocabularySize).fill(0);
  for (const seq of trainSequences) for (const id of new Set(seq)) df[id]++;
  return df.map((d, id) => (id === PAD_ID || id === OOV_ID ? 0 : Math.log((1 + n) / (1 + d)) + 1));
  // END SOLUTION
}

export function tfidf(sequences: number[][], idf: number[]): number[][] {
  // BEGIN SOLUTION
  return sequences.map((seq) => {
    const row = new Array<number>(idf.length).fill(0);
    let len = 0;
    for (const id of seq) {
      if (id === PAD_ID) continue;
      row[id]++;
      len++;
    }
    let norm = 0;
    for (let j = 0; j < row.length; j++) {
      row[j] = len ? (row[j] / len) * idf[j] : 0;
      norm += row[j] * row[j];
    }
    norm = Math.sqrt(norm);
    return norm > 0 ? row.map((v) => v / norm) : row;
  });
  // END SOLUTION
}

/** What every text classifier is built from. */
export interface ClassifierOptions {
  /** Embedding inputDim: vocabulary.length (padding and OOV included). */
  vocabularySize: number;
  /** Length of every input row. */
  maxLen: number;
  /** 2 for spam/ham, 6 for the Austen novels. */
  nClasses: number;
  /** Embedding width (default 16). */
  embeddingDim?: number;
  /** Dropout rate before the output layer (default 0: no Dropout layer). */
  dropout?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
}

/**
 * Exercise 6 — the first text network: Embedding + average pooling.
 *
 * TODO: a tf.sequential() with
 *   1. tf.layers.embedding({ inputDim: vocabularySize, outputDim: embeddingDim ?? 16,
 *      inputLength: maxLen, maskZero: true })  (maskZero: padding steps carry a mask of 0),
 *   2. maskedAveragePooling1d() (already imported: the mean of the NON-padding word vectors;
 *      tfjs's globalAveragePooling1d would average the padding in too),
 *   3. tf.layers.dropout({ rate: dropout }) only when dropout > 0,
 *   4. the output: nClasses 2 → dense(1, "sigmoid"), compiled with "binaryCrossentropy";
 *      otherwise dense(nClasses, "softmax") with "sparseCategoricalCrossentropy" (integer labels).
 * Compile with tf.train.adam(learningRate ?? 0.01) and metrics ["accuracy"].
 *   e.g. vocabularySize 5000, embeddingDim 16, nClasses 2 → 80,000 + 17 = 80,017 parameters
 */
export function buildPoolingClassifier(options: ClassifierOptions): tf.Sequential {
  // BEGIN SOLUTION
  const { vocabularySize, maxLen, nClasses, embeddingDim = 16, dropout = 0 } = options;
  const model = tf.sequential();
  model.add(
    tf.layers.embedding({
      inputDim: vocabularySize,
      outputDim: embeddingDim,
      inputLength: maxLen,
      maskZero: true,
    }),
  );
  model.add(maskedAveragePooling1d());
  if (dropout > 0) model.add(tf.layers.dropout({ rate: dropout }));
  compileWithOutput(model, nClasses, options.learningRate ?? 0.01);
  return model;
  // END SOLUTION
}

// BEGIN SOLUTION-ONLY
function compileWithOutput(model: tf.Sequential, nClasses: number, learningRate: number): void {
  const binary = nClasses === 2;
  model.add(
    tf.layers.dense({ units: binary ? 1 : nClasses, activation: binary ? "sigmoid" : "softmax" }),
  );
  model.compile({
    optimizer: tf.train.adam(learningRate),
    loss: binary ? "binaryCrossentropy" : "sparseCategoricalCrossentropy",
    metrics: ["accuracy"],
  });
}
// END SOLUTION-ONLY

/**
 * Exercise 7 — networks that read word ORDER: Conv1D, LSTM, GRU, bidirectional LSTM.
 *
 * TODO: a tf.sequential() with tf.layers.embedding({ inputDim: vocabularySize,
 * outputDim: embeddingDim ?? 16, inputLength: maxLen }) (no mask: rows are pre-padded), then
 *   kind "conv":          tf.layers.conv1d({ filters: 32, kernelSize: 5, activation: "relu" })
 *                         and tf.layers.globalMaxPooling1d({})
 *   kind "lstm":          tf.layers.lstm({ units: 32 })
 *   kind "gru":           tf.layers.gru({ units: 32 })
 *   kind "bidirectional": tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 16 }) })
 * then the same output layer, loss and compile as Exercise 6, with tf.train.adam(learningRate ?? 0.005).
 * (No dropout inside the recurrent layers: the fast fused LSTM/GRU kernels need none.)
 *   e.g. kind "lstm", vocabularySize 5000, 2 classes → 80,000 + 6,272 + 33 = 86,305 parameters
 */
export function buildSequenceClassifier(
  kind: SequenceKind,
  options: ClassifierOptions,
): tf.Sequential {
  // BEGIN SOLUTION
  const { vocabularySize, maxLen, nClasses, embeddingDim = 16 } = options;
  const model = tf.sequential();
  model.add(
    tf.layers.embedding({ inputDim: vocabularySize, outputDim: embeddingDim, inputLength: maxLen }),
  );
  if (kind === "conv") {
    model.add(tf.layers.conv1d({ filters: 32, kernelSize: 5, activation: "relu" }));
    model.add(tf.layers.globalMaxPooling1d({}));
  } else if (kind === "lstm") {
    model.add(tf.layers.lstm({ units: 32 }));
  } else if (kind === "gru") {
    model.add(tf.layers.gru({ units: 32 }));
  } else {
    model.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 16 }) }));
  }
  compileWithOutput(model, nClasses, options.learningRate ?? 0.005);
  return model;
  // END SOLUTION
}

/**
 * Exercise 8 — "validation loss does not rise": the slope of its last epochs.
 *
 * TODO: take the last `lastEpochs` values of valLoss (all of them if there are fewer) and
 * return the least-squares slope of value against epoch number (loss per epoch):
 * slope = Σ (xᵢ − x̄)(yᵢ − ȳ) / Σ (xᵢ − x̄)², with x = 0, 1, 2, … Fewer than 2 values → 0.
 *   e.g. validationLossSlope([0.9, 0.5, 0.30, 0.32, 0.34], 3) → 0.02 (rising: overfitting)
 */
export function validationLossSlope(valLoss: number[], lastEpochs: number): number {
  // BEGIN SOLUTION
  const y = valLoss.slice(-lastEpochs);
  const k = y.length;
  if (k < 2) return 0;
  const xMean = (k - 1) / 2;
  const yMean = y.reduce((a, b) => a + b, 0) / k;
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    num += (i - xMean) * (y[i] - yMean);
    den += (i - xMean) ** 2;
  }
  return num / den;
  // END SOLUTION
}

export interface TrainOptions {
  nClasses: number;
  epochs: number;
  /** Default 32. */
  batchSize?: number;
  embeddingDim?: number;
  dropout?: number;
  learningRate?: number;
  /** Pass these to fit: live progress in the notebook, and the check's cancel button. */
  callbacks?: tf.CustomCallbackArgs | tf.Callback[];
}

/**
 * Labels as fit wants them: binary → a float32 [n, 1] tensor of 0/1 (one sigmoid unit);
 * more classes → a float32 [n] tensor of class ids (sparse categorical loss; tfjs wants float labels). Given.
 */
export function labelTensor(labels: number[], nClasses: number): tf.Tensor {
  return nClasses === 2
    ? tf.tensor2d(labels, [labels.length, 1], "float32")
    : tf.tensor1d(labels, "float32");
}

/**
 * Exercise 9 — train a pooling classifier and watch its validation loss.
 *
 * TODO: model = buildPoolingClassifier({ vocabularySize: data.vocabulary.length, maxLen (the
 * rows' length), nClasses, embeddingDim, dropout, learningRate }); x tensors: tf.tensor2d(rows,
 * undefined, "int32"); y tensors: labelTensor(labels, nClasses). Then
 * `await model.fit(xTrain, yTrain, { epochs, batchSize: batchSize ?? 32, shuffle: true,
 * validationData: [xVal, yVal], callbacks })` — train on the training rows only. Dispose the
 * data tensors; return the model and fit's History.
 *   e.g. spam, 6 epochs, dropout 0.3 → validation accuracy ≈ 0.97, validation loss flat at the end
 */
export async function trainTextClassifier(
  data: PreparedText,
  options: TrainOptions,
): Promise<{ model: tf.LayersModel; history: tf.History }> {
  // BEGIN SOLUTION
  const { nClasses, epochs, batchSize = 32, callbacks } = options;
  const model = buildPoolingClassifier({
    vocabularySize: data.vocabulary.length,
    maxLen: data.xTrain[0].length,
    nClasses,
    embeddingDim: options.embeddingDim,
    dropout: options.dropout,
    learningRate: options.learningRate,
  });
  const xTrain = tf.tensor2d(data.xTrain, undefined, "int32");
  const yTrain = labelTensor(data.yTrain, nClasses);
  const xVal = tf.tensor2d(data.xVal, undefined, "int32");
  const yVal = labelTensor(data.yVal, nClasses);
  try {
    const history = await model.fit(xTrain, yTrain, {
      epochs,
      batchSize,
      shuffle: true,
      validationData: [xVal, yVal],
      callbacks,
    });
    return { model, history };
  } finally {
    tf.dispose([xTrain, yTrain, xVal, yVal]);
  }
  // END SOLUTION
}

/**
 * Exercise 10 — sampling the next word with a temperature.
 *
 * TODO: divide every logit by `temperature`, softmax (subtract the largest value before exp, so
 * nothing overflows), then draw ONE index: u = rng() (uniform in [0, 1)); return the first index
 * whose cumulative probability exceeds u (the last index if rounding leaves u above them all).
 * temperature 0 means greedy: return the index of the largest logit, without calling rng.
 * Low temperature → almost always the likeliest word; high → closer to uniform.
 *   e.g. sampleWithTemperature([2, 1, 0], 1, () => 0.5) → 0 (p ≈ [0.665, 0.245, 0.090])
 *        sampleWithTemperature([2, 1, 0], 1, () => 0.8) → 1
 */
export function sampleWithTemperature(
  logits: number[],
  temperature: number,
  rng: () => number,
): number {
  // BEGIN SOLUTION
  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
    return best;
  }
  const scaled = logits.map((l) => l / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  const u = rng();
  let cumulative = 0;
  for (let i = 0; i < exps.length; i++) {
    cumulative += exps[i] / total;
    if (u < cumulative) return i;
  }
  return exps.length - 1;
  // END SOLUTION
}

/**
 * Exercise 11 — next-word data, and how to tell a language model is any good.
 *
 * TODO (nextWordPairs): slide a window over one long stream of ids: x[i] = ids[i … i + context),
 * y[i] = ids[i + context] (the word right AFTER the window). Stop when no next word is left.
 *   e.g. nextWordPairs([5, 6, 7, 8], 2) → { x: [[5, 6], [6, 7]], y: [7, 8] }
 * TODO (crossEntropy): the mean of −ln(probs[i][targets[i]]) over the rows (nats; a probability
 * below 1e-12 counts as 1e-12, so one zero cannot make it Infinity).
 *   e.g. crossEntropy([[0.5, 0.5], [0.1, 0.9]], [0, 1]) → (ln 2 + −ln 0.9) / 2 ≈ 0.399
 * TODO (unigramProbabilities): the baseline that ignores the context: p[id] = (count of id in
 * trainIds + 1) / (trainIds.length + vocabularySize) (add-one smoothing: unseen ids are not 0).
 *   e.g. unigramProbabilities([2, 2, 3], 4) → [1/7, 1/7, 3/7, 2/7]
 */
export function nextWordPairs(ids: number[], context: number): { x: number[][]; y: number[] } {
  // BEGIN SOLUTION
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i + context < ids.length; i++) {
    x.push(ids.slice(i, i + context));
    y.push(ids[i + context]);
  }
  return { x, y };
  // END SOLUTION
}

export function crossEntropy(probs: ArrayLike<number>[], targets: number[]): number {
  // BEGIN SOLUTION
  let total = 0;
  for (let i = 0; i < targets.length; i++) total -= Math.log(Math.max(probs[i][targets[i]], 1e-12));
  return total / targets.length;
  // END SOLUTION
}

export function unigramProbabilities(trainIds: number[], vocabularySize: number): number[] {
  // BEGIN SOLUTION
  const counts = new Array<number>(vocabularySize).fill(1);
  for (const id of trainIds) counts[id]++;
  const total = trainIds.length + vocabularySize;
  return counts.map((c) => c / total);
  // END SOLUTION
}
