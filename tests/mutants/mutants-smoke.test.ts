import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { EquivalentEntry } from "../../src/mutants/equivalent";
import { runMutants } from "../../src/mutants/run-mutants";
import { fromRoot } from "../../src/project-root";

const FIXTURE = "tests/fixtures/mutants";
const target = {
  labId: "fixture-mutants",
  checksFile: `${FIXTURE}/checks.ts`,
  solutionFile: `${FIXTURE}/solution.ts`,
};
const survivor = {
  lab: target.labId,
  file: target.solutionFile,
  mutator: "EqualityOperator",
  replacement: "x >= 0",
};

/*
 * The whole tool on a two-exercise fixture lab, through StrykerJS and the course-checks runner:
 * mutants of `add` are killed, the boundary mutant of `isPositive` survives. CI catches a
 * broken tool here without running the full mutation suite (`npm run mutants`).
 */
describe("npm run mutants on a fixture lab", () => {
  it("grades every mutant with the lab's checks, excludes listed equivalents and reports stale ones", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mutants-smoke-"));
    const equivalentsFile = path.join(dir, "equivalent.json");
    const listed: EquivalentEntry[] = [
      { ...survivor, line: 11, reason: "fixture: pretend 0 counts as positive" },
      {
        ...survivor,
        line: 5,
        replacement: "a * b",
        reason: "fixture: matches no mutant, so it is stale",
      },
    ];
    fs.writeFileSync(equivalentsFile, JSON.stringify(listed));

    const summary = await runMutants({
      targets: [target],
      projectRoot: fromRoot(),
      reportDir: dir,
      equivalentsFile,
      concurrency: 1,
    });

    const [lab] = summary.labs;
    // add: a + b → a - b. isPositive: x > 0 → true, false, x >= 0, x <= 0.
    expect(lab).toMatchObject({
      labId: target.labId,
      total: 5,
      killed: 4,
      survived: 1,
      timeout: 0,
      noCoverage: 0,
      equivalentExcluded: 1,
    });
    expect(lab.score).toBe(100);
    expect(lab.survivors).toEqual([]);
    expect(summary.staleEquivalents).toEqual([listed[1]]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "summary.json"), "utf8")).labs[0].killed).toBe(
      4,
    );
    expect(fs.readFileSync(path.join(dir, `${target.labId}.html`), "utf8")).toContain("<html");
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
