import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { checkInWorker } from "../../src/grading/check-in-worker";
import { runExerciseCheck } from "../../src/grading/run-check";
import { fixtureLab } from "../fixtures/grading/lab-definition";

const fixture = (name: string) => path.join(__dirname, "..", "fixtures", "grading", `double-${name}.ts`);
const external = {
  lab: fixtureLab,
  ref: { path: path.join(__dirname, "..", "fixtures", "grading", "lab-definition.ts"), exportName: "fixtureLab" },
};
const exercise = fixtureLab.exercises[0];

describe("runExerciseCheck (in process)", () => {
  it.each([
    { name: "good", status: "passed", points: 3, message: "" },
    { name: "wrong", status: "failed", points: 0, message: /wrong value/ },
    { name: "todo", status: "not_attempted", points: 0, message: /Not implemented yet.*double/ },
    { name: "throws", status: "failed", points: 0, message: /threw RangeError: boom/ },
    { name: "nan", status: "failed", points: 0, message: /returned NaN/ },
  ])("$name → $status", async ({ name, status, points, message }) => {
    const mod = await import(fixture(name));
    const r = await runExerciseCheck(fixtureLab, exercise, mod);
    expect(r.status).toBe(status);
    expect(r.points).toBe(points);
    expect(r.maxPoints).toBe(3);
    if (typeof message === "string") expect(r.message).toBe(message);
    else expect(r.message).toMatch(message);
  });

  it("reports expected vs got and the likely cause on a wrong answer", async () => {
    const r = await runExerciseCheck(fixtureLab, exercise, await import(fixture("wrong")));
    expect(r).toMatchObject({ expected: "42", got: "23", likelyCause: "Multiply by 2, not add 2." });
  });

  it("says where learner code threw", async () => {
    const r = await runExerciseCheck(fixtureLab, exercise, { double: () => { throw new Error("x"); } });
    expect(r.status).toBe("failed");
  });

  it("stops a check whose promise never settles", async () => {
    const slow = { ...exercise, timeoutMs: 200, check: () => new Promise<void>(() => {}) };
    const r = await runExerciseCheck(fixtureLab, slow, {} as never);
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(/did not finish within 0.2 s/);
    expect(r.likelyCause).toMatch(/endless loop/);
  });
});

describe("checkInWorker", () => {
  it("grades a file fresh in a worker", async () => {
    const [r] = await checkInWorker("99-fixture", { modulePath: fixture("good"), external });
    expect(r.status).toBe("passed");
  });

  it("survives a synchronous infinite loop: the worker is terminated at the time limit", async () => {
    const started = Date.now();
    const [r] = await checkInWorker("99-fixture", { modulePath: fixture("hangs"), external });
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(/did not finish within 1.5 s/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("reports a file that does not load, naming the file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labs-"));
    const broken = path.join(dir, "double-broken.ts");
    fs.writeFileSync(broken, "export function double(x: number): number {\n  return 2 * * x;\n}\n");
    const [r] = await checkInWorker("99-fixture", { modulePath: broken, external });
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(/Could not load .*double-broken\.ts/);
  });
});
