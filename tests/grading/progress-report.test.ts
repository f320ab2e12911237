import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readProgress, recordResults, updateExercise } from "../../src/grading/progress";
import { formatResults, toJson, toJUnitXml } from "../../src/grading/report";
import type { CheckResult } from "../../src/grading/types";

const result = (
  exerciseId: string,
  status: CheckResult["status"],
  extra: Partial<CheckResult> = {},
): CheckResult => ({
  labId: "01-gradient-descent",
  exerciseId,
  title: exerciseId,
  status,
  score: status === "passed" ? 1 : 0,
  startedAt: "2026-12-01T10:00:00.000Z",
  points: status === "passed" ? 2 : 0,
  maxPoints: 2,
  message: status === "passed" ? "" : "wrong <value> & more",
  durationMs: 12,
  ...extra,
});

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "progress-")), "nested", "progress.json");
}

describe("progress", () => {
  it("records results, keeps the first pass and counts attempts", () => {
    const file = tempFile();
    recordResults([result("a", "passed"), result("b", "not_attempted")], {
      startedAt: "2026-01-01T10:00:00.000Z",
      file,
    });
    recordResults([result("a", "failed")], { startedAt: "2026-01-01T10:01:00.000Z", file });
    const p = readProgress(file).labs["01-gradient-descent"];
    expect(p.a.status).toBe("failed");
    expect(p.a.firstPassedAt).toBeDefined();
    expect(p.a.attemptCount).toBe(2);
    expect(p.a.attempts.map((a) => a.status)).toEqual(["passed", "failed"]);
    expect(p.b.attemptCount).toBe(0);
  });

  it("writes atomically: no temp files left behind", () => {
    const file = tempFile();
    updateExercise(
      "lab",
      "ex",
      (e) => {
        e.hintsShown = 2;
      },
      file,
    );
    expect(fs.readdirSync(path.dirname(file))).toEqual(["progress.json"]);
    expect(readProgress(file).labs.lab.ex.hintsShown).toBe(2);
  });

  it("moves a damaged progress file aside instead of crashing or deleting it", () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "{ not json");
    expect(readProgress(file)).toEqual({ schemaVersion: 2, labs: {}, exams: {} });
    expect(fs.readdirSync(path.dirname(file)).some((f) => /^damaged-.*\.json$/.test(f))).toBe(true);
  });
});

describe("reports", () => {
  const results = [
    result("a", "passed"),
    result("b", "failed", { expected: "1", got: "2", likelyCause: "off by one" }),
    result("c", "not_attempted"),
  ];

  it("human table shows status, details and the score", () => {
    const text = formatResults(results);
    expect(text).toMatch(/✔ passed\s+01-gradient-descent › a \(2\/2 pts\)/);
    expect(text).toContain("expected: 1");
    expect(text).toContain("likely cause: off by one");
    expect(text).toContain("Score: 2/6 points · 1 passed, 1 failed, 1 not attempted");
  });

  it("JSON has the score and every result", () => {
    const json = JSON.parse(toJson(results));
    expect(json.score).toBe(2);
    expect(json.maxScore).toBe(6);
    expect(json.results).toHaveLength(3);
  });

  it("JUnit XML: one suite per lab, failures and skips, escaped text", () => {
    const xml = toJUnitXml(results);
    expect(xml).toContain(
      '<testsuite name="01-gradient-descent" tests="3" failures="1" skipped="1"',
    );
    expect(xml).toContain('<failure message="wrong &lt;value&gt; &amp; more">');
    expect(xml).toContain('<skipped message="not attempted"/>');
    expect(xml).not.toMatch(/<value>/);
  });
});
