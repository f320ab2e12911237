/**
 * Reading and validating a submission (Kaggle's format: a header `id,<target>`, one row per
 * test id), then scoring it on the public and the private part of the hidden answers.
 * Every problem found is reported at once, each naming the lines and ids concerned.
 */
import * as fs from "node:fs";
import { parseCsv } from "../data/csv";
import type { Competition, CompetitionFiles } from "./competitions";
import { METRICS } from "./metrics";

export class SubmissionError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `${file} was not scored:\n${problems.map((p) => `  ✘ ${p}`).join("\n")}\nA submission is a CSV file like sample_submission.csv: a header line, then one row per test id.`,
    );
    this.name = "SubmissionError";
  }
}

/** How many examples each kind of problem lists. */
const SHOW = 5;

function examples(items: string[]): string {
  const shown = items.slice(0, SHOW).join(", ");
  return items.length > SHOW ? `${shown} … (${items.length - SHOW} more)` : shown;
}

const MISSING = new Set(["", "nan", "na", "null", "none", "undefined"]);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The predictions of a submission, in the order of the test file's rows.
 * @throws SubmissionError listing every problem (missing / duplicate / unknown ids, a wrong or
 *   missing column, empty or NaN values, labels that are not classes, probabilities outside [0, 1],
 *   the row count).
 */
export function readSubmission(
  c: Competition,
  files: CompetitionFiles,
  file: string,
  shownAs = file,
): number[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SubmissionError(shownAs, [
      code === "ENOENT"
        ? `there is no file ${shownAs} (give its path relative to where you run npm, or an absolute one)`
        : code === "EISDIR"
          ? `${shownAs} is a folder, not a CSV file`
          : `could not read it: ${(error as Error).message}`,
    ]);
  }
  return parseSubmission(c, files, text, shownAs);
}

/** Like readSubmission, from the CSV text. */
export function parseSubmission(
  c: Competition,
  files: CompetitionFiles,
  text: string,
  shownAs = "<submission>",
): number[] {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(text, shownAs);
  } catch (error) {
    throw new SubmissionError(shownAs, [
      `${(error as Error).message.replace(`${shownAs} `, "")} — is it a CSV file with commas between the columns?`,
    ]);
  }
  const expected = `id,${c.target}`;
  const names = table.header.map((h) => h.trim().toLowerCase());
  const idCol = names.indexOf("id");
  const predCol = names.indexOf(c.target.toLowerCase());
  const header: string[] = [];
  if (idCol < 0)
    header.push(
      `no "id" column (the header is "${table.header.join(",")}"; expected "${expected}")`,
    );
  if (predCol < 0)
    header.push(
      `no "${c.target}" column: the predictions must be in a column named "${c.target}" (the header is "${table.header.join(",")}"; expected "${expected}")`,
    );
  const extra = table.header.filter((_, j) => j !== idCol && j !== predCol);
  if (idCol >= 0 && predCol >= 0 && extra.length > 0)
    header.push(
      `unexpected column${extra.length > 1 ? "s" : ""} ${extra.map((e) => `"${e}"`).join(", ")}: a submission has exactly two columns, "${expected}"`,
    );
  if (header.length > 0) throw new SubmissionError(shownAs, header);

  const testIds = files.test.rows.map((r) => r[0]!);
  const position = new Map(testIds.map((id, i) => [id, i]));
  const predictions = new Array<number>(testIds.length).fill(Number.NaN);
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const missingValue: string[] = [];
  const notNumber: string[] = [];
  const badValue: string[] = [];
  table.rows.forEach((row, r) => {
    const line = table.lines[r]!;
    const id = normaliseId(row[idCol]!);
    const raw = row[predCol]!.trim();
    const where = `line ${line} (id ${id === "" ? "empty" : id})`;
    const pos = position.get(id);
    if (pos === undefined) {
      unknown.push(id === "" ? `line ${line} (empty id)` : `${id} (line ${line})`);
      return;
    }
    if (seen.has(id)) {
      duplicate.push(`${id} (lines ${seen.get(id)} and ${line})`);
      return;
    }
    seen.set(id, line);
    if (MISSING.has(raw.toLowerCase())) {
      missingValue.push(where);
      return;
    }
    if (!NUMBER.test(raw)) {
      notNumber.push(`${where}: "${raw}"`);
      return;
    }
    const v = Number(raw);
    if (c.kind === "classification" && !c.labels!.includes(v)) badValue.push(`${where}: ${raw}`);
    else if (c.kind === "probability" && !(v >= 0 && v <= 1)) badValue.push(`${where}: ${raw}`);
    else predictions[pos] = v;
  });
  const missing = testIds.filter((id) => !seen.has(id));

  const problems: string[] = [];
  const rowsSeen = table.rows.length;
  if (rowsSeen !== testIds.length)
    problems.push(
      `${rowsSeen} prediction row${rowsSeen === 1 ? "" : "s"}, but test.csv has ${testIds.length} rows: one row per test id is expected`,
    );
  if (missing.length > 0)
    problems.push(
      `${missing.length} test id${missing.length === 1 ? " is" : "s are"} missing: ${examples(missing)}`,
    );
  if (duplicate.length > 0)
    problems.push(
      `${duplicate.length} duplicate id${duplicate.length === 1 ? "" : "s"}: ${examples(duplicate)}`,
    );
  if (unknown.length > 0)
    problems.push(
      `${unknown.length} id${unknown.length === 1 ? " is" : "s are"} not in test.csv: ${examples(unknown)} (predict the ids of test.csv, not train.csv)`,
    );
  if (missingValue.length > 0)
    problems.push(
      `${missingValue.length} prediction${missingValue.length === 1 ? " is" : "s are"} empty or NaN: ${examples(missingValue)}`,
    );
  if (notNumber.length > 0)
    problems.push(
      `${notNumber.length} prediction${notNumber.length === 1 ? " is" : "s are"} not a number: ${examples(notNumber)}${c.kind === "classification" ? ` (write the class number ${c.labels![0]}–${c.labels![c.labels!.length - 1]}, not its name)` : ""}`,
    );
  if (badValue.length > 0)
    problems.push(
      c.kind === "classification"
        ? `${badValue.length} prediction${badValue.length === 1 ? " is" : "s are"} not a class label (${c.labels!.join(", ")}): ${examples(badValue)}`
        : `${badValue.length} prediction${badValue.length === 1 ? " is" : "s are"} not a probability between 0 and 1: ${examples(badValue)}`,
    );
  if (problems.length > 0) throw new SubmissionError(shownAs, problems);
  return predictions;
}

/** "007" and "7.0" are id 7, as pandas would read them; anything else is kept as written. */
function normaliseId(cell: string): string {
  const s = cell.trim();
  return /^\d+(\.0*)?$/.test(s) ? String(Number(s)) : s;
}

export interface Scores {
  public: number;
  private: number;
}

/** The metric on the public rows and on the private rows of the hidden answers. */
export function scoreSubmission(
  c: Competition,
  files: CompetitionFiles,
  predictions: readonly number[],
): Scores {
  const metric = METRICS[c.metric];
  const part = (isPublic: boolean) => {
    const yTrue: number[] = [];
    const yPred: number[] = [];
    files.solution.forEach((s, i) => {
      if (s.isPublic === isPublic) {
        yTrue.push(s.value);
        yPred.push(predictions[i]!);
      }
    });
    return metric.score(yTrue, yPred);
  };
  return { public: part(true), private: part(false) };
}
