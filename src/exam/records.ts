/**
 * The exam's record: an append-only log, one JSON event per line, each carrying the SHA-256
 * of the previous line (a hash chain). Nothing is ever rewritten, so a crash or `kill -9`
 * loses at most the line being written (a torn last line is ignored and reported), and an
 * edited or deleted line breaks the chain and is reported. Tamper-evident, not secret.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { withLock } from "../grading/progress/store";

/** Every event the exam records. */
export type ExamEvent =
  | {
      type: "started";
      examId: string;
      seed: number;
      minutes: number;
      /** Variant id per task id, chosen from the seed. */
      variants: Record<string, string>;
      deadline: string;
    }
  | { type: "submit-started"; taskId: string; attempt: number }
  | {
      type: "scored";
      taskId: string;
      attempt: number;
      score: number;
      metric: { name: string; value: number } | null;
      /** Why the score is what it is (always set for 0). */
      reason: string;
      trainSeconds: number;
      /** Per-epoch training logs of the submission (learning curves for the report). */
      curves: Record<string, number[]>;
    }
  | { type: "finished"; reason: "learner" | "deadline" };

export type ExamRecord = ExamEvent & { seq: number; at: string; prev: string; hash: string };

export interface ReadRecords {
  records: ExamRecord[];
  /** Problems found (a torn last line, a broken chain); empty when the log is intact. */
  problems: string[];
}

const GENESIS = "0".repeat(64);

function hashOf(prev: string, body: object): string {
  return createHash("sha256").update(prev).update(JSON.stringify(body)).digest("hex");
}

/** Reads and verifies the log; a missing file is an empty log. */
export function readRecords(file: string): ReadRecords {
  if (!fs.existsSync(file)) return { records: [], problems: [] };
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const records: ExamRecord[] = [];
  const problems: string[] = [];
  let prev = GENESIS;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    let rec: ExamRecord;
    try {
      rec = JSON.parse(line) as ExamRecord;
    } catch {
      const last = lines.slice(i + 1).every((l) => l.trim() === "");
      problems.push(
        last
          ? `${path.basename(file)} line ${i + 1} is incomplete (written when the exam was interrupted) and was ignored.`
          : `${path.basename(file)} line ${i + 1} is not valid JSON: the record was edited.`,
      );
      if (last) break;
      continue;
    }
    const { hash, ...body } = rec;
    if (rec.prev !== prev || hashOf(prev, body) !== hash) {
      problems.push(
        `${path.basename(file)} line ${i + 1}: the hash chain is broken (a record was edited, removed or reordered).`,
      );
    }
    prev = hash;
    records.push(rec);
  }
  return { records, problems };
}

/** Appends one event, chained to the last intact record, and flushes it to disk. */
export function appendRecord(file: string, event: ExamEvent, now = new Date()): ExamRecord {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Under a lock: two terminals appending at once would otherwise fork the chain.
  return withLock(file, () => appendUnlocked(file, event, now));
}

function appendUnlocked(file: string, event: ExamEvent, now: Date): ExamRecord {
  const { records } = readRecords(file);
  const last = records[records.length - 1];
  const body = {
    ...event,
    seq: (last?.seq ?? 0) + 1,
    at: now.toISOString(),
    prev: last?.hash ?? GENESIS,
  };
  const rec = { ...body, hash: hashOf(body.prev, body) } as ExamRecord;
  dropTornLine(file);
  const fd = fs.openSync(file, "a");
  try {
    fs.writeSync(fd, `${JSON.stringify(rec)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return rec;
}

/** A crash mid-write leaves a last line without its newline: it was never a record, drop it. */
function dropTornLine(file: string): void {
  if (!fs.existsSync(file)) return;
  const text = fs.readFileSync(file, "utf8");
  if (text === "" || text.endsWith("\n")) return;
  fs.truncateSync(file, Buffer.byteLength(text.slice(0, text.lastIndexOf("\n") + 1)));
}
