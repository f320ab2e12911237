/**
 * Lab 15 (natural language): the reference text models. The lab's checks compare learners'
 * models with these (layer types, shapes, parameter counts); the notebook trains them.
 * Every recurrent layer here has no dropout, so the fused LSTM/GRU cells of src/tf/kernels run.
 */
import { tf } from "..";

type Kwargs = { mask?: tf.Tensor };

/**
 * GlobalAveragePooling1D that leaves out padded steps: the mean over the time steps whose mask
 * is 1 (the mask comes from `tf.layers.embedding({ maskZero: true })`). tfjs's own
 * globalAveragePooling1d ignores masks, so it averages the padding vectors in too.
 * Without a mask it is the plain mean.
 */
export class MaskedGlobalAveragePooling1D extends tf.layers.Layer {
  static className = "MaskedGlobalAveragePooling1D";

  constructor(args: { name?: string } = {}) {
    super(args);
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0], shape[2]];
  }

  /** The mask stops here: the output has no time axis. (tfjs's type says Tensor; null is what it expects.) */
  override computeMask(): tf.Tensor {
    return null as unknown as tf.Tensor;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const mask = kwargs?.mask;
      if (!mask) return tf.mean(x, 1);
      const m = tf.expandDims(tf.cast(mask, "float32"), 2);
      return tf.div(tf.sum(tf.mul(x, m), 1), tf.maximum(tf.sum(m, 1), 1));
    });
  }
}
tf.serialization.registerClass(MaskedGlobalAveragePooling1D);

/** A new MaskedGlobalAveragePooling1D layer (the mean of the non-padding steps). */
export function maskedAveragePooling1d(args: { name?: string } = {}): MaskedGlobalAveragePooling1D {
  return new MaskedGlobalAveragePooling1D(args);
}

/** Shape of every text classifier: ids → … → one sigmoid unit (2 classes) or a softmax. */
export interface TextModelOptions {
  /** Embedding inputDim: the vocabulary size, padding and OOV ids included. */
  vocabularySize: number;
  /** Length of every padded sequence. */
  maxLen: number;
  /** 2 → one sigmoid unit + binaryCrossentropy; more → softmax + sparseCategoricalCrossentropy. */
  nClasses: number;
  /** Embedding width (default 16). */
  embeddingDim?: number;
  /** Dropout rate before the output layer (default 0: none). */
  dropout?: number;
  /** Adam learning rate (default 0.01 for pooling, 0.005 for the sequence models). */
  learningRate?: number;
}

/** Adds the output layer and compiles with the loss that matches it. */
export function addTextOutput(
  model: tf.Sequential,
  nClasses: number,
  learningRate: number,
): tf.Sequential {
  if (nClasses === 2) {
    model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
    model.compile({
      optimizer: tf.train.adam(learningRate),
      loss: "binaryCrossentropy",
      metrics: ["accuracy"],
    });
  } else {
    model.add(tf.layers.dense({ units: nClasses, activation: "softmax" }));
    model.compile({
      optimizer: tf.train.adam(learningRate),
      loss: "sparseCategoricalCrossentropy",
      metrics: ["accuracy"],
    });
  }
  return model;
}

/**
 * Embedding(maskZero) → masked mean pooling → [Dropout] → output. For vocabulary 5,000,
 * width 16, 2 classes: 80,000 + 17 = 80,017 params.
 */
export function poolingClassifier(options: TextModelOptions): tf.Sequential {
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
  return addTextOutput(model, nClasses, options.learningRate ?? 0.01);
}

export type SequenceKind = "conv" | "lstm" | "gru" | "bidirectional";

/** The sequence models' sizes: Conv1D(32 filters, kernel 5), LSTM/GRU(32), Bidirectional(LSTM(16)). */
export const SEQUENCE_UNITS = { conv: 32, lstm: 32, gru: 32, bidirectional: 16 } as const;

/**
 * Embedding (no mask; sequences are pre-padded so the recurrent state ends on real words) →
 * - conv: Conv1D(32, kernel 5, relu) → GlobalMaxPooling1D
 * - lstm: LSTM(32) · gru: GRU(32) · bidirectional: Bidirectional(LSTM(16), concat)
 * → output layer.
 */
export function sequenceClassifier(kind: SequenceKind, options: TextModelOptions): tf.Sequential {
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
  } else if (kind === "bidirectional") {
    model.add(
      tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 16 }), mergeMode: "concat" }),
    );
  } else {
    throw new Error(`sequenceClassifier: unknown kind "${String(kind)}"`);
  }
  if ((options.dropout ?? 0) > 0) model.add(tf.layers.dropout({ rate: options.dropout! }));
  return addTextOutput(model, nClasses, options.learningRate ?? 0.005);
}

/**
 * Logistic regression on TF-IDF rows (binary: one sigmoid unit; more classes: softmax
 * regression), trained with Adam mini-batches: lab 05's model, a faster optimiser.
 */
export function tfidfLogisticRegression(
  nFeatures: number,
  nClasses: number,
  learningRate = 0.05,
): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [nFeatures] }));
  return addTextOutput(model, nClasses, learningRate);
}

/**
 * Next-word language model: the previous `contextLength` word ids → Embedding(width) →
 * LSTM(units) → Dense(vocabularySize, softmax), sparseCategoricalCrossentropy.
 */
export function nextWordModel(options: {
  vocabularySize: number;
  contextLength: number;
  embeddingDim?: number;
  units?: number;
  learningRate?: number;
}): tf.Sequential {
  const { vocabularySize, contextLength, embeddingDim = 32, units = 64 } = options;
  const model = tf.sequential();
  model.add(
    tf.layers.embedding({
      inputDim: vocabularySize,
      outputDim: embeddingDim,
      inputLength: contextLength,
    }),
  );
  model.add(tf.layers.lstm({ units }));
  model.add(tf.layers.dense({ units: vocabularySize, activation: "softmax" }));
  model.compile({
    optimizer: tf.train.adam(options.learningRate ?? 0.01),
    loss: "sparseCategoricalCrossentropy",
  });
  return model;
}
