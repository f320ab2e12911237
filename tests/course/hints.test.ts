/**
 * Hints teach; `solution` shows the answer. Every exercise has 2–3 distinct tiers, and no tier
 * (the last, strongest one included) pastes the reference body: a learner who reads them all
 * must still write the function.
 */
import { describe, expect, it } from "vitest";
import { allLabs } from "../../src/course/manifest";
import { solutionSource } from "../../src/course/solution-source";
import { stubForLab } from "../../src/course/stubs";

/** At most this many whole reference lines may appear in one hint… */
const MAX_LINES_IN_HINT = 2;
/** …and together they may cover at most this share of the reference body's characters. */
const MAX_SHARE_OF_BODY = 0.6;
/** Lines shorter than this once normalised (`}`, `});`, `return w;`) say nothing about the answer. */
const MIN_LINE_CHARS = 10;
/**
 * A paraphrase that renames a variable escapes the line test, so shared code fragments of at
 * least this many characters may cover at most MAX_FRAGMENT_SHARE of the body.
 */
const MIN_FRAGMENT_CHARS = 12;
const MAX_FRAGMENT_SHARE = 0.5;

/** Without whitespace, and with the typographic minus hints use for formulas read as code. */
const squeeze = (s: string): string => s.replace(/\s+/g, "").replace(/−/g, "-");

/** A line of code without whitespace and trailing comment; "" for comments and blank lines. */
function codeOf(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) return "";
  return squeeze(trimmed.replace(/\s\/\/\s.*$/, ""));
}

/**
 * The normalised code lines between BEGIN/END SOLUTION of an exercise's exports: the lines of
 * its reference source that its generated stub does not have.
 */
function referenceBody(labId: string, exports: string[]): string[] {
  const stubLines = new Map<string, number>();
  for (const line of stubForLab(labId).split("\n")) {
    const code = codeOf(line);
    stubLines.set(code, (stubLines.get(code) ?? 0) + 1);
  }
  const body: string[] = [];
  for (const line of solutionSource(labId, exports).split("\n")) {
    const code = codeOf(line);
    const inStub = stubLines.get(code) ?? 0;
    if (inStub > 0) stubLines.set(code, inStub - 1);
    else if (code.length >= MIN_LINE_CHARS) body.push(code);
  }
  return body;
}

/** The share of `body` covered by substrings of at least MIN_FRAGMENT_CHARS that `hint` contains. */
function fragmentShare(body: string, hint: string): number {
  const covered = new Uint8Array(body.length);
  for (let i = 0; i < body.length; i++) {
    let length = 0;
    while (i + length < body.length && hint.includes(body.slice(i, i + length + 1))) length++;
    if (length >= MIN_FRAGMENT_CHARS) covered.fill(1, i, i + length);
  }
  return covered.reduce((n, c) => n + c, 0) / body.length;
}

const exercises = allLabs().flatMap((lab) =>
  lab.exercises.map((ex) => [`${lab.id} ${ex.id}`, lab.id, ex] as const),
);

describe.each(exercises)("%s", (_name, labId, ex) => {
  it("has 2–3 distinct hint tiers", () => {
    expect(ex.hints.length).toBeGreaterThanOrEqual(2);
    expect(ex.hints.length).toBeLessThanOrEqual(3);
    expect(new Set(ex.hints.map((h) => squeeze(h).toLowerCase())).size).toBe(ex.hints.length);
    for (const hint of ex.hints) expect(hint.trim().length).toBeGreaterThan(0);
  });

  it("no tier reproduces the reference solution's body", () => {
    const body = referenceBody(labId, ex.exports);
    expect(
      body.length,
      "the reference body has no code lines: the comparison would be empty",
    ).toBeGreaterThan(0);
    const bodyChars = body.reduce((n, line) => n + line.length, 0);
    ex.hints.forEach((hint, tier) => {
      const inHint = body.filter((line) => squeeze(hint).includes(line));
      const share = inHint.reduce((n, line) => n + line.length, 0) / bodyChars;
      const where = `tier ${tier + 1} of ${ex.hints.length} repeats ${inHint.length} reference line(s), ${Math.round(share * 100)} % of the body:\n${inHint.join("\n")}`;
      expect(inHint.length, where).toBeLessThanOrEqual(MAX_LINES_IN_HINT);
      expect(share, where).toBeLessThanOrEqual(MAX_SHARE_OF_BODY);
      const fragments = fragmentShare(body.join(""), squeeze(hint));
      expect(
        fragments,
        `tier ${tier + 1} of ${ex.hints.length} shares code fragments covering ${Math.round(fragments * 100)} % of the body`,
      ).toBeLessThanOrEqual(MAX_FRAGMENT_SHARE);
    });
  });
});
