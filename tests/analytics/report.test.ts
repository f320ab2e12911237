/**
 * The learning report from fixture progress files: a v2 file (src/analytics/example-progress.json, also the notebook's example) with attempts, hints,
 * solutions, exams and self-assessments, and a v1 file read through the migration (counts
 * without times). The HTML is self-contained (no scripts, nothing fetched).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { buildReport, formatDuration, formatReport, reportHtml } from "../../src/analytics/report";
import { allLabs } from "../../src/course/manifest";
import { readProgress } from "../../src/grading/progress";
import { fromRoot } from "../../src/project-root";

const labs = allLabs();
const fixture = (name: string) => {
  // readProgress may migrate and back up a v1 file: work on a copy.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "report-")), "progress.json");
  fs.copyFileSync(
    name === "example"
      ? fromRoot("src", "analytics", "example-progress.json")
      : fromRoot("tests", "fixtures", "progress", name),
    file,
  );
  return readProgress(file);
};
const now = new Date("2026-12-01T12:00:00Z");

describe("learning report (v2 fixture)", () => {
  const r = buildReport(fixture("example"), labs, now);
  const row = (lab: string, ex: string) =>
    r.exercises.find((e) => e.labId === lab && e.exerciseId === ex)!;

  it("totals: points from best scores, passes, checks, hints and solutions", () => {
    expect(r.totals.attempted).toBe(8);
    expect(r.totals.passed).toBe(7);
    expect(r.totals.checks).toBe(16);
    expect(r.totals.hintsShown).toBe(8);
    expect(r.totals.solutionsShown).toBe(1);
    expect(r.totals.withoutHistory).toBe(0);
    // 01: mse-loss 1 + mse-gradient 2 + gradient-step 1 + batch-gd 2·0.5; 03: 1 + 2; 13: 2 + 3
    expect(r.totals.points).toBeCloseTo(1 + 2 + 1 + 1 + 1 + 2 + 2 + 3);
  });

  it("attempts per exercise and time from first attempt to pass", () => {
    expect(row("03-probability-statistics", "correlation").attemptsToPass).toBe(4);
    // first attempt started at +24 h 10 min, passed at +26 h 0.2 min
    expect(row("03-probability-statistics", "correlation").timeToPassMs).toBe((110 + 0.2) * 60_000);
    expect(row("01-gradient-descent", "batch-gradient-descent").timeToPassMs).toBeUndefined();
    expect(row("01-gradient-descent", "mse-gradient").failedAttempts).toBe(2);
  });

  it("score history rises to the current score, one point per check time", () => {
    const h = r.scoreHistory;
    expect(h).toHaveLength(16);
    for (let i = 1; i < h.length; i++) expect(h[i].points).toBeGreaterThanOrEqual(h[i - 1].points);
    expect(h[h.length - 1].points).toBeCloseTo(r.totals.points);
  });

  it("weakest topics: the lab with an exercise not passed, failures and a solution viewed", () => {
    expect(r.weakest[0].labId).toBe("01-gradient-descent");
    expect(r.weakest[0].reason).toMatch(/not passed yet: batch-gradient-descent/);
    expect(r.weakest[0].reason).toMatch(/1 solution viewed/);
  });

  it("exam results and self-assessments over time", () => {
    expect(r.exams.map((e) => e.meanScore)).toEqual([3.5, 4]);
    expect(r.assessments.map((a) => Math.round(100 * a.score))).toEqual([52, 81]);
    const text = formatReport(r);
    expect(text).toMatch(/Score: 13\/\d+ points/);
    expect(text).toMatch(/correlation\s+1 h 50 min\s+\(4 attempts\)/);
    expect(text).toMatch(/3\.50\/5 over 2 tasks/);
    expect(text).toMatch(/self-assessment .*ML concepts below 70 %/);
  });

  it("HTML: self-contained, with the charts inline", async () => {
    const html = await reportHtml(r);
    expect(html).toMatch(/^<!doctype html>/);
    expect((html.match(/<svg/g) ?? []).length).toBe(6);
    expect(html).not.toMatch(/<script|<link|\bsrc=|@import|url\(/i);
    expect(html).toMatch(/batch-gradient-descent/);
  });
});

describe("learning report (v1 fixture, migrated)", () => {
  const r = buildReport(fixture("v1-mixed.json"), labs, now);

  it("keeps counts, hints and solutions; says times were not recorded", () => {
    expect(r.totals.withoutHistory).toBeGreaterThan(0);
    const mse = r.exercises.find((e) => e.exerciseId === "mse-loss")!;
    expect(mse.attemptCount).toBe(3);
    expect(mse.hintsShown).toBe(2);
    expect(mse.solutionShown).toBe(true);
    expect(mse.timeToPassMs).toBeUndefined();
    expect(r.scoreHistory).toEqual([]);
    expect(formatReport(r)).toMatch(/from before progress v2/);
  });
});

describe("empty progress", () => {
  it("says what to do first", async () => {
    const r = buildReport({ schemaVersion: 2, labs: {}, exams: {} }, labs, now);
    expect(formatReport(r)).toMatch(/Nothing recorded yet: run `npm run labs -- assess`/);
    expect(await reportHtml(r)).toMatch(/Nothing recorded yet/);
  });

  it("formats durations", () => {
    expect(formatDuration(12_000)).toBe("12 s");
    expect(formatDuration(5 * 60_000)).toBe("5 min");
    expect(formatDuration(110 * 60_000)).toBe("1 h 50 min");
    expect(formatDuration(5 * 86_400_000)).toBe("5 days");
  });
});
