/**
 * `npm run compete`, end to end in a temporary competitions folder (ML_LABS_COMPETE_DIR):
 * start → a bad submission rejected with the reason → baseline and reference submissions
 * scored → leaderboard → finish with the private scores; parallel submissions all kept.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { competitionData, writeSubmission } from "../../src/compete";
import { competitionByName, filesOf } from "../../src/compete/competitions";
import { formatScore } from "../../src/compete/description";
import type { Board } from "../../src/compete/session";
import { fromRoot } from "../../src/project-root";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ml-labs-compete-"));
process.env.ML_LABS_COMPETE_DIR = dir;
const env = { ...process.env, ML_LABS_COMPETE_DIR: dir };
const tsx = fromRoot("node_modules", "tsx", "dist", "cli.mjs");
const args = (a: string[]) => [tsx, "src/cli/compete.ts", ...a];

function compete(...a: string[]): { out: string; code: number } {
  try {
    const out = execFileSync(process.execPath, args(a), {
      cwd: fromRoot(),
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { out, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    return { out: `${e.stdout ?? ""}${e.stderr ?? ""}`, code: e.status ?? -1 };
  }
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const c = competitionByName("auto-mpg");
const files = filesOf(c);
const folder = path.join(dir, "auto-mpg");
const board = () =>
  JSON.parse(fs.readFileSync(path.join(folder, "leaderboard.json"), "utf8")) as Board;

describe("npm run compete", () => {
  it("lists the competitions", () => {
    const r = compete("list");
    expect(r.code).toBe(0);
    for (const name of ["breast-cancer", "auto-mpg", "fashion-new"]) expect(r.out).toMatch(name);
    expect(r.out).toMatch(/not started/);
  });

  it("refuses a submission before start, and an unknown competition", () => {
    const r = compete("submit", "auto-mpg", "x.csv");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /You have not started "auto-mpg" yet: run `npm run compete -- start auto-mpg` first/,
    );
    expect(compete("start", "titanic").out).toMatch(
      /No competition named "titanic". There are: breast-cancer, auto-mpg, fashion-new/,
    );
  });

  it("start writes the description, train, test and sample submission", () => {
    const r = compete("start", "auto-mpg");
    expect(r.code).toBe(0);
    for (const f of ["description.md", "train.csv", "test.csv", "sample_submission.csv"])
      expect(fs.existsSync(path.join(folder, f)), f).toBe(true);
    const test = fs.readFileSync(path.join(folder, "test.csv"), "utf8");
    expect(test.split("\n")[0]).toBe(
      "id,cylinders,displacement,horsepower,weight,acceleration,model_year,origin,name",
    );
    expect(test.trim().split("\n")).toHaveLength(files.test.rows.length + 1);
    const description = fs.readFileSync(path.join(folder, "description.md"), "utf8");
    expect(description).toMatch(/overfitting the public leaderboard/);
    expect(description).toMatch(/you \*can\* peek/);
    expect(board().submissions).toEqual([]);
  });

  it("rejects a bad submission with the reason, and does not count it", () => {
    const bad = path.join(dir, "bad.csv");
    const ids = files.test.rows.map((r) => r[0]!);
    fs.writeFileSync(
      bad,
      `id,mpg\n${ids
        .slice(2)
        .map((id, i) => `${id},${i === 0 ? "NaN" : 20}`)
        .join("\n")}\n`,
    );
    const r = compete("submit", "auto-mpg", bad);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad\.csv was not scored/);
    expect(r.out).toMatch(new RegExp(`2 test ids are missing: ${ids[0]}, ${ids[1]}`));
    expect(r.out).toMatch(new RegExp(`1 prediction is empty or NaN: line 2 \\(id ${ids[2]}\\)`));
    expect(board().submissions).toEqual([]);
  });

  it("scores the baseline and the reference on the public part only", () => {
    const baseline = compete("submit", "auto-mpg", path.join(folder, "sample_submission.csv"));
    expect(baseline.code).toBe(0);
    expect(baseline.out).toMatch(
      `Submission #1 to auto-mpg: public RMSE (lower is better) = ${formatScore(c.recorded.baseline.public)}`,
    );
    // Written the way a learner's code would: ids from test.csv, writeSubmission.
    const data = competitionData("auto-mpg");
    expect(data.train.y).toHaveLength(files.train.rows.length);
    const ref = writeSubmission(
      "auto-mpg",
      data.test.ids,
      c.reference(files),
      path.join(dir, "reference.csv"),
    );
    expect(fs.readFileSync(ref, "utf8").split("\n")[0]).toBe("id,mpg");
    const reference = compete("submit", "auto-mpg", ref);
    expect(reference.out).toMatch(
      `Submission #2 to auto-mpg: public RMSE (lower is better) = ${formatScore(c.recorded.reference.public)}`,
    );
    expect(reference.out).toMatch("Your best public score so far (of 2 submissions).");
    expect(reference.out).not.toMatch(formatScore(c.recorded.reference.private));
    // Both stored, byte for byte.
    const entries = board().submissions;
    expect(entries.map((e) => e.n)).toEqual([1, 2]);
    expect(fs.readFileSync(path.join(folder, entries[1]!.stored), "utf8")).toBe(
      fs.readFileSync(ref, "utf8"),
    );
  });

  it("the leaderboard ranks by public score and hides the private one", () => {
    const r = compete("leaderboard", "auto-mpg");
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    const first = lines.find((l) => l.startsWith("1 "))!;
    const second = lines.find((l) => l.startsWith("2 "))!;
    expect(first).toMatch(/#2 .*reference\.csv .*hidden$/);
    expect(second).toMatch(/#1 .*sample_submission\.csv .*hidden$/);
    expect(r.out).not.toMatch(formatScore(c.recorded.reference.private));
  });

  it("keeps every one of several submissions made at the same time", async () => {
    const run = promisify(execFile);
    const sample = path.join(folder, "sample_submission.csv");
    // One of them names the file relative to where the command was typed (npm's INIT_CWD).
    await Promise.all(
      [sample, sample, "sample_submission.csv"].map((file) =>
        run(process.execPath, args(["submit", "auto-mpg", file]), {
          cwd: fromRoot(),
          env: { ...env, INIT_CWD: folder },
        }),
      ),
    );
    expect(board().submissions.map((e) => e.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it("finish reveals the private scores and the public → private gap", () => {
    const r = compete("finish", "auto-mpg");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/final standings/);
    expect(r.out).toMatch(formatScore(c.recorded.reference.private));
    expect(r.out).toMatch(formatScore(c.recorded.baseline.private));
    expect(r.out).toMatch(
      `Your final submission (the best public score, as Kaggle picks by default): #2 ${path.join(dir, "reference.csv")}`,
    );
    const gap = c.recorded.reference.private - c.recorded.reference.public;
    expect(r.out).toMatch(`gap ${gap.toFixed(4)}`);
    expect(r.out).toMatch(/overfitting the public leaderboard/);
    expect(board().finishedAt).toBeDefined();
    // After finish the leaderboard shows the private column too.
    expect(compete("leaderboard", "auto-mpg").out).toMatch(
      formatScore(c.recorded.reference.private),
    );
  });
});
