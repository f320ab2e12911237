/**
 * Competitions: the files (no target in test.csv, ids disjoint, ~30 % public), the validation of
 * submissions (each problem named), and the recorded baseline / reference scores.
 */
import { describe, expect, it } from "vitest";
import {
  COMPETITIONS,
  type Competition,
  competitionByName,
  filesOf,
  PUBLIC_FRACTION,
} from "../../src/compete/competitions";
import { submissionCsv } from "../../src/compete/session";
import { parseSubmission, SubmissionError, scoreSubmission } from "../../src/compete/submission";

function problemsOf(c: Competition, text: string): string[] {
  try {
    parseSubmission(c, filesOf(c), text, "mine.csv");
  } catch (error) {
    expect(error).toBeInstanceOf(SubmissionError);
    return (error as SubmissionError).problems;
  }
  throw new Error("the submission was accepted");
}

const mpg = competitionByName("auto-mpg");
const fashion = competitionByName("fashion-new");
const cancer = competitionByName("breast-cancer");
const mpgFiles = filesOf(mpg);
const ids = mpgFiles.test.rows.map((r) => r[0]!);
const good = (value = "23.5") => `id,mpg\n${ids.map((id) => `${id},${value}`).join("\n")}\n`;

describe("competition files", () => {
  it.each(COMPETITIONS.map((c) => [c.name, c] as const))("%s", (_n, c) => {
    const f = filesOf(c);
    expect(f.train.header[0]).toBe("id");
    expect(f.train.header.at(-1)).toBe(c.target);
    expect(f.test.header).toEqual(f.train.header.slice(0, -1));
    const trainIds = new Set(f.train.rows.map((r) => r[0]));
    expect(f.test.rows.some((r) => trainIds.has(r[0]))).toBe(false);
    expect(f.solution.map((s) => s.id)).toEqual(f.test.rows.map((r) => r[0]));
    const nPublic = f.solution.filter((s) => s.isPublic).length;
    expect(nPublic).toBe(Math.round(PUBLIC_FRACTION * f.solution.length));
    // Deterministic: the same split on every machine.
    expect(c.build().solution).toEqual(f.solution);
  });
});

describe("submission validation names the problem", () => {
  it("accepts a valid file, with a BOM, CRLF line ends, any row order and spaces", () => {
    const text = `\uFEFFid , MPG\r\n${[...ids]
      .reverse()
      .map((id) => ` ${id} , 20`)
      .join("\r\n")}\r\n`;
    const p = parseSubmission(mpg, mpgFiles, text, "mine.csv");
    expect(p).toHaveLength(ids.length);
    expect(p.every((v) => v === 20)).toBe(true);
  });

  it("missing ids: how many, and the first few", () => {
    const text = `id,mpg\n${ids
      .slice(3)
      .map((id) => `${id},20`)
      .join("\n")}\n`;
    const problems = problemsOf(mpg, text);
    expect(problems[0]).toMatch(
      new RegExp(`${ids.length - 3} prediction rows, but test.csv has ${ids.length}`),
    );
    expect(problems[1]).toBe(`3 test ids are missing: ${ids.slice(0, 3).join(", ")}`);
  });

  it("duplicate ids, with both lines", () => {
    const text = good().replace(`\n${ids[1]},23.5\n`, `\n${ids[0]},23.5\n`);
    const problems = problemsOf(mpg, text);
    expect(problems).toContain(`1 duplicate id: ${ids[0]} (lines 2 and 3)`);
    expect(problems).toContain(`1 test id is missing: ${ids[1]}`);
  });

  it("ids from train.csv", () => {
    const text = good().replace(`\n${ids[0]},`, "\n1,");
    expect(problemsOf(mpg, text).join("\n")).toMatch(
      /1 id is not in test.csv: 1 \(line 2\) \(predict the ids of test.csv, not train.csv\)/,
    );
  });

  it("a wrong or missing prediction column", () => {
    expect(problemsOf(mpg, good().replace("id,mpg", "id,prediction"))[0]).toMatch(
      /no "mpg" column: the predictions must be in a column named "mpg" \(the header is "id,prediction"; expected "id,mpg"\)/,
    );
    expect(problemsOf(mpg, good().replace("id,mpg", "row,mpg"))[0]).toMatch(/no "id" column/);
    const extra = `id,mpg,cylinders\n${ids.map((id) => `${id},20,4`).join("\n")}\n`;
    expect(problemsOf(mpg, extra)[0]).toMatch(
      /unexpected column "cylinders": a submission has exactly two columns, "id,mpg"/,
    );
  });

  it("NaN, empty and non-numeric predictions, with the line and id", () => {
    const text = good()
      .replace(`\n${ids[0]},23.5`, `\n${ids[0]},NaN`)
      .replace(`\n${ids[1]},23.5`, `\n${ids[1]},`)
      .replace(`\n${ids[2]},23.5`, `\n${ids[2]},twenty`);
    const problems = problemsOf(mpg, text);
    expect(problems).toContain(
      `2 predictions are empty or NaN: line 2 (id ${ids[0]}), line 3 (id ${ids[1]})`,
    );
    expect(problems).toContain(`1 prediction is not a number: line 4 (id ${ids[2]}): "twenty"`);
  });

  it("a wrong number of fields on a line", () => {
    const text = good().replace(`\n${ids[4]},23.5`, `\n${ids[4]},23.5,1`);
    expect(problemsOf(mpg, text)[0]).toMatch(/line 6: expected 2 fields, got 3/);
  });

  it("class labels that are not classes, or written as names", () => {
    const fids = filesOf(fashion).test.rows.map((r) => r[0]!);
    const rows = fids.map(
      (id, i) => `${id},${i === 0 ? 10 : i === 1 ? "Sneaker" : i === 2 ? "2.5" : 3}`,
    );
    const problems = problemsOf(fashion, `id,label\n${rows.join("\n")}\n`);
    expect(problems).toContain(
      `2 predictions are not a class label (0, 1, 2, 3, 4, 5, 6, 7, 8, 9): line 2 (id ${fids[0]}): 10, line 4 (id ${fids[2]}): 2.5`,
    );
    expect(problems.join("\n")).toMatch(/"Sneaker" \(write the class number 0–9, not its name\)/);
  });

  it("probabilities outside [0, 1]", () => {
    const cids = filesOf(cancer).test.rows.map((r) => r[0]!);
    const rows = cids.map((id, i) => `${id},${i === 0 ? 1.2 : i === 1 ? -0.1 : 0.5}`);
    expect(problemsOf(cancer, `id,malignant\n${rows.join("\n")}\n`)).toEqual([
      `2 predictions are not a probability between 0 and 1: line 2 (id ${cids[0]}): 1.2, line 3 (id ${cids[1]}): -0.1`,
    ]);
  });

  it("an empty file", () => {
    expect(problemsOf(mpg, "")[0]).toMatch(/is empty/);
  });
});

describe("baseline and reference scores are the recorded ones", () => {
  it.each(COMPETITIONS.map((c) => [c.name, c] as const))(
    "%s",
    (_n, c) => {
      const f = filesOf(c);
      const through = (predictions: number[]) =>
        scoreSubmission(c, f, parseSubmission(c, f, submissionCsv(c, f, predictions)));
      const b = through(c.baseline(f));
      const r = through(c.reference(f));
      expect(b.public).toBeCloseTo(c.recorded.baseline.public, 6);
      expect(b.private).toBeCloseTo(c.recorded.baseline.private, 6);
      expect(r.public).toBeCloseTo(c.recorded.reference.public, 6);
      expect(r.private).toBeCloseTo(c.recorded.reference.private, 6);
      // The reference clearly beats the baseline on the private part.
      const better =
        c.metric === "macro-f1" ? r.private > b.private + 0.3 : r.private < 0.6 * b.private;
      expect(better).toBe(true);
    },
    90_000,
  );
});

describe("public-leaderboard overfitting can be seen", () => {
  it("picking the best of 40 noisy variants by public score gains on public, not on private", () => {
    // 40 "tweaks" of the reference that are pure noise: none is really better than another.
    const f = filesOf(mpg);
    const reference = mpg.reference(f);
    let state = 12345;
    const noise = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648 - 0.5;
    };
    const variants = Array.from({ length: 40 }, () =>
      scoreSubmission(
        mpg,
        f,
        reference.map((v) => v + 6 * noise()),
      ),
    );
    const chosen = variants.reduce((a, b) => (b.public < a.public ? b : a));
    const meanPublic = variants.reduce((s, v) => s + v.public, 0) / variants.length;
    const meanPrivate = variants.reduce((s, v) => s + v.private, 0) / variants.length;
    // On public the chosen one looks clearly better than a typical variant…
    expect(meanPublic - chosen.public).toBeGreaterThan(0.1);
    // …but on private it is about as good as any other: the public gain was noise.
    expect(Math.abs(chosen.private - meanPrivate)).toBeLessThan((meanPublic - chosen.public) / 2);
    // The numbers quoted in every description and by finish (src/compete/description.ts).
    expect(
      [chosen.public, meanPublic, chosen.private, meanPrivate].map((v) => v.toFixed(2)),
    ).toEqual(["3.49", "3.98", "3.76", "3.58"]);
  });
});
