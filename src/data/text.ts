/**
 * Text classification data and the steps before an Embedding layer, as Keras'
 * TextVectorization does them: standardise (lowercase, strip punctuation), split on
 * whitespace, map tokens to ids (0 = padding, 1 = out-of-vocabulary), pad or truncate.
 */
import { numericColumn, readCsv, stringColumn } from "./csv";
import { DataError } from "./errors";
import { datasetPath, type TextName, textSpec } from "./registry";
import { loadSplitIndices } from "./splits";

/** A labelled corpus: texts[i] has class labels[i]; labelNames[id] names the class. */
export interface TextDataset {
  name: string;
  texts: string[];
  labels: number[];
  labelNames: string[];
}

/**
 * A bundled text corpus, rows in file order.
 * - "spam_assassin": 5,915 e-mails (subject + newline + body, ≤ 400 characters of body);
 *   labels 0 ham (4,108), 1 spam (1,807).
 * - "austen_passages": 2,400 paragraphs, 400 from each of six Jane Austen novels; labels 0..5.
 */
export function loadTextDataset(name: TextName | string): TextDataset {
  const spec = textSpec(name);
  const table = readCsv(datasetPath(spec.file));
  const parts = spec.textColumns.map((column) => stringColumn(table, column));
  const texts = table.rows.map((_, r) =>
    parts
      .map((column) => column[r])
      .filter((s): s is string => !!s)
      .join("\n"),
  );
  const labels = numericColumn(table, spec.labelColumn);
  return { name: spec.name, texts, labels, labelNames: spec.labelNames.slice() };
}

/** The fixed train/test split of a text corpus (stratified 80/20, same for everyone). */
export function loadTextSplit(name: TextName | string): { train: TextDataset; test: TextDataset } {
  const data = loadTextDataset(name);
  const split = loadSplitIndices(name);
  if (split.n !== data.texts.length) {
    throw new DataError(
      `datasets/splits/splits.json: split "${name}" is for ${split.n} rows but the corpus has ${data.texts.length}`,
    );
  }
  const pick = (idx: number[]): TextDataset => ({
    name: data.name,
    texts: idx.map((i) => data.texts[i]!),
    labels: idx.map((i) => data.labels[i]!),
    labelNames: data.labelNames.slice(),
  });
  return { train: pick(split.train), test: pick(split.test) };
}

export interface TokenizerOptions {
  /** Largest vocabulary size, counting the padding and OOV entries (default: no limit). */
  maxTokens?: number;
  /** The out-of-vocabulary token, id 1 (default "[UNK]", as Keras). */
  oovToken?: string;
  /** Lowercase before splitting (default true). */
  lowercase?: boolean;
  /**
   * Remove punctuation and symbols before splitting (default true). Apostrophes are
   * deleted ("don't" → "dont", as Keras does); other punctuation separates words
   * ("well—then" → "well", "then"), where Keras would glue them together.
   */
  stripPunctuation?: boolean;
}

const APOSTROPHES = /['\u2019]/g;
const PUNCTUATION = /[\p{P}\p{S}]/gu;

/**
 * Word-level tokenizer with a vocabulary learned from training texts.
 * vocabulary[0] is "" (padding), vocabulary[1] the OOV token, then words by descending
 * count (ties alphabetical), cut to maxTokens entries.
 * @example
 * const tok = new Tokenizer({ maxTokens: 1000 }).fit(train.texts);
 * const seqs = padSequences(tok.textsToSequences(test.texts), { maxLen: 40 });
 */
export class Tokenizer {
  readonly maxTokens?: number;
  readonly oovToken: string;
  readonly lowercase: boolean;
  readonly stripPunctuation: boolean;
  private vocab?: string[];
  private ids?: Map<string, number>;

  constructor(options: TokenizerOptions = {}) {
    this.maxTokens = options.maxTokens;
    this.oovToken = options.oovToken ?? "[UNK]";
    this.lowercase = options.lowercase ?? true;
    this.stripPunctuation = options.stripPunctuation ?? true;
    if (this.maxTokens !== undefined && (!Number.isInteger(this.maxTokens) || this.maxTokens < 3)) {
      throw new DataError(
        `Tokenizer: maxTokens must be an integer ≥ 3 (padding, OOV and at least one word), got ${this.maxTokens}`,
      );
    }
  }

  /** Standardises and splits one text: "Hello, World!" → ["hello", "world"]. */
  tokenize(text: string): string[] {
    if (typeof text !== "string")
      throw new DataError(
        `Tokenizer: expected a string, got ${text === null ? "null" : typeof text}`,
      );
    let s = this.lowercase ? text.toLowerCase() : text;
    if (this.stripPunctuation) s = s.replace(APOSTROPHES, "").replace(PUNCTUATION, " ");
    return s.split(/\s+/).filter((token) => token !== "");
  }

  /** Learns the vocabulary from training texts (never from test texts). */
  fit(texts: string[]): this {
    if (!Array.isArray(texts)) throw new DataError("Tokenizer.fit: expected an array of strings");
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const token of this.tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
    }
    counts.delete("");
    counts.delete(this.oovToken);
    const words = [...counts.keys()].sort(
      (a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0),
    );
    const limit = this.maxTokens === undefined ? words.length : this.maxTokens - 2;
    this.vocab = ["", this.oovToken, ...words.slice(0, limit)];
    this.ids = new Map(this.vocab.map((token, id) => [token, id]));
    return this;
  }

  /** The learned tokens; vocabulary[id] is the token with that id (read-only copy). */
  get vocabulary(): string[] {
    return this.fitted().vocab.slice();
  }

  /** Number of ids, padding and OOV included: the `inputDim` of an Embedding layer. */
  get vocabularySize(): number {
    return this.fitted().vocab.length;
  }

  /** The id of a token (1, the OOV id, when it is not in the vocabulary). */
  tokenToId(token: string): number {
    return this.fitted().ids.get(token) ?? 1;
  }

  /** Texts → lists of token ids (unpadded; unknown words → 1). */
  textsToSequences(texts: string[]): number[][] {
    const { ids } = this.fitted();
    return texts.map((text) => this.tokenize(text).map((token) => ids.get(token) ?? 1));
  }

  /** Id lists → texts (tokens joined by spaces; padding ids left out). */
  sequencesToTexts(sequences: number[][]): string[] {
    const { vocab } = this.fitted();
    return sequences.map((seq) =>
      seq
        .filter((id) => id !== 0)
        .map((id) => vocab[id] ?? this.oovToken)
        .join(" "),
    );
  }

  private fitted(): { vocab: string[]; ids: Map<string, number> } {
    if (!this.vocab || !this.ids)
      throw new DataError("Tokenizer is not fitted: call fit(trainTexts) first");
    return { vocab: this.vocab, ids: this.ids };
  }
}

export interface PadOptions {
  /** Length of every output sequence. */
  maxLen: number;
  /** Where to add padding: "pre" (default, as Keras pad_sequences) or "post". */
  padding?: "pre" | "post";
  /** Which end to cut from long sequences: "pre" (default: keep the end) or "post". */
  truncating?: "pre" | "post";
  /** The padding id (default 0). */
  value?: number;
}

/**
 * Makes every sequence exactly maxLen long, like Keras' pad_sequences.
 * @example padSequences([[1, 2], [3, 4, 5, 6]], { maxLen: 3 }) // [[0, 1, 2], [4, 5, 6]]
 */
export function padSequences(sequences: number[][], options: PadOptions): number[][] {
  const { maxLen } = options;
  if (!Number.isInteger(maxLen) || maxLen < 1) {
    throw new DataError(`padSequences: maxLen must be a positive integer, got ${maxLen}`);
  }
  const padding = options.padding ?? "pre";
  const truncating = options.truncating ?? "pre";
  for (const [option, value] of [
    ["padding", padding],
    ["truncating", truncating],
  ] as const) {
    if (value !== "pre" && value !== "post") {
      throw new DataError(`padSequences: ${option} must be "pre" or "post", got "${value}"`);
    }
  }
  const fill = options.value ?? 0;
  return sequences.map((seq, i) => {
    if (!Array.isArray(seq)) throw new DataError(`padSequences: sequence ${i} is not an array`);
    const cut =
      seq.length <= maxLen
        ? seq
        : truncating === "pre"
          ? seq.slice(seq.length - maxLen)
          : seq.slice(0, maxLen);
    const pad = new Array<number>(maxLen - cut.length).fill(fill);
    return padding === "pre" ? [...pad, ...cut] : [...cut, ...pad];
  });
}

/**
 * Bag-of-words rows: out[i][id] = 1 if id occurs in sequence i (padding id 0 never set).
 * @param vocabularySize number of columns, usually tokenizer.vocabularySize
 */
export function multiHot(sequences: number[][], vocabularySize: number): number[][] {
  return sequences.map((seq, i) => {
    const row = new Array<number>(vocabularySize).fill(0);
    for (const id of seq) {
      if (!Number.isInteger(id) || id < 0 || id >= vocabularySize) {
        throw new DataError(
          `multiHot: sequence ${i} has id ${id}, outside 0..${vocabularySize - 1}`,
        );
      }
      if (id !== 0) row[id] = 1;
    }
    return row;
  });
}
