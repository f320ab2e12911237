/**
 * For your competition code (a script or a notebook):
 *
 *   import { competitionData, writeSubmission } from "./src/compete";
 *   const { train, test, target } = competitionData("auto-mpg");   // after `npm run compete -- start auto-mpg`
 *   // … fit on train.x / train.y, predict test.x …
 *   writeSubmission("auto-mpg", test.ids, predictions);            // competitions/auto-mpg/submission.csv
 *
 * then `npm run compete -- submit auto-mpg competitions/auto-mpg/submission.csv`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type CsvTable, readCsv } from "../data/csv";
import { DataError } from "../data/errors";
import { competitionByName } from "./competitions";
import { csvText } from "./csv-out";
import { competitionDir } from "./session";

export interface CompetitionData {
  target: string;
  /** train.csv: ids, the raw table (strings; empty = missing), the target as numbers. */
  train: { ids: string[]; table: CsvTable; y: number[] };
  /** test.csv: ids and the raw table. */
  test: { ids: string[]; table: CsvTable };
}

/** Reads the files `npm run compete -- start <name>` wrote. */
export function competitionData(name: string): CompetitionData {
  const c = competitionByName(name);
  const dir = competitionDir(c.name);
  if (!fs.existsSync(path.join(dir, "train.csv")))
    throw new DataError(
      `No ${c.name} files yet: run \`npm run compete -- start ${c.name}\` first.`,
    );
  const train = readCsv(path.join(dir, "train.csv"));
  const test = readCsv(path.join(dir, "test.csv"));
  const t = train.header.indexOf(c.target);
  return {
    target: c.target,
    train: {
      ids: train.rows.map((r) => r[0]!),
      table: train,
      y: train.rows.map((r) => Number(r[t])),
    },
    test: { ids: test.rows.map((r) => r[0]!), table: test },
  };
}

/**
 * Writes a submission (header `id,<target>`, one row per id) and returns its path. Checks the
 * lengths match and every prediction is a finite number, so the mistake shows here, not later.
 */
export function writeSubmission(
  name: string,
  ids: readonly string[],
  predictions: readonly number[],
  file = path.join(competitionDir(competitionByName(name).name), "submission.csv"),
): string {
  const c = competitionByName(name);
  if (ids.length !== predictions.length)
    throw new DataError(
      `writeSubmission: ${ids.length} ids but ${predictions.length} predictions.`,
    );
  const bad = predictions.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new DataError(
      `writeSubmission: the prediction for id ${ids[bad]} (position ${bad}) is ${predictions[bad]}.`,
    );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    csvText(
      ["id", c.target],
      ids.map((id, i) => [id, predictions[i]!]),
    ),
  );
  return file;
}
