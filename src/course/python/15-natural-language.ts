import type { PythonTable } from "./types";

export const table: PythonTable = {
  libraries: "TensorFlow/Keras 2.x, scikit-learn",
  rows: [
    {
      task: "standardise text",
      ours: "standardize(text)",
      python: 'keras.layers.TextVectorization(standardize="lower_and_strip_punctuation")',
      names: ["keras.layers.TextVectorization"],
    },
    {
      task: "vocabulary from training text",
      ours: "buildVocabulary(trainTexts, maxTokens)",
      python: "vectorizer.adapt(train_texts); vectorizer.get_vocabulary()",
      note: 'Keras reserves the same two ids: 0 for padding ("") and 1 for unknown words ("[UNK]").',
    },
    { task: "texts to ids", ours: "encodeTexts(texts, vocabulary)", python: "vectorizer(texts)" },
    {
      task: "pad and truncate",
      ours: 'padSequences(seqs, { maxLen: 40, padding: "pre", truncating: "pre" })',
      python: 'keras.utils.pad_sequences(seqs, maxlen=40, padding="pre", truncating="pre")',
      note: 'Keras\' defaults are "pre" for both; TextVectorization(output_sequence_length=40) pads "post".',
      names: ["keras.utils.pad_sequences"],
    },
    {
      task: "TF-IDF features",
      ours: "tfidf(sequences, fitIdf(trainSequences, V))",
      python: "TfidfVectorizer().fit(train_texts).transform(texts)",
      note: "Same smoothed idf, ln((1 + n) / (1 + df)) + 1, and rows scaled to length 1.",
      names: ["sklearn.feature_extraction.text.TfidfVectorizer"],
      fixture: "15/tfidf",
    },
    {
      task: "an embedding",
      ours: "tf.layers.embedding({ inputDim: V, outputDim: 16, maskZero: true })",
      python: "keras.layers.Embedding(V, 16, mask_zero=True)",
      note: "The mask tells later layers which steps are padding.",
      names: ["keras.layers.Embedding"],
    },
    {
      task: "average over words",
      ours: "maskedAveragePooling1d()  // src/tf/models/text.ts",
      python: "keras.layers.GlobalAveragePooling1D()",
      note: "Keras' layer skips masked (padding) steps; TF.js's `globalAveragePooling1d` ignores the mask and averages the padding in, hence the course's own layer.",
      names: ["keras.layers.GlobalAveragePooling1D"],
    },
    {
      task: "recurrent layers",
      ours: "tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 32 }) })",
      python: "keras.layers.Bidirectional(keras.layers.LSTM(32))",
      note: "`tf.layers.gru` ↔ `keras.layers.GRU`, `tf.layers.conv1d` ↔ `keras.layers.Conv1D`.",
      names: ["keras.layers.Bidirectional", "keras.layers.GRU"],
    },
    {
      task: "sample with temperature",
      ours: "sampleWithTemperature(logits, temperature, rng)",
      python: "tf.random.categorical(logits[None, :] / temperature, 1)",
      note: "Divide the LOGITS by the temperature, then take the softmax; NumPy: `rng.choice(V, p=softmax(logits / T))`.",
      names: ["tensorflow.random.categorical"],
    },
    {
      task: "held-out cross-entropy",
      ours: "crossEntropy(probs, targets)",
      python: "sklearn.metrics.log_loss(targets, probs, labels=range(V))",
      note: "Perplexity is exp of it, in both.",
      names: ["sklearn.metrics.log_loss"],
      fixture: "15/cross-entropy",
    },
  ],
};
