import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import * as gd from "../../solutions/01-gradient-descent";
import { findExercise, findLab } from "../../src/course/manifest";
import { runExerciseCheck } from "../../src/grading/run-check";
import { artifactDirFor, gradeInSandbox } from "../../src/grading/sandbox";
import { fixtureLab, guardLab, scoredLab } from "../fixtures/grading/lab-definition";

const fixture = (name: string) =>
  path.join(__dirname, "..", "fixtures", "grading", `double-${name}.ts`);
const definitions = path.join(__dirname, "..", "fixtures", "grading", "lab-definition.ts");
const unit = (name: string) => ({
  unit: fixtureLab,
  ref: { path: definitions, exportName: "fixtureLab" },
  modulePath: fixture(name),
});
const scored = (name: string) => ({
  unit: scoredLab,
  ref: { path: definitions, exportName: "scoredLab" },
  modulePath: fixture(name),
});
const exercise = fixtureLab.exercises[0];

describe("runExerciseCheck (in process)", () => {
  it.each([
    { name: "good", status: "passed", points: 3, message: "" },
    { name: "wrong", status: "failed", points: 0, message: /wrong value/ },
    {
      name: "todo",
      status: "not_attempted",
      points: 0,
      message: /^Not started yet: replace `return todo\(\);` in double with your code\.$/,
    },
    { name: "throws", status: "failed", points: 0, message: /threw RangeError: boom/ },
    { name: "nan", status: "failed", points: 0, message: /returned NaN/ },
    {
      name: "throws-string",
      status: "failed",
      points: 0,
      message: /threw the string "not a number" \(not an Error object\)/,
    },
  ])("$name → $status", async ({ name, status, points, message }) => {
    const mod = await import(fixture(name));
    const r = await runExerciseCheck(fixtureLab, exercise, mod);
    expect(r.status).toBe(status);
    expect(r.points).toBe(points);
    expect(r.score).toBe(status === "passed" ? 1 : 0);
    expect(r.maxPoints).toBe(3);
    expect(Date.parse(r.startedAt)).not.toBeNaN();
    if (typeof message === "string") expect(r.message).toBe(message);
    else expect(r.message).toMatch(message);
  });

  it("reports expected vs got and the likely cause on a wrong answer", async () => {
    const r = await runExerciseCheck(fixtureLab, exercise, await import(fixture("wrong")));
    expect(r).toMatchObject({
      expected: "42",
      got: "23",
      likelyCause: "Multiply by 2, not add 2.",
    });
  });

  it("says where in the learner's lab file the code threw", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ws-")), "labs");
    fs.mkdirSync(dir);
    const file = path.join(dir, "99-fixture.ts");
    fs.writeFileSync(
      file,
      'export function double(x: number): number {\n  if (x > 0) throw new RangeError("boom");\n  return 2 * x;\n}\n',
    );
    const r = await runExerciseCheck(fixtureLab, exercise, await import(file));
    expect(r.likelyCause).toBe("It was thrown at labs/99-fixture.ts:2.");
  });

  it("stops a check whose promise never settles", async () => {
    const slow = { ...exercise, timeoutMs: 200, check: () => new Promise<void>(() => {}) };
    const r = await runExerciseCheck(fixtureLab, slow, {} as never);
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(/did not finish within 0.2 s/);
    expect(r.likelyCause).toMatch(/endless loop/);
  });

  it("names only functions, not interfaces, in the not-attempted message", async () => {
    const lab = findLab("01");
    const ex = findExercise(lab, "batch-gradient-descent");
    expect(ex.exports).toContain("TrainingResult");
    const stub = {
      ...gd,
      batchGradientDescent: () => {
        throw Object.assign(new Error("Not implemented yet"), { name: "TodoError" });
      },
    };
    const r = await runExerciseCheck(lab, ex, stub as never);
    expect(r.status).toBe("not_attempted");
    expect(r.message).toContain("in batchGradientDescent with your code");
    expect(r.message).not.toContain("TrainingResult");
  });
});

describe("argument guard", () => {
  it("fails an exercise whose function changes an array argument, naming it", async () => {
    const sorts = {
      double: (x: number) => 2 * x,
      total: (xs: number[]) => xs.sort().reduce((a, b) => a + b, 0),
    };
    const r = await runExerciseCheck(guardLab, guardLab.exercises[0], sorts);
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(
      /total changed its argument xs \(1st argument\): \[0\] was 3, became 1/,
    );
    expect(r.likelyCause).toMatch(/sort\(\)/);
  });

  it("accepts the same function when it leaves its argument alone", async () => {
    const pure = {
      double: (x: number) => 2 * x,
      total: (xs: number[]) => [...xs].sort().reduce((a, b) => a + b, 0),
    };
    expect((await runExerciseCheck(guardLab, guardLab.exercises[0], pure)).status).toBe("passed");
  });

  it("catches lab 01's mseLoss written with y.sub(…) (it changes y in place), which used to pass", async () => {
    const lab = findLab("01");
    const mutating = {
      ...gd,
      mseLoss(X: Matrix, y: Matrix, w: Matrix): number {
        const r = y.sub(X.mmul(w)); // in place: y now holds the negated residuals
        return r.to1DArray().reduce((s, v) => s + v * v, 0) / X.rows;
      },
    };
    const r = await runExerciseCheck(lab, findExercise(lab, "mse-loss"), mutating as never);
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(
      /mseLoss changed its argument y \(2nd argument\): entry \(\d+, 0\) was/,
    );
  });

  it("guards methods of classes too, and keeps fit() returning the same object", async () => {
    class Model {
      fitted = false;
      fit(x: number[][]): this {
        x[0][0] = 99;
        this.fitted = true;
        return this;
      }
    }
    const guardClass = {
      ...guardLab,
      exercises: [
        {
          ...guardLab.exercises[0],
          check: (m: { Model: typeof Model }) => {
            const model = new m.Model();
            expect(model.fit([[1]])).toBe(model);
            expect(model.fitted).toBe(true);
          },
        },
      ],
    };
    const r = await runExerciseCheck(
      guardClass as never,
      guardClass.exercises[0] as never,
      { Model } as never,
    );
    expect(r.message).toMatch(
      /Model\.fit changed its argument x \(1st argument\): \[0\]\[0\] was 1, became 99/,
    );
  });

  it("sees a change even when the check catches the error the function threw", async () => {
    const throwsAfterChanging = {
      double: (x: number) => 2 * x,
      total: (xs: number[]) => {
        xs.push(0);
        throw new Error("nope");
      },
    };
    const swallowing = {
      ...guardLab.exercises[0],
      check: (m: { total(xs: number[]): number }) => {
        try {
          m.total([1]);
        } catch {}
      },
    };
    const r = await runExerciseCheck(guardLab, swallowing as never, throwsAfterChanging);
    expect(r.message).toMatch(/total changed its argument xs.*length changed from 1 to 2/);
  });
});

describe("scored checks", () => {
  it("collects every case and gives the passed weight as partial credit", async () => {
    const r = await runExerciseCheck(
      scoredLab,
      scoredLab.exercises[0],
      await import(fixture("half-right")),
    );
    expect(r.status).toBe("failed");
    expect(r.cases?.map((c) => [c.name, c.passed])).toEqual([
      ["small", true],
      ["large", false],
      ["negative", false],
    ]);
    expect(r.score).toBeCloseTo(1 / 4);
    expect(r.points).toBe(1);
    expect(r.message).toMatch(/2 of 3 cases failed; first: large/);
  });

  it("passes with full points when every case passes", async () => {
    const r = await runExerciseCheck(
      scoredLab,
      scoredLab.exercises[0],
      await import(fixture("good")),
    );
    expect(r).toMatchObject({ status: "passed", score: 1, points: 4 });
  });

  it("uses a returned score band", async () => {
    const right = await runExerciseCheck(
      scoredLab,
      scoredLab.exercises[1],
      await import(fixture("half-right")),
    );
    expect(right).toMatchObject({ status: "passed", score: 1, points: 5 });
    const wrong = await runExerciseCheck(scoredLab, scoredLab.exercises[1], {
      double: (x: number) => (x > 2 ? x : 2 * x),
    });
    expect(wrong).toMatchObject({
      status: "failed",
      score: 0.4,
      points: 2,
      message: "2 of 5 right",
    });
  });
});

describe("gradeInSandbox", () => {
  it("grades a file fresh in a worker", async () => {
    const [r] = await gradeInSandbox(unit("good"));
    expect(r.status).toBe("passed");
  });

  it("survives a synchronous infinite loop: the worker is terminated at the time limit", async () => {
    const [r] = await gradeInSandbox(unit("hangs"));
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(/did not finish within 1.5 s/);
  });

  it("reports a file that does not load, naming the file, once for every exercise", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labs-"));
    const broken = path.join(dir, "double-broken.ts");
    fs.writeFileSync(broken, "export function double(x: number): number {\n  return 2 * * x;\n}\n");
    const results = await gradeInSandbox(
      { ...scored("good"), modulePath: broken },
      { exerciseIds: ["cases", "band"] },
    );
    expect(results.map((r) => [r.status, r.loadError])).toEqual([
      ["failed", true],
      ["failed", true],
    ]);
    expect(results[0].message).toMatch(/Could not load .*double-broken\.ts/);
    expect(results[1].message).toBe(results[0].message);
  });

  it("loads once and fails once when the top level of the file never finishes", async () => {
    const results = await gradeInSandbox(scored("top-level-loop"), {
      exerciseIds: ["cases", "band"],
      loadTimeoutMs: 1_500,
    });
    expect(results.map((r) => r.loadError)).toEqual([true, true]);
    expect(results[0].message).toMatch(
      /Loading .*double-top-level-loop\.ts did not finish within 1.5 s/,
    );
    expect(results[0].likelyCause).toMatch(/top level of the file/);
  });

  it("says the learner called process.exit, not 'out of memory'", async () => {
    const [r] = await gradeInSandbox(unit("exits"));
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(/called process\.exit\(3\)/);
  });

  it("runs a 'process' check in a child process with a pinned backend, streaming progress", async () => {
    const events: number[] = [];
    const [r] = await gradeInSandbox(scored("good"), {
      exerciseIds: ["training"],
      onProgress: (_id, e) => events.push(e.index),
    });
    expect(r.message).toBe("");
    expect(r.status).toBe("passed");
    expect(events).toEqual([1, 2, 3]);
  });

  it("grades an artifact without importing the learner's module (even a broken one)", async () => {
    const dir = artifactDirFor("98-scored", "artifact");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "answer.json"), JSON.stringify({ value: 42 }));
    try {
      const [r] = await gradeInSandbox(
        { ...scored("good"), modulePath: fixture("top-level-loop") },
        { exerciseIds: ["artifact"] },
      );
      expect(r.status, r.message).toBe("passed");
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it("cancels: the sandbox stops and no result is produced", async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const started = Date.now();
    const results = await gradeInSandbox(unit("hangs"), { signal: abort.signal });
    expect(results).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_500); // well before the 2.5 s hang limit
  });
});
