import { describe, expect, it } from "vitest";
import { loadTextDataset, loadTextSplit, multiHot, padSequences, Tokenizer } from "../../src/data";
import { countBy, expectDataError } from "./helpers";

describe("loadTextDataset", () => {
  it("spam_assassin: 5,915 e-mails, 4,108 ham and 1,807 spam", () => {
    const d = loadTextDataset("spam_assassin");
    expect(d.texts).toHaveLength(5915);
    expect(countBy(d.labels)).toEqual({ 0: 4108, 1: 1807 });
    expect(d.labelNames).toEqual(["ham", "spam"]);
    expect(d.texts[0]!.startsWith("Re: New Sequences Window\n")).toBe(true);
    expect(d.texts.every((t) => typeof t === "string" && t.length > 0)).toBe(true);
  });

  it("austen_passages: 400 passages from each of six novels", () => {
    const d = loadTextDataset("austen_passages");
    expect(d.texts).toHaveLength(2400);
    expect(countBy(d.labels)).toEqual({ 0: 400, 1: 400, 2: 400, 3: 400, 4: 400, 5: 400 });
    expect(d.labelNames[1]).toBe("Pride & Prejudice");
  });

  it("fixed split: stratified 80/20", () => {
    const { train, test } = loadTextSplit("austen_passages");
    expect(train.texts).toHaveLength(1920);
    expect(test.texts).toHaveLength(480);
    expect(countBy(test.labels)).toEqual({ 0: 80, 1: 80, 2: 80, 3: 80, 4: 80, 5: 80 });
    const trainSet = new Set(train.texts);
    expect(test.texts.filter((t) => trainSet.has(t))).toHaveLength(0);
  });

  it("rejects an unknown name", () => {
    expectDataError(
      () => loadTextDataset("imdb"),
      'Unknown text dataset "imdb". Available: spam_assassin, austen_passages',
    );
  });
});

describe("Tokenizer", () => {
  const texts = ["The cat sat.", "The dog sat!", "the CAT ran"];

  it("builds a Keras-style vocabulary: padding, OOV, then by count", () => {
    const tok = new Tokenizer().fit(texts);
    expect(tok.vocabulary).toEqual(["", "[UNK]", "the", "cat", "sat", "dog", "ran"]);
    expect(tok.vocabularySize).toBe(7);
    expect(tok.textsToSequences(["The cat flew", "Dog, ran."])).toEqual([
      [2, 3, 1],
      [5, 6],
    ]);
    expect(tok.sequencesToTexts([[0, 2, 3, 1]])).toEqual(["the cat [UNK]"]);
    expect(tok.tokenToId("zebra")).toBe(1);
  });

  it("limits the vocabulary to maxTokens entries", () => {
    const tok = new Tokenizer({ maxTokens: 4, oovToken: "<oov>" }).fit(texts);
    expect(tok.vocabulary).toEqual(["", "<oov>", "the", "cat"]);
    expect(tok.textsToSequences(["the dog"])).toEqual([[2, 1]]);
  });

  it.each([
    [{}, "Don't STOP—now!", ["dont", "stop", "now"]],
    [{}, "Emma’s e-mail: <email>", ["emmas", "e", "mail", "email"]],
    [{ lowercase: false }, "Don't STOP", ["Dont", "STOP"]],
    [{ stripPunctuation: false }, "Don't stop!", ["don't", "stop!"]],
  ])("tokenize with %j", (options, text, tokens) => {
    expect(new Tokenizer(options).tokenize(text)).toEqual(tokens);
  });

  it.each([
    [
      "use before fit",
      () => new Tokenizer().textsToSequences(["a"]),
      "Tokenizer is not fitted: call fit(trainTexts) first",
    ],
    [
      "a tiny maxTokens",
      () => new Tokenizer({ maxTokens: 2 }),
      "Tokenizer: maxTokens must be an integer ≥ 3 (padding, OOV and at least one word), got 2",
    ],
    [
      "a text that is not a string",
      () => new Tokenizer().fit([null as unknown as string]),
      "Tokenizer: expected a string, got null",
    ],
  ])("rejects %s", (_, fn, message) => {
    expectDataError(fn, message);
  });
});

describe("padSequences", () => {
  const seqs = [[1, 2], [3, 4, 5, 6], []];
  it.each([
    [
      { maxLen: 3 },
      [
        [0, 1, 2],
        [4, 5, 6],
        [0, 0, 0],
      ],
    ],
    [
      { maxLen: 3, padding: "post" },
      [
        [1, 2, 0],
        [4, 5, 6],
        [0, 0, 0],
      ],
    ],
    [
      { maxLen: 3, truncating: "post" },
      [
        [0, 1, 2],
        [3, 4, 5],
        [0, 0, 0],
      ],
    ],
    [
      { maxLen: 2, padding: "post", truncating: "post", value: -1 },
      [
        [1, 2],
        [3, 4],
        [-1, -1],
      ],
    ],
  ] as const)("%j", (options, expected) => {
    expect(padSequences(seqs, options)).toEqual(expected);
  });

  it.each([
    [{ maxLen: 0 }, "padSequences: maxLen must be a positive integer, got 0"],
    [
      { maxLen: 2, padding: "middle" as "pre" },
      'padSequences: padding must be "pre" or "post", got "middle"',
    ],
  ])("rejects %j", (options, message) => {
    expectDataError(() => padSequences(seqs, options), message);
  });

  it("multiHot marks the ids present, never padding", () => {
    expect(multiHot([[0, 2, 2, 3]], 5)).toEqual([[0, 0, 1, 1, 0]]);
    expectDataError(() => multiHot([[7]], 5), "multiHot: sequence 0 has id 7, outside 0..4");
  });
});
