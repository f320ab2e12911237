/**
 * `npm run labs -- path` and `report` end to end, on a fixture progress file (through
 * ML_LABS_PROGRESS_FILE, so the project's own progress is never touched).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../../src/project-root";

function labs(args: string[], progressFile: string): { out: string; code: number } {
  try {
    const out = execFileSync(
      process.execPath,
      [fromRoot("node_modules", "tsx", "dist", "cli.mjs"), "src/cli/labs.ts", ...args],
      {
        cwd: fromRoot(),
        encoding: "utf8",
        env: { ...process.env, ML_LABS_PROGRESS_FILE: progressFile },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    return { out, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; status?: number };
    return { out: `${e.stdout ?? ""}${e.stderr ?? ""}`, code: e.status ?? -1 };
  }
}

function fixtureCopy(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labs-cli-report-"));
  const file = path.join(dir, "progress.json");
  fs.copyFileSync(
    name === "example"
      ? fromRoot("src", "analytics", "example-progress.json")
      : fromRoot("tests", "fixtures", "progress", name),
    file,
  );
  return file;
}

describe("npm run labs -- path / report", () => {
  it("path lists every certification; path <code> shows objectives with progress", () => {
    const file = fixtureCopy("example");
    const list = labs(["path"], file);
    expect(list.code, list.out).toBe(0);
    for (const id of [
      "tensorflow-developer",
      "gcp-pmle",
      "aws-mla-c01",
      "azure-ai-102",
      "databricks-ml-associate",
    ])
      expect(list.out).toContain(id);
    const one = labs(["path", "tensorflow"], file);
    expect(one.code, one.out).toBe(0);
    expect(one.out).toMatch(/3\.1\s+Convolutional.*\[100 %\]/); // cnn-model passed in the fixture
    expect(one.out).toMatch(/✔ cnn-model/);
    const none = labs(["path", "nope"], file);
    expect(none.code).toBe(2);
    expect(none.out).toMatch(/No single certification matches "nope"/);
  }, 60_000);

  it("report prints the summary and writes a self-contained HTML file", () => {
    const file = fixtureCopy("example");
    const html = path.join(path.dirname(file), "out", "report.html");
    const r = labs(["report", "--html", html], file);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/Score: 13\/\d+ points/);
    expect(r.out).toMatch(/Mock exams/);
    expect(fs.readFileSync(html, "utf8")).toMatch(/<svg/);
  }, 60_000);

  it("report on a v1 file migrates it (and keeps the original)", () => {
    const file = fixtureCopy("v1-mixed.json");
    const r = labs(["report", "--html", path.join(path.dirname(file), "r.html")], file);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/from before progress v2/);
    // Reading does not rewrite the file: it stays v1 until something is saved.
    expect(JSON.parse(fs.readFileSync(file, "utf8")).version).toBe(1);
  }, 60_000);
});
