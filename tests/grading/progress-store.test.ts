/**
 * The progress file: stale results, reset, damaged files (moved aside, never deleted), files
 * from a newer version (left alone) and saves that cannot happen (reported, never thrown).
 */
import * as fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  readProgress,
  recordResults,
  resetLabProgress,
  updateExercise,
} from "../../src/grading/progress";
import type { CheckResult } from "../../src/grading/types";

const LAB = "01-gradient-descent";
const result = (
  exerciseId: string,
  status: CheckResult["status"],
  points = status === "passed" ? 2 : 0,
): CheckResult => ({
  labId: LAB,
  exerciseId,
  title: exerciseId,
  status,
  points,
  maxPoints: 2,
  message: "",
  durationMs: 5,
  score: points / 2,
  startedAt: "2026-01-01T10:00:00.000Z",
});
const T = (minute: number) => `2026-01-01T10:${String(minute).padStart(2, "0")}:00.000Z`;

function tempFile(): string {
  return path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "progress-store-")),
    ".progress",
    "progress.json",
  );
}

function writeRaw(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function warnings() {
  return vi.spyOn(console, "warn").mockImplementation(() => {});
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("stale results", () => {
  it("a check that started before the stored one goes to the history only", () => {
    const file = tempFile();
    recordResults([result("mse-loss", "passed")], { startedAt: T(5), file });
    // An interrupted check from 10:01 finishes late with a failure.
    recordResults([result("mse-loss", "failed")], { startedAt: T(1), file });
    const e = readProgress(file).labs[LAB]["mse-loss"];
    expect(e.status).toBe("passed");
    expect(e.score).toBe(1);
    expect(e.currentSince).toBe(T(5));
    expect(e.attemptCount).toBe(2);
    expect(e.attempts.map((a) => [a.startedAt, a.status, a.stale])).toEqual([
      [T(5), "passed", undefined],
      [T(1), "failed", true],
    ]);
  });

  it("a check that started at or after the stored one replaces it", () => {
    const file = tempFile();
    recordResults([result("mse-loss", "passed")], { startedAt: T(5), file });
    recordResults([result("mse-loss", "failed", 1)], { startedAt: T(5), file });
    let e = readProgress(file).labs[LAB]["mse-loss"];
    expect([e.status, e.score, e.points, e.bestScore]).toEqual(["failed", 0.5, 1, 1]);
    recordResults([result("mse-loss", "passed")], { startedAt: T(7), file });
    e = readProgress(file).labs[LAB]["mse-loss"];
    expect([e.status, e.score, e.currentSince]).toEqual(["passed", 1, T(7)]);
  });

  it("keeps the last 100 attempts and counts them all", () => {
    const file = tempFile();
    for (let i = 0; i < 105; i++)
      recordResults([result("a", i % 2 === 0 ? "passed" : "failed")], {
        startedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        file,
      });
    const e = readProgress(file).labs[LAB].a;
    expect(e.attemptCount).toBe(105);
    expect(e.attempts).toHaveLength(100);
    expect(e.attempts[0].startedAt).toBe(new Date(Date.UTC(2026, 0, 1, 0, 5)).toISOString());
  });

  it("a start time that is not a time is reported, not saved", () => {
    const file = tempFile();
    const r = recordResults([result("a", "passed")], { startedAt: "yesterday", file });
    expect(r).toEqual({
      saved: false,
      reason: expect.stringMatching(/startedAt "yesterday" is not an ISO time/),
    });
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe("reset", () => {
  it("marks the lab not attempted, keeps its history, and makes older checks stale", () => {
    const file = tempFile();
    recordResults([result("a", "passed"), result("b", "failed")], { startedAt: T(1), file });
    updateExercise(
      LAB,
      "a",
      (e) => {
        e.hintsShown = 2;
      },
      file,
    );
    recordResults([{ ...result("x", "passed"), labId: "02-linear-algebra" }], {
      startedAt: T(1),
      file,
    });
    expect(resetLabProgress(LAB, file)).toEqual({ saved: true });

    const p = readProgress(file);
    const a = p.labs[LAB].a;
    expect([a.status, a.score, a.points]).toEqual(["not_attempted", 0, undefined]);
    expect([a.attemptCount, a.attempts.length, a.bestScore, a.hintsShown]).toEqual([1, 1, 1, 2]);
    expect(a.firstPassedAt).toBeDefined();
    expect(a.resetAt).toBeDefined();
    expect(p.labs[LAB].b.status).toBe("not_attempted");
    expect(p.labs["02-linear-algebra"].x.status).toBe("passed");
    // A check that started before the reset cannot bring the ✔ back.
    recordResults([result("a", "passed")], { startedAt: T(2), file });
    expect(readProgress(file).labs[LAB].a.status).toBe("not_attempted");
  });
});

describe("damaged progress files", () => {
  const damaged: [string, string][] = [
    ["invalid JSON", "{ not json"],
    ["labs: null", '{"version":1,"labs":null}'],
    ["labs: []", '{"version":1,"labs":[]}'],
    ["a lab entry that is a string", '{"version":1,"labs":{"01-gradient-descent":"done"}}'],
    [
      "a wrong type deep inside (v1)",
      '{"version":1,"labs":{"01-gradient-descent":{"mse-loss":{"status":"passed","lastCheckedAt":"2026-01-01T10:00:00.000Z","attempts":"3","hintsShown":0,"solutionShown":false}}}}',
    ],
    [
      "a wrong type deep inside (v2)",
      '{"schemaVersion":2,"exams":{},"labs":{"l":{"e":{"status":"passed","score":1,"bestScore":1,"hintsShown":0,"solutionShown":false,"attemptCount":1,"attempts":[{"at":"2026-01-01T10:00:00.000Z","startedAt":"2026-01-01T10:00:00.000Z","status":"passed","score":"1","durationMs":3}]}}}}',
    ],
    [
      "an unknown status",
      '{"version":1,"labs":{"l":{"e":{"status":"done","lastCheckedAt":"2026-01-01T10:00:00.000Z","attempts":1,"hintsShown":0,"solutionShown":false}}}}',
    ],
    ["no version", '{"labs":{}}'],
    ["a version that never existed", '{"schemaVersion":0,"labs":{}}'],
    ["an array", "[]"],
    ["null", "null"],
    ["empty", ""],
  ];

  it.each(
    damaged,
  )("%s: moved aside intact with a one-line message, reading starts afresh", (_name, text) => {
    const file = tempFile();
    writeRaw(file, text);
    const warn = warnings();
    expect(readProgress(file)).toEqual({ schemaVersion: 2, labs: {}, exams: {} });
    const dir = path.dirname(file);
    const aside = fs
      .readdirSync(dir)
      .filter((f) => /^damaged-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/.test(f));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]), "utf8")).toBe(text);
    expect(fs.existsSync(file)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0][0]);
    expect(message).toContain(path.join(dir, aside[0]));
    expect(message).not.toContain("\n");
  });

  it.each(damaged)("%s: recording still saves (and keeps the damaged file)", (_name, text) => {
    const file = tempFile();
    writeRaw(file, text);
    warnings();
    expect(recordResults([result("a", "passed")], { startedAt: T(1), file })).toEqual({
      saved: true,
    });
    expect(readProgress(file).labs[LAB].a.status).toBe("passed");
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith("damaged-"))).toHaveLength(
      1,
    );
  });
});

describe("a file from a newer version", () => {
  const newer = `${JSON.stringify({ schemaVersion: 3, labs: { l: { e: { status: "mastered" } } }, somethingNew: true })}\n`;

  it("is not damaged: left untouched, reading shows a fresh start and says why", () => {
    const file = tempFile();
    writeRaw(file, newer);
    const warn = warnings();
    expect(readProgress(file).labs).toEqual({});
    expect(String(warn.mock.calls[0][0])).toMatch(
      /progress was written by a newer version of ml-cert-labs; update the course/,
    );
    const r = recordResults([result("a", "passed")], { startedAt: T(1), file });
    expect(r.saved).toBe(false);
    expect(!r.saved && r.reason).toMatch(
      /^Progress not saved: .*progress\.json: progress was written by a newer version of ml-cert-labs; update the course/,
    );
    expect(
      updateExercise(
        LAB,
        "a",
        (e) => {
          e.hintsShown = 1;
        },
        file,
      ).saved,
    ).toBe(false);
    expect(fs.readFileSync(file, "utf8")).toBe(newer);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["progress.json"]);
  });
});

describe("saving that cannot happen", () => {
  it(".progress is a file: the reason names it and what to do; nothing throws", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "progress-blocked-"));
    fs.writeFileSync(path.join(dir, ".progress"), "not a folder");
    const file = path.join(dir, ".progress", "progress.json");
    const r = recordResults([result("a", "passed")], { startedAt: T(1), file });
    expect(r).toEqual({
      saved: false,
      reason: `Progress not saved: ${path.join(dir, ".progress")} (or a folder above it) is a file, not a folder. Rename or move that file, then try again.`,
    });
    expect(
      updateExercise(
        LAB,
        "a",
        (e) => {
          e.hintsShown = 1;
        },
        file,
      ).saved,
    ).toBe(false);
    expect(resetLabProgress(LAB, file).saved).toBe(false);
    expect(readProgress(file).labs).toEqual({});
    expect(fs.readFileSync(path.join(dir, ".progress"), "utf8")).toBe("not a folder");
  });

  it.each([
    "EACCES",
    "EPERM",
  ])("%s while writing: the reason says how to fix the permissions", (code) => {
    const file = tempFile();
    const realOpen = fs.openSync;
    // Tests run as root, which ignores file modes: make opening the temp file fail instead.
    const mutableFs = require("node:fs") as typeof fs;
    mutableFs.openSync = ((p: fs.PathLike, ...rest: unknown[]) => {
      if (String(p).endsWith(".tmp"))
        throw Object.assign(new Error(`${code}: operation not permitted, open '${p}'`), { code });
      return (realOpen as (...a: unknown[]) => number)(p, ...rest);
    }) as typeof fs.openSync;
    syncBuiltinESMExports();
    try {
      const r = recordResults([result("a", "passed")], { startedAt: T(1), file });
      expect(r).toEqual({
        saved: false,
        reason: expect.stringContaining(
          `no permission to write ${file}. Make ${path.dirname(file)} writable`,
        ),
      });
    } finally {
      mutableFs.openSync = realOpen;
      syncBuiltinESMExports();
    }
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
  });
});
