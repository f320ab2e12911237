/**
 * The learner's side of a competition: `start` writes the files into competitions/<name>/
 * (git-ignored; ML_LABS_COMPETE_DIR moves it, e.g. for tests), `submit` validates, scores and
 * stores a submission, `finish` reveals the private scores. The leaderboard is one JSON file per
 * competition, changed under the project's file lock and replaced atomically (temp + rename),
 * so two terminals submitting at once lose nothing and a crash never leaves half a file.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { withLock } from "../grading/progress/store";
import { fromRoot } from "../project-root";
import { COMPETITIONS, type Competition, competitionByName, filesOf } from "./competitions";
import { csvText } from "./csv-out";
import { descriptionOf } from "./description";
import { rankByPublic } from "./rank";
import { readSubmission, type Scores, scoreSubmission } from "./submission";

export function competeDir(): string {
  return process.env.ML_LABS_COMPETE_DIR ?? fromRoot("competitions");
}

export function competitionDir(name: string): string {
  return path.join(competeDir(), name);
}

export interface Entry {
  /** 1, 2, 3… in the order submitted. */
  n: number;
  at: string;
  /** The path the learner gave. */
  file: string;
  /** The stored copy, relative to the competition folder. */
  stored: string;
  sha256: string;
  rows: number;
  public: number;
  /** Stored, but only shown after `finish` (or for late submissions). */
  private: number;
  /** Submitted after `finish`: both scores shown at once, like Kaggle's late submissions. */
  late: boolean;
}

export interface Board {
  version: 1;
  competition: string;
  startedAt: string;
  finishedAt?: string;
  submissions: Entry[];
}

const boardPath = (name: string) => path.join(competitionDir(name), "leaderboard.json");

export function readBoard(name: string): Board | undefined {
  const file = boardPath(name);
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Board;
  } catch (error) {
    throw new Error(
      `${file} is damaged (${(error as Error).message}). Move it aside and run \`npm run compete -- start ${name}\` again (your submissions are kept in the submissions/ folder next to it).`,
    );
  }
}

function writeAtomically(file: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** Changes the board under the lock; returns what `change` returns. */
function updateBoard<T>(
  name: string,
  change: (board: Board | undefined) => { board: Board; result: T },
): T {
  const file = boardPath(name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return withLock(file, () => {
    const { board, result } = change(readBoard(name));
    writeAtomically(file, `${JSON.stringify(board, null, 2)}\n`);
    return result;
  });
}

function requireBoard(name: string): Board {
  const board = readBoard(name);
  if (!board)
    throw new Error(
      `You have not started "${name}" yet: run \`npm run compete -- start ${name}\` first (it writes the data files).`,
    );
  return board;
}

export interface StartResult {
  dir: string;
  files: string[];
  resumed: boolean;
}

/** Writes description.md, train.csv, test.csv and sample_submission.csv; keeps any leaderboard. */
export function startCompetition(name: string, now = new Date()): StartResult {
  const c = competitionByName(name);
  const files = filesOf(c);
  const dir = competitionDir(c.name);
  const baseline = c.baseline(files);
  const written = {
    "description.md": descriptionOf(c, files),
    "train.csv": csvText(files.train.header, files.train.rows),
    "test.csv": csvText(files.test.header, files.test.rows),
    "sample_submission.csv": submissionCsv(c, files, baseline),
  };
  for (const [f, text] of Object.entries(written)) writeAtomically(path.join(dir, f), text);
  const resumed = updateBoard(c.name, (board) =>
    board
      ? { board, result: true }
      : {
          board: { version: 1, competition: c.name, startedAt: now.toISOString(), submissions: [] },
          result: false,
        },
  );
  return { dir, files: Object.keys(written), resumed };
}

/** A submission CSV of predictions in test-row order (how the sample submission is written). */
export function submissionCsv(
  c: Competition,
  files = filesOf(c),
  predictions: readonly number[],
): string {
  return csvText(
    ["id", c.target],
    files.test.rows.map((r, i) => [r[0]!, formatPrediction(c, predictions[i]!)]),
  );
}

function formatPrediction(c: Competition, v: number): string {
  if (c.kind === "classification") return String(v);
  return String(Number(v.toPrecision(12)));
}

export interface SubmitResult {
  competition: Competition;
  entry: Entry;
  /** This submission's place among yours by public score (1 = best). */
  rank: number;
  count: number;
  bestPublic: Entry;
  finished: boolean;
}

export function submit(name: string, file: string, now = new Date()): SubmitResult {
  const c = competitionByName(name);
  requireBoard(c.name);
  const files = filesOf(c);
  // npm runs scripts from the project root; INIT_CWD is where the learner typed the command.
  const absolute = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const predictions = readSubmission(c, files, absolute, file);
  const scores: Scores = scoreSubmission(c, files, predictions);
  const bytes = fs.readFileSync(absolute);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return updateBoard(c.name, (board) => {
    const b = board ?? requireBoard(c.name);
    const n = b.submissions.length + 1;
    const stored = path.join(
      "submissions",
      `${String(n).padStart(3, "0")}-${path.basename(file).replace(/[^\w.-]/g, "_")}`,
    );
    writeAtomically(path.join(competitionDir(c.name), stored), bytes);
    const entry: Entry = {
      n,
      at: now.toISOString(),
      file,
      stored: stored.split(path.sep).join("/"),
      sha256,
      rows: predictions.length,
      public: scores.public,
      private: scores.private,
      late: b.finishedAt !== undefined,
    };
    b.submissions.push(entry);
    const ranked = rankByPublic(c, b.submissions);
    return {
      board: b,
      result: {
        competition: c,
        entry,
        rank: ranked.indexOf(entry) + 1,
        count: b.submissions.length,
        bestPublic: ranked[0]!,
        finished: b.finishedAt !== undefined,
      },
    };
  });
}

export function finishCompetition(name: string, now = new Date()): Board {
  const c = competitionByName(name);
  requireBoard(c.name);
  return updateBoard(c.name, (board) => {
    const b = board!;
    b.finishedAt ??= now.toISOString();
    return { board: b, result: b };
  });
}

export function boardOf(name: string): { competition: Competition; board: Board } {
  const c = competitionByName(name);
  return { competition: c, board: requireBoard(c.name) };
}

export interface ListRow {
  competition: Competition;
  board?: Board;
}

export function listCompetitions(): ListRow[] {
  return COMPETITIONS.map((c) => ({ competition: c, board: readBoard(c.name) }));
}
