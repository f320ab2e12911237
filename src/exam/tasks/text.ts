/**
 * Task 4 — text classification, certificate style: the header fixes the vocabulary size and
 * sequence length, and `examData().encode` turns texts into padded token ids with a vocabulary
 * fitted on the training texts, so the grader feeds held-out texts exactly as the learner
 * trained. Training texts: the bundled Austen passages; held-out: 70 other paragraphs per
 * novel (datasets/exam/austen-heldout.json.gz), which no learner loader returns.
 */
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import { datasetPath } from "../../data/registry";
import { loadTextDataset, padSequences, Tokenizer } from "../../data/text";
import { tf } from "../../tf";
import { classificationAccuracy, type ExamTask, type ExamVariant, type HeldOut } from "./types";

interface TextSpec {
  id: string;
  title: string;
  /** Novel (bundled target id) → class, or undefined to leave the novel out. */
  classOf: (novel: number) => number | undefined;
  classNames: string[];
  vocabSize: number;
  maxLength: number;
  /**
   * Accuracy for scores 1..5. Measured (wasm, the exam's training seed), reference
   * Embedding(32) + average pooling + Dense(32), 30 epochs: six novels 0.693 (majority 0.167),
   * Pride & Prejudice or Emma 0.843, early or late 0.855 (majority 0.5 for both).
   */
  thresholds: [number, number, number, number, number];
}

const NOVELS = [
  "Sense & Sensibility",
  "Pride & Prejudice",
  "Mansfield Park",
  "Emma",
  "Northanger Abbey",
  "Persuasion",
];

const SPECS: TextSpec[] = [
  {
    id: "austen-six-novels",
    title: "Which Austen novel is this passage from? (6 classes)",
    classOf: (n) => n,
    classNames: NOVELS,
    vocabSize: 2000,
    maxLength: 60,
    thresholds: [0.25, 0.4, 0.5, 0.6, 0.66],
  },
  {
    id: "austen-pride-or-emma",
    title: "Pride & Prejudice or Emma? (binary)",
    classOf: (n) => (n === 1 ? 1 : n === 3 ? 0 : undefined),
    classNames: ["Emma", "Pride & Prejudice"],
    vocabSize: 1000,
    maxLength: 40,
    thresholds: [0.6, 0.68, 0.74, 0.78, 0.82],
  },
  {
    id: "austen-early-or-late",
    title: "An early (1790s drafts) or a late Austen novel? (binary)",
    // Early: Sense & Sensibility, Pride & Prejudice, Northanger Abbey; late: the other three.
    classOf: (n) => ([0, 1, 4].includes(n) ? 0 : 1),
    classNames: ["early (S&S, P&P, Northanger Abbey)", "late (Mansfield Park, Emma, Persuasion)"],
    vocabSize: 3000,
    maxLength: 80,
    thresholds: [0.6, 0.67, 0.73, 0.78, 0.82],
  },
];

interface Passages {
  texts: string[];
  labels: number[];
}

function select(texts: string[], novels: number[], classOf: TextSpec["classOf"]): Passages {
  const out: Passages = { texts: [], labels: [] };
  texts.forEach((t, i) => {
    const c = classOf(novels[i]!);
    if (c !== undefined) {
      out.texts.push(t);
      out.labels.push(c);
    }
  });
  return out;
}

function heldOutPassages(): { texts: string[]; targets: number[] } {
  const bytes = zlib.gunzipSync(fs.readFileSync(datasetPath("exam", "austen-heldout.json.gz")));
  return JSON.parse(bytes.toString("utf8")) as { texts: string[]; targets: number[] };
}

function variantOf(spec: TextSpec): ExamVariant {
  const binary = spec.classNames.length === 2;
  const units = binary ? 1 : spec.classNames.length;
  const activation = binary ? "sigmoid" : "softmax";
  let cached: { train: Passages; encode: (texts: string[]) => number[][] } | undefined;
  const prepared = () => {
    if (!cached) {
      const all = loadTextDataset("austen_passages");
      const train = select(all.texts, all.labels, spec.classOf);
      const tokenizer = new Tokenizer({ maxTokens: spec.vocabSize }).fit(train.texts);
      const encode = (texts: string[]) =>
        padSequences(tokenizer.textsToSequences(texts), {
          maxLen: spec.maxLength,
          padding: "post",
          truncating: "post",
        });
      cached = { train, encode };
    }
    return cached;
  };
  return {
    id: spec.id,
    title: spec.title,
    header: [
      `Dataset: passages of Jane Austen's novels; classes: ${spec.classNames.map((n, i) => `${i} = ${n}`).join(", ")}.`,
      "examData() returns { texts: string[], labels: number[], classNames, vocabSize, maxLength, encode }.",
      `encode(texts) gives token ids, padded/truncated at the end to ${spec.maxLength} (vocabulary of ${spec.vocabSize} fitted on your texts; 0 = padding, 1 = unknown word).`,
      `Input shape: [${spec.maxLength}] (the ids from encode). Vocabulary size (Embedding inputDim): ${spec.vocabSize}.`,
      binary
        ? 'Output layer: tf.layers.dense({ units: 1, activation: "sigmoid" }) (probability of class 1); keep it.'
        : `Output layer: tf.layers.dense({ units: ${units}, activation: "softmax" }); keep it.`,
      "Scored by accuracy on other passages of the same novels, encoded with your encode().",
    ],
    contract: {
      inputShape: [spec.maxLength],
      outputUnits: units,
      outputActivation: activation,
      maxBytes: 4_000_000,
    },
    bands: { metric: "held-out accuracy", better: "higher", thresholds: spec.thresholds },
    trainingData: () => {
      const { train, encode } = prepared();
      return {
        texts: train.texts.slice(),
        labels: train.labels.slice(),
        classNames: spec.classNames.slice(),
        vocabSize: spec.vocabSize,
        maxLength: spec.maxLength,
        encode,
      };
    },
    heldOut: (): HeldOut => {
      const h = heldOutPassages();
      const picked = select(h.texts, h.targets, spec.classOf);
      return {
        xs: tf.tensor2d(prepared().encode(picked.texts), undefined, "float32"),
        ys: picked.labels,
      };
    },
    metric: (predictions, outUnits, heldOut) =>
      classificationAccuracy(predictions, outUnits, heldOut.ys),
    reference: "austen",
    trainSeconds: 480,
  };
}

export const textTask: ExamTask = {
  id: "task4",
  number: 4,
  weight: 4,
  category: "Text classification",
  variants: SPECS.map(variantOf),
};
