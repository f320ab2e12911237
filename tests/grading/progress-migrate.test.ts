/**
 * v1 → v2 on real v1 files (written by the v1 code, see tests/fixtures/progress/README.md)
 * and hand-edited ones: nothing a learner earned is lost, and the v1 file is backed up once.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type ProgressV1,
  progressSchema,
  readProgress,
  recordResults,
} from "../../src/grading/progress";

const FIXTURES = path.join(__dirname, "..", "fixtures", "progress");
const REAL_V1 = ["v1-lab01-passed.json", "v1-mixed.json"];

function install(fixtureOrText: string): string {
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "progress-migrate-")),
    ".progress",
    "progress.json",
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = fixtureOrText.startsWith("{")
    ? fixtureOrText
    : fs.readFileSync(path.join(FIXTURES, fixtureOrText), "utf8");
  fs.writeFileSync(file, text);
  return file;
}

const check = {
  labId: "03-probability-statistics",
  exerciseId: "new",
  title: "new",
  status: "passed" as const,
  points: 1,
  maxPoints: 1,
  message: "",
  durationMs: 3,
  score: 1,
  startedAt: "2026-01-01T00:00:00.000Z",
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("migrating real v1 files", () => {
  it.each(
    REAL_V1,
  )("%s: every exercise keeps its status, counts, hints, solution and first pass", (fixture) => {
    const v1 = JSON.parse(fs.readFileSync(path.join(FIXTURES, fixture), "utf8")) as ProgressV1;
    const file = install(fixture);
    const warn = vi.spyOn(console, "warn");
    const v2 = readProgress(file);
    expect(warn).not.toHaveBeenCalled();
    expect(progressSchema.parse(v2)).toEqual(v2);
    expect(Object.keys(v2.labs)).toEqual(Object.keys(v1.labs));
    for (const [labId, exercises] of Object.entries(v1.labs)) {
      expect(Object.keys(v2.labs[labId])).toEqual(Object.keys(exercises));
      for (const [id, old] of Object.entries(exercises)) {
        const now = v2.labs[labId][id];
        expect(now, `${labId} › ${id}`).toMatchObject({
          status: old.status,
          score: old.status === "passed" ? 1 : 0,
          bestScore: old.firstPassedAt ? 1 : 0,
          firstPassedAt: old.firstPassedAt,
          lastCheckedAt: old.lastCheckedAt,
          hintsShown: old.hintsShown,
          solutionShown: old.solutionShown,
          attemptCount: old.attempts,
          attempts: [],
        });
      }
    }
    // Reading alone changes nothing on disk.
    expect(fs.readdirSync(path.dirname(file))).toEqual(["progress.json"]);
  });

  it("v1-mixed.json: spot checks of what the learner did", () => {
    const p = readProgress(install("v1-mixed.json")).labs;
    expect(p["01-gradient-descent"]["mse-loss"]).toMatchObject({
      status: "failed",
      attemptCount: 3,
      hintsShown: 2,
      solutionShown: true,
      bestScore: 1,
    });
    expect(p["01-gradient-descent"]["mse-gradient"]).toMatchObject({
      status: "passed",
      attemptCount: 2,
      solutionShown: true,
    });
    expect(
      Object.values(p["02-linear-algebra"]).every(
        (e) => e.status === "not_attempted" && e.attemptCount === 0,
      ),
    ).toBe(true);
  });

  it.each(REAL_V1)("%s: the next save writes v2 and backs the v1 file up, once", (fixture) => {
    const file = install(fixture);
    const original = fs.readFileSync(file, "utf8");
    expect(recordResults([check], { startedAt: new Date().toISOString(), file })).toEqual({
      saved: true,
    });
    const backup = path.join(path.dirname(file), "progress.v1.json");
    expect(fs.readFileSync(backup, "utf8")).toBe(original);
    const onDisk = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk.labs["01-gradient-descent"]).toEqual(
      readProgress(file).labs["01-gradient-descent"],
    );
    expect(onDisk.labs["03-probability-statistics"].new.status).toBe("passed");

    // A later v1 file (e.g. restored by hand) never overwrites the first backup.
    fs.writeFileSync(file, '{"version":1,"labs":{}}');
    recordResults([check], { startedAt: new Date().toISOString(), file });
    expect(fs.readFileSync(backup, "utf8")).toBe(original);
  });

  it("a check started before the v1 file's last check is stale (its time stands in for the start)", () => {
    const file = install("v1-mixed.json");
    const before = { ...check, labId: "01-gradient-descent", exerciseId: "mse-loss" };
    recordResults([before], { startedAt: "2020-01-01T00:00:00.000Z", file });
    const e = readProgress(file).labs["01-gradient-descent"]["mse-loss"];
    expect(e.status).toBe("failed");
    expect(e.attemptCount).toBe(4);
    expect(e.attempts).toEqual([expect.objectContaining({ stale: true, status: "passed" })]);
  });
});

describe("hand-edited v1 files", () => {
  const exercise = (extra: object) =>
    JSON.stringify({
      version: 1,
      labs: {
        "01-gradient-descent": {
          "mse-loss": {
            status: "passed",
            lastCheckedAt: "2026-01-01T10:00:00.000Z",
            attempts: 1,
            hintsShown: 0,
            solutionShown: false,
            ...extra,
          },
        },
      },
    });

  it.each([
    ["no labs yet", '{"version":1,"labs":{}}', {}],
    [
      "a lab with no exercises",
      '{"version":1,"labs":{"01-gradient-descent":{}}}',
      { "01-gradient-descent": {} },
    ],
    [
      "unknown extra fields are dropped",
      exercise({ note: "mine" }),
      { "01-gradient-descent": { "mse-loss": expect.not.objectContaining({ note: "mine" }) } },
    ],
    [
      "passed without firstPassedAt still counts as passed once",
      exercise({}),
      {
        "01-gradient-descent": {
          "mse-loss": expect.objectContaining({ bestScore: 1, firstPassedAt: undefined }),
        },
      },
    ],
  ])("%s: migrated", (_name, text, labs) => {
    const warn = vi.spyOn(console, "warn");
    expect(readProgress(install(text)).labs).toEqual(labs);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    ["a negative attempt count", exercise({ attempts: -1 })],
    ["a missing field", exercise({ hintsShown: undefined })],
    ["a time that is not a time", exercise({ lastCheckedAt: "yesterday" })],
    ["a version as text", '{"version":"1","labs":{}}'],
  ])("%s: damaged, moved aside", (_name, text) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const file = install(text);
    expect(readProgress(file).labs).toEqual({});
    expect(String(warn.mock.calls[0][0])).toMatch(
      /was damaged .* moved it to .*damaged-.*\.json and started afresh\.$/,
    );
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith("damaged-"))).toHaveLength(
      1,
    );
  });
});
