/**
 * The course self-check (rustlings' `dev check`, nbgrader's --invert): for every lab,
 * every check passes on the reference solution, fails on the untouched stub, and rejects
 * each known-wrong answer. A check that cannot fail is a bug.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { allLabs } from "../../src/course/manifest";
import { solutionFilePath } from "../../src/course/paths";
import { stubForLab } from "../../src/course/stubs";
import { runExerciseCheck } from "../../src/grading/run-check";
import { fromRoot } from "../../src/project-root";
import { wrongAnswersFor } from "../wrong-answers";

/** Writes the generated stub where its relative imports (../src/…) resolve, and loads it. */
async function loadStub(labId: string): Promise<Record<string, unknown>> {
  const dir = fromRoot(".selfcheck");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${labId}.ts`);
  fs.writeFileSync(file, stubForLab(labId));
  return (await import(file)) as Record<string, unknown>;
}

/** Deep-learning labs train models in their checks: allow minutes, not the unit-test default. */
const LAB_TIMEOUT_MS = 10 * 60_000;

describe.each(allLabs().map((lab) => [lab.id, lab] as const))("lab %s", (labId, lab) => {
  it("has a notebook and a solution file", () => {
    for (const file of [fromRoot("notebooks", `${labId}.ipynb`), solutionFilePath(labId)]) {
      expect(fs.existsSync(file), file).toBe(true);
    }
  });

  it(
    "every check passes on the reference solution",
    async () => {
      const solution = (await import(solutionFilePath(labId))) as never;
      for (const ex of lab.exercises) {
        const result = await runExerciseCheck(lab, ex, solution);
        expect(result.status, `${ex.id}: ${result.message} ${result.likelyCause ?? ""}`).toBe(
          "passed",
        );
      }
    },
    LAB_TIMEOUT_MS,
  );

  it(
    "every check fails (not attempted) on the untouched stub",
    async () => {
      const stub = (await loadStub(labId)) as never;
      for (const ex of lab.exercises) {
        const result = await runExerciseCheck(lab, ex, stub);
        expect(result.status, ex.id).toBe("not_attempted");
      }
    },
    LAB_TIMEOUT_MS,
  );

  it(
    "every exercise has known-wrong answers, and its check rejects each one",
    async () => {
      const solution = (await import(solutionFilePath(labId))) as Record<string, unknown>;
      const wrong = await wrongAnswersFor(labId);
      for (const ex of lab.exercises) {
        expect(
          wrong.filter((w) => w.exercise === ex.id).length,
          `known-wrong answers for ${ex.id}`,
        ).toBeGreaterThan(0);
      }
      for (const w of wrong) {
        const ex = lab.exercises.find((e) => e.id === w.exercise);
        expect(ex, `wrong answer names unknown exercise ${w.exercise}`).toBeDefined();
        if (!ex) continue;
        const result = await runExerciseCheck(lab, ex, {
          ...solution,
          ...(w.impl as object),
        } as never);
        expect(result.status, `${ex.id} accepted a known-wrong answer: ${w.mistake}`).toBe(
          "failed",
        );
        if (w.expectMessage) {
          expect(
            `${result.message} ${result.likelyCause ?? ""}`,
            `${ex.id} / ${w.mistake}`,
          ).toMatch(w.expectMessage);
        }
      }
    },
    LAB_TIMEOUT_MS,
  );
});
