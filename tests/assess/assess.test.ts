/**
 * The self-assessment: reference answers score 100 %, known-wrong answers lose exactly the
 * credit they should (with feedback naming the failed input), advice follows the weak
 * domains, and attempts are saved in progress v2 (also over a v1 file) and shown again.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Answers,
  answersTemplate,
  assessmentHistory,
  DOMAINS,
  findQuestion,
  formatAssessment,
  gradeAssessment,
  gradeQuestion,
  LABS_FOR_DOMAIN,
  normaliseAnswers,
  QUESTIONS,
  recommend,
  STRONG_START,
  saveAssessment,
} from "../../src/assess";
import { unitIds } from "../../src/course/manifest";
import { readProgress } from "../../src/grading/progress";
import { fromRoot } from "../../src/project-root";

function referenceAnswers(): Answers {
  return Object.fromEntries(
    QUESTIONS.map((q) => [
      q.id,
      q.kind === "function" ? q.example : q.kind === "number" ? q.answer : q.answer,
    ]),
  );
}

function tempProgress(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "assess-")), "progress.json");
}

describe("questions", () => {
  it("about 30 questions, at least 4 per domain, most answered by computing", () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(28);
    for (const d of DOMAINS)
      expect(QUESTIONS.filter((q) => q.domain === d.id).length).toBeGreaterThanOrEqual(4);
    const computed = QUESTIONS.filter((q) => q.kind !== "choice").length;
    expect(computed / QUESTIONS.length).toBeGreaterThan(0.6);
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
  });

  it("the reference answers (function examples as source text) score 100 %", async () => {
    const r = await gradeAssessment(referenceAnswers());
    const wrong = r.questions.filter((q) => q.score !== 1).map((q) => `${q.id}: ${q.feedback}`);
    expect(wrong).toEqual([]);
    expect(r.score).toBe(1);
    expect(r.answered).toBe(QUESTIONS.length);
    expect(r.recommendation.startLab).toBe(STRONG_START);
  });

  it("blank answers score 0 and count as not answered", async () => {
    const r = await gradeAssessment({});
    expect(r.answered).toBe(0);
    expect(r.score).toBe(0);
    expect(r.domains.every((d) => d.fraction === 0)).toBe(true);
  });
});

describe("grading", () => {
  it("numbers: fractions and numeric strings accepted, within the tolerance only", async () => {
    const dice = findQuestion("prob-dice");
    expect((await gradeQuestion(dice, "1/6")).score).toBe(1);
    expect((await gradeQuestion(dice, 0.1667)).score).toBe(1);
    expect((await gradeQuestion(dice, 0.17)).score).toBe(0);
    const bad = await gradeQuestion(dice, "one sixth");
    expect(bad.answered).toBe(true);
    expect(bad.feedback).toMatch(/not a number/);
    const params = findQuestion("ml-dense-params");
    expect((await gradeQuestion(params, 100352)).score).toBe(0); // forgot the biases
    expect((await gradeQuestion(params, "100480")).score).toBe(1);
  });

  it("choices: the letter, case and trailing text ignored", async () => {
    const q = findQuestion("ml-loss-choice");
    expect((await gradeQuestion(q, "C")).score).toBe(1);
    expect((await gradeQuestion(q, "c) sparse")).score).toBe(1);
    expect((await gradeQuestion(q, "d")).score).toBe(0);
    expect((await gradeQuestion(q, "z")).feedback).toMatch(/choose one of a, b, c, d/);
  });

  it("functions: partial credit, and the feedback names the failed input", async () => {
    const all = await gradeQuestion(
      findQuestion("prog-sequential"),
      "async (items, fn) => Promise.all(items.map(fn))",
    );
    expect(all.score).toBeCloseTo(2 / 3);
    expect(all.feedback).toMatch(/wrong on: one call at a time/);
    const naive = await gradeQuestion(
      findQuestion("ml-softmax"),
      "(z) => { const e = z.map(Math.exp); const s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); }",
    );
    expect(naive.score).toBeCloseTo(2 / 3);
    expect(naive.feedback).toMatch(/no overflow/);
    const sample = await gradeQuestion(
      findQuestion("stat-mean-variance"),
      "(xs) => { const m = xs.reduce((s, v) => s + v, 0) / xs.length; return { mean: m, variance: xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1) }; }",
    );
    expect(sample.score).toBeCloseTo(1 / 3); // sample variance: only the constant list passes
    expect(sample.feedback).toMatch(/population, not sample/);
  });

  it("functions: TypeScript syntax compiles; syntax errors, throws and endless loops are reported", async () => {
    const q = findQuestion("la-matvec");
    const typed = await gradeQuestion(
      q,
      "(a: number[][], x: number[]): number[] => a.map((row) => row.reduce((s, v, j) => s + v * x[j], 0))",
    );
    expect(typed.score).toBe(1);
    expect((await gradeQuestion(q, "(a, x) => a.map(r => r[0]")).feedback).toMatch(
      /does not compile/,
    );
    expect((await gradeQuestion(q, "(a) => { throw new RangeError('nope'); }")).feedback).toMatch(
      /threw RangeError: nope/,
    );
    const loop = await gradeQuestion(q, "(a) => { while (true) {} }");
    expect(loop.score).toBe(0);
    expect(loop.feedback).toMatch(/ran too long/);
    expect((await gradeQuestion(q, "42")).feedback).toMatch(/is a number, not a function/);
  }, 20_000);

  it("functions given as real functions (the notebook) are graded the same way", async () => {
    const q = findQuestion("prog-counter");
    expect(
      (
        await gradeQuestion(q, () => {
          let n = 0;
          return () => ++n;
        })
      ).score,
    ).toBe(1);
    // A shared counter: the second counter does not start at 1.
    let shared = 0;
    const r = await gradeQuestion(q, () => () => ++shared);
    expect(r.score).toBe(0.5);
    expect(r.feedback).toMatch(/two counters are independent/);
  });
});

describe("recommendations", () => {
  it("every recommended lab exists in the manifest", () => {
    for (const { labs } of Object.values(LABS_FOR_DOMAIN))
      for (const lab of labs) expect(unitIds).toContain(lab);
    expect(unitIds).toContain(STRONG_START);
  });

  it("weak domains, weakest first, each with its labs; the start is the earliest of them", async () => {
    const answers = referenceAnswers();
    for (const q of QUESTIONS.filter(
      (x) => x.domain === "linear-algebra" || x.domain === "probability",
    ))
      answers[q.id] = undefined;
    answers["prob-dice"] = "1/6"; // probability 1/5, linear algebra 0/5
    const r = await gradeAssessment(answers);
    expect(r.recommendation.weak.map((w) => w.domain)).toEqual(["linear-algebra", "probability"]);
    expect(r.recommendation.weak[0].labs).toEqual(["02-linear-algebra"]);
    expect(r.recommendation.startLab).toBe("02-linear-algebra");
    const text = formatAssessment(r);
    expect(text).toMatch(/Linear algebra\s+░+\s+0 %/);
    expect(text).toMatch(/Start with: 02-linear-algebra/);
  });

  it("programming says honestly that no lab teaches TypeScript", () => {
    const r = recommend(
      DOMAINS.map((d) => ({
        domain: d.id,
        title: d.title,
        fraction: d.id === "programming" ? 0 : 1,
      })),
    );
    expect(r.weak[0].note).toMatch(/No lab teaches TypeScript/);
  });
});

describe("saved attempts", () => {
  it("each attempt is saved; the next result shows the change per domain", async () => {
    const file = tempProgress();
    const first = await gradeAssessment({ "la-dot": 32 }, new Date("2026-11-01T10:00:00Z"));
    expect(saveAssessment(first, "file", file).saved).toBe(true);
    const second = await gradeAssessment(referenceAnswers(), new Date("2026-11-08T10:00:00Z"));
    expect(saveAssessment(second, "terminal", file).saved).toBe(true);
    const history = assessmentHistory(file);
    expect(history.map((h) => h.source)).toEqual(["file", "terminal"]);
    expect(history[0].domains["linear-algebra"]).toEqual({ earned: 1, total: 5 });
    expect(history[1].score).toBe(1);
    expect(formatAssessment(second, history[0])).toMatch(
      /Linear algebra .*100 %.*\(\+80 since last time\)/,
    );
  });

  it("over a v1 progress file: migrated, lab progress kept, the v1 original backed up", async () => {
    const file = tempProgress();
    fs.copyFileSync(fromRoot("tests", "fixtures", "progress", "v1-mixed.json"), file);
    const r = await gradeAssessment({ "la-dot": 32 });
    expect(saveAssessment(r, "file", file).saved).toBe(true);
    const p = readProgress(file);
    expect(p.schemaVersion).toBe(2);
    expect(p.assessments).toHaveLength(1);
    expect(p.labs["01-gradient-descent"]["mse-loss"].attemptCount).toBe(3);
    expect(fs.existsSync(file.replace(/\.json$/, ".v1.json"))).toBe(true);
  });

  it("a v2 file written before assessments existed is valid and gains the section", async () => {
    const file = tempProgress();
    fs.writeFileSync(file, JSON.stringify({ schemaVersion: 2, labs: {}, exams: {} }));
    expect(assessmentHistory(file)).toEqual([]);
    saveAssessment(await gradeAssessment({}), "notebook", file);
    expect(assessmentHistory(file)).toHaveLength(1);
  });
});

describe("npm run labs -- assess", () => {
  const run = (args: string[], env: Record<string, string>) => {
    try {
      return {
        out: execFileSync(
          process.execPath,
          [fromRoot("node_modules", "tsx", "dist", "cli.mjs"), "src/cli/labs.ts", ...args],
          {
            cwd: fromRoot(),
            encoding: "utf8",
            env: { ...process.env, ...env },
            stdio: ["ignore", "pipe", "pipe"],
          },
        ),
        code: 0,
      };
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; status?: number };
      return { out: `${e.stdout ?? ""}${e.stderr ?? ""}`, code: e.status ?? -1 };
    }
  };

  it("--template writes a file; --answers grades it and saves; without a terminal it explains", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "assess-cli-"));
    const env = { ML_LABS_PROGRESS_FILE: path.join(dir, "progress.json") };
    const template = path.join(dir, "answers.json");
    expect(run(["assess", "--template", template], env).code).toBe(0);
    const filled = JSON.parse(fs.readFileSync(template, "utf8")) as Record<
      string,
      { answer: unknown }
    >;
    expect(Object.keys(filled)).toHaveLength(QUESTIONS.length);
    filled["la-dot"].answer = 32;
    filled["prog-counter"].answer = "() => { let n = 0; return () => ++n; }";
    filled["ml-loss-choice"].answer = "d";
    fs.writeFileSync(template, JSON.stringify(filled));
    const graded = run(["assess", "--answers", template], env);
    expect(graded.code, graded.out).toBe(0);
    expect(graded.out).toMatch(/✔ la-dot/);
    expect(graded.out).toMatch(/✔ prog-counter/);
    expect(graded.out).toMatch(/✘ ml-loss-choice .*sparse/);
    expect(graded.out).toMatch(/Overall: 6 % · 3\/31 answered/);
    expect(graded.out).toMatch(/Saved \(attempt 1\)/);
    expect(assessmentHistory(env.ML_LABS_PROGRESS_FILE)).toHaveLength(1);
    const noTty = run(["assess"], env);
    expect(noTty.code).toBe(2);
    expect(noTty.out).toMatch(/--template answers.json/);
  }, 60_000);

  it("normaliseAnswers takes the template shape or plain answers", () => {
    const t = answersTemplate();
    t["la-dot"].answer = "32";
    expect(normaliseAnswers(t)["la-dot"]).toBe("32");
    expect(normaliseAnswers({ "la-dot": 32 })["la-dot"]).toBe(32);
    expect(() => normaliseAnswers([1])).toThrow(/JSON object/);
  });
});
