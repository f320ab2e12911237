/**
 * The learner's terminal loop, end to end, in a throwaway copy of the project whose labs/
 * hold the reference solutions: check → progress → hint → solution → reset (with backup).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitIds } from "../../src/course/manifest";
import {
  createSolutionsProject,
  removeSolutionsProject,
} from "../../src/jupyter/solutions-project";

let copy = "";

function labs(...args: string[]): { out: string; code: number } {
  try {
    const out = execFileSync(
      process.execPath,
      [path.join(copy, "node_modules", "tsx", "dist", "cli.mjs"), "src/cli/labs.ts", ...args],
      {
        cwd: copy,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
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
    expect(fs.readFileSync(junit, "utf8")).toMatch(
      /<testsuite name="01-gradient-descent" tests="8" failures="0"/,
    );
    const list = labs("list");
    expect(list.out).toMatch(/01-gradient-descent\s+✔✔✔✔✔✔✔✔\s+8\/8\s+exercises\s+12\/12 pts/);
    expect(labs("solution", "01", "mse-loss").out).toMatch(/export function mseLoss/);
  });

  it("a type error or a changed signature fails the exercise, as the notebook would reject it", () => {
    const file = path.join(copy, "labs", "01-gradient-descent.ts");
    const original = fs.readFileSync(file, "utf8");
    try {
      const broken = original
        .replace(
          /(export function mseLoss\([^)]*\): number \{)/,
          '$1\n  const label: number = "not a number";\n  void label;',
        )
        .replace(
          /export function mseGradient\(X: Matrix, y: Matrix, w: Matrix\): Matrix/,
          "export function mseGradient(X: Matrix, y: Matrix, w: Matrix): any",
        );
      expect(broken).not.toBe(original);
      fs.writeFileSync(file, broken);
      const r = labs("check", "01", "--json");
      const results = JSON.parse(r.out).results as {
        exerciseId: string;
        status: string;
        message: string;
        likelyCause?: string;
      }[];
      const byId = Object.fromEntries(results.map((x) => [x.exerciseId, x]));
      expect(byId["mse-loss"].status).toBe("failed");
      expect(byId["mse-loss"].message).toMatch(
        /Your code runs, but labs\/01-gradient-descent\.ts:\d+:\d+ has a type error the notebook will reject: Type 'string' is not assignable to type 'number'/,
      );
      expect(byId["mse-gradient"].status).toBe("failed");
      expect(byId["mse-gradient"].message).toMatch(
        /mseGradient's signature changed: the course expects mseGradient\(X: Matrix, y: Matrix, w: Matrix\): Matrix/,
      );
      expect(byId["gradient-step"].status).toBe("passed");
    } finally {
      fs.writeFileSync(file, original);
    }
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
    expect(fs.readFileSync(path.join(copy, ".progress", "backups", backups[0]), "utf8")).toBe(
      before,
    );
    const after = labs("check", "01", "--json");
    expect(after.code).toBe(1);
    expect(
      JSON.parse(after.out).results.every((x: { status: string }) => x.status === "not_attempted"),
    ).toBe(true);
  });

  it("hint --level must be a valid tier", () => {
    const r = labs("hint", "01", "momentum", "--level", "abc");
    expect(r.code).toBe(2);
    expect(r.out.trim()).toBe('--level takes a whole number (1 = gentlest hint), not "abc".');
    const high = labs("hint", "01", "momentum", "--level", "9");
    expect(high.code).toBe(2);
    expect(high.out.trim()).toMatch(
      /^There are 3 hint levels for momentum: give --level a whole number from 1 to 3\.$/,
    );
    expect(high.out).not.toMatch(/NaN|undefined/);
  });

  it("list keeps its columns aligned for every lab", () => {
    const rows = labs("list")
      .out.split("\n")
      .filter((l) => /^\d\d-/.test(l));
    expect(rows).toHaveLength(unitIds.length);
    const column = (l: string) => l.indexOf(" exercises");
    expect(new Set(rows.map(column)).size).toBe(1);
  });

  it("update adds a missing lab, refreshes untouched files, and never touches an edited one", () => {
    const labsDir = path.join(copy, "labs");
    const sol = path.join(copy, "solutions", "02-linear-algebra.ts");
    // 03 is missing (a lab that arrived with git pull); 02 is an untouched stub; 01 is edited.
    expect(labs("reset", "02").code).toBe(0);
    const edited = fs.readFileSync(path.join(labsDir, "01-gradient-descent.ts"), "utf8");
    labs("reset", "01");
    fs.writeFileSync(path.join(labsDir, "01-gradient-descent.ts"), `${edited}\n// my notes\n`);
    fs.rmSync(path.join(labsDir, "03-probability-statistics.ts"));
    // Upstream changes both stubs.
    for (const f of [sol, path.join(copy, "solutions", "01-gradient-descent.ts")]) {
      fs.writeFileSync(
        f,
        fs.readFileSync(f, "utf8").replace(/^(\/\*\*)/, "// course update 2\n$1"),
      );
    }
    const r = labs("update");
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/New labs: labs\/03-probability-statistics\.ts/);
    expect(r.out).toMatch(
      /Updated to the latest stub \(you had not edited them\): 02-linear-algebra/,
    );
    expect(r.out).toMatch(
      /The stub of 01-gradient-descent changed upstream; your edited labs\/01-gradient-descent\.ts was left as it is\./,
    );
    expect(fs.readFileSync(path.join(labsDir, "02-linear-algebra.ts"), "utf8")).toMatch(
      /^\/\/ course update 2/,
    );
    expect(fs.readFileSync(path.join(labsDir, "01-gradient-descent.ts"), "utf8")).toBe(
      `${edited}\n// my notes\n`,
    );
    const d = labs("diff", "01");
    expect(d.out).toMatch(/\+\/\/ course update 2/);
    expect(labs("accept", "01").code).toBe(0);
    expect(labs("update").out).toContain(`All ${unitIds.length} lab files are up to date.`);
  });

  it("unknown labs and exercises get a clear message, not a stack trace", () => {
    const r = labs("hint", "42", "nope");
    expect(r.code).toBe(2);
    expect(r.out.trim()).toMatch(/^No lab called "42"\. Labs: 01-gradient-descent/);
    const e = labs("check", "01", "nope");
    expect(e.out.trim()).toMatch(
      /^Lab 01-gradient-descent has no exercise "nope"\. Exercises: mse-loss, /,
    );
  });
});
