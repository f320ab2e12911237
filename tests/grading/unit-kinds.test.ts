import { describe, expect, it } from "vitest";
import { forLearner } from "../../src/course/actions";
import { runExerciseCheck } from "../../src/grading/run-check";
import { defineLab } from "../../src/grading/types";

const exam = defineLab<{ answer(): number }>({
  id: "exam-fixture",
  kind: "exam",
  title: "Exam fixture",
  summary: "An exam task.",
  exercises: [
    {
      id: "task-1",
      title: "Task 1",
      points: 5,
      exports: ["answer"],
      hints: [], // exams have no hints
      check: async (m, ctx) => {
        await ctx.case("value", () => {
          if (m.answer() !== 42)
            throw Object.assign(new Error("wrong"), {
              name: "CheckFailure",
              details: {
                message: "wrong answer",
                expected: "42",
                got: String(m.answer()),
                likelyCause: "off by one",
              },
            });
        });
      },
    },
  ],
});

describe("unit kinds", () => {
  it("a lab needs hints, an exam does not", () => {
    expect(() =>
      defineLab({
        id: "x",
        title: "x",
        summary: "x",
        exercises: [{ id: "a", title: "a", points: 1, exports: [], hints: [], check: () => {} }],
      }),
    ).toThrow(/needs at least one hint/);
    expect(exam.exercises[0].hints).toEqual([]);
  });

  it("an exam's results never reveal expected values or likely causes", async () => {
    const r = await runExerciseCheck(exam, exam.exercises[0], { answer: () => 41 });
    expect(r).toMatchObject({ expected: "42", likelyCause: "off by one" });
    const [shown] = forLearner(exam, [r]);
    expect(shown.status).toBe("failed");
    expect(shown.expected).toBeUndefined();
    expect(shown.got).toBeUndefined();
    expect(shown.likelyCause).toBeUndefined();
    expect(shown.cases?.[0]).toEqual({
      name: "value",
      passed: false,
      weight: 1,
      message: "wrong answer",
    });
    // A lab shows everything.
    expect(forLearner({ kind: "lab" }, [r])[0].expected).toBe("42");
  });
});
