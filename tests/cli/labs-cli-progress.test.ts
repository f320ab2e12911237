/**
 * Progress as the learner meets it through `npm run labs`, in a throwaway copy of the project
 * whose labs/ hold the reference solutions: reset makes `list` honest, damaged or newer files
 * and an unwritable .progress never hide the grading results.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createSolutionsProject,
  removeSolutionsProject,
} from "../../src/jupyter/solutions-project";

let copy = "";
const progressDir = () => path.join(copy, ".progress");
const progressFile = () => path.join(progressDir(), "progress.json");

function labs(...args: string[]): { stdout: string; stderr: string; code: number | null } {
  const r = spawnSync(
    process.execPath,
    [path.join(copy, "node_modules", "tsx", "dist", "cli.mjs"), "src/cli/labs.ts", ...args],
    {
      cwd: copy,
      encoding: "utf8",
    },
  );
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

beforeAll(() => {
  copy = createSolutionsProject();
});
afterAll(() => {
  if (copy) removeSolutionsProject(copy);
});
beforeEach(() => {
  fs.rmSync(progressDir(), { recursive: true, force: true });
  // `reset` puts the stub back: start each test from the solution again.
  fs.copyFileSync(
    path.join(copy, "solutions", "01-gradient-descent.ts"),
    path.join(copy, "labs", "01-gradient-descent.ts"),
  );
});

describe("npm run labs and the progress file", () => {
  it("reset marks the lab not attempted, so list no longer shows ✔; the history stays", () => {
    expect(labs("check", "01").code).toBe(0);
    expect(labs("list").stdout).toMatch(
      /01-gradient-descent\s+✔✔✔✔✔✔✔✔\s+8\/8\s+exercises\s+12\/12 pts/,
    );
    const reset = labs("reset", "01");
    expect(reset.code, reset.stderr).toBe(0);
    expect(labs("list").stdout).toMatch(
      /01-gradient-descent\s+········\s+0\/8\s+exercises\s+0\/12 pts/,
    );
    const entry = JSON.parse(fs.readFileSync(progressFile(), "utf8")).labs["01-gradient-descent"][
      "mse-loss"
    ];
    expect(entry).toMatchObject({ status: "not_attempted", attemptCount: 1, bestScore: 1 });
    expect(entry.attempts).toHaveLength(1);
    expect(entry.firstPassedAt).toBeDefined();
  });

  it("a damaged file: one line says where it went, then list and check work", () => {
    fs.mkdirSync(progressDir());
    fs.writeFileSync(progressFile(), '{"version":1,"labs":null}');
    const list = labs("list");
    expect(list.code, list.stderr).toBe(0);
    const aside = fs.readdirSync(progressDir()).filter((f) => f.startsWith("damaged-"));
    expect(aside).toHaveLength(1);
    expect(list.stderr.trim()).toBe(
      `Progress file ${progressFile()} was damaged (Invalid input: expected record, received null at labs); moved it to ${path.join(progressDir(), aside[0])} and started afresh.`,
    );
    expect(list.stdout).toMatch(/01-gradient-descent\s+········/);
    expect(labs("check", "01").code).toBe(0);
    expect(labs("list").stdout).toMatch(/01-gradient-descent\s+✔✔✔✔✔✔✔✔/);
  });

  it("a file from a newer version is left untouched; check still shows the results, then why nothing was saved", () => {
    fs.mkdirSync(progressDir());
    const newer = '{"schemaVersion":99,"labs":{}}';
    fs.writeFileSync(progressFile(), newer);
    const r = labs("check", "01");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Score: 12\/12 points/);
    expect(r.stderr).toMatch(
      /progress was written by a newer version of ml-cert-labs; update the course/,
    );
    expect(fs.readFileSync(progressFile(), "utf8")).toBe(newer);
    expect(labs("list").stderr).toMatch(/newer version of ml-cert-labs/);
  });

  it(".progress is a file: check shows the results, then one reason naming the path", () => {
    fs.writeFileSync(progressDir(), "oops");
    const r = labs("check", "01");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Score: 12\/12 points · 8 passed/);
    expect(r.stderr.trim()).toBe(
      `⚠ Progress not saved: ${progressDir()} (or a folder above it) is a file, not a folder. Rename or move that file, then try again.`,
    );
    const json = labs("check", "01", "--json");
    expect(JSON.parse(json.stdout).score).toBe(12);
    expect(labs("hint", "01", "mse-loss").stdout).toMatch(/^Hint 1\//);
    fs.rmSync(progressDir());
  });
});
