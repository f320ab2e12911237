/**
 * The learner's terminal loop, end to end, in a throwaway copy of the project whose labs/
 * hold the reference solutions: check → progress → hint → solution → reset (with backup).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSolutionsProject, removeSolutionsProject } from "../../src/jupyter/solutions-project";

let copy = "";

function labs(...args: string[]): { out: string; code: number } {
  try {
    const out = execFileSync(process.execPath, [path.join(copy, "node_modules", "tsx", "dist", "cli.mjs"), "src/cli/labs.ts", ...args], {
      cwd: copy,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { out, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    return { out: `${e.stdout ?? ""}${e.stderr ?? ""}`, code: e.status ?? -1 };
  }
}

beforeAll(() => {
  copy = createSolutionsProject();
});
afterAll(() => {
  if (copy) removeSolutionsProject(copy);
});

describe("npm run labs", () => {
  it("solution is locked before the exercise passes, unless asked explicitly", () => {
    const locked = labs("solution", "01", "mse-loss");
    expect(locked.out).toMatch(/opens once this exercise passes/);
    const forced = labs("solution", "01", "mse-gradient", "--show-anyway");
    expect(forced.out).toMatch(/export function mseGradient/);
    expect(forced.out).not.toMatch(/BEGIN SOLUTION/);
  });

  it("check grades every exercise, saves progress and writes JUnit", () => {
    const junit = path.join(copy, "reports", "junit.xml");
    const r = labs("check", "01", "--junit", junit);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Score: 12\/12 points · 8 passed, 0 failed, 0 not attempted/);
    expect(fs.readFileSync(junit, "utf8")).toMatch(/<testsuite name="01-gradient-descent" tests="8" failures="0"/);
    const list = labs("list");
    expect(list.out).toMatch(/01-gradient-descent\s+✔✔✔✔✔✔✔✔\s+8\/8 exercises\s+12\/12 pts/);
    expect(labs("solution", "01", "mse-loss").out).toMatch(/export function mseLoss/);
  });

  it("hints come in tiers", () => {
    expect(labs("hint", "01", "momentum").out).toMatch(/^Hint 1\/3/);
    expect(labs("hint", "01", "momentum").out).toMatch(/^Hint 2\/3/);
    expect(labs("hint", "01", "momentum", "--level", "3").out).toMatch(/^Hint 3\/3/);
  });

  it("reset restores the stub and backs the learner's file up first", () => {
    const file = path.join(copy, "labs", "01-gradient-descent.ts");
    const before = fs.readFileSync(file, "utf8");
    const r = labs("reset", "01");
    expect(r.out).toMatch(/Your previous version is saved at/);
    expect(fs.readFileSync(file, "utf8")).toMatch(/return todo\(\);/);
    const backups = fs.readdirSync(path.join(copy, ".progress", "backups"));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(copy, ".progress", "backups", backups[0]), "utf8")).toBe(before);
    const after = labs("check", "01", "--json");
    expect(after.code).toBe(1);
    expect(JSON.parse(after.out).results.every((x: { status: string }) => x.status === "not_attempted")).toBe(true);
  });

  it("unknown labs and exercises get a clear message, not a stack trace", () => {
    const r = labs("hint", "42", "nope");
    expect(r.code).toBe(2);
    expect(r.out.trim()).toMatch(/^No lab called "42"\. Labs: 01-gradient-descent/);
    const e = labs("check", "01", "nope");
    expect(e.out.trim()).toMatch(/^Lab 01-gradient-descent has no exercise "nope"\. Exercises: mse-loss, /);
  });
});
