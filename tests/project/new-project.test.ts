/**
 * `npm run labs -- new-project`: the column rules and clear load errors (fast, in process), the
 * CLI's errors, and the scaffolded notebook EXECUTED top to bottom in the tslab kernel on three
 * bundled datasets the template never saw (wine, diabetes, auto_mpg) and on a deliberately messy
 * CSV (an id column, a constant column, free text with quoted commas and line breaks, gaps, a
 * stray "?", a text target with a missing value).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/data/csv";
import { seededRandom } from "../../src/data/random";
import { formatRunFailure, runNotebook } from "../../src/jupyter/run-notebook";
import { newProject } from "../../src/project/scaffold";
import {
  detectTask,
  FeaturePipeline,
  loadProjectCsv,
  prepareTarget,
  profileColumns,
  splitTrainTest,
} from "../../src/project/workflow";
import { fromRoot } from "../../src/project-root";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ml-labs-projects-"));
const projects = path.join(tmp, "projects");
process.env.ML_LABS_PROJECTS_DIR = projects;
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** 150 customers: every kind of mess a real export has. */
function messyCsv(): string {
  const random = seededRandom(7);
  const plans = ["basic", "pro", "family"];
  const lines = ["customer_id,country,plan,monthly_fee,tenure_months,comment,churned"];
  for (let i = 0; i < 150; i++) {
    const plan = random() < 0.08 ? "" : plans[Math.floor(random() * 3)]!;
    const tenure = Math.floor(random() * 60);
    const fee =
      (plan === "family" ? 30 : plan === "pro" ? 20 : 10) + Math.round(random() * 50) / 10;
    const feeCell = i === 17 ? "?" : i === 23 ? "unknown" : random() < 0.1 ? "" : String(fee);
    const churn = random() < 0.7 - tenure / 100 - (plan === "family" ? 0.2 : 0) ? "yes" : "no";
    const comment =
      i % 3 === 0
        ? `"Called twice, said ""too expensive"", wants a discount"`
        : i % 3 === 1
          ? `"Happy overall,\nbut the app is slow"`
          : `no comment ${i}`;
    lines.push(
      [`C-${1000 + i}`, "NL", plan, feeCell, tenure, comment, i === 40 ? "" : churn].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

const messyFile = path.join(tmp, "customers messy.csv");
fs.writeFileSync(messyFile, messyCsv());

describe("the project workflow's rules", () => {
  const table = loadProjectCsv(messyFile);
  const profiles = profileColumns(table, "churned");
  const role = (name: string) => profiles.find((p) => p.name === name)!.role;

  it("gives every messy column the right role", () => {
    expect(table.rows).toHaveLength(150);
    expect(role("customer_id")).toBe("id");
    expect(role("country")).toBe("constant");
    expect(role("plan")).toBe("categorical");
    expect(role("monthly_fee")).toBe("numeric");
    expect(role("tenure_months")).toBe("numeric");
    expect(role("comment")).toBe("text");
    expect(role("churned")).toBe("target");
    const fee = profiles.find((p) => p.name === "monthly_fee")!;
    expect(fee.nonNumeric).toBe(1);
    expect(fee.note).toMatch(/1 cell\(s\) that are not numbers treated as missing/);
  });

  it("detects the task from the target, and drops rows without one", () => {
    const t = profiles.find((p) => p.role === "target")!;
    expect(detectTask(table, t).task).toBe("classification");
    const target = prepareTarget(table, t, "classification");
    expect(target.classNames).toEqual(["no", "yes"]);
    expect(target.dropped).toBe(1);
    const wine = loadProjectCsv("datasets/tabular/wine.csv");
    const wineTarget = profileColumns(wine, "target").find((p) => p.role === "target")!;
    expect(detectTask(wine, wineTarget).task).toBe("classification");
    const diabetes = loadProjectCsv("datasets/tabular/diabetes.csv");
    const dTarget = profileColumns(diabetes, "target").find((p) => p.role === "target")!;
    expect(detectTask(diabetes, dTarget).task).toBe("regression");
    // A row number is an id, a unique measurement is not.
    const ids = profileColumns(
      parseCsv(
        `n,area,y\n${[...Array(20)].map((_, i) => `${i + 1},${(i * 1.37) ** 2},${i % 2}`).join("\n")}`,
        "x.csv",
      ),
      "y",
    );
    expect(ids.map((p) => p.role)).toEqual(["id", "numeric", "target"]);
  });

  it("learns the feature preparation from the training rows only", () => {
    const target = prepareTarget(
      table,
      profiles.find((p) => p.role === "target")!,
      "classification",
    );
    const split = splitTrainTest(target, { seed: 1 });
    expect(split.stratified).toBe(true);
    const before = new FeaturePipeline(table, profiles).fit(split.train).transform(split.train);
    // Changing a test row must not change anything learned.
    const fee = table.header.indexOf("monthly_fee");
    const saved = table.rows[split.test[0]!]![fee]!;
    table.rows[split.test[0]!]![fee] = "100000";
    const after = new FeaturePipeline(table, profiles).fit(split.train).transform(split.train);
    table.rows[split.test[0]!]![fee] = saved;
    expect(after).toEqual(before);
    const pipe = new FeaturePipeline(table, profiles).fit(split.train);
    expect(pipe.featureNames).toEqual([
      "monthly_fee",
      "tenure_months",
      ...pipe.featureNames.slice(2),
    ]);
    expect(pipe.featureNames.slice(2).sort()).toEqual(["plan=basic", "plan=family", "plan=pro"]);
  });

  it("load errors name the file and the line", () => {
    const bad = path.join(tmp, "bad.csv");
    fs.writeFileSync(bad, "a,b,c\n1,2,3\n4,5,6,7\n");
    expect(() => loadProjectCsv(bad)).toThrow(
      /Could not load .*bad\.csv: line 3: expected 3 fields, got 4\. Check that line: a comma inside a value needs the value in double quotes/,
    );
    fs.writeFileSync(bad, "a;b;c\n1;2;3\n");
    expect(() => loadProjectCsv(bad)).toThrow(/the file seems to separate values with semicolons/);
    fs.writeFileSync(bad, "a,a\n1,2\n");
    expect(() => loadProjectCsv(bad)).toThrow(/has 1 data rows: too few/);
    expect(() => profileColumns(table, "churn")).toThrow(
      /The target column "churn" is not in .*Its columns are: customer_id, country, plan/,
    );
  });
});

describe("npm run labs -- new-project", () => {
  const labs = (...args: string[]) => {
    try {
      return {
        code: 0,
        out: execFileSync(
          process.execPath,
          [
            fromRoot("node_modules", "tsx", "dist", "cli.mjs"),
            "src/cli/labs.ts",
            "new-project",
            ...args,
          ],
          {
            cwd: fromRoot(),
            env: { ...process.env, ML_LABS_PROJECTS_DIR: projects, INIT_CWD: tmp },
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
          },
        ),
      };
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; status?: number };
      return { code: e.status ?? -1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
    }
  };

  it("scaffolds from a CSV given relative to where npm was run, and refuses to overwrite", () => {
    const r = labs("churn", "--data", "customers messy.csv", "--target", "churned");
    expect(r.out).toMatch(
      /Created .*churn\/: project\.ipynb, data\/customers messy\.csv, README\.md/,
    );
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(projects, "churn", "project.ipynb"))).toBe(true);
    const again = labs("churn", "--data", "customers messy.csv", "--target", "churned");
    expect(again.code).not.toBe(0);
    expect(again.out).toMatch(/already exists: pick another name.*Nothing was changed/);
  });

  it("names the problem: a missing file, an unknown target, a bad name", () => {
    expect(labs("x1", "--data", "nope.csv").out).toMatch(/--data: there is no file nope\.csv/);
    // The same checks in process (a CLI start costs seconds).
    const cwd = process.env.INIT_CWD;
    process.env.INIT_CWD = tmp;
    try {
      expect(() => newProject("x2", { data: "customers messy.csv", target: "churn" })).toThrow(
        /The target column "churn" is not in/,
      );
      expect(() => newProject("my project")).toThrow(/"my project" cannot be a project name/);
      expect(() => newProject("x3", { data: "customers messy.csv", task: "clustering" })).toThrow(
        /--task must be classification, regression or auto/,
      );
    } finally {
      if (cwd === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = cwd;
    }
    expect(fs.existsSync(path.join(projects, "x2"))).toBe(false);
  });
});

describe("the scaffolded notebook runs top to bottom", () => {
  const cases = [
    {
      name: "wine",
      data: fromRoot("datasets/tabular/wine.csv"),
      target: "target",
      task: "classification",
      metric: /macro-F1/,
    },
    {
      name: "diabetes",
      data: fromRoot("datasets/tabular/diabetes.csv"),
      target: "target",
      task: "regression",
      metric: /RMSE/,
    },
    {
      name: "auto-mpg",
      data: fromRoot("datasets/tabular/auto_mpg.csv"),
      target: "mpg",
      task: "regression",
      metric: /RMSE/,
    },
    {
      name: "messy",
      data: messyFile,
      target: "churned",
      task: "classification",
      metric: /macro-F1/,
    },
  ];
  it.each(cases)("$name", async (c) => {
    const p = newProject(c.name, { data: c.data, target: c.target });
    const result = await runNotebook(p.notebook, { cwd: fromRoot(), cellTimeoutMs: 120_000 });
    expect(result.ok, formatRunFailure(result)).toBe(true);
    expect(result.notRun).toEqual([]);
    const all = result.cells.map((x) => `${x.stdout}${x.displayTexts.join("\n")}`).join("\n");
    expect(all).toMatch(new RegExp(`Task: ${c.task}`));
    expect(all).toMatch(c.metric);
    expect(all).toMatch(/Chosen by cross-validation: /);
    expect(result.cells.filter((x) => x.stderr !== "").map((x) => x.stderr)).toEqual([]);
    const report = fs.readFileSync(path.join(p.dir, "report", "report.md"), "utf8");
    expect(report).toMatch(/## Results/);
    const figures = [...report.matchAll(/\]\((figures\/[\w-]+\.svg)\)/g)].map((m) => m[1]!);
    expect(figures.length).toBeGreaterThanOrEqual(3);
    for (const f of figures)
      expect(fs.readFileSync(path.join(p.dir, "report", f), "utf8")).toMatch(/^<svg/);
    if (c.name === "messy") {
      expect(report).toMatch(/Dropped: `customer_id`, `country`, `comment`/);
      expect(all).toMatch(/1 row\(s\) have no churned and are left out/);
    }
    // The model beats the baseline on the test rows.
    const score = (line: RegExp) => Number(all.match(line)?.[1]);
    if (c.task === "regression") {
      expect(score(/\n(?:linear regression)\s+([\d.]+)/)).toBeLessThan(
        score(/\nbaseline \(training mean\)\s+([\d.]+)/),
      );
    }
  }, 150_000);
});
